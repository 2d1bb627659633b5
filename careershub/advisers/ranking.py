"""Ranking enterprise advisers for a school: plain data in, a ranked list with reasons out.

No Django here, so the rules can be read, tested and property-tested on their own. The selectors
load advisers into ``Candidate`` values and the services store the explanation of the one chosen.

The order, key by key (the first difference decides):

1. advisers based in the school's own area hub before everyone else;
2. advisers whose employer is in one of the partnership's priority growth sectors, the lower the
   sector's priority number the better; employers outside those sectors come last;
3. advisers supporting fewer schools at the moment before busier ones;
4. then by name (ignoring case) and finally by id, so the order never depends on how the rows came.

Only active advisers with spare capacity (fewer current schools than they said they can support)
are candidates at all.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# Ranks employers outside the priority growth sectors after every priority, however many there are.
NOT_A_PRIORITY = 1_000_000


@dataclass(frozen=True)
class GrowthSectorInfo:
    """One of the partnership's priority growth sectors."""

    sic_section: str
    label: str
    priority: int


@dataclass(frozen=True)
class SchoolInfo:
    """The school looking for an adviser."""

    area_hub_id: int | None
    area_hub_name: str = ""


@dataclass(frozen=True)
class Candidate:
    """An enterprise adviser as the ranking sees them."""

    adviser_id: int
    name: str
    employer_name: str
    employer_sic_section: str
    area_hub_id: int | None
    area_hub_name: str
    current_schools: int
    capacity: int
    is_active: bool = True

    @property
    def has_spare_capacity(self) -> bool:
        return self.current_schools < self.capacity

    @property
    def is_eligible(self) -> bool:
        return self.is_active and self.has_spare_capacity


@dataclass(frozen=True)
class RankedCandidate:
    rank: int
    candidate: Candidate
    same_area_hub: bool
    growth_sector: GrowthSectorInfo | None
    reasons: tuple[str, ...]

    @property
    def explanation(self) -> str:
        """The reasons as one sentence, such as "Same area hub (North); employer in priority growth
        sector 1 Advanced manufacturing; supports 0 of 1 schools"."""
        return "; ".join(self.reasons)


def sector_lookup(growth_sectors: Iterable[GrowthSectorInfo]) -> dict[str, GrowthSectorInfo]:
    """SIC section -> growth sector. Should a section be listed twice, its best priority counts."""
    lookup: dict[str, GrowthSectorInfo] = {}
    for sector in growth_sectors:
        known = lookup.get(sector.sic_section)
        if known is None or (sector.priority, sector.label) < (known.priority, known.label):
            lookup[sector.sic_section] = sector
    return lookup


def _is_same_hub(school: SchoolInfo, candidate: Candidate) -> bool:
    return school.area_hub_id is not None and candidate.area_hub_id == school.area_hub_id


def sort_key(school: SchoolInfo, candidate: Candidate, sectors: dict[str, GrowthSectorInfo]) -> tuple:
    """The lexicographic key the ranking sorts by (smaller ranks higher)."""
    sector = sectors.get(candidate.employer_sic_section)
    return (
        0 if _is_same_hub(school, candidate) else 1,
        sector.priority if sector is not None else NOT_A_PRIORITY,
        candidate.current_schools,
        candidate.name.casefold(),
        candidate.adviser_id,
    )


def _plural_schools(n: int) -> str:
    return "school" if n == 1 else "schools"


def reasons_for(school: SchoolInfo, candidate: Candidate, sectors: dict[str, GrowthSectorInfo]) -> tuple[str, ...]:
    """Plain-English reasons for where a candidate ranks, one per ranking key."""
    if _is_same_hub(school, candidate):
        hub = f"Same area hub ({school.area_hub_name})"
    elif candidate.area_hub_id is None:
        hub = "No area hub recorded"
    elif school.area_hub_id is None:
        hub = f"Based in {candidate.area_hub_name} (the school has no area hub)"
    else:
        hub = f"Different area hub ({candidate.area_hub_name})"
    sector = sectors.get(candidate.employer_sic_section)
    if sector is not None:
        growth = f"employer in priority growth sector {sector.priority} {sector.label}"
    else:
        growth = "employer not in a priority growth sector"
    load = f"supports {candidate.current_schools} of {candidate.capacity} {_plural_schools(candidate.capacity)}"
    return (hub, growth, load)


def explain(school: SchoolInfo, candidate: Candidate, growth_sectors: Iterable[GrowthSectorInfo]) -> str:
    """The explanation for one candidate on its own (what is stored with a match)."""
    return "; ".join(reasons_for(school, candidate, sector_lookup(growth_sectors)))


def rank_candidates(
    school: SchoolInfo, candidates: Iterable[Candidate], growth_sectors: Iterable[GrowthSectorInfo]
) -> list[RankedCandidate]:
    """Active advisers with spare capacity, best first, each with the reasons for its place."""
    sectors = sector_lookup(growth_sectors)
    eligible = [c for c in candidates if c.is_eligible]
    eligible.sort(key=lambda c: sort_key(school, c, sectors))
    return [
        RankedCandidate(
            rank=position,
            candidate=candidate,
            same_area_hub=_is_same_hub(school, candidate),
            growth_sector=sectors.get(candidate.employer_sic_section),
            reasons=reasons_for(school, candidate, sectors),
        )
        for position, candidate in enumerate(eligible, start=1)
    ]
