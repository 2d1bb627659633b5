"""Reads of opportunities, scoped to what the person asking may see.

- The menu (approved opportunities) is open to everyone signed in to the partnership.
- An employer contact also sees their own employer's opportunities in every status.
- Hub managers see every opportunity of their partnership; enterprise coordinators too (they broker
  encounters for their area hubs' schools), and both review submissions.
"""
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role

from .models import Opportunity

REVIEWER_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)


def partnership_ids_of(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments()}


def hosted_employer_ids(user) -> set[int]:
    """The employers whose opportunities this person manages (as an employer contact)."""
    if not user.is_authenticated:
        return set()
    return {a.employer_id for a in user.assignments_for(Role.EMPLOYER_CONTACT) if a.employer_id}


def reviewing_partnership_ids(user) -> set[int]:
    """The partnerships whose opportunities this person reviews and sees in every status."""
    if not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments() if a.role in REVIEWER_ROLES}


def opportunities_visible_to(user) -> QuerySet[Opportunity]:
    qs = Opportunity.objects.select_related("employer", "provider")
    partnerships = partnership_ids_of(user)
    if not partnerships:
        return qs.none()
    condition = Q(partnership_id__in=partnerships, status=Opportunity.Status.APPROVED)
    employers = hosted_employer_ids(user)
    if employers:
        condition |= Q(employer_id__in=employers)
    reviewing = reviewing_partnership_ids(user)
    if reviewing:
        condition |= Q(partnership_id__in=reviewing)
    return qs.filter(condition)


def get_opportunity_for_user(user, pk: int) -> Opportunity:
    return get_object_or_404(opportunities_visible_to(user), pk=pk)


def opportunities_managed_by(user) -> QuerySet[Opportunity]:
    """Opportunities this person may edit and whose applicants they may see: their employer's."""
    return Opportunity.objects.select_related("employer", "provider").filter(employer_id__in=hosted_employer_ids(user))


def get_opportunity_for_host(user, pk: int) -> Opportunity:
    return get_object_or_404(opportunities_managed_by(user), pk=pk)
