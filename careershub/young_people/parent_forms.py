from django import forms

from careershub.core.forms import GovukForm

from .parent_services import RELATIONSHIPS


class ParentLinkForm(GovukForm):
    first_name = forms.CharField(max_length=150, error_messages={"required": "Enter their first name"},
                                 widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    last_name = forms.CharField(max_length=150, error_messages={"required": "Enter their last name"},
                                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    email = forms.EmailField(label="Email address", max_length=254,
                             help_text="If they already have a Careers Hub account with this address, it is linked. "
                                       "Otherwise we make one and email them an invitation to set a password.",
                             error_messages={"required": "Enter their email address",
                                             "invalid": "Enter an email address in the correct format, like name@example.com"},
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}))
    relationship = forms.ChoiceField(label="Relationship to the young person",
                                     choices=[("", "Choose a relationship"), *[(r, r) for r in RELATIONSHIPS]],
                                     error_messages={"required": "Choose their relationship to the young person"})
