"""The menu of opportunities: searching, an opportunity's page, hosting and the hub's review."""
from django.urls import path

from . import views

urlpatterns = [
    path("", views.menu, name="list"),
    path("new/", views.create, name="create"),
    path("ours/", views.hosted, name="hosted"),
    path("approvals/", views.review_queue, name="review_queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/review/", views.review, name="review"),
]
