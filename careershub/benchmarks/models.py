"""The Gatsby Benchmarks: the framework as versioned data, and schools' self-assessments against it.

- ``FrameworkVersion`` > ``Benchmark`` (1 to 8) > ``Criterion``: editable data, shipped with the 2014
  version and the 2024/25 refresh (shipped.py, migration 0002).
- ``PartnershipBenchmarkSettings``: the version a partnership assesses against now;
  ``BenchmarkTarget``: its minimum score per benchmark (such as 100% of benchmarks 5 and 6).
- ``Assessment``: one school's self-assessment for one term, made under the version in force when it
  was started, which it keeps; an ``Answer`` per criterion; ``BenchmarkScore`` rows, the snapshot of
  the scores taken when it is submitted; ``AssessmentEvent``, its history (started, submitted,
  reopened with a reason).
- ``Action``: the action plans. A hub action is raised by hub staff against a benchmark gap, owned by
  a cornerstone employer, a member of hub staff or a school, and serves several schools; a school
  action is a school's own, against one of its gaps. ``ActionNote``: dated progress notes, each with
  the status the action moved to, if it moved. The rules: action_rules.py.
"""
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careershub.core.models import TimeStampedModel
from careershub.network.models import Employer, Partnership, School

from . import action_rules, scoring
from .terms import TERM_LABELS, TERMS
from .terms import Term as SchoolTerm

NUMBER_VALIDATORS = [MinValueValidator(1), MaxValueValidator(8)]
PERCENT_VALIDATORS = [MinValueValidator(0), MaxValueValidator(100)]


class FrameworkVersion(TimeStampedModel):
    key = models.SlugField(max_length=32, unique=True)
    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    effective_from = models.DateField(help_text="When schools began to be assessed against this version.")

    class Meta:
        ordering = ["effective_from", "pk"]

    def __str__(self) -> str:
        return self.name


class Benchmark(models.Model):
    version = models.ForeignKey(FrameworkVersion, on_delete=models.CASCADE, related_name="benchmarks")
    number = models.PositiveSmallIntegerField(validators=NUMBER_VALIDATORS)
    name = models.CharField(max_length=200)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="unique_benchmark_number"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=8), name="benchmark_number_1_to_8"),
        ]

    def __str__(self) -> str:
        return f"Benchmark {self.number}: {self.name}"


class Criterion(models.Model):
    """A measurable criterion of a benchmark. Counted criteria (with a ``measure``) are answered with a
    figure: the percentage of the young people the ``figure_question`` names, met at ``threshold``."""

    class Measure(models.TextChoices):
        EMPLOYER_ENCOUNTERS = "employer_encounters_per_student_year", "Encounters with employers, each year from 11"
        WORKPLACE_BY_16 = "workplace_experience_by_16", "Experience of a workplace by 16"
        WORKPLACE_BY_18 = "workplace_experience_by_18", "A further experience of a workplace by 18"
        FE_HE_ENCOUNTERS = "fe_he_encounters", "Encounters with further and higher education by 16"
        GUIDANCE_BY_16 = "guidance_interview_by_16", "Guidance interview by 16"
        GUIDANCE_BY_18 = "guidance_interview_by_18", "Further guidance interview by 18"

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField()
    text = models.TextField()
    hint = models.TextField(blank=True)
    measure = models.CharField(max_length=48, choices=Measure.choices, blank=True)
    threshold = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PERCENT_VALIDATORS,
        help_text="For counted criteria: the percentage of the cohort at which the criterion is met.",
    )
    figure_question = models.CharField(max_length=255, blank=True)
    post_16_only = models.BooleanField(
        default=False, help_text="About students over 16: a school without them may answer that it does not apply.",
    )

    class Meta:
        ordering = ["benchmark", "order"]
        verbose_name_plural = "criteria"
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "order"], name="unique_criterion_order"),
            models.CheckConstraint(
                condition=Q(measure="") | Q(threshold__isnull=False), name="counted_criterion_has_threshold",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_counted(self) -> bool:
        return bool(self.measure)


class PartnershipBenchmarkSettings(TimeStampedModel):
    """The version of the framework a partnership assesses its schools against from now on."""

    partnership = models.OneToOneField(Partnership, on_delete=models.CASCADE, related_name="benchmark_settings")
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name_plural = "partnership benchmark settings"

    def __str__(self) -> str:
        return f"{self.partnership}: {self.framework_version}"


class BenchmarkTarget(TimeStampedModel):
    """The partnership's minimum score for every school on one benchmark (by number, so it holds
    across versions of the framework)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="benchmark_targets")
    number = models.PositiveSmallIntegerField(validators=NUMBER_VALIDATORS)
    minimum_percent = models.PositiveSmallIntegerField(validators=PERCENT_VALIDATORS)

    class Meta:
        ordering = ["partnership", "number"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "number"], name="unique_benchmark_target"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=8), name="target_number_1_to_8"),
            models.CheckConstraint(condition=Q(minimum_percent__lte=100), name="target_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"Benchmark {self.number}: at least {self.minimum_percent}%"


class Assessment(TimeStampedModel):
    """A school's self-assessment against the benchmarks for one term."""

    class Term(models.TextChoices):
        AUTUMN = TERMS[0], TERM_LABELS[TERMS[0]]
        SPRING = TERMS[1], TERM_LABELS[TERMS[1]]
        SUMMER = TERMS[2], TERM_LABELS[TERMS[2]]

    class Status(models.TextChoices):
        DRAFT = "draft", "In progress"
        SUBMITTED = "submitted", "Submitted"
        REOPENED = "reopened", "Reopened"

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="benchmark_assessments")
    framework_version = models.ForeignKey(FrameworkVersion, on_delete=models.PROTECT, related_name="assessments")
    academic_year = models.PositiveSmallIntegerField(help_text="The calendar year the academic year began in.")
    term = models.CharField(max_length=8, choices=Term.choices)
    period = models.PositiveIntegerField(editable=False, help_text="Terms since year 0, for ordering.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The snapshot taken at the last submission.
    overall_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    benchmarks_achieved = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["school", "-period"]
        constraints = [
            models.UniqueConstraint(fields=["school", "period"], name="one_assessment_per_school_term"),
        ]
        indexes = [models.Index(fields=["status", "school", "period"])]

    def __str__(self) -> str:
        return f"{self.school} – {self.term_label}"

    def save(self, *args, **kwargs):
        self.period = self.school_term.period
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("benchmarks:assessment_detail", args=[self.pk])

    @property
    def school_term(self) -> SchoolTerm:
        return SchoolTerm.named(self.academic_year, self.term)

    @property
    def term_label(self) -> str:
        return self.school_term.label

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.REOPENED)

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


def evidence_upload_to(answer: "Answer", filename: str) -> str:
    """Evidence is stored under a random name (the original name is kept on the answer), in a folder
    per school and assessment."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"benchmarks/evidence/{answer.assessment.school_id}/{answer.assessment_id}/{uuid.uuid4().hex}{suffix}"


class Answer(TimeStampedModel):
    class Status(models.TextChoices):
        MET = scoring.MET, scoring.ANSWER_LABELS[scoring.MET]
        PARTLY_MET = scoring.PARTLY_MET, scoring.ANSWER_LABELS[scoring.PARTLY_MET]
        NOT_MET = scoring.NOT_MET, scoring.ANSWER_LABELS[scoring.NOT_MET]
        NOT_APPLICABLE = scoring.NOT_APPLICABLE, scoring.ANSWER_LABELS[scoring.NOT_APPLICABLE]

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    figure = models.PositiveSmallIntegerField(null=True, blank=True, validators=PERCENT_VALIDATORS)
    evidence_note = models.TextField(blank=True)
    evidence_file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=255)
    evidence_file_name = models.CharField(max_length=255, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["assessment", "criterion__benchmark__number", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_answer_per_criterion"),
            models.CheckConstraint(condition=Q(figure__isnull=True) | Q(figure__lte=100), name="figure_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.criterion}"

    @property
    def is_answered(self) -> bool:
        return scoring.is_answered(self.status)

    @property
    def status_label(self) -> str:
        return scoring.ANSWER_LABELS[self.status]


class BenchmarkScore(models.Model):
    """One benchmark's score in a submitted assessment, as it stood when submitted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveSmallIntegerField(validators=NUMBER_VALIDATORS)
    met = models.PositiveSmallIntegerField()
    applicable = models.PositiveSmallIntegerField()
    percent = models.DecimalField(max_digits=5, decimal_places=2)
    achieved = models.BooleanField()

    class Meta:
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="one_score_per_benchmark"),
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="score_0_to_100"),
        ]
        indexes = [models.Index(fields=["number", "percent"])]

    def __str__(self) -> str:
        return f"{self.assessment} benchmark {self.number}: {self.percent}%"


class AssessmentEvent(models.Model):
    class Action(models.TextChoices):
        STARTED = "started", "Started"
        SUBMITTED = "submitted", "Submitted"
        REOPENED = "reopened", "Reopened"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["assessment", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.assessment}: {self.get_action_display()} {self.at:%Y-%m-%d}"


class Action(TimeStampedModel):
    """An action in the benchmark action plan: raised against a benchmark gap, owned by one
    organisation or person, due by a date and serving one or more schools."""

    class Level(models.TextChoices):
        HUB = "hub", "Hub action"
        SCHOOL = "school", "School action"

    class Status(models.TextChoices):
        NOT_STARTED = action_rules.NOT_STARTED, action_rules.STATUS_LABELS[action_rules.NOT_STARTED]
        IN_PROGRESS = action_rules.IN_PROGRESS, action_rules.STATUS_LABELS[action_rules.IN_PROGRESS]
        DONE = action_rules.DONE, action_rules.STATUS_LABELS[action_rules.DONE]
        CANCELLED = action_rules.CANCELLED, action_rules.STATUS_LABELS[action_rules.CANCELLED]

    class OwnerKind(models.TextChoices):
        EMPLOYER = "employer", "Cornerstone employer"
        PERSON = "person", "Hub staff"
        SCHOOL = "school", "School or college"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="benchmark_actions")
    level = models.CharField(max_length=8, choices=Level.choices, default=Level.HUB)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    benchmark_number = models.PositiveSmallIntegerField("Benchmark", validators=NUMBER_VALIDATORS)
    owner_kind = models.CharField(max_length=8, choices=OwnerKind.choices)
    owner_employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="benchmark_actions")
    owner_person = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="benchmark_actions_owned")
    owner_school = models.ForeignKey(School, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="benchmark_actions_owned")
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    closed_on = models.DateField(null=True, blank=True, help_text="When it was done or cancelled.")
    schools = models.ManyToManyField(School, related_name="benchmark_actions", help_text="The schools it serves.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(benchmark_number__gte=1, benchmark_number__lte=8),
                                   name="action_benchmark_1_to_8"),
            models.CheckConstraint(
                condition=(
                    Q(owner_kind="employer", owner_employer__isnull=False, owner_person__isnull=True, owner_school__isnull=True)
                    | Q(owner_kind="person", owner_employer__isnull=True, owner_person__isnull=False, owner_school__isnull=True)
                    | Q(owner_kind="school", owner_employer__isnull=True, owner_person__isnull=True, owner_school__isnull=False)
                ),
                name="action_has_one_owner",
            ),
            models.CheckConstraint(condition=Q(level="hub") | Q(owner_kind="school"), name="school_action_owned_by_school"),
        ]
        indexes = [
            models.Index(fields=["partnership", "status", "due_on"]),
            models.Index(fields=["owner_school", "level"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self):
        return reverse("benchmarks:action_detail", args=[self.pk])

    @property
    def owner(self):
        return {"employer": self.owner_employer, "person": self.owner_person, "school": self.owner_school}.get(self.owner_kind)

    @property
    def owner_name(self) -> str:
        owner = self.owner
        if owner is None:
            return ""
        if self.owner_kind == self.OwnerKind.PERSON:
            return owner.get_full_name() or owner.username
        return owner.name

    @property
    def is_open(self) -> bool:
        return action_rules.is_open(self.status)

    def is_overdue_on(self, today) -> bool:
        return action_rules.is_overdue(self.due_on, self.status, today)

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


class ActionNote(models.Model):
    """A dated note of progress on an action, with the status it moved to (blank: unchanged)."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    status = models.CharField(max_length=12, choices=Action.Status.choices, blank=True,
                              help_text="The status the action moved to with this note, if it moved.")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["action", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.action}: {self.at:%Y-%m-%d}"
