"""Reads of reviews and host feedback, scoped to the person asking.

Who sees a review:
- published reviews: everyone signed in to the opportunity's partnership, with the reviewer shown only
  as "A year 10 student", never by name;
- the young person who wrote it (and their parents): in every status, with the reason when the hub did
  not publish it;
- hub staff (the hub manager and the enterprise coordinators, who moderate): in every status.

Who sees host feedback: the young person, their parents, and careers staff at their school.

A rating summary counts published reviews only and is suppressed (shown as "Not enough reviews yet")
until an employer has at least ``MIN_REVIEWS`` of them, so that no single young person's rating can be
picked out.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.core.calendar import academic_year_of
from careershub.network.models import Employer
from careershub.young_people.models import ParentLink

from .models import Application, Encounter, HostFeedback, Placement, Review
from .selectors import hosted_employer_ids, partnership_ids_of, reviewing_partnership_ids

MIN_REVIEWS = 3
NOT_ENOUGH = "Not enough reviews yet"
RATINGS = (5, 4, 3, 2, 1)
RATING_WORDS = {5: "Excellent", 4: "Good", 3: "OK", 2: "Poor", 1: "Very poor"}


# Rating summaries -------------------------------------------------------------------------------
@dataclass(frozen=True)
class RatingBand:
    stars: int
    count: int
    percent: int  # share of the reviews, for the chart's bar

    @property
    def label(self) -> str:
        return f"{self.stars} star{'s' if self.stars != 1 else ''}"


@dataclass(frozen=True)
class RatingSummary:
    count: int
    total: int  # the sum of the ratings

    @property
    def shown(self) -> bool:
        return self.count >= MIN_REVIEWS

    @property
    def average(self) -> Decimal | None:
        """The mean rating to one decimal place (halves rounded up), or None when suppressed."""
        if not self.shown:
            return None
        return (Decimal(self.total) / Decimal(self.count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def label(self) -> str:
        if not self.shown:
            return NOT_ENOUGH
        return f"{self.average} out of 5 from {self.count} reviews"


@dataclass(frozen=True)
class RatingDistribution(RatingSummary):
    counts: tuple[int, ...] = (0, 0, 0, 0, 0)  # reviews rating 1, 2, 3, 4 and 5

    @property
    def bands(self) -> list[RatingBand]:
        """Five stars first, as review sites show them; empty when suppressed."""
        if not self.shown:
            return []
        return [RatingBand(stars, self.counts[stars - 1], round(100 * self.counts[stars - 1] / self.count))
                for stars in RATINGS]


def _published_of_employers(employer_ids) -> QuerySet[Review]:
    return Review.objects.filter(status=Review.Status.PUBLISHED, application__opportunity__employer_id__in=employer_ids)


def rating_summary(employer: Employer) -> RatingDistribution:
    """One employer's published reviews: how many, their average and how they spread over 1 to 5 stars."""
    counts = [0] * 5
    rows = (_published_of_employers([employer.pk]).order_by().values("rating").annotate(n=Count("pk")))
    for row in rows:
        counts[row["rating"] - 1] = row["n"]
    return RatingDistribution(count=sum(counts), total=sum(r * n for r, n in zip(range(1, 6), counts)),
                              counts=tuple(counts))


def rating_summaries(employer_ids) -> dict[int, RatingSummary]:
    """Count and average for many employers in one query (for lists of opportunities or employers).
    Every id asked for has a summary, an empty one when it has no published review."""
    ids = list(employer_ids)
    totals: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    rows = (_published_of_employers(ids).order_by().values("application__opportunity__employer_id", "rating")
            .annotate(n=Count("pk")))
    for row in rows:
        entry = totals[row["application__opportunity__employer_id"]]
        entry[0] += row["n"]
        entry[1] += row["n"] * row["rating"]
    return {pk: RatingSummary(count=totals[pk][0], total=totals[pk][1]) for pk in ids}


# Reviews ----------------------------------------------------------------------------------------
def _with_context(qs: QuerySet[Review]) -> QuerySet[Review]:
    return qs.select_related(
        "application__opportunity__employer", "application__opportunity__provider",
        "application__young_person__school",
    )


def own_young_person_condition(user, prefix: str) -> Q:
    """The young person themself, or a parent or carer linked to them."""
    condition = Q(**{f"{prefix}user_id": user.pk})
    if user.has_role(Role.PARENT_CARER):
        condition |= Q(**{f"{prefix}pk__in": ParentLink.objects.filter(parent_id=user.pk).values("young_person_id")})
    return condition


def reviews_visible_to(user) -> QuerySet[Review]:
    qs = _with_context(Review.objects.all())
    partnerships = partnership_ids_of(user)
    if not partnerships:
        return qs.none()
    condition = Q(status=Review.Status.PUBLISHED, application__opportunity__partnership_id__in=partnerships)
    condition |= own_young_person_condition(user, "application__young_person__")
    moderating = reviewing_partnership_ids(user)
    if moderating:
        condition |= Q(application__opportunity__partnership_id__in=moderating)
    return qs.filter(condition)


def published_reviews_of(employer: Employer) -> QuerySet[Review]:
    """An employer's published reviews, newest first, with what their page shows."""
    return (_with_context(Review.objects.filter(status=Review.Status.PUBLISHED, application__opportunity__employer=employer))
            .order_by("-moderated_at", "-pk"))


def moderation_queue(user) -> QuerySet[Review]:
    """Reviews waiting for moderation in the partnerships this person moderates, oldest first."""
    return (_with_context(Review.objects.filter(status=Review.Status.PENDING,
                                                application__opportunity__partnership_id__in=reviewing_partnership_ids(user)))
            .order_by("created_at", "pk"))


def recently_moderated(user, *, limit: int = 10) -> list[Review]:
    return list(_with_context(Review.objects.exclude(status=Review.Status.PENDING).filter(
        application__opportunity__partnership_id__in=reviewing_partnership_ids(user),
    )).select_related("moderated_by").order_by("-moderated_at", "-pk")[:limit])


def get_review_for_moderation(user, pk: int) -> Review:
    return get_object_or_404(
        _with_context(Review.objects.filter(application__opportunity__partnership_id__in=reviewing_partnership_ids(user))),
        pk=pk,
    )


def get_review_for_host(user, pk: int) -> Review:
    """A published review of one of this person's employers' opportunities (the ones they reply to)."""
    return get_object_or_404(
        _with_context(Review.objects.filter(status=Review.Status.PUBLISHED,
                                            application__opportunity__employer_id__in=hosted_employer_ids(user))),
        pk=pk,
    )


def may_reply(user, review: Review) -> bool:
    return (review.status == Review.Status.PUBLISHED
            and review.application.opportunity.employer_id in hosted_employer_ids(user))


def reviewer_label(review: Review, today: date | None = None) -> str:
    """How a review's author is shown to anyone but themself: their year group when they took part,
    never their name ("A year 10 student")."""
    young_person = review.application.young_person
    today = today or timezone.localdate()
    years_since = academic_year_of(today) - academic_year_of(review.application.opportunity.starts_on)
    year_group = max(7, young_person.year_group - max(0, years_since))
    if year_group >= 14:
        return "A young person who had left school"
    return f"A year {year_group} student"


# Who may review ---------------------------------------------------------------------------------
def has_attended(application: Application) -> bool:
    return Encounter.objects.filter(
        young_person_id=application.young_person_id, opportunity_id=application.opportunity_id,
        source=Encounter.Source.ATTENDANCE,
    ).exists()


def review_problem(application: Application, today: date | None = None) -> str | None:
    """Why the young person cannot review this application's opportunity yet, or None when they can:
    they must have been given a place and the opportunity must be over (or their attendance recorded)."""
    today = today or timezone.localdate()
    if application.status != Application.Status.ACCEPTED:
        return "You can only review an opportunity you were given a place on"
    attended = has_attended(application)
    if attended:
        return None
    placement = getattr(application, "placement", None)
    if placement is not None and placement.status == Placement.Status.CANCELLED:
        return "Your placement was cancelled, so there is nothing to review"
    if application.opportunity.ends_on >= today:
        return "You can review the opportunity once it has finished"
    return None


def own_applications(user) -> QuerySet[Application]:
    """The applications the signed-in young person made (a parent's children's are not theirs to review)."""
    return Application.objects.filter(young_person__user_id=user.pk).select_related(
        "opportunity__employer", "opportunity__provider", "young_person",
    )


def get_application_for_review(user, pk: int) -> Application:
    return get_object_or_404(own_applications(user), pk=pk)


def reviewable_applications(user, today: date | None = None) -> list[Application]:
    """The young person's accepted places that are over (or attended) and that they have not reviewed."""
    today = today or timezone.localdate()
    attended = Encounter.objects.filter(young_person_id=OuterRef("young_person_id"), opportunity_id=OuterRef("opportunity_id"),
                                        source=Encounter.Source.ATTENDANCE)
    cancelled = Placement.objects.filter(application_id=OuterRef("pk"), status=Placement.Status.CANCELLED)
    return list(
        own_applications(user).filter(status=Application.Status.ACCEPTED, review__isnull=True)
        .annotate(attended=Exists(attended), cancelled=Exists(cancelled))
        .filter(Q(attended=True) | Q(opportunity__ends_on__lt=today, cancelled=False))
        .order_by("-opportunity__ends_on", "pk")
    )


def own_reviews(user) -> list[Review]:
    """The reviews the signed-in young person wrote, newest first."""
    return list(_with_context(Review.objects.filter(application__young_person__user_id=user.pk))
                .order_by("-created_at", "-pk"))


# Host feedback ----------------------------------------------------------------------------------
def feedback_problem(application: Application, today: date | None = None) -> str | None:
    """Why the host cannot give feedback on this application yet, or None when it can."""
    today = today or timezone.localdate()
    if application.status != Application.Status.ACCEPTED:
        return "You can only give feedback to a young person who was given a place"
    if application.opportunity.starts_on > today:
        return "You can give feedback once the opportunity has started"
    return None


def get_application_for_feedback(user, pk: int) -> Application:
    """An application to one of this person's employers' opportunities (404 for anyone else's)."""
    return get_object_or_404(
        Application.objects.filter(opportunity__employer_id__in=hosted_employer_ids(user))
        .select_related("opportunity__employer", "young_person__school"),
        pk=pk,
    )


def _feedback_with_context(qs: QuerySet[HostFeedback]) -> QuerySet[HostFeedback]:
    return qs.select_related(
        "application__opportunity__employer", "application__opportunity__provider",
        "application__young_person__school", "author",
    ).order_by("-created_at", "-pk")


def feedback_for_family(user) -> QuerySet[HostFeedback]:
    """Feedback on the young person's own applications, or on their children's for a parent or carer."""
    return _feedback_with_context(HostFeedback.objects.filter(own_young_person_condition(user, "application__young_person__")))


def leader_school_ids(user) -> set[int]:
    return {a.school_id for a in user.assignments_for(Role.CAREERS_LEADER) if a.school_id}


def feedback_for_schools(user) -> QuerySet[HostFeedback]:
    """Feedback on the pupils of the schools where this person is careers leader."""
    return _feedback_with_context(HostFeedback.objects.filter(application__young_person__school_id__in=leader_school_ids(user)))
