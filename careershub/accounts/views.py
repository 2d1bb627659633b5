from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render

from careershub.core.permissions import public, roles, signed_in

from django.urls import reverse_lazy

from .forms import NewPasswordForm, PasswordResetRequestForm, SignInForm
from .homes import home_url_for
from .roles import Role


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = public(SignInView.as_view())
sign_out = public(auth_views.LogoutView.as_view())


@signed_in
def home(request):
    """Send each person to the home page made for their role."""
    url = home_url_for(request.user)
    if url:
        return redirect(url)
    return render(request, "accounts/no_role.html", status=403)


password_reset = public(auth_views.PasswordResetView.as_view(
    template_name="accounts/password_reset_form.html",
    email_template_name="accounts/password_reset_email.txt",
    subject_template_name="accounts/password_reset_subject.txt",
    form_class=PasswordResetRequestForm,
    success_url=reverse_lazy("accounts:password_reset_done"),
))
password_reset_done = public(auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"))
password_reset_confirm = public(auth_views.PasswordResetConfirmView.as_view(
    template_name="accounts/password_reset_confirm.html",
    form_class=NewPasswordForm,
    success_url=reverse_lazy("accounts:password_reset_complete"),
))
password_reset_complete = public(auth_views.PasswordResetCompleteView.as_view(template_name="accounts/password_reset_complete.html"))


@roles(Role.ADMIN)
def admin_home(request):
    return render(request, "accounts/admin_home.html")
