"""Forms of the partnership network: create and edit forms, list filters and the CSV upload.

Create and edit forms only validate; the views hand ``cleaned_data`` to ``services``, which save and
audit. Uniqueness of names within the partnership (ignoring case) is checked here so the message
shows beside the field, and again by the services.
"""
from django import forms

from careershub.core.forms import GovukForm, GovukModelForm

from .models import AreaHub, Employer, EmployerContact, GrowthSector, Provider, School, normalise_postcode
from .sic import SicSection

MAX_UPLOAD_MEGABYTES = 10
YES_NO_ANY = [("", "Any"), ("yes", "Yes"), ("no", "No")]


def _filter_select(label: str, choices) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, required=False, choices=choices,
                             widget=forms.Select(attrs={"class": "govuk-select govuk-!-width-full"}))


class _FilterForm(GovukForm):
    """A list's filters: every field optional, labelled without "(optional)", and a value that is
    not one of the choices (from an old or edited address) ignored rather than refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.template_name = "network/includes/filter_field.html"

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in ("", None)}


def _search(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=200,
                           widget=forms.TextInput(attrs={"type": "search", "class": "govuk-input", "spellcheck": "false"}))


class _PostcodeAndWebsite:
    """Postcodes tidied to Royal Mail's form; web addresses without a scheme taken as https."""

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data.get("postcode", ""))


def _website_field(help_text: str) -> forms.URLField:
    return forms.URLField(
        label="Website", required=False, assume_scheme="https", max_length=200, help_text=help_text,
        error_messages={"invalid": "Enter a web address, like https://www.example.org"},
        widget=forms.URLInput(attrs={"spellcheck": "false", "autocomplete": "url"}),
    )


def _postcode_widget():
    return forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "autocomplete": "postal-code"})


class _UniqueNameInPartnership:
    """Refuse a name already used by another record of the same partnership, ignoring case."""

    name_clash_message = "There is already one called {name}"

    def __init__(self, *args, partnership, **kwargs):
        self.partnership = partnership
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = " ".join(self.cleaned_data.get("name", "").split())
        clash = type(self.instance).objects.filter(partnership=self.partnership, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if name and clash.exists():
            raise forms.ValidationError(self.name_clash_message.format(name=name))
        return name


# Area hubs -------------------------------------------------------------------------------------------
class AreaHubForm(_UniqueNameInPartnership, GovukModelForm):
    name_clash_message = "There is already an area hub called {name}"

    class Meta:
        model = AreaHub
        fields = ["name"]
        labels = {"name": "Name of the area hub"}
        error_messages = {"name": {"required": "Enter the name of the area hub"}}


# Schools -----------------------------------------------------------------------------------------------
class SchoolForm(_PostcodeAndWebsite, GovukModelForm):
    website = _website_field("Optional.")

    class Meta:
        model = School
        fields = ["urn", "name", "phase", "school_type", "area_hub", "status", "postcode", "website"]
        labels = {"name": "Name of the school or college", "area_hub": "Area hub"}
        help_texts = {
            "urn": "The six-digit unique reference number from Get Information about Schools, like 124567.",
            "status": "Changing the status records today's date against it.",
        }
        widgets = {
            "urn": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "numeric",
                                          "spellcheck": "false"}),
            "status": forms.RadioSelect,
            "postcode": _postcode_widget(),
        }
        error_messages = {
            "urn": {"required": "Enter the school's URN", "unique": "Another school already has this URN"},
            "name": {"required": "Enter the name of the school or college"},
            "phase": {"required": "Select the phase", "invalid_choice": "Select a phase from the list"},
            "school_type": {"required": "Select the type of school", "invalid_choice": "Select a type from the list"},
            "status": {"required": "Select the status", "invalid_choice": "Select a status from the list"},
        }

    def __init__(self, *args, area_hubs, area_hub_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["area_hub"]
        field.queryset = area_hubs
        field.required = area_hub_required
        field.empty_label = "Choose an area hub" if area_hub_required else "Not in an area hub yet"
        field.error_messages["required"] = "Select the area hub"
        field.error_messages["invalid_choice"] = "Select one of your area hubs"
        if area_hub_required and len(area_hubs) == 1 and not self.instance.pk:
            field.initial = area_hubs[0].pk
        self.fields["postcode"].help_text = "Optional."

    def clean_urn(self):
        return "".join(self.cleaned_data.get("urn", "").split())

    def clean_name(self):
        return " ".join(self.cleaned_data.get("name", "").split())


class SchoolFilterForm(_FilterForm):
    q = _search("Name or URN")
    area_hub = forms.ModelChoiceField(label="Area hub", queryset=AreaHub.objects.none(), required=False,
                                      empty_label="All area hubs",
                                      widget=forms.Select(attrs={"class": "govuk-select govuk-!-width-full"}))
    school_type = _filter_select("Type", [("", "All types"), *School.Type.choices])
    phase = _filter_select("Phase", [("", "All phases"), *School.Phase.choices])
    status = _filter_select("Status", [("", "All statuses"), *School.Status.choices])

    def __init__(self, *args, area_hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_hub"].queryset = area_hubs


# Employers ---------------------------------------------------------------------------------------------
class EmployerForm(_UniqueNameInPartnership, _PostcodeAndWebsite, GovukModelForm):
    name_clash_message = "There is already an employer called {name}"
    sic_section = forms.ChoiceField(
        label="Sector (SIC 2007 section)", choices=[("", "Choose a sector"), *SicSection.choices],
        error_messages={"required": "Select the employer's sector",
                        "invalid_choice": "Select a SIC 2007 section from the list, A to U"},
    )
    website = _website_field("Optional.")

    class Meta:
        model = Employer
        fields = ["name", "sic_section", "size_band", "is_cornerstone", "postcode", "website"]
        labels = {"name": "Name of the employer", "size_band": "Size", "is_cornerstone": "Cornerstone employer"}
        help_texts = {
            "is_cornerstone": "Cornerstone employers work with the hub on its hub-wide action plan.",
        }
        widgets = {"size_band": forms.RadioSelect, "postcode": _postcode_widget()}
        error_messages = {
            "name": {"required": "Enter the name of the employer"},
            "size_band": {"required": "Select the employer's size", "invalid_choice": "Select a size from the list"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].help_text = "Optional."


class EmployerFilterForm(_FilterForm):
    q = _search("Name")
    sic_section = _filter_select("Sector", [("", "All sectors"), *SicSection.choices])
    size_band = _filter_select("Size", [("", "All sizes"), *Employer.SizeBand.choices])
    cornerstone = _filter_select("Cornerstone employer", YES_NO_ANY)
    growth_sector = _filter_select("In a growth sector", YES_NO_ANY)

    def filters(self) -> dict:
        found = super().filters()
        for name in ("cornerstone", "growth_sector"):
            if name in found:
                found[name] = found[name] == "yes"
        return found


class EmployerContactForm(GovukModelForm):
    class Meta:
        model = EmployerContact
        fields = ["name", "job_title", "email", "phone", "is_primary"]
        labels = {"name": "Full name", "email": "Email address", "phone": "Phone number",
                  "is_primary": "Main contact at this employer"}
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"class": "govuk-input govuk-input--width-20", "autocomplete": "tel",
                                            "type": "tel"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "name": forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        }
        error_messages = {
            "name": {"required": "Enter the contact's full name"},
            "email": {"required": "Enter the contact's email address",
                      "invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["job_title"].help_text = "Optional."
        self.fields["phone"].help_text = "Optional."


# Providers ----------------------------------------------------------------------------------------------
class ProviderForm(_UniqueNameInPartnership, _PostcodeAndWebsite, GovukModelForm):
    name_clash_message = "There is already a provider called {name}"
    website = _website_field("Optional.")

    class Meta:
        model = Provider
        fields = ["name", "kind", "postcode", "website", "contact_email"]
        labels = {"name": "Name of the provider", "kind": "Kind of provider", "contact_email": "Contact email address"}
        widgets = {
            "kind": forms.RadioSelect,
            "postcode": _postcode_widget(),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        }
        error_messages = {
            "name": {"required": "Enter the name of the provider"},
            "kind": {"required": "Select the kind of provider", "invalid_choice": "Select a kind from the list"},
            "contact_email": {"invalid": "Enter an email address in the correct format, like name@example.org"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode"].help_text = "Optional."
        self.fields["contact_email"].help_text = "Optional."


class ProviderFilterForm(_FilterForm):
    q = _search("Name")
    kind = _filter_select("Kind", [("", "All kinds"), *Provider.Kind.choices])


# Growth sectors -------------------------------------------------------------------------------------------
class GrowthSectorAddForm(GovukForm):
    sic_section = forms.ChoiceField(label="SIC 2007 section", error_messages={
        "required": "Select a SIC 2007 section", "invalid_choice": "Select a section that is not a growth sector yet",
    })
    label = forms.CharField(
        label="The partnership's name for the sector", max_length=100,
        help_text="Such as Advanced manufacturing, or Health and social care.",
        error_messages={"required": "Enter the partnership's name for the sector"},
    )

    def __init__(self, *args, taken: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sic_section"].choices = [("", "Choose a section")] + [
            (value, f"{value}: {label}") for value, label in SicSection.choices if value not in taken
        ]


class GrowthSectorForm(GovukModelForm):
    class Meta:
        model = GrowthSector
        fields = ["label"]
        labels = {"label": "The partnership's name for the sector"}
        error_messages = {"label": {"required": "Enter the partnership's name for the sector"}}


# CSV upload -------------------------------------------------------------------------------------------------
class CsvUploadForm(GovukForm):
    file = forms.FileField(
        label="CSV file", help_text=f"A CSV file saved as UTF-8, smaller than {MAX_UPLOAD_MEGABYTES}MB.",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty",
                        "invalid": "Select a CSV file"},
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MEGABYTES * 1024 * 1024:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_UPLOAD_MEGABYTES}MB")
        return upload


def add_service_errors(form: forms.BaseForm, error: forms.ValidationError) -> None:
    """Show a service's ValidationError on the form: beside the field it names, else above the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class SchoolsServedForm(GovukForm):
    schools = forms.ModelMultipleChoiceField(
        queryset=School.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Schools and colleges the provider works with",
        help_text="Its careers advisers will see these schools' young people. Select all that apply.",
        error_messages={"invalid_choice": "Select schools from the list"},
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["schools"].queryset = School.objects.filter(partnership=partnership).order_by("name")
