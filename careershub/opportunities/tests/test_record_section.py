"""The encounters section of a young person's record: encounters by academic year, the pledge, placements."""
import datetime

import pytest
from django.urls import reverse

from careershub.opportunities.kinds import Kind
from careershub.opportunities.record import encounters_section
from careershub.opportunities.tests.factories import EncounterFactory
from careershub.opportunities.tests.matrix_placements import amiras_placement

pytestmark = pytest.mark.django_db


def test_encounters_by_academic_year_most_recent_first_with_the_pledge(cast):
    amira = cast.young_person_record
    EncounterFactory(young_person=amira, kind=Kind.WORKPLACE_VISIT, title="Visit to the kiln", occurred_on=datetime.date(2025, 6, 3))
    EncounterFactory(young_person=amira, kind=Kind.WORK_TASTER, title="Taster day", occurred_on=datetime.date(2026, 10, 5))
    EncounterFactory(young_person=amira, kind=Kind.CAREERS_TALK, title="Assembly", occurred_on=datetime.date(2026, 9, 10))
    section = encounters_section(cast.careers_leader, amira)
    assert section["template"] == "opportunities/record_encounters.html"
    context = section["context"]
    assert [y["academic_year"] for y in context["years"]] == [2026, 2024]
    assert [e.title for e in context["years"][0]["encounters"]] == ["Taster day", "Assembly"]
    assert context["pledge"] == {"done": 2, "target": 3, "met": False, "percent": 67}


def test_the_record_page_shows_the_section_to_whoever_sees_the_record(cast, client_for):
    amira = cast.young_person_record
    EncounterFactory(young_person=amira, kind=Kind.WORKPLACE_VISIT, title="Visit to the kiln", employer=cast.employer)
    placement = amiras_placement(cast)
    for user in (cast.careers_leader, cast.parent_carer, cast.young_person):
        html = client_for(user).get(reverse("young_people:detail", args=[amira.pk])).content.decode()
        assert "1 of 3 experiences of a workplace" in html
        assert "Visit to the kiln" in html and "Experience of a workplace" in html
        assert reverse("opportunities:placement_detail", args=[placement.pk]) in html
        assert "Waiting for safeguarding checks" in html
    assert client_for(cast.employer_contact).get(reverse("young_people:detail", args=[amira.pk])).status_code == 404


def test_nothing_yet(cast, client_for):
    html = client_for(cast.careers_leader).get(reverse("young_people:detail", args=[cast.young_person_record.pk])).content.decode()
    assert "0 of 3 experiences of a workplace" in html and "No encounters are recorded yet." in html


def test_the_partnerships_target(cast):
    cast.partnership.workplace_experience_target = 1
    cast.partnership.save()
    EncounterFactory(young_person=cast.young_person_record, kind=Kind.WORK_EXPERIENCE)
    context = encounters_section(cast.young_person, cast.young_person_record)["context"]
    assert context["pledge"]["met"] and context["is_self"]
