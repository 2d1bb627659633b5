"""Forms for a placement's safeguarding checks, cancelling it, and filtering the list."""
from django import forms

from careershub.core.forms import DATE_FORMATS, GovukForm

from .models import Placement
from .placement_services import REASON_MAX_LENGTH



def date_field(label: str, *, required: bool = True, help_text: str = "For example, 31/3/2027",
               missing: str = "Enter a date") -> forms.DateField:
    field = forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, help_text=help_text,
        error_messages={"required": missing, "invalid": f"{label} must be a real date, like 31/3/2027"},
    )
    field.widget.format = "%d/%m/%Y"
    field.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "class": "govuk-input govuk-input--width-10"})
    return field


class ConsentForm(GovukForm):
    confirm = forms.BooleanField(
        label="I give my consent for my child to take part in this placement",
        error_messages={"required": "Tick the box to give your consent"},
    )


class ConsentOnPaperForm(GovukForm):
    confirm = forms.BooleanField(
        label="The school has received signed consent from a parent or carer",
        error_messages={"required": "Tick the box to record that signed consent was received"},
    )


class RiskAssessmentForm(GovukForm):
    notes = forms.CharField(
        label="What your risk assessment covers", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the hazards on site, the protective equipment provided and the areas the young person will not enter.",
        error_messages={"required": "Say what the risk assessment covers"},
    )
    confirm = forms.BooleanField(
        label="We have assessed the risks for a young person of this age and will explain them on the first day",
        error_messages={"required": "Tick the box to confirm the risk assessment"},
    )


class SupervisorCheckForm(GovukForm):
    supervisor_name = forms.CharField(
        label="Supervisor's full name", max_length=200,
        error_messages={"required": "Enter the supervisor's name"},
    )
    reference = forms.CharField(
        label="Enhanced DBS check certificate number", max_length=64,
        help_text="The 12-digit number on the certificate, or the update service reference.",
        error_messages={"required": "Enter the check's reference number"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_on"] = date_field(
            "Date the check expires", help_text="The date you will next renew it. For example, 31/3/2028",
            missing="Enter the date the check expires",
        )


class SupervisorNotRequiredForm(GovukForm):
    reason = forms.CharField(
        label="Why the supervisor does not need a safeguarding check", max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the supervisor is never alone with the young person: they work in an open office with other staff.",
        error_messages={"required": "Say why the supervisor does not need a safeguarding check",
                        "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"},
    )


class EmergencyContactForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the emergency contact's name"})
    phone = forms.CharField(
        label="Phone number", max_length=32, help_text="A number the host can call during the day.",
        error_messages={"required": "Enter the emergency contact's phone number"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "off"
        self.fields["phone"].widget.input_type = "tel"
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "class": "govuk-input govuk-input--width-20"})


class PlanForm(GovukForm):
    plan = forms.CharField(
        label="The plan of the days", widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the young person will do each day, with times. Changing it asks the young person and you to agree it again.",
        error_messages={"required": "Enter what the young person will do each day"},
    )


class CancelForm(GovukForm):
    reason = forms.CharField(
        label="Why the placement is cancelled", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The young person, their parents or carers and the host will see this.",
        error_messages={"required": "Say why the placement is cancelled"},
    )


class PlacementFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False,
                               choices=[("", "Any status"), *Placement.Status.choices])
