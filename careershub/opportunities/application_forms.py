"""Forms for applying, deciding, withdrawing and messaging."""
from django import forms

from careershub.core.forms import GovukForm

from . import application_services as services
from .models import Application


class ApplicationForm(GovukForm):
    """Step 1 of applying. The checkboxes of what to share are drawn by the page, each with a hint of
    exactly what the employer would see."""

    interest = forms.CharField(
        label="Why are you interested in this opportunity?",
        help_text="A few sentences are enough. For example, what you hope to find out or what you enjoy doing.",
        widget=forms.Textarea(attrs={"rows": 5}), max_length=services.INTEREST_MAX_LENGTH,
        error_messages={"required": "Tell the employer why you are interested",
                        "max_length": f"Why you are interested must be {services.INTEREST_MAX_LENGTH} characters or fewer"},
    )
    availability = forms.CharField(
        label="Are there any dates or times you cannot do?", required=False,
        help_text="For example, a hospital appointment on the Wednesday. Leave this empty if you can do them all.",
        widget=forms.Textarea(attrs={"rows": 3}), max_length=services.AVAILABILITY_MAX_LENGTH,
        error_messages={"max_length": f"Dates you cannot do must be {services.AVAILABILITY_MAX_LENGTH} characters or fewer"},
    )
    shared = forms.MultipleChoiceField(
        choices=Application.Share.choices, required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose from the parts of your record listed"},
    )

    def __init__(self, *args, host_name: str = "the employer", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared"].label = f"What do you want to share with {host_name}?"


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        error_messages={"required": "Choose shortlist, accept or decline"},
    )
    reason = forms.CharField(
        label="Reason for declining", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REASON_MAX_LENGTH,
        help_text="Needed if you decline. The young person sees it, so be kind and specific: it helps them next time.",
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = list(choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "decline" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Give a reason: the young person will see it")
        return cleaned


DECISION_LABELS = {
    "shortlist": "Shortlist: you want to consider them further",
    "accept": "Accept: give them a place",
    "decline": "Decline: they will not get a place",
}


def decision_choices(application: Application) -> list[tuple[str, str]]:
    """The decisions open for an application in its current status."""
    if application.status == Application.Status.SUBMITTED:
        keys = ["shortlist", "accept", "decline"]
    elif application.status == Application.Status.SHORTLISTED:
        keys = ["accept", "decline"]
    else:
        keys = []
    return [(key, DECISION_LABELS[key]) for key in keys]


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why are you withdrawing?", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        max_length=services.REASON_MAX_LENGTH,
        help_text="The employer sees this. You do not have to say.",
    )


class MessageForm(GovukForm):
    body = forms.CharField(
        label="Your message", widget=forms.Textarea(attrs={"rows": 4}), max_length=services.MESSAGE_MAX_LENGTH,
        help_text="Messages stay on Careers Hub. Do not share phone numbers, addresses or social media.",
        error_messages={"required": "Write your message",
                        "max_length": f"Your message must be {services.MESSAGE_MAX_LENGTH} characters or fewer"},
    )


class ApplicantFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "All statuses"), *Application.Status.choices])


class SchoolApplicationFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "All statuses"), *Application.Status.choices])
    year_group = forms.TypedChoiceField(
        label="Year group", required=False, coerce=int, empty_value=None,
        choices=[("", "All year groups"), *[(y, f"Year {y}") for y in range(7, 14)], (14, "Left school")],
    )
