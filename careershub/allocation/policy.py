"""The priority policy: how a placement without a ranking of its own orders its applicants.

The partnership chooses the criteria and their order (``Policy.order``): by default those with the
fewest experiences so far first, then members of a priority group (disadvantaged, at risk of not
being in education, employment or training) before everyone else. Whatever is still tied is settled
by a lottery. Each student's lottery draw comes from a hash of the seed and their own id, so it does
not depend on where they appear in the file, the same seed always gives the same draws, and a
student can be told their draw.
"""
from __future__ import annotations

from hashlib import blake2b

import numpy as np

from .instance import Instance, Policy


def lottery_draws(student_ids: list[str], seed: int) -> np.ndarray:
    """Each student's lottery draw, an unsigned 64-bit number; lower draws go first."""
    salt = f"{seed}:".encode()
    digests = b"".join(blake2b(salt + student_id.encode(), digest_size=8).digest() for student_id in student_ids)
    return np.frombuffer(digests, dtype=">u8").astype(np.uint64)


def group_ranks(priority_groups: list[str | None], policy: Policy) -> np.ndarray:
    """0 for the first priority group, 1 for the next, ...; everyone else after every listed group.

    Without a list of groups in the policy, anyone in a group comes before anyone in none.
    """
    if policy.priority_groups is None:
        return np.fromiter((group is None for group in priority_groups), dtype=np.int64, count=len(priority_groups))
    rank_of = {group: n for n, group in enumerate(policy.priority_groups)}
    last = len(rank_of)
    return np.fromiter((rank_of.get(group, last) for group in priority_groups), dtype=np.int64,
                       count=len(priority_groups))


def priority_positions(instance: Instance) -> np.ndarray:
    """Each student's position in the policy's order of every student (0 goes first)."""
    keys = [lottery_draws(instance.student_ids, instance.policy.seed)]
    for criterion in reversed(instance.policy.order):
        if criterion == "fewest_experiences":
            keys.append(instance.experiences)
        elif criterion == "priority_group":
            keys.append(group_ranks(instance.priority_groups, instance.policy))
    order = np.lexsort(keys)
    positions = np.empty(instance.student_count, dtype=np.int64)
    positions[order] = np.arange(instance.student_count)
    return positions


def priority_of(instance: Instance, student: int) -> dict:
    """What the policy knows about one student, for explaining an outcome to them."""
    draw = int(lottery_draws([instance.student_ids[student]], instance.policy.seed)[0])
    return {
        "experiences": int(instance.experiences[student]),
        "priority_group": instance.priority_groups[student],
        "lottery_draw": draw,
    }
