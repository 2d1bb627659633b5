from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache

from careershub.core.permissions import public, roles, signed_in

from . import selectors, services
from .forms import AccountPasswordChangeForm, ApiTokenForm, NewPasswordForm, PasswordResetRequestForm, SignInForm
from .homes import home_url_for
from .roles import Role


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names, or at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


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


# Your account -----------------------------------------------------------------------------------
@signed_in
def account(request):
    user = request.user
    return render(request, "accounts/account.html", {
        "assignments": sorted(user._assignments(), key=lambda a: (list(Role).index(Role(a.role)), str(a.organisation))),
        "has_role": bool(user.role_set),
        "active_tokens": selectors.api_tokens_of(user).filter(revoked_at__isnull=True).count() if user.role_set else 0,
    })


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = AccountPasswordChangeForm
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        response = super().form_valid(form)  # saves the password and keeps this session signed in
        services.password_changed(user=self.request.user)
        messages.success(self.request, "Your password has been changed.")
        return response


password_change = signed_in(PasswordChangeView.as_view())


# API tokens -------------------------------------------------------------------------------------
@roles(*Role)
@never_cache
def api_tokens(request):
    """List the person's tokens and create one. A new token's secret is shown in the answer to the
    POST only (never stored, not cached), so it appears exactly once."""
    form = ApiTokenForm(request.POST if request.method == "POST" else None)
    created = secret = None
    if request.method == "POST" and form.is_valid():
        try:
            created, secret = services.api_token_create(acting_user=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            form = ApiTokenForm()
    return render(request, "accounts/api_tokens.html", {
        "form": form,
        "tokens": selectors.api_tokens_of(request.user),
        "created": created,
        "secret": secret,
        "max_tokens": services.MAX_ACTIVE_API_TOKENS,
    })


@roles(*Role)
def api_token_revoke(request, pk: int):
    token = selectors.get_active_api_token_for_user(request.user, pk)
    if request.method == "POST":
        services.api_token_revoke(acting_user=request.user, token=token)
        messages.success(request, f"The token {token.name} ({token.display_prefix}) is revoked. It no longer works.")
        return redirect("accounts:api_tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})
