"""The pledge dashboard: counts against the target, suppression of small numbers, scope, the short list."""
import datetime
from itertools import count as counter

import pytest

from careershub.opportunities import pledge
from careershub.opportunities.pledge import Cell, Row, suppress
from careershub.opportunities.tests.factories import EncounterFactory
from careershub.young_people.models import YoungPerson

pytestmark = pytest.mark.django_db
UPNS = counter(1)  # unique pupil numbers are 13 characters: "Q" and twelve digits


def people(school, count, *, year=10, experiences=0, **fields):
    made = YoungPerson.objects.bulk_create([
        YoungPerson(school=school, first_name="Sam", last_name=f"Short{school.pk}{year}{experiences}{n}",
                    date_of_birth=datetime.date(2011, 1, 1), year_group=year,
                    upn=f"Q{next(UPNS):012d}", **fields) for n in range(count)])
    for person in made:
        for k in range(experiences):
            EncounterFactory(young_person=person, kind="work_experience", title=f"Week {k}")
    return made


def test_suppression_hides_small_counts_and_their_complements():
    row = Row("Year 10", 20, [Cell(3, 15), Cell(7, 35), Cell(5, 25), Cell(5, 25)])
    suppress([row])
    assert [c.suppressed for c in row.cells] == [True, False, True, False] or \
        [c.suppressed for c in row.cells] == [True, False, False, True]
    tiny = Row("Looked after", 3, [Cell(1, 33), Cell(2, 67), Cell(0, 0), Cell(0, 0)])
    suppress([tiny])
    assert tiny.total_label == "fewer than 5" and all(c.count_label == "fewer than 5" for c in tiny.cells)


def test_dashboard_counts_by_band_and_breakdown(cast, client_for, django_assert_max_num_queries):
    people(cast.school, 6, experiences=0)
    people(cast.school, 5, experiences=3, pupil_premium=True)
    people(cast.other_school, 7, year=11, experiences=1)
    EncounterFactory(young_person=cast.young_person_record, kind="careers_talk")  # not a workplace experience
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(16):
        page = client.get("/opportunities/pledge/")
    text = page.content.decode()
    assert page.status_code == 200 and "By school" in text and "By free school meals" in text
    figures = page.context["figures"]
    overall = figures["overall"]
    assert overall.total == 20 and [c.count for c in overall.cells] == [8, 7, 0, 5]
    assert figures["bands"] == ["0", "1", "2", "3+"]
    assert "Start a round putting those with fewest experiences first" in text
    csv_text = client.get("/opportunities/pledge/?format=csv").content.decode()
    assert csv_text.splitlines()[0].startswith("Breakdown,Group,Young people,0 experiences")


def test_query_count_is_flat(cast, client_for, django_assert_max_num_queries):
    people(cast.school, 60, experiences=0)
    people(cast.other_school, 60, year=11)
    client = client_for(cast.hub_manager)
    with django_assert_max_num_queries(16):
        client.get("/opportunities/pledge/")


def test_scopes(cast, client_for):
    people(cast.other_school, 6)
    leader = client_for(cast.careers_leader).get("/opportunities/pledge/")
    assert leader.context["figures"]["overall"].total == 1  # Amira only
    coordinator = client_for(cast.enterprise_coordinator).get("/opportunities/pledge/")
    assert coordinator.context["figures"]["overall"].total == 1
    hub = client_for(cast.hub_manager).get(f"/opportunities/pledge/?school={cast.other_school.pk}")
    assert hub.context["figures"]["overall"].total == 7  # and Ben
    analyst = client_for(cast.analyst).get("/opportunities/pledge/")
    assert analyst.status_code == 200 and "pledge/short" not in analyst.content.decode()
    assert client_for(cast.employer_contact).get("/opportunities/pledge/").status_code == 403
    assert client_for(cast.young_person).get("/opportunities/pledge/").status_code == 403


def test_short_list_is_the_schools_own_years_10_and_11(cast, client_for, django_assert_max_num_queries):
    people(cast.school, 3, year=11, experiences=1)
    people(cast.school, 2, year=9)
    people(cast.school, 2, year=10, experiences=3)
    people(cast.other_school, 4, year=10)
    client = client_for(cast.careers_leader)
    with django_assert_max_num_queries(12):
        page = client.get("/opportunities/pledge/short/")
    listed = list(page.context["people"])
    assert len(listed) == 4 and listed[0] == cast.young_person_record
    assert f"/young-people/{cast.young_person_record.pk}/" in page.content.decode()
    assert client_for(cast.hub_manager).get("/opportunities/pledge/short/").status_code == 403
    assert pledge.scope_for(cast.outsider) is None
