from django.urls import path

from . import views

app_name = "cohorts"
urlpatterns = [
    path("", views.cohort_list, name="list"),
    path("new/", views.cohort_create, name="create"),
    path("<int:pk>/", views.cohort_detail, name="detail"),
    path("<int:pk>/edit/", views.cohort_edit, name="edit"),
    path("<int:pk>/schools/add/", views.school_add, name="school_add"),
    path("<int:pk>/schools/<int:link_pk>/remove/", views.school_remove, name="school_remove"),
    path("<int:pk>/panel/", views.panel, name="panel"),
    path("<int:pk>/panel/<int:member_pk>/remove/", views.panel_remove, name="panel_remove"),
    path("<int:pk>/applicants/", views.applicants, name="applicants"),
    path("<int:pk>/selection/", views.selection, name="selection"),
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/applications/<int:application_pk>/", views.application_detail, name="application"),
    path("<int:pk>/applications/<int:application_pk>/support/", views.application_support, name="application_support"),
    path("<int:pk>/applications/<int:application_pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("<int:pk>/activities/add/", views.activity_add, name="activity_add"),
    path("<int:pk>/activities/<int:activity_pk>/edit/", views.activity_edit, name="activity_edit"),
    path("<int:pk>/activities/<int:activity_pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/ambassadors/", views.ambassadors, name="ambassadors"),
]
