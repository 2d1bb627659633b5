import pytest

from careershub.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_careers_leader_sees_own_school_young_person_and_the_view_is_audited(cast, client_for):
    client = client_for(cast.careers_leader)
    response = client.get(cast.young_person_record.get_absolute_url())
    assert response.status_code == 200
    assert "Amira Khan" in response.content.decode()
    entry = AuditEntry.objects.get(action="view", young_person_id=cast.young_person_record.pk)
    assert entry.actor == cast.careers_leader


def test_careers_leader_of_another_school_gets_404_by_page(cast, client_for):
    client = client_for(cast.other_careers_leader)
    response = client.get(cast.young_person_record.get_absolute_url())
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="view").exists()


def test_careers_leader_of_another_school_gets_404_by_api(cast, client_for):
    client = client_for(cast.other_careers_leader)
    response = client.get(f"/api/young-people/{cast.young_person_record.pk}")
    assert response.status_code == 404
    own = client.get(f"/api/young-people/{cast.other_young_person_record.pk}")
    assert own.status_code == 200
    assert own.json()["first_name"] == "Ben"


def test_careers_leader_of_another_school_does_not_find_them_in_the_list(cast, client_for):
    client = client_for(cast.other_careers_leader)
    listed = client.get("/young-people/")
    assert [yp.first_name for yp in listed.context["page_obj"]] == ["Ben"]
    assert "Amira" not in listed.content.decode()
    by_name = client.get("/young-people/", {"q": "Amira Khan"})
    assert list(by_name.context["page_obj"]) == []
    by_upn = client.get("/young-people/", {"q": cast.young_person_record.upn})
    assert list(by_upn.context["page_obj"]) == []


def test_careers_leader_of_another_school_gets_404_for_that_schools_list(cast, client_for):
    client = client_for(cast.other_careers_leader)
    assert client.get(f"/young-people/schools/{cast.school.pk}/").status_code == 404
    assert client.get(f"/young-people/schools/{cast.other_school.pk}/").status_code == 200


def test_careers_leader_of_another_school_does_not_find_them_in_the_api_list(cast, client_for):
    client = client_for(cast.other_careers_leader)
    response = client.get("/api/young-people/", {"q": "Khan"})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}
    narrowed = client.get("/api/young-people/", {"school_id": cast.school.pk})
    assert narrowed.json()["count"] == 0


def test_analysts_get_no_individual_records(cast, client_for):
    client = client_for(cast.analyst)
    assert client.get("/young-people/").status_code == 403
    assert client.get(cast.young_person_record.get_absolute_url()).status_code == 404
    assert client.get("/api/young-people/").status_code == 403
    assert client.get(f"/api/young-people/{cast.young_person_record.pk}").status_code == 404


def test_employers_never_see_young_people(cast, client_for):
    for who in (cast.employer_contact, cast.enterprise_adviser):
        client = client_for(who)
        assert client.get("/young-people/").status_code == 403
        assert client.get(cast.young_person_record.get_absolute_url()).status_code == 404
