"""The menu of opportunities over HTTP: searching the menu, one opportunity, drafting and submitting
(the host employer's contacts and hub staff), and the hub's approval or return.

Access follows the pages (see selectors): the menu for everyone signed in to the partnership; drafts,
submitted and returned opportunities only for the host employer's contacts and hub staff (404 for
anyone else). Refused changes answer 422 with the problems by field, as the pages show them.
"""
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from careershub.core.api_access import api_roles
from careershub.core.api_errors import problems
from careershub.network.models import Employer, Provider, SicSection

from . import geo, selectors, services
from .kinds import Kind
from .models import Opportunity

router = Router(tags=["opportunities"])


# Schemas ----------------------------------------------------------------------------------------
class OpportunityOut(Schema):
    id: int
    status: str = Field(..., description="draft, submitted, returned, approved or withdrawn.")
    kind: str
    kind_label: str
    title: str
    summary: str
    employer_id: int | None
    provider_id: int | None
    host_name: str
    benchmarks: list[int] = Field(..., description="The Gatsby Benchmarks (1 to 8) it serves.")
    sic_section: str = Field(..., description="The sector, as a UK SIC 2007 section letter.")
    year_group_from: int = Field(..., description="7 to 13; 14 for post-school.")
    year_group_to: int
    capacity: int
    places_left: int = Field(..., description="Capacity less the accepted applications.")
    how_places_are_given: str = Field(..., description="application, allocation or whole_group.")
    starts_on: date
    ends_on: date
    daily_times: str
    applications_close_on: date | None
    online: bool
    address: str
    postcode: str
    access_information: str
    daily_plan: str = Field(..., description="What the young person will do each day.")
    what_to_bring: str
    supervision: str
    supervisor_name: str
    url: str

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_host_name(obj):
        return obj.host.name if obj.host else ""

    @staticmethod
    def resolve_places_left(obj):
        return selectors.places_left(obj)

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()


class MenuFilters(Schema):
    q: str = Field("", max_length=100, description="Words matched against the title, summary and host's name.")
    kind: Kind | None = None
    sic_section: str = Field("", max_length=1, description="A UK SIC 2007 section letter.")
    year_group: int | None = Field(None, ge=7, le=14, description="Only those open to this year group.")
    date_from: date | None = Field(None, description="Only those running on or after this date.")
    date_to: date | None = Field(None, description="Only those running on or before this date.")
    online_only: bool = False
    within_miles: int | None = Field(None, description="Only those within 2, 5, 10 or 20 miles (online ones always pass).")
    school_id: int | None = Field(None, description="The school distances are measured from (a young person's own school "
                                                    "when left out).")


class OpportunityIn(Schema):
    employer_id: int | None = Field(None, description="The employer offering it; or give provider_id.")
    provider_id: int | None = Field(None, description="The college, university or training provider offering it.")
    kind: Kind
    title: str = Field(..., max_length=services.TITLE_MAX_LENGTH)
    summary: str
    benchmarks: list[int] = Field(default_factory=list, description="Left empty: the usual ones for the kind.")
    sic_section: str = Field(..., max_length=1)
    year_group_from: int
    year_group_to: int
    capacity: int
    how_places_are_given: str = Opportunity.HowPlacesAreGiven.APPLICATION
    starts_on: date
    ends_on: date
    daily_times: str = ""
    applications_close_on: date | None = None
    online: bool = False
    address: str = ""
    postcode: str = ""
    access_information: str = ""
    daily_plan: str
    what_to_bring: str = ""
    supervision: str
    supervisor_name: str = ""


class ReturnIn(Schema):
    reason: str = Field(..., max_length=services.REASON_MAX_LENGTH, description="What the host needs to change.")


def _refused(error: ValidationError):
    return problems(error)


def _out(user, pk: int) -> Opportunity:
    return get_object_or_404(selectors.with_places(selectors.opportunities_visible_to(user)), pk=pk)


def _origin(user, school_id: int | None):
    if school_id is not None:
        school = selectors.schools_for_distance(user).filter(pk=school_id).first()
        if school is None:
            raise problems(ValidationError({"school_id": "Choose a school or college you can see"}))
    else:
        young_person = selectors.own_young_person(user)
        if young_person is None:
            raise problems(ValidationError({"school_id": "Give the school to measure the distance from"}))
        school = young_person.school
    point = selectors.location_of_postcode(school.postcode)
    if point is None:
        raise problems(ValidationError({"school_id": f"We do not know where {school.name} is on the map yet"}))
    return point


# Operations ---------------------------------------------------------------------------------------
@router.get("/", response=list[OpportunityOut], summary="The menu: approved opportunities, searched and filtered")
@paginate(PageNumberPagination, page_size=50, max_page_size=200)
@api_roles(*selectors.MENU_READERS)
def opportunity_list(request, filters: Query[MenuFilters]):
    """Approved opportunities of your partnership that have not ended, soonest first, 50 a page."""
    user = request.auth
    if filters.sic_section and filters.sic_section.upper() not in SicSection.values:
        raise problems(ValidationError({"sic_section": "Give a SIC 2007 section letter from A to U"}))
    if filters.date_from and filters.date_to and filters.date_to < filters.date_from:
        raise problems(ValidationError({"date_to": "The last date must be the same as or after the first date"}))
    near_ids = None
    if filters.within_miles is not None:
        if filters.within_miles not in geo.DISTANCE_CHOICES:
            raise problems(ValidationError({"within_miles": "Give 2, 5, 10 or 20 miles"}))
        near_ids = selectors.located_near(selectors.menu_base(user), _origin(user, filters.school_id),
                                          filters.within_miles).keys()
    return selectors.filter_menu(
        selectors.menu_for(user), q=filters.q, kind=filters.kind or "", sic_section=filters.sic_section.upper(),
        date_from=filters.date_from, date_to=filters.date_to, year_group=filters.year_group,
        online_only=filters.online_only, near_ids=near_ids,
    )


@router.get("/{int:opportunity_id}", response=OpportunityOut, summary="One opportunity")
@api_roles(*selectors.MENU_READERS)
def opportunity_detail(request, opportunity_id: int):
    return _out(request.auth, opportunity_id)


@router.post("/", response={201: OpportunityOut}, summary="Draft an opportunity")
@api_roles(*selectors.CREATORS)
def opportunity_create(request, payload: OpportunityIn):
    """Hosted by an employer (``employer_id``) or, for hub staff, by a provider (``provider_id``)."""
    user = request.auth
    details = payload.dict(exclude={"employer_id", "provider_id"})
    details["kind"] = str(details["kind"].value if hasattr(details["kind"], "value") else details["kind"])
    if (payload.employer_id is None) == (payload.provider_id is None):
        raise problems(ValidationError({"employer_id": "Give either employer_id or provider_id"}))
    if payload.employer_id is not None:
        host = Employer.objects.filter(pk=payload.employer_id).first()
        missing = {"employer_id": "There is no employer you can create opportunities for with that id"}
    else:
        host = Provider.objects.filter(pk=payload.provider_id).first()
        missing = {"provider_id": "There is no provider you can create opportunities for with that id"}
    if host is None or not services.may_create_for(user, host):
        raise problems(ValidationError(missing))
    try:
        opportunity = services.opportunity_create(acting_user=user, host=host, via="api", **details)
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return 201, _out(user, opportunity.pk)


def _act(request, opportunity_id: int, action, **kwargs) -> Opportunity:
    user = request.auth
    opportunity = selectors.get_opportunity_for_user(user, opportunity_id)
    try:
        action(acting_user=user, opportunity=opportunity, via="api", **kwargs)
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return _out(user, opportunity_id)


@router.post("/{int:opportunity_id}/submit", response=OpportunityOut, summary="Submit a draft for the hub's approval")
@api_roles(*selectors.CREATORS)
def opportunity_submit(request, opportunity_id: int):
    return _act(request, opportunity_id, services.opportunity_submit)


@router.post("/{int:opportunity_id}/approve", response=OpportunityOut, summary="Approve a submitted opportunity")
@api_roles(*selectors.REVIEWER_ROLES)
def opportunity_approve(request, opportunity_id: int):
    return _act(request, opportunity_id, services.opportunity_approve)


@router.post("/{int:opportunity_id}/return", response=OpportunityOut,
             summary="Return a submitted opportunity to its host with what to change")
@api_roles(*selectors.REVIEWER_ROLES)
def opportunity_return(request, opportunity_id: int, payload: ReturnIn):
    return _act(request, opportunity_id, services.opportunity_return, reason=payload.reason)

