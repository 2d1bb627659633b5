from django.urls import path

from . import pledge_views

urlpatterns = [
    path("pledge/", pledge_views.pledge, name="pledge"),
    path("pledge/short/", pledge_views.pledge_short, name="pledge_short"),
]
