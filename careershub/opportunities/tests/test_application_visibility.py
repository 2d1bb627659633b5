"""Who sees which applications, and what the host sees of an applicant."""
import datetime
from datetime import timedelta

import pytest
from django.utils import timezone

from careershub.accounts.roles import Role
from careershub.accounts.tests.factories import RoleAssignmentFactory, UserFactory
from careershub.opportunities import application_selectors as selectors
from careershub.opportunities.tests.factories import ApplicationFactory, EncounterFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def applications(cast):
    """Amira's application to cast.employer, and Ben's (the other school) to cast.other_employer."""
    starts_on = timezone.localdate() + timedelta(days=30)
    ours = OpportunityFactory(employer=cast.employer, partnership=cast.partnership, starts_on=starts_on,
                              ends_on=starts_on)
    theirs = OpportunityFactory(employer=cast.other_employer, partnership=cast.partnership, starts_on=starts_on,
                                ends_on=starts_on)
    amiras = ApplicationFactory(opportunity=ours, young_person=cast.young_person_record)
    bens = ApplicationFactory(opportunity=theirs, young_person=cast.other_young_person_record)
    return amiras, bens


@pytest.mark.parametrize(("who", "sees"), [
    ("young_person", {"amira"}),
    ("parent_carer", {"amira"}),
    ("careers_leader", {"amira"}),
    ("teacher", {"amira"}),
    ("enterprise_coordinator", {"amira"}),
    ("hub_manager", {"amira", "ben"}),
    ("employer_contact", {"amira"}),
    ("other_employer_contact", {"ben"}),
    ("other_careers_leader", {"ben"}),
    ("enterprise_adviser", set()),
    ("mentor", set()),
    ("careers_adviser", set()),
    ("analyst", set()),
    ("admin", set()),
    ("outsider", set()),
])
def test_applications_visible_to(cast, applications, who, sees):
    amiras, bens = applications
    names = {amiras.pk: "amira", bens.pk: "ben"}
    visible = selectors.applications_visible_to(cast.users[who])
    assert {names[a.pk] for a in visible} == sees


def test_an_employer_contact_sees_applications_to_their_employers_opportunities_only(cast, applications):
    amiras, _ = applications
    contact = UserFactory()
    RoleAssignmentFactory(user=contact, role=Role.EMPLOYER_CONTACT, partnership=cast.partnership,
                          employer=cast.other_employer)
    assert amiras not in selectors.applications_visible_to(contact)


def test_the_host_sees_only_what_was_shared(cast, applications):
    amiras, _ = applications
    EncounterFactory(young_person=cast.young_person_record, title="Careers talk: nursing",
                     occurred_on=datetime.date(2026, 10, 1))
    amiras.shared = ["year_group"]
    seen = selectors.as_host_sees(amiras)
    assert seen.name == "Amira K."
    assert [(p.key, p.text) for p in seen.parts] == [("year_group", "Year 10")]

    amiras.shared = ["school", "year_group", "encounters", "skills", "career_interests"]
    parts = {p.key: p for p in selectors.as_host_sees(amiras).parts}
    assert parts["school"].text == "Northfield Academy"
    assert parts["encounters"].entries == [("Careers talk: nursing", datetime.date(2026, 10, 1))]
    assert parts["skills"].text == parts["career_interests"].text == "Nothing recorded yet"

    amiras.shared = []
    assert selectors.as_host_sees(amiras).shared_nothing


def test_encounters_shared_with_none_recorded_say_so(cast, applications):
    amiras, _ = applications
    amiras.shared = ["encounters"]
    [part] = selectors.as_host_sees(amiras).parts
    assert part.entries == [] and part.text == "Nothing recorded yet"


def test_whats_shared_is_never_a_protected_characteristic(cast, applications):
    amiras, _ = applications
    amiras.shared = ["school", "year_group", "encounters", "skills", "career_interests", "send", "date_of_birth"]
    keys = {p.key for p in selectors.as_host_sees(amiras).parts}
    assert keys == {"school", "year_group", "encounters", "skills", "career_interests"}
    seen = repr(selectors.as_host_sees(amiras))
    young_person = cast.young_person_record
    for private in (young_person.upn, young_person.last_name, str(young_person.date_of_birth)):
        assert private not in seen


def test_the_school_list_is_the_schools_own(cast, applications):
    amiras, bens = applications
    assert list(selectors.school_applications(cast.careers_leader)) == [amiras]
    assert list(selectors.school_applications(cast.other_careers_leader)) == [bens]
    assert list(selectors.school_applications(cast.careers_leader, status="accepted")) == []
    assert list(selectors.school_applications(cast.careers_leader, year_group=11)) == []
    assert list(selectors.school_applications(cast.careers_leader, year_group=10)) == [amiras]


def test_a_parent_sees_each_childs_applications(cast, applications):
    amiras, _ = applications
    [(child, listed)] = selectors.children_applications(cast.parent_carer)
    assert child == cast.young_person_record and listed == [amiras]
