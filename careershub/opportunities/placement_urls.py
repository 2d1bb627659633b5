"""Placements and their safeguarding checks."""
from django.urls import path

from . import placement_views as views

urlpatterns = [
    path("placements/", views.placement_list, name="placements"),
    path("placements/<int:pk>/", views.placement_detail, name="placement_detail"),
    path("placements/<int:pk>/checks/<slug:step>/", views.placement_check, name="placement_check"),
    path("placements/<int:pk>/confirm/", views.placement_confirm, name="placement_confirm"),
    path("placements/<int:pk>/cancel/", views.placement_cancel, name="placement_cancel"),
]
