"""Reads of the partnership network, scoped to what the person asking may see or change."""
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role

from .models import AreaHub, Employer, EmployerContact, GrowthSector, Partnership, Provider, School

# Roles that read the whole partnership's directory (coordinators see their area hubs' schools only).
DIRECTORY_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.ANALYST, Role.ADMIN)
PARTNERSHIP_READERS = (Role.HUB_MANAGER, Role.ANALYST, Role.ADMIN)


def partnership_of(user) -> Partnership | None:
    assignments = user._assignments() if user.is_authenticated else []
    return assignments[0].partnership if assignments else None


def directory_partnership(user) -> Partnership | None:
    """The partnership whose directory this person works in: that of their first hub, analyst or
    administrator role."""
    if not user.is_authenticated:
        return None
    for assignment in user._assignments():
        if assignment.role in DIRECTORY_ROLES:
            return assignment.partnership
    return None


def managed_partnership(user) -> Partnership | None:
    """The partnership this person manages as hub manager, if any."""
    if not user.is_authenticated:
        return None
    for assignment in user.assignments_for(Role.HUB_MANAGER):
        return assignment.partnership
    return None


def coordinated_area_hub_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.area_hub_id for a in user.assignments_for(Role.ENTERPRISE_COORDINATOR) if a.area_hub_id}


# Area hubs ----------------------------------------------------------------------------------------
def area_hubs_visible_to(user) -> QuerySet[AreaHub]:
    """Hub staff, analysts and administrators: every area hub of their partnership."""
    qs = AreaHub.objects.all()
    if not user.is_authenticated:
        return qs.none()
    ids = {a.partnership_id for a in user._assignments() if a.role in DIRECTORY_ROLES}
    return qs.filter(partnership_id__in=ids)


def area_hubs_with_counts(user) -> QuerySet[AreaHub]:
    return area_hubs_visible_to(user).annotate(
        school_count=Count("schools", distinct=True),
        engaged_count=Count("schools", filter=Q(schools__status=School.Status.ENGAGED), distinct=True),
    ).order_by("name")


def get_area_hub_for_user(user, pk: int) -> AreaHub:
    return get_object_or_404(area_hubs_visible_to(user), pk=pk)


def area_hubs_editable_by(user) -> QuerySet[AreaHub]:
    partnership = managed_partnership(user)
    return AreaHub.objects.filter(partnership=partnership) if partnership else AreaHub.objects.none()


def get_area_hub_for_editing(user, pk: int) -> AreaHub:
    return get_object_or_404(area_hubs_editable_by(user), pk=pk)


def area_hubs_for_school_filter(user) -> QuerySet[AreaHub]:
    """The area hubs whose schools this person can list: all the partnership's for those who read it
    all, their own for an enterprise coordinator."""
    readers = {a.partnership_id for a in user._assignments() if a.role in PARTNERSHIP_READERS}
    return AreaHub.objects.filter(
        Q(partnership_id__in=readers) | Q(pk__in=coordinated_area_hub_ids(user))
    ).order_by("name")


def area_hubs_for_new_schools(user) -> QuerySet[AreaHub]:
    """The area hubs this person may put a school in: all the partnership's for a hub manager, their
    own for an enterprise coordinator."""
    partnership = managed_partnership(user)
    if partnership is not None:
        return AreaHub.objects.filter(partnership=partnership).order_by("name")
    return AreaHub.objects.filter(pk__in=coordinated_area_hub_ids(user)).order_by("name")


# Schools ------------------------------------------------------------------------------------------
def schools_visible_to(user) -> QuerySet[School]:
    """Hub managers, analysts and administrators: every school of the partnership. Coordinators:
    their area hubs' schools. School staff and young people: their own school. Enterprise advisers:
    the schools they are matched to."""
    qs = School.objects.select_related("area_hub")
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in PARTNERSHIP_READERS:
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


def schools_editable_by(user) -> QuerySet[School]:
    """Hub managers: the partnership's schools. Coordinators: their area hubs' schools."""
    qs = School.objects.select_related("area_hub", "partnership")
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role == Role.HUB_MANAGER:
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role == Role.ENTERPRISE_COORDINATOR:
            condition |= Q(area_hub_id=a.area_hub_id)
    return qs.filter(condition)


def get_school_for_editing(user, pk: int) -> School:
    return get_object_or_404(schools_editable_by(user), pk=pk)


def may_edit_school(user, school: School) -> bool:
    if any(a.partnership_id == school.partnership_id for a in user.assignments_for(Role.HUB_MANAGER)):
        return True
    return school.area_hub_id is not None and school.area_hub_id in coordinated_area_hub_ids(user)


def with_current_adviser(qs: QuerySet[School]) -> QuerySet[School]:
    """Annotate ``has_adviser``: whether the school has a current enterprise adviser match."""
    from careershub.advisers.models import AdviserMatch

    return qs.annotate(has_adviser=Exists(
        AdviserMatch.objects.filter(school=OuterRef("pk"), ended_on__isnull=True)
    ))


def filter_schools(qs: QuerySet[School], *, q: str = "", area_hub=None, school_type: str = "",
                   status: str = "", phase: str = "") -> QuerySet[School]:
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(urn__startswith=q))
    if area_hub is not None:
        qs = qs.filter(area_hub=area_hub)
    if school_type:
        qs = qs.filter(school_type=school_type)
    if status:
        qs = qs.filter(status=status)
    if phase:
        qs = qs.filter(phase=phase)
    return qs


def current_adviser_match(school: School):
    """The school's current enterprise adviser match, with the adviser and their employer, or None."""
    from careershub.advisers.models import AdviserMatch

    return (
        AdviserMatch.objects.filter(school=school, ended_on__isnull=True)
        .select_related("adviser__employer")
        .first()
    )


# Employers ----------------------------------------------------------------------------------------
def employers_visible_to(user) -> QuerySet[Employer]:
    """Hub staff, analysts and administrators: the partnership's employers. Employer contacts and
    enterprise advisers: their own employer."""
    qs = Employer.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in DIRECTORY_ROLES:
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role in (Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER):
            condition |= Q(pk=a.employer_id)
    return qs.filter(condition)


def with_growth_sector(qs: QuerySet[Employer]) -> QuerySet[Employer]:
    """Annotate ``growth_sector_label``: the partnership's name for the employer's sector when that
    sector is one of its priority growth sectors, else None; and ``is_growth_sector``."""
    sectors = GrowthSector.objects.filter(partnership=OuterRef("partnership"), sic_section=OuterRef("sic_section"))
    return qs.annotate(
        is_growth_sector=Exists(sectors),
        growth_sector_label=Subquery(sectors.values("label")[:1]),
    )


def get_employer_for_user(user, pk: int) -> Employer:
    return get_object_or_404(with_growth_sector(employers_visible_to(user)), pk=pk)


def employers_editable_by(user) -> QuerySet[Employer]:
    partnership = managed_partnership(user)
    return Employer.objects.filter(partnership=partnership) if partnership else Employer.objects.none()


def get_employer_for_editing(user, pk: int) -> Employer:
    return get_object_or_404(employers_editable_by(user), pk=pk)


def filter_employers(qs: QuerySet[Employer], *, q: str = "", sic_section: str = "", size_band: str = "",
                     cornerstone: bool | None = None, growth_sector: bool | None = None) -> QuerySet[Employer]:
    """Filter employers; ``growth_sector`` needs the annotation from ``with_growth_sector``."""
    if q:
        qs = qs.filter(name__icontains=q)
    if sic_section:
        qs = qs.filter(sic_section=sic_section)
    if size_band:
        qs = qs.filter(size_band=size_band)
    if cornerstone is not None:
        qs = qs.filter(is_cornerstone=cornerstone)
    if growth_sector is not None:
        qs = qs.filter(is_growth_sector=growth_sector)
    return qs


def contacts_of(employer: Employer) -> QuerySet[EmployerContact]:
    return employer.contacts.all()


def get_contact_for_editing(user, employer_pk: int, pk: int) -> EmployerContact:
    return get_object_or_404(
        EmployerContact.objects.select_related("employer").filter(employer__in=employers_editable_by(user)),
        employer_id=employer_pk, pk=pk,
    )


# Providers ----------------------------------------------------------------------------------------
def providers_visible_to(user) -> QuerySet[Provider]:
    qs = Provider.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for a in user._assignments():
        if a.role in DIRECTORY_ROLES:
            condition |= Q(partnership_id=a.partnership_id)
        elif a.role in (Role.MENTOR, Role.CAREERS_ADVISER):
            condition |= Q(pk=a.provider_id)
    return qs.filter(condition)


def get_provider_for_user(user, pk: int) -> Provider:
    return get_object_or_404(providers_visible_to(user), pk=pk)


def providers_editable_by(user) -> QuerySet[Provider]:
    partnership = managed_partnership(user)
    return Provider.objects.filter(partnership=partnership) if partnership else Provider.objects.none()


def get_provider_for_editing(user, pk: int) -> Provider:
    return get_object_or_404(providers_editable_by(user), pk=pk)


def filter_providers(qs: QuerySet[Provider], *, q: str = "", kind: str = "") -> QuerySet[Provider]:
    if q:
        qs = qs.filter(name__icontains=q)
    if kind:
        qs = qs.filter(kind=kind)
    return qs


# Growth sectors -----------------------------------------------------------------------------------
def growth_sectors_of(partnership: Partnership) -> QuerySet[GrowthSector]:
    return GrowthSector.objects.filter(partnership=partnership).order_by("priority", "sic_section")


def get_growth_sector_for_editing(user, sic_section: str) -> GrowthSector:
    partnership = managed_partnership(user)
    return get_object_or_404(GrowthSector.objects.filter(partnership=partnership), sic_section=sic_section)


# The directory's front page -------------------------------------------------------------------------
def directory_counts(user) -> dict[str, int]:
    """Counts for the directory's front page, in four queries."""
    schools = schools_visible_to(user).aggregate(
        total=Count("pk", distinct=True),
        engaged=Count("pk", filter=Q(status=School.Status.ENGAGED), distinct=True),
    )
    employers = employers_visible_to(user).aggregate(
        total=Count("pk"), cornerstone=Count("pk", filter=Q(is_cornerstone=True)),
    )
    return {
        "schools": schools["total"],
        "schools_engaged": schools["engaged"],
        "employers": employers["total"],
        "cornerstone_employers": employers["cornerstone"],
        "providers": providers_visible_to(user).count(),
        "area_hubs": area_hubs_visible_to(user).count(),
    }
