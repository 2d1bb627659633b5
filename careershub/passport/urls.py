from django.urls import path

from . import views

app_name = "passport"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("young-people/<int:pk>/", views.passport, name="passport"),
    path("young-people/<int:pk>/passport.pdf", views.passport_pdf, name="passport_pdf"),
    path("evidence/new/", views.evidence_create, name="evidence_create"),
    path("evidence/<int:pk>/", views.evidence_detail, name="evidence_detail"),
    path("evidence/<int:pk>/edit/", views.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/delete/", views.evidence_delete, name="evidence_delete"),
    path("evidence/<int:pk>/send/", views.evidence_submit, name="evidence_submit"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("evidence/<int:pk>/credential.json", views.credential_download, name="credential_download"),
    path("evidence/<int:pk>/revoke/", views.credential_revoke, name="credential_revoke"),
    path("endorsements/", views.queue, name="queue"),
    path("endorsements/<int:pk>/", views.endorse, name="endorse"),
    path("share/", views.share_links, name="share_links"),
    path("share/<int:pk>/switch-off/", views.share_link_revoke, name="share_link_revoke"),
    path("shared/<str:token>/", views.shared, name="shared"),
    path("verify/", views.verify, name="verify"),
    path("frameworks/", views.framework_list, name="framework_list"),
    path("frameworks/new/", views.framework_draft, name="framework_draft"),
    path("frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("frameworks/<int:pk>/edit/", views.framework_edit, name="framework_edit"),
    path("frameworks/<int:pk>/comments/", views.framework_comment, name="framework_comment"),
    path("frameworks/<int:pk>/status/", views.framework_status, name="framework_status"),
    path("frameworks/<int:pk>/skills/new/", views.skill_edit, name="skill_add"),
    path("frameworks/<int:pk>/skills/<int:skill_pk>/edit/", views.skill_edit, name="skill_edit"),
    path("frameworks/<int:pk>/skills/<int:skill_pk>/remove/", views.skill_remove, name="skill_remove"),
]
