"""Reads of placements, scoped to who may see each one.

A placement is seen by the young person, their linked parents and carers, their school's careers
leaders and teachers, the partnership's hub manager, the coordinator of the school's area hub, and
the contacts of the host employer. Everyone else gets 404. The host sees the young person's first
name and the initial of their last name, and whether parental consent has been given, never who gave
it, nor the young person's date of birth, emergency contact or anything else on their record.
"""
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.models import User
from careershub.accounts.roles import Role
from careershub.young_people.models import ParentLink

from .models import Placement

# Who may open the list of placements (the young person and their parents see theirs on the record).
LIST_ROLES = (Role.CAREERS_LEADER, Role.TEACHER, Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.EMPLOYER_CONTACT)


def with_related(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    return qs.select_related(
        "application__opportunity__employer", "application__opportunity__provider",
        "application__young_person__school",
    )


def _condition(user) -> Q:
    condition = Q(pk__in=[])
    for a in user._assignments():
        role = a.role
        if role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id:
            condition |= Q(application__young_person__school_id=a.school_id)
        elif role == Role.HUB_MANAGER:
            condition |= Q(application__young_person__school__partnership_id=a.partnership_id)
        elif role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id:
            condition |= Q(application__young_person__school__area_hub_id=a.area_hub_id)
        elif role == Role.EMPLOYER_CONTACT and a.employer_id:
            condition |= Q(application__opportunity__employer_id=a.employer_id)
        elif role == Role.YOUNG_PERSON:
            condition |= Q(application__young_person__user_id=user.pk)
        elif role == Role.PARENT_CARER:
            condition |= Q(application__young_person_id__in=ParentLink.objects.filter(parent_id=user.pk)
                           .values("young_person_id"))
    return condition


def placements_visible_to(user) -> QuerySet[Placement]:
    if not user.is_authenticated:
        return Placement.objects.none()
    return with_related(Placement.objects.filter(_condition(user)))


def get_placement_for_user(user, pk: int) -> Placement:
    return get_object_or_404(placements_visible_to(user), pk=pk)


@dataclass(frozen=True)
class Viewer:
    """How the person looking is related to one placement: what they see and what they may do."""

    is_young_person: bool = False
    is_parent: bool = False
    is_careers_leader: bool = False     # at the young person's school
    is_teacher: bool = False            # at the young person's school
    is_hub_manager: bool = False
    is_coordinator: bool = False
    is_host: bool = False

    @property
    def is_confirmer(self) -> bool:
        """Confirms the placement, and decides a supervisor needs no check."""
        return self.is_careers_leader or self.is_hub_manager

    @property
    def may_cancel(self) -> bool:
        return self.is_careers_leader or self.is_hub_manager or self.is_host

    @property
    def sees_as_host_only(self) -> bool:
        """Sees only what the host may: first name and initial, consent yes or no."""
        return self.is_host and not (self.is_young_person or self.is_parent or self.is_careers_leader
                                     or self.is_teacher or self.is_hub_manager or self.is_coordinator)

    @property
    def sees_contact_details(self) -> bool:
        """The emergency contact and who gave consent: family and the school and hub staff."""
        return not self.sees_as_host_only


def viewer_of(user, placement: Placement) -> Viewer:
    if not user.is_authenticated:
        return Viewer()
    young_person = placement.application.young_person
    school = young_person.school
    employer_id = placement.application.opportunity.employer_id
    flags = {}
    for a in user._assignments():
        if a.role == Role.CAREERS_LEADER and a.school_id == school.pk:
            flags["is_careers_leader"] = True
        elif a.role == Role.TEACHER and a.school_id == school.pk:
            flags["is_teacher"] = True
        elif a.role == Role.HUB_MANAGER and a.partnership_id == school.partnership_id:
            flags["is_hub_manager"] = True
        elif a.role == Role.ENTERPRISE_COORDINATOR and school.area_hub_id and a.area_hub_id == school.area_hub_id:
            flags["is_coordinator"] = True
        elif a.role == Role.EMPLOYER_CONTACT and employer_id and a.employer_id == employer_id:
            flags["is_host"] = True
        elif a.role == Role.YOUNG_PERSON and young_person.user_id == user.pk:
            flags["is_young_person"] = True
        elif a.role == Role.PARENT_CARER and ParentLink.objects.filter(parent_id=user.pk, young_person=young_person).exists():
            flags["is_parent"] = True
    return Viewer(**flags)


def parents_of(young_person) -> list[User]:
    return [link.parent for link in ParentLink.objects.filter(young_person=young_person).select_related("parent")]


def host_contacts(opportunity) -> QuerySet[User]:
    """The people who hold the employer contact role at the opportunity's employer."""
    if not opportunity.employer_id:
        return User.objects.none()
    return User.objects.filter(
        is_active=True, role_assignments__role=Role.EMPLOYER_CONTACT, role_assignments__employer_id=opportunity.employer_id,
    ).distinct()


def supervisor_not_required_reason(placement: Placement) -> str:
    """The reason the school gave for the supervisor needing no check."""
    return "" if placement.supervisor_check_required else placement.supervisor_check_not_required_reason


def host_name_for(young_person) -> str:
    """How the host sees the young person: first name and the initial of the last name."""
    return f"{young_person.first_name} {young_person.last_name[:1]}."


def placement_list(user, *, status: str = "") -> QuerySet[Placement]:
    """The placements list: the careers leader's and teacher's school's, the host's, the hub staff's
    partnership or area hubs'; soonest first."""
    qs = placements_visible_to(user)
    if status in Placement.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by("application__opportunity__starts_on", "application__young_person__last_name",
                       "application__young_person__first_name", "pk")
