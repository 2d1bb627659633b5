from django.urls import path

from . import parent_urls, views

app_name = "young_people"
urlpatterns = [
    path("", views.school_list, name="school_list"),
    # One school's young people, linked from the school's page; reversed with the school's id.
    path("schools/<int:school_pk>/", views.school_list, name="school_list"),
    path("me/", views.my_record, name="my_record"),
    path("my-children/", views.my_children, name="my_children"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/everything.json", views.everything_json, name="everything_json"),
    path("<int:pk>/everything.pdf", views.everything_pdf, name="everything_pdf"),
    *parent_urls.urlpatterns,
]
