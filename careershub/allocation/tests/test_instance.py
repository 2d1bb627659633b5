"""Reading and checking instances: every bad instance is refused with a message that names the field."""
import copy
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careershub.allocation import instance as instance_module
from careershub.allocation.engine import allocate
from careershub.allocation.instance import IdIndex, InstanceError, load_instance, parse_instance

from .reference import reference_allocation
from .strategies import instances

GOOD = {
    "students": [
        {"id": "s1", "choices": ["p2", "p1"]},
        {"id": "s2", "choices": ["p1"], "experiences": 2, "priority_group": "risk_of_neet"},
        {"id": "s3", "choices": [], "disadvantaged": True},
    ],
    "placements": [
        {"id": "p1", "capacity": 1, "ranking": ["s2", "s1"]},
        {"id": "p2", "capacity": 0},
    ],
}


def refused(data) -> str:
    with pytest.raises(InstanceError) as error:
        parse_instance(data)
    return str(error.value)


def changed(change) -> dict:
    data = copy.deepcopy(GOOD)
    change(data)
    return data


def test_a_good_instance_is_indexed_in_file_order():
    problem = parse_instance(copy.deepcopy(GOOD))
    assert problem.student_ids == ["s1", "s2", "s3"]
    assert problem.placement_ids == ["p1", "p2"]
    assert problem.choices.tolist() == [[1, 0], [0, -1], [-1, -1]]
    assert problem.capacities.tolist() == [1, 0]
    assert problem.has_ranking.tolist() == [True, False]
    assert problem.ranking_of(0).tolist() == [1, 0]
    assert problem.ranking_of(1).tolist() == []
    assert problem.experiences.tolist() == [0, 2, 0]
    assert problem.priority_groups == [None, "risk_of_neet", "disadvantaged"]


def test_an_empty_instance_is_fine():
    result = allocate(parse_instance({"students": [], "placements": []}))
    assert result.assignments() == {}
    assert result.summary()["students"] == 0


@pytest.mark.parametrize(("text", "message"), [
    ('{"students": [', "not valid JSON: Expecting value at line 1, column 15"),
    ('{"students": []\n "placements": []}', "not valid JSON: Expecting ',' delimiter at line 2, column 2"),
    ("", "not valid JSON: Expecting value at line 1, column 1"),
    (b'{"students": ["\xff"]}', "not UTF-8 text"),
])
def test_malformed_json_is_refused_with_its_line_and_column(text, message):
    with pytest.raises(InstanceError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        load_instance(text)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d.__setitem__("students", {}), '"students" must be a list, got an object'),
    (lambda d: d.pop("placements"), 'missing "placements": the instance needs a list of placements'),
    (lambda d: d.__setitem__("extra", 1), 'unknown field "extra" at the top level'),
    # students
    (lambda d: d["students"].append("s4"), "students[3]: each student must be an object, got a string"),
    (lambda d: d["students"][1].pop("id"), 'students[1]: missing "id"'),
    (lambda d: d["students"][1].__setitem__("id", 2), "students[1].id: must be a string, got a number"),
    (lambda d: d["students"][2].__setitem__("id", "s1"), 'students[2] ("s1").id: duplicate student id "s1" '
                                                         "(also students[0])"),
    (lambda d: d["students"][0].pop("choices"), 'students[0] ("s1"): missing "choices"'),
    (lambda d: d["students"][0].__setitem__("choices", "p1"), 'students[0] ("s1").choices: must be a list of '
                                                             "placement ids, got a string"),
    (lambda d: d["students"][0]["choices"].append("p9"), 'students[0] ("s1").choices[2]: unknown placement id "p9"'),
    (lambda d: d["students"][0]["choices"].append("p2"), 'students[0] ("s1").choices[2]: placement "p2" is '
                                                         "chosen twice (also choices[0])"),
    (lambda d: d["students"][0]["choices"].append(7), 'students[0] ("s1").choices[2]: must be a placement id '
                                                      "(a string), got 7"),
    (lambda d: d["students"][0]["choices"].append(["p1"]), 'students[0] ("s1").choices[2]: must be a placement '
                                                           "id (a string), got a list"),
    (lambda d: d["students"][0]["choices"].append(None), 'students[0] ("s1").choices[2]: must be a placement '
                                                         "id (a string), got null"),
    (lambda d: d["students"][1].__setitem__("experiences", -1), 'students[1] ("s2").experiences: must be a whole '
                                                                "number of 0 or more, got -1"),
    (lambda d: d["students"][1].__setitem__("experiences", 1.5), 'students[1] ("s2").experiences: must be a '
                                                                 "whole number of 0 or more, got 1.5"),
    (lambda d: d["students"][1].__setitem__("experiences", True), 'students[1] ("s2").experiences: must be a '
                                                                  "whole number of 0 or more, got true"),
    (lambda d: d["students"][1].__setitem__("priority_group", 3), 'students[1] ("s2").priority_group: must be a '
                                                                  "string or null, got 3"),
    (lambda d: d["students"][2].__setitem__("disadvantaged", "yes"), 'students[2] ("s3").disadvantaged: must be '
                                                                     'true or false, got "yes"'),
    (lambda d: d["students"][2].__setitem__("choise", []), 'students[2] ("s3"): unknown field "choise"'),
    # placements
    (lambda d: d["placements"].append(None), "placements[2]: each placement must be an object, got null"),
    (lambda d: d["placements"][1].pop("id"), 'placements[1]: missing "id"'),
    (lambda d: d["placements"][1].__setitem__("id", "p1"), 'placements[1] ("p1").id: duplicate placement id "p1" '
                                                           "(also placements[0])"),
    (lambda d: d["placements"][1].__setitem__("id", None), "placements[1].id: must be a string, got null"),
    (lambda d: d["placements"][0].pop("capacity"), 'placements[0] ("p1"): missing "capacity"'),
    (lambda d: d["placements"][0].__setitem__("capacity", -1), 'placements[0] ("p1").capacity: must not be '
                                                               "negative, got -1"),
    (lambda d: d["placements"][0].__setitem__("capacity", 2.5), 'placements[0] ("p1").capacity: must be a whole '
                                                                "number, got 2.5"),
    (lambda d: d["placements"][0].__setitem__("capacity", "2"), 'placements[0] ("p1").capacity: must be a whole '
                                                                'number, got "2"'),
    (lambda d: d["placements"][0].__setitem__("capacity", False), 'placements[0] ("p1").capacity: must be a '
                                                                  "whole number, got false"),
    (lambda d: d["placements"][0].__setitem__("capacity", 2**70), 'placements[0] ("p1").capacity: too large'),
    (lambda d: d["placements"][0].__setitem__("rank", []), 'placements[0] ("p1"): unknown field "rank"'),
    (lambda d: d["placements"][0]["ranking"].append("s9"), 'placements[0] ("p1").ranking[2]: unknown student id '
                                                           '"s9"'),
    (lambda d: d["placements"][0]["ranking"].append("s2"), 'placements[0] ("p1").ranking[2]: student "s2" is '
                                                           "ranked twice (also ranking[0])"),
    (lambda d: d["placements"][0]["ranking"].append(1), 'placements[0] ("p1").ranking[2]: must be a student id '
                                                        "(a string), got 1"),
    (lambda d: d["placements"][0].__setitem__("ranking", "s1"), 'placements[0] ("p1").ranking: must be a list '
                                                                "of student ids"),
    # policy
    (lambda d: d.__setitem__("policy", []), "policy: must be an object, got a list"),
    (lambda d: d.__setitem__("policy", {"seed": "7"}), 'policy.seed: must be a whole number, got "7"'),
    (lambda d: d.__setitem__("policy", {"order": ["lottery", "priority_group"]}),
     "policy.order[0]: the lottery can only come last"),
    (lambda d: d.__setitem__("policy", {"order": ["fewest_placements"]}),
     'policy.order[0]: unknown criterion "fewest_placements"'),
    (lambda d: d.__setitem__("policy", {"order": ["priority_group", "priority_group"]}),
     'policy.order[1]: "priority_group" is listed twice'),
    (lambda d: d.__setitem__("policy", {"priority_groups": ["a", "a"]}),
     'policy.priority_groups[1]: "a" is listed twice'),
    (lambda d: d.__setitem__("policy", {"priority_groups": "a"}),
     "policy.priority_groups: must be a list of group names, got a string"),
    (lambda d: d.__setitem__("policy", {"sede": 1}), 'policy: unknown field "sede"'),
])
def test_a_bad_instance_is_refused_naming_the_field(change, message):
    assert refused(changed(change)).startswith(message)


def test_the_top_level_must_be_an_object():
    assert refused([]).startswith('the instance must be a JSON object with "students" and "placements", got a list')


def test_a_policy_may_name_the_lottery_last_and_null_means_no_ranking():
    data = changed(lambda d: d.update(policy={"order": ["priority_group", "lottery"], "seed": 4}))
    data["placements"][0]["ranking"] = None
    problem = parse_instance(data)
    assert problem.policy.order == ("priority_group",)
    assert problem.policy.seed == 4
    assert problem.has_ranking.tolist() == [False, False]


@settings(max_examples=300, deadline=None)
@given(instances(max_students=6, max_placements=3), st.data())
def test_the_quick_checks_and_the_walk_agree_on_damaged_instances(data, draw):
    """Damage one value anywhere in a valid instance: either it is still valid (and allocates as the
    reference says) or it is refused with a message, never an internal error."""
    damaged = copy.deepcopy(data)
    paths = list(_paths(damaged))
    container, key = draw.draw(st.sampled_from(paths))
    container[key] = draw.draw(st.sampled_from([None, -1, 0, 2.5, True, "s0", "p0", "zz", [], {}, ["p0"]]))
    try:
        problem = parse_instance(copy.deepcopy(damaged))
    except InstanceError as error:
        assert str(error)
        return
    assert allocate(problem).assignments() == reference_allocation(damaged)


def _paths(value):
    if isinstance(value, dict):
        for key, item in value.items():
            yield value, key
            yield from _paths(item)
    elif isinstance(value, list):
        for key, item in enumerate(value):
            yield value, key
            yield from _paths(item)


def test_ids_are_found_through_their_hashes():
    ids = [f"student-{n}" for n in range(5000)]
    index = IdIndex(ids)
    wanted = ids[::-7] + ids[:3]
    assert index.find(iter(wanted), len(wanted)).tolist() == [ids.index(i) for i in wanted]
    with pytest.raises(instance_module._Problem):
        index.find(iter(["student-1", "nobody"]), 2)
    assert index.knows("student-9") and not index.knows("nobody") and not index.knows(["unhashable"])


def test_long_probe_runs_still_find_every_id(monkeypatch):
    # Hashes whose low bits are all equal send every id to the same first slot.
    monkeypatch.setattr(instance_module, "_string_hash", lambda text: (hash(text) >> 24) << 16)
    ids = [f"s{n}" for n in range(300)]
    index = IdIndex(ids)
    assert index.find(iter(reversed(ids)), len(ids)).tolist() == list(range(299, -1, -1))
    with pytest.raises(instance_module._Problem):
        index.find(iter(["s1", "s300"]), 2)


def test_two_ids_with_the_same_hash_fall_back_to_a_dict(monkeypatch):
    monkeypatch.setattr(instance_module, "_string_hash", len)
    data = copy.deepcopy(GOOD)
    problem = parse_instance(data)
    assert problem.choices.tolist() == [[1, 0], [0, -1], [-1, -1]]
    assert allocate(problem).assignments() == reference_allocation(GOOD)
    data["students"][1]["choices"] = ["p3"]
    assert refused(data).startswith('students[1] ("s2").choices[0]: unknown placement id "p3"')
    assert refused(changed(lambda d: d["students"][2].__setitem__("id", "s1"))).startswith(
        'students[2] ("s1").id: duplicate student id "s1"')


def test_large_positions_and_many_placements_use_wide_integers():
    students = [{"id": f"s{n}", "choices": [f"p{n % 3}"]} for n in range(3000)]
    placements = [{"id": f"p{n}", "capacity": 1000, "ranking": [f"s{k}" for k in range(2999, -1, -1)]}
                  for n in range(3)]
    result = allocate(parse_instance({"students": students, "placements": placements}))
    assert int(np.count_nonzero(result.placement_of >= 0)) == 3000
    assert json.loads(json.dumps(result.summary()))["matched"] == 3000
