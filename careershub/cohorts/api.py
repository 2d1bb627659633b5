"""Ambassador cohorts over HTTP, with the pages' access: hub staff manage; the panel sees the whole
applicant pool with only what selection needs and the balance in aggregate; careers leaders their
own school's applicants; senior employers their school's ambassadors; young people the cohorts open
to them. Outsiders get 404. Refused changes answer 422 with the problems by field."""
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.api_access import api_roles
from careershub.core.api_errors import problems
from careershub.core.models import AuditEntry

from . import selectors, services
from .views import AMBASSADOR_ROLES, APPLICANT_ROLES, SELECTION_ROLES, WITHDRAW_ROLES, shown_name

router = Router(tags=["Ambassador cohorts"])


class CohortOut(Schema):
    id: int
    title: str
    theme: str
    theme_label: str
    description: str
    year_group_from: int
    year_group_to: int
    places: int
    applications_open_on: date
    applications_close_on: date
    starts_on: date
    ends_on: date
    status: str


class CellOut(Schema):
    label: str
    count: int | None = Field(None, description="Null when suppressed (fewer than 5, or hidden so another cannot be worked out).")
    percent: int | None = None
    text: str


class BalanceRowOut(Schema):
    stage: str
    total: int
    cells: list[CellOut]


class BalanceOut(Schema):
    gender: list[BalanceRowOut]
    disadvantage: list[BalanceRowOut]


class SchoolLinkOut(Schema):
    school_id: int
    school_name: str
    employer_id: int
    employer_name: str


class ActivityOut(Schema):
    id: int
    title: str
    occurs_on: date
    kind: str
    description: str


class CohortDetailOut(CohortOut):
    schools: list[SchoolLinkOut]
    activities: list[ActivityOut]
    balance: BalanceOut | None = Field(None, description="For hub staff and the panel only.")


class ApplicantOut(Schema):
    id: int
    name: str = Field(description="First name and last initial for the panel; the full name for hub staff and the school.")
    school_name: str
    year_group: int
    statement: str
    school_support: str
    status: str


class AmbassadorOut(Schema):
    id: int
    name: str
    school_name: str
    year_group: int
    attended: int
    offered: int


class ApplicationIn(Schema):
    statement: str = Field(max_length=3000)


class ApplicationOut(Schema):
    id: int
    cohort_id: int
    status: str
    withdrawal_reason: str


class DecisionIn(Schema):
    application_id: int
    status: str = Field(description="applied, shortlisted, selected or not_selected")


class SelectionIn(Schema):
    decisions: list[DecisionIn]


class SelectionOut(Schema):
    changed: int
    balance: BalanceOut


class WithdrawIn(Schema):
    reason: str = Field(max_length=1000)


def _cohort_out(cohort) -> dict:
    return {**{f: getattr(cohort, f) for f in ("id", "title", "theme", "description", "year_group_from", "year_group_to",
                                                 "places", "applications_open_on", "applications_close_on", "starts_on",
                                                 "ends_on", "status")},
            "theme_label": cohort.get_theme_display()}


def _balance_out(balance) -> dict:
    def rows(items):
        return [{"stage": r.stage, "total": r.total,
                 "cells": [{"label": c.label, "count": c.count, "percent": c.percent, "text": c.text} for c in r.cells]}
                for r in items]

    return {"gender": rows(balance.gender), "disadvantage": rows(balance.disadvantage)}


@router.get("/", response=list[CohortOut], summary="Cohorts you can see")
@api_roles(*selectors.COHORT_ROLES)
def cohort_list(request):
    return [_cohort_out(c) for c in selectors.cohort_list_for(request.auth)]


@router.get("/{int:cohort_id}", response=CohortDetailOut, summary="A cohort, its schools and menu of activities")
@api_roles(*selectors.COHORT_ROLES)
def cohort_detail(request, cohort_id: int):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    standing = selectors.standing_of(request.auth, cohort)
    return {
        **_cohort_out(cohort),
        "schools": [{"school_id": link.school_id, "school_name": link.school.name, "employer_id": link.employer_id,
                     "employer_name": link.employer.name} for link in selectors.schools_of(cohort)],
        "activities": list(selectors.activities_of(cohort)),
        "balance": _balance_out(selectors.balance_for(cohort)) if standing.sees_pool else None,
    }


@router.get("/{int:cohort_id}/applicants", response=list[ApplicantOut], summary="Applicants you can see")
@api_roles(*APPLICANT_ROLES)
def applicant_list(request, cohort_id: int):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    standing = selectors.standing_of(request.auth, cohort)
    if not standing.sees_applicants:
        raise Http404("No applicants of this cohort are visible to you.")
    applications = list(selectors.applications_for(request.auth, cohort, standing))
    audit.record(actor=request.auth, action=AuditEntry.Action.VIEW, subject=cohort, via="api",
                 summary=f"Viewed applicants to {cohort.title}: {len(applications)} shown")
    return [{"id": a.pk, "name": shown_name(a, standing), "school_name": a.young_person.school.name,
             "year_group": a.young_person.year_group, "statement": a.statement, "school_support": a.school_support,
             "status": a.status} for a in applications]


@router.post("/{int:cohort_id}/applications", response={201: ApplicationOut}, summary="Apply to be an ambassador")
@api_roles(Role.YOUNG_PERSON)
def application_create(request, cohort_id: int, payload: ApplicationIn):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    young_person = selectors.own_young_person(request.auth)
    try:
        application = services.application_submit(acting_user=request.auth, cohort=cohort, young_person=young_person,
                                                  statement=payload.statement)
    except ValidationError as error:
        raise problems(error) from None
    return 201, application


@router.post("/{int:cohort_id}/selection", response=SelectionOut, summary="Save the panel's decisions")
@api_roles(*SELECTION_ROLES)
def selection_save(request, cohort_id: int, payload: SelectionIn):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    if not selectors.standing_of(request.auth, cohort).selects:
        raise Http404("Only the cohort's panel sees its selection.")
    try:
        changed = services.selection_save(acting_user=request.auth, cohort=cohort,
                                          decisions={d.application_id: d.status for d in payload.decisions})
    except ValidationError as error:
        raise problems(error) from None
    return {"changed": changed, "balance": _balance_out(selectors.balance_for(cohort))}


@router.post("/{int:cohort_id}/applications/{int:application_id}/withdraw", response=ApplicationOut,
             summary="Withdraw an application, with the reason")
@api_roles(*WITHDRAW_ROLES)
def application_withdraw(request, cohort_id: int, application_id: int, payload: WithdrawIn):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    application = selectors.get_application_for_user(request.auth, cohort, application_id)
    try:
        return services.application_withdraw(acting_user=request.auth, application=application, reason=payload.reason)
    except ValidationError as error:
        raise problems(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None


@router.get("/{int:cohort_id}/ambassadors", response=list[AmbassadorOut], summary="Ambassadors and their progress")
@api_roles(*AMBASSADOR_ROLES)
def ambassador_list(request, cohort_id: int):
    cohort = selectors.get_cohort_for_user(request.auth, cohort_id)
    standing = selectors.standing_of(request.auth, cohort)
    if not standing.sees_ambassadors:
        raise Http404("No ambassadors of this cohort are visible to you.")
    offered = selectors.offered_count(cohort)
    ambassadors = list(selectors.ambassadors_for(request.auth, cohort, standing))
    audit.record(actor=request.auth, action=AuditEntry.Action.VIEW, subject=cohort, via="api",
                 summary=f"Viewed ambassadors of {cohort.title}: {len(ambassadors)} shown")
    return [{"id": a.pk, "name": shown_name(a, standing), "school_name": a.young_person.school.name,
             "year_group": a.young_person.year_group, "attended": a.attended_count, "offered": offered}
            for a in ambassadors]

