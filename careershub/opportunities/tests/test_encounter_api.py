"""The API: a young person's encounters, a placement's checklist, and confirming (422 listing what is missing)."""
import datetime

import pytest
from django.utils import timezone

from careershub.core.models import AuditEntry
from careershub.opportunities.models import Placement
from careershub.opportunities.tests.factories import EncounterFactory
from careershub.opportunities.tests.matrix_placements import amiras_placement, complete_checks

pytestmark = pytest.mark.django_db


def test_a_young_persons_encounters_most_recent_first(cast, client_for):
    EncounterFactory(young_person=cast.young_person_record, occurred_on=datetime.date(2025, 10, 1), title="Older")
    EncounterFactory(young_person=cast.young_person_record, occurred_on=datetime.date(2026, 10, 1), title="Newer",
                     employer=cast.employer)
    EncounterFactory(young_person=cast.other_young_person_record)
    response = client_for(cast.careers_leader).get(f"/api/opportunities/encounters?young_person_id={cast.young_person_record.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [e["title"] for e in body] == ["Newer", "Older"]
    assert body[0]["employer_name"] == cast.employer.name and body[0]["counts_as"] == "employer_encounter"
    assert body[1]["academic_year"] == 2025
    assert AuditEntry.objects.filter(action="view", young_person_id=cast.young_person_record.pk, via="api").exists()


def test_encounters_of_someone_you_may_not_see_are_not_found(cast, client_for):
    url = f"/api/opportunities/encounters?young_person_id={cast.young_person_record.pk}"
    for user in (cast.other_careers_leader, cast.employer_contact, cast.analyst):
        assert client_for(user).get(url).status_code == 404
    assert client_for(cast.careers_leader).get("/api/opportunities/encounters").status_code == 422


def test_a_placement_with_its_checklist_and_the_host_sees_initials_only(cast, client_for):
    placement = amiras_placement(cast)
    body = client_for(cast.careers_leader).get(f"/api/opportunities/placements/{placement.pk}").json()
    assert body["young_person_name"] == "Amira Khan" and body["young_person_id"] == cast.young_person_record.pk
    assert [c["key"] for c in body["checks"]] == ["parental-consent", "risk-assessment", "supervisor-check",
                                                  "emergency-contact", "plan"]
    assert body["missing"][0] == "Parental consent has not been given"
    host = client_for(cast.employer_contact).get(f"/api/opportunities/placements/{placement.pk}").json()
    assert host["young_person_name"] == "Amira K." and host["young_person_id"] is None
    assert client_for(cast.other_employer_contact).get(f"/api/opportunities/placements/{placement.pk}").status_code == 404


def test_confirming_answers_422_listing_each_missing_check(cast, client_for):
    placement = amiras_placement(cast)
    Placement.objects.filter(pk=placement.pk).update(parental_consent_at=timezone.now(), supervisor_check_reference="01",
                                                     supervisor_check_expires_on=datetime.date(2027, 2, 1))
    response = client_for(cast.careers_leader).post(f"/api/opportunities/placements/{placement.pk}/confirm")
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p["msg"] for p in response.json()["detail"]}
    assert problems[("checks", "supervisor-check")] == (
        "The supervisor's safeguarding check expires on 1 February 2027, before the placement ends on 19 February 2027")
    assert ("checks", "parental-consent") not in problems
    assert set(problems) == {("checks", "risk-assessment"), ("checks", "supervisor-check"),
                             ("checks", "emergency-contact"), ("checks", "plan")}


def test_confirming_a_complete_placement_and_who_may(cast, client_for):
    placement = complete_checks(amiras_placement(cast), cast)
    url = f"/api/opportunities/placements/{placement.pk}/confirm"
    assert client_for(cast.employer_contact).post(url).status_code == 403
    response = client_for(cast.hub_manager).post(url)
    assert response.status_code == 200 and response.json()["status"] == "confirmed"
    again = client_for(cast.hub_manager).post(url)
    assert again.status_code == 422 and again.json()["detail"][0]["loc"] == ["status"]
