from django import forms

from careershub.accounts.forms import LongSelect
from careershub.core.forms import GovukForm

from .models import YoungPerson
from .selectors import SEND_ANY

YEAR_GROUPS = [(year, f"Year {year}") for year in range(7, 14)] + [(14, "Left school (post-16 or post-18)")]
SEND_CHOICES = [
    ("", "Any"),
    (SEND_ANY, "SEN support or EHC plan"),
    (YoungPerson.Send.SUPPORT, "SEN support"),
    (YoungPerson.Send.EHC_PLAN, "EHC plan"),
    (YoungPerson.Send.NONE, "No SEND"),
]
PUPIL_PREMIUM_CHOICES = [("", "Any"), ("yes", "Pupil premium"), ("no", "Not pupil premium")]


class YoungPeopleFilterForm(GovukForm):
    """Filters for the list of young people. The school filter appears only for people who see more
    than one school's young people (hub staff)."""

    q = forms.CharField(label="Name or UPN", required=False, max_length=100)
    school = forms.TypedChoiceField(
        label="School or college", required=False, coerce=int, empty_value=None, widget=LongSelect,
    )
    year_group = forms.TypedChoiceField(
        label="Year group", required=False, coerce=int, empty_value=None, choices=[("", "Any")] + YEAR_GROUPS,
    )
    send = forms.ChoiceField(label="SEND", required=False, choices=SEND_CHOICES)
    pupil_premium = forms.TypedChoiceField(
        label="Pupil premium", required=False, choices=PUPIL_PREMIUM_CHOICES,
        coerce=lambda value: value == "yes", empty_value=None,
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, **kwargs)
        self.school_names = dict(schools)
        if len(self.school_names) > 1:
            self.fields["school"].choices = [("", "All")] + list(schools)
        else:
            del self.fields["school"]
        self.fields["q"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off", "type": "search"})

    def filters(self) -> dict:
        data = self.cleaned_data
        return {
            "search": data.get("q") or "",
            "school_id": data.get("school"),
            "year_group": data.get("year_group"),
            "send": data.get("send") or "",
            "pupil_premium": data.get("pupil_premium"),
        }


def describe_filters(*, search="", school_name="", year_group=None, send="", pupil_premium=None, page=None) -> str:
    """Words for the audit log: what a list of young people was filtered by."""
    parts = []
    if school_name:
        parts.append(school_name)
    if year_group:
        parts.append(dict(YEAR_GROUPS).get(year_group, f"year {year_group}"))
    if send:
        parts.append(dict(SEND_CHOICES).get(send, send))
    if pupil_premium is not None:
        parts.append("pupil premium" if pupil_premium else "not pupil premium")
    if search:
        parts.append(f"search {search!r}")
    if page and page > 1:
        parts.append(f"page {page}")
    return ", ".join(parts) or "all"
