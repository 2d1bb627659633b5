from django.urls import path

from . import views, views_audit, views_people

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("home/", views.home, name="home"),
    path("admin/", views.admin_home, name="admin_home"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_done, name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    # Your account
    path("me/", views.account, name="account"),
    path("me/password/", views.password_change, name="password_change"),
    path("me/api-tokens/", views.api_tokens, name="api_tokens"),
    path("me/api-tokens/<int:pk>/revoke/", views.api_token_revoke, name="api_token_revoke"),
    # People management
    path("people/", views_people.people, name="people"),
    path("people/add/", views_people.person_add, name="person_add"),
    path("people/<int:pk>/", views_people.person_detail, name="person_detail"),
    path("people/<int:pk>/roles/add/", views_people.person_role_add, name="person_role_add"),
    path("people/<int:pk>/roles/<int:assignment_pk>/remove/", views_people.person_role_remove, name="person_role_remove"),
    path("people/<int:pk>/deactivate/", views_people.person_deactivate, name="person_deactivate"),
    path("people/<int:pk>/reactivate/", views_people.person_reactivate, name="person_reactivate"),
    path("people/<int:pk>/unlock/", views_people.person_unlock, name="person_unlock"),
    path("people/<int:pk>/password-email/", views_people.person_send_password_email, name="person_send_password_email"),
    path("school-staff/", views_people.school_staff, name="school_staff"),
    path("school-staff/add-teacher/", views_people.teacher_add, name="teacher_add"),
    # The audit log
    path("audit/", views_audit.audit_log, name="audit_log"),
]
