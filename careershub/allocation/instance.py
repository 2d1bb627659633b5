"""Reading and checking an allocation instance: JSON-shaped data in, integer arrays out.

The format is documented in docs/allocation.md. In short:

    {"students":   [{"id": "s1", "choices": ["p3", "p1"]}, ...],
     "placements": [{"id": "p1", "capacity": 2, "ranking": ["s4", "s1"]}, ...],
     "policy":     {"order": ["fewest_experiences", "priority_group"], "seed": 7}}   (optional)

Students may also carry "experiences" (how many encounters or placements they have had so far),
"priority_group" (a label such as "risk_of_neet") and "disadvantaged" (true or false); only the
priority policy reads them, for placements without a "ranking" of their own.

Every string id becomes an integer index as it is read: students and placements are numbered in
file order. A national year group is 650,000 students with five choices each, so about 6.5 million
ids are looked up; checking them one by one in Python would take seconds, so the checks run in
bulk (C-level map, set and dict operations, numpy) and only when one of them fails does a slower
walk over the data find the first problem and name it, with its index, id and field.
"""
from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain, islice, repeat
from operator import is_not, itemgetter

import numpy as np

STUDENT_FIELDS = frozenset({"id", "choices", "experiences", "priority_group", "disadvantaged"})
PLACEMENT_FIELDS = frozenset({"id", "capacity", "ranking"})
INSTANCE_FIELDS = frozenset({"students", "placements", "policy"})
POLICY_FIELDS = frozenset({"order", "priority_groups", "seed"})

# The criteria a priority policy may list, applied in the order given; the lottery always comes last.
CRITERIA = ("fewest_experiences", "priority_group")
LOTTERY = "lottery"
DEFAULT_ORDER = ("fewest_experiences", "priority_group")
# The group of a student marked "disadvantaged": true who has no "priority_group" of their own.
DISADVANTAGED_GROUP = "disadvantaged"


class InstanceError(ValueError):
    """The instance cannot be allocated; the message names the offending field."""


@dataclass(frozen=True)
class Policy:
    """How a placement without a ranking of its own orders its applicants.

    Each criterion in ``order`` decides between two applicants unless they are equal on it:
    ``fewest_experiences`` puts those with fewer experiences so far first; ``priority_group`` puts
    members of the groups in ``priority_groups`` first, in that order, then everyone else (when
    ``priority_groups`` is not given, anyone in any group comes before those in none). A lottery
    seeded with ``seed`` settles whatever is still tied.
    """

    order: tuple[str, ...] = DEFAULT_ORDER
    priority_groups: tuple[str, ...] | None = None
    seed: int = 0


@dataclass(eq=False)
class Instance:
    """An allocation instance with every id replaced by its index (file order, from 0)."""

    student_ids: list[str]
    placement_ids: list[str]
    # (students, width) placement index of each choice, most wanted first; -1 after the last choice.
    choices: np.ndarray
    capacities: np.ndarray
    # Placements that rank their applicants themselves; the others use the priority policy.
    has_ranking: np.ndarray
    # The rankings, concatenated: placement p's is ranked_students[ranking_starts[p]:ranking_starts[p + 1]].
    ranking_starts: np.ndarray
    ranked_students: np.ndarray
    # (students, width) each student's position in the ranking of each choice (0 = top), -1 where
    # that placement has no ranking of its own or does not list them.
    ranked_positions: np.ndarray
    experiences: np.ndarray
    priority_groups: list[str | None]
    policy: Policy = field(default_factory=Policy)

    @property
    def student_count(self) -> int:
        return len(self.student_ids)

    @property
    def placement_count(self) -> int:
        return len(self.placement_ids)

    def ranking_of(self, placement: int) -> np.ndarray:
        """The students placement ``placement`` ranks, best first (empty when it uses the policy)."""
        return self.ranked_students[self.ranking_starts[placement]:self.ranking_starts[placement + 1]]

    def student_index(self, student_id: str) -> int:
        try:
            index = self._student_index
        except AttributeError:
            index = self._student_index = {sid: n for n, sid in enumerate(self.student_ids)}
        try:
            return index[student_id]
        except KeyError:
            raise KeyError(f"no student {_quoted(student_id)} in this instance") from None


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Switch Python's cyclic garbage collector off for the block, then back to how it was.

    Reading a large instance creates millions of small lists, dicts and strings, none of them in a
    reference cycle; each batch of 700 new containers would otherwise start a collection that walks
    them all again, which on a national year group costs more than the reading itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def decode_json(text: str | bytes) -> object:
    """Parse JSON text, naming the line and column of the first error."""
    try:
        with cyclic_gc_paused():
            return json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None
    except UnicodeDecodeError as error:
        raise InstanceError(f"not UTF-8 text: {error.reason} at byte {error.start}") from None


def load_instance(text: str | bytes) -> Instance:
    """Parse and check the JSON text of an instance."""
    return parse_instance(decode_json(text))


def parse_instance(data: object) -> Instance:
    """Check plain data in the documented format and index it; raises InstanceError."""
    with cyclic_gc_paused():
        if not isinstance(data, dict):
            raise InstanceError(f"the instance must be a JSON object with \"students\" and \"placements\", "
                                f"got {_json_type(data)}")
        unknown = sorted(set(data) - INSTANCE_FIELDS)
        if unknown:
            raise InstanceError(f"unknown field {_quoted(unknown[0])} at the top level "
                                f"(expected {_field_list(INSTANCE_FIELDS)})")
        for name in ("students", "placements"):
            if name not in data:
                raise InstanceError(f"missing {_quoted(name)}: the instance needs a list of {name}")
            if not isinstance(data[name], list):
                raise InstanceError(f"{_quoted(name)} must be a list, got {_json_type(data[name])}")
        policy = _read_policy(data.get("policy"))
        placements = _read_placements(data["placements"])
        students = _read_students(data["students"], placements.index)
        has_ranking, starts, ranked, positions = _read_rankings(data["placements"], students.index,
                                                                students.choices)
        return Instance(
            student_ids=students.ids,
            placement_ids=placements.ids,
            choices=students.choices,
            capacities=placements.capacities,
            has_ranking=has_ranking,
            ranking_starts=starts,
            ranked_students=ranked,
            ranked_positions=positions,
            experiences=students.experiences,
            priority_groups=students.priority_groups,
            policy=policy,
        )


# ---------------------------------------------------------------------------------------------
# Ids to indexes


# Python's own string hash (64 bits, salted per process, cached on each string). A name of its own
# so that the tests can put colliding hashes in its place.
_string_hash = hash
_IDS_PER_BATCH = 1 << 20


class IdIndex:
    """The index of each id in a list of distinct string ids, found for millions of ids at once.

    A dict lookup per id costs several random memory accesses (the dict's table, then the stored
    key string to compare with), and over millions of ids spread across a large heap those
    accesses, not the hashing, take most of the time. Here every id is hashed in one sequential
    pass (Python's own string hash, which the string then caches) and the hashes are looked up
    together in an open-addressing table held in numpy arrays.

    Two distinct strings share a 64-bit hash with a probability of 2**-64. If two ids in the list
    do, the index falls back to a plain dict. Otherwise an unknown id could only be taken for a
    known one if its hash equalled that id's: with n known ids, a chance of about n / 2**64, far
    below that of a hardware fault. ``knows`` is exact, for describing problems.
    """

    def __init__(self, ids: list[str]):
        count = len(ids)
        if count and set(map(type, ids)) != {str}:
            raise _Problem
        self.ids = ids
        self._dict: dict[str, int] | None = None
        hashes = np.fromiter(map(_string_hash, ids), dtype=np.int64, count=count)
        ordered = np.sort(hashes)
        if (ordered[1:] == ordered[:-1]).any():
            self._dict = dict(zip(ids, range(count)))
            if len(self._dict) != count:
                raise _Problem  # the same id twice
            self._values = None  # two distinct ids with one hash: use the dict
            return
        size = 1 << max(3, (2 * count).bit_length())  # at most half full, so probe runs stay short
        self._mask = size - 1
        self._keys = np.zeros(size, dtype=np.int64)
        self._values = np.full(size, -1, dtype=np.int32)
        pending = np.arange(count, dtype=np.int32)
        slots = hashes & self._mask
        while len(pending):
            # Every waiting id writes itself into its slot if free; where several wrote, the last one
            # stays, and the others (and those whose slot was taken) try the next slot.
            free = self._values[slots] < 0
            self._values[slots[free]] = pending[free]
            waiting = self._values[slots] != pending
            self._keys[slots[~waiting]] = hashes[~waiting]
            pending, slots, hashes = pending[waiting], (slots[waiting] + 1) & self._mask, hashes[waiting]

    def __len__(self) -> int:
        return len(self.ids)

    def knows(self, value: object) -> bool:
        if self._dict is None:
            self._dict = dict(zip(self.ids, range(len(self.ids))))
        try:
            return value in self._dict
        except TypeError:
            return False

    def find(self, values: Iterable, count: int) -> np.ndarray:
        """The index of each of ``count`` values; raises _Problem if any is not a known id."""
        if self._values is None:
            assert self._dict is not None
            try:
                return np.fromiter(map(self._dict.__getitem__, values), dtype=np.int32, count=count)
            except KeyError:
                raise _Problem from None
        found = np.empty(count, dtype=np.int32)
        values = iter(values)
        # A batch at a time, so that the hashes and probes of millions of ids are never all in memory.
        for start in range(0, count, _IDS_PER_BATCH):
            size = min(_IDS_PER_BATCH, count - start)
            hashes = np.fromiter(map(_string_hash, islice(values, size)), dtype=np.int64, count=size)
            found[start:start + size] = self._find_hashes(hashes)
        if count and found.min() < 0:
            raise _Problem
        return found

    def _find_hashes(self, hashes: np.ndarray) -> np.ndarray:
        """The index of the id with each hash, or -1."""
        slots = hashes & self._mask
        # (np.take: quicker than indexing with an array, for these millions of random reads.)
        found = np.take(self._values, slots)
        # Most ids are in the first slot they try; the few others follow the probe sequence.
        going_on = np.take(self._keys, slots) != hashes
        going_on &= found >= 0
        if going_on.any():
            found[going_on] = -1
            pending = np.flatnonzero(going_on)
            slots, hashes = (slots[pending] + 1) & self._mask, hashes[pending]
            while len(pending):
                held = self._values[slots]
                match = self._keys[slots] == hashes
                match &= held >= 0
                found[pending[match]] = held[match]
                more = (held >= 0) & ~match
                pending, slots, hashes = pending[more], (slots[more] + 1) & self._mask, hashes[more]
        return found


# ---------------------------------------------------------------------------------------------
# Placements


@dataclass
class _Placements:
    ids: list[str]
    index: IdIndex
    capacities: np.ndarray


def _read_placements(placements: list) -> _Placements:
    count = len(placements)
    try:
        if count and set(map(type, placements)) != {dict}:
            raise _Problem
        if not set().union(*placements) <= PLACEMENT_FIELDS:
            raise _Problem
        ids = list(map(itemgetter("id"), placements))
        index = IdIndex(ids)
        capacities = list(map(itemgetter("capacity"), placements))
        if count and set(map(type, capacities)) != {int}:
            raise _Problem
        capacity_array = np.array(capacities, dtype=np.int64) if count else np.zeros(0, dtype=np.int64)
        if count and capacity_array.min() < 0:
            raise _Problem
    except (_Problem, KeyError, TypeError, OverflowError):
        raise _placement_problem(placements) from None
    return _Placements(ids, index, capacity_array)


def _placement_problem(placements: list) -> InstanceError:
    """Walk the placements one by one and describe the first problem (not the rankings)."""
    seen: dict[str, int] = {}
    for n, placement in enumerate(placements):
        where = f"placements[{n}]"
        if not isinstance(placement, dict):
            return InstanceError(f"{where}: each placement must be an object, got {_json_type(placement)}")
        placement_id = placement.get("id")
        if isinstance(placement_id, str):
            where = f"{where} ({_quoted(placement_id)})"
        unknown = sorted(set(placement) - PLACEMENT_FIELDS)
        if unknown:
            return InstanceError(f"{where}: unknown field {_quoted(unknown[0])} (expected {_field_list(PLACEMENT_FIELDS)})")
        if "id" not in placement:
            return InstanceError(f"{where}: missing \"id\"")
        if not isinstance(placement_id, str):
            return InstanceError(f"{where}.id: must be a string, got {_json_type(placement_id)}")
        if placement_id in seen:
            return InstanceError(f"{where}.id: duplicate placement id {_quoted(placement_id)} "
                                 f"(also placements[{seen[placement_id]}])")
        seen[placement_id] = n
        if "capacity" not in placement:
            return InstanceError(f"{where}: missing \"capacity\"")
        capacity = placement["capacity"]
        if type(capacity) is not int:
            return InstanceError(f"{where}.capacity: must be a whole number, got {_json_value(capacity)}")
        if capacity < 0:
            return InstanceError(f"{where}.capacity: must not be negative, got {capacity}")
        if capacity >= 2**63:
            return InstanceError(f"{where}.capacity: too large, got {capacity}")
    raise AssertionError("the bulk check found a problem with the placements that the walk did not")


def _read_rankings(placements: list, student_index: IdIndex, choices: np.ndarray):
    """Index the placements' own rankings; a placement without one (or with null) uses the policy.

    Returns which placements have a ranking, the rankings concatenated (with where each starts),
    and each student's position in the ranking of each of their choices (-1 where not ranked).
    """
    try:
        rankings = list(map(dict.get, placements, repeat("ranking")))
        kinds = set(map(type, rankings))
        if not kinds <= {list, type(None)}:
            raise _Problem
        has_ranking = np.fromiter(map(is_not, rankings, repeat(None)), dtype=bool, count=len(rankings))
        given = [ranking for ranking in rankings if ranking is not None] if type(None) in kinds else rankings
        lengths = np.zeros(len(rankings), dtype=np.int64)
        lengths[has_ranking] = np.fromiter(map(len, given), dtype=np.int64, count=len(given))
        starts = np.zeros(len(rankings) + 1, dtype=np.int64)
        np.cumsum(lengths, out=starts[1:])
        ranked = student_index.find(chain.from_iterable(given), int(starts[-1]))
        positions = _positions_in_rankings(choices, starts, ranked)
    except (_Problem, KeyError, TypeError):
        raise _ranking_problem(placements, student_index) from None
    return has_ranking, starts, ranked, positions


def _positions_in_rankings(choices: np.ndarray, starts: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Each student's position in the ranking of each of their choices, -1 where not ranked there.

    One pass per choice column finds the ranking entries that are a student's k-th choice. A
    student ranked twice by a placement they chose fills the same place twice; those ranked twice
    by a placement they did not choose are looked for among the few entries no pass matched.
    Either raises _Problem.
    """
    lengths = np.diff(starts)
    places = np.repeat(np.arange(len(lengths), dtype=choices.dtype), lengths)
    entry_positions = (np.arange(len(ranked)) - np.repeat(starts[:-1], lengths)).astype(np.int32)
    positions = np.full(choices.shape, -1, dtype=np.int32)
    applied = np.zeros(len(ranked), dtype=bool)
    for k in range(choices.shape[1]):
        column = np.ascontiguousarray(choices[:, k])
        match = np.take(column, ranked) == places
        positions[ranked[match], k] = entry_positions[match]
        applied |= match
    if np.count_nonzero(applied) != np.count_nonzero(positions >= 0):
        raise _Problem  # an applicant ranked twice
    others = np.flatnonzero(~applied)
    if len(others):
        pairs = places[others].astype(np.int64) * max(len(choices), 1) + ranked[others]
        if len(np.unique(pairs)) != len(pairs):
            raise _Problem  # someone who did not apply, ranked twice
    return positions


def _ranking_problem(placements: list, student_index: IdIndex) -> InstanceError:
    for n, placement in enumerate(placements):
        where = f"placements[{n}] ({_quoted(placement['id'])}).ranking"
        ranking = placement.get("ranking")
        if ranking is None:
            continue
        if not isinstance(ranking, list):
            return InstanceError(f"{where}: must be a list of student ids (or left out to use the priority "
                                 f"policy), got {_json_type(ranking)}")
        seen: dict[str, int] = {}
        for position, student_id in enumerate(ranking):
            if not isinstance(student_id, str):
                return InstanceError(f"{where}[{position}]: must be a student id (a string), "
                                     f"got {_json_value(student_id)}")
            if not student_index.knows(student_id):
                return InstanceError(f"{where}[{position}]: unknown student id {_quoted(student_id)}")
            if student_id in seen:
                return InstanceError(f"{where}[{position}]: student {_quoted(student_id)} is ranked twice "
                                     f"(also ranking[{seen[student_id]}])")
            seen[student_id] = position
    raise AssertionError("the bulk check found a problem with the rankings that the walk did not")


# ---------------------------------------------------------------------------------------------
# Students


@dataclass
class _Students:
    ids: list[str]
    index: IdIndex
    choices: np.ndarray
    experiences: np.ndarray
    priority_groups: list[str | None]


def _read_students(students: list, placement_index: IdIndex) -> _Students:
    count = len(students)
    try:
        if count and set(map(type, students)) != {dict}:
            raise _Problem
        fields = set().union(*students)
        if not fields <= STUDENT_FIELDS:
            raise _Problem
        ids = list(map(itemgetter("id"), students))
        index = IdIndex(ids)
        choice_lists = list(map(itemgetter("choices"), students))
        if count and set(map(type, choice_lists)) != {list}:
            raise _Problem
        lengths = np.fromiter(map(len, choice_lists), dtype=np.int64, count=count)
        flat = placement_index.find(chain.from_iterable(choice_lists), int(lengths.sum()))
        del choice_lists
        choices = _choice_table(flat, lengths)
        if _first_row_with_a_repeat(choices) is not None:
            raise _Problem
        experiences = _read_experiences(students) if "experiences" in fields else np.zeros(count, dtype=np.int64)
        groups = _read_priority_groups(students, fields)
    except (_Problem, KeyError, TypeError, OverflowError):
        raise _student_problem(students, placement_index) from None
    return _Students(ids, index, choices, experiences, groups)


def _choice_table(flat: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Lay each student's choices out on one row, padded with -1 to the longest list."""
    count = len(lengths)
    width = int(lengths.max()) if count else 0
    if count and int(lengths.min()) == width:
        return flat.reshape(count, width)
    table = np.full((count, width), -1, dtype=np.int32)
    rows = np.repeat(np.arange(count), lengths)
    starts = np.cumsum(lengths) - lengths
    columns = np.arange(len(flat)) - np.repeat(starts, lengths)
    table[rows, columns] = flat
    return table


def _first_row_with_a_repeat(choices: np.ndarray) -> int | None:
    """The first student who chose the same placement twice, if any."""
    if choices.shape[1] < 2:
        return None
    ordered = np.sort(choices, axis=1)
    repeats = (ordered[:, 1:] == ordered[:, :-1]) & (ordered[:, 1:] >= 0)
    rows = np.flatnonzero(repeats.any(axis=1))
    return int(rows[0]) if len(rows) else None


def _read_experiences(students: list) -> np.ndarray:
    values = list(map(dict.get, students, repeat("experiences"), repeat(0)))
    if set(map(type, values)) != {int}:
        raise _Problem
    experiences = np.array(values, dtype=np.int64)
    if experiences.min() < 0:
        raise _Problem
    return experiences


def _read_priority_groups(students: list, fields: set) -> list[str | None]:
    count = len(students)
    if "priority_group" in fields:
        groups = list(map(dict.get, students, repeat("priority_group")))
        if not set(map(type, groups)) <= {str, type(None)}:
            raise _Problem
    else:
        groups = [None] * count
    if "disadvantaged" in fields:
        flags = list(map(dict.get, students, repeat("disadvantaged"), repeat(False)))
        if set(map(type, flags)) != {bool}:
            raise _Problem
        groups = [DISADVANTAGED_GROUP if group is None and flag else group for group, flag in zip(groups, flags)]
    return groups


def _student_problem(students: list, placement_index: IdIndex) -> InstanceError:
    """Walk the students one by one and describe the first problem."""
    seen: dict[str, int] = {}
    for n, student in enumerate(students):
        where = f"students[{n}]"
        if not isinstance(student, dict):
            return InstanceError(f"{where}: each student must be an object, got {_json_type(student)}")
        student_id = student.get("id")
        if isinstance(student_id, str):
            where = f"{where} ({_quoted(student_id)})"
        unknown = sorted(set(student) - STUDENT_FIELDS)
        if unknown:
            return InstanceError(f"{where}: unknown field {_quoted(unknown[0])} (expected {_field_list(STUDENT_FIELDS)})")
        for required in ("id", "choices"):
            if required not in student:
                return InstanceError(f"{where}: missing {_quoted(required)}")
        if not isinstance(student_id, str):
            return InstanceError(f"{where}.id: must be a string, got {_json_type(student_id)}")
        if student_id in seen:
            return InstanceError(f"{where}.id: duplicate student id {_quoted(student_id)} (also students[{seen[student_id]}])")
        seen[student_id] = n
        choices = student["choices"]
        if not isinstance(choices, list):
            return InstanceError(f"{where}.choices: must be a list of placement ids, got {_json_type(choices)}")
        chosen: dict[str, int] = {}
        for k, placement_id in enumerate(choices):
            if not isinstance(placement_id, str):
                return InstanceError(f"{where}.choices[{k}]: must be a placement id (a string), "
                                     f"got {_json_value(placement_id)}")
            if not placement_index.knows(placement_id):
                return InstanceError(f"{where}.choices[{k}]: unknown placement id {_quoted(placement_id)}")
            if placement_id in chosen:
                return InstanceError(f"{where}.choices[{k}]: placement {_quoted(placement_id)} is chosen twice "
                                     f"(also choices[{chosen[placement_id]}])")
            chosen[placement_id] = k
        experiences = student.get("experiences", 0)
        if type(experiences) is not int or experiences < 0:
            return InstanceError(f"{where}.experiences: must be a whole number of 0 or more, "
                                 f"got {_json_value(experiences)}")
        if experiences >= 2**63:
            return InstanceError(f"{where}.experiences: too large, got {experiences}")
        group = student.get("priority_group")
        if group is not None and not isinstance(group, str):
            return InstanceError(f"{where}.priority_group: must be a string or null, got {_json_value(group)}")
        disadvantaged = student.get("disadvantaged", False)
        if not isinstance(disadvantaged, bool):
            return InstanceError(f"{where}.disadvantaged: must be true or false, got {_json_value(disadvantaged)}")
    raise AssertionError("the bulk check found a problem with the students that the walk did not")


# ---------------------------------------------------------------------------------------------
# Policy


def _read_policy(policy: object) -> Policy:
    if policy is None:
        return Policy()
    if not isinstance(policy, dict):
        raise InstanceError(f"policy: must be an object, got {_json_type(policy)}")
    unknown = sorted(set(policy) - POLICY_FIELDS)
    if unknown:
        raise InstanceError(f"policy: unknown field {_quoted(unknown[0])} (expected {_field_list(POLICY_FIELDS)})")
    order = policy.get("order", list(DEFAULT_ORDER))
    if not isinstance(order, list):
        raise InstanceError(f"policy.order: must be a list of criteria, got {_json_type(order)}")
    criteria: list[str] = []
    for n, criterion in enumerate(order):
        if criterion == LOTTERY and n == len(order) - 1:
            break
        if criterion == LOTTERY:
            raise InstanceError(f"policy.order[{n}]: the lottery can only come last")
        if criterion not in CRITERIA:
            expected = ", ".join(f'"{name}"' for name in CRITERIA)
            raise InstanceError(f"policy.order[{n}]: unknown criterion {_json_value(criterion)} "
                                f"(expected {expected}, and optionally \"lottery\" last)")
        if criterion in criteria:
            raise InstanceError(f"policy.order[{n}]: {_quoted(criterion)} is listed twice")
        criteria.append(criterion)
    groups = policy.get("priority_groups")
    if groups is not None:
        if not isinstance(groups, list):
            raise InstanceError(f"policy.priority_groups: must be a list of group names, got {_json_type(groups)}")
        for n, group in enumerate(groups):
            if not isinstance(group, str):
                raise InstanceError(f"policy.priority_groups[{n}]: must be a string, got {_json_value(group)}")
            if group in groups[:n]:
                raise InstanceError(f"policy.priority_groups[{n}]: {_quoted(group)} is listed twice")
        groups = tuple(groups)
    seed = policy.get("seed", 0)
    if type(seed) is not int:
        raise InstanceError(f"policy.seed: must be a whole number, got {_json_value(seed)}")
    return Policy(order=tuple(criteria), priority_groups=groups, seed=seed)


# ---------------------------------------------------------------------------------------------
# Messages


class _Problem(Exception):
    """A bulk check failed; the walk that follows finds out where and why."""


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _json_value(value: object) -> str:
    """The value as it was written, when it is short; otherwise its JSON type."""
    if isinstance(value, (list, dict)):
        return _json_type(value)
    text = json.dumps(value)
    return text if len(text) <= 40 else _json_type(value)


def _quoted(text: str) -> str:
    """A string as JSON writes it, so that ids read the same in messages as in the file."""
    return json.dumps(text, ensure_ascii=False)


def _field_list(fields: frozenset[str]) -> str:
    return ", ".join(f'"{name}"' for name in sorted(fields))
