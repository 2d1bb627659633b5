from ninja import Router, Schema

from careershub.core.api_access import api_signed_in

from . import selectors

router = Router(tags=["network"])


class SchoolOut(Schema):
    id: int
    urn: str
    name: str
    phase: str
    school_type: str
    status: str
    area_hub_id: int | None


@router.get("/schools", response=list[SchoolOut], summary="Schools and colleges you can see")
@api_signed_in
def school_list(request):
    return list(selectors.schools_visible_to(request.auth))
