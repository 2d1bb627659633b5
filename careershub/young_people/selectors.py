"""Reads of young people's records, scoped to what the person asking may see."""
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role
from careershub.core.calendar import age_on
from careershub.network.models import School

from .models import ParentLink, YoungPerson

# Staff who work from a list of young people: their school's, their area hubs' or the partnership's.
LIST_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.TEACHER, Role.CAREERS_ADVISER)

# SEND filter values: one SEND status, or "any" for SEN support or an EHC plan.
SEND_ANY = "any"


# Apps above this one that give a role sight of particular young people (a mentor's caseload) register
# a function here when they start: given the user and one of their role assignments, it returns a Q
# over YoungPerson for the young people that assignment lets them see, or None.
_VISIBILITY_RULES: list = []


def register_visibility_rule(rule) -> None:
    if rule not in _VISIBILITY_RULES:
        _VISIBILITY_RULES.append(rule)


def young_people_visible_to(user) -> QuerySet[YoungPerson]:
    """The young people whose record this person may open.

    Careers leaders and teachers: their school's. Careers advisers: those of the schools their
    provider serves (network.Provider.schools_served), for personal guidance. Hub managers and
    coordinators: the partnership's or their area hubs'. A young person: themself. A parent or carer: their linked children. Rules registered by other apps add more (a
    mentor's caseload). Employers, enterprise advisers, analysts and administrators: nobody (analysts
    see pseudonymised aggregates only).
    """
    qs = YoungPerson.objects.select_related("school")
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for assignment in user._assignments():
        role = assignment.role
        if role in (Role.CAREERS_LEADER, Role.TEACHER):
            condition |= Q(school_id=assignment.school_id)
        elif role == Role.HUB_MANAGER:
            condition |= Q(school__partnership_id=assignment.partnership_id)
        elif role == Role.ENTERPRISE_COORDINATOR:
            condition |= Q(school__area_hub_id=assignment.area_hub_id)
        elif role == Role.CAREERS_ADVISER and assignment.provider_id:
            # A subquery, so a school served by several providers does not repeat its young people.
            served = School.served_by_providers.through.objects.filter(provider_id=assignment.provider_id)
            condition |= Q(school_id__in=served.values("school_id"))
        elif role == Role.YOUNG_PERSON:
            condition |= Q(user_id=user.pk)
        elif role == Role.PARENT_CARER:
            # A subquery, not a join, so no row repeats and the list needs no DISTINCT.
            condition |= Q(pk__in=ParentLink.objects.filter(parent_id=user.pk).values("young_person_id"))
        for rule in _VISIBILITY_RULES:
            extra = rule(user, assignment)
            if extra is not None:
                condition |= extra
    return qs.filter(condition)


def get_young_person_for_user(user, pk: int) -> YoungPerson:
    """The record, or 404 for anyone who may not see it (so outsiders learn nothing of its existence)."""
    return get_object_or_404(young_people_visible_to(user), pk=pk)


def young_people_of_school(school) -> QuerySet[YoungPerson]:
    return YoungPerson.objects.filter(school=school).order_by("year_group", "last_name", "first_name")


def young_people_list(*, user, search: str = "", school_id: int | None = None, year_group: int | None = None,
                      send: str = "", pupil_premium: bool | None = None) -> QuerySet[YoungPerson]:
    """The staff list of young people: only those the person may see (young_people_visible_to), by
    surname. ``search`` matches a UPN exactly or every word against first or last name; ``send`` is
    a SEND status (N, K, E) or "any" for SEN support or an EHC plan."""
    qs = young_people_visible_to(user)
    words = search.split()
    if len(words) == 1:
        qs = qs.filter(Q(upn__iexact=words[0]) | Q(first_name__icontains=words[0]) | Q(last_name__icontains=words[0]))
    else:
        for word in words:
            qs = qs.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    if school_id:
        qs = qs.filter(school_id=school_id)
    if year_group:
        qs = qs.filter(year_group=year_group)
    if send == SEND_ANY:
        qs = qs.exclude(send=YoungPerson.Send.NONE)
    elif send in YoungPerson.Send.values:
        qs = qs.filter(send=send)
    if pupil_premium is not None:
        qs = qs.filter(pupil_premium=pupil_premium)
    return qs.order_by("last_name", "first_name", "pk")


def is_school_staff_for(user, young_person: YoungPerson) -> bool:
    """A careers leader or teacher at the young person's school."""
    return any(
        a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == young_person.school_id
        for a in user._assignments()
    )


def parents_of(young_person: YoungPerson) -> QuerySet[ParentLink]:
    return young_person.parent_links.select_related("parent").order_by("parent__last_name", "parent__first_name")


def sees_as_staff(user, young_person: YoungPerson) -> bool:
    """Whether the person sees this record through a staff role (school staff at the young person's
    school, the partnership's hub manager, the area hub's coordinator), and so sees the details staff
    work with (UPN, pupil premium, free school meals, looked after). Uses young_person.school."""
    school = young_person.school
    for a in user._assignments():
        if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == school.pk:
            return True
        if a.role == Role.HUB_MANAGER and a.partnership_id == school.partnership_id:
            return True
        if a.role == Role.ENTERPRISE_COORDINATOR and school.area_hub_id and a.area_hub_id == school.area_hub_id:
            return True
    return False


def schools_of_young_people_visible_to(user) -> list[tuple[int, str]]:
    """(id, name) of the schools whose young people this person may see, for the list's filter."""
    visible = young_people_visible_to(user).order_by().values("school_id").distinct()
    return list(School.objects.filter(pk__in=visible).order_by("name").values_list("pk", "name"))


# A parent downloads everything held about a child until the child is old enough to decide for
# themself (13, the age the Children's code takes for consent to online services).
PARENT_EXPORT_UNTIL_AGE = 13


def may_download_everything(user, young_person: YoungPerson, today) -> bool:
    """The young person themself; or a linked parent or carer while the child is under 13."""
    if young_person.user_id is not None and young_person.user_id == user.pk:
        return True
    if age_on(young_person.date_of_birth, today) >= PARENT_EXPORT_UNTIL_AGE:
        return False
    return ParentLink.objects.filter(parent_id=user.pk, young_person=young_person).exists()
