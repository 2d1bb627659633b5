from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("provider/", views.provider_dashboard, name="provider_dashboard"),
    path("school/", views.school_referrals, name="school_referrals"),
    path("young-people/<int:young_person_pk>/refer/", views.referral_new, name="referral_new"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/consent/", views.referral_consent, name="referral_consent"),
    path("referrals/<int:pk>/accept/", views.referral_accept, name="referral_accept"),
    path("referrals/<int:pk>/end/", views.referral_close, name="referral_close"),
    path("referrals/<int:pk>/goals/", views.goals, name="goals"),
    path("referrals/<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("goals/<int:pk>/", views.goal_edit, name="goal_edit"),
    path("sessions/new/", views.session_new, name="session_new"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("sessions/<int:pk>/attendance/", views.session_attendance, name="session_attendance"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("sessions/<int:pk>/notes/", views.session_notes, name="session_notes"),
    path("safeguarding/", views.safeguarding, name="safeguarding"),
    path("safeguarding-leads/", views.safeguarding_leads, name="safeguarding_leads"),
    path("safeguarding-leads/providers/<int:provider_pk>/add/", views.provider_lead_add, name="provider_lead_add"),
    path("safeguarding-leads/schools/<int:school_pk>/add/", views.school_lead_add, name="school_lead_add"),
    path("safeguarding-leads/<str:kind>/<int:pk>/remove/", views.lead_remove, name="lead_remove"),
]
