"""Writes to the Gatsby Benchmarks. Every one takes acting_user, runs in a transaction and leaves an
audit entry; each checks that the person may do it (``PermissionDenied``) and refuses what the rules
do not allow with a ``ValidationError`` naming what is wrong.

The life of a self-assessment:

- the school's careers leader starts it for the current term, under the version of the framework the
  partnership assesses against at that moment, which the assessment keeps for good; one assessment per
  school per term;
- while it is in progress (draft, or reopened) the careers leader saves answers, a benchmark at a time,
  as often as they like; a counted criterion's answer follows from the figure entered;
- submitting needs every criterion answered; it stores the scores as they stand (``BenchmarkScore``
  rows and the overall figures on the assessment), computed by the rules in scoring.py;
- the careers leader, or the enterprise coordinator of the school's area hub, reopens a submitted
  assessment with a reason; it is submitted again the same way, replacing the stored scores.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.network.models import Employer, Partnership, School

from . import action_rules, scoring, selectors
from .evidence import evidence_problem
from .models import (
    Action,
    ActionNote,
    Answer,
    Assessment,
    AssessmentEvent,
    Benchmark,
    BenchmarkScore,
    BenchmarkTarget,
    Criterion,
    FrameworkVersion,
    PartnershipBenchmarkSettings,
)
from .terms import Term

NOTE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = AssessmentEvent._meta.get_field("reason").max_length
# Error codes the API answers with 409 Conflict: the request is fine, the assessment's state refuses it.
CONFLICT_CODES = frozenset({"assessment_exists", "not_editable", "not_submitted"})


def _locked(assessment: Assessment) -> Assessment:
    """The assessment read again under a row lock, so two people acting at once act one after the other."""
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("school", "school__partnership", "framework_version")
        .get(pk=assessment.pk)
    )


def _describe(assessment: Assessment) -> str:
    return f"{assessment.school.name}, {assessment.term_label}"


# Starting --------------------------------------------------------------------------------------
def assessment_start(*, acting_user, school: School, today=None, via: str = "web") -> Assessment:
    """Start the school's self-assessment for the current term, with a blank answer per criterion."""
    if not selectors.may_edit(acting_user, school):
        raise PermissionDenied("Only the school's careers leader can start its self-assessment.")
    term = Term.of(today or timezone.localdate())
    with transaction.atomic():
        if Assessment.objects.filter(school=school, period=term.period).exists():
            raise ValidationError(
                f"{school.name} already has a self-assessment for {term.label}", code="assessment_exists"
            )
        version = selectors.version_for(school.partnership, today)
        if version is None:
            raise ValidationError("There is no version of the Gatsby Benchmarks to assess against", code="no_framework")
        try:
            with transaction.atomic():
                assessment = Assessment.objects.create(
                    school=school, framework_version=version, academic_year=term.academic_year, term=term.term,
                    started_by=acting_user,
                )
        except IntegrityError:
            raise ValidationError(
                f"{school.name} already has a self-assessment for {term.label}", code="assessment_exists"
            ) from None
        criteria = Criterion.objects.filter(benchmark__version=version).order_by("benchmark__number", "order")
        Answer.objects.bulk_create([Answer(assessment=assessment, criterion=c) for c in criteria])
        AssessmentEvent.objects.create(assessment=assessment, action=AssessmentEvent.Action.STARTED, by=acting_user)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=assessment, via=via,
                     summary=f"Started the {version.name} self-assessment for {_describe(assessment)}")
    return assessment


# Answering -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnswerChange:
    """What was given for one criterion. Counted criteria take ``figure`` (or ``not_applicable``);
    the others take ``status``."""

    criterion_id: int
    status: str = ""
    figure: int | None = None
    not_applicable: bool = False
    evidence_note: str = ""
    evidence_file: UploadedFile | None = None
    remove_file: bool = False


def check_evidence_file(upload: UploadedFile) -> str | None:
    """Why an uploaded file cannot be evidence, or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return evidence_problem(upload.name or "", upload.size or 0, head)


def _apply(answer: Answer, change: AnswerChange) -> dict[str, str]:
    """Set the change on the answer; the problems found, by field."""
    criterion = answer.criterion
    problems = {}
    if criterion.is_counted:
        if change.not_applicable:
            if not criterion.post_16_only:
                problems["not_applicable"] = "This criterion applies to every school"
            answer.status, answer.figure = scoring.NOT_APPLICABLE, None
        else:
            if change.figure is not None and not 0 <= change.figure <= 100:
                problems["figure"] = "Enter a percentage from 0 to 100"
            answer.figure = change.figure
            answer.status = scoring.status_for_figure(change.figure, criterion.threshold)
    else:
        if change.status not in (*scoring.ANSWERS, scoring.UNANSWERED):
            problems["status"] = "Select met, partly met or not met"
        elif change.status == scoring.NOT_APPLICABLE and not criterion.post_16_only:
            problems["status"] = "This criterion applies to every school"
        answer.status, answer.figure = change.status, None
    note = change.evidence_note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        problems["evidence_note"] = f"The evidence note must be {NOTE_MAX_LENGTH} characters or fewer"
    answer.evidence_note = note
    if change.evidence_file is not None:
        problem = check_evidence_file(change.evidence_file)
        if problem:
            problems["evidence_file"] = problem
    return problems


def answers_save(*, acting_user, assessment: Assessment, changes: list[AnswerChange], via: str = "web") -> list[Answer]:
    """Save answers to some of the assessment's criteria (a benchmark's, from its page). Leaving a
    criterion blank is allowed while the assessment is in progress."""
    with transaction.atomic():
        assessment = _locked(assessment)
        if not selectors.may_edit(acting_user, assessment.school):
            raise PermissionDenied("Only the school's careers leader can answer its self-assessment.")
        if not assessment.is_editable:
            raise ValidationError(
                f"The self-assessment for {assessment.term_label} has been submitted: reopen it to change it",
                code="not_editable",
            )
        answers = {
            a.criterion_id: a for a in Answer.objects.filter(
                assessment=assessment, criterion_id__in=[c.criterion_id for c in changes]
            ).select_related("criterion", "criterion__benchmark")
        }
        problems = {}
        stale_files = []
        for change in changes:
            answer = answers.get(change.criterion_id)
            if answer is None:
                raise ValidationError("That criterion is not part of this self-assessment", code="unknown_criterion")
            for name, message in _apply(answer, change).items():
                problems[f"{change.criterion_id}-{name}"] = message
            if (change.remove_file or change.evidence_file is not None) and answer.evidence_file:
                stale_files.append(answer.evidence_file.name)
                answer.evidence_file, answer.evidence_file_name = "", ""
        if problems:
            raise ValidationError(problems)
        for change in changes:
            answer = answers[change.criterion_id]
            answer.assessment = assessment
            if change.evidence_file is not None:
                answer.evidence_file_name = (change.evidence_file.name or "")[:255]
                answer.evidence_file.save(change.evidence_file.name, change.evidence_file, save=False)
            answer.updated_by = acting_user
            answer.save()
        storage = Answer._meta.get_field("evidence_file").storage
        for name in stale_files:
            transaction.on_commit(lambda name=name: storage.delete(name))
        numbers = sorted({a.criterion.benchmark.number for a in answers.values()})
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE, subject=assessment, via=via,
            summary=f"Saved answers to benchmark {', '.join(map(str, numbers))} for {_describe(assessment)}",
        )
    return list(answers.values())


# Submitting ------------------------------------------------------------------------------------
def unanswered(answers) -> list[Answer]:
    """The answers that still need one: no status, or a counted criterion without its figure."""
    return [
        a for a in answers
        if not a.is_answered or (a.criterion.is_counted and a.status != scoring.NOT_APPLICABLE and a.figure is None)
    ]


def assessment_submit(*, acting_user, assessment: Assessment, via: str = "web") -> scoring.AssessmentResult:
    """Submit the assessment: every criterion must be answered. Stores the scores as they stand."""
    with transaction.atomic():
        assessment = _locked(assessment)
        if not selectors.may_edit(acting_user, assessment.school):
            raise PermissionDenied("Only the school's careers leader can submit its self-assessment.")
        if not assessment.is_editable:
            raise ValidationError(f"The self-assessment for {assessment.term_label} has already been submitted",
                                  code="not_editable")
        answers = list(Answer.objects.filter(assessment=assessment).select_related("criterion", "criterion__benchmark"))
        missing = unanswered(answers)
        if missing:
            count = len(missing)
            raise ValidationError(
                f"Answer every criterion before you submit: {count} {'is' if count == 1 else 'are'} not answered yet",
                code="incomplete",
            )
        benchmarks = list(Benchmark.objects.filter(version_id=assessment.framework_version_id).order_by("number"))
        result = scoring.score_assessment({
            b.number: [a.status for a in answers if a.criterion.benchmark_id == b.pk] for b in benchmarks
        })
        BenchmarkScore.objects.filter(assessment=assessment).delete()
        BenchmarkScore.objects.bulk_create([
            BenchmarkScore(
                assessment=assessment, benchmark=b, number=b.number, met=result.benchmark(b.number).met,
                applicable=result.benchmark(b.number).applicable, percent=scoring.stored(result.benchmark(b.number).percent),
                achieved=result.benchmark(b.number).achieved,
            )
            for b in benchmarks
        ])
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_at = timezone.now()
        assessment.submitted_by = acting_user
        assessment.overall_percent = scoring.stored(result.overall_percent)
        assessment.benchmarks_achieved = result.achieved_count
        assessment.save(update_fields=[
            "status", "submitted_at", "submitted_by", "overall_percent", "benchmarks_achieved", "updated_at",
        ])
        AssessmentEvent.objects.create(assessment=assessment, action=AssessmentEvent.Action.SUBMITTED, by=acting_user)
        audit.record(
            actor=acting_user, action=AuditEntry.Action.UPDATE, subject=assessment, via=via,
            summary=f"Submitted the self-assessment for {_describe(assessment)}: {result.achieved_count} of "
                    f"{len(benchmarks)} benchmarks fully achieved, {scoring.whole(result.overall_percent)}% overall",
        )
    return result


# Reopening -------------------------------------------------------------------------------------
def assessment_reopen(*, acting_user, assessment: Assessment, reason: str, via: str = "web") -> Assessment:
    """Reopen a submitted assessment so that it can be changed and submitted again. Its scores stay
    stored until then; the school's current scores come from its latest submitted assessment."""
    with transaction.atomic():
        assessment = _locked(assessment)
        if not selectors.may_reopen(acting_user, assessment.school):
            raise PermissionDenied(
                "Only the school's careers leader or its area hub's enterprise coordinator can reopen its self-assessment."
            )
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "Enter why the self-assessment is being reopened"})
        if len(reason) > REASON_MAX_LENGTH:
            raise ValidationError({"reason": f"The reason must be {REASON_MAX_LENGTH} characters or fewer"})
        if not assessment.is_submitted:
            raise ValidationError(f"The self-assessment for {assessment.term_label} is not submitted, so it is open already",
                                  code="not_submitted")
        assessment.status = Assessment.Status.REOPENED
        assessment.save(update_fields=["status", "updated_at"])
        AssessmentEvent.objects.create(
            assessment=assessment, action=AssessmentEvent.Action.REOPENED, by=acting_user, reason=reason,
        )
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=assessment, via=via,
                     summary=f"Reopened the self-assessment for {_describe(assessment)}: {reason}")
    return assessment


# The partnership's settings --------------------------------------------------------------------
def benchmark_settings_update(*, acting_user, partnership: Partnership, framework_version: FrameworkVersion,
                              targets: dict[int, int | None], via: str = "web") -> PartnershipBenchmarkSettings:
    """Choose the version new assessments are made under (assessments already started keep theirs) and
    set the minimum score per benchmark (None: no target)."""
    managed = selectors.managed_partnership(acting_user)
    if managed is None or managed.pk != partnership.pk:
        raise PermissionDenied("Only the hub manager can change the partnership's benchmark settings.")
    problems = {}
    for number, minimum in targets.items():
        if number not in scoring.BENCHMARK_NUMBERS:
            problems["__all__"] = f"There is no benchmark {number}"
        elif minimum is not None and not 0 <= minimum <= 100:
            problems[f"target_{number}"] = "Enter a target from 0 to 100"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        settings, _ = PartnershipBenchmarkSettings.objects.update_or_create(
            partnership=partnership, defaults={"framework_version": framework_version},
        )
        for number, minimum in targets.items():
            if minimum is None:
                BenchmarkTarget.objects.filter(partnership=partnership, number=number).delete()
            else:
                BenchmarkTarget.objects.update_or_create(
                    partnership=partnership, number=number, defaults={"minimum_percent": minimum},
                )
        chosen = ", ".join(f"{n}: {m}%" for n, m in sorted(selectors.targets_for(partnership.pk).items())) or "none"
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=partnership, via=via,
                     summary=f"Benchmark settings: {framework_version.name}; targets {chosen}")
    return settings


def is_conflict(error: ValidationError) -> bool:
    return getattr(error, "code", None) in CONFLICT_CODES


# Action plans -----------------------------------------------------------------------------------
TITLE_MAX_LENGTH = Action._meta.get_field("title").max_length
DESCRIPTION_MAX_LENGTH = 4000
PROGRESS_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Owner:
    """Who owns a hub action: exactly one of a cornerstone employer, a member of hub staff or a school."""

    kind: str
    employer: Employer | None = None
    person: object | None = None
    school: School | None = None

    @classmethod
    def of(cls, value) -> Owner:
        if isinstance(value, Employer):
            return cls(Action.OwnerKind.EMPLOYER, employer=value)
        if isinstance(value, School):
            return cls(Action.OwnerKind.SCHOOL, school=value)
        return cls(Action.OwnerKind.PERSON, person=value)

    @property
    def name(self) -> str:
        if self.person is not None:
            return self.person.get_full_name() or self.person.username
        return (self.employer or self.school).name


def _action_text_problems(title: str, description: str, benchmark_number: int) -> dict[str, str]:
    problems = {}
    if not title:
        problems["title"] = "Enter a title for the action"
    elif len(title) > TITLE_MAX_LENGTH:
        problems["title"] = f"The title must be {TITLE_MAX_LENGTH} characters or fewer"
    if len(description) > DESCRIPTION_MAX_LENGTH:
        problems["description"] = f"The description must be {DESCRIPTION_MAX_LENGTH} characters or fewer"
    if benchmark_number not in scoring.BENCHMARK_NUMBERS:
        problems["benchmark_number"] = "Select the benchmark the action is for"
    return problems


def _owner_problem(acting_user, partnership: Partnership, owner: Owner) -> str | None:
    if owner.kind == Action.OwnerKind.EMPLOYER:
        if owner.employer.partnership_id != partnership.pk or not owner.employer.is_cornerstone:
            return "Select a cornerstone employer of the partnership"
    elif owner.kind == Action.OwnerKind.PERSON:
        if owner.person is None or not selectors.hub_staff(partnership).filter(pk=owner.person.pk).exists():
            return "Select the hub manager or an enterprise coordinator of the partnership"
    elif not selectors.schools_for_hub_actions(acting_user).filter(pk=owner.school.pk).exists():
        return "Select a school or college you work with"
    return None


def _due_problem(due_on, today, *, unchanged_from=None) -> str | None:
    if due_on is None:
        return "Enter the date the action is due"
    if due_on < today and due_on != unchanged_from:
        return "The due date must be today or in the future"
    return None


def _describe_action(action: Action, owner_name: str, school_count: int) -> str:
    served = f"{school_count} school{'s' if school_count != 1 else ''}"
    return (f"‘{action.title}’, benchmark {action.benchmark_number}, owned by {owner_name}, due "
            f"{action.due_on.day} {action.due_on:%B %Y}, serving {served}")


def action_create(*, acting_user, partnership: Partnership, title: str, description: str = "", benchmark_number: int,
                  owner: Owner, due_on, schools, today=None, via: str = "web") -> Action:
    """Raise a hub action against a benchmark gap, serving ``schools`` (at least one, all within the
    acting person's scope)."""
    if not selectors.may_create_hub_action(acting_user) or selectors.action_partnership(acting_user) != partnership:
        raise PermissionDenied("Only the hub manager and enterprise coordinators raise hub actions.")
    today = today or timezone.localdate()
    title, description = title.strip(), description.strip()
    schools = list(schools)
    problems = _action_text_problems(title, description, benchmark_number)
    owner_problem = _owner_problem(acting_user, partnership, owner)
    if owner_problem:
        problems["owner"] = owner_problem
    due_problem = _due_problem(due_on, today)
    if due_problem:
        problems["due_on"] = due_problem
    if not schools:
        problems["schools"] = "Select the schools the action serves"
    else:
        allowed = set(selectors.schools_for_hub_actions(acting_user).filter(pk__in=[s.pk for s in schools])
                      .values_list("pk", flat=True))
        if any(s.pk not in allowed for s in schools):
            problems["schools"] = "Select only schools and colleges you work with"
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        action = Action.objects.create(
            partnership=partnership, level=Action.Level.HUB, title=title, description=description,
            benchmark_number=benchmark_number, owner_kind=owner.kind, owner_employer=owner.employer,
            owner_person=owner.person, owner_school=owner.school, due_on=due_on, created_by=acting_user,
        )
        action.schools.set(schools)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=action, via=via,
                     summary=f"Raised the hub action {_describe_action(action, owner.name, len(schools))}")
    return action


def school_action_create(*, acting_user, school: School, title: str, description: str = "", benchmark_number: int,
                         due_on, today=None, via: str = "web") -> Action:
    """Raise one of a school's own actions, owned by the school, against a benchmark it has not fully
    achieved."""
    if not selectors.may_create_school_action(acting_user, school):
        raise PermissionDenied("Only the school's careers leader, its area hub's coordinator or the hub manager "
                               "raise the school's own actions.")
    today = today or timezone.localdate()
    title, description = title.strip(), description.strip()
    problems = _action_text_problems(title, description, benchmark_number)
    if "benchmark_number" not in problems and benchmark_number not in selectors.school_gaps(school):
        problems["benchmark_number"] = f"{school.name} has fully achieved benchmark {benchmark_number}: select one of its gaps"
    due_problem = _due_problem(due_on, today)
    if due_problem:
        problems["due_on"] = due_problem
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        action = Action.objects.create(
            partnership_id=school.partnership_id, level=Action.Level.SCHOOL, title=title, description=description,
            benchmark_number=benchmark_number, owner_kind=Action.OwnerKind.SCHOOL, owner_school=school, due_on=due_on,
            created_by=acting_user,
        )
        action.schools.set([school])
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=action, via=via,
                     summary=f"Raised the school action {_describe_action(action, school.name, 1)}")
    return action


def _locked_action(action: Action) -> Action:
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("partnership", "owner_employer", "owner_person", "owner_school")
        .get(pk=action.pk)
    )


def action_update(*, acting_user, action: Action, title: str, description: str = "", benchmark_number: int,
                  due_on, owner: Owner | None = None, schools=None, today=None, via: str = "web") -> Action:
    """Change an action: its wording, benchmark and due date; a hub action's owner and schools too
    (a school action stays its school's). The status changes with a progress note instead."""
    today = today or timezone.localdate()
    with transaction.atomic():
        action = _locked_action(action)
        if not selectors.may_manage_action(acting_user, action):
            raise PermissionDenied("Only the people who manage this action can change it.")
        title, description = title.strip(), description.strip()
        problems = _action_text_problems(title, description, benchmark_number)
        due_problem = _due_problem(due_on, today, unchanged_from=action.due_on)
        if due_problem:
            problems["due_on"] = due_problem
        is_hub = action.level == Action.Level.HUB
        if is_hub:
            owner = owner or Owner(action.owner_kind, action.owner_employer, action.owner_person, action.owner_school)
            current = (action.owner_employer_id, action.owner_person_id, action.owner_school_id)
            proposed = (getattr(owner.employer, "pk", None), getattr(owner.person, "pk", None), getattr(owner.school, "pk", None))
            if proposed != current:
                owner_problem = _owner_problem(acting_user, action.partnership, owner)
                if owner_problem:
                    problems["owner"] = owner_problem
            if schools is not None:
                schools = list(schools)
                already = set(action.schools.values_list("pk", flat=True))
                allowed = set(selectors.schools_for_hub_actions(acting_user).filter(pk__in=[s.pk for s in schools])
                              .values_list("pk", flat=True))
                if not schools:
                    problems["schools"] = "Select the schools the action serves"
                elif any(s.pk not in allowed and s.pk not in already for s in schools):
                    problems["schools"] = "Select only schools and colleges you work with"
        elif benchmark_number != action.benchmark_number and "benchmark_number" not in problems \
                and benchmark_number not in selectors.school_gaps(action.owner_school):
            problems["benchmark_number"] = (f"{action.owner_school.name} has fully achieved benchmark {benchmark_number}: "
                                            "select one of its gaps")
        if problems:
            raise ValidationError(problems)
        action.title, action.description = title, description
        action.benchmark_number, action.due_on = benchmark_number, due_on
        if is_hub:
            action.owner_kind, action.owner_employer = owner.kind, owner.employer
            action.owner_person, action.owner_school = owner.person, owner.school
        action.save()
        if is_hub and schools is not None:
            action.schools.set(schools)
        count = action.schools.count()
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=action, via=via,
                     summary=f"Changed the {action.get_level_display().lower()} "
                             f"{_describe_action(action, action.owner_name, count)}")
    return action


def action_note_add(*, acting_user, action: Action, text: str, status: str = "", today=None,
                    via: str = "web") -> ActionNote:
    """Add a progress note to an action, moving it to ``status`` if given (see action_rules for the
    moves its manager and its owner may make)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        action = _locked_action(action)
        manager = selectors.may_manage_action(acting_user, action)
        if not manager and not selectors.owns_action(acting_user, action):
            raise PermissionDenied("Only the action's owner and the people who manage it report progress on it.")
        text = text.strip()
        problems = {}
        if not text:
            problems["text"] = "Enter what has happened"
        elif len(text) > PROGRESS_MAX_LENGTH:
            problems["text"] = f"The note must be {PROGRESS_MAX_LENGTH} characters or fewer"
        status = status or action.status
        if status not in action_rules.STATUSES:
            problems["status"] = "Select the action's status"
        elif not action_rules.may_move(action.status, status, manager=manager):
            if manager or status not in action_rules.TRANSITIONS.get(action.status, ()):
                problems["status"] = (f"An action that is {action.get_status_display().lower()} cannot be marked "
                                      f"{action_rules.STATUS_LABELS[status].lower()}")
            else:
                problems["status"] = "Only the people who manage the action can cancel it or take it up again"
        if problems:
            raise ValidationError(problems)
        moved = status != action.status
        note = ActionNote.objects.create(action=action, text=text, status=status if moved else "", by=acting_user)
        if moved:
            before = action.get_status_display().lower()
            action.closed_on = action_rules.closed_on_after(action.status, status, action.closed_on, today)
            action.status = status
            action.save(update_fields=["status", "closed_on", "updated_at"])
            change = f", {before} to {action.get_status_display().lower()}"
        else:
            change = ""
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=action, via=via,
                     summary=f"Progress on ‘{action.title}’{change}: {text}")
    return note
