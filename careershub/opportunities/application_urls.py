"""Applying, following applications, and the host's decisions and messages (mounted under /opportunities/)."""
from django.urls import path

from . import application_views as views

urlpatterns = [
    path("<int:pk>/apply/", views.apply, name="apply"),
    path("<int:pk>/apply/check/", views.apply_check, name="apply_check"),
    path("<int:pk>/applicants/", views.applicants, name="applicants"),
    path("applications/<int:pk>/sent/", views.application_submitted, name="application_submitted"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("applications/<int:pk>/messages/", views.message_send, name="message_send"),
    path("my-applications/", views.my_applications, name="my_applications"),
    path("school-applications/", views.school_applications, name="school_applications"),
]
