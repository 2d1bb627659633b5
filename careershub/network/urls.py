from django.urls import path

from . import directory_views, employer_views, provider_views, school_views, views

app_name = "network"
urlpatterns = [
    path("dashboard/", views.hub_dashboard, name="hub_dashboard"),
    path("schools/<int:pk>/", views.school_detail, name="school_detail"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("providers/<int:pk>/", views.provider_detail, name="provider_detail"),
    # The directory: schools and colleges, employers, providers, area hubs and growth sectors
    path("", directory_views.directory, name="directory"),
    path("schools/", school_views.school_list, name="school_list"),
    path("schools/add/", school_views.school_create, name="school_create"),
    path("schools/<int:pk>/edit/", school_views.school_edit, name="school_edit"),
    path("schools/import/", school_views.school_import, name="school_import"),
    path("schools/export/", school_views.school_export, name="school_export"),
    path("employers/", employer_views.employer_list, name="employer_list"),
    path("employers/add/", employer_views.employer_create, name="employer_create"),
    path("employers/<int:pk>/edit/", employer_views.employer_edit, name="employer_edit"),
    path("employers/import/", employer_views.employer_import, name="employer_import"),
    path("employers/export/", employer_views.employer_export, name="employer_export"),
    path("employers/<int:employer_pk>/contacts/add/", employer_views.contact_create, name="contact_create"),
    path("employers/<int:employer_pk>/contacts/<int:pk>/edit/", employer_views.contact_edit, name="contact_edit"),
    path("employers/<int:employer_pk>/contacts/<int:pk>/remove/", employer_views.contact_remove, name="contact_remove"),
    path("providers/", provider_views.provider_list, name="provider_list"),
    path("providers/add/", provider_views.provider_create, name="provider_create"),
    path("providers/<int:pk>/edit/", provider_views.provider_edit, name="provider_edit"),
    path("providers/<int:pk>/schools/", provider_views.provider_schools, name="provider_schools"),
    path("area-hubs/", directory_views.area_hub_list, name="area_hub_list"),
    path("area-hubs/add/", directory_views.area_hub_create, name="area_hub_create"),
    path("area-hubs/<int:pk>/edit/", directory_views.area_hub_edit, name="area_hub_edit"),
    path("growth-sectors/", directory_views.growth_sectors, name="growth_sectors"),
    path("growth-sectors/<str:sic_section>/edit/", directory_views.growth_sector_edit, name="growth_sector_edit"),
    path("my-school/", views.my_school, name="my_school"),
    path("my-employer/", views.my_employer, name="my_employer"),
    path("my-organisation/", views.my_provider, name="my_provider"),
]
