"""The partnership network over the API: schools and colleges, employers, providers and area hubs.

Lists show what the caller may see (as the web pages do) and take the same filters. Hub staff create
and change schools, and the hub manager employers, with the web forms' validation: a request that
does not pass answers 422 with one entry per field, ``{"loc": ["body", "payload", field], "msg": ...}``.
"""
import copy
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.core.api_access import api_roles, api_signed_in

from . import selectors, services
from .forms import EmployerForm, SchoolForm
from .models import Employer, School
from .sic import SicSection

router = Router(tags=["network"])

MAX_LIMIT = 1000


# Schemas ----------------------------------------------------------------------------------------------
class SchoolOut(Schema):
    id: int
    urn: str
    name: str
    phase: str
    school_type: str
    status: str
    area_hub_id: int | None
    area_hub_name: str | None = Field(None, description="The name of the school's area hub, if it has one.")
    targeted_on: datetime.date | None
    engaged_on: datetime.date | None = Field(None, description="When the school most recently became engaged.")
    declined_on: datetime.date | None
    postcode: str
    website: str

    @staticmethod
    def resolve_area_hub_name(obj):
        return obj.area_hub.name if obj.area_hub_id else None


_SCHOOL_VALUES = (
    f"phase: {', '.join(School.Phase.values)}; school_type: {', '.join(School.Type.values)}; "
    f"status: {', '.join(School.Status.values)}"
)


class SchoolIn(Schema):
    urn: str = Field(..., description="Six digits, from Get Information about Schools.")
    name: str
    phase: str = Field(School.Phase.SECONDARY, description=_SCHOOL_VALUES)
    school_type: str = Field(School.Type.MAINSTREAM, description=_SCHOOL_VALUES)
    area_hub_id: int | None = Field(None, description=(
        "One of the partnership's area hubs. Enterprise coordinators must give one of theirs; one who "
        "covers a single area hub may leave it out."
    ))
    status: str = Field(School.Status.TARGET, description="Changing the status records today's date against it.")
    postcode: str = ""
    website: str = ""


class SchoolPatch(Schema):
    """Only the fields given are changed."""

    urn: str | None = None
    name: str | None = None
    phase: str | None = None
    school_type: str | None = None
    area_hub_id: int | None = None
    status: str | None = None
    postcode: str | None = None
    website: str | None = None


class EmployerOut(Schema):
    id: int
    name: str
    sic_section: str
    sector_name: str
    size_band: str
    is_cornerstone: bool
    is_growth_sector: bool = Field(..., description="Whether the sector is one of the partnership's growth sectors.")
    growth_sector_label: str | None
    postcode: str
    website: str

    @staticmethod
    def resolve_sector_name(obj):
        return SicSection(obj.sic_section).label


class EmployerIn(Schema):
    name: str
    sic_section: str = Field(..., description="The UK SIC 2007 section letter, A to U.")
    size_band: str = Field(..., description=", ".join(Employer.SizeBand.values))
    is_cornerstone: bool = False
    postcode: str = ""
    website: str = ""


class EmployerPatch(Schema):
    """Only the fields given are changed."""

    name: str | None = None
    sic_section: str | None = None
    size_band: str | None = None
    is_cornerstone: bool | None = None
    postcode: str | None = None
    website: str | None = None


class ProviderOut(Schema):
    id: int
    name: str
    kind: str
    postcode: str
    website: str
    contact_email: str


class AreaHubOut(Schema):
    id: int
    name: str
    school_count: int
    engaged_count: int


# Helpers ----------------------------------------------------------------------------------------------
def _page(queryset: QuerySet, limit: int | None, offset: int):
    return list(queryset[offset:offset + limit] if limit else queryset[offset:])


def _form_errors(form, renamed: dict[str, str] | None = None) -> ApiValidationError:
    renamed = renamed or {}
    errors = []
    for field, field_errors in form.errors.as_data().items():
        for error in field_errors:
            for message in error.messages:
                loc = ["body", "payload"] + ([renamed.get(field, field)] if field != "__all__" else [])
                errors.append({"type": error.code or "invalid", "loc": loc, "msg": message})
    return ApiValidationError(errors)


def _service_errors(error: ValidationError, renamed: dict[str, str] | None = None) -> ApiValidationError:
    renamed = renamed or {}
    if hasattr(error, "error_dict"):
        items = [(renamed.get(field, field), messages) for field, messages in error.message_dict.items()]
    else:
        items = [(None, error.messages)]
    return ApiValidationError([
        {"type": "invalid", "loc": ["body", "payload"] + ([field] if field and field != "__all__" else []), "msg": message}
        for field, messages in items for message in messages
    ])


SCHOOL_RENAMED = {"area_hub": "area_hub_id"}


def _school_form(user, school: School | None, changes: dict) -> SchoolForm:
    data = {}
    if school is not None:
        data = {name: getattr(school, name) for name in services.SCHOOL_FIELDS if name != "area_hub"}
        data["area_hub"] = school.area_hub_id
    for name, value in changes.items():
        data["area_hub" if name == "area_hub_id" else name] = value
    data = {name: ("" if value is None and name != "area_hub" else value) for name, value in data.items()}
    area_hubs = selectors.area_hubs_for_new_schools(user)
    return SchoolForm(data, instance=copy.copy(school) if school else None, area_hubs=area_hubs,
                      area_hub_required=selectors.managed_partnership(user) is None)


def _employer_form(employer: Employer | None, partnership, changes: dict) -> EmployerForm:
    data = {}
    if employer is not None:
        data = {name: getattr(employer, name) for name in services.EMPLOYER_FIELDS}
    data.update({name: ("" if value is None else value) for name, value in changes.items()})
    return EmployerForm(data, instance=copy.copy(employer) if employer else None, partnership=partnership)


# Schools ----------------------------------------------------------------------------------------------
@router.get("/schools", response=list[SchoolOut], summary="Schools and colleges you can see")
@api_signed_in
def school_list(request, q: str = "", area_hub_id: int | None = None, school_type: str = "", status: str = "",
                phase: str = "", limit: int | None = Query(None, ge=1, le=MAX_LIMIT), offset: int = Query(0, ge=0)):
    schools = selectors.filter_schools(
        selectors.schools_visible_to(request.auth), q=q, area_hub=area_hub_id, school_type=school_type,
        status=status, phase=phase,
    ).order_by("name", "pk")
    return _page(schools, limit, offset)


@router.get("/schools/{int:school_id}", response=SchoolOut, summary="A school or college")
@api_signed_in
def school_detail(request, school_id: int):
    return selectors.get_school_for_user(request.auth, school_id)


@router.post("/schools", response={201: SchoolOut}, summary="Add a school or college")
@api_roles(*HUB_STAFF)
def school_create(request, payload: SchoolIn):
    user = request.auth
    changes = payload.dict()
    own = selectors.area_hubs_for_new_schools(user)
    if changes["area_hub_id"] is None and selectors.managed_partnership(user) is None and len(own) == 1:
        changes["area_hub_id"] = own[0].pk
    form = _school_form(user, None, changes)
    if not form.is_valid():
        raise _form_errors(form, SCHOOL_RENAMED)
    try:
        school = services.school_create(
            acting_user=user, partnership=selectors.directory_partnership(user), via="api",
            **{name: form.cleaned_data[name] for name in services.SCHOOL_FIELDS},
        )
    except ValidationError as error:
        raise _service_errors(error, SCHOOL_RENAMED) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return 201, school


@router.patch("/schools/{int:school_id}", response=SchoolOut, summary="Change a school or college")
@api_roles(*HUB_STAFF)
def school_update(request, school_id: int, payload: SchoolPatch):
    user = request.auth
    school = selectors.get_school_for_editing(user, school_id)
    form = _school_form(user, school, payload.dict(exclude_unset=True))
    if not form.is_valid():
        raise _form_errors(form, SCHOOL_RENAMED)
    try:
        school = services.school_update(
            acting_user=user, school=school, via="api",
            **{name: form.cleaned_data[name] for name in services.SCHOOL_FIELDS},
        )
    except ValidationError as error:
        raise _service_errors(error, SCHOOL_RENAMED) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return selectors.get_school_for_user(user, school.pk)


# Employers --------------------------------------------------------------------------------------------
@router.get("/employers", response=list[EmployerOut], summary="Employers you can see")
@api_signed_in
def employer_list(request, q: str = "", sic_section: str = "", size_band: str = "", cornerstone: bool | None = None,
                  growth_sector: bool | None = None, limit: int | None = Query(None, ge=1, le=MAX_LIMIT),
                  offset: int = Query(0, ge=0)):
    employers = selectors.filter_employers(
        selectors.with_growth_sector(selectors.employers_visible_to(request.auth)), q=q, sic_section=sic_section,
        size_band=size_band, cornerstone=cornerstone, growth_sector=growth_sector,
    ).order_by("name", "pk")
    return _page(employers, limit, offset)


@router.get("/employers/{int:employer_id}", response=EmployerOut, summary="An employer")
@api_signed_in
def employer_detail(request, employer_id: int):
    return selectors.get_employer_for_user(request.auth, employer_id)


@router.post("/employers", response={201: EmployerOut}, summary="Add an employer")
@api_roles(Role.HUB_MANAGER)
def employer_create(request, payload: EmployerIn):
    user = request.auth
    partnership = selectors.managed_partnership(user)
    form = _employer_form(None, partnership, payload.dict())
    if not form.is_valid():
        raise _form_errors(form)
    try:
        employer = services.employer_create(
            acting_user=user, partnership=partnership, via="api",
            **{name: form.cleaned_data[name] for name in services.EMPLOYER_FIELDS},
        )
    except ValidationError as error:
        raise _service_errors(error) from None
    return 201, selectors.get_employer_for_user(user, employer.pk)


@router.patch("/employers/{int:employer_id}", response=EmployerOut, summary="Change an employer")
@api_roles(Role.HUB_MANAGER)
def employer_update(request, employer_id: int, payload: EmployerPatch):
    user = request.auth
    employer = selectors.get_employer_for_editing(user, employer_id)
    form = _employer_form(employer, employer.partnership, payload.dict(exclude_unset=True))
    if not form.is_valid():
        raise _form_errors(form)
    try:
        services.employer_update(
            acting_user=user, employer=employer, via="api",
            **{name: form.cleaned_data[name] for name in services.EMPLOYER_FIELDS},
        )
    except ValidationError as error:
        raise _service_errors(error) from None
    return selectors.get_employer_for_user(user, employer.pk)


# Providers and area hubs ------------------------------------------------------------------------------
@router.get("/providers", response=list[ProviderOut], summary="Providers you can see")
@api_signed_in
def provider_list(request, q: str = "", kind: str = "", limit: int | None = Query(None, ge=1, le=MAX_LIMIT),
                  offset: int = Query(0, ge=0)):
    providers = selectors.filter_providers(selectors.providers_visible_to(request.auth), q=q, kind=kind)
    return _page(providers.order_by("name", "pk"), limit, offset)


@router.get("/providers/{int:provider_id}", response=ProviderOut, summary="A provider")
@api_signed_in
def provider_detail(request, provider_id: int):
    return selectors.get_provider_for_user(request.auth, provider_id)


@router.get("/area-hubs", response=list[AreaHubOut], summary="The partnership's area hubs")
@api_signed_in
def area_hub_list(request):
    return list(selectors.area_hubs_with_counts(request.auth))


@router.get("/area-hubs/{int:area_hub_id}", response=AreaHubOut, summary="An area hub")
@api_signed_in
def area_hub_detail(request, area_hub_id: int):
    return get_object_or_404(selectors.area_hubs_with_counts(request.auth), pk=area_hub_id)

