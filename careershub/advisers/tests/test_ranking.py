"""The ranking on its own: plain data in, ranked candidates with reasons out. No database."""
import random

from hypothesis import given
from hypothesis import strategies as st

from careershub.advisers.ranking import (
    NOT_A_PRIORITY,
    Candidate,
    GrowthSectorInfo,
    SchoolInfo,
    explain,
    rank_candidates,
    sector_lookup,
    sort_key,
)

NORTH = SchoolInfo(area_hub_id=1, area_hub_name="North")
SECTORS = [
    GrowthSectorInfo("C", "Advanced manufacturing", 1),
    GrowthSectorInfo("Q", "Health and social care", 2),
    GrowthSectorInfo("J", "Digital", 3),
]


def adviser(adviser_id, name, *, hub=1, sector="C", current=0, capacity=1, active=True):
    hub_names = {1: "North", 2: "South", None: ""}
    return Candidate(
        adviser_id=adviser_id, name=name, employer_name=f"{name}'s employer", employer_sic_section=sector,
        area_hub_id=hub, area_hub_name=hub_names.get(hub, f"Hub {hub}"), current_schools=current,
        capacity=capacity, is_active=active,
    )


def names(ranked):
    return [r.candidate.name for r in ranked]


def test_same_area_hub_comes_before_a_better_sector_elsewhere():
    ranked = rank_candidates(NORTH, [
        adviser(1, "Asha", hub=2, sector="C"),
        adviser(2, "Bea", hub=1, sector="F"),
    ], SECTORS)
    assert names(ranked) == ["Bea", "Asha"]


def test_within_a_hub_the_higher_priority_sector_wins_and_non_priority_sectors_come_last():
    ranked = rank_candidates(NORTH, [
        adviser(1, "Cat", sector="F"),   # construction: not a priority here
        adviser(2, "Dev", sector="J"),   # priority 3
        adviser(3, "Eli", sector="C"),   # priority 1
    ], SECTORS)
    assert names(ranked) == ["Eli", "Dev", "Cat"]


def test_then_fewest_current_schools_then_name_then_id():
    ranked = rank_candidates(NORTH, [
        adviser(4, "Zoe", current=1, capacity=3),
        adviser(3, "amy", current=2, capacity=3),
        adviser(2, "Amy", current=1, capacity=3),
        adviser(1, "Amy", current=1, capacity=3),
    ], SECTORS)
    assert [(r.candidate.name, r.candidate.adviser_id) for r in ranked] == [("Amy", 1), ("Amy", 2), ("Zoe", 4), ("amy", 3)]
    assert [r.rank for r in ranked] == [1, 2, 3, 4]


def test_inactive_and_full_advisers_are_not_candidates():
    ranked = rank_candidates(NORTH, [
        adviser(1, "Full", current=1, capacity=1),
        adviser(2, "Over", current=3, capacity=2),
        adviser(3, "Away", active=False),
        adviser(4, "Free", current=1, capacity=2),
    ], SECTORS)
    assert names(ranked) == ["Free"]


def test_the_explanation_names_each_reason_in_plain_english():
    [first, second, third] = rank_candidates(NORTH, [
        adviser(1, "Asha", hub=1, sector="C", current=0, capacity=1),
        adviser(2, "Bea", hub=2, sector="F", current=1, capacity=2),
        adviser(3, "Cy", hub=None, sector="Q", current=0, capacity=3),
    ], SECTORS)
    assert first.explanation == (
        "Same area hub (North); employer in priority growth sector 1 Advanced manufacturing; supports 0 of 1 school"
    )
    assert third.candidate.name == "Bea"
    assert third.explanation == (
        "Different area hub (South); employer not in a priority growth sector; supports 1 of 2 schools"
    )
    assert second.explanation == (
        "No area hub recorded; employer in priority growth sector 2 Health and social care; supports 0 of 3 schools"
    )


def test_a_school_without_an_area_hub_ranks_on_sector_and_load_alone():
    school = SchoolInfo(area_hub_id=None)
    ranked = rank_candidates(school, [adviser(1, "Asha", hub=None, sector="F"), adviser(2, "Bea", hub=2, sector="C")], SECTORS)
    assert names(ranked) == ["Bea", "Asha"]
    assert not any(r.same_area_hub for r in ranked)
    assert ranked[0].reasons[0] == "Based in South (the school has no area hub)"


def test_explain_matches_the_ranked_explanation():
    candidate = adviser(1, "Asha", current=0, capacity=2)
    [ranked] = rank_candidates(NORTH, [candidate], SECTORS)
    assert explain(NORTH, candidate, SECTORS) == ranked.explanation
    assert ranked.growth_sector == SECTORS[0]


def test_a_section_listed_twice_counts_at_its_best_priority():
    lookup = sector_lookup([GrowthSectorInfo("C", "Manufacturing", 4), GrowthSectorInfo("C", "Advanced manufacturing", 2)])
    assert lookup["C"].priority == 2


def test_no_candidates_gives_an_empty_list():
    assert rank_candidates(NORTH, [], SECTORS) == []


# Properties ----------------------------------------------------------------------------------
hubs = st.one_of(st.none(), st.integers(min_value=1, max_value=4))
sections = st.sampled_from("ACFJQRS")


@st.composite
def candidate_lists(draw):
    count = draw(st.integers(min_value=0, max_value=25))
    ids = draw(st.lists(st.integers(min_value=1, max_value=10_000), min_size=count, max_size=count, unique=True))
    result = []
    for adviser_id in ids:
        capacity = draw(st.integers(min_value=1, max_value=4))
        result.append(Candidate(
            adviser_id=adviser_id,
            name=draw(st.sampled_from(["Amy", "amy", "Ben", "Cara", "Dev", "Éva", "Zoe"])),
            employer_name="Employer",
            employer_sic_section=draw(sections),
            area_hub_id=draw(hubs),
            area_hub_name="Hub",
            current_schools=draw(st.integers(min_value=0, max_value=5)),
            capacity=capacity,
            is_active=draw(st.booleans()),
        ))
    return result


growth_sector_lists = st.lists(
    st.builds(GrowthSectorInfo, sic_section=sections, label=st.sampled_from(["One", "Two"]),
              priority=st.integers(min_value=0, max_value=9)),
    max_size=5,
)
schools = st.builds(SchoolInfo, area_hub_id=hubs, area_hub_name=st.just("Hub"))


@given(schools, candidate_lists(), growth_sector_lists)
def test_no_inactive_or_full_adviser_is_ever_listed(school, candidates, sectors):
    for ranked in rank_candidates(school, candidates, sectors):
        assert ranked.candidate.is_active
        assert ranked.candidate.current_schools < ranked.candidate.capacity


@given(schools, candidate_lists(), growth_sector_lists)
def test_every_eligible_adviser_is_listed_exactly_once(school, candidates, sectors):
    ranked = rank_candidates(school, candidates, sectors)
    eligible = {c.adviser_id for c in candidates if c.is_active and c.current_schools < c.capacity}
    assert sorted(r.candidate.adviser_id for r in ranked) == sorted(eligible)
    assert [r.rank for r in ranked] == list(range(1, len(ranked) + 1))


@given(schools, candidate_lists(), growth_sector_lists)
def test_the_order_respects_the_keys_lexicographically(school, candidates, sectors):
    lookup = sector_lookup(sectors)
    ranked = rank_candidates(school, candidates, sectors)
    keys = [sort_key(school, r.candidate, lookup) for r in ranked]
    assert keys == sorted(keys)
    for before, after in zip(ranked, ranked[1:]):
        b, a = before.candidate, after.candidate
        # Same hub first ...
        assert before.same_area_hub >= after.same_area_hub
        if before.same_area_hub == after.same_area_hub:
            # ... then the better growth sector ...
            b_priority = lookup[b.employer_sic_section].priority if b.employer_sic_section in lookup else NOT_A_PRIORITY
            a_priority = lookup[a.employer_sic_section].priority if a.employer_sic_section in lookup else NOT_A_PRIORITY
            assert b_priority <= a_priority
            if b_priority == a_priority:
                # ... then the lighter load, then the name, then the id.
                assert (b.current_schools, b.name.casefold(), b.adviser_id) < (a.current_schools, a.name.casefold(), a.adviser_id)


@given(schools, candidate_lists(), growth_sector_lists, st.randoms(use_true_random=False))
def test_the_order_does_not_depend_on_the_order_of_the_input(school, candidates, sectors, rnd):
    shuffled = list(candidates)
    rnd.shuffle(shuffled)
    assert rank_candidates(school, candidates, sectors) == rank_candidates(school, shuffled, sectors)


@given(schools, candidate_lists(), growth_sector_lists)
def test_every_explanation_gives_the_three_reasons(school, candidates, sectors):
    for ranked in rank_candidates(school, candidates, sectors):
        hub, sector, load = ranked.reasons
        assert hub.startswith("Same area hub") == ranked.same_area_hub
        assert ("priority growth sector" in sector) and (("not in" in sector) == (ranked.growth_sector is None))
        assert load.startswith(f"supports {ranked.candidate.current_schools} of {ranked.candidate.capacity} school")
        assert ranked.explanation == "; ".join(ranked.reasons)


def test_a_large_random_pool_ranks_quickly_and_consistently():
    rnd = random.Random(2026)
    pool = [
        adviser(i, f"Adviser {rnd.randrange(500)}", hub=rnd.choice([1, 2, 3, None]), sector=rnd.choice("ACFJQ"),
                current=rnd.randrange(3), capacity=rnd.randrange(1, 4), active=rnd.random() > 0.1)
        for i in range(1, 2001)
    ]
    ranked = rank_candidates(NORTH, pool, SECTORS)
    assert ranked == rank_candidates(NORTH, list(reversed(pool)), SECTORS)
    assert all(r.candidate.current_schools < r.candidate.capacity for r in ranked)
