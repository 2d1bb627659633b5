from django import forms

from careershub.core.forms import GovukForm

from .services import MAX_CAPACITY, REASON_MAX_LENGTH

ANY = ""
YES_NO_ANY = {"matched": [(ANY, "Any"), ("yes", "Matched with a school"), ("no", "Not matched")],
              "active": [(ANY, "Any"), ("yes", "Active"), ("no", "Inactive")]}


class AdviserFilterForm(GovukForm):
    """The filters above the list of advisers (a GET form: the filtered list can be bookmarked)."""

    area_hub = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any area hub",
        error_messages={"invalid_choice": "Select an area hub from the list"},
    )
    employer = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any employer",
        error_messages={"invalid_choice": "Select an employer from the list"},
    )
    matched = forms.ChoiceField(
        label="Matched", choices=YES_NO_ANY["matched"], required=False,
        error_messages={"invalid_choice": "Select matched, not matched or any"},
    )
    active = forms.ChoiceField(
        label="Status", choices=YES_NO_ANY["active"], required=False,
        error_messages={"invalid_choice": "Select active, inactive or any"},
    )

    def __init__(self, *args, area_hubs, employers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_hub"].queryset = area_hubs
        self.fields["employer"].queryset = employers

    def as_yes_no(self, name: str) -> bool | None:
        return {"yes": True, "no": False}.get(self.cleaned_data.get(name) or ANY)


class AdviserForm(GovukForm):
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the adviser's full name"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label="Email address", max_length=254,
        help_text="If the adviser signs in with this address, their home page lists their schools.",
        error_messages={
            "required": "Enter the adviser's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    employer = forms.ModelChoiceField(
        queryset=None, empty_label="Choose the employer",
        error_messages={"required": "Select the adviser's employer", "invalid_choice": "Select an employer from the list"},
    )
    area_hub = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="No area hub",
        help_text="Where the adviser is based or prefers to work. Advisers are offered first to schools in their own area hub.",
        error_messages={"required": "Select the area hub the adviser works in",
                        "invalid_choice": "Select an area hub from the list"},
    )
    capacity = forms.IntegerField(
        label="Capacity", min_value=1, max_value=MAX_CAPACITY,
        help_text="How many schools the adviser can support at once. Most support one.",
        error_messages={
            "required": "Enter how many schools the adviser can support",
            "invalid": "Enter the capacity as a whole number, like 1",
            "min_value": "Capacity must be at least 1 school",
            "max_value": f"Capacity must be {MAX_CAPACITY} schools or fewer",
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3", "spellcheck": "false"}
        ),
    )
    is_active = forms.BooleanField(
        label="Active: offer this adviser as a candidate for schools", required=False, initial=True,
    )

    def __init__(self, *args, employers, area_hubs, area_hub_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = employers
        self.fields["area_hub"].queryset = area_hubs
        if area_hub_required:
            self.fields["area_hub"].required = True
            self.fields["area_hub"].empty_label = "Choose the area hub"
            self.fields["area_hub"].help_text = "You can add advisers to your own area hubs."


class ReasonForm(GovukForm):
    reason = forms.CharField(
        max_length=REASON_MAX_LENGTH,
        error_messages={"max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, label: str, hint: str, required_message: str, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = label
        field.help_text = hint
        field.error_messages["required"] = required_message
