"""The allocation engine: the student-optimal stable matching, and why each student got what they got.

Students propose to their choices in order; a placement holds on to the best applicants it has had
so far, as many as its capacity, and turns away the rest, who then propose to their next choice
(deferred acceptance, in the hospitals–residents form with capacities). The result is stable (no
student and placement would both rather have each other than what they got) and, among all stable
matchings, the best for every student at once. It does not depend on the order in which students
propose, nor on the order of the file.

A placement with a ranking of its own accepts only the students it lists, best first. A placement
without one accepts every applicant, in the order of the instance's priority policy (see
``policy``). A placement with no places accepts no one.

Plain data in, plain data out: no Django here. ``allocate`` takes an ``instance.Instance`` and
returns an ``Allocation``, which gives the assignments, the summary statistics and, for any
student, the explanation of their outcome.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .instance import Instance, cyclic_gc_paused
from .policy import priority_of, priority_positions


@dataclass(eq=False)
class Allocation:
    """The outcome of one allocation run over an instance."""

    instance: Instance
    # Per student: index of the placement they got, or -1; and which choice that was (1 = first), or 0.
    placement_of: np.ndarray
    choice_number: np.ndarray
    # Per student and choice: the student's position in that placement's ranking (0 = top), -1 where
    # the placement does not accept them. Rankings made by the policy count only the applicants.
    choice_positions: np.ndarray
    # Every placement's ranking, the ones made by the policy included, concatenated (as in Instance).
    ranking_starts: np.ndarray
    ranked_students: np.ndarray
    # Per placement: the ranking position of the lowest-ranked student it accepted, or -1 if none.
    last_admitted: np.ndarray
    admitted: np.ndarray

    def assignments(self) -> dict[str, str | None]:
        """Student id to placement id (None for those without a placement), in file order."""
        placement_ids = [*self.instance.placement_ids, None]  # index -1 is "no placement"
        return dict(zip(self.instance.student_ids, map(placement_ids.__getitem__, self.placement_of.tolist())))

    @cached_property
    def _summary(self) -> dict:
        return self._count_outcomes()

    def summary(self) -> dict:
        """Counts for the whole run and for each priority group ("none" for students in no group)."""
        return copy.deepcopy(self._summary)

    def _count_outcomes(self) -> dict:
        summary = _counts(self.placement_of, self.choice_number)
        summary["by_choice"] = {
            str(number): int(count)
            for number, count in enumerate(np.bincount(self.choice_number, minlength=2)[1:], start=1)
        }
        groups = self.instance.priority_groups
        labels = sorted(set(groups) - {None})
        code_of = {group: n for n, group in enumerate(labels)}
        none = code_of[None] = len(labels)
        codes = np.fromiter(map(code_of.__getitem__, groups), dtype=np.int64, count=len(groups))
        by_group = {}
        for code, label in [*enumerate(labels), (none, "none")]:
            members = codes == code
            if members.any():
                by_group[label] = _counts(self.placement_of[members], self.choice_number[members])
        summary["by_priority_group"] = by_group
        return summary

    def explain(self, student: int | str) -> dict:
        """Why a student got what they got.

        For each choice they ranked above the placement they got (all of them, if they got none):
        ``not_ranked`` when the placement's own ranking did not list them, ``no_places`` when it had
        a capacity of 0, or ``full`` when it filled with students it ranked higher. For ``full``,
        the student's position in that placement's ranking and the last (lowest-ranked) student it
        accepted, with their position; where the priority policy made the ranking, what the policy
        knew about both. Positions count from 1.
        """
        instance = self.instance
        if isinstance(student, str):
            student = instance.student_index(student)
        got = int(self.placement_of[student])
        choice = int(self.choice_number[student])
        higher = []
        for k, placement in enumerate(instance.choices[student].tolist()):
            if placement < 0 or placement == got:
                break
            higher.append(self._why_not(student, k, placement))
        return {
            "student": instance.student_ids[student],
            "placement": instance.placement_ids[got] if got >= 0 else None,
            "choice": choice or None,
            "higher_choices": higher,
        }

    def _why_not(self, student: int, k: int, placement: int) -> dict:
        instance = self.instance
        reason = {"choice": k + 1, "placement": instance.placement_ids[placement]}
        capacity = int(instance.capacities[placement])
        position = int(self.choice_positions[student, k])
        by_policy = not bool(instance.has_ranking[placement])
        if capacity == 0:
            return {**reason, "outcome": "no_places"}
        if position < 0:
            return {**reason, "outcome": "not_ranked"}
        last = int(self.last_admitted[placement])
        assert int(self.admitted[placement]) == capacity and last < position, "unstable: a higher choice had room"
        last_student = int(self.ranked_students[self.ranking_starts[placement] + last])
        reason.update(
            outcome="full",
            ranked_by="policy" if by_policy else "placement",
            capacity=capacity,
            position=position + 1,
            last_admitted=instance.student_ids[last_student],
            last_admitted_position=last + 1,
        )
        if by_policy:
            reason["priority"] = priority_of(instance, student)
            reason["last_admitted_priority"] = priority_of(instance, last_student)
        return reason


def _counts(placement_of: np.ndarray, choice_number: np.ndarray) -> dict:
    students = len(placement_of)
    matched = int(np.count_nonzero(placement_of >= 0))
    first = int(np.count_nonzero(choice_number == 1))
    return {
        "students": students,
        "matched": matched,
        "unmatched": students - matched,
        "first_choice": first,
        "first_choice_share": round(first / students, 4) if students else 0.0,
    }


def allocate(instance: Instance) -> Allocation:
    """The student-optimal stable matching of ``instance``."""
    with cyclic_gc_paused():
        ranking_starts, ranked_students, positions = complete_rankings(instance)
        placement_of, choice_number, seat_keys = deferred_acceptance(instance.choices, positions,
                                                                      instance.capacities)
        admitted, last_admitted = _seat_counts(seat_keys, instance.placement_count)
        return Allocation(
            instance=instance,
            placement_of=placement_of,
            choice_number=choice_number,
            choice_positions=positions,
            ranking_starts=ranking_starts,
            ranked_students=ranked_students,
            last_admitted=last_admitted,
            admitted=admitted,
        )


def complete_rankings(instance: Instance) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every placement's ranking: its own, or its applicants in the order of the priority policy.

    Returns the rankings concatenated, where each starts, and each student's position in the
    ranking of each of their choices (-1 where not ranked), as ``Instance`` has them for the
    placements' own rankings.
    """
    by_policy = ~instance.has_ranking
    if not by_policy.any():
        return instance.ranking_starts, instance.ranked_students, instance.ranked_positions
    choices = instance.choices
    applied = choices >= 0
    applied[applied] = by_policy[choices[applied]]
    applicants, columns = np.nonzero(applied)
    places = choices[applied]
    order = np.lexsort((priority_positions(instance)[applicants], places))
    applicants, columns, places = applicants[order], columns[order], places[order]
    position_at_place = (np.arange(len(places)) - np.searchsorted(places, places, side="left")).astype(np.int32)
    positions = instance.ranked_positions.copy()
    positions[applicants, columns] = position_at_place

    own_lengths = np.diff(instance.ranking_starts)
    lengths = np.where(instance.has_ranking, own_lengths, np.bincount(places, minlength=instance.placement_count))
    starts = np.zeros(instance.placement_count + 1, dtype=np.int64)
    np.cumsum(lengths, out=starts[1:])
    ranked = np.empty(int(starts[-1]), dtype=np.int32)
    # Each placement's own ranking moves to its new start; the policy's rankings fill the gaps.
    own_places = np.repeat(np.arange(instance.placement_count), own_lengths)
    ranked[np.arange(len(own_places)) - instance.ranking_starts[own_places] + starts[own_places]] = (
        instance.ranked_students)
    ranked[starts[places] + position_at_place] = applicants
    return starts, ranked, positions


# Keys order a placement's applicants: (placement << 32) | position in its ranking. Sorting keys
# groups applicants by placement, best first. A placement's places are a run of keys in seat_keys,
# best first; an empty place has the largest key of its placement.
_POSITION_BITS = 32
_EMPTY = (1 << _POSITION_BITS) - 1
_END = -2
_NOT_ACCEPTED = -1


def deferred_acceptance(choices: np.ndarray, positions: np.ndarray,
                        capacities: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Student-proposing deferred acceptance, in rounds over numpy arrays.

    In each round every student without a place proposes to their next choice; each placement
    keeps the best of those it already holds and its new applicants, up to its capacity, and the
    others propose again in the next round. (The order of proposals does not change the outcome:
    the student-optimal stable matching is unique.) A proposal ranked below the last place of a full
    placement is turned away at once, without touching the places.

    ``positions`` is each student's position in the ranking of each choice (-1 where not ranked);
    ``choices`` is -1 after each student's last choice. Returns, per student, the placement held
    (-1 for none) and which choice it was (1 = first, 0 for none), and the final ``seat_keys``.
    """
    student_count, width = choices.shape
    placement_count = len(capacities)
    places = np.maximum(choices, 0).astype(np.int64)
    acceptable = (positions >= 0) & (choices >= 0) & (capacities[places] > 0)
    # Every student's choices as keys, one row each, with a final column marking the end.
    slot_keys = np.full((student_count, width + 1), _END, dtype=np.int64)
    slot_keys[:, :width] = np.where(acceptable, (places << _POSITION_BITS) | positions, _NOT_ACCEPTED)
    slot_keys[:, :width][choices < 0] = _END
    slot_keys = slot_keys.ravel()
    del places

    # No placement can hold more students than it has acceptable applicants.
    seats = np.minimum(capacities, np.bincount(choices[acceptable], minlength=placement_count))
    seat_starts = np.zeros(placement_count + 1, dtype=np.int64)
    np.cumsum(seats, out=seat_starts[1:])
    seat_keys = (np.repeat(np.arange(placement_count, dtype=np.int64), seats) << _POSITION_BITS) | _EMPTY
    seat_students = np.full(len(seat_keys), -1, dtype=np.int64)
    held = np.zeros(placement_count, dtype=np.int64)  # students held, in the first places of the run

    next_slot = np.arange(student_count, dtype=np.int64) * (width + 1)
    proposers = np.arange(student_count, dtype=np.int64)
    while len(proposers):
        slots = next_slot[proposers]
        keys = slot_keys[slots]
        going_on = keys != _END
        proposers, slots, keys = proposers[going_on], slots[going_on], keys[going_on]
        next_slot[proposers] = slots + 1
        accepted = keys >= 0
        not_accepted = proposers[~accepted]
        proposers, keys = proposers[accepted], keys[accepted]
        # Compare with the last place of each placement: an empty place, or the lowest-ranked held.
        applied_to = keys >> _POSITION_BITS
        better = keys < seat_keys[seat_starts[applied_to + 1] - 1]
        turned_away = np.concatenate([not_accepted, proposers[~better]])
        proposers, keys, applied_to = proposers[better], keys[better], applied_to[better]
        if not len(proposers):
            proposers = turned_away
            continue
        # Merge the new applicants with those held by the placements they applied to, best first.
        new_counts = np.bincount(applied_to, minlength=placement_count)
        placements = np.flatnonzero(new_counts)
        new_counts = new_counts[placements]
        held_counts = held[placements]
        held_slots = (np.repeat(seat_starts[placements] - (np.cumsum(held_counts) - held_counts), held_counts)
                      + np.arange(int(held_counts.sum())))
        merged_keys = np.concatenate([seat_keys[held_slots], keys])
        merged_students = np.concatenate([seat_students[held_slots], proposers])
        order = np.argsort(merged_keys)
        merged_keys, merged_students = merged_keys[order], merged_students[order]
        # Keep the first places-many of each placement's group, in its first places.
        group_sizes = held_counts + new_counts
        rank_in_group = np.arange(len(merged_keys)) - np.repeat(np.cumsum(group_sizes) - group_sizes, group_sizes)
        kept = rank_in_group < np.repeat(seats[placements], group_sizes)
        destination = np.repeat(seat_starts[placements], group_sizes)[kept] + rank_in_group[kept]
        seat_keys[destination] = merged_keys[kept]
        seat_students[destination] = merged_students[kept]
        held[placements] = np.minimum(seats[placements], group_sizes)
        proposers = np.concatenate([turned_away, merged_students[~kept]])

    placement_of = np.full(student_count, -1, dtype=np.int32)
    choice_number = np.zeros(student_count, dtype=np.int64)
    holding = seat_students >= 0
    students = seat_students[holding]
    placement_of[students] = seat_keys[holding] >> _POSITION_BITS
    choice_number[students] = next_slot[students] - students * (width + 1)
    return placement_of, choice_number, seat_keys


def _seat_counts(seat_keys: np.ndarray, placement_count: int) -> tuple[np.ndarray, np.ndarray]:
    """Per placement: how many students it holds, and the position of the lowest-ranked (-1 if none)."""
    positions = seat_keys & _EMPTY
    held = np.flatnonzero(positions != _EMPTY)
    placements = seat_keys[held] >> _POSITION_BITS
    admitted = np.bincount(placements, minlength=placement_count)
    # A placement's places are sorted, best first: its lowest-ranked is the last of its run.
    last_of_run = np.append(placements[1:] != placements[:-1], True) if len(held) else np.zeros(0, dtype=bool)
    last_admitted = np.full(placement_count, -1, dtype=np.int64)
    last_admitted[placements[last_of_run]] = positions[held[last_of_run]]
    return admitted, last_admitted


def result_json(allocation: Allocation) -> str:
    """The result document: {"assignments": {student id: placement id or null}, "summary": {...}}.

    Written out piece by piece rather than through a dict of every assignment: at a national year
    group that dict alone takes longer to build than the allocation takes to compute.
    """
    encode = json.encoder.encode_basestring_ascii
    placement_names = [*map(encode, allocation.instance.placement_ids), "null"]  # index -1: no placement
    pairs = map("{}: {}".format, map(encode, allocation.instance.student_ids),
                map(placement_names.__getitem__, allocation.placement_of.tolist()))
    return '{"assignments": {' + ", ".join(pairs) + '}, "summary": ' + json.dumps(allocation.summary()) + "}"
