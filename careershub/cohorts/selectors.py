"""Reads of cohorts, scoped to the person asking.

- Hub staff (hub managers, enterprise coordinators) manage the cohorts of their partnership.
- Panel members see their cohort's whole applicant pool, with only what selection needs (first name,
  last initial, school, year group, statement) and the balance figures in aggregate.
- Careers leaders see the cohorts their school is in, and their own school's applicants.
- Senior employers (contacts of the employer attached to a school) see that school's ambassadors and
  the cohort's menu of activities.
- Young people see the cohorts open to them (their school is in it, their year group is taken) and
  any they have applied to.
Everyone else gets 404.
"""
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.accounts.roles import HUB_STAFF, Role
from careershub.young_people.selectors import young_people_visible_to

from . import balance
from .models import ActivityAttendance, Cohort, CohortActivity, CohortApplication, CohortSchool, PanelMember

# Roles that may reach a cohort page at all (each then sees only what their rule gives them).
COHORT_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT,
                Role.YOUNG_PERSON)
# Panels are drawn from hub staff and employer contacts.
PANEL_ROLES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.EMPLOYER_CONTACT)


def _partnerships_managed(user) -> set[int]:
    return {a.partnership_id for a in user._assignments() if a.role in HUB_STAFF}


def _schools_led(user) -> set[int]:
    return {a.school_id for a in user._assignments() if a.role == Role.CAREERS_LEADER}


def _employers_of(user) -> set[int]:
    return {a.employer_id for a in user._assignments() if a.role == Role.EMPLOYER_CONTACT}


def own_young_person(user):
    """The young person's own record, for a signed-in young person (or None)."""
    if not user.is_authenticated or not user.has_role(Role.YOUNG_PERSON):
        return None
    return young_people_visible_to(user).filter(user=user).first()


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    qs = Cohort.objects.all()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=PanelMember.objects.filter(user_id=user.pk).values("cohort_id"))
    managed = _partnerships_managed(user)
    if managed:
        condition |= Q(partnership_id__in=managed)
    led = _schools_led(user)
    if led:
        condition |= Q(pk__in=CohortSchool.objects.filter(school_id__in=led).values("cohort_id"))
    employers = _employers_of(user)
    if employers:
        condition |= Q(pk__in=CohortSchool.objects.filter(employer_id__in=employers).values("cohort_id"))
    young_person = own_young_person(user)
    if young_person is not None:
        open_to_them = Q(
            pk__in=CohortSchool.objects.filter(school_id=young_person.school_id).values("cohort_id"),
            year_group_from__lte=young_person.year_group, year_group_to__gte=young_person.year_group,
        ) & ~Q(status=Cohort.Status.DRAFT)
        applied = Q(pk__in=CohortApplication.objects.filter(young_person=young_person).values("cohort_id"))
        condition |= open_to_them | applied
    return qs.filter(condition)


def get_cohort_for_user(user, pk: int) -> Cohort:
    return get_object_or_404(cohorts_visible_to(user).select_related("partnership"), pk=pk)


def cohort_list_for(user) -> QuerySet[Cohort]:
    return cohorts_visible_to(user).annotate(
        school_count=Count("cohort_schools", distinct=True),
        selected_count=Count("applications", filter=Q(applications__status=CohortApplication.Status.SELECTED),
                             distinct=True),
    ).order_by("-starts_on", "title")


# What the person is to the cohort ------------------------------------------------------------------
@dataclass(frozen=True)
class Standing:
    """What one person may do with one cohort."""

    manages: bool = False
    on_panel: bool = False
    led_school_ids: frozenset = frozenset()
    employer_school_ids: frozenset = frozenset()
    young_person: object = None

    @property
    def sees_pool(self) -> bool:
        return self.manages or self.on_panel

    @property
    def sees_applicants(self) -> bool:
        return self.sees_pool or bool(self.led_school_ids)

    @property
    def sees_ambassadors(self) -> bool:
        return self.manages or bool(self.led_school_ids) or bool(self.employer_school_ids)

    @property
    def selects(self) -> bool:
        return self.manages or self.on_panel

    @property
    def records_attendance(self) -> bool:
        return self.manages or bool(self.employer_school_ids)


def standing_of(user, cohort: Cohort) -> Standing:
    manages = cohort.partnership_id in _partnerships_managed(user)
    on_panel = PanelMember.objects.filter(cohort=cohort, user_id=user.pk).exists()
    led = _schools_led(user)
    links = list(cohort.cohort_schools.values_list("school_id", "employer_id"))
    led_schools = frozenset(s for s, _ in links if s in led)
    employers = _employers_of(user)
    employer_schools = frozenset(s for s, e in links if e in employers)
    young_person = own_young_person(user)
    return Standing(manages=manages, on_panel=on_panel, led_school_ids=led_schools,
                    employer_school_ids=employer_schools, young_person=young_person)


def get_cohort_managed_by(user, pk: int) -> Cohort:
    """For hub staff: 404 unless the cohort is in their partnership."""
    return get_object_or_404(Cohort.objects.select_related("partnership"), pk=pk,
                             partnership_id__in=_partnerships_managed(user))


def partnership_for_new_cohort(user):
    assignment = next((a for a in user._assignments() if a.role in HUB_STAFF), None)
    return assignment.partnership if assignment else None


# Schools, employers and the panel ----------------------------------------------------------------
def schools_of(cohort: Cohort) -> QuerySet[CohortSchool]:
    return cohort.cohort_schools.select_related("school", "employer", "lead_contact").order_by("school__name")


def panel_of(cohort: Cohort) -> QuerySet[PanelMember]:
    return cohort.panel.select_related("user").order_by("user__last_name", "user__first_name")


def panel_candidates(cohort: Cohort):
    """Hub staff and employer contacts of the cohort's partnership not yet on its panel."""
    from careershub.accounts.models import User

    return (User.objects.filter(
        is_active=True,
        role_assignments__partnership_id=cohort.partnership_id,
        role_assignments__role__in=[str(r) for r in PANEL_ROLES],
    ).exclude(cohort_panels__cohort=cohort).distinct().order_by("last_name", "first_name", "username"))


# Applications ------------------------------------------------------------------------------------
def _applications(cohort: Cohort) -> QuerySet[CohortApplication]:
    return cohort.applications.select_related("young_person__school").order_by(
        "young_person__school__name", "young_person__last_name", "young_person__first_name", "pk")


def applications_for(user, cohort: Cohort, standing: Standing | None = None) -> QuerySet[CohortApplication]:
    """The applications this person sees: the whole pool for hub staff and the panel, their own
    school's for a careers leader, nothing for anyone else."""
    standing = standing or standing_of(user, cohort)
    qs = _applications(cohort)
    if standing.sees_pool:
        return qs
    if standing.led_school_ids:
        return qs.filter(young_person__school_id__in=standing.led_school_ids)
    return qs.none()


def get_application_for_user(user, cohort: Cohort, pk: int) -> CohortApplication:
    """An application: hub staff and the panel, the young person's careers leader, the young person."""
    standing = standing_of(user, cohort)
    qs = _applications(cohort)
    condition = Q(pk__in=[])
    if standing.sees_pool:
        condition = Q()
    else:
        if standing.led_school_ids:
            condition |= Q(young_person__school_id__in=standing.led_school_ids)
        if standing.young_person is not None:
            condition |= Q(young_person=standing.young_person)
    return get_object_or_404(qs.filter(condition), pk=pk)


def own_application(cohort: Cohort, young_person) -> CohortApplication | None:
    if young_person is None:
        return None
    return cohort.applications.filter(young_person=young_person).first()


def selection_pool(cohort: Cohort) -> QuerySet[CohortApplication]:
    """Everyone the panel chooses from: every application not withdrawn."""
    return _applications(cohort).exclude(status=CohortApplication.Status.WITHDRAWN)


def balance_for(cohort: Cohort) -> balance.Balance:
    rows = cohort.applications.values_list(
        "status", "shortlisted_at", "young_person__sex", "young_person__pupil_premium", "young_person__free_school_meals")
    applicants = [
        balance.Applicant(
            sex=sex, disadvantaged=pp or fsm,
            shortlisted=shortlisted_at is not None or status == CohortApplication.Status.SHORTLISTED,
            selected=status == CohortApplication.Status.SELECTED,
            withdrawn=status == CohortApplication.Status.WITHDRAWN,
        )
        for status, shortlisted_at, sex, pp, fsm in rows
    ]
    return balance.balance_of(applicants)


def status_counts(cohort: Cohort) -> dict[str, int]:
    counts = dict(cohort.applications.values_list("status").annotate(n=Count("pk")).order_by())
    return {status: counts.get(status, 0) for status in CohortApplication.Status.values}


# Ambassadors, activities and progress -------------------------------------------------------------
def activities_of(cohort: Cohort) -> QuerySet[CohortActivity]:
    return cohort.activities.order_by("occurs_on", "title", "pk")


def get_activity(cohort: Cohort, pk: int) -> CohortActivity:
    return get_object_or_404(cohort.activities, pk=pk)


def ambassadors_for(user, cohort: Cohort, standing: Standing | None = None) -> QuerySet[CohortApplication]:
    """Selected ambassadors this person sees, with their attendance counted: every one for hub
    staff, their school's for a careers leader or the school's senior employer."""
    standing = standing or standing_of(user, cohort)
    today = timezone.localdate()
    qs = _applications(cohort).filter(status=CohortApplication.Status.SELECTED)
    if not standing.manages:
        schools = standing.led_school_ids | standing.employer_school_ids
        qs = qs.filter(young_person__school_id__in=schools)
    return qs.annotate(
        attended_count=Count("attendance", filter=Q(attendance__attended=True, attendance__activity__occurs_on__lte=today),
                             distinct=True),
    )


def offered_count(cohort: Cohort) -> int:
    """Activities offered so far: those on the menu dated today or earlier."""
    return cohort.activities.filter(occurs_on__lte=timezone.localdate()).count()


def attendance_of(activity: CohortActivity) -> dict[int, bool]:
    return dict(ActivityAttendance.objects.filter(activity=activity).values_list("application_id", "attended"))


# The young person's record ----------------------------------------------------------------------
def memberships_of(young_person) -> list[CohortApplication]:
    """A young person's cohort applications, with progress (attended of offered so far) for ambassadors."""
    today = timezone.localdate()
    applications = list(
        CohortApplication.objects.filter(young_person=young_person).select_related("cohort").annotate(
            attended_count=Count("attendance", filter=Q(attendance__attended=True,
                                                        attendance__activity__occurs_on__lte=today), distinct=True),
            offered=Count("cohort__activities", filter=Q(cohort__activities__occurs_on__lte=today), distinct=True),
        ).order_by("-cohort__starts_on")
    )
    return applications


def upcoming_activities_of(young_person, *, today) -> list[CohortActivity]:
    """The activities ahead for an ambassador: those dated today or later in cohorts they were selected for."""
    return list(CohortActivity.objects.filter(
        cohort__applications__young_person=young_person,
        cohort__applications__status=CohortApplication.Status.SELECTED,
        occurs_on__gte=today,
    ).select_related("cohort").order_by("occurs_on", "pk"))
