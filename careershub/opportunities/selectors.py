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


# The menu, hosting and review ---------------------------------------------------------------------
# Everyone in a partnership reads its menu; these create opportunities (hub staff on behalf of an
# employer or a provider).
MENU_READERS = tuple(Role)
CREATORS = (Role.EMPLOYER_CONTACT, Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR)


def with_places(qs: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    """Each opportunity with ``places_taken`` (accepted applications), counted in the same query."""
    from django.db.models import Count

    from .models import Application

    return qs.annotate(
        places_taken=Count("applications", filter=Q(applications__status=Application.Status.ACCEPTED), distinct=True),
    )


def places_left(opportunity: Opportunity) -> int:
    """Capacity less the accepted applications (``with_places`` counts them without a query)."""
    taken = getattr(opportunity, "places_taken", None)
    if taken is None:
        from .models import Application

        taken = opportunity.applications.filter(status=Application.Status.ACCEPTED).count()
    return max(0, opportunity.capacity - taken)


def menu_base(user) -> QuerySet[Opportunity]:
    """Approved opportunities of this person's partnerships that have not ended, without counts."""
    from django.utils import timezone

    partnerships = partnership_ids_of(user)
    qs = Opportunity.objects.select_related("employer", "provider")
    if not partnerships:
        return qs.none()
    return qs.filter(partnership_id__in=partnerships, status=Opportunity.Status.APPROVED,
                     ends_on__gte=timezone.localdate())


def menu_for(user) -> QuerySet[Opportunity]:
    """The menu this person reads, with the places taken counted, soonest first."""
    return with_places(menu_base(user)).order_by("starts_on", "title", "pk")


def filter_menu(qs: QuerySet[Opportunity], *, q: str = "", sic_section: str = "", kind: str = "",
                date_from=None, date_to=None, year_group: int | None = None, online_only: bool = False,
                near_ids=None) -> QuerySet[Opportunity]:
    """Narrow the menu. Every word of ``q`` must be in the title, the summary or the host's name.
    ``date_from``/``date_to``: opportunities running at some point in the range. ``year_group``: open to
    that year group. ``near_ids``: with a travel distance asked for, the ids of opportunities within it
    (online ones always pass)."""
    for word in q.split():
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(employer__name__icontains=word)
                       | Q(provider__name__icontains=word))
    if sic_section:
        qs = qs.filter(sic_section=sic_section)
    if kind:
        qs = qs.filter(kind=kind)
    if date_from:
        qs = qs.filter(ends_on__gte=date_from)
    if date_to:
        qs = qs.filter(starts_on__lte=date_to)
    if year_group:
        qs = qs.filter(year_group_from__lte=year_group, year_group_to__gte=year_group)
    if online_only:
        qs = qs.filter(online=True)
    if near_ids is not None:
        qs = qs.filter(Q(online=True) | Q(pk__in=list(near_ids)))
    return qs


def located_near(qs: QuerySet[Opportunity], centre, miles: float) -> dict[int, float]:
    """{opportunity id: miles} for the opportunities of ``qs`` with a location within ``miles`` of
    ``centre`` (a geo.Point): a box narrows them in the database, the exact distance is worked out here."""
    from . import geo

    box = geo.box_around(centre, miles)
    rows = qs.filter(
        latitude__isnull=False, longitude__isnull=False,
        latitude__gte=box.min_latitude, latitude__lte=box.max_latitude,
        longitude__gte=box.min_longitude, longitude__lte=box.max_longitude,
    ).values_list("pk", "latitude", "longitude")
    return geo.within(centre, {pk: geo.Point(lat, lon) for pk, lat, lon in rows}, miles)


def location_of_postcode(postcode: str):
    """The geo.Point of a postcode from the postcode directory, or None when it is not known."""
    from careershub.network.models import PostcodeLocation, normalise_postcode

    from . import geo

    if not postcode:
        return None
    found = PostcodeLocation.objects.filter(postcode=normalise_postcode(postcode)).values_list(
        "latitude", "longitude").first()
    return geo.Point(*found) if found else None


def own_young_person(user):
    """The young person's record of a signed-in young person (with their school), or None."""
    if not user.is_authenticated or not user.has_role(Role.YOUNG_PERSON):
        return None
    cached = getattr(user, "_menu_young_person", False)
    if cached is False:
        from careershub.young_people.models import YoungPerson

        cached = YoungPerson.objects.select_related("school").filter(user=user).first()
        user._menu_young_person = cached
    return cached


def schools_for_distance(user):
    """The schools a person may measure travel distances from: the schools they can see, and their
    children's schools for a parent or carer; only those with a postcode."""
    from careershub.network.models import School
    from careershub.network.selectors import schools_visible_to
    from careershub.young_people.selectors import young_people_visible_to

    visible = schools_visible_to(user).values("pk")
    children = young_people_visible_to(user).values("school_id") if user.has_role(Role.PARENT_CARER) else None
    condition = Q(pk__in=visible)
    if children is not None:
        condition |= Q(pk__in=children)
    return School.objects.filter(condition).exclude(postcode="").order_by("name")


def is_reviewer_of(user, opportunity: Opportunity) -> bool:
    return opportunity.partnership_id in reviewing_partnership_ids(user)


def is_host_of(user, opportunity: Opportunity) -> bool:
    return opportunity.employer_id is not None and opportunity.employer_id in hosted_employer_ids(user)


def may_manage(user, opportunity: Opportunity) -> bool:
    """The host employer's contacts and the partnership's hub staff change, submit and withdraw it."""
    return is_host_of(user, opportunity) or is_reviewer_of(user, opportunity)


def hosted_by(user) -> QuerySet[Opportunity]:
    """An employer contact's own opportunities in every status, with their applications counted."""
    from django.db.models import Count

    from .models import Application

    return opportunities_managed_by(user).annotate(
        applications_total=Count("applications", filter=Q(applications__status__in=Application.ACTIVE), distinct=True),
        places_taken=Count("applications", filter=Q(applications__status=Application.Status.ACCEPTED), distinct=True),
    ).order_by("-updated_at", "-pk")


def review_queue_for(user) -> QuerySet[Opportunity]:
    """Opportunities waiting for this reviewer's decision, the longest waiting first."""
    return Opportunity.objects.select_related("employer", "provider", "created_by").filter(
        partnership_id__in=reviewing_partnership_ids(user), status=Opportunity.Status.SUBMITTED,
    ).order_by("submitted_at", "pk")


def decisions_of(opportunity: Opportunity):
    return opportunity.decisions.select_related("by").order_by("at", "pk")


def hosts_for(user):
    """The employers and providers this person may create an opportunity for: their own employers for
    an employer contact; every employer and provider of the partnerships they work for as hub staff."""
    from careershub.network.models import Employer, Provider

    reviewing = reviewing_partnership_ids(user)
    employers = Employer.objects.filter(Q(pk__in=hosted_employer_ids(user)) | Q(partnership_id__in=reviewing))
    providers = Provider.objects.filter(partnership_id__in=reviewing)
    return employers.order_by("name"), providers.order_by("name")
