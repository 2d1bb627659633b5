from django import forms
from django.utils.html import format_html

from careershub.core.forms import DATE_FORMATS, GovukForm
from careershub.network.models import School

from . import action_rules, scoring
from .evidence import ACCEPT, KINDS, MAX_SIZE_LABEL, evidence_problem
from .models import Action
from .services import (
    DESCRIPTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PROGRESS_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    AnswerChange,
    Owner,
)

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


# The gap analysis ---------------------------------------------------------------------------------
SORTS = (("name", "School name"), ("overall", "Lowest overall score first"))


class GapFilterForm(GovukForm):
    """The filters of the gap analysis (a GET form); the CSV, the PDF and the API take the same."""

    area_hub = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="Any area hub",
        error_messages={"invalid_choice": "Select an area hub from the list"},
    )
    school_type = forms.ChoiceField(
        label="Type of school or college", required=False, choices=[("", "Any type"), *School.Type.choices],
        error_messages={"invalid_choice": "Select a type of school or college from the list"},
    )
    threshold = forms.IntegerField(
        label="Schools in need: below this score", required=False, min_value=0, max_value=100,
        help_text="From 0 to 100. Leave it blank for the partnership’s targets.",
        error_messages={"invalid": "Enter the score as a whole number, like 60",
                        "min_value": "Enter a score from 0 to 100", "max_value": "Enter a score from 0 to 100"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input govuk-input--width-3",
                                      "spellcheck": "false", "autocomplete": "off"}),
    )
    sort = forms.ChoiceField(label="Order the schools by", required=False, choices=SORTS,
                             error_messages={"invalid_choice": "Select an order from the list"})

    def __init__(self, *args, area_hubs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area_hub"].queryset = area_hubs
        if not area_hubs.exists():
            del self.fields["area_hub"]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"area_hub": data.get("area_hub"), "school_type": data.get("school_type") or "",
                "threshold": data.get("threshold")}


# Action plans ---------------------------------------------------------------------------------------


def benchmark_choices(names: dict[int, str], numbers=scoring.BENCHMARK_NUMBERS) -> list[tuple[int, str]]:
    return [(n, f"Benchmark {n}: {names.get(n, '')}".rstrip(": ")) for n in numbers]


class _ActionFields(GovukForm):
    title = forms.CharField(
        label="Title", max_length=TITLE_MAX_LENGTH, help_text="What will be done, in a few words.",
        error_messages={"required": "Enter a title for the action",
                        "max_length": f"The title must be {TITLE_MAX_LENGTH} characters or fewer"},
    )
    description = forms.CharField(
        label="Description", required=False, max_length=DESCRIPTION_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How it closes the gap, who takes part and what done looks like.",
        error_messages={"max_length": f"The description must be {DESCRIPTION_MAX_LENGTH} characters or fewer"},
    )
    benchmark_number = forms.TypedChoiceField(
        label="Benchmark", coerce=int, choices=(),
        error_messages={"required": "Select the benchmark the action is for",
                        "invalid_choice": "Select one of the benchmarks listed"},
    )
    due_on = forms.DateField(
        label="Due date", input_formats=DATE_FORMATS, help_text="For example, 31/3/2027",
        error_messages={"required": "Enter the date the action is due",
                        "invalid": "The due date must be a real date, like 31/3/2027"},
    )

    def __init__(self, *args, names: dict[int, str], numbers=scoring.BENCHMARK_NUMBERS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benchmark_number"].choices = [("", "Select a benchmark"), *benchmark_choices(names, numbers)]
        self.fields["due_on"].widget.format = "%d/%m/%Y"
        self.fields["due_on"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off",
                                                   "class": "govuk-input govuk-input--width-10"})


class HubActionForm(_ActionFields):
    """A hub action: owned by a cornerstone employer, a member of hub staff or a school; serving schools."""

    owner = forms.ChoiceField(
        label="Owner", choices=(), help_text="Who makes it happen and reports progress on it.",
        error_messages={"required": "Select who owns the action", "invalid_choice": "Select an owner from the list"},
    )
    schools = forms.ModelMultipleChoiceField(
        label="Schools and colleges it serves", queryset=None, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the schools the action serves",
                        "invalid_choice": "Select only schools and colleges from the list"},
    )

    field_order = ["title", "description", "benchmark_number", "owner", "due_on", "schools"]

    def __init__(self, *args, employers, staff, schools, action: Action | None = None, **kwargs):
        """``action``: the action being changed, whose owner stays selectable even when no longer
        among the usual choices (an employer that is no longer a cornerstone, say)."""
        super().__init__(*args, **kwargs)
        self._owners = {}
        groups = []
        for label, prefix, items, name in (
            ("Cornerstone employers", "employer", employers, lambda e: e.name),
            ("Hub staff", "person", staff, lambda u: u.get_full_name() or u.username),
            ("Schools and colleges", "school", schools, lambda s: s.name),
        ):
            options = []
            for item in items:
                key = f"{prefix}:{item.pk}"
                self._owners[key] = item
                options.append((key, name(item)))
            if options:
                groups.append((label, options))
        current = self.owner_key(action) if action is not None else ""
        if current and current not in self._owners:
            self._owners[current] = action.owner
            groups.append(("Current owner", [(current, action.owner_name)]))
        self.fields["owner"].choices = [("", "Select an owner"), *groups]
        field = self.fields["schools"]
        field.queryset = schools
        field.label_from_instance = lambda s: f"{s.name} ({s.area_hub.name})" if s.area_hub_id else s.name

    @staticmethod
    def owner_key(action: Action) -> str:
        return f"{action.owner_kind}:{action.owner.pk}" if action.owner is not None else ""

    def clean_owner(self) -> Owner:
        return Owner.of(self._owners[self.cleaned_data["owner"]])


class SchoolActionForm(_ActionFields):
    """One of a school's own actions, against one of its gaps."""


class ActionFilterForm(GovukForm):
    benchmark = forms.TypedChoiceField(label="Benchmark", required=False, coerce=int, empty_value=None, choices=(),
                                       error_messages={"invalid_choice": "Select a benchmark from the list"})
    status = forms.ChoiceField(
        label="Status", required=False,
        choices=[("", "Any status"), ("open", "Open (not started or in progress)"), ("overdue", "Overdue"),
                 *Action.Status.choices],
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    level = forms.ChoiceField(label="Hub or school", required=False, choices=[("", "Both"), *Action.Level.choices],
                              error_messages={"invalid_choice": "Select hub or school actions"})

    def __init__(self, *args, names: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benchmark"].choices = [("", "Any benchmark"), *benchmark_choices(names)]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {"benchmark": data.get("benchmark"), "status": data.get("status") or "", "level": data.get("level") or ""}


class ProgressForm(GovukForm):
    text = forms.CharField(
        label="What has happened?", max_length=PROGRESS_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the placements arranged so far, or what is holding the action up. The note is kept "
                  "with the action, dated.",
        error_messages={"required": "Enter what has happened",
                        "max_length": f"The note must be {PROGRESS_MAX_LENGTH} characters or fewer"},
    )
    status = forms.ChoiceField(label="Status", widget=forms.RadioSelect, choices=(),
                               error_messages={"required": "Select the action’s status",
                                               "invalid_choice": "Select one of the statuses listed"})

    def __init__(self, *args, action: Action, manager: bool, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("status", action.status)
        super().__init__(*args, **kwargs)
        allowed = (action.status, *action_rules.next_statuses(action.status, manager=manager))
        self.fields["status"].choices = [
            (status, f"{action_rules.STATUS_LABELS[status]} (unchanged)" if status == action.status
             else action_rules.STATUS_LABELS[status])
            for status in allowed
        ]
