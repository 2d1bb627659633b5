"""Reads of applications, scoped to the person asking, and what a host sees of an applicant.

Who sees an application (``applications_visible_to``):

- the young person: their own; a parent or carer: their linked children's;
- careers leaders and teachers: their school's young people's; enterprise coordinators: their area
  hubs' schools'; the hub manager: the partnership's schools';
- an employer contact: the applications to their employer's opportunities, and of those only what
  the young person chose to share (``as_host_sees``), with their first name and last initial;
- nobody else (enterprise advisers, mentors, careers advisers, analysts, administrators).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role
from careershub.young_people.models import ParentLink, YoungPerson

from .application_services import is_host_of, is_parent_of, is_school_staff_of, short_name
from .models import Application, Encounter, Message, Opportunity
from .selectors import hosted_employer_ids

# Everyone who may have applications to see (the API list and the page that shows them).
READER_ROLES = (Role.YOUNG_PERSON, Role.PARENT_CARER, Role.CAREERS_LEADER, Role.TEACHER,
                Role.ENTERPRISE_COORDINATOR, Role.HUB_MANAGER, Role.EMPLOYER_CONTACT)
SCHOOL_LIST_ROLES = (Role.CAREERS_LEADER, Role.TEACHER)

NOTHING_RECORDED = "Nothing recorded yet"

# The colour of each status's tag.
STATUS_TAGS = {
    Application.Status.SUBMITTED: "govuk-tag--blue",
    Application.Status.SHORTLISTED: "govuk-tag--purple",
    Application.Status.ACCEPTED: "govuk-tag--green",
    Application.Status.DECLINED: "govuk-tag--red",
    Application.Status.WITHDRAWN: "govuk-tag--grey",
}
# What each status means to the young person, in words a 14-year-old follows.
STATUS_MEANINGS = {
    Application.Status.SUBMITTED: "The employer has your application and will look at it soon.",
    Application.Status.SHORTLISTED: "The employer has put you on their shortlist. They will decide soon.",
    Application.Status.ACCEPTED: "You have a place.",
    Application.Status.DECLINED: "The employer chose other applicants this time.",
    Application.Status.WITHDRAWN: "You withdrew this application.",
}


def _base() -> QuerySet[Application]:
    return Application.objects.select_related(
        "opportunity", "opportunity__employer", "opportunity__provider", "young_person", "young_person__school",
    )


def applications_visible_to(user) -> QuerySet[Application]:
    qs = _base()
    if not user.is_authenticated:
        return qs.none()
    condition = Q(pk__in=[])
    for assignment in user._assignments():
        role = assignment.role
        if role == Role.YOUNG_PERSON:
            condition |= Q(young_person__user_id=user.pk)
        elif role == Role.PARENT_CARER:
            condition |= Q(young_person_id__in=ParentLink.objects.filter(parent_id=user.pk).values("young_person_id"))
        elif role in (Role.CAREERS_LEADER, Role.TEACHER) and assignment.school_id:
            condition |= Q(young_person__school_id=assignment.school_id)
        elif role == Role.ENTERPRISE_COORDINATOR and assignment.area_hub_id:
            condition |= Q(young_person__school__area_hub_id=assignment.area_hub_id)
        elif role == Role.HUB_MANAGER:
            condition |= Q(young_person__school__partnership_id=assignment.partnership_id)
        elif role == Role.EMPLOYER_CONTACT and assignment.employer_id:
            condition |= Q(opportunity__employer_id=assignment.employer_id)
    return qs.filter(condition)


def get_application_for_user(user, pk: int) -> Application:
    """The application, or 404 for anyone who may not see it."""
    return get_object_or_404(applications_visible_to(user), pk=pk)


def get_application_for_host(user, pk: int) -> Application:
    """An application to one of the person's employer's opportunities, or 404."""
    return get_object_or_404(_base().filter(opportunity__employer_id__in=hosted_employer_ids(user)), pk=pk)


def get_own_application(user, pk: int) -> Application:
    """One of the young person's own applications, or 404."""
    return get_object_or_404(_base().filter(young_person__user_id=user.pk), pk=pk)


def sees_applicant_record(user, application: Application) -> bool:
    """Whether the person sees the application as the young person's side or as staff who may open
    their record (so sees their full name); otherwise they see it as the host does."""
    young_person = application.young_person
    for a in user._assignments():
        if a.role == Role.YOUNG_PERSON and young_person.user_id == user.pk:
            return True
        if a.role in (Role.CAREERS_LEADER, Role.TEACHER) and a.school_id == young_person.school_id:
            return True
        if a.role == Role.ENTERPRISE_COORDINATOR and a.area_hub_id and a.area_hub_id == young_person.school.area_hub_id:
            return True
        if a.role == Role.HUB_MANAGER and a.partnership_id == young_person.school.partnership_id:
            return True
    return user.has_role(Role.PARENT_CARER) and ParentLink.objects.filter(
        parent_id=user.pk, young_person_id=young_person.pk).exists()


def young_person_of(user) -> YoungPerson | None:
    """The young person's own record (for someone holding the young person role)."""
    if not user.is_authenticated or not user.has_role(Role.YOUNG_PERSON):
        return None
    return YoungPerson.objects.select_related("school").filter(user_id=user.pk).first()


def application_of(young_person: YoungPerson, opportunity: Opportunity) -> Application | None:
    return Application.objects.filter(young_person=young_person, opportunity=opportunity).first()


def messages_of(application: Application) -> list[Message]:
    return list(application.messages.select_related("author").order_by("sent_at", "pk"))


def author_labels(application, thread, *, host_view: bool) -> dict[int, str]:
    """How each message's author is named: to the host, the applicant's side never by full name (a
    surname or a school could say more than the young person chose to share)."""
    young_person = application.young_person
    opportunity = application.opportunity
    labels = {}
    for message in thread:
        author = message.author
        if author is None or author.pk in labels:
            continue
        name = author.get_full_name() or author.username
        if author.pk == young_person.user_id:
            label = short_name(young_person) if host_view else f"{name} (applicant)"
        elif is_host_of(author, opportunity):
            label = f"{name}, {opportunity.host}"
        elif is_parent_of(author, young_person):
            label = f"{short_name(young_person)}’s parent or carer" if host_view else f"{name} (parent or carer)"
        elif is_school_staff_of(author, young_person):
            label = "Their school’s careers staff" if host_view else f"{name} ({young_person.school.name})"
        else:
            label = "Careers Hub" if host_view else name
        labels[author.pk] = label
    return labels


def accepted_count(opportunity: Opportunity) -> int:
    return opportunity.applications.filter(status=Application.Status.ACCEPTED).count()


# What the host sees -------------------------------------------------------------------------------
@dataclass(frozen=True)
class SharedPart:
    key: str
    label: str
    text: str = ""
    entries: list[tuple[str, object]] = field(default_factory=list)  # (title, date) of each encounter


@dataclass(frozen=True)
class ApplicantAsHostSees:
    """Only the parts of the record the young person chose to share, with first name and last initial.
    Never sex, SEND, pupil premium, free school meals, looked-after status, date of birth, UPN or
    contact details."""

    name: str
    parts: list[SharedPart]

    @property
    def shared_nothing(self) -> bool:
        return not self.parts


HOST_LABELS = {
    Application.Share.SCHOOL: "School or college",
    Application.Share.YEAR_GROUP: "Year group",
    Application.Share.ENCOUNTERS: "Activities done through Careers Hub",
    Application.Share.SKILLS: "Endorsed skills",
    Application.Share.CAREER_INTERESTS: "Career interests",
}


def year_group_label(year_group: int) -> str:
    return "Left school" if year_group == 14 else f"Year {year_group}"


def encounters_of(young_person: YoungPerson) -> list[tuple[str, object]]:
    return list(Encounter.objects.filter(young_person=young_person).order_by("-occurred_on", "-pk")
                .values_list("title", "occurred_on"))


def shared_parts(young_person: YoungPerson, shared, *, encounters=None) -> list[SharedPart]:
    """The parts of the young person's record named in ``shared``, as they would be shown."""
    parts = []
    for key in Application.Share.values:
        if key not in (shared or []):
            continue
        label = HOST_LABELS[key]
        if key == Application.Share.SCHOOL:
            parts.append(SharedPart(key, label, young_person.school.name))
        elif key == Application.Share.YEAR_GROUP:
            parts.append(SharedPart(key, label, year_group_label(young_person.year_group)))
        elif key == Application.Share.ENCOUNTERS:
            entries = encounters if encounters is not None else encounters_of(young_person)
            parts.append(SharedPart(key, label, "" if entries else NOTHING_RECORDED, list(entries)))
        else:
            # Skills and career interests have no records on Careers Hub yet.
            parts.append(SharedPart(key, label, NOTHING_RECORDED))
    return parts


def as_host_sees(application: Application) -> ApplicantAsHostSees:
    young_person = application.young_person
    return ApplicantAsHostSees(name=short_name(young_person), parts=shared_parts(young_person, application.shared))


# Lists --------------------------------------------------------------------------------------------
def applications_for_host(opportunity: Opportunity, *, status: str = "") -> QuerySet[Application]:
    """The opportunity's applications, for its host: by status, then oldest first (first come, first
    seen)."""
    qs = opportunity.applications.select_related("young_person", "young_person__school")
    if status:
        qs = qs.filter(status=status)
    order = {s: i for i, s in enumerate(Application.Status.values)}
    rows = list(qs.order_by("created_at", "pk"))
    return sorted(rows, key=lambda a: (order[a.status], a.created_at, a.pk))


def status_counts(opportunity: Opportunity) -> dict[str, int]:
    counts = dict(opportunity.applications.order_by().values_list("status").annotate(n=Count("pk")))
    return {s: counts.get(s, 0) for s in Application.Status.values}


def own_applications(user) -> QuerySet[Application]:
    return _base().filter(young_person__user_id=user.pk).order_by("-created_at", "-pk")


def children_applications(user) -> list[tuple[YoungPerson, list[Application]]]:
    """A parent's or carer's linked children, each with their applications, newest first."""
    children = (YoungPerson.objects.filter(parent_links__parent_id=user.pk).select_related("school")
                .order_by("first_name", "last_name", "pk")
                .prefetch_related(Prefetch("applications", queryset=Application.objects.select_related(
                    "opportunity", "opportunity__employer", "opportunity__provider").order_by("-created_at", "-pk"))))
    return [(child, list(child.applications.all())) for child in children]


def school_applications(user, *, status: str = "", year_group: int | None = None) -> QuerySet[Application]:
    """The applications of a careers leader's or teacher's school's young people (their schools', for
    someone at more than one), newest first."""
    schools = [a.school_id for a in user._assignments() if a.role in SCHOOL_LIST_ROLES and a.school_id]
    qs = _base().filter(young_person__school_id__in=schools)
    if status:
        qs = qs.filter(status=status)
    if year_group:
        qs = qs.filter(young_person__year_group=year_group)
    return qs.order_by("-created_at", "-pk")


def schools_of(user) -> int:
    return len({a.school_id for a in user._assignments() if a.role in SCHOOL_LIST_ROLES and a.school_id})
