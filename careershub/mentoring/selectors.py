"""Reads of mentoring, already scoped to the person asking.

- Referrals: the referring school's careers leaders and teachers, the young person, their parents and
  carers, and the provider's mentors (who see a referral's details only once every consent needed
  is given; until then they see that one is waiting, from which school, but not who).
- A mentor's caseload: the young people assigned to them whose consent is complete today. The
  visibility rule registered with young_people lets them open those records, and no others.
- Session notes: their author and the safeguarding leads of the provider and of the young person's
  school, nobody else (notes_visible_to).
"""
import datetime

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from careershub.accounts.models import RoleAssignment, User
from careershub.accounts.roles import Role
from careershub.core.calendar import age_on
from careershub.network.models import Provider, School
from careershub.young_people.models import ParentLink, YoungPerson
from careershub.young_people.selectors import young_people_visible_to

from .models import (
    PARENTAL_CONSENT_UNDER,
    Consent,
    Goal,
    MentoringSession,
    ProviderSafeguardingLead,
    Referral,
    SchoolSafeguardingLead,
    SessionAttendee,
    SessionNote,
)

NOT_SEEN_DAYS = 21  # "not seen lately": no attended session in this many days


# Ages and consent -------------------------------------------------------------------------------------
def birthday_cutoff(today: datetime.date, years: int = PARENTAL_CONSENT_UNDER) -> datetime.date:
    """The latest date of birth of someone who is ``years`` old or more on ``today`` (a 29 February
    birthday counts from 1 March in other years, as in English law)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # today is 29 February and that year had none
        return datetime.date(today.year - years, 2, 28)


def needs_parental_consent(young_person: YoungPerson, today: datetime.date) -> bool:
    return young_person.date_of_birth > birthday_cutoff(today)


def _current_consent(capacity: str, referral_ref="pk"):
    return Consent.objects.filter(referral_id=OuterRef(referral_ref), capacity=capacity, withdrawn_at__isnull=True)


def consent_complete_q(today: datetime.date, prefix: str = "") -> Q:
    """A Q over Referral (or, with ``prefix`` such as "referral__", a model pointing at one) for
    referrals with every consent needed on ``today``: the young person's and, under 16, a parent's."""
    ref = f"{prefix}pk" if prefix else "pk"
    young = Exists(_current_consent(Consent.Capacity.YOUNG_PERSON, ref))
    parent = Exists(_current_consent(Consent.Capacity.PARENT, ref))
    return Q(young) & (Q(**{f"{prefix}young_person__date_of_birth__lte": birthday_cutoff(today)}) | Q(parent))


def current_consents(referral: Referral) -> list[Consent]:
    return [c for c in referral.consents.all() if c.withdrawn_at is None]


def missing_consents(referral: Referral, *, today: datetime.date, parents: list | None = None) -> list[str]:
    """In words, each consent the referral still waits for (empty when complete). Reads
    referral.consents (prefetch it) and the young person's parent links."""
    young_person = referral.young_person
    current = current_consents(referral)
    missing = []
    if not any(c.capacity == Consent.Capacity.YOUNG_PERSON for c in current):
        if young_person.user_id is None:
            missing.append(f"{young_person.full_name} (who needs an account first: their school sets one up)")
        else:
            missing.append(young_person.full_name)
    if needs_parental_consent(young_person, today) and not any(c.capacity == Consent.Capacity.PARENT for c in current):
        if parents is None:
            parents = [link.parent for link in young_person.parent_links.select_related("parent")]
        if parents:
            names = " or ".join(p.get_full_name() or p.username for p in parents)
            missing.append(f"a parent or carer ({names}), because {young_person.first_name} is under {PARENTAL_CONSENT_UNDER}")
        else:
            missing.append(f"a parent or carer, because {young_person.first_name} is under {PARENTAL_CONSENT_UNDER}; "
                           "no parent or carer is linked to the record yet (the school links one)")
    return missing


def consent_capacity_of(user, referral: Referral) -> str | None:
    """How this person may consent to (or withdraw from) the referral: as the young person, as a
    linked parent or carer, or not at all."""
    if not user.is_authenticated:
        return None
    if referral.young_person.user_id == user.pk:
        return Consent.Capacity.YOUNG_PERSON
    if ParentLink.objects.filter(parent_id=user.pk, young_person_id=referral.young_person_id).exists():
        return Consent.Capacity.PARENT
    return None


# Who holds which part ---------------------------------------------------------------------------------
def mentor_provider_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.provider_id for a in user.assignments_for(Role.MENTOR) if a.provider_id}


def school_staff_school_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.school_id for a in user._assignments() if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id}


def is_mentor_of(user, provider_id: int) -> bool:
    return provider_id in mentor_provider_ids(user)


def mentors_of(provider: Provider) -> QuerySet[User]:
    return (User.objects.filter(role_assignments__role=Role.MENTOR, role_assignments__provider=provider, is_active=True)
            .distinct().order_by("first_name", "last_name", "pk"))


def providers_serving(school: School) -> QuerySet[Provider]:
    return school.served_by_providers.order_by("name")


def may_refer(user, young_person: YoungPerson) -> bool:
    """The young person's school's careers leaders and teachers."""
    return young_person.school_id in school_staff_school_ids(user)


def safeguarding_lead_scopes(user) -> tuple[set[int], set[int]]:
    """(provider ids, school ids) where this person is a safeguarding lead."""
    if not user.is_authenticated:
        return set(), set()
    cached = getattr(user, "_mentoring_safeguarding_scopes", None)
    if cached is None:
        providers = set(ProviderSafeguardingLead.objects.filter(user_id=user.pk).values_list("provider_id", flat=True))
        schools = set(SchoolSafeguardingLead.objects.filter(user_id=user.pk).values_list("school_id", flat=True))
        cached = (providers, schools)
        user._mentoring_safeguarding_scopes = cached
    return cached


def is_safeguarding_lead(user) -> bool:
    providers, schools = safeguarding_lead_scopes(user)
    return bool(providers or schools)


# Referrals --------------------------------------------------------------------------------------------
def _referrals():
    return Referral.objects.select_related("young_person__school", "provider", "mentor", "referred_by").prefetch_related(
        Prefetch("consents", queryset=Consent.objects.select_related("given_by")))


def referrals_visible_to(user, *, today: datetime.date | None = None) -> QuerySet[Referral]:
    """Referrals this person may open: whoever may open the young person's record, the provider's
    mentors once consent is complete (and the assigned mentor while it is paused, without the
    record), and the safeguarding leads of the provider or the school."""
    qs = _referrals()
    if not user.is_authenticated:
        return qs.none()
    today = today or timezone.localdate()
    # Whoever may open the record: the school's staff, the young person, their parents, hub staff, the
    # careers advisers serving the school, and the assigned mentor while consent is complete.
    condition = Q(young_person_id__in=young_people_visible_to(user).order_by().values("pk"))
    providers = mentor_provider_ids(user)
    if providers:
        condition |= Q(provider_id__in=providers) & (consent_complete_q(today) | Q(mentor_id=user.pk))
    lead_providers, lead_schools = safeguarding_lead_scopes(user)
    if lead_providers:
        condition |= Q(provider_id__in=lead_providers)
    if lead_schools:
        condition |= Q(young_person__school_id__in=lead_schools)
    return qs.filter(condition)


def get_referral_for_user(user, pk: int) -> Referral:
    return get_object_or_404(referrals_visible_to(user), pk=pk)


def referrals_of_schools(school_ids, *, today: datetime.date) -> QuerySet[Referral]:
    """A school's referrals, live first, annotated with whether consent is complete."""
    return (_referrals().filter(young_person__school_id__in=school_ids)
            .annotate(consented=Exists(Referral.objects.filter(pk=OuterRef("pk")).filter(consent_complete_q(today))))
            .order_by("status", "-referred_on", "pk"))


def referrals_of_young_person(young_person: YoungPerson) -> list[Referral]:
    return list(_referrals().filter(young_person=young_person).order_by("status", "-referred_on", "-pk"))


def waiting_for_mentor(provider_ids, *, today: datetime.date) -> QuerySet[Referral]:
    """Referrals with every consent given that no mentor has taken on yet, oldest first."""
    return (Referral.objects.select_related("young_person__school").filter(
        provider_id__in=provider_ids, status=Referral.Status.OPEN).filter(consent_complete_q(today))
        .order_by("referred_on", "pk"))


def waiting_for_consent(provider_ids, *, today: datetime.date) -> list[dict]:
    """Referrals to the provider still waiting for consent, by school, without naming anyone:
    [{"school": name, "count": n, "oldest": date}]. One query."""
    rows = (Referral.objects.filter(provider_id__in=provider_ids, status=Referral.Status.OPEN)
            .exclude(consent_complete_q(today)).values("young_person__school__name")
            .annotate(count=Count("pk"), oldest=Min("referred_on")).order_by("young_person__school__name"))
    return [{"school": r["young_person__school__name"], "count": r["count"], "oldest": r["oldest"]} for r in rows]


# Caseloads --------------------------------------------------------------------------------------------
def _last_seen(today: datetime.date):
    return Subquery(SessionAttendee.objects.filter(
        referral_id=OuterRef("pk"), attendance=SessionAttendee.Attendance.ATTENDED, session__date__lte=today,
    ).order_by().values("referral_id").annotate(last=Max("session__date")).values("last")[:1])


def _next_session(today: datetime.date):
    return Subquery(SessionAttendee.objects.filter(
        referral_id=OuterRef("pk"), session__status=MentoringSession.Status.SCHEDULED, session__date__gte=today,
    ).order_by().values("referral_id").annotate(next=Min("session__date")).values("next")[:1])


def caseload_referrals(*, today: datetime.date, mentor_ids=None, provider_ids=None) -> QuerySet[Referral]:
    """Active mentoring with complete consent, annotated with last_seen (the last attended session)
    and next_session (the next scheduled one). One query however large."""
    qs = Referral.objects.filter(status=Referral.Status.ACTIVE).filter(consent_complete_q(today))
    if mentor_ids is not None:
        qs = qs.filter(mentor_id__in=mentor_ids)
    if provider_ids is not None:
        qs = qs.filter(provider_id__in=provider_ids)
    return (qs.select_related("young_person__school", "mentor")
            .annotate(last_seen=_last_seen(today), next_session=_next_session(today))
            .order_by("young_person__last_name", "young_person__first_name", "pk"))


def caseload(user, *, today: datetime.date | None = None) -> QuerySet[Referral]:
    """The young people assigned to this mentor whose consent is complete today."""
    return caseload_referrals(today=today or timezone.localdate(), mentor_ids=[user.pk],
                              provider_ids=mentor_provider_ids(user))


def not_seen_since(referrals: QuerySet[Referral], *, today: datetime.date, days: int) -> QuerySet[Referral]:
    """Of these (annotated) referrals, those with no attended session in the last ``days`` days,
    longest unseen first (never seen before anyone seen)."""
    since = today - datetime.timedelta(days=days)
    return referrals.filter(Q(last_seen__isnull=True) | Q(last_seen__lt=since)).order_by(
        F("last_seen").asc(nulls_first=True), "young_person__last_name", "pk")


def not_seen_in(referrals, *, today: datetime.date, days: int) -> list[Referral]:
    """The same as not_seen_since, over referrals already fetched (annotated with last_seen)."""
    since = today - datetime.timedelta(days=days)
    unseen = [r for r in referrals if r.last_seen is None or r.last_seen < since]
    return sorted(unseen, key=lambda r: (r.last_seen is not None, r.last_seen or today, r.young_person.last_name, r.pk))


def provider_overview(provider_ids, *, today: datetime.date, days: int) -> dict:
    """The provider dashboard's figures from one pass over its live caseloads: each mentor's caseload,
    not seen lately and sessions to come; the ids of everyone not seen lately, longest unseen first;
    and how many are paused (active, consent withdrawn). Four queries however large."""
    since = today - datetime.timedelta(days=days)
    live = list(caseload_referrals(today=today, provider_ids=provider_ids).order_by()
                .values_list("pk", "mentor_id", "last_seen"))
    active = Referral.objects.filter(provider_id__in=provider_ids, status=Referral.Status.ACTIVE).count()
    mentors = list(User.objects.filter(role_assignments__role=Role.MENTOR, role_assignments__provider_id__in=provider_ids)
                   .distinct().order_by("first_name", "last_name", "pk"))
    upcoming = dict(MentoringSession.objects.filter(
        provider_id__in=provider_ids, status=MentoringSession.Status.SCHEDULED, date__gte=today,
    ).order_by().values("mentor_id").annotate(n=Count("pk")).values_list("mentor_id", "n"))
    caseloads: dict[int, int] = {}
    unseen_by_mentor: dict[int, int] = {}
    unseen = []
    for pk, mentor_id, last_seen in live:
        caseloads[mentor_id] = caseloads.get(mentor_id, 0) + 1
        if last_seen is None or last_seen < since:
            unseen_by_mentor[mentor_id] = unseen_by_mentor.get(mentor_id, 0) + 1
            unseen.append((last_seen is not None, last_seen or today, pk))
    return {
        "mentors": [{"mentor": m, "caseload": caseloads.get(m.pk, 0), "not_seen": unseen_by_mentor.get(m.pk, 0),
                     "upcoming": upcoming.get(m.pk, 0)} for m in mentors],
        "not_seen_ids": [pk for *_, pk in sorted(unseen)],
        "paused": active - len(live),
    }


def paused_count(*, today: datetime.date, mentor_ids=None, provider_ids=None) -> int:
    """Active mentoring paused because a consent was withdrawn (counted only: the young people are
    hidden until consent is given again)."""
    qs = Referral.objects.filter(status=Referral.Status.ACTIVE).exclude(consent_complete_q(today))
    if mentor_ids is not None:
        qs = qs.filter(mentor_id__in=mentor_ids)
    if provider_ids is not None:
        qs = qs.filter(provider_id__in=provider_ids)
    return qs.count()


# Sessions ---------------------------------------------------------------------------------------------
def _sessions():
    return MentoringSession.objects.select_related("provider", "mentor").prefetch_related(
        Prefetch("attendees", queryset=SessionAttendee.objects.select_related("referral__young_person__school")))


def sessions_visible_to(user) -> QuerySet[MentoringSession]:
    """Sessions this person may open: the mentor who runs them, the provider's safeguarding leads, and
    whoever may open the record of someone attending (who see the session, never its notes)."""
    if not user.is_authenticated:
        return MentoringSession.objects.none()
    lead_providers, lead_schools = safeguarding_lead_scopes(user)
    seen = SessionAttendee.objects.filter(referral__young_person__in=young_people_visible_to(user))
    condition = Q(mentor_id=user.pk) | Q(pk__in=seen.values("session_id"))
    if lead_providers:
        condition |= Q(provider_id__in=lead_providers)
    if lead_schools:
        condition |= Q(pk__in=SessionAttendee.objects.filter(
            referral__young_person__school_id__in=lead_schools).values("session_id"))
    return _sessions().filter(condition)


def get_session_for_user(user, pk: int) -> MentoringSession:
    return get_object_or_404(sessions_visible_to(user), pk=pk)


def attendees_shown_to(user, session: MentoringSession) -> list[SessionAttendee]:
    """The attendees of a session this person may see: all of them for its mentor and the provider's
    safeguarding leads; otherwise only the young people whose record they may open (a young person
    in a group session sees themself, not the others)."""
    attendees = list(session.attendees.all())
    lead_providers, lead_schools = safeguarding_lead_scopes(user)
    if session.mentor_id == user.pk or session.provider_id in lead_providers:
        return attendees
    visible = set(young_people_visible_to(user).filter(
        pk__in=[a.referral.young_person_id for a in attendees]).values_list("pk", flat=True))
    return [a for a in attendees if a.referral.young_person_id in visible
            or a.referral.young_person.school_id in lead_schools]


def upcoming_sessions(*, today: datetime.date, mentor_ids=None, provider_ids=None, limit: int = 50) -> list[MentoringSession]:
    qs = _sessions().filter(status=MentoringSession.Status.SCHEDULED, date__gte=today)
    if mentor_ids is not None:
        qs = qs.filter(mentor_id__in=mentor_ids)
    if provider_ids is not None:
        qs = qs.filter(provider_id__in=provider_ids)
    return list(qs.order_by("date", "starts_at", "pk")[:limit])


def sessions_of_referral(referral: Referral) -> list[MentoringSession]:
    """The sessions a young person was in, newest first, with their attendance on each."""
    attended = SessionAttendee.objects.filter(referral=referral, session_id=OuterRef("pk")).values("attendance")[:1]
    return list(MentoringSession.objects.select_related("mentor").filter(attendees__referral=referral)
                .annotate(own_attendance=Subquery(attended)).order_by("-date", "-starts_at", "-pk"))


def next_session_of(referral: Referral, *, today: datetime.date) -> MentoringSession | None:
    return (MentoringSession.objects.filter(attendees__referral=referral, status=MentoringSession.Status.SCHEDULED,
                                            date__gte=today).order_by("date", "starts_at", "pk").first())


def may_run_session(user, session: MentoringSession) -> bool:
    return session.mentor_id == user.pk and is_mentor_of(user, session.provider_id)


# Session notes ----------------------------------------------------------------------------------------
def notes_visible_to(user) -> QuerySet[SessionNote]:
    """The only way notes are read. Their author; the provider's safeguarding leads; the safeguarding
    leads of the young person's school. Careers leaders, teachers, other mentors, employers, parents
    and the young person never see them."""
    qs = SessionNote.objects.select_related("session", "referral__young_person__school", "referral__provider", "author")
    if not user.is_authenticated:
        return qs.none()
    lead_providers, lead_schools = safeguarding_lead_scopes(user)
    condition = Q(author_id=user.pk)
    if lead_providers:
        condition |= Q(referral__provider_id__in=lead_providers)
    if lead_schools:
        condition |= Q(referral__young_person__school_id__in=lead_schools)
    return qs.filter(condition)


def may_read_notes_of(user, session: MentoringSession) -> bool:
    """Whether this person may open the notes page of a session (they may still see only some notes)."""
    lead_providers, lead_schools = safeguarding_lead_scopes(user)
    if session.mentor_id == user.pk or session.provider_id in lead_providers:
        return True
    return bool(lead_schools) and any(a.referral.young_person.school_id in lead_schools for a in session.attendees.all())


def notes_of_session(user, session: MentoringSession) -> list[SessionNote]:
    return list(notes_visible_to(user).filter(session=session).order_by("written_at", "pk"))


def concerns_for(user) -> QuerySet[SessionNote]:
    """Notes flagged as a safeguarding concern that this person may read, newest first."""
    return notes_visible_to(user).filter(safeguarding_concern=True).order_by("-written_at", "-pk")


def safeguarding_leads_to_tell(referral: Referral) -> list[User]:
    """The provider's safeguarding leads and those of the young person's school."""
    users = User.objects.filter(
        Q(pk__in=ProviderSafeguardingLead.objects.filter(provider_id=referral.provider_id).values("user_id"))
        | Q(pk__in=SchoolSafeguardingLead.objects.filter(school_id=referral.young_person.school_id).values("user_id")),
        is_active=True,
    )
    return list(users.order_by("pk"))


# Goals ------------------------------------------------------------------------------------------------
def goals_of(referral: Referral) -> list[Goal]:
    return list(referral.goals.order_by("agreed_on", "pk"))


def may_set_goals(user, referral: Referral, *, today: datetime.date | None = None) -> bool:
    """The assigned mentor and the young person themself, while the mentoring is active and consented."""
    if referral.status != Referral.Status.ACTIVE or user.pk not in (referral.mentor_id, referral.young_person.user_id):
        return False
    if user.pk == referral.mentor_id and not is_mentor_of(user, referral.provider_id):
        return False
    today = today or timezone.localdate()
    return Referral.objects.filter(pk=referral.pk).filter(consent_complete_q(today)).exists()


# Safeguarding leads -----------------------------------------------------------------------------------
def lead_management_scope(user) -> tuple[QuerySet[Provider], QuerySet[School]]:
    """The providers and schools whose safeguarding leads this person sets: the hub manager, all of
    the partnership's; a careers leader, their own school's."""
    providers, schools = Provider.objects.none(), School.objects.none()
    partnerships = [a.partnership_id for a in user.assignments_for(Role.HUB_MANAGER)]
    if partnerships:
        providers = Provider.objects.filter(partnership_id__in=partnerships).order_by("name")
        schools = School.objects.filter(partnership_id__in=partnerships).order_by("name")
    led = [a.school_id for a in user.assignments_for(Role.CAREERS_LEADER) if a.school_id]
    if led and not partnerships:
        schools = School.objects.filter(pk__in=led).order_by("name")
    return providers, schools


def provider_leads(providers) -> QuerySet[ProviderSafeguardingLead]:
    return (ProviderSafeguardingLead.objects.filter(provider__in=providers).select_related("provider", "user")
            .order_by("provider__name", "user__last_name", "pk"))


def school_leads(schools) -> QuerySet[SchoolSafeguardingLead]:
    return (SchoolSafeguardingLead.objects.filter(school__in=schools).select_related("school", "user")
            .order_by("school__name", "user__last_name", "pk"))


def eligible_provider_leads(provider: Provider) -> QuerySet[User]:
    """People holding a role within the provider (its mentors and careers advisers)."""
    return (User.objects.filter(role_assignments__provider=provider, is_active=True).distinct()
            .order_by("first_name", "last_name", "pk"))


def eligible_school_leads(school: School) -> QuerySet[User]:
    """The school's staff on the platform (careers leaders and teachers)."""
    return (User.objects.filter(role_assignments__school=school, is_active=True,
                                role_assignments__role__in=[Role.CAREERS_LEADER, Role.TEACHER]).distinct()
            .order_by("first_name", "last_name", "pk"))


def mentor_assignment_exists(user_id: int, provider_id: int) -> bool:
    return RoleAssignment.objects.filter(user_id=user_id, role=Role.MENTOR, provider_id=provider_id,
                                         user__is_active=True).exists()
