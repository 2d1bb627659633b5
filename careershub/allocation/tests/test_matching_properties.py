"""The engine returns the student-optimal stable matching.

Checked three ways: against every matching of small instances (brute force), against a plain
second implementation on larger random ones, and by the properties any stable matching has.
"""
import copy
import random
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from careershub.allocation.engine import allocate
from careershub.allocation.instance import parse_instance

from .reference import acceptable, blocking_pairs, preferences, reference_allocation
from .strategies import instances


def run(data: dict):
    return allocate(parse_instance(copy.deepcopy(data)))


def all_stable_matchings(data: dict) -> list[dict]:
    """Every stable matching, by trying every way of giving each student one acceptable choice or none."""
    ranks = preferences(data)
    capacity = {p["id"]: p["capacity"] for p in data["placements"]}
    student_ids = [s["id"] for s in data["students"]]
    options = [
        [None, *(p for p in s["choices"] if acceptable(data, ranks, p, s["id"]))] for s in data["students"]
    ]
    stable = []
    for picks in product(*options):
        taken = [p for p in picks if p is not None]
        if any(taken.count(p) > capacity[p] for p in set(taken)):
            continue
        assignment = dict(zip(student_ids, picks))
        if not blocking_pairs(data, assignment):
            stable.append(assignment)
    return stable


def weakly_prefers(student: dict, mine, other) -> bool:
    """Does the student like ``mine`` at least as much as ``other``? (None is worst.)"""
    if other is None:
        return True
    if mine is None:
        return False
    return student["choices"].index(mine) <= student["choices"].index(other)


@settings(max_examples=300, deadline=None)
@given(instances(max_students=5, max_placements=3, max_choices=3, max_capacity=2))
def test_brute_force_finds_it_stable_and_best_for_every_student(data):
    ours = run(data).assignments()
    stable = all_stable_matchings(data)
    assert ours in stable
    for other in stable:
        for student in data["students"]:
            assert weakly_prefers(student, ours[student["id"]], other[student["id"]])


@settings(max_examples=300, deadline=None)
@given(instances(max_students=60, max_placements=12, max_choices=5, max_capacity=4))
def test_same_as_the_reference_implementation(data):
    assert run(data).assignments() == reference_allocation(data)


@settings(max_examples=200, deadline=None)
@given(instances(max_students=40, max_placements=8, max_choices=5, max_capacity=4))
def test_stable_within_capacity_and_individually_rational(data):
    allocation = run(data)
    assignment = allocation.assignments()
    assert blocking_pairs(data, assignment) == []
    ranks = preferences(data)
    for placement in data["placements"]:
        members = [s for s, got in assignment.items() if got == placement["id"]]
        assert len(members) <= placement["capacity"]
        assert all(acceptable(data, ranks, placement["id"], s) for s in members)
    for n, student in enumerate(data["students"]):
        got = assignment[student["id"]]
        assert got is None or got in student["choices"]
        assert allocation.choice_number[n] == (0 if got is None else student["choices"].index(got) + 1)


@settings(max_examples=150, deadline=None)
@given(instances(max_students=30, max_placements=6), st.randoms(use_true_random=False))
def test_the_order_of_the_file_does_not_matter(data, rng):
    shuffled = copy.deepcopy(data)
    rng.shuffle(shuffled["students"])
    rng.shuffle(shuffled["placements"])
    assert run(shuffled).assignments() == run(data).assignments()


@settings(max_examples=150, deadline=None)
@given(instances(max_students=30, max_placements=6))
def test_the_same_seed_gives_the_same_result(data):
    first, second = run(data), run(data)
    assert first.assignments() == second.assignments()
    assert first.summary() == second.summary()


def test_the_seed_decides_lottery_ties():
    students = [{"id": f"s{n}", "choices": ["p"]} for n in range(40)]
    outcomes = set()
    for seed in range(6):
        data = {"students": students, "placements": [{"id": "p", "capacity": 1}], "policy": {"seed": seed}}
        winner = [s for s, got in run(data).assignments().items() if got == "p"]
        assert len(winner) == 1
        assert run(data).assignments() == run(data).assignments()
        outcomes.add(winner[0])
    assert len(outcomes) > 1


@settings(max_examples=200, deadline=None)
@given(instances(max_students=30, max_placements=6))
def test_every_explanation_agrees_with_the_outcome(data):
    allocation = run(data)
    assignment = allocation.assignments()
    ranks = preferences(data)
    capacity = {p["id"]: p["capacity"] for p in data["placements"]}
    for student in data["students"]:
        why = allocation.explain(student["id"])
        got = assignment[student["id"]]
        assert why["placement"] == got
        higher = student["choices"] if got is None else student["choices"][:student["choices"].index(got)]
        assert [reason["placement"] for reason in why["higher_choices"]] == higher
        for reason in why["higher_choices"]:
            placement = reason["placement"]
            if reason["outcome"] == "no_places":
                assert capacity[placement] == 0
            elif reason["outcome"] == "not_ranked":
                assert capacity[placement] > 0 and (placement, student["id"]) not in ranks
            else:
                assert reason["outcome"] == "full"
                members = [s for s, p in assignment.items() if p == placement]
                assert len(members) == capacity[placement] == reason["capacity"]
                assert reason["last_admitted"] in members
                assert reason["last_admitted_position"] < reason["position"]
                lowest = max(members, key=lambda s: ranks[placement, s])
                assert reason["last_admitted"] == lowest
                assert ranks[placement, lowest] < ranks[placement, student["id"]]


def test_a_larger_random_instance_matches_the_reference():
    rng = random.Random(7)
    student_ids = [f"s{n}" for n in range(1500)]
    placement_ids = [f"p{n}" for n in range(250)]
    students = [{"id": s, "choices": rng.sample(placement_ids, 5), "experiences": rng.randint(0, 3)}
                for s in student_ids]
    placements = []
    for n, placement_id in enumerate(placement_ids):
        placement = {"id": placement_id, "capacity": rng.randint(0, 8)}
        if n % 3:
            applicants = [s["id"] for s in students if placement_id in s["choices"]]
            rng.shuffle(applicants)
            placement["ranking"] = applicants[: len(applicants) * 4 // 5] + rng.sample(student_ids, 3)
            placement["ranking"] = list(dict.fromkeys(placement["ranking"]))
        placements.append(placement)
    data = {"students": students, "placements": placements, "policy": {"seed": 3}}
    assert run(data).assignments() == reference_allocation(data)
