from django.urls import path

from . import views

app_name = "benchmarks"
urlpatterns = [
    path("", views.school_list, name="school_list"),
    path("my-school/", views.my_school, name="my_school"),
    path("hub/", views.hub, name="hub"),
    path("settings/", views.benchmark_settings, name="settings"),
    path("schools/<int:pk>/", views.school_overview, name="school_overview"),
    path("schools/<int:pk>/start/", views.assessment_start, name="assessment_start"),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/benchmarks/<int:number>/", views.assessment_benchmark, name="assessment_benchmark"),
    path("assessments/<int:pk>/check/", views.assessment_check, name="assessment_check"),
    path("assessments/<int:pk>/reopen/", views.assessment_reopen, name="assessment_reopen"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
]
