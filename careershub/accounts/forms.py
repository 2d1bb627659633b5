import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.validators import UnicodeUsernameValidator

from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from careershub.core.forms import DATE_FORMATS, GovukForm, GovukFormMixin
from careershub.core.models import AuditEntry

from . import organisations
from .authority import scope_error
from .roles import Role


def _password_hint() -> str:
    lengths = [v["OPTIONS"]["min_length"] for v in settings.AUTH_PASSWORD_VALIDATORS if "min_length" in v.get("OPTIONS", {})]
    length = lengths[0] if lengths else 8
    return (f"At least {length} characters. Not a commonly used password, not only numbers, and not like "
            "your name or username.")


ORGANISATION_HINT = (
    "Hub managers, analysts and administrators hold their role in the whole partnership; enterprise "
    "coordinators in an area hub; careers leaders and teachers in a school or college; employer "
    "contacts and enterprise advisers in an employer; mentors and careers advisers in a provider."
)


class LongSelect(forms.Select):
    """A GOV.UK select whose options are built in Python rather than one template per option, for
    lists of hundreds (every school and employer of a partnership): same markup, a fraction of the
    rendering time. Option groups are supported; multiple selection is not."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "govuk-select", **(attrs or {})}, choices)

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name

        def options(pairs):
            return format_html_join("", "<option value=\"{}\"{}>{}</option>", (
                (key, mark_safe(" selected") if str(key) in selected else "", label) for key, label in pairs
            ))

        body = []
        for key, label in self.choices:
            if isinstance(label, (list, tuple)):
                body.append(format_html('<optgroup label="{}">{}</optgroup>', key, options(label)))
            else:
                body.append(options([(key, label)]))
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe("".join(body)))


class SignInForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is not active. Ask your hub team to reactivate it.",
        "locked_out": "This account is locked after too many failed sign-ins. Try again in %(minutes)s minutes or reset your password.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)  # GOV.UK: no autofocus
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "spellcheck": "false"})
        self.fields["password"].widget.attrs.update({"autocomplete": "current-password"})

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "careershub_locked_out", False):
                raise forms.ValidationError(
                    self.error_messages["locked_out"], code="locked_out",
                    params={"minutes": settings.CAREERSHUB_LOCKOUT_MINUTES},
                )
            raise


class PasswordResetRequestForm(GovukFormMixin, PasswordResetForm):
    def get_users(self, email):
        """Active accounts with this email, including people who have not yet set a password (whose
        first link has expired): Django's form leaves those out."""
        from .models import User

        def same(a: str, b: str) -> bool:  # as Django does, against look-alike Unicode addresses
            return unicodedata.normalize("NFKC", a).casefold() == unicodedata.normalize("NFKC", b).casefold()

        return (u for u in User.objects.filter(email__iexact=email, is_active=True) if same(email, u.email))


class NewPasswordForm(GovukFormMixin, SetPasswordForm):
    pass


class AccountPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    error_messages = {
        **PasswordChangeForm.error_messages,
        "password_incorrect": "Your current password is not right. Enter it again.",
        "password_mismatch": "The two new passwords do not match. Enter the same password twice.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].widget.attrs.pop("autofocus", None)
        self.fields["old_password"].label = "Current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = _password_hint()
        self.fields["new_password2"].label = "Confirm the new password"
        self.fields["new_password2"].help_text = ""
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].error_messages["required"] = "Enter the new password again"


# People -----------------------------------------------------------------------------------------
def _text(label, *, required_message, hint="", max_length=150, **attrs):
    field = forms.CharField(
        label=label, max_length=max_length, help_text=hint,
        error_messages={"required": required_message, "max_length": f"{label} must be {max_length} characters or fewer"},
    )
    field.widget.attrs.update({"autocomplete": "off", "spellcheck": "false", **attrs})
    return field


class PersonDetailsForm(GovukForm):
    """Name, email and username: the details of a new account."""

    first_name = _text("First name", required_message="Enter their first name")
    last_name = _text("Last name", required_message="Enter their last name")
    email = forms.EmailField(
        label="Email address", help_text="Their work email. The link to set a password goes here.",
        error_messages={"required": "Enter their email address",
                        "invalid": "Enter an email address in the right format, like name@example.org"},
    )
    username = _text(
        "Username", required_message="Enter a username",
        hint="What they sign in with, such as j.smith. Letters, digits and . @ + - _ only.",
    )
    send_email = forms.BooleanField(label="Email them a link to set their password", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        try:
            UnicodeUsernameValidator()(username)
        except forms.ValidationError:
            raise forms.ValidationError("A username can only have letters, digits and . @ + - _") from None
        return username


class RoleChoiceForm(GovukForm):
    """Role and organisation: the organisation must be of the kind the role is held within."""

    role = forms.ChoiceField(
        label="Role",
        error_messages={"required": "Choose a role", "invalid_choice": "Choose one of the roles listed"},
    )
    organisation = forms.ChoiceField(
        label="Where they hold the role", help_text=ORGANISATION_HINT, widget=LongSelect,
        error_messages={"required": "Choose where they hold the role",
                        "invalid_choice": "Choose one of the organisations listed"},
    )

    def __init__(self, *args, roles, partnership_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership_ids = partnership_ids
        self.fields["role"].choices = [("", "Choose a role")] + [(r.value, r.label) for r in roles]
        self.fields["organisation"].choices = organisations.choices(partnership_ids)

    def clean_organisation(self):
        organisation = organisations.lookup(self.cleaned_data["organisation"], self.partnership_ids)
        if organisation is None:
            raise forms.ValidationError("Choose one of the organisations listed")
        return organisation

    def clean(self):
        cleaned = super().clean()
        role, organisation = cleaned.get("role"), cleaned.get("organisation")
        if role and organisation is not None:
            message = scope_error(role, organisation)
            if message:
                self.add_error("organisation", message)
        return cleaned


class PersonAddForm(RoleChoiceForm, PersonDetailsForm):
    field_order = ["first_name", "last_name", "email", "username", "role", "organisation", "send_email"]


class TeacherAddForm(PersonDetailsForm):
    """A careers leader adds a teacher at their school (chosen only when they lead more than one)."""

    school = forms.ChoiceField(
        label="School or college",
        error_messages={"required": "Choose the school or college", "invalid_choice": "Choose one of the schools listed"},
    )
    field_order = ["first_name", "last_name", "email", "username", "school", "send_email"]

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.schools = {str(s.pk): s for s in schools}
        if len(self.schools) > 1:
            self.fields["school"].choices = [("", "Choose a school or college")] + [(k, s.name) for k, s in self.schools.items()]
        else:
            del self.fields["school"]

    def chosen_school(self):
        if "school" not in self.fields:
            return next(iter(self.schools.values()))
        return self.schools[self.cleaned_data["school"]]


class PersonFilterForm(GovukForm):
    q = forms.CharField(label="Name, username or email", required=False, max_length=200)
    role = forms.ChoiceField(label="Role", required=False)
    organisation = forms.ChoiceField(label="Organisation", required=False, widget=LongSelect)
    status = forms.ChoiceField(label="Account", required=False)

    def __init__(self, *args, partnership_ids, **kwargs):
        from .selectors import PersonStatus

        super().__init__(*args, **kwargs)
        self.partnership_ids = partnership_ids
        self.fields["role"].choices = [("", "Any role")] + list(Role.choices)
        self.fields["organisation"].choices = organisations.choices(partnership_ids, blank="Any organisation")
        self.fields["status"].choices = PersonStatus.CHOICES
        self.fields["q"].widget.attrs.update({"spellcheck": "false", "type": "search"})

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        return organisations.lookup(value, self.partnership_ids) if value else None

    def filters(self) -> dict:
        data = self.cleaned_data
        return {"search": data["q"], "role": data["role"], "organisation": data["organisation"], "status": data["status"]}


# API tokens -------------------------------------------------------------------------------------
class ApiTokenForm(GovukForm):
    name = forms.CharField(
        label="Token name", max_length=100,
        help_text="What the token is for, so you know which to revoke later. For example, MIS nightly sync.",
        error_messages={"required": "Enter a name for the token",
                        "max_length": "The name must be 100 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs.update({"autocomplete": "off"})


# Audit log --------------------------------------------------------------------------------------


class AuditFilterForm(GovukForm):
    actor = forms.CharField(label="Person who acted", help_text="Name, username or email", required=False, max_length=200)
    young_person = forms.CharField(label="Young person", help_text="Name or UPN", required=False, max_length=200)
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action")] + list(AuditEntry.Action.choices))
    date_from = forms.DateField(
        label="From", required=False, input_formats=DATE_FORMATS, help_text="For example, 1/9/2026",
        error_messages={"invalid": "The date it is from must be a real date, like 1/9/2026"},
    )
    date_to = forms.DateField(
        label="To", required=False, input_formats=DATE_FORMATS, help_text="For example, 31/7/2027",
        error_messages={"invalid": "The date it is to must be a real date, like 31/7/2027"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("actor", "young_person"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "type": "search"})
        for name in ("date_from", "date_to"):
            self.fields[name].widget.format = "%d/%m/%Y"
            self.fields[name].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The date it is to must be the same as or after the date it is from")
        return cleaned

    def filters(self) -> dict:
        return dict(self.cleaned_data)
