"""The enterprise adviser network over HTTP: advisers, ranked candidates for a school, matches.

Reads are for hub staff, analysts and administrators; writes (matching and ending matches) for hub
staff, each within their scope (see selectors). Refusals carry a ``detail`` naming what is wrong:
409 when the network's state refuses the request (the school already has an adviser, the adviser is
full), 400 when the request itself is wrong.
"""
from datetime import date

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.api_access import api_roles
from careershub.network.models import School

from . import selectors, services

router = Router(tags=["enterprise advisers"])
READERS = (*HUB_STAFF, Role.ANALYST, Role.ADMIN)


class AdviserOut(Schema):
    id: int
    name: str
    email: str
    employer_id: int
    employer_name: str = Field(..., alias="employer.name")
    area_hub_id: int | None
    area_hub_name: str | None
    capacity: int = Field(..., description="How many schools the adviser can support.")
    current_schools: int = Field(..., description="How many schools the adviser supports now.")
    is_active: bool

    @staticmethod
    def resolve_area_hub_name(obj):
        return obj.area_hub.name if obj.area_hub_id else None


class MatchOut(Schema):
    id: int
    adviser_id: int
    adviser_name: str = Field(..., alias="adviser.name")
    school_id: int
    school_name: str = Field(..., alias="school.name")
    started_on: date
    ended_on: date | None
    is_current: bool
    explanation: str = Field(..., description="Why the adviser was chosen, as ranked when matched.")
    end_reason: str


class AdviserDetailOut(AdviserOut):
    matches: list[MatchOut]

    @staticmethod
    def resolve_matches(obj):
        return list(selectors.adviser_match_history(obj))


class CandidateOut(Schema):
    rank: int
    adviser_id: int
    name: str
    employer_name: str
    area_hub_name: str
    current_schools: int
    capacity: int
    same_area_hub: bool
    growth_sector_priority: int | None
    growth_sector_label: str | None
    reasons: list[str]
    explanation: str


class CandidatesOut(Schema):
    school_id: int
    school_name: str
    school_status: str = Field(..., description="Only engaged schools are matched with an adviser.")
    current_match: MatchOut | None
    candidates: list[CandidateOut]


class AdviserFiltersIn(Schema):
    area_hub_id: int | None = None
    employer_id: int | None = None
    matched: bool | None = Field(None, description="True: advisers supporting a school now; false: those who are not.")
    active: bool | None = None


class EndMatchIn(Schema):
    reason: str = Field(..., description="Why the match is ending.", max_length=services.REASON_MAX_LENGTH)


class ErrorOut(Schema):
    detail: str


def _refuse(error: ValidationError):
    status = 409 if services.is_conflict(error) else 400
    raise HttpError(status, " ".join(error.messages))


def _candidate_out(ranked) -> dict:
    c = ranked.candidate
    return {
        "rank": ranked.rank, "adviser_id": c.adviser_id, "name": c.name, "employer_name": c.employer_name,
        "area_hub_name": c.area_hub_name, "current_schools": c.current_schools, "capacity": c.capacity,
        "same_area_hub": ranked.same_area_hub,
        "growth_sector_priority": ranked.growth_sector.priority if ranked.growth_sector else None,
        "growth_sector_label": ranked.growth_sector.label if ranked.growth_sector else None,
        "reasons": list(ranked.reasons), "explanation": ranked.explanation,
    }


@router.get("", response=list[AdviserOut], summary="Enterprise advisers of your partnership")
@api_roles(*READERS)
def adviser_list(request, filters: Query[AdviserFiltersIn]):
    advisers = selectors.advisers_visible_to(request.auth)
    return list(selectors.filter_advisers(advisers, selectors.AdviserFilters(**filters.dict())))


@router.get("/{int:adviser_id}", response=AdviserDetailOut, summary="An enterprise adviser with their match history")
@api_roles(*READERS)
def adviser_detail(request, adviser_id: int):
    return selectors.get_adviser_for_user(request.auth, adviser_id)


@router.get("/schools/{int:school_id}/candidates", response=CandidatesOut,
            summary="Ranked candidate advisers for a school, with the reasons for each place")
@api_roles(*HUB_STAFF)
def school_candidates(request, school_id: int):
    school = selectors.get_school_for_matching(request.auth, school_id)
    current = selectors.current_match_of_school(school)
    if current is not None:
        current.school = school
    engaged = school.status == School.Status.ENGAGED
    candidates = selectors.ranked_candidates_for(school) if current is None and engaged else []
    return {
        "school_id": school.pk, "school_name": school.name, "school_status": school.status, "current_match": current,
        "candidates": [_candidate_out(c) for c in candidates],
    }


@router.post("/schools/{int:school_id}/candidates/{int:adviser_id}/match", response={201: MatchOut, 400: ErrorOut, 409: ErrorOut},
             summary="Match a candidate adviser with a school")
@api_roles(*HUB_STAFF)
def match_create(request, school_id: int, adviser_id: int):
    school = selectors.get_school_for_matching(request.auth, school_id)
    adviser = selectors.get_adviser_for_user(request.auth, adviser_id)
    try:
        match = services.match_create(acting_user=request.auth, school=school, adviser=adviser)
    except ValidationError as error:
        _refuse(error)
    return 201, match


@router.post("/matches/{int:match_id}/end", response={200: MatchOut, 400: ErrorOut, 409: ErrorOut},
             summary="End a match, keeping it as history")
@api_roles(*HUB_STAFF)
def match_end(request, match_id: int, payload: EndMatchIn):
    match = selectors.get_match_for_manager(request.auth, match_id)
    try:
        return services.match_end(acting_user=request.auth, match=match, reason=payload.reason)
    except ValidationError as error:
        _refuse(error)
