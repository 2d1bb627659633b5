"""Parents and carers: linked by the school (an account made and invited, or an existing one
linked), unlinked, re-invited; what a parent sees of their children; consents given and withdrawn
by whoever decides at the young person's age."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import UserFactory
from careershub.core.models import AuditEntry, Notification
from careershub.young_people import parent_services
from careershub.young_people.consents import age_on, consent_given, may_decide, parent_decides
from careershub.young_people.models import Consent, ParentLink

pytestmark = pytest.mark.django_db
SITE = "https://careershub.example.org"


def aged(young_person, years: int):
    """Make the young person ``years`` old today."""
    today = timezone.localdate()
    young_person.date_of_birth = today.replace(year=today.year - years) - datetime.timedelta(days=1)
    young_person.save()
    return young_person


# Linking ----------------------------------------------------------------------------------------
def test_linking_a_new_parent_makes_an_invited_account_with_the_parent_role(cast):
    link, created = parent_services.parent_link(
        acting_user=cast.teacher, young_person=cast.young_person_record, first_name="Samir", last_name="Khan",
        email="Samir.Khan@example.org", relationship="Father", site_url=SITE)
    parent = link.parent
    assert created and link.relationship == "Father" and link.linked_by == cast.teacher
    assert parent.has_role(Role.PARENT_CARER) and not parent.has_usable_password()
    assert parent.assignments_for(Role.PARENT_CARER)[0].partnership_id == cast.partnership.pk
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Samir.Khan@example.org"]
    assert "/accounts/" in mail.outbox[0].body and SITE in mail.outbox[0].body
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk, actor=cast.teacher,
                                     summary__startswith="Linked Samir Khan").exists()


def test_an_existing_account_is_linked_given_the_role_and_notified_not_invited(cast):
    link, created = parent_services.parent_link(
        acting_user=cast.careers_leader, young_person=cast.young_person_record, first_name="T", last_name="N",
        email=cast.teacher.email.upper(), relationship="Guardian", site_url=SITE)
    assert not created and link.parent == cast.teacher
    cast.teacher.__dict__.pop("_role_set", None)
    assert cast.teacher.has_role(Role.PARENT_CARER)
    assert mail.outbox == []
    assert Notification.objects.filter(user=cast.teacher, subject__contains="Amira").exists()


def test_linking_is_refused_twice_for_the_childs_own_account_and_without_a_relationship(cast):
    for email, relationship, field in ((cast.parent_carer.email, "Mother", "email"),
                                       (cast.young_person.email, "Mother", "email"),
                                       ("new@example.org", "Neighbour", "relationship")):
        with pytest.raises(ValidationError) as refused:
            parent_services.parent_link(acting_user=cast.careers_leader, young_person=cast.young_person_record,
                                        first_name="A", last_name="B", email=email, relationship=relationship, site_url=SITE)
        assert field in refused.value.message_dict


def test_only_the_childs_school_links_unlinks_and_reinvites(cast):
    link = ParentLink.objects.get(young_person=cast.young_person_record)
    for person in (cast.other_careers_leader, cast.hub_manager, cast.parent_carer):
        with pytest.raises(PermissionDenied):
            parent_services.parent_link(acting_user=person, young_person=cast.young_person_record, first_name="A",
                                        last_name="B", email="a@example.org", relationship="Carer", site_url=SITE)
        with pytest.raises(PermissionDenied):
            parent_services.parent_unlink(acting_user=person, link=link)
        with pytest.raises(PermissionDenied):
            parent_services.parent_invitation_resend(acting_user=person, link=link, site_url=SITE)


def test_unlinking_keeps_the_account_and_is_audited(cast):
    link = ParentLink.objects.get(young_person=cast.young_person_record)
    parent_services.parent_unlink(acting_user=cast.careers_leader, link=link)
    assert not ParentLink.objects.filter(pk=link.pk).exists() and type(cast.parent_carer).objects.filter(pk=cast.parent_carer.pk).exists()
    assert AuditEntry.objects.filter(young_person_id=cast.young_person_record.pk, summary__startswith="Unlinked").exists()


def test_the_invitation_is_resent_only_until_a_password_is_set(cast):
    link, _ = parent_services.parent_link(acting_user=cast.careers_leader, young_person=cast.young_person_record,
                                          first_name="Samir", last_name="Khan", email="samir@example.org",
                                          relationship="Father", site_url=SITE)
    parent_services.parent_invitation_resend(acting_user=cast.careers_leader, link=link, site_url=SITE)
    assert len(mail.outbox) == 2
    signed_up = ParentLink.objects.get(parent=cast.parent_carer)
    with pytest.raises(ValidationError, match="already set a password"):
        parent_services.parent_invitation_resend(acting_user=cast.careers_leader, link=signed_up, site_url=SITE)


# The pages the school uses -------------------------------------------------------------------------
def test_the_school_links_a_parent_from_the_page(cast, client_for):
    client = client_for(cast.careers_leader)
    url = f"/young-people/{cast.young_person_record.pk}/parents/link/"
    assert client.post(url, {"first_name": "", "email": "not-an-email"}).status_code == 400
    response = client.post(url, {"first_name": "Samir", "last_name": "Khan", "email": "samir@example.org",
                                 "relationship": "Father"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Samir Khan" in page and "Invited, no password set yet" in page and "Resend the invitation" in page


def test_the_record_offers_school_staff_the_parents_page_and_shows_consents(cast, client_for):
    body = client_for(cast.teacher).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Manage parents and carers" in body and "Consents" in body and "Not given" in body
    parent_view = client_for(cast.parent_carer).get(f"/young-people/{cast.young_person_record.pk}/").content.decode()
    assert "Manage parents and carers" not in parent_view and "Give or withdraw consents" in parent_view


def test_other_schools_staff_get_404_on_the_parents_pages(cast, client_for):
    client = client_for(cast.other_careers_leader)
    for suffix in ("parents/", "parents/link/"):
        assert client.get(f"/young-people/{cast.young_person_record.pk}/{suffix}").status_code == 404


# What a parent sees -----------------------------------------------------------------------------
def test_the_parent_sees_each_childs_upcoming_activities_plan_and_invitations(cast, client_for):
    from careershub.opportunities.tests.factories import ApplicationFactory, OpportunityFactory

    today = timezone.localdate()
    ahead = OpportunityFactory(partnership=cast.partnership, employer=cast.employer, title="Week at the pottery",
                               starts_on=today + datetime.timedelta(days=10), ends_on=today + datetime.timedelta(days=14))
    past = OpportunityFactory(partnership=cast.partnership, employer=cast.employer, title="Last year's visit",
                              starts_on=today - datetime.timedelta(days=10), ends_on=today - datetime.timedelta(days=9))
    for opportunity in (ahead, past):
        ApplicationFactory(opportunity=opportunity, young_person=cast.young_person_record, status="accepted")
    Notification.objects.create(user=cast.parent_carer, subject="Parents' careers evening on Thursday")
    Notification.objects.create(user=cast.careers_leader, subject="Not for the parent")
    body = client_for(cast.parent_carer).get("/young-people/my-children/overview/").content.decode()
    assert "Amira Khan" in body and "Week at the pottery" in body and "Last year&#x27;s visit" not in body
    assert "Parents&#x27; careers evening on Thursday" in body and "Not for the parent" not in body
    assert "Ben Lowe" not in body


def test_the_parent_overview_keeps_its_query_count_as_children_grow(cast, client_for, django_assert_max_num_queries):
    from careershub.young_people.tests.factories import YoungPersonFactory

    for _ in range(6):
        ParentLink.objects.create(parent=cast.parent_carer, young_person=YoungPersonFactory(school=cast.school))
    client = client_for(cast.parent_carer)
    with django_assert_max_num_queries(12 + 2 * 7):
        assert client.get("/young-people/my-children/overview/").status_code == 200


# Consents ----------------------------------------------------------------------------------------
def test_who_decides_by_age(cast):
    amira = cast.young_person_record
    aged(amira, 15)
    assert parent_decides(amira, "photos") and parent_decides(amira, "work_experience")
    assert may_decide(cast.parent_carer, amira, "photos") and not may_decide(cast.young_person, amira, "photos")
    aged(amira, 16)
    assert not parent_decides(amira, "mentoring") and parent_decides(amira, "work_experience")
    assert may_decide(cast.young_person, amira, "mentoring") and not may_decide(cast.parent_carer, amira, "mentoring")
    assert may_decide(cast.parent_carer, amira, "work_experience") and not may_decide(cast.young_person, amira, "work_experience")
    aged(amira, 18)
    assert may_decide(cast.young_person, amira, "work_experience") and not may_decide(cast.parent_carer, amira, "work_experience")
    assert age_on(amira, timezone.localdate()) == 18
    for person in (cast.careers_leader, cast.hub_manager, cast.other_careers_leader):
        assert not may_decide(person, amira, "photos")
    assert not may_decide(cast.young_person, amira, "something_else")


def test_giving_and_withdrawing_keeps_one_current_row_and_the_history(cast):
    amira = aged(cast.young_person_record, 14)
    parent_services.consent_give(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    assert consent_given(amira, "photos") and not consent_given(amira, "mentoring")
    with pytest.raises(ValidationError, match="already given"):
        parent_services.consent_give(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    parent_services.consent_withdraw(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    assert not consent_given(amira, "photos")
    with pytest.raises(ValidationError, match="nothing to withdraw"):
        parent_services.consent_withdraw(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    parent_services.consent_give(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    assert Consent.objects.filter(young_person=amira, purpose="photos").count() == 2
    assert AuditEntry.objects.filter(young_person_id=amira.pk, subject_type="young_people.consent").count() == 3


def test_consent_is_refused_to_whoever_does_not_decide(cast):
    amira = aged(cast.young_person_record, 15)
    with pytest.raises(PermissionDenied, match="parent or carer decides"):
        parent_services.consent_give(acting_user=cast.young_person, young_person=amira, purpose="photos")
    aged(amira, 17)
    with pytest.raises(PermissionDenied, match="young person decides"):
        parent_services.consent_give(acting_user=cast.parent_carer, young_person=amira, purpose="photos")
    parent_services.consent_give(acting_user=cast.young_person, young_person=amira, purpose="photos")
    parent_services.consent_give(acting_user=cast.parent_carer, young_person=amira, purpose="work_experience")


def test_the_consent_pages(cast, client_for):
    amira = aged(cast.young_person_record, 15)
    parent = client_for(cast.parent_carer)
    page = parent.get(f"/young-people/{amira.pk}/consents/").content.decode()
    assert "Give<span class=\"govuk-visually-hidden\"> consent for photographs at activities" in page
    assert parent.post(f"/young-people/{amira.pk}/consents/photos/give/").status_code == 302
    assert consent_given(amira, "photos")
    assert parent.post(f"/young-people/{amira.pk}/consents/photos/give/").status_code == 400
    assert parent.get(f"/young-people/{amira.pk}/consents/nonsense/give/").status_code == 404
    assert parent.post(f"/young-people/{amira.pk}/consents/photos/withdraw/").status_code == 302
    assert not consent_given(amira, "photos")
    assert client_for(cast.young_person).get(f"/young-people/{amira.pk}/consents/photos/give/").status_code == 403
    aged(amira, 16)
    client = client_for(cast.young_person)
    assert client.post(f"/young-people/{amira.pk}/consents/mentoring/give/").status_code == 302
    assert consent_given(amira, "mentoring")
    stranger = UserFactory()
    stranger.role_assignments.create(role=Role.PARENT_CARER, partnership=cast.partnership)
    assert client_for(stranger).get(f"/young-people/{amira.pk}/consents/").status_code == 404
