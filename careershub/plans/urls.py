from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("guidance/", views.adviser_home, name="adviser_home"),
    path("guidance/young-people/<int:young_person_pk>/new/", views.interview_new, name="interview_new"),
    path("guidance/<int:pk>/", views.interview_detail, name="interview_detail"),
    path("guidance/<int:pk>/edit/", views.interview_edit, name="interview_edit"),
    path("guidance/next-steps/<int:pk>/done/", views.next_step_done, name="next_step_done"),
]
urlpatterns += [
    path("career-plan/", views.my_plan, name="my_plan"),
    path("career-plan/<int:young_person_pk>/", views.plan, name="plan"),
    path("career-plan/<int:young_person_pk>/edit/", views.plan_edit, name="plan_edit"),
    path("career-plan/goals/<int:pk>/done/", views.goal_done, name="goal_done"),
]
