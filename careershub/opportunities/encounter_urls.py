"""Attendance registers and whole-group encounters."""
from django.urls import path

from . import encounter_views as views

urlpatterns = [
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("group-encounters/", views.group_encounters, name="group_encounters"),
    path("group-encounters/new/", views.group_encounter_new, name="group_encounter_new"),
    path("group-encounters/<int:pk>/", views.group_encounter_detail, name="group_encounter_detail"),
    path("group-encounters/<int:pk>/delete/", views.group_encounter_delete, name="group_encounter_delete"),
]
