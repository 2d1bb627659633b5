"""Allocation rounds over HTTP: the rounds a person may see, a round with its runs' summaries, running
and publishing (hub staff), a young person's own choices and result. Access follows the pages;
refused changes answer 422 with the problems by field."""
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.api_access import api_roles

from . import selectors, services
from .explain import explain
from .forms import policy_label

router = Router(tags=["Allocation rounds"])


class RoundOut(Schema):
    id: int
    name: str
    description: str
    status: str
    year_group_from: int
    year_group_to: int
    choices_allowed: int
    choices_close_on: date
    policy_order: list[str]
    policy: str
    seed: int
    published_run_id: int | None


class RunOut(Schema):
    id: int
    number: int
    policy_order: list[str]
    seed: int
    run_at: datetime
    seconds: float
    summary: dict


class RoundDetailOut(RoundOut):
    runs: list[RunOut]


class ChoicesIn(Schema):
    opportunity_ids: list[int]


class ChoiceOut(Schema):
    rank: int
    opportunity_id: int
    title: str


class ResultOut(Schema):
    published: bool
    opportunity_id: int | None = None
    choice: int | None = None
    headline: str = ""
    reasons: list[str] = []


def _round_out(r) -> dict:
    return {"id": r.pk, "name": r.name, "description": r.description, "status": r.status,
            "year_group_from": r.year_group_from, "year_group_to": r.year_group_to,
            "choices_allowed": r.choices_allowed, "choices_close_on": r.choices_close_on,
            "policy_order": list(r.policy_order), "policy": policy_label(r.policy_order), "seed": r.seed,
            "published_run_id": r.published_run_id}


def _run_out(run) -> dict:
    return {"id": run.pk, "number": run.number, "policy_order": list(run.policy_order), "seed": run.seed,
            "run_at": run.run_at, "seconds": run.seconds, "summary": run.summary}


def _refused(error: ValidationError):
    if hasattr(error, "error_dict"):
        problems = [{"loc": ["body", name], "msg": message, "type": "value_error"}
                    for name, messages in error.message_dict.items() for message in messages]
    else:
        problems = [{"loc": ["body"], "msg": message, "type": "value_error"} for message in error.messages]
    return ApiValidationError(problems)


@router.get("/rounds", response=list[RoundOut])
@api_roles(*selectors.ROUND_READERS)
def round_list(request):
    return [_round_out(r) for r in selectors.round_list_for(request.auth)]


@router.get("/rounds/{round_id}", response=RoundDetailOut)
@api_roles(Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER)
def round_detail(request, round_id: int):
    user = request.auth
    allocation_round = selectors.get_round_for_user(user, round_id)
    runs = selectors.runs_of(allocation_round) if selectors.is_manager(user, allocation_round) else []
    return {**_round_out(allocation_round), "runs": [_run_out(run) for run in runs]}


@router.post("/rounds/{round_id}/run", response={201: RunOut})
@api_roles(*HUB_STAFF)
def round_run(request, round_id: int):
    user = request.auth
    allocation_round = selectors.get_round_for_manager(user, round_id)
    try:
        run = services.run_round(acting_user=user, round=allocation_round)
    except ValidationError as error:
        raise _refused(error) from None
    return 201, _run_out(run)


@router.post("/runs/{run_id}/publish", response=RoundOut)
@api_roles(*HUB_STAFF)
def run_publish(request, run_id: int):
    user = request.auth
    run = selectors.get_run_for_manager(user, run_id)
    try:
        allocation_round = services.publish_run(acting_user=user, run=run)
    except ValidationError as error:
        raise _refused(error) from None
    return _round_out(allocation_round)


@router.get("/rounds/{round_id}/my-choices", response=list[ChoiceOut])
@api_roles(Role.YOUNG_PERSON)
def my_choices(request, round_id: int):
    allocation_round, young_person = selectors.get_round_for_young_person(request.auth, round_id)
    return [{"rank": c.rank, "opportunity_id": c.opportunity_id, "title": c.opportunity.title}
            for c in selectors.choices_of(allocation_round, young_person)]


@router.put("/rounds/{round_id}/my-choices", response=list[ChoiceOut])
@api_roles(Role.YOUNG_PERSON)
def my_choices_set(request, round_id: int, payload: ChoicesIn):
    user = request.auth
    allocation_round, young_person = selectors.get_round_for_young_person(user, round_id)
    try:
        services.choices_set(acting_user=user, round=allocation_round, young_person=young_person,
                             opportunity_ids=payload.opportunity_ids)
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return [{"rank": c.rank, "opportunity_id": c.opportunity_id, "title": c.opportunity.title}
            for c in selectors.choices_of(allocation_round, young_person)]


@router.get("/rounds/{round_id}/my-result", response=ResultOut)
@api_roles(Role.YOUNG_PERSON)
def my_result(request, round_id: int):
    allocation_round, young_person = selectors.get_round_for_young_person(request.auth, round_id)
    if not allocation_round.published_run_id:
        return {"published": False}
    outcome = selectors.outcome_of(allocation_round.published_run, young_person)
    if outcome is None:
        return {"published": True, "headline": "You did not make any choices in this round."}
    described = selectors.described_opportunities(selectors.opportunity_pks_in(outcome.explanation))
    explanation = explain(outcome.explanation, policy_order=allocation_round.published_run.policy_order,
                          opportunities=described)
    return {"published": True, "opportunity_id": outcome.opportunity_id, "choice": outcome.choice_number,
            "headline": explanation.headline, "reasons": explanation.reasons}
