"""The staff list of young people, the API list, and the record page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careershub.accounts.tests.factories import UserFactory
from careershub.core.models import AuditEntry
from careershub.young_people.models import ParentLink, YoungPerson
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [yp.first_name for yp in response.context["page_obj"]]


@pytest.fixture
def year_eleven(cast):
    """Three more at Amira's school: year 11 with an EHC plan and pupil premium, and two others."""
    return [
        YoungPersonFactory(school=cast.school, first_name="Chloe", last_name="Adams", year_group=11,
                           send=YoungPerson.Send.EHC_PLAN, pupil_premium=True),
        YoungPersonFactory(school=cast.school, first_name="Dev", last_name="Patel", year_group=11,
                           send=YoungPerson.Send.SUPPORT),
        YoungPersonFactory(school=cast.school, first_name="Ella", last_name="Zhou", year_group=9),
    ]


def test_the_list_filters_by_year_send_and_pupil_premium(cast, client_for, year_eleven):
    client = client_for(cast.careers_leader)
    assert names(client.get("/young-people/")) == ["Chloe", "Amira", "Dev", "Ella"]  # by surname
    assert names(client.get("/young-people/", {"year_group": 11})) == ["Chloe", "Dev"]
    assert names(client.get("/young-people/", {"send": "any"})) == ["Chloe", "Dev"]
    assert names(client.get("/young-people/", {"send": "E"})) == ["Chloe"]
    assert names(client.get("/young-people/", {"send": "N"})) == ["Amira", "Ella"]
    assert names(client.get("/young-people/", {"pupil_premium": "yes"})) == ["Chloe"]
    assert names(client.get("/young-people/", {"pupil_premium": "no", "year_group": 11})) == ["Dev"]


def test_the_list_searches_by_name_or_upn(cast, client_for, year_eleven):
    client = client_for(cast.teacher)
    assert names(client.get("/young-people/", {"q": "pat"})) == ["Dev"]
    assert names(client.get("/young-people/", {"q": "Chloe Adams"})) == ["Chloe"]
    assert names(client.get("/young-people/", {"q": year_eleven[2].upn.lower()})) == ["Ella"]
    assert "No young people match your search." in client.get("/young-people/", {"q": "nobody"}).content.decode()


def test_a_careers_leader_has_no_school_filter_but_hub_staff_do(cast, client_for):
    leader = client_for(cast.careers_leader).get("/young-people/")
    assert "school" not in leader.context["form"].fields
    hub = client_for(cast.hub_manager).get("/young-people/")
    assert dict(hub.context["form"].fields["school"].choices) == {
        "": "All", cast.school.pk: "Northfield Academy", cast.other_school.pk: "Southgate High",
    }
    assert names(hub) == ["Amira", "Ben"]
    assert names(client_for(cast.hub_manager).get("/young-people/", {"school": cast.other_school.pk})) == ["Ben"]
    assert "Southgate High" in hub.content.decode()  # the school column


def test_one_schools_list_from_its_page(cast, client_for):
    response = client_for(cast.hub_manager).get(f"/young-people/schools/{cast.other_school.pk}/")
    assert names(response) == ["Ben"]
    body = response.content.decode()
    assert '<span class="govuk-caption-l">Southgate High</span>' in body
    assert "school" not in response.context["form"].fields


def test_a_coordinator_sees_their_area_hubs_young_people(cast, client_for):
    assert names(client_for(cast.enterprise_coordinator).get("/young-people/")) == ["Amira"]


def test_the_list_pages_by_fifty(cast, client_for):
    for n in range(60):
        YoungPersonFactory(school=cast.school, last_name=f"Surname{n:02d}")
    client = client_for(cast.careers_leader)
    first = client.get("/young-people/")
    assert len(first.context["page_obj"]) == 50
    assert "Showing 1 to 50 of 61 young people" in first.content.decode()
    assert len(client.get("/young-people/", {"page": 2}).context["page_obj"]) == 11
    kept = client.get("/young-people/", {"page": 2, "year_group": 10}).content.decode()
    assert 'href="?page=1&amp;year_group=10" rel="prev"' in kept  # the pagination keeps the filters


def test_each_list_view_is_audited(cast, client_for):
    client_for(cast.careers_leader).get("/young-people/", {"year_group": 10, "send": "any"})
    entry = AuditEntry.objects.get(actor=cast.careers_leader, subject_type="young_people.youngperson")
    assert entry.summary == "Listed young people (Year 10, SEN support or EHC plan): 0 shown"


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/young-people/", "/young-people/?year_group=10&send=N", "/api/young-people/"])
def test_the_query_count_stays_flat_from_3_to_30_young_people(cast, client_for, url):
    client = client_for(cast.careers_leader)
    YoungPersonFactory.create_batch(2, school=cast.school)
    client.get(url)  # settle the session
    with_three = count_queries(client, url)
    YoungPersonFactory.create_batch(27, school=cast.school)
    assert YoungPerson.objects.filter(school=cast.school).count() == 30
    assert count_queries(client, url) == with_three
    assert with_three <= 12


def test_the_api_list_is_paginated_and_filtered(cast, client_for, year_eleven):
    client = client_for(cast.careers_leader)
    everyone = client.get("/api/young-people/").json()
    assert everyone["count"] == 4
    assert [p["first_name"] for p in everyone["items"]] == ["Chloe", "Amira", "Dev", "Ella"]
    assert set(everyone["items"][0]) == {
        "id", "first_name", "last_name", "date_of_birth", "year_group", "upn", "send", "pupil_premium",
        "school_id", "school_name",
    }
    filtered = client.get("/api/young-people/", {"year_group": 11, "send": "any", "pupil_premium": "false"}).json()
    assert [p["first_name"] for p in filtered["items"]] == ["Dev"]
    page = client.get("/api/young-people/", {"page": 2, "page_size": 3}).json()
    assert [p["first_name"] for p in page["items"]] == ["Ella"]
    assert client.get("/api/young-people/", {"send": "X"}).status_code == 422
    entry = AuditEntry.objects.filter(actor=cast.careers_leader, via="api").first()
    assert entry.summary.startswith("Listed young people")


# The record page ----------------------------------------------------------------------------------
def test_school_staff_see_the_details_and_linked_parents(cast, client_for):
    body = client_for(cast.careers_leader).get(cast.young_person_record.get_absolute_url()).content.decode()
    assert cast.young_person_record.upn in body
    assert "Pupil premium" in body and "Free school meals" in body and "Looked-after child" in body
    assert "Parents and carers" in body
    assert cast.parent_carer.get_full_name() in body and cast.parent_carer.email in body
    assert 'href="/young-people/"' in body  # back to the list


def test_hub_staff_see_the_details_but_not_the_parents(cast, client_for):
    body = client_for(cast.hub_manager).get(cast.young_person_record.get_absolute_url()).content.decode()
    assert cast.young_person_record.upn in body
    assert "Parents and carers" not in body


def test_the_young_person_and_parent_see_their_record_without_staff_details(cast, client_for):
    for who, url in ((cast.young_person, "/young-people/me/"), (cast.parent_carer, cast.young_person_record.get_absolute_url())):
        body = client_for(who).get(url).content.decode()
        assert "Amira Khan" in body
        assert cast.young_person_record.upn not in body
        assert "Free school meals" not in body
        assert "Parents and carers" not in body


def test_the_record_page_query_count_does_not_grow_with_parents(cast, client_for):
    client = client_for(cast.careers_leader)
    url = cast.young_person_record.get_absolute_url()
    client.get(url)
    one = count_queries(client, url)
    for n in range(5):
        ParentLink.objects.create(parent=UserFactory(), young_person=cast.young_person_record, relationship="Carer")
    assert count_queries(client, url) == one


def test_someone_reaching_a_young_person_two_ways_sees_them_once(cast, client_for):
    from careershub.accounts.tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(user=cast.careers_leader, role="parent_carer", partnership=cast.partnership)
    ParentLink.objects.create(parent=cast.careers_leader, young_person=cast.young_person_record)
    assert names(client_for(cast.careers_leader).get("/young-people/")) == ["Amira"]
