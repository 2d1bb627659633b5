from datetime import date

from ninja import Router, Schema

from careershub.core.api_access import api_signed_in

from . import selectors, services

router = Router(tags=["young people"])


class YoungPersonOut(Schema):
    id: int
    first_name: str
    last_name: str
    date_of_birth: date
    year_group: int
    school_id: int
    school_name: str

    @staticmethod
    def resolve_school_name(obj):
        return obj.school.name


@router.get("/{int:young_person_id}", response=YoungPersonOut, summary="A young person's record")
@api_signed_in
def young_person_detail(request, young_person_id: int):
    young_person = selectors.get_young_person_for_user(request.auth, young_person_id)
    services.record_viewed(acting_user=request.auth, young_person=young_person, via="api")
    return young_person
