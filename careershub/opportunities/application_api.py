"""Applications over HTTP: the same reads and writes as the pages, through the same selectors and
services.

- ``GET /api/opportunities/applications/``: the applications you may see (your own, your children's,
  your school's, area hubs' or partnership's young people's, or those to your employer's
  opportunities), newest first, 50 a page; filter by ``status`` and ``opportunity_id``.
- ``GET /api/opportunities/applications/{id}``: one application with its messages. The host sees the
  applicant as first name and last initial with only what they chose to share; ``young_person_id``
  and ``young_person_name`` are null for the host.
- ``POST /api/opportunities/{opportunity_id}/applications``: a young person applies (201).
- ``POST /api/opportunities/applications/{id}/decision``: the host shortlists, accepts or declines
  (with a reason).
- ``POST /api/opportunities/applications/{id}/withdraw``: the young person withdraws.
- ``POST /api/opportunities/applications/{id}/messages``: a message on the thread (201).

Answers when a change is refused:

- 422 with the problems by field (a reason missing, nothing written, a part of the record that
  cannot be shared), as the pages show them beside the fields;
- 409 Conflict when the request is well formed but the state refuses it, with ``detail`` saying why:
  every place is taken ("All 3 places are taken"), applications are closed, an application already
  exists, or the application is no longer in a status that allows the change;
- 403 when your role on the application does not allow the change, 404 when you may not see it.
"""
from datetime import date, datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as ApiValidationError
from ninja.pagination import PageNumberPagination, paginate

from careershub.accounts.roles import Role
from careershub.core.api_access import api_roles, api_signed_in

from . import application_selectors as selectors
from . import application_services as services
from .models import Application
from .selectors import get_opportunity_for_user

router = Router(tags=["applications"])

StatusName = Literal["submitted", "shortlisted", "accepted", "declined", "withdrawn"]
ShareName = Literal["school", "year_group", "encounters", "skills", "career_interests"]


# Schemas ----------------------------------------------------------------------------------------
class EncounterOut(Schema):
    title: str
    occurred_on: date


class SharedPartOut(Schema):
    key: ShareName
    label: str
    text: str = Field(description="The value shared, or ‘Nothing recorded yet’; empty for a list of encounters.")
    encounters: list[EncounterOut] = Field(default_factory=list)


class MessageOut(Schema):
    author: str = Field(description="How the author is named to you.")
    body: str
    sent_at: datetime


class ApplicationSummaryOut(Schema):
    id: int
    opportunity_id: int
    opportunity_title: str
    host_name: str
    status: StatusName
    status_label: str
    applicant_name: str = Field(description="First name and last initial.")
    young_person_id: int | None = Field(None, description="Null for the host, who never sees the record itself.")
    young_person_name: str | None = Field(None, description="Null for the host.")
    created_at: datetime
    decided_at: datetime | None


class ApplicationOut(ApplicationSummaryOut):
    interest: str
    availability: str
    shared: list[ShareName] = Field(description="The parts of the record the young person chose to share.")
    shared_parts: list[SharedPartOut]
    decision_reason: str = Field(description="The host's reason, when the application was declined.")
    messages: list[MessageOut]


class ApplicationIn(Schema):
    interest: str = Field(..., max_length=services.INTEREST_MAX_LENGTH)
    availability: str = Field("", max_length=services.AVAILABILITY_MAX_LENGTH)
    shared: list[str] = Field(default_factory=list, description="Any of school, year_group, encounters, skills, career_interests.")


class DecisionIn(Schema):
    decision: Literal["shortlist", "accept", "decline"]
    reason: str = Field("", max_length=services.REASON_MAX_LENGTH, description="Needed to decline; the young person sees it.")


class WithdrawIn(Schema):
    reason: str = Field("", max_length=services.REASON_MAX_LENGTH)


class MessageIn(Schema):
    body: str = Field(..., max_length=services.MESSAGE_MAX_LENGTH)


class ApplicationFilters(Schema):
    status: StatusName | None = None
    opportunity_id: int | None = None


# Shaping ----------------------------------------------------------------------------------------
def _summary(user, application: Application) -> dict:
    host_view = (services.is_host_of(user, application.opportunity)
                 and not selectors.sees_applicant_record(user, application))
    young_person = application.young_person
    return {
        "id": application.pk, "opportunity_id": application.opportunity_id,
        "opportunity_title": application.opportunity.title, "host_name": str(application.opportunity.host),
        "status": application.status, "status_label": application.get_status_display(),
        "applicant_name": services.short_name(young_person),
        "young_person_id": None if host_view else young_person.pk,
        "young_person_name": None if host_view else young_person.full_name,
        "created_at": application.created_at, "decided_at": application.decided_at,
    }


def _detail(user, application: Application) -> dict:
    summary = _summary(user, application)
    host_view = summary["young_person_id"] is None
    thread = selectors.messages_of(application)
    labels = selectors.author_labels(application, thread, host_view=host_view)
    return {
        **summary, "interest": application.interest, "availability": application.availability,
        "shared": [s for s in application.shared if s in Application.Share.values],
        "shared_parts": [
            {"key": p.key, "label": p.label, "text": p.text,
             "encounters": [{"title": title, "occurred_on": day} for title, day in p.entries]}
            for p in selectors.shared_parts(application.young_person, application.shared)
        ],
        "decision_reason": application.decision_reason,
        "messages": [{"author": labels.get(m.author_id, "Someone who has left Careers Hub"), "body": m.body,
                      "sent_at": m.sent_at} for m in thread],
    }


def _refused(error: ValidationError) -> Exception:
    """409 for a refusal by state, 422 with problems by field otherwise."""
    if not hasattr(error, "error_dict"):
        codes = {e.code for e in error.error_list}
        if codes & services.CONFLICT_CODES:
            return HttpError(409, " ".join(error.messages))
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(None, error.messages)]
    return ApiValidationError([
        {"type": "invalid", "loc": ["body", "payload"] + ([name] if name and name != "__all__" else []), "msg": message}
        for name, messages in items for message in messages
    ])


# Endpoints --------------------------------------------------------------------------------------
@router.get("/applications/", response=list[ApplicationSummaryOut], summary="Applications you can see")
@paginate(PageNumberPagination, page_size=50, max_page_size=200)
@api_roles(*selectors.READER_ROLES)
def application_list(request, filters: Query[ApplicationFilters]):
    user = request.auth
    qs = selectors.applications_visible_to(user).order_by("-created_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.opportunity_id:
        qs = qs.filter(opportunity_id=filters.opportunity_id)
    return _Shaped(qs, lambda application: _summary(user, application))


class _Shaped:
    """A queryset the paginator slices and counts, shaping only the page it returns."""

    def __init__(self, queryset, shape):
        self.queryset, self.shape = queryset, shape

    def count(self):
        return self.queryset.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return [self.shape(a) for a in self.queryset[index]]


@router.get("/applications/{int:application_id}", response=ApplicationOut, summary="An application and its messages")
@api_signed_in
def application_detail(request, application_id: int):
    user = request.auth
    application = selectors.get_application_for_user(user, application_id)
    services.application_viewed(acting_user=user, application=application, via="api")
    return _detail(user, application)


@router.post("/{int:opportunity_id}/applications", response={201: ApplicationOut}, summary="Apply for an opportunity")
@api_roles(Role.YOUNG_PERSON)
def application_submit(request, opportunity_id: int, payload: ApplicationIn):
    """The young person applies from their own account. 409 when applications are closed or they have
    already applied; 422 when their year group is not one the opportunity is for, or a field is wrong."""
    user = request.auth
    opportunity = get_opportunity_for_user(user, opportunity_id)
    young_person = selectors.young_person_of(user)
    if young_person is None:
        raise HttpError(403, "Your account is not linked to a young person's record.")
    try:
        application = services.application_submit(
            acting_user=user, opportunity=opportunity, young_person=young_person, interest=payload.interest,
            availability=payload.availability, shared=payload.shared, via="api",
        )
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return 201, _detail(user, selectors.get_application_for_user(user, application.pk))


@router.post("/applications/{int:application_id}/decision", response=ApplicationOut,
             summary="Shortlist, accept or decline an application")
@api_roles(Role.EMPLOYER_CONTACT)
def application_decide(request, application_id: int, payload: DecisionIn):
    """For the host's contacts. Accepting when every place is taken answers 409 with
    ``{"detail": "All N places are taken"}``; declining without a reason answers 422 (``reason``)."""
    user = request.auth
    application = selectors.get_application_for_host(user, application_id)
    try:
        services.application_decide(acting_user=user, application=application, decision=payload.decision,
                                    reason=payload.reason, via="api")
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return _detail(user, selectors.get_application_for_host(user, application_id))


@router.post("/applications/{int:application_id}/withdraw", response=ApplicationOut,
             summary="Withdraw your application")
@api_roles(Role.YOUNG_PERSON)
def application_withdraw(request, application_id: int, payload: WithdrawIn):
    """For the young person. Withdrawing an accepted application frees the place and cancels its
    placement; 409 once it is declined, withdrawn or the opportunity has ended."""
    user = request.auth
    application = selectors.get_own_application(user, application_id)
    try:
        services.application_withdraw(acting_user=user, application=application, reason=payload.reason, via="api")
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    return _detail(user, selectors.get_own_application(user, application_id))


@router.post("/applications/{int:application_id}/messages", response={201: MessageOut},
             summary="Send a message about an application")
@api_signed_in
def message_send(request, application_id: int, payload: MessageIn):
    """For the host's contacts and the young person, their parents and carers and their school's
    careers staff (hub staff read the thread: 403)."""
    user = request.auth
    application = selectors.get_application_for_user(user, application_id)
    try:
        message = services.message_send(acting_user=user, application=application, body=payload.body, via="api")
    except ValidationError as error:
        raise _refused(error) from None
    except PermissionDenied as error:
        raise HttpError(403, str(error)) from None
    host_view = services.is_host_of(user, application.opportunity) and not selectors.sees_applicant_record(user, application)
    labels = selectors.author_labels(application, [message], host_view=host_view)
    return 201, {"author": labels.get(user.pk, ""), "body": message.body, "sent_at": message.sent_at}
