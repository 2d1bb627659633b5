"""The plain-English explanation of each kind of outcome."""
from careershub.allocation.explain import Described, explain, ordinal

OPPORTUNITIES = {1: Described("Engineering week", "Potteries Precision"), 2: Described("Warehouse week", "Kiln Logistics"),
                 3: Described("Design week", "Clay Studio")}
POLICY = ["fewest_experiences", "priority_group"]


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)] == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th",
                                                                   "21st", "22nd"]


def test_got_first_choice():
    text = explain({"student": "yp-1", "placement": "op-1", "choice": 1, "higher_choices": []}, policy_order=POLICY,
                   opportunities=OPPORTUNITIES)
    assert text.got_place and text.headline == "You got your 1st choice: Engineering week at Potteries Precision."
    assert text.reasons == []


def test_full_by_fewest_experiences():
    text = explain({"student": "yp-1", "placement": "op-2", "choice": 2, "higher_choices": [
        {"choice": 1, "placement": "op-1", "outcome": "full", "ranked_by": "policy", "capacity": 4, "position": 6,
         "last_admitted": "yp-9", "last_admitted_position": 4,
         "priority": {"experiences": 2, "priority_group": None, "lottery_draw": 5},
         "last_admitted_priority": {"experiences": 0, "priority_group": None, "lottery_draw": 9}}]},
        policy_order=POLICY, opportunities=OPPORTUNITIES)
    assert text.headline.startswith("You got your 2nd choice: Warehouse week at Kiln Logistics.")
    assert text.reasons == [
        "Your 1st choice, Engineering week at Potteries Precision, had 4 places. It was full: places went first to "
        "young people with fewer experiences of a workplace so far. You had 2; the last person offered a place had 0."]
    assert "yp-9" not in " ".join(text.reasons)


def test_full_by_priority_group_and_by_lottery():
    reason = {"choice": 1, "placement": "op-1", "outcome": "full", "ranked_by": "policy", "capacity": 1, "position": 2,
              "last_admitted": "yp-9", "last_admitted_position": 1,
              "priority": {"experiences": 1, "priority_group": None, "lottery_draw": 5},
              "last_admitted_priority": {"experiences": 1, "priority_group": "looked_after", "lottery_draw": 9}}
    text = explain({"placement": None, "choice": None, "higher_choices": [reason]}, policy_order=POLICY,
                   opportunities=OPPORTUNITIES)
    assert "had 1 place. It was full: places went first to young people the partnership gives priority to" in text.reasons[0]
    assert "looked after" not in text.reasons[0].split("(")[0]
    tied = {**reason, "last_admitted_priority": {"experiences": 1, "priority_group": None, "lottery_draw": 1}}
    text = explain({"placement": None, "choice": None, "higher_choices": [tied]}, policy_order=POLICY,
                   opportunities=OPPORTUNITIES)
    assert "put in order by a random draw, and your draw came after the last person offered a place" in text.reasons[0]
    text = explain({"placement": None, "choice": None, "higher_choices": [tied]}, policy_order=[],
                   opportunities=OPPORTUNITIES)
    assert text.reasons[0].endswith("It was full: places were given by a random draw, and your draw came after the "
                                    "last person offered a place.")


def test_not_ranked_by_host_and_no_places():
    text = explain({"placement": None, "choice": None, "higher_choices": [
        {"choice": 1, "placement": "op-1", "outcome": "not_ranked"},
        {"choice": 2, "placement": "op-3", "outcome": "no_places"}]}, policy_order=POLICY, opportunities=OPPORTUNITIES)
    assert text.headline.startswith("You did not get a place in this round.")
    assert not text.got_place
    assert text.reasons == [
        "Your 1st choice, Engineering week at Potteries Precision, was given by the employer’s own choice: Potteries "
        "Precision ranked the young people who chose it and did not include you among those it would take.",
        "Your 2nd choice, Design week at Clay Studio, had no places left to give in this round.",
    ]


def test_full_by_the_hosts_ranking():
    text = explain({"placement": "op-2", "choice": 2, "higher_choices": [
        {"choice": 1, "placement": "op-1", "outcome": "full", "ranked_by": "placement", "capacity": 2, "position": 5,
         "last_admitted": "yp-3", "last_admitted_position": 2}]}, policy_order=POLICY, opportunities=OPPORTUNITIES)
    assert text.reasons == ["Your 1st choice, Engineering week at Potteries Precision, had 2 places. It was full: "
                            "Potteries Precision ranked the young people who chose it and you were number 5 on its list; "
                            "its last place went to number 2."]
