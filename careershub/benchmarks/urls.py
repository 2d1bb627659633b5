from django.urls import path

from . import action_views, gap_views, views

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
    path("gaps/", gap_views.gap_analysis, name="gap_analysis"),
    path("gaps/report.pdf", gap_views.hub_report, name="hub_report"),
    path("schools/<int:pk>/report.pdf", gap_views.school_report, name="school_report"),
    path("schools/<int:pk>/actions/new/", action_views.school_action_create, name="school_action_create"),
    path("actions/", action_views.action_list, name="action_list"),
    path("actions/new/", action_views.action_create, name="action_create"),
    path("actions/<int:pk>/", action_views.action_detail, name="action_detail"),
    path("actions/<int:pk>/edit/", action_views.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", action_views.action_progress, name="action_progress"),
]
