"""The hub dashboard's figures as JSON (mounted beside the network router at /api/network/)."""
from ninja import Router, Schema

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.api_access import api_roles

from . import dashboard

router = Router(tags=["network"])


class SchoolTotalsOut(Schema):
    engaged: int
    target_only: int
    declined: int
    total: int
    engaged_with_adviser: int


class EmployerTotalsOut(Schema):
    total: int
    cornerstone: int
    with_active_advisers: int
    active_advisers: int


class FigureOut(Schema):
    title: str
    columns: list[str]
    rows: list[list[str | int]]


class DashboardOut(Schema):
    scope: str
    schools: SchoolTotalsOut
    employers: EmployerTotalsOut
    figures: dict[str, FigureOut]


@router.get("/dashboard", response=DashboardOut,
            summary="The hub dashboard: schools engaged, adviser matches and employers, as on the page")
@api_roles(*HUB_STAFF, Role.ANALYST)
def hub_dashboard(request):
    return dashboard.as_json(dashboard.figures_for(request.auth))
