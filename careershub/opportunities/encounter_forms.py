"""Forms for the attendance register and for logging a whole-group encounter."""
from django import forms

from careershub.core.forms import GovukForm
from careershub.network.models import Employer, Provider, School

from .encounter_services import GROUP_KINDS, HOST_NAME_MAX_LENGTH, TITLE_MAX_LENGTH, YEAR_GROUPS, parse_upns
from .kinds import Kind
from .placement_forms import date_field


class AttendanceForm(GovukForm):
    """Which accepted applications attended. ``markable`` are the application ids that may be ticked."""

    attended = forms.MultipleChoiceField(label="Who attended", required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, markable: list[tuple[int, str]], opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [(str(pk), label) for pk, label in markable]
        self.fields["occurred_on"] = date_field(
            "Date attended", required=False, missing="",
            help_text=f"Leave empty for the first day, {opportunity.starts_on:%-d/%-m/%Y}.",
        )

    def clean_attended(self):
        return [int(pk) for pk in self.cleaned_data["attended"]]


class GroupEncounterForm(GovukForm):
    school = forms.ModelChoiceField(label="School or college", queryset=None,
                                    error_messages={"required": "Choose the school or college"})
    kind = forms.ChoiceField(label="Kind of encounter", error_messages={"required": "Choose the kind of encounter",
                                                                         "invalid_choice": "Choose the kind of encounter"})
    title = forms.CharField(label="Title", max_length=TITLE_MAX_LENGTH,
                            help_text="For example, Year 9 assembly: careers in advanced manufacturing",
                            error_messages={"required": "Enter a title"})
    employer = forms.ModelChoiceField(label="Employer", queryset=None, required=False,
                                      help_text="From the partnership's directory.",
                                      error_messages={"invalid_choice": "Choose an employer from the list"})
    provider = forms.ModelChoiceField(label="College, university or provider", queryset=None, required=False,
                                      help_text="From the partnership's directory.",
                                      error_messages={"invalid_choice": "Choose a provider from the list"})
    host_name = forms.CharField(label="Or, who gave it", max_length=HOST_NAME_MAX_LENGTH, required=False,
                                help_text="When they are not in the directory: for example, a parent who is a paramedic.")
    year_groups = forms.TypedMultipleChoiceField(
        label="Year groups who took part", coerce=int, widget=forms.CheckboxSelectMultiple,
        choices=[(y, f"Year {y}") for y in YEAR_GROUPS],
        error_messages={"required": "Select at least one year group"},
    )
    excluded_upns = forms.CharField(
        label="Young people who were absent", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Their unique pupil numbers (UPNs), separated by spaces, commas or new lines. They are left out.",
    )

    field_order = ["school", "kind", "title", "occurred_on", "employer", "provider", "host_name", "year_groups",
                   "excluded_upns"]

    def __init__(self, *args, schools: list, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"] = date_field("Date", help_text="For example, 14/10/2026", missing="Enter the date")
        self.order_fields(self.field_order)
        self.fields["school"].queryset = School.objects.filter(pk__in=[s.pk for s in schools]).order_by("name")
        if len(schools) == 1:
            self.fields["school"].widget = forms.HiddenInput()
            self.fields["school"].initial = schools[0].pk
        self.fields["kind"].choices = [("", "Choose a kind"), *[(k.value, k.label) for k in Kind if k in GROUP_KINDS]]
        self.fields["employer"].queryset = Employer.objects.filter(partnership=partnership).order_by("name")
        self.fields["employer"].empty_label = "None of these"
        self.fields["provider"].queryset = Provider.objects.filter(partnership=partnership).order_by("name")
        self.fields["provider"].empty_label = "None of these"
        # One of the three is needed (checked in clean), so none of them is labelled "(optional)".
        for name in ("employer", "provider", "host_name"):
            self.fields[name].required_one_of = True
        self.fields["excluded_upns"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})

    def clean_excluded_upns(self):
        return parse_upns(self.cleaned_data["excluded_upns"])

    def clean(self):
        data = super().clean()
        if not (data.get("employer") or data.get("provider") or data.get("host_name", "").strip()) \
                and "employer" not in self.errors and "provider" not in self.errors:
            self.add_error("employer", "Choose the employer or provider, or enter who gave it")
        return data
