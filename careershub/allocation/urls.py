from django.urls import path

from . import views

app_name = "allocation"
urlpatterns = [
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round_detail"),
    path("rounds/<int:pk>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:pk>/opportunities/", views.round_opportunities, name="round_opportunities"),
    path("rounds/<int:pk>/run/", views.round_run, name="round_run"),
    path("rounds/<int:pk>/publish/", views.round_publish, name="round_publish"),
    path("rounds/<int:pk>/my-choices/", views.my_choices, name="my_choices"),
    path("rounds/<int:pk>/my-result/", views.my_result, name="my_result"),
    path("entries/<int:pk>/ranking/", views.host_ranking, name="host_ranking"),
    path("runs/<int:pk>/outcomes/", views.outcomes, name="outcomes"),
]
