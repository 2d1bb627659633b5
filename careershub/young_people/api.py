from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from careershub.core.api_access import api_roles, api_signed_in

from . import selectors, services
from .forms import describe_filters

router = Router(tags=["young people"])


class YoungPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    date_of_birth: date
    year_group: int = Field(description="National curriculum year, 7 to 13; 14 for post-school.")
    upn: str = Field(description="Unique pupil number.")
    send: str = Field(description="N no special educational need, K SEN support, E education, health and care plan.")
    pupil_premium: bool
    school_id: int
    school_name: str

    @staticmethod
    def resolve_school_name(obj):
        return obj.school.name


class YoungPeopleFilters(Schema):
    q: str = Field("", max_length=100, description="A UPN, or words matched against first and last names.")
    school_id: int | None = Field(None, description="Only this school's or college's young people.")
    year_group: int | None = Field(None, ge=7, le=14)
    send: Literal["any", "N", "K", "E"] | None = Field(None, description="A SEND status, or any for K or E.")
    pupil_premium: bool | None = None


@router.get("/", response=list[YoungPersonOut], summary="Young people you can see")
@paginate(PageNumberPagination, page_size=50, max_page_size=200)
@api_roles(*selectors.LIST_ROLES)
def young_person_list(request, filters: Query[YoungPeopleFilters]):
    """The young people whose records you may open (your school's, your area hubs' or your
    partnership's), by surname, 50 a page. Each call is written in the audit log."""
    qs = selectors.young_people_list(
        user=request.auth, search=filters.q, school_id=filters.school_id, year_group=filters.year_group,
        send=filters.send or "", pupil_premium=filters.pupil_premium,
    )
    services.list_viewed(
        acting_user=request.auth, via="api", shown=None,
        description=describe_filters(
            search=filters.q, year_group=filters.year_group, send=filters.send or "",
            pupil_premium=filters.pupil_premium,
            school_name=f"school {filters.school_id}" if filters.school_id else "",
        ),
    )
    return qs


@router.get("/{int:young_person_id}", response=YoungPersonOut, summary="A young person's record")
@api_signed_in
def young_person_detail(request, young_person_id: int):
    young_person = selectors.get_young_person_for_user(request.auth, young_person_id)
    services.record_viewed(acting_user=request.auth, young_person=young_person, via="api")
    return young_person
