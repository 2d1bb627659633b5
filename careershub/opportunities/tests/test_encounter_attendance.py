"""The host's attendance register: attended young people get one encounter each; un-marking removes
it; only confirmed placements can be marked for kinds that need safeguarding, and marking completes them."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from careershub.core.calendar import academic_year_of
from careershub.core.models import AuditEntry
from careershub.opportunities import encounter_services as services
from careershub.opportunities import placing
from careershub.opportunities.kinds import Counts, Kind
from careershub.opportunities.models import Application, Encounter, Placement
from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory
from careershub.opportunities.tests.matrix_placements import complete_checks
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def talk(cast):
    day = TODAY - datetime.timedelta(days=5)
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, kind=Kind.CAREERS_TALK,
                              title="Life as a toolmaker", starts_on=day, ends_on=day)


@pytest.fixture
def week(cast):
    """A work experience week that ended yesterday."""
    return OpportunityFactory(employer=cast.employer, partnership=cast.partnership, title="Machine shop week",
                              starts_on=TODAY - datetime.timedelta(days=5), ends_on=TODAY - datetime.timedelta(days=1))


def accepted(opportunity, young_person=None):
    return ApplicationFactory(opportunity=opportunity, young_person=young_person or YoungPersonFactory(),
                              status=Application.Status.ACCEPTED)


def test_attended_young_people_get_one_encounter_each_and_marking_again_changes_nothing(cast, talk):
    amira, other = accepted(talk, cast.young_person_record), accepted(talk)
    ApplicationFactory(opportunity=talk, status=Application.Status.SUBMITTED)
    changes = services.attendance_record(acting_user=cast.employer_contact, opportunity=talk, attended=[amira.pk, other.pk])
    assert changes == {"added": 2, "removed": 0, "changed": 0}
    encounter = Encounter.objects.get(young_person=cast.young_person_record)
    assert (encounter.source, encounter.counts_as, encounter.kind) == ("attendance", Counts.EMPLOYER_ENCOUNTER, Kind.CAREERS_TALK)
    assert encounter.employer == cast.employer and encounter.occurred_on == talk.starts_on
    assert encounter.academic_year == academic_year_of(talk.starts_on)
    again = services.attendance_record(acting_user=cast.employer_contact, opportunity=talk, attended=[amira.pk, other.pk])
    assert again == {"added": 0, "removed": 0, "changed": 0}
    assert Encounter.objects.filter(opportunity=talk).count() == 2
    entries = AuditEntry.objects.filter(subject_type="opportunities.opportunity", subject_id=str(talk.pk))
    assert sorted(entries.values_list("young_person_id", flat=True)) == sorted([amira.young_person_id, other.young_person_id])


def test_unmarking_removes_the_encounter_and_is_audited(cast, talk):
    amira = accepted(talk, cast.young_person_record)
    services.attendance_record(acting_user=cast.employer_contact, opportunity=talk, attended=[amira.pk])
    assert services.attendance_record(acting_user=cast.employer_contact, opportunity=talk, attended=[]) == {
        "added": 0, "removed": 1, "changed": 0}
    assert not Encounter.objects.filter(opportunity=talk).exists()
    assert AuditEntry.objects.filter(action="delete", young_person_id=cast.young_person_record.pk).exists()


def test_only_the_host_records_attendance_and_only_for_accepted_applications(cast, talk):
    amira = accepted(talk, cast.young_person_record)
    for user in (cast.other_employer_contact, cast.careers_leader, cast.hub_manager):
        with pytest.raises(PermissionDenied):
            services.attendance_record(acting_user=user, opportunity=talk, attended=[amira.pk])
    pending = ApplicationFactory(opportunity=talk)
    with pytest.raises(ValidationError):
        services.attendance_record(acting_user=cast.employer_contact, opportunity=talk, attended=[pending.pk])


def test_attendance_waits_for_the_first_day_and_a_date_must_be_one_of_its_days(cast, week):
    application = accepted(week)
    with pytest.raises(ValidationError, match="between|one of"):
        services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[],
                                   occurred_on=TODAY - datetime.timedelta(days=30))
    future = OpportunityFactory(employer=cast.employer, partnership=cast.partnership)
    with pytest.raises(ValidationError, match="once the opportunity starts"):
        services.attendance_record(acting_user=cast.employer_contact, opportunity=future, attended=[])
    assert application


def test_only_confirmed_placements_are_marked_and_marking_completes_them(cast, week):
    application = accepted(week, cast.young_person_record)
    placement = placing.placement_for(application)
    with pytest.raises(ValidationError, match="Only confirmed placements"):
        services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[application.pk])
    complete_checks(placement, cast)
    Placement.objects.filter(pk=placement.pk).update(status=Placement.Status.CONFIRMED)
    day = TODAY - datetime.timedelta(days=3)
    services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[application.pk], occurred_on=day)
    placement.refresh_from_db()
    assert placement.status == Placement.Status.COMPLETED
    encounter = Encounter.objects.get(opportunity=week)
    assert encounter.counts_as == Counts.WORKPLACE_EXPERIENCE and encounter.occurred_on == day
    services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[])
    placement.refresh_from_db()
    assert placement.status == Placement.Status.CONFIRMED and not Encounter.objects.filter(opportunity=week).exists()


def test_changing_the_date_moves_the_encounters(cast, week):
    application = accepted(week)
    week.kind = Kind.WORKPLACE_VISIT
    week.save()
    services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[application.pk])
    later = TODAY - datetime.timedelta(days=2)
    changes = services.attendance_record(acting_user=cast.employer_contact, opportunity=week, attended=[application.pk],
                                         occurred_on=later)
    assert changes["changed"] == 1
    assert Encounter.objects.get(opportunity=week).occurred_on == later


def test_the_attendance_page(cast, client_for, talk, django_assert_max_num_queries):
    amira = accepted(talk, cast.young_person_record)
    url = reverse("opportunities:attendance", args=[talk.pk])
    client = client_for(cast.employer_contact)
    page = client.get(url)
    assert page.status_code == 200 and "Amira K." in page.content.decode() and "Khan" not in page.content.decode()
    response = client.post(url, {"attended": [amira.pk]})
    assert response.status_code == 302
    assert Encounter.objects.filter(opportunity=talk, young_person=cast.young_person_record).exists()
    assert 'checked' in client.get(url).content.decode()
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for _ in range(5):
        accepted(talk)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    assert client_for(cast.other_employer_contact).get(url).status_code == 404
    assert client_for(cast.careers_leader).get(url).status_code == 403


def test_the_page_refuses_an_unconfirmed_placement(cast, client_for, week):
    application = accepted(week, cast.young_person_record)
    placing.placement_for(application)
    url = reverse("opportunities:attendance", args=[week.pk])
    page = client_for(cast.employer_contact).get(url).content.decode()
    assert "Cannot be marked: the placement is not confirmed" in page and "disabled" in page
    response = client_for(cast.employer_contact).post(url, {"attended": [application.pk]})
    assert response.status_code == 400
