"""Building assessments for tests, through the services so that they hang together."""
from datetime import date

from careershub.benchmarks import scoring, services
from careershub.benchmarks.framework import ensure_shipped_framework
from careershub.benchmarks.models import Answer, Assessment, BenchmarkTarget, FrameworkVersion, PartnershipBenchmarkSettings
from careershub.benchmarks.terms import Term

REFRESH = "gatsby-2024"
ORIGINAL = "gatsby-2014"


def framework(key: str = REFRESH) -> FrameworkVersion:
    """The shipped framework (installed again if a browser test emptied the database)."""
    ensure_shipped_framework()
    return FrameworkVersion.objects.get(key=key)


def assess_under(partnership, key: str) -> FrameworkVersion:
    version = framework(key)
    PartnershipBenchmarkSettings.objects.update_or_create(partnership=partnership, defaults={"framework_version": version})
    return version


def set_targets(partnership, **targets) -> None:
    """set_targets(p, bm5=100, bm6=100)"""
    for name, minimum in targets.items():
        BenchmarkTarget.objects.update_or_create(partnership=partnership, number=int(name.removeprefix("bm")),
                                                 defaults={"minimum_percent": minimum})


def day_in(term: Term) -> date:
    return {0: date(term.academic_year, 10, 15), 1: date(term.calendar_year, 2, 10), 2: date(term.calendar_year, 6, 10)}[term.index]


def answer(assessment: Assessment, leader, *, met_share: dict[int, int] | None = None, default: str = scoring.MET) -> None:
    """Answer every criterion: ``met_share`` gives, per benchmark number, how many of its criteria are met
    (the rest not met); other benchmarks get ``default``. Counted criteria get a figure to match."""
    met_share = met_share or {}
    by_benchmark: dict[int, list[Answer]] = {}
    for a in Answer.objects.filter(assessment=assessment).select_related("criterion__benchmark").order_by(
            "criterion__benchmark__number", "criterion__order"):
        by_benchmark.setdefault(a.criterion.benchmark.number, []).append(a)
    changes = []
    for number, answers in by_benchmark.items():
        for i, a in enumerate(answers):
            if number in met_share:
                status = scoring.MET if i < met_share[number] else scoring.NOT_MET
            else:
                status = default
            if a.criterion.is_counted:
                figure = {scoring.MET: 100, scoring.PARTLY_MET: 60, scoring.NOT_MET: 0}[status]
                changes.append(services.AnswerChange(criterion_id=a.criterion_id, figure=figure))
            else:
                changes.append(services.AnswerChange(criterion_id=a.criterion_id, status=status))
    services.answers_save(acting_user=leader, assessment=assessment, changes=changes)


def submitted(school, leader, term: Term, *, met_share: dict[int, int] | None = None, default: str = scoring.MET) -> Assessment:
    """A submitted assessment for ``term``."""
    framework()
    assessment = services.assessment_start(acting_user=leader, school=school, today=day_in(term))
    answer(assessment, leader, met_share=met_share, default=default)
    services.assessment_submit(acting_user=leader, assessment=assessment)
    assessment.refresh_from_db()
    return assessment


def draft(school, leader, term: Term | None = None) -> Assessment:
    framework()
    return services.assessment_start(acting_user=leader, school=school, today=day_in(term) if term else None)


def this_term() -> Term:
    from django.utils import timezone

    return Term.of(timezone.localdate())


def cornerstone(employer):
    """Make the employer a cornerstone employer (the owners of hub actions)."""
    employer.is_cornerstone = True
    employer.save(update_fields=["is_cornerstone"])
    return employer


def hub_action(actor, partnership, schools, *, owner, benchmark: int = 6, title: str = "Work experience week",
               days: int = 30, **kwargs):
    """A hub action raised by ``actor``, due ``days`` from today, owned by ``owner`` (an employer, a person or
    a school)."""
    from datetime import timedelta

    from django.utils import timezone

    return services.action_create(
        acting_user=actor, partnership=partnership, title=title, benchmark_number=benchmark,
        owner=services.Owner.of(owner), due_on=timezone.localdate() + timedelta(days=days), schools=schools, **kwargs,
    )


def school_action(actor, school, *, benchmark: int = 8, title: str = "Guidance interviews before options", days: int = 30):
    from datetime import timedelta

    from django.utils import timezone

    return services.school_action_create(acting_user=actor, school=school, title=title, benchmark_number=benchmark,
                                         due_on=timezone.localdate() + timedelta(days=days))


def make_overdue(action, days: int = 3):
    """Move the action's due date into the past, as if time had passed."""
    from datetime import timedelta

    from django.utils import timezone

    type(action).objects.filter(pk=action.pk).update(due_on=timezone.localdate() - timedelta(days=days))
    action.refresh_from_db()
    return action
