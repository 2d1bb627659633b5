"""Why a young person got what they got, in plain English, from the engine's stored explanation.

The engine says, for each choice ranked above the place the young person got, whether it had no
places, whether its host's own ranking left them out, or whether it filled with young people ranked
higher (and, where the partnership's priority policy did the ranking, what the policy knew about the
young person and about the last person offered a place). These sentences never name anyone else,
nor say anything about them beyond what the policy compared (a number of experiences).
"""
from dataclasses import dataclass, field

from .build import DISADVANTAGED, LOOKED_AFTER, pk_of

FEWEST_EXPERIENCES = "fewest_experiences"
PRIORITY_GROUP = "priority_group"
GROUP_RANK = {LOOKED_AFTER: 0, DISADVANTAGED: 1}
GROUPS_SENTENCE = ("young people the partnership gives priority to (looked-after young people first, then those "
                   "eligible for the pupil premium or free school meals)")


@dataclass(frozen=True)
class Described:
    """An opportunity as the sentences name it."""

    title: str
    host: str


@dataclass
class Explanation:
    headline: str
    reasons: list[str] = field(default_factory=list)
    got_place: bool = False
    choice: int | None = None


def ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _places(count: int) -> str:
    return "1 place" if count == 1 else f"{count} places"


def _experiences(count: int) -> str:
    return "1" if count == 1 else str(count)


def _name(described: Described | None) -> str:
    if described is None:
        return "an opportunity no longer listed"
    return f"{described.title} at {described.host}"


def _policy_reason(reason: dict, policy_order: list[str]) -> str:
    """Why a full opportunity ranked by the priority policy had no room: the first criterion on which
    the young person and the last person offered a place differ, or else the lottery."""
    mine = reason.get("priority") or {}
    theirs = reason.get("last_admitted_priority") or {}
    level_on = []
    for criterion in policy_order:
        if criterion == FEWEST_EXPERIENCES:
            own, last = mine.get("experiences", 0), theirs.get("experiences", 0)
            if own != last:
                return ("It was full: places went first to young people with fewer experiences of a workplace "
                        f"so far. You had {_experiences(own)}; the last person offered a place had {_experiences(last)}.")
            level_on.append(f"experiences of a workplace so far (you both had {_experiences(own)})")
        elif criterion == PRIORITY_GROUP:
            own = GROUP_RANK.get(mine.get("priority_group"), len(GROUP_RANK))
            last = GROUP_RANK.get(theirs.get("priority_group"), len(GROUP_RANK))
            if own != last:
                return f"It was full: places went first to {GROUPS_SENTENCE}, and the places ran out before your turn."
            level_on.append("the partnership's priority groups")
    if level_on:
        return (f"It was full. Young people level with you on {' and on '.join(level_on)} were put in order by "
                "a random draw, and your draw came after the last person offered a place.")
    return "It was full: places were given by a random draw, and your draw came after the last person offered a place."


def reason_sentence(reason: dict, *, policy_order: list[str], opportunities: dict[int, Described]) -> str:
    described = opportunities.get(pk_of(reason.get("placement")))
    choice = f"Your {ordinal(reason['choice'])} choice, {_name(described)}"
    host = described.host if described else "The host"
    outcome = reason.get("outcome")
    if outcome == "no_places":
        return f"{choice}, had no places left to give in this round."
    if outcome == "not_ranked":
        return (f"{choice}, was given by the employer’s own choice: {host} ranked the young people who chose it "
                "and did not include you among those it would take.")
    capacity = reason.get("capacity", 0)
    if reason.get("ranked_by") == "placement":
        return (f"{choice}, had {_places(capacity)}. It was full: {host} ranked the young people who chose it and "
                f"you were number {reason['position']} on its list; its last place went to number "
                f"{reason['last_admitted_position']}.")
    return f"{choice}, had {_places(capacity)}. {_policy_reason(reason, policy_order)}"


def explain(explanation: dict, *, policy_order: list[str], opportunities: dict[int, Described]) -> Explanation:
    """The headline and one sentence per higher choice, from an outcome's stored explanation."""
    choice = explanation.get("choice")
    reasons = [reason_sentence(reason, policy_order=policy_order, opportunities=opportunities)
               for reason in explanation.get("higher_choices", [])]
    got = opportunities.get(pk_of(explanation.get("placement")))
    if choice == 1:
        return Explanation(headline=f"You got your 1st choice: {_name(got)}.", reasons=reasons, got_place=True,
                           choice=1)
    if choice:
        return Explanation(
            headline=f"You got your {ordinal(choice)} choice: {_name(got)}. Here is why you did not get the "
                     f"{'choice' if choice == 2 else 'choices'} you ranked higher.",
            reasons=reasons, got_place=True, choice=choice,
        )
    return Explanation(
        headline="You did not get a place in this round. None of your choices could take you: here is why, "
                 "for each of them.",
        reasons=reasons,
    )
