"""The audit log page: search by who acted, which young person, the action and dates."""
from datetime import timedelta

import pytest
from django.utils import timezone

from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.young_people.tests.factories import YoungPersonFactory

pytestmark = pytest.mark.django_db


def view(actor, young_person, when=None):
    entry = audit.record(actor=actor, action=AuditEntry.Action.VIEW, subject=young_person,
                         young_person_id=young_person.pk, summary=f"Viewed the record of {young_person.full_name}")
    if when is not None:
        AuditEntry.objects.filter(pk=entry.pk).update(at=when)
    return entry


def entries(response):
    return [row["entry"] for row in response.context["rows"]]


def test_search_by_person_young_person_action_and_dates(cast, client_for):
    amira, ben = cast.young_person_record, cast.other_young_person_record
    old = view(cast.careers_leader, amira, when=timezone.now() - timedelta(days=40))
    recent = view(cast.careers_leader, amira)
    by_other = view(cast.other_careers_leader, ben)
    client = client_for(cast.hub_manager)

    assert entries(client.get("/accounts/audit/", {"actor": "other_careers"})) == [by_other]
    assert entries(client.get("/accounts/audit/", {"young_person": "Amira Khan"})) == [recent, old]
    assert entries(client.get("/accounts/audit/", {"young_person": amira.upn})) == [recent, old]
    viewed = entries(client.get("/accounts/audit/", {"action": "view"}))
    assert set(viewed) == {old, recent, by_other}
    since = (timezone.localdate() - timedelta(days=7)).strftime("%d/%m/%Y")
    assert entries(client.get("/accounts/audit/", {"date_from": since, "action": "view", "young_person": "khan"})) == [recent]
    until = (timezone.localdate() - timedelta(days=30)).strftime("%d/%m/%Y")
    assert entries(client.get("/accounts/audit/", {"date_to": until, "action": "view"})) == [old]


def test_young_people_link_to_their_record_for_the_hub_manager(cast, client_for):
    view(cast.careers_leader, cast.young_person_record)
    body = client_for(cast.hub_manager).get("/accounts/audit/", {"action": "view"}).content.decode()
    assert f'href="/young-people/{cast.young_person_record.pk}/">Amira Khan</a>' in body
    admin_body = client_for(cast.admin).get("/accounts/audit/", {"action": "view"}).content.decode()
    assert "Amira Khan" in admin_body
    assert f'href="/young-people/{cast.young_person_record.pk}/"' not in admin_body  # administrators cannot open records


def test_a_bad_date_is_explained(cast, client_for):
    response = client_for(cast.hub_manager).get("/accounts/audit/", {"date_from": "31/02/2026", "date_to": "1/1/2026"})
    body = response.content.decode()
    assert "<title>Error: Audit log" in body
    assert "The date it is from must be a real date" in body
    swapped = client_for(cast.hub_manager).get("/accounts/audit/", {"date_from": "2/1/2026", "date_to": "1/1/2026"})
    assert "must be the same as or after the date it is from" in swapped.content.decode()


def test_failed_sign_ins_appear_though_no_one_was_signed_in(cast, client_for, client):
    client.post("/accounts/sign-in/", {"username": "teacher", "password": "wrong"})
    response = client_for(cast.hub_manager).get("/accounts/audit/", {"action": "sign_in_failed"})
    assert [e.summary for e in entries(response)] == ["Failed sign-in for teacher"]
    assert "No one signed in" in response.content.decode()


def test_other_partnerships_entries_stay_out(cast, client_for):
    from careershub.network.tests.factories import PartnershipFactory, SchoolFactory

    elsewhere = YoungPersonFactory(school=SchoolFactory(partnership=PartnershipFactory(slug="elsewhere", name="Elsewhere")))
    stranger = view(None, elsewhere)
    shown = entries(client_for(cast.hub_manager).get("/accounts/audit/"))
    assert stranger not in shown


def test_the_log_pages_by_fifty_with_a_flat_query_count(cast, client_for, django_assert_max_num_queries):
    client = client_for(cast.hub_manager)
    for _ in range(3):
        view(cast.careers_leader, cast.young_person_record)
    client.get("/accounts/audit/")
    with django_assert_max_num_queries(20) as few:
        client.get("/accounts/audit/")
    young_people = [YoungPersonFactory(school=cast.school) for _ in range(30)]
    for n in range(60):
        view(cast.teacher, young_people[n % 30])
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/accounts/audit/")
    assert len(response.context["rows"]) == 50
    assert "Showing 1 to 50 of" in response.content.decode()
