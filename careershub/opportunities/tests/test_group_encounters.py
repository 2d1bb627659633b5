"""Whole-group encounters: hundreds of students in one step, in bulk, with a constant number of queries."""
import datetime
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careershub.core.models import AuditEntry
from careershub.opportunities import encounter_services as services
from careershub.opportunities.kinds import Counts, Kind
from careershub.opportunities.models import Encounter, GroupEncounter
from careershub.young_people.models import YoungPerson

pytestmark = pytest.mark.django_db
YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


def students(school, count, year_group=9, prefix="G"):
    YoungPerson.objects.bulk_create([
        YoungPerson(school=school, first_name=f"Student{n}", last_name="Test", date_of_birth=datetime.date(2012, 5, 1),
                    year_group=year_group, upn=f"{prefix}{year_group:02d}{n:06d}")
        for n in range(count)
    ])


def log(cast, **kwargs):
    options = {"acting_user": cast.careers_leader, "school": cast.school, "kind": Kind.CAREERS_TALK,
               "title": "Assembly: careers in the NHS", "occurred_on": YESTERDAY, "year_groups": [9],
               "employer": cast.employer, **kwargs}
    return services.group_encounter_log(**options)


def test_an_encounter_for_every_student_in_the_year_groups_less_those_absent(cast):
    students(cast.school, 30, 9)
    students(cast.school, 20, 10)  # Amira is year 10 too
    students(cast.other_school, 10, 9, prefix="O")
    absent = list(YoungPerson.objects.filter(school=cast.school, year_group=9).values_list("upn", flat=True)[:2])
    group = log(cast, year_groups=[9, 10], excluded_upns=[u.lower() for u in absent])
    encounters = Encounter.objects.filter(group=group)
    assert encounters.count() == 30 + 21 - 2
    assert not encounters.filter(young_person__upn__in=absent).exists()
    assert not encounters.filter(young_person__school=cast.other_school).exists()
    e = encounters.first()
    assert (e.counts_as, e.source, e.employer, e.occurred_on) == (Counts.EMPLOYER_ENCOUNTER, "group", cast.employer, YESTERDAY)
    assert e.academic_year == (YESTERDAY.year if YESTERDAY.month >= 9 else YESTERDAY.year - 1)
    entries = AuditEntry.objects.filter(subject_type="opportunities.groupencounter", subject_id=str(group.pk))
    assert entries.count() == 49
    assert entries.filter(young_person_id=cast.young_person_record.pk).exists()


def test_a_provider_or_a_name_instead_of_an_employer(cast):
    group = log(cast, kind=Kind.EDUCATION_ENCOUNTER, employer=None, provider=cast.provider, year_groups=[10])
    assert Encounter.objects.get(group=group).counts_as == Counts.EDUCATION_ENCOUNTER
    named = log(cast, employer=None, host_name="A parent who is a paramedic", year_groups=[10], title="Paramedic talk")
    assert named.host_name == "A parent who is a paramedic"


def test_what_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        log(cast, kind=Kind.WORK_EXPERIENCE, title="", occurred_on=timezone.localdate() + datetime.timedelta(days=1),
            year_groups=[])
    assert set(error.value.message_dict) == {"kind", "title", "occurred_on", "year_groups"}
    with pytest.raises(ValidationError) as error:
        log(cast, employer=None)
    assert "employer" in error.value.message_dict
    with pytest.raises(ValidationError, match="not in the year groups chosen"):
        log(cast, year_groups=[10], excluded_upns=["NOSUCHUPN"])
    with pytest.raises(ValidationError, match="no young people"):
        log(cast, year_groups=[12])
    for user in (cast.teacher, cast.other_careers_leader, cast.hub_manager):
        with pytest.raises(PermissionDenied):
            log(cast, acting_user=user)
    assert not GroupEncounter.objects.exists()


def queries_to_log(cast, count) -> list[str]:
    YoungPerson.objects.filter(year_group=9).delete()
    students(cast.school, count, 9, prefix=f"Q{count}")
    cast.careers_leader._assignments()  # the person's roles, read once per request
    with CaptureQueriesContext(connection) as captured:
        log(cast, title=f"Assembly for {count}")
    return [q["sql"] for q in captured.captured_queries]


def test_the_number_of_queries_does_not_grow_with_the_number_of_students(cast):
    few, many = queries_to_log(cast, 10), queries_to_log(cast, 600)

    def not_inserts(queries):
        return [q for q in queries if not q.lstrip().upper().startswith("INSERT")]

    assert len(not_inserts(few)) == len(not_inserts(many))
    if connection.features.max_query_params is None:  # PostgreSQL: one INSERT per table
        assert len(few) == len(many)
    else:  # SQLite limits the values in one statement, so bulk inserts go in batches of its maximum
        params = connection.features.max_query_params
        batches = sum(-(-600 * fields // params) for fields in (len(Encounter._meta.concrete_fields) - 1,
                                                                 len(AuditEntry._meta.concrete_fields) - 1))
        assert len(many) - len(not_inserts(many)) <= 1 + batches


def test_1500_students_take_well_under_a_second(cast):
    """Measured as this process's CPU time (the application's own work, and SQLite's, which runs in
    process), so that a busy machine running other work does not make the test flaky."""
    students(cast.school, 1500, 11)
    cast.careers_leader._assignments()
    started = time.process_time()
    group = log(cast, year_groups=[11], title="Year 11 careers fair", kind=Kind.CAREERS_FAIR)
    elapsed = time.process_time() - started
    assert Encounter.objects.filter(group=group).count() == 1500
    assert AuditEntry.objects.filter(subject_id=str(group.pk), subject_type="opportunities.groupencounter").count() == 1500
    assert elapsed < 0.75, f"took {elapsed:.2f}s of processor time"


def test_deleting_an_encounter_logged_in_error_takes_it_off_every_record(cast):
    students(cast.school, 25, 9)
    group = log(cast)
    with pytest.raises(PermissionDenied):
        services.group_encounter_delete(acting_user=cast.teacher, group=group)
    assert services.group_encounter_delete(acting_user=cast.careers_leader, group=group) == 25
    assert not Encounter.objects.filter(title="Assembly: careers in the NHS").exists()
    assert AuditEntry.objects.filter(action="delete", subject_type="opportunities.groupencounter").count() == 25


# Pages -----------------------------------------------------------------------------------------------
def form_data(cast, **changes):
    return {"school": cast.school.pk, "kind": Kind.CAREERS_TALK, "title": "Assembly: careers in the NHS",
            "occurred_on": YESTERDAY.strftime("%d/%m/%Y"), "employer": cast.employer.pk, "provider": "",
            "host_name": "", "year_groups": ["9", "10"], "excluded_upns": "", **changes}


def test_logging_on_the_page(cast, client_for):
    students(cast.school, 12, 9)
    client = client_for(cast.careers_leader)
    form = client.get(reverse("opportunities:group_encounter_new"))
    assert form.status_code == 200 and 'type="hidden" name="school"' in form.content.decode()
    absent = YoungPerson.objects.filter(school=cast.school, year_group=9).first().upn
    response = client.post(reverse("opportunities:group_encounter_new"), form_data(cast, excluded_upns=f"{absent}, \n"))
    assert response.status_code == 302
    group = GroupEncounter.objects.get()
    assert response["Location"] == reverse("opportunities:group_encounter_detail", args=[group.pk])
    assert group.encounters.count() == 12 + 1 - 1
    detail = client.get(response["Location"]).content.decode()
    assert "Year 9" in detail and "Delete this encounter" in detail


def test_the_page_shows_errors_beside_the_fields(cast, client_for):
    response = client_for(cast.careers_leader).post(reverse("opportunities:group_encounter_new"),
                                                     form_data(cast, employer="", year_groups=[], excluded_upns="ZZZ"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the employer or provider, or enter who gave it" in html
    assert "Select at least one year group" in html


def test_unknown_upns_are_named(cast, client_for):
    response = client_for(cast.careers_leader).post(reverse("opportunities:group_encounter_new"),
                                                     form_data(cast, year_groups=["10"], excluded_upns="XYZ123"))
    assert response.status_code == 400
    assert "This UPN is not in the year groups chosen at Northfield Academy: XYZ123" in response.content.decode()


def test_the_list_is_the_schools_with_a_flat_query_count(cast, client_for, django_assert_max_num_queries):
    students(cast.school, 5, 9)
    log(cast)
    client = client_for(cast.careers_leader)
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("opportunities:group_encounters"))
    for n in range(4):
        log(cast, title=f"Talk {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("opportunities:group_encounters"))
    assert response.context["page_obj"].paginator.count == 5
    assert client_for(cast.other_careers_leader).get(reverse("opportunities:group_encounters")).context[
        "page_obj"].paginator.count == 0


def test_who_sees_and_deletes(cast, client_for):
    students(cast.school, 3, 9)
    group = log(cast)
    detail = reverse("opportunities:group_encounter_detail", args=[group.pk])
    delete = reverse("opportunities:group_encounter_delete", args=[group.pk])
    assert client_for(cast.teacher).get(detail).status_code == 200
    assert "Delete this encounter" not in client_for(cast.teacher).get(detail).content.decode()
    assert client_for(cast.other_careers_leader).get(detail).status_code == 404
    assert client_for(cast.other_careers_leader).post(delete).status_code == 404
    assert client_for(cast.teacher).post(delete).status_code == 403
    assert client_for(cast.careers_leader).post(delete).status_code == 302
    assert not GroupEncounter.objects.exists()


def test_the_host_fields_are_not_labelled_optional_when_one_of_them_is_needed(cast, client_for):
    html = client_for(cast.careers_leader).get("/opportunities/group-encounters/new/").content.decode()
    assert 'for="id_employer">Employer</label>' in html
    assert 'for="id_host_name">Or, who gave it</label>' in html
    assert "(optional)" in html  # the fields that really are optional still say so
