"""The demo city's records, before any database: realistic, consistent and deterministic."""
import re
from collections import Counter
from datetime import date, timedelta

import pytest

from careershub.accounts.roles import ROLE_SCOPE, Role
from careershub.network.models import Employer, Provider, School, postcode_validator
from careershub.network.sic import SicSection
from careershub.demo.generate import ROLES, birth_window, demo_username, generate_city, upn_check_letter
from careershub.young_people.models import YoungPerson

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def city():
    return generate_city(size="city", seed=2026, as_of=AS_OF)


@pytest.fixture(scope="module")
def small():
    return generate_city(size="small", seed=2026, as_of=AS_OF)


def test_the_same_seed_gives_the_same_city_and_another_seed_another(small):
    again = generate_city(size="small", seed=2026, as_of=AS_OF)
    other = generate_city(size="small", seed=7, as_of=AS_OF)
    assert again.schools == small.schools
    assert again.young_people == small.young_people
    assert again.users == small.users and again.matches == small.matches
    assert [s.name for s in other.schools] != [s.name for s in small.schools]


def test_a_city_has_the_shape_of_the_seed_partnership(city):
    counts = city.summary()
    assert counts["area hubs"] == 4
    assert 110 <= counts["schools and colleges"] <= 130
    assert 80 <= counts["engaged"] <= 92
    assert 2 <= sum(s.status == "declined" for s in city.schools) <= 6
    assert 380 <= counts["employers"] <= 420
    assert counts["cornerstone employers"] == 12
    assert 75 <= counts["enterprise advisers"] <= 85
    assert 60 <= counts["current matches"] <= 72
    assert 24_000 <= counts["young people"] <= 26_000
    assert [label for _, label in city.growth_sectors][:3] == ["Digital", "STEM and engineering services", "Green economy"]


def test_small_is_about_a_tenth_of_a_city(small, city):
    ratio = lambda key: small.summary()[key] / city.summary()[key]  # noqa: E731
    for key in ("schools and colleges", "employers", "enterprise advisers", "young people"):
        assert 0.08 <= ratio(key) <= 0.12, key
    assert small.summary()["area hubs"] == 4 and small.summary()["cornerstone employers"] == 4
    assert {s.school_type for s in small.schools} == set(School.Type.values)


def test_every_kind_of_school_and_college_with_phases_to_match(city):
    types = Counter(s.school_type for s in city.schools)
    assert set(types) == set(School.Type.values)
    assert types["mainstream"] > sum(types.values()) / 2
    phase_of = {"special": {"not_applicable"}, "pru": {"not_applicable"}, "middle": {"middle_deemed_secondary"},
                "fe_college": {"16_plus"}, "sixth_form_college": {"16_plus"}, "mainstream": {"secondary", "all_through"}}
    for s in city.schools:
        assert s.phase in phase_of[s.school_type], s
        assert s.phase in School.Phase.values and s.status in School.Status.values


def test_statuses_carry_their_dates(city):
    for s in city.schools:
        assert s.targeted_on and s.targeted_on <= AS_OF
        if s.status == "engaged":
            assert s.targeted_on <= s.engaged_on <= AS_OF and s.declined_on is None
            assert s.engaged_on >= AS_OF - timedelta(days=7 * 365)
        elif s.status == "declined":
            assert s.targeted_on <= s.declined_on <= AS_OF and s.engaged_on is None
        else:
            assert s.engaged_on is None and s.declined_on is None


def test_identifiers_and_addresses_are_well_formed_and_unique(city):
    urns = [s.urn for s in city.schools]
    assert len(set(urns)) == len(urns) and all(re.fullmatch(r"[1-9][0-9]{5}", u) for u in urns)
    upns = [y.upn for y in city.young_people]
    assert len(set(upns)) == len(upns)
    for upn in upns[::97]:
        assert re.fullmatch(r"[A-Z][0-9]{12}", upn) and upn_check_letter(upn[1:]) == upn[0]
    postcode = re.compile(postcode_validator.regex.pattern)
    for record in [*city.schools, *city.employers, *city.providers]:
        assert postcode.match(record.postcode), record.postcode
        assert len(record.postcode) <= 8
    assert len({e.name for e in city.employers}) == len(city.employers)
    assert len({p.name for p in city.providers}) == len(city.providers)
    assert len({s.name for s in city.schools}) == len(city.schools)


def test_upn_check_letter_follows_the_dfe_rule():
    # Weights 2..13 over the twelve characters after the letter; remainder 0 is A, 8 is J (no I).
    assert upn_check_letter("000000000000") == "A"
    assert upn_check_letter("400000000000") == "J"  # 4 × 2 = 8


def test_employers_are_mostly_micro_and_small_across_sectors(city):
    bands = Counter(e.size_band for e in city.employers)
    assert (bands["micro"] + bands["small"]) / len(city.employers) > 0.7
    assert set(bands) <= set(Employer.SizeBand.values)
    sectors = Counter(e.sic_section for e in city.employers)
    assert len(sectors) >= 12 and set(sectors) <= set(SicSection.values)
    cornerstones = [e for e in city.employers if e.is_cornerstone]
    assert all(e.size_band in ("medium", "large") for e in cornerstones)
    assert {"Riverford City Council", "Riverford Teaching Hospitals NHS Trust", "Riverford Town Football Club"} <= {e.name for e in cornerstones}
    assert all(any(c.employer == i and c.is_primary for c in city.contacts) for i in range(len(city.employers)))


def test_providers_of_every_kind(city):
    kinds = Counter(p.kind for p in city.providers)
    assert set(kinds) == set(Provider.Kind.values)
    assert city.providers[city.mentoring_charity].kind == "community_organisation"
    assert city.providers[city.careers_service].kind == "careers_service"


def test_advisers_have_at_most_one_current_match_per_school_and_a_history(city):
    current = [m for m in city.matches if m.ended_on is None]
    assert len({m.school for m in current}) == len(current)
    assert all(city.schools[m.school].status == "engaged" for m in city.matches)
    per_adviser = Counter(m.adviser for m in current)
    assert all(per_adviser[a] <= city.advisers[a].capacity for a in per_adviser)
    assert all(city.advisers[a].is_active for a in per_adviser)
    started = {m.school: m.started_on for m in current}
    ended = [m for m in city.matches if m.ended_on is not None]
    assert len(ended) >= 10
    for m in ended:
        assert city.schools[m.school].engaged_on <= m.started_on < m.ended_on <= AS_OF and m.end_reason
        if m.school in started:
            assert m.ended_on < started[m.school]
    assert len({a.employer for a in city.advisers}) >= 0.8 * len(city.advisers)


def test_young_people_are_in_their_schools_year_groups_born_in_the_right_year(city):
    for y in city.young_people[::13]:
        school = city.schools[y.school]
        assert y.year_group in school.year_groups
        earliest, latest = birth_window(y.year_group, AS_OF)
        assert earliest <= y.date_of_birth <= latest
    assert birth_window(7, AS_OF) == (date(2014, 9, 1), date(2015, 8, 31))
    assert birth_window(13, AS_OF) == (date(2008, 9, 1), date(2009, 8, 31))
    colleges = [y for y in city.young_people if city.schools[y.school].school_type in ("fe_college", "sixth_form_college")]
    assert {y.year_group for y in colleges} == {12, 13}
    middle = [y for y in city.young_people if city.schools[y.school].school_type == "middle"]
    assert {y.year_group for y in middle} == {7, 8}


def test_young_peoples_characteristics_are_plausible(city):
    people = city.young_people
    n = len(people)
    share = lambda flag: sum(flag(y) for y in people) / n  # noqa: E731
    assert 0.10 <= share(lambda y: y.send == "K") <= 0.16
    assert 0.02 <= share(lambda y: y.send == "E") <= 0.04
    assert 0.21 <= share(lambda y: y.pupil_premium) <= 0.29
    assert 0.18 <= share(lambda y: y.free_school_meals) <= 0.26
    assert 0.004 <= share(lambda y: y.looked_after) <= 0.02
    assert 0.47 <= share(lambda y: y.sex == "F") <= 0.52
    special = [y for y in people if city.schools[y.school].school_type == "special"]
    assert sum(y.send == "E" for y in special) / len(special) > 0.8
    assert {y.sex for y in people} <= set(YoungPerson.Sex.values) and {y.send for y in people} <= set(YoungPerson.Send.values)
    # Schools by size: a college or large secondary has many more records than a pupil referral unit.
    per_school = Counter(y.school for y in people)
    pru = max(per_school[i] for i, s in enumerate(city.schools) if s.school_type == "pru")
    assert pru < min(per_school[i] for i, s in enumerate(city.schools) if s.school_type == "fe_college") / 5


def test_one_demo_account_per_role_attached_sensibly(city):
    assert [u.role for u in city.users[:12]] == list(ROLES) == [r.value for r in Role]
    assert all(u.listed and u.username == demo_username(u.role) for u in city.users[:12])
    assert not any(u.listed for u in city.users[12:])
    for u in city.users:
        assert u.scope == ROLE_SCOPE[Role(u.role)], u
        assert u.first_name and u.last_name
    school = city.demo_school
    assert city.schools[school].status == "engaged"
    assert city.account("careers_leader").scope_index == school == city.account("teacher").scope_index
    assert city.account("enterprise_coordinator").scope_index == city.schools[school].hub
    adviser = city.advisers[city.demo_adviser]
    assert city.users[adviser.user].role == "enterprise_adviser" and city.users[adviser.user].full_name == adviser.name
    assert city.account("enterprise_adviser").scope_index == adviser.employer
    assert any(m.school == school and m.adviser == city.demo_adviser and m.ended_on is None for m in city.matches)
    assert city.employers[city.account("employer_contact").scope_index].is_cornerstone
    assert city.account("mentor").scope_index == city.mentoring_charity
    assert city.account("careers_adviser").scope_index == city.careers_service
    young_person = city.young_people[city.demo_young_person]
    assert young_person.school == school and young_person.year_group == 10
    assert city.users[young_person.user].role == "young_person"
    parent = city.users.index(city.account("parent_carer"))
    assert [link.young_person for link in city.parent_links if link.parent == parent] == [city.demo_young_person]
    # No demo account reaches the Django admin site, which would bypass scoping and the audit log.
    assert not any(user.is_staff or user.is_superuser for user in city.users)
