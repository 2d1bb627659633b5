"""Parents and carers: the school links, unlinks and re-invites them; a parent sees their children's
career plans, what is coming up and their invitations; parents and young people give and withdraw
consents. Records are fetched through young_people_visible_to, so outsiders get 404."""
import datetime

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careershub.accounts.roles import SCHOOL_STAFF, Role
from careershub.core.models import Notification
from careershub.core.permissions import roles

from . import consents, parent_services, selectors
from .models import Consent
from .parent_forms import ParentLinkForm

# Who opens a record's consents page: those who decide (parents, the young person) and the staff who
# work with the record (the school's, the hub's).
CONSENT_READERS = (Role.PARENT_CARER, Role.YOUNG_PERSON, Role.CAREERS_LEADER, Role.TEACHER, Role.HUB_MANAGER,
                   Role.ENTERPRISE_COORDINATOR)
CONSENT_DECIDERS = (Role.PARENT_CARER, Role.YOUNG_PERSON)
INVITATIONS_SHOWN = 20


# What is coming up for a child -------------------------------------------------------------------
# Apps above this one add what a young person has coming up (cohort activities, placements): each
# registers a function taking the young person and today, returning a list of dicts with "date",
# "title", "kind" and "detail".
_UPCOMING_SOURCES: list = []


def register_upcoming(source) -> None:
    if source not in _UPCOMING_SOURCES:
        _UPCOMING_SOURCES.append(source)


def upcoming_for(young_person, today: datetime.date) -> list[dict]:
    found = []
    for source in _UPCOMING_SOURCES:
        found.extend(source(young_person, today))
    return sorted(found, key=lambda item: (item["date"], item["title"]))


def _latest_plans(children) -> dict:
    """Each child's newest career plan, in one query (read by model name, as above)."""
    CareerPlan = apps.get_model("plans", "CareerPlan")
    latest = {}
    for plan in CareerPlan.objects.filter(young_person__in=children).order_by("young_person_id", "-updated_at", "-pk"):
        latest.setdefault(plan.young_person_id, plan)
    return latest


@roles(Role.PARENT_CARER)
def children_overview(request):
    """Each of the parent's children: what is coming up and their career plan; and the parent's invitations."""
    today = timezone.localdate()
    children = list(selectors.young_people_visible_to(request.user).order_by("first_name", "last_name"))
    plans = _latest_plans(children)
    overview = [{"young_person": child, "upcoming": upcoming_for(child, today), "plan": plans.get(child.pk)}
                for child in children]
    invitations = list(Notification.objects.filter(user=request.user).order_by("read_at", "-created_at", "-pk")[:INVITATIONS_SHOWN])
    return render(request, "young_people/parent_children.html", {"children": overview, "invitations": invitations})


# The school linking parents ----------------------------------------------------------------------
def _site_url(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _record_for_school_staff(request, pk: int):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    if not selectors.is_school_staff_for(request.user, young_person):
        raise Http404("Only the young person's school manages their parents and carers.")
    return young_person


@roles(*SCHOOL_STAFF)
def parents_manage(request, pk: int):
    young_person = _record_for_school_staff(request, pk)
    return render(request, "young_people/parent_manage.html", {
        "young_person": young_person, "links": selectors.parents_of(young_person),
    })


@roles(*SCHOOL_STAFF)
def parent_link(request, pk: int):
    young_person = _record_for_school_staff(request, pk)
    form = ParentLinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            link, created = parent_services.parent_link(acting_user=request.user, young_person=young_person,
                                                        site_url=_site_url(request), **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            if created:
                messages.success(request, f"{link.parent} is linked to {young_person.full_name}. We have emailed "
                                          f"{link.parent.email} an invitation to set a password.")
            else:
                messages.success(request, f"{link.parent} already had an account. It is now linked to {young_person.full_name}.")
            return redirect("young_people:parents_manage", pk=young_person.pk)
    return render(request, "young_people/parent_link.html", {"young_person": young_person, "form": form},
                  status=400 if form.errors else 200)


@roles(*SCHOOL_STAFF)
def parent_unlink(request, pk: int, link_pk: int):
    young_person = _record_for_school_staff(request, pk)
    link = get_object_or_404(selectors.parents_of(young_person), pk=link_pk)
    if request.method == "POST":
        parent_services.parent_unlink(acting_user=request.user, link=link)
        messages.success(request, f"{link.parent} is no longer linked to {young_person.full_name}")
        return redirect("young_people:parents_manage", pk=young_person.pk)
    return render(request, "young_people/parent_unlink.html", {"young_person": young_person, "link": link})


@roles(*SCHOOL_STAFF)
@require_POST
def parent_resend(request, pk: int, link_pk: int):
    young_person = _record_for_school_staff(request, pk)
    link = get_object_or_404(selectors.parents_of(young_person), pk=link_pk)
    try:
        parent_services.parent_invitation_resend(acting_user=request.user, link=link, site_url=_site_url(request))
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, f"We have emailed {link.parent.email} another invitation to set a password")
    return redirect("young_people:parents_manage", pk=young_person.pk)


# Consents ----------------------------------------------------------------------------------------
def _purposes(user, young_person) -> list[dict]:
    current = consents.current_consents(young_person)
    today = timezone.localdate()
    return [{
        "purpose": value, "label": label, "consent": current.get(value),
        "parent_decides": consents.parent_decides(young_person, value, today=today),
        "may_decide": consents.may_decide(user, young_person, value, today=today),
    } for value, label in Consent.Purpose.choices]


def consents_section(user, young_person):
    """The consents section of the record page, for everyone who sees the record; school staff also
    get the link to manage the parents and carers."""
    purposes = _purposes(user, young_person)
    return {
        "title": "Consents",
        "template": "young_people/parent_consents_section.html",
        "context": {
            "young_person": young_person, "purposes": purposes,
            "may_decide": any(p["may_decide"] for p in purposes),
            "school_staff": selectors.is_school_staff_for(user, young_person),
        },
    }


@roles(*CONSENT_READERS)
def consent_list(request, pk: int):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    return render(request, "young_people/parent_consents.html", {
        "young_person": young_person, "purposes": _purposes(request.user, young_person),
        "history": consents.consent_history(young_person)[:50],
        "is_self": young_person.user_id == request.user.pk,
    })


def _decision_page(request, pk: int, purpose: str, *, giving: bool):
    young_person = selectors.get_young_person_for_user(request.user, pk)
    if purpose not in Consent.Purpose.values:
        raise Http404("No such consent.")
    if not consents.may_decide(request.user, young_person, purpose):
        raise PermissionDenied("At this age, someone else decides this consent.")
    label = Consent.Purpose(purpose).label
    error = None
    if request.method == "POST":
        service = parent_services.consent_give if giving else parent_services.consent_withdraw
        try:
            service(acting_user=request.user, young_person=young_person, purpose=purpose)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, f"Consent for {label.lower()} is {'given' if giving else 'withdrawn'}")
            return redirect("young_people:consents", pk=young_person.pk)
    return render(request, "young_people/parent_consent_decide.html", {
        "young_person": young_person, "purpose": purpose, "label": label, "giving": giving, "error": error,
        "is_self": young_person.user_id == request.user.pk,
    }, status=400 if error else 200)


@roles(*CONSENT_DECIDERS)
def consent_give(request, pk: int, purpose: str):
    return _decision_page(request, pk, purpose, giving=True)


@roles(*CONSENT_DECIDERS)
def consent_withdraw(request, pk: int, purpose: str):
    return _decision_page(request, pk, purpose, giving=False)
