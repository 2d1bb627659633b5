from django.urls import path

from . import views

app_name = "network"
urlpatterns = [
    path("dashboard/", views.hub_dashboard, name="hub_dashboard"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("providers/<int:pk>/", views.provider_detail, name="provider_detail"),
    path("my-school/", views.my_school, name="my_school"),
    path("my-employer/", views.my_employer, name="my_employer"),
    path("my-organisation/", views.my_provider, name="my_provider"),
]
