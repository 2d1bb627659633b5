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
