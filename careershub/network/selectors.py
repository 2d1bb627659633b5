"""Reads of the partnership network, scoped to what the person asking may see."""
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role

from .models import Employer, Partnership, Provider, School


def partnership_of(user) -> Partnership | None:
    assignments = user._assignments() if user.is_authenticated else []
    return assignments[0].partnership if assignments else None


def schools_visible_to(user) -> QuerySet[School]:
    """Hub managers, analysts and administrators: every school of the partnership. Coordinators:
    their area hubs' schools. School staff and young people: their own school. Enterprise advisers:
    the schools they are matched to."""
    qs = School.objects.select_related("area_hub")
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in (Role.HUB_MANAGER, Role.ANALYST, Role.ADMIN):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR:
            condition |= Q(area_hub_id=a.area_hub_id)
        elif a.role in (Role.CAREERS_LEADER, Role.TEACHER, Role.YOUNG_PERSON):
            condition |= Q(pk=a.school_id)
        elif a.role == Role.ENTERPRISE_ADVISER:
            condition |= Q(adviser_matches__adviser__user_id=user.pk, adviser_matches__ended_on__isnull=True)
    return qs.filter(condition).distinct()


def get_school_for_user(user, pk: int) -> School:
    return get_object_or_404(schools_visible_to(user), pk=pk)


def employers_visible_to(user) -> QuerySet[Employer]:
    """Hub staff, analysts and administrators: the partnership's employers. Employer contacts and
    enterprise advisers: their own employer."""
    qs = Employer.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role in (Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER):
            condition |= Q(pk=a.employer_id)
    return qs.filter(condition)


def get_employer_for_user(user, pk: int) -> Employer:
    return get_object_or_404(employers_visible_to(user), pk=pk)


def providers_visible_to(user) -> QuerySet[Provider]:
    qs = Provider.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN):
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role in (Role.MENTOR, Role.CAREERS_ADVISER):
            condition |= Q(pk=a.provider_id)
    return qs.filter(condition)


def get_provider_for_user(user, pk: int) -> Provider:
    return get_object_or_404(providers_visible_to(user), pk=pk)
