from django import forms

from careershub.core.forms import GovukDateField, GovukForm

from .evidence_files import ACCEPT, MAX_SIZE_LABEL
from .models import LEVELS, ShareLink


def level_label(level) -> str:
    return f"{level.skill.name}: level {level.level}, {level.name}"


class EvidenceForm(GovukForm):
    title = forms.CharField(label="What did you do?", max_length=200,
                            help_text="A short title, such as ‘Ran the reception desk for a morning’.",
                            error_messages={"required": "Tell us what you did"})
    occurred_on = GovukDateField(label="When did you do it?", required_message="Enter the date you did it",
                                 example="14/2/2027")
    activity = forms.ChoiceField(
        label="Was it part of an activity on Careers Hub?", required=False,
        help_text="Link it to a placement or encounter, so the employer who hosted it can endorse it.",
    )
    description = forms.CharField(label="Tell us more about what you did", widget=forms.Textarea(attrs={"rows": 5}),
                                  help_text="Who you worked with, what you were asked to do and how you did it.",
                                  error_messages={"required": "Tell us more about what you did"})
    skill_level = forms.ChoiceField(label="Which skill did you show, and at what level?",
                                    help_text="Choose the level whose description sounds most like what you did.",
                                    error_messages={"required": "Choose the skill and the level you showed"})
    reflection = forms.CharField(label="What did you learn?", widget=forms.Textarea(attrs={"rows": 5}),
                                 help_text="What went well, what you would do differently, and what you want to try next.",
                                 error_messages={"required": "Tell us what you learned"})
    file = forms.FileField(label="Add a file", required=False,
                           help_text=f"A photo or document that shows what you did: a PDF, JPEG or PNG, smaller than {MAX_SIZE_LABEL}.",
                           widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))

    def __init__(self, *args, levels, encounters, placements, has_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        groups: dict[str, list] = {}
        for level in levels:
            groups.setdefault(level.skill.name, []).append((str(level.pk), f"{level.skill.name}, level {level.level}: {level.name}"))
        self.fields["skill_level"].choices = [("", "Choose a skill and level")] + list(groups.items())
        activities = [("", "No, it was not")]
        activities += [(f"placement:{p.pk}", f"Placement: {p.application.opportunity.title} "
                                             f"({p.application.opportunity.host})") for p in placements]
        activities += [(f"encounter:{e.pk}", f"{e.title} ({e.occurred_on:%d/%m/%Y})") for e in encounters]
        self.fields["activity"].choices = activities
        self.fields["file"].widget = forms.FileInput(attrs={"accept": ACCEPT, "class": "govuk-file-upload"})
        if has_file:
            self.fields["remove_file"] = forms.BooleanField(label="Remove the file attached now", required=False)


class SubmitForm(GovukForm):
    endorser = forms.ChoiceField(label="Who should endorse your evidence?", widget=forms.RadioSelect,
                                 error_messages={"required": "Choose who should endorse your evidence"})

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["endorser"].choices = [(o.key, o.label) for o in options]


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Do you endorse this evidence?", widget=forms.RadioSelect,
        choices=[("endorse", "Yes, I endorse it: it shows the skill at the level claimed"),
                 ("return", "Not yet: return it to the young person with a comment")],
        error_messages={"required": "Choose whether you endorse the evidence"},
    )
    comment = forms.CharField(
        label="Comment", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to the young person. Needed when you return the evidence: say what to change or add.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("comment") or "").strip():
            self.add_error("comment", "Say what the young person should change or add")
        return data


class RevokeForm(GovukForm):
    reason = forms.CharField(label="Why is the credential being revoked?", widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Shown to anyone who checks the credential.",
                             error_messages={"required": "Say why the credential is being revoked"})


class ShareLinkForm(GovukForm):
    period = forms.ChoiceField(label="How long should the link work for?", widget=forms.RadioSelect,
                               choices=ShareLink.Period.choices,
                               error_messages={"required": "Choose how long the link should work for"})


class VerifyForm(GovukForm):
    credential = forms.CharField(label="Paste the credential", required=False,
                                 widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
                                 help_text="The whole text of the credential file, starting with {.")
    credential_file = forms.FileField(label="Or choose the credential file", required=False,
                                      help_text="A .json file downloaded from a skills passport.",
                                      widget=forms.FileInput(attrs={"accept": ".json,application/json,application/ld+json",
                                                                    "class": "govuk-file-upload"}))

    def clean(self):
        data = super().clean()
        if not (data.get("credential") or "").strip() and not data.get("credential_file"):
            self.add_error("credential", "Paste a credential or choose its file")
        return data


class FrameworkForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter a name for the framework"})
    introduction = forms.CharField(label="Introduction", required=False, widget=forms.Textarea(attrs={"rows": 5}),
                                   help_text="What the framework is for, shown to young people and employers.")


class SkillForm(GovukForm):
    name = forms.CharField(label="Skill", max_length=100, error_messages={"required": "Enter the skill’s name"})
    summary = forms.CharField(label="What the skill is", widget=forms.Textarea(attrs={"rows": 2}),
                              help_text="One sentence a 12-year-old would follow.",
                              error_messages={"required": "Say in a sentence what the skill is"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for level in LEVELS:
            self.fields[f"level_{level}_name"] = forms.CharField(
                label=f"Level {level}: name", max_length=50,
                error_messages={"required": f"Enter a short name for level {level}"})
            self.fields[f"level_{level}_descriptor"] = forms.CharField(
                label=f"Level {level}: what a young person at this level does", widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={"required": f"Describe what a young person at level {level} does"})

    def levels(self) -> dict:
        return {level: (self.cleaned_data[f"level_{level}_name"], self.cleaned_data[f"level_{level}_descriptor"])
                for level in LEVELS}


class CommentForm(GovukForm):
    skill = forms.ChoiceField(label="Which part is your comment about?", required=False)
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter your comment"})

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", "The framework as a whole")] + [(str(s.pk), s.name) for s in skills]


def add_errors(form, error) -> None:
    """A service's ValidationError shown on the form: beside the field it names, or at the top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
