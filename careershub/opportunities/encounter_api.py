"""Encounters and placements over HTTP.

- GET /api/opportunities/encounters?young_person_id= : a young person's encounters, most recent first,
  for whoever may open their record (young_people_visible_to); others get 404. Staff reads are audited
  as views of the record.
- GET /api/opportunities/placements/{id} : a placement with its safeguarding checklist, for whoever
  sees the placement (the host sees the first name and last initial only, and no family details).
- POST /api/opportunities/placements/{id}/confirm : confirm it (the careers leader or hub manager);
  422 listing each missing check when any is missing.
"""
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError

from careershub.core.api_access import api_signed_in
from careershub.young_people import services as record_services
from careershub.young_people.selectors import get_young_person_for_user

from . import encounter_selectors, placement_selectors, placement_services
from .models import Placement

router = Router(tags=["Encounters and placements"])


class EncounterOut(Schema):
    id: int
    occurred_on: date
    academic_year: int = Field(..., description="The calendar year the academic year began in.")
    title: str
    kind: str
    counts_as: str = Field(..., description="employer_encounter, workplace_experience or education_encounter.")
    source: str = Field(..., description="attendance (recorded by the host), group (logged by the school) or manual.")
    employer_id: int | None
    employer_name: str | None
    provider_id: int | None
    provider_name: str | None
    opportunity_id: int | None
    group_id: int | None

    @staticmethod
    def resolve_employer_name(obj):
        return obj.employer.name if obj.employer else None

    @staticmethod
    def resolve_provider_name(obj):
        return obj.provider.name if obj.provider else None


class CheckOut(Schema):
    key: str
    title: str
    status: str = Field(..., description="completed, not_required, incomplete or problem.")
    complete: bool
    problem: str = Field(..., description="Why the placement cannot be confirmed yet; empty when complete.")
    detail: str


class PlacementOut(Schema):
    id: int
    status: str = Field(..., description="awaiting_checks, confirmed, completed or cancelled.")
    young_person_id: int | None = Field(None, description="Not shown to the host.")
    young_person_name: str = Field(..., description="For the host: first name and last initial only.")
    opportunity_id: int
    opportunity_title: str
    host_name: str
    starts_on: date
    ends_on: date
    parental_consent_needed: bool
    parental_consent_given: bool
    checks: list[CheckOut]
    missing: list[str] = Field(..., description="Each missing check, in words; empty when it can be confirmed.")
    confirmed_at: datetime | None
    cancelled_reason: str


def _placement_out(user, placement) -> dict:
    viewer = placement_selectors.viewer_of(user, placement)
    opportunity = placement.application.opportunity
    young_person = placement.application.young_person
    checks = placement_services.checklist(placement, timezone.localdate())
    return {
        "id": placement.pk,
        "status": placement.status,
        "young_person_id": None if viewer.sees_as_host_only else young_person.pk,
        "young_person_name": placement_selectors.host_name_for(young_person) if viewer.sees_as_host_only
        else young_person.full_name,
        "opportunity_id": opportunity.pk,
        "opportunity_title": opportunity.title,
        "host_name": str(opportunity.host),
        "starts_on": opportunity.starts_on,
        "ends_on": opportunity.ends_on,
        "parental_consent_needed": placement_services.needs_parental_consent(placement),
        "parental_consent_given": placement.parental_consent_at is not None,
        "checks": [{"key": c.key, "title": c.title, "status": c.status, "complete": c.done, "problem": c.problem,
                    "detail": c.detail} for c in checks],
        "missing": [c.problem for c in checks if c.problem],
        "confirmed_at": placement.confirmed_at,
        "cancelled_reason": placement.cancelled_reason,
    }


@router.get("/encounters", response=list[EncounterOut], summary="A young person's encounters, most recent first")
@api_signed_in
def encounter_list(request, young_person_id: int):
    young_person = get_young_person_for_user(request.auth, young_person_id)
    record_services.record_viewed(acting_user=request.auth, young_person=young_person, via="api")
    return list(encounter_selectors.encounters_of(young_person.pk))


@router.get("/placements/{int:placement_id}", response=PlacementOut,
            summary="A placement with its safeguarding checklist")
@api_signed_in
def placement_detail(request, placement_id: int):
    placement = placement_selectors.get_placement_for_user(request.auth, placement_id)
    return _placement_out(request.auth, placement)


@router.post("/placements/{int:placement_id}/confirm", response=PlacementOut,
             summary="Confirm a placement (422 listing each missing check)")
@api_signed_in
def placement_confirm(request, placement_id: int):
    user = request.auth
    placement = placement_selectors.get_placement_for_user(user, placement_id)
    try:
        placement_services.placement_confirm(acting_user=user, placement=placement, via="api")
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    except ValidationError:
        if placement.status != Placement.Status.AWAITING_CHECKS:
            problems = [{"type": "invalid", "loc": ["status"],
                         "msg": f"The placement is {placement.get_status_display().lower()}: it cannot be confirmed."}]
        else:
            problems = [{"type": "missing_check", "loc": ["checks", c.key], "msg": c.problem}
                        for c in placement_services.checklist(placement, timezone.localdate()) if c.problem]
        raise ApiValidationError(problems) from None
    return _placement_out(user, placement)
