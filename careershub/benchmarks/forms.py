from django import forms
from django.utils.html import format_html

from careershub.core.forms import GovukForm

from . import scoring
from .evidence import ACCEPT, KINDS, MAX_SIZE_LABEL, evidence_problem
from .services import NOTE_MAX_LENGTH, REASON_MAX_LENGTH, AnswerChange

PERCENT_ERRORS = {
    "invalid": "Enter the percentage as a whole number, like 85",
    "min_value": "Enter a percentage from 0 to 100",
    "max_value": "Enter a percentage from 0 to 100",
}


def _for(reference: str, text: str):
    """A label with the criterion it belongs to, for screen readers moving from field to field."""
    return format_html('{}<span class="govuk-visually-hidden"> for criterion {}</span>', text, reference)


class FigureField(forms.IntegerField):
    """A figure the assessment needs before it is submitted, but which a draft may be saved without:
    shown without "(optional)", and not refused when empty."""

    def validate(self, value):
        if value in self.empty_values:
            return
        super().validate(value)


class CriterionForm(GovukForm):
    """The answer to one criterion, on its benchmark's page. Nothing is required: a draft may be saved
    part-answered; submitting checks that every criterion has an answer."""

    status = forms.ChoiceField(required=False, widget=forms.RadioSelect,
                               error_messages={"invalid_choice": "Select met, partly met or not met"})
    figure = FigureField(
        min_value=0, max_value=100, error_messages=PERCENT_ERRORS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3",
                                      "spellcheck": "false", "autocomplete": "off"}),
    )
    not_applicable = forms.BooleanField(required=False)
    evidence_note = forms.CharField(
        required=False, max_length=NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": f"The evidence note must be {NOTE_MAX_LENGTH} characters or fewer"},
    )
    evidence_file = forms.FileField(required=False, widget=forms.FileInput(attrs={"accept": ACCEPT}),
                                    error_messages={"empty": "The selected file is empty"})
    remove_file = forms.BooleanField(required=False)

    def __init__(self, *args, item, **kwargs):
        self.item = item
        criterion, answer = item.criterion, item.answer
        initial = {
            "status": answer.status, "figure": answer.figure, "evidence_note": answer.evidence_note,
            "not_applicable": answer.status == scoring.NOT_APPLICABLE,
        }
        super().__init__(*args, prefix=f"c{criterion.pk}", initial=initial, **kwargs)
        self.use_required_attribute = False  # drafts are saved part-answered
        reference = item.reference
        if criterion.is_counted:
            del self.fields["status"]
            figure = self.fields["figure"]
            figure.label = criterion.figure_question or "Percentage of young people"
            figure.help_text = (f"A whole number from 0 to 100. The criterion is met at {criterion.threshold}%; "
                                "anything above 0 counts as partly met.")
            if criterion.post_16_only:
                self.fields["not_applicable"].label = "This does not apply: we have no students over 16"
            else:
                del self.fields["not_applicable"]
        else:
            del self.fields["figure"], self.fields["not_applicable"]
            status = self.fields["status"]
            choices = [(scoring.MET, "Met"), (scoring.PARTLY_MET, "Partly met"), (scoring.NOT_MET, "Not met")]
            if criterion.post_16_only:
                choices.append((scoring.NOT_APPLICABLE, "Does not apply: we have no students over 16"))
            status.choices = choices
            status.label = criterion.text
            status.help_text = criterion.hint
        self.fields["evidence_note"].label = _for(reference, "Evidence note")
        self.fields["evidence_note"].help_text = "What shows this, such as a document, a record you keep or an event that took place."
        self.fields["evidence_file"].label = _for(reference, "Evidence file")
        self.fields["evidence_file"].help_text = (
            f"{KINDS[0].upper()}{KINDS[1:]}, smaller than {MAX_SIZE_LABEL}. "
            "Leave out anything that names a young person: evidence is about the programme, not about pupils."
        )
        if answer.evidence_file:
            self.fields["remove_file"].label = format_html("Remove {}", answer.evidence_file_name or "the file")
        else:
            del self.fields["remove_file"]

    def clean_evidence_file(self):
        upload = self.cleaned_data.get("evidence_file")
        if upload:
            upload.seek(0)
            head = upload.read(16)
            upload.seek(0)
            problem = evidence_problem(upload.name or "", upload.size or 0, head)
            if problem:
                raise forms.ValidationError(problem)
        return upload

    def change(self) -> AnswerChange:
        data = self.cleaned_data
        return AnswerChange(
            criterion_id=self.item.criterion.pk,
            status=data.get("status") or "",
            figure=data.get("figure"),
            not_applicable=bool(data.get("not_applicable")),
            evidence_note=data.get("evidence_note") or "",
            evidence_file=data.get("evidence_file") or None,
            remove_file=bool(data.get("remove_file")),
        )


class ReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why are you reopening the self-assessment?", max_length=REASON_MAX_LENGTH,
        help_text="For example, evidence has come to light that changes an answer. The reason is kept with the assessment's history.",
        error_messages={"required": "Enter why the self-assessment is being reopened",
                        "max_length": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"},
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BenchmarkSettingsForm(GovukForm):
    framework_version = forms.ModelChoiceField(
        queryset=None, widget=forms.RadioSelect, empty_label=None, label="Version of the Gatsby Benchmarks",
        help_text="New self-assessments are made under this version. Assessments already started keep the version they were started under.",
        error_messages={"required": "Select the version to assess against",
                        "invalid_choice": "Select one of the versions listed"},
    )

    def __init__(self, *args, versions, names: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework_version"].queryset = versions
        for number in scoring.BENCHMARK_NUMBERS:
            self.fields[f"target_{number}"] = forms.IntegerField(
                required=False, min_value=0, max_value=100,
                label=f"Benchmark {number}: {names.get(number, '')}".rstrip(": "),
                error_messages={
                    "invalid": "Enter the target as a whole number, like 100",
                    "min_value": "Enter a target from 0 to 100",
                    "max_value": "Enter a target from 0 to 100",
                },
                widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3",
                                              "spellcheck": "false", "autocomplete": "off"}),
            )

    def targets(self) -> dict[int, int | None]:
        return {n: self.cleaned_data.get(f"target_{n}") for n in scoring.BENCHMARK_NUMBERS}


class SchoolScoresFilterForm(GovukForm):
    """The filters above the list of schools' scores (a GET form)."""

    area_hub = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any area hub",
        error_messages={"invalid_choice": "Select an area hub from the list"},
    )
    below_target = forms.BooleanField(label="Only schools below a target", required=False)

    def __init__(self, *args, area_hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_hub"].queryset = area_hubs
        if not area_hubs.exists():
            del self.fields["area_hub"]
