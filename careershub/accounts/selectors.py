"""Reads about people, their roles, their API tokens and the audit log, scoped to who is asking."""
from datetime import date

from django.db.models import CharField, Prefetch, Q, QuerySet
from django.db.models.functions import Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.core.models import AuditEntry

from . import organisations
from .models import ApiToken, RoleAssignment, User
from .roles import SCHOOL_STAFF, Role
from .authority import managed_partnership_ids

ASSIGNMENT_RELATIONS = ("partnership", "area_hub", "school", "employer", "provider")


def _with_roles(qs: QuerySet[User]) -> QuerySet[User]:
    """Each person's role assignments and their organisations in one further query."""
    return qs.prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.select_related(*ASSIGNMENT_RELATIONS).order_by("role", "id"))
    )


# People -----------------------------------------------------------------------------------------
def people_visible_to(user) -> QuerySet[User]:
    """Hub managers and administrators: everyone holding a role in their partnership."""
    partnership_ids = managed_partnership_ids(user)
    holders = RoleAssignment.objects.filter(partnership_id__in=partnership_ids).values("user_id")
    return User.objects.filter(pk__in=holders)


class PersonStatus:
    ACTIVE = "active"
    DEACTIVATED = "deactivated"
    LOCKED = "locked"
    NO_PASSWORD = "no_password"
    CHOICES = [
        ("", "Any"),
        (ACTIVE, "Active"),
        (LOCKED, "Locked after failed sign-ins"),
        (NO_PASSWORD, "Not yet set a password"),
        (DEACTIVATED, "Deactivated"),
    ]


def people_list(*, user, search: str = "", role: str = "", organisation=None, status: str = "") -> QuerySet[User]:
    """The people list: search by name, username or email (every word must match), and filter by a
    role, the organisation a role is held in (both together: careers leaders at one school) and
    account status. Ordered by surname."""
    qs = people_visible_to(user)
    for word in search.split():
        qs = qs.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word)
            | Q(username__icontains=word) | Q(email__icontains=word)
        )
    if role or organisation is not None:
        held = RoleAssignment.objects.filter(partnership_id__in=managed_partnership_ids(user))
        if role:
            held = held.filter(role=role)
        if organisation is not None:
            kind = organisations.kind_of(organisation)
            held = held.filter(**{f"{kind}_id": organisation.pk})
        qs = qs.filter(pk__in=held.values("user_id"))
    now = timezone.now()
    if status == PersonStatus.ACTIVE:
        qs = qs.filter(is_active=True).exclude(locked_until__gt=now)
    elif status == PersonStatus.DEACTIVATED:
        qs = qs.filter(is_active=False)
    elif status == PersonStatus.LOCKED:
        qs = qs.filter(locked_until__gt=now)
    elif status == PersonStatus.NO_PASSWORD:
        qs = qs.filter(password__startswith="!")
    return _with_roles(qs).order_by("last_name", "first_name", "username")


def get_person_for_user(user, pk: int) -> User:
    """A person the asking hub manager or administrator may see, or 404."""
    return get_object_or_404(_with_roles(people_visible_to(user)), pk=pk)


def get_person_for_password_link(user, pk: int) -> User:
    """A person this hub manager or administrator manages, or a teacher at a school this careers
    leader leads; otherwise 404."""
    led = [a.school_id for a in user.assignments_for(Role.CAREERS_LEADER)]
    teachers = RoleAssignment.objects.filter(role=Role.TEACHER, school_id__in=led).values("user_id")
    people = User.objects.filter(Q(pk__in=people_visible_to(user).values("pk")) | Q(pk__in=teachers))
    return get_object_or_404(_with_roles(people), pk=pk)


def get_role_assignment_for_user(user, person: User, pk: int) -> RoleAssignment:
    return get_object_or_404(
        RoleAssignment.objects.select_related(*ASSIGNMENT_RELATIONS, "user"), pk=pk, user=person
    )


def school_staff_of(user) -> QuerySet[RoleAssignment]:
    """Careers leaders and teachers at the schools where this person is careers leader."""
    schools = [a.school_id for a in user.assignments_for(Role.CAREERS_LEADER)]
    return (
        RoleAssignment.objects.filter(school_id__in=schools, role__in=SCHOOL_STAFF)
        .select_related("user", "school")
        .order_by("school__name", "user__last_name", "user__first_name", "role")
    )


def schools_led_by(user) -> list:
    return [a.school for a in user.assignments_for(Role.CAREERS_LEADER)]


# API tokens -------------------------------------------------------------------------------------
def api_tokens_of(user) -> QuerySet[ApiToken]:
    """This person's tokens: active ones first, newest first."""
    return ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at")


def get_active_api_token_for_user(user, pk: int) -> ApiToken:
    """One of the person's own active tokens, or 404 (others' tokens do not exist for them)."""
    return get_object_or_404(ApiToken.objects.active(), pk=pk, user=user)


# Audit log --------------------------------------------------------------------------------------
def audit_entries_visible_to(user) -> QuerySet[AuditEntry]:
    """Hub managers and administrators: entries by the partnership's people, about its young people,
    or about its people's accounts (failed sign-ins and lockouts have no actor)."""
    from careershub.young_people.models import YoungPerson

    partnership_ids = managed_partnership_ids(user)
    if not partnership_ids:
        return AuditEntry.objects.none()
    people = RoleAssignment.objects.filter(partnership_id__in=partnership_ids)
    young_people = YoungPerson.objects.filter(school__partnership_id__in=partnership_ids).values("pk")
    people_as_text = people.annotate(as_text=Cast("user_id", CharField())).values("as_text")
    return AuditEntry.objects.filter(
        Q(actor_id__in=people.values("user_id"))
        | Q(young_person_id__in=young_people)
        | Q(subject_type="accounts.user", subject_id__in=people_as_text)
    )


def audit_search(*, user, actor: str = "", young_person: str = "", action: str = "",
                 date_from: date | None = None, date_to: date | None = None) -> QuerySet[AuditEntry]:
    """The audit log filtered by who acted (name, username or email), which young person it concerns
    (name or UPN), the action and a date range (inclusive, in the partnership's time zone)."""
    from careershub.young_people.models import YoungPerson

    qs = audit_entries_visible_to(user)
    for word in actor.split():
        qs = qs.filter(
            Q(actor__first_name__icontains=word) | Q(actor__last_name__icontains=word)
            | Q(actor__username__icontains=word) | Q(actor__email__icontains=word)
        )
    if young_person.strip():
        matches = YoungPerson.objects.filter(school__partnership_id__in=managed_partnership_ids(user))
        words = young_person.split()
        if len(words) == 1:
            matches = matches.filter(
                Q(upn__iexact=words[0]) | Q(first_name__icontains=words[0]) | Q(last_name__icontains=words[0])
            )
        else:
            for word in words:
                matches = matches.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
        qs = qs.filter(young_person_id__in=matches.values("pk"))
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    return qs.select_related("actor").order_by("-at", "-id")


def young_people_named(ids) -> dict:
    """Young people by primary key, for showing names beside audit entries (one query)."""
    from careershub.young_people.models import YoungPerson

    return {yp.pk: yp for yp in YoungPerson.objects.filter(pk__in={i for i in ids if i})}
