"""The rules of reviews: who may review what and when, moderation, replies, who is told, what is
audited, and the rating summary (published only, one decimal, suppressed under three reviews)."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.core.models import AuditEntry, Notification
from careershub.opportunities import review_selectors as selectors
from careershub.opportunities import review_services as services
from careershub.opportunities.models import Application, Encounter, Placement, Review
from careershub.opportunities.tests.factories import EncounterFactory
from careershub.opportunities.tests.matrix_reviews import place, review
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def submit(cast, application, rating=4, body="I learned how a machine shop runs.", user=None):
    return services.review_submit(acting_user=user or cast.young_person, application=application, rating=rating, body=body)


# Who may review, and when -----------------------------------------------------------------------
def test_the_young_person_reviews_a_place_once_it_is_over_and_the_hub_is_told(cast):
    application = place(cast)
    made = submit(cast, application, rating=5)
    assert made.status == Review.Status.PENDING and made.rating == 5
    told = set(Notification.objects.filter(subject__contains="waiting for moderation").values_list("user__username", flat=True))
    assert told == {"hub_manager", "enterprise_coordinator"}, "the hub manager and the school's area hub coordinator"
    entry = AuditEntry.objects.get(subject_type="opportunities.review")
    assert entry.young_person_id == cast.young_person_record.pk and entry.action == AuditEntry.Action.CREATE
    assert entry.actor == cast.young_person


def test_only_the_young_person_themself_may_review(cast):
    application = place(cast)
    for someone in (cast.parent_carer, cast.careers_leader, cast.hub_manager):
        with pytest.raises(PermissionDenied):
            submit(cast, application, user=someone)
    assert not Review.objects.exists()


@pytest.mark.parametrize("status", [Application.Status.SUBMITTED, Application.Status.SHORTLISTED,
                                    Application.Status.DECLINED, Application.Status.WITHDRAWN])
def test_a_place_never_given_cannot_be_reviewed(cast, status):
    application = place(cast)
    Application.objects.filter(pk=application.pk).update(status=status)
    with pytest.raises(ValidationError, match="given a place"):
        submit(cast, application)


def test_an_opportunity_not_over_cannot_be_reviewed_unless_attendance_is_recorded(cast):
    ongoing = place(cast, days_ago=1, length=3)
    ends_today = place(cast, days_ago=0, title="Ends today")
    for application in (ongoing, ends_today):
        with pytest.raises(ValidationError, match="once it has finished"):
            submit(cast, application)
    EncounterFactory(young_person=cast.young_person_record, opportunity=ongoing.opportunity, kind=ongoing.opportunity.kind,
                     source=Encounter.Source.ATTENDANCE, occurred_on=timezone.localdate())
    assert submit(cast, ongoing).status == Review.Status.PENDING


def test_a_cancelled_placement_cannot_be_reviewed(cast):
    from careershub.opportunities.kinds import Kind

    application = place(cast, kind=Kind.WORK_EXPERIENCE)
    Placement.objects.create(application=application, status=Placement.Status.CANCELLED, cancelled_reason="Host closed")
    with pytest.raises(ValidationError, match="cancelled"):
        submit(cast, application)


def test_rating_and_text_are_checked(cast):
    application = place(cast)
    with pytest.raises(ValidationError) as refused:
        submit(cast, application, rating=6, body="  ")
    assert set(refused.value.message_dict) == {"rating", "body"}
    with pytest.raises(ValidationError, match="2,000 characters"):
        submit(cast, application, body="x" * 2001)


def test_a_review_can_be_changed_until_published_and_a_rejected_one_goes_back_to_the_hub(cast):
    application = place(cast)
    first = submit(cast, application, rating=2)
    services.review_moderate(acting_user=cast.hub_manager, review=first, decision="reject",
                             reason="Please leave out the supervisor's name.")
    changed = submit(cast, application, rating=3, body="Good day; the supervisor was kind.")
    assert changed.pk == first.pk and changed.status == Review.Status.PENDING and changed.rating == 3
    assert changed.moderation_reason == "" and changed.moderated_by is None
    services.review_moderate(acting_user=cast.hub_manager, review=changed, decision="publish")
    with pytest.raises(ValidationError, match="published"):
        submit(cast, application, rating=1)


# Moderation -------------------------------------------------------------------------------------
def test_publishing_tells_the_young_person_and_the_host(cast):
    pending = review(cast)
    services.review_moderate(acting_user=cast.enterprise_coordinator, review=pending, decision="publish")
    pending.refresh_from_db()
    assert pending.status == Review.Status.PUBLISHED and pending.moderated_by == cast.enterprise_coordinator
    assert Notification.objects.filter(user=cast.young_person, subject__contains="has been published").exists()
    assert Notification.objects.filter(user=cast.employer_contact, subject__startswith="A new review").exists()
    assert not Notification.objects.filter(user=cast.other_employer_contact).exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.UPDATE, young_person_id=cast.young_person_record.pk).exists()


def test_not_publishing_needs_a_reason_the_young_person_is_told(cast):
    pending = review(cast)
    with pytest.raises(ValidationError) as refused:
        services.review_moderate(acting_user=cast.hub_manager, review=pending, decision="reject", reason=" ")
    assert "reason" in refused.value.message_dict
    services.review_moderate(acting_user=cast.hub_manager, review=pending, decision="reject", reason="It names a member of staff.")
    pending.refresh_from_db()
    assert pending.status == Review.Status.REJECTED and pending.moderation_reason == "It names a member of staff."
    told = Notification.objects.get(user=cast.young_person)
    assert "was not published" in told.subject and "It names a member of staff." in told.body
    assert not Notification.objects.filter(user=cast.employer_contact).exists()


def test_only_hub_staff_moderate_and_only_once(cast):
    pending = review(cast)
    for someone in (cast.careers_leader, cast.employer_contact, cast.analyst, cast.young_person):
        with pytest.raises(PermissionDenied):
            services.review_moderate(acting_user=someone, review=pending, decision="publish")
    services.review_moderate(acting_user=cast.hub_manager, review=pending, decision="publish")
    with pytest.raises(ValidationError, match="already been moderated"):
        services.review_moderate(acting_user=cast.hub_manager, review=pending, decision="reject", reason="Changed my mind")


# Replies ----------------------------------------------------------------------------------------
def test_the_host_replies_to_a_published_review_and_may_change_the_reply(cast):
    published = review(cast, Review.Status.PUBLISHED)
    services.review_reply(acting_user=cast.employer_contact, review=published, reply="Thank you!")
    services.review_reply(acting_user=cast.employer_contact, review=published, reply="Thank you, see you in July.")
    published.refresh_from_db()
    assert published.reply == "Thank you, see you in July." and published.replied_by == cast.employer_contact
    assert Notification.objects.filter(user=cast.young_person, subject__contains="replied").count() == 1
    assert AuditEntry.objects.filter(subject_type="opportunities.review", young_person_id=cast.young_person_record.pk).count() == 2


def test_only_the_host_replies_and_only_to_published_reviews(cast):
    pending = review(cast)
    with pytest.raises(ValidationError, match="published review"):
        services.review_reply(acting_user=cast.employer_contact, review=pending, reply="Thanks")
    published = review(cast, Review.Status.PUBLISHED, title="Another visit")
    for someone in (cast.other_employer_contact, cast.hub_manager, cast.enterprise_adviser):
        with pytest.raises(PermissionDenied):
            services.review_reply(acting_user=someone, review=published, reply="Thanks")
    with pytest.raises(ValidationError):
        services.review_reply(acting_user=cast.employer_contact, review=published, reply="")


# The rating summary -----------------------------------------------------------------------------
def test_the_summary_counts_published_reviews_only_to_one_decimal_and_is_suppressed_under_three(cast):
    assert selectors.rating_summary(cast.employer).label == "Not enough reviews yet"
    people = [cast.young_person_record] + [YoungPersonFactory(school=cast.school) for _ in range(4)]
    for n, (person, rating) in enumerate(zip(people[:2], (5, 4))):
        review(cast, Review.Status.PUBLISHED, rating=rating, young_person=person, title=f"Visit {n}")
    review(cast, Review.Status.PENDING, rating=1, young_person=people[2], title="Pending")
    review(cast, Review.Status.REJECTED, rating=1, young_person=people[3], title="Rejected")
    summary = selectors.rating_summary(cast.employer)
    assert summary.count == 2 and not summary.shown and summary.average is None and summary.bands == []
    review(cast, Review.Status.PUBLISHED, rating=4, young_person=people[4], title="Third")
    summary = selectors.rating_summary(cast.employer)
    assert summary.shown and summary.count == 3 and summary.average == Decimal("4.3")
    assert [(b.stars, b.count, b.percent) for b in summary.bands] == [(5, 1, 33), (4, 2, 67), (3, 0, 0), (2, 0, 0), (1, 0, 0)]
    assert summary.label == "4.3 out of 5 from 3 reviews"
    many = selectors.rating_summaries([cast.employer.pk, cast.other_employer.pk])
    assert many[cast.employer.pk].average == Decimal("4.3") and many[cast.other_employer.pk].count == 0


def test_halves_round_up(cast):
    people = [cast.young_person_record] + [YoungPersonFactory(school=cast.school) for _ in range(3)]
    for n, (person, rating) in enumerate(zip(people, (5, 4, 4, 4))):  # 4.25 -> 4.3
        review(cast, Review.Status.PUBLISHED, rating=rating, young_person=person, title=f"Visit {n}")
    assert selectors.rating_summary(cast.employer).average == Decimal("4.3")


# Who sees which reviews -------------------------------------------------------------------------
def test_reviews_visible_to_each_person(cast):
    pending = review(cast, title="Pending one")
    published = review(cast, Review.Status.PUBLISHED, young_person=YoungPersonFactory(school=cast.other_school), title="Published")
    rejected = review(cast, Review.Status.REJECTED, young_person=cast.other_young_person_record, title="Rejected")

    def seen(user):
        return set(selectors.reviews_visible_to(user))

    assert seen(cast.young_person) == {pending, published}, "their own in any status, and published ones"
    assert seen(cast.parent_carer) == {pending, published}
    assert seen(cast.hub_manager) == {pending, published, rejected}
    assert seen(cast.enterprise_coordinator) == {pending, published, rejected}
    assert seen(cast.careers_leader) == seen(cast.employer_contact) == seen(cast.other_employer_contact) == {published}
    assert seen(cast.outsider) == set()


def test_the_reviewer_is_shown_by_the_year_group_they_were_in(cast):
    published = review(cast, Review.Status.PUBLISHED)
    assert selectors.reviewer_label(published) == "A year 10 student"
    opportunity = published.application.opportunity
    opportunity.starts_on = opportunity.starts_on - timedelta(days=365)
    assert selectors.reviewer_label(published) == "A year 9 student"


def test_the_young_person_sees_what_they_can_review(cast):
    over = place(cast, title="Over")
    place(cast, days_ago=1, length=5, title="Not over")
    reviewed = place(cast, title="Reviewed")
    Review.objects.create(application=reviewed, rating=3, body="Fine")
    assert selectors.reviewable_applications(cast.young_person) == [over]
    assert selectors.reviewable_applications(cast.parent_carer) == []
