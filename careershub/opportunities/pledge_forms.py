"""The pledge dashboard's filter: one school, for those who see more than one."""
from django import forms

from careershub.core.forms import GovukForm


class PledgeFilterForm(GovukForm):
    school = forms.TypedChoiceField(label="School or college", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, schools=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].choices = [("", "All schools and colleges")] + [(pk, name) for pk, name in schools]
