from django.urls import path

from . import views

app_name = "advisers"
urlpatterns = [
    path("", views.adviser_list, name="list"),
    path("new/", views.adviser_create, name="create"),
    path("<int:pk>/", views.adviser_detail, name="detail"),
    path("<int:pk>/edit/", views.adviser_edit, name="edit"),
    path("<int:pk>/deactivate/", views.adviser_deactivate, name="deactivate"),
    path("schools-without-an-adviser/", views.unmatched_schools, name="unmatched_schools"),
    path("schools/<int:pk>/", views.school_matching, name="school_matching"),
    path("schools/<int:pk>/match/<int:adviser_pk>/", views.match_create, name="match_create"),
    path("matches/<int:pk>/end/", views.match_end, name="match_end"),
    path("my-schools/", views.my_schools, name="my_schools"),
]
