"""Personal guidance over HTTP: a young person's guidance interviews, scoped like the record page,
and recording one (careers advisers serving the young person's school). Refused changes answer 422
with the problems by field."""
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from careershub.accounts.roles import Role
from careershub.core.api_access import api_roles, api_signed_in
from careershub.core.api_errors import problems
from careershub.young_people.selectors import young_people_visible_to

from . import selectors, services
from .models import GuidanceInterview, Route

router = Router(tags=["Personal guidance"])


class NextStepOut(Schema):
    id: int
    text: str
    due_on: date | None
    done_on: date | None


class InterviewOut(Schema):
    id: int
    young_person_id: int
    held_on: date
    academic_year: int
    year_group: int
    format: str
    discussed: str
    follow_up_on: date | None
    adviser: str = Field(..., description="The careers adviser's name.")
    provider: str | None
    next_steps: list[NextStepOut]

    @staticmethod
    def resolve_adviser(obj):
        return obj.adviser.get_full_name() if obj.adviser else ""

    @staticmethod
    def resolve_provider(obj):
        return obj.provider.name if obj.provider else None

    @staticmethod
    def resolve_next_steps(obj):
        return list(obj.next_steps.all())


class NextStepIn(Schema):
    text: str
    due_on: date | None = None


class InterviewIn(Schema):
    young_person_id: int
    held_on: date
    format: GuidanceInterview.Format = GuidanceInterview.Format.IN_PERSON
    discussed: str
    follow_up_on: date | None = None
    next_steps: list[NextStepIn] = []


@router.get("/interviews", response=list[InterviewOut])
@api_signed_in
def list_interviews(request, young_person_id: int):
    """The guidance interviews of one young person whose record the caller may see (404 otherwise)."""
    young_person = get_object_or_404(young_people_visible_to(request.user), pk=young_person_id)
    return list(selectors.interviews_of(young_person))


@router.get("/interviews/{interview_id}", response=InterviewOut)
@api_signed_in
def get_interview(request, interview_id: int):
    return selectors.get_interview_for_user(request.user, interview_id)


@router.post("/interviews", response={201: InterviewOut})
@api_roles(Role.CAREERS_ADVISER)
def record_interview(request, payload: InterviewIn):
    young_person = get_object_or_404(young_people_visible_to(request.user), pk=payload.young_person_id)
    if not selectors.may_record_interview(request.user, young_person):
        raise HttpError(404, "Not Found")
    try:
        interview = services.interview_record(
            acting_user=request.user, young_person=young_person, held_on=payload.held_on, format=payload.format,
            discussed=payload.discussed, follow_up_on=payload.follow_up_on,
            next_steps=[(step.text, step.due_on) for step in payload.next_steps], via="api",
        )
    except PermissionDenied as refused:
        raise HttpError(403, str(refused)) from None
    except ValidationError as error:
        raise problems(error) from None
    return 201, selectors.interviews_of(young_person).get(pk=interview.pk)



# Career plans -----------------------------------------------------------------------------------------
class GoalOut(Schema):
    text: str
    due_on: date | None
    done_on: date | None


class CommentOut(Schema):
    author: str
    author_role: str
    body: str
    at: datetime

    @staticmethod
    def resolve_author(obj):
        return obj.author.get_full_name() if obj.author else ""


class PlanOut(Schema):
    academic_year: int
    year_group: int
    interests: str
    aspirations: str
    route_after_16: str | None
    route_after_18: str | None
    goals: list[GoalOut]
    comments: list[CommentOut]

    @staticmethod
    def resolve_route_after_16(obj):
        return obj.route_after_16.name if obj.route_after_16 else None

    @staticmethod
    def resolve_route_after_18(obj):
        return obj.route_after_18.name if obj.route_after_18 else None

    @staticmethod
    def resolve_goals(obj):
        return list(obj.goals.all())

    @staticmethod
    def resolve_comments(obj):
        return list(obj.comments.all())


class GoalIn(Schema):
    text: str
    due_on: date | None = None


class PlanIn(Schema):
    interests: str = ""
    aspirations: str = ""
    route_after_16_id: int | None = None
    route_after_18_id: int | None = None
    goals: list[GoalIn] = []


class RouteOut(Schema):
    id: int
    stage: str
    name: str
    level: str
    description: str


@router.get("/routes", response=list[RouteOut])
@api_signed_in
def list_routes(request):
    """The routes a plan can name after year 11 (stage after_16) and after year 13 (after_18)."""
    return list(Route.objects.filter(active=True).order_by("stage", "order", "name"))


@router.get("/career-plans", response=list[PlanOut])
@api_signed_in
def list_plans(request, young_person_id: int):
    """Every year's career plan of a young person whose record the caller may see, newest first."""
    young_person = get_object_or_404(young_people_visible_to(request.user), pk=young_person_id)
    return selectors.plans_of(young_person)


@router.put("/career-plans/{young_person_id}", response=PlanOut)
@api_signed_in
def save_plan(request, young_person_id: int, payload: PlanIn):
    """Save this academic year's plan (the young person, or their school's staff)."""
    young_person = get_object_or_404(young_people_visible_to(request.user), pk=young_person_id)
    routes = {r.pk: r for r in Route.objects.filter(pk__in=[payload.route_after_16_id, payload.route_after_18_id])}
    for field in ("route_after_16_id", "route_after_18_id"):
        if getattr(payload, field) is not None and getattr(payload, field) not in routes:
            raise problems(ValidationError({field: "There is no route with that id"}))
    try:
        plan = services.plan_save(
            acting_user=request.user, young_person=young_person, interests=payload.interests,
            aspirations=payload.aspirations, route_after_16=routes.get(payload.route_after_16_id),
            route_after_18=routes.get(payload.route_after_18_id),
            goals=[(goal.text, goal.due_on) for goal in payload.goals], via="api",
        )
    except PermissionDenied as refused:
        raise HttpError(403, str(refused)) from None
    except ValidationError as error:
        raise problems(error, {"route_after_16": "route_after_16_id", "route_after_18": "route_after_18_id"}) from None
    return next(p for p in selectors.plans_of(young_person) if p.pk == plan.pk)
