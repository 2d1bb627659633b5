from django.urls import path

from . import views

app_name = "young_people"
urlpatterns = [
    path("me/", views.my_record, name="my_record"),
    path("my-children/", views.my_children, name="my_children"),
    path("<int:pk>/", views.detail, name="detail"),
]
