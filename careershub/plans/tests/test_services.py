import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careershub.core.models import AuditEntry, Notification
from careershub.plans import selectors, services
from careershub.plans.models import GuidanceInterview
from careershub.young_people.tests.factories import YoungPersonFactory

from .factories import GuidanceInterviewFactory

TODAY = datetime.date(2026, 11, 20)


def record(cast, **overrides):
    values = dict(acting_user=cast.careers_adviser, young_person=cast.young_person_record,
                  held_on=datetime.date(2026, 11, 18), format="in_person",
                  discussed="Likes maths and building things; looked at engineering T Levels.",
                  next_steps=[("Visit the college open evening", datetime.date(2026, 12, 5)), ("", None)],
                  today=TODAY)
    values.update(overrides)
    return services.interview_record(**values)


@pytest.mark.django_db
def test_an_adviser_serving_the_school_records_an_interview_with_next_steps(cast):
    interview = record(cast, follow_up_on=datetime.date(2027, 2, 1))
    assert interview.provider == cast.provider
    assert interview.academic_year == 2026 and interview.year_group == 10
    assert [(s.text, s.due_on) for s in interview.next_steps.all()] == [
        ("Visit the college open evening", datetime.date(2026, 12, 5))]
    entry = AuditEntry.objects.get(subject_type="plans.guidanceinterview", subject_id=str(interview.pk))
    assert entry.young_person_id == cast.young_person_record.pk and entry.actor == cast.careers_adviser
    # The young person and their parent hear about it.
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"young_person", "parent_carer"}


@pytest.mark.django_db
def test_an_adviser_not_serving_the_school_cannot_record(cast):
    with pytest.raises(PermissionDenied):
        record(cast, young_person=cast.other_young_person_record)
    with pytest.raises(PermissionDenied):
        record(cast, acting_user=cast.careers_leader)
    assert not GuidanceInterview.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "field"), [
    ({"held_on": datetime.date(2026, 11, 21)}, "held_on"),
    ({"follow_up_on": datetime.date(2026, 11, 1)}, "follow_up_on"),
    ({"next_steps": [("", datetime.date(2026, 12, 1))]}, "step_1"),
    ({"next_steps": [("Apply to college", datetime.date(2026, 11, 1))]}, "step_1_due_on"),
])
def test_bad_dates_are_refused_and_nothing_is_saved(cast, overrides, field):
    with pytest.raises(ValidationError) as refused:
        record(cast, **overrides)
    assert field in refused.value.message_dict
    assert not GuidanceInterview.objects.exists()


@pytest.mark.django_db
def test_only_the_adviser_who_recorded_it_changes_it_and_done_steps_stay_done(cast):
    interview = record(cast)
    step = interview.next_steps.get()
    services.next_step_set_done(acting_user=cast.young_person, step=step, done=True, today=TODAY)
    services.interview_update(
        acting_user=cast.careers_adviser, interview=interview, held_on=interview.held_on, format="online",
        discussed="Corrected notes", next_steps=[("Visit the college open evening", None), ("Try a taster day", None)],
        today=TODAY,
    )
    steps = {s.text: s.done_on for s in interview.next_steps.all()}
    assert steps == {"Visit the college open evening": TODAY, "Try a taster day": None}
    with pytest.raises(PermissionDenied):
        services.interview_update(acting_user=cast.careers_leader, interview=interview, held_on=interview.held_on,
                                  format="online", discussed="x", today=TODAY)


@pytest.mark.django_db
def test_a_parent_cannot_mark_a_step_done(cast):
    step = record(cast).next_steps.get()
    with pytest.raises(PermissionDenied):
        services.next_step_set_done(acting_user=cast.parent_carer, step=step, done=True)


@pytest.mark.django_db
def test_year_11s_without_an_interview_and_follow_ups_due(cast):
    year_11 = YoungPersonFactory(school=cast.school, year_group=11, last_name="Aaronson")
    seen = YoungPersonFactory(school=cast.school, year_group=11, last_name="Zephyr")
    YoungPersonFactory(school=cast.other_school, year_group=11)  # not a served school
    GuidanceInterviewFactory(young_person=seen, adviser=cast.careers_adviser, follow_up_on=datetime.date(2026, 11, 1))
    assert list(selectors.without_interview(cast.careers_adviser)) == [year_11]
    assert [i.young_person for i in selectors.follow_ups_due(cast.careers_adviser, today=TODAY)] == [seen]
    # Seen again since: no longer due.
    GuidanceInterviewFactory(young_person=seen, adviser=cast.careers_adviser, held_on=datetime.date(2026, 11, 10))
    assert list(selectors.follow_ups_due(cast.careers_adviser, today=TODAY)) == []


@pytest.mark.django_db
def test_interview_share_for_benchmark_8(cast):
    for n in range(4):
        person = YoungPersonFactory(school=cast.school, year_group=11)
        if n < 3:
            GuidanceInterviewFactory(young_person=person, held_on=datetime.date(2025 + n % 2, 10, 1))
    assert selectors.interview_share(cast.school.pk, year_groups=[11]) == 75
    assert selectors.interview_share(cast.school.pk, year_groups=[11], academic_years=[2026]) == 25
    assert selectors.interview_share(cast.school.pk, year_groups=[11], up_to_academic_year=2025) == 50
    assert selectors.interview_share(cast.school.pk, year_groups=[9]) is None
