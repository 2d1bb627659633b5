from django import forms

from careershub.core.forms import GovukDateField, GovukForm
from careershub.network.models import Employer, EmployerContact, School

from .models import Cohort, CohortActivity


class CohortForm(GovukForm):
    title = forms.CharField(max_length=200, help_text="For example, Engineering and manufacturing ambassadors 2026 to 2028",
                            error_messages={"required": "Enter the cohort's title"})
    theme = forms.ChoiceField(choices=[("", "Choose a theme"), *Cohort.Theme.choices],
                              error_messages={"required": "Choose the cohort's theme"})
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text="What ambassadors do and gain, in words a 13-year-old would follow",
                                  error_messages={"required": "Describe the cohort"})
    year_group_from = forms.TypedChoiceField(label="First year group", coerce=int, choices=[(n, f"Year {n}") for n in range(7, 14)])
    year_group_to = forms.TypedChoiceField(label="Last year group", coerce=int, choices=[(n, f"Year {n}") for n in range(7, 14)])
    places = forms.IntegerField(min_value=1, max_value=500, error_messages={
        "required": "Enter how many ambassadors the cohort takes", "min_value": "A cohort needs at least 1 place"})
    applications_open_on = GovukDateField(label="Applications open", required_message="Enter the day applications open")
    applications_close_on = GovukDateField(label="Applications close", required_message="Enter the day applications close")
    starts_on = GovukDateField(label="Programme starts", required_message="Enter the day the programme starts")
    ends_on = GovukDateField(label="Programme ends", required_message="Enter the day the programme ends")
    status = forms.ChoiceField(choices=Cohort.Status.choices)

    @classmethod
    def initial_from(cls, cohort: Cohort) -> dict:
        return {name: getattr(cohort, name) for name in cls.base_fields}


class CohortSchoolForm(GovukForm):
    school = forms.ModelChoiceField(queryset=School.objects.none(), empty_label="Choose a school or college",
                                    error_messages={"required": "Choose the school or college"})
    employer = forms.ModelChoiceField(queryset=Employer.objects.none(), label="Senior employer", empty_label="Choose an employer",
                                      help_text="The employer attached to the school, who accredits its ambassadors' skills",
                                      error_messages={"required": "Choose the senior employer"})
    lead_contact = forms.ModelChoiceField(queryset=EmployerContact.objects.none(), required=False,
                                          label="Employer's lead contact (optional)", empty_label="No lead contact yet")

    def __init__(self, *args, cohort: Cohort, **kwargs):
        super().__init__(*args, **kwargs)
        taken = cohort.cohort_schools.values("school_id")
        self.fields["school"].queryset = School.objects.filter(partnership_id=cohort.partnership_id).exclude(pk__in=taken).order_by("name")
        self.fields["employer"].queryset = Employer.objects.filter(partnership_id=cohort.partnership_id).order_by("-is_cornerstone", "name")
        self.fields["lead_contact"].queryset = EmployerContact.objects.filter(
            employer__partnership_id=cohort.partnership_id).select_related("employer").order_by("employer__name", "name")
        self.fields["lead_contact"].label_from_instance = lambda c: f"{c.name}, {c.employer.name}"


class PanelMemberForm(GovukForm):
    user = forms.ModelChoiceField(queryset=None, label="Panel member", empty_label="Choose a person",
                                  help_text="The hub's staff and employer contacts in the partnership",
                                  error_messages={"required": "Choose who joins the panel"})

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.username


class ApplicationForm(GovukForm):
    statement = forms.CharField(
        label="Why do you want to be an ambassador?", widget=forms.Textarea(attrs={"rows": 8}), max_length=3000,
        help_text="What interests you about the sector, and what you would bring to the cohort. The panel reads this.",
        error_messages={"required": "Tell the panel why you want to be an ambassador"},
    )


class SupportForm(GovukForm):
    note = forms.CharField(label="The school's support", widget=forms.Textarea(attrs={"rows": 5}), max_length=2000,
                           help_text="What the school knows of the applicant that the panel should weigh",
                           error_messages={"required": "Enter the school's note of support"})


class WithdrawForm(GovukForm):
    reason = forms.CharField(label="Reason for withdrawing", widget=forms.Textarea(attrs={"rows": 4}), max_length=1000,
                             error_messages={"required": "Enter the reason for withdrawing"})


class ActivityForm(GovukForm):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter the activity's title"})
    occurs_on = GovukDateField(label="Date", required_message="Enter the date of the activity")
    kind = forms.ChoiceField(choices=[("", "Choose the kind"), *CohortActivity.Kind.choices],
                             error_messages={"required": "Choose the kind of activity"})
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": "Describe the activity"})
