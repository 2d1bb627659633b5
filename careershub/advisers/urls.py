from django.urls import path

from . import views

app_name = "advisers"
urlpatterns = [
    path("my-schools/", views.my_schools, name="my_schools"),
]
