"""Reads of young people's records, scoped to what the person asking may see."""
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role

from .models import YoungPerson


def young_people_visible_to(user) -> QuerySet[YoungPerson]:
    """The young people whose record this person may open.

    Careers leaders and teachers: their school's. Careers advisers: the schools their provider serves
    (none yet). Hub managers and coordinators: the partnership's or their area hubs'. A young person:
    themself. A parent or carer: their linked children. Employers, enterprise advisers, mentors without
    a caseload, analysts and administrators: nobody (analysts see pseudonymised aggregates only).
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
        elif role == Role.YOUNG_PERSON:
            condition |= Q(user_id=user.pk)
        elif role == Role.PARENT_CARER:
            condition |= Q(parent_links__parent_id=user.pk)
    return qs.filter(condition).distinct()


def get_young_person_for_user(user, pk: int) -> YoungPerson:
    """The record, or 404 for anyone who may not see it (so outsiders learn nothing of its existence)."""
    return get_object_or_404(young_people_visible_to(user), pk=pk)


def young_people_of_school(school) -> QuerySet[YoungPerson]:
    return YoungPerson.objects.filter(school=school).order_by("year_group", "last_name", "first_name")
