"""A deliberately plain second implementation of the allocation rules, for the tests to compare with.

It shares no code with the engine: it reads the instance as the documented JSON-shaped data, keeps
everything in dicts keyed by the ids, and runs the textbook one-proposal-at-a-time deferred
acceptance. It is slow and obviously right, which is the point.
"""
from collections import deque
from hashlib import blake2b


def lottery_draw(seed: int, student_id: str) -> int:
    """As documented: the first 8 bytes of BLAKE2b of "<seed>:<student id>", read big-endian."""
    return int.from_bytes(blake2b(f"{seed}:{student_id}".encode(), digest_size=8).digest(), "big")


def student_group(student: dict):
    group = student.get("priority_group")
    if group is None and student.get("disadvantaged"):
        return "disadvantaged"
    return group


def priority_key(student: dict, policy: dict) -> tuple:
    """Smaller goes first: the policy's criteria in order, then the lottery."""
    key = []
    for criterion in policy.get("order", ["fewest_experiences", "priority_group"]):
        if criterion == "fewest_experiences":
            key.append(student.get("experiences", 0))
        elif criterion == "priority_group":
            group = student_group(student)
            listed = policy.get("priority_groups")
            if listed is None:
                key.append(0 if group is not None else 1)
            else:
                key.append(listed.index(group) if group in listed else len(listed))
    key.append(lottery_draw(policy.get("seed", 0), student["id"]))
    return tuple(key)


def preferences(data: dict) -> dict:
    """(placement id, student id) -> how the placement ranks the student (smaller is better), for
    every pair where the placement accepts the student."""
    policy = data.get("policy") or {}
    ranks = {}
    for placement in data["placements"]:
        if placement.get("ranking") is not None:
            for position, student_id in enumerate(placement["ranking"]):
                ranks[placement["id"], student_id] = position
        else:
            for student in data["students"]:
                if placement["id"] in student["choices"]:
                    ranks[placement["id"], student["id"]] = priority_key(student, policy)
    return ranks


def acceptable(data: dict, ranks: dict, placement_id: str, student_id: str) -> bool:
    capacity = next(p["capacity"] for p in data["placements"] if p["id"] == placement_id)
    return capacity > 0 and (placement_id, student_id) in ranks


def reference_allocation(data: dict) -> dict:
    """Student id -> placement id or None: the student-optimal stable matching."""
    ranks = preferences(data)
    capacity = {p["id"]: p["capacity"] for p in data["placements"]}
    choices = {s["id"]: s["choices"] for s in data["students"]}
    next_choice = {s["id"]: 0 for s in data["students"]}
    held = {p["id"]: [] for p in data["placements"]}
    waiting = deque(s["id"] for s in data["students"])
    while waiting:
        student = waiting.popleft()
        if next_choice[student] == len(choices[student]):
            continue  # every choice has turned them down
        placement = choices[student][next_choice[student]]
        next_choice[student] += 1
        if capacity[placement] == 0 or (placement, student) not in ranks:
            waiting.append(student)
            continue
        held[placement].append(student)
        held[placement].sort(key=lambda other: ranks[placement, other])
        if len(held[placement]) > capacity[placement]:
            waiting.append(held[placement].pop())
    assignment = {s["id"]: None for s in data["students"]}
    for placement, students in held.items():
        for student in students:
            assignment[student] = placement
    return assignment


def blocking_pairs(data: dict, assignment: dict) -> list:
    """Every (student, placement) that would both rather have each other than what they got."""
    ranks = preferences(data)
    capacity = {p["id"]: p["capacity"] for p in data["placements"]}
    members = {p["id"]: [s for s, got in assignment.items() if got == p["id"]] for p in data["placements"]}
    pairs = []
    for student in data["students"]:
        got = assignment[student["id"]]
        wanted = student["choices"] if got is None else student["choices"][:student["choices"].index(got)]
        for placement in wanted:
            if not acceptable(data, ranks, placement, student["id"]):
                continue
            if len(members[placement]) < capacity[placement] or any(
                ranks[placement, student["id"]] < ranks[placement, other] for other in members[placement]
            ):
                pairs.append((student["id"], placement))
    return pairs
