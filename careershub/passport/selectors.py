"""Reads of the skills passport, scoped to the person asking.

- A passport (a young person's evidence) is seen by whoever may see the young person's record
  (young_people_visible_to); an endorser sees only the evidence submitted to them, with the young
  person's first name, last initial and school, never the rest of the record.
- Endorsers: the employer contacts of the employer the evidence was submitted to, or the enterprise
  adviser it was submitted to (their own user).
- Frameworks: an approved (or replaced) version is read by everyone in the partnership; one in
  consultation by the hub manager, enterprise coordinators, careers leaders and employer contacts;
  a draft by the hub manager only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from careershub.accounts.roles import Role
from careershub.advisers.models import AdviserMatch, EnterpriseAdviser
from careershub.opportunities import encounter_selectors
from careershub.young_people.selectors import get_young_person_for_user, young_people_visible_to

from .models import Credential, Evidence, ShareLink, Skill, SkillLevel, SkillsFramework

FRAMEWORK_MANAGERS = (Role.HUB_MANAGER,)
CONSULTEES = (Role.HUB_MANAGER, Role.ENTERPRISE_COORDINATOR, Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT)
ENDORSERS = (Role.EMPLOYER_CONTACT, Role.ENTERPRISE_ADVISER)
REVOKERS = (Role.HUB_MANAGER,)


def short_name(young_person) -> str:
    """First name and last initial: all an endorser, a verifier or a shared page learns of a name."""
    initial = young_person.last_name[:1].upper()
    return f"{young_person.first_name} {initial}." if initial else young_person.first_name


def partnership_ids_of(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    return {a.partnership_id for a in user._assignments()}


def manages_frameworks(user, partnership_id: int) -> bool:
    return any(a.role == Role.HUB_MANAGER and a.partnership_id == partnership_id for a in user._assignments())


# Frameworks ----------------------------------------------------------------------------------------
def frameworks_visible_to(user) -> QuerySet[SkillsFramework]:
    condition = Q(pk__in=[])
    for a in user._assignments() if user.is_authenticated else []:
        statuses = [SkillsFramework.Status.APPROVED, SkillsFramework.Status.RETIRED]
        if a.role in CONSULTEES:
            statuses.append(SkillsFramework.Status.CONSULTATION)
        if a.role in FRAMEWORK_MANAGERS:
            statuses.append(SkillsFramework.Status.DRAFT)
        condition |= Q(partnership_id=a.partnership_id, status__in=statuses)
    return SkillsFramework.objects.filter(condition).select_related("partnership", "approved_by").order_by(
        "partnership__name", "-version")


def get_framework_for_user(user, pk: int) -> SkillsFramework:
    return get_object_or_404(frameworks_visible_to(user), pk=pk)


def may_comment(user, framework: SkillsFramework) -> bool:
    return framework.status == SkillsFramework.Status.CONSULTATION and any(
        a.role in CONSULTEES and a.partnership_id == framework.partnership_id for a in user._assignments()
    )


def skills_of(framework: SkillsFramework) -> list[Skill]:
    """The framework's skills in order, each with its levels (two queries)."""
    return list(framework.skills.order_by("order", "pk").prefetch_related(
        Prefetch("levels", queryset=SkillLevel.objects.order_by("level"))))


def comments_of(framework: SkillsFramework):
    return framework.comments.select_related("author", "skill").order_by("created_at", "pk")


def approved_framework(partnership_id: int) -> SkillsFramework | None:
    return SkillsFramework.objects.filter(partnership_id=partnership_id,
                                          status=SkillsFramework.Status.APPROVED).first()


def framework_in_progress(partnership_id: int) -> SkillsFramework | None:
    return SkillsFramework.objects.filter(
        partnership_id=partnership_id,
        status__in=[SkillsFramework.Status.DRAFT, SkillsFramework.Status.CONSULTATION],
    ).first()


def latest_framework(partnership_id: int) -> SkillsFramework | None:
    return SkillsFramework.objects.filter(partnership_id=partnership_id).order_by("-version").first()


def level_choices(framework: SkillsFramework) -> list[SkillLevel]:
    return list(SkillLevel.objects.filter(skill__framework=framework).select_related("skill")
                .order_by("skill__order", "skill__pk", "level"))


# Young people's own records ------------------------------------------------------------------------
def own_record(user):
    """The young person's record of the signed-in young person, or None."""
    return young_people_visible_to(user).select_related("school__partnership").filter(user_id=user.pk).first()


def is_the_young_person(user, young_person) -> bool:
    return young_person.user_id is not None and young_person.user_id == user.pk


def get_passport_owner_for_user(user, pk: int):
    return get_young_person_for_user(user, pk)


# Evidence ------------------------------------------------------------------------------------------
EVIDENCE_RELATED = (
    "young_person__school", "skill_level__skill__framework", "encounter__employer", "encounter__provider",
    "placement__application__opportunity__employer", "endorser_employer", "endorser_adviser__employer",
    "credential",
)


def evidence_of(young_person_id: int) -> QuerySet[Evidence]:
    return (Evidence.objects.filter(young_person_id=young_person_id).select_related(*EVIDENCE_RELATED)
            .order_by("-occurred_on", "-pk"))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    return Evidence.objects.filter(young_person__in=young_people_visible_to(user).values("pk")).select_related(
        *EVIDENCE_RELATED)


def get_evidence_for_user(user, pk: int) -> Evidence:
    """Evidence on a record the person may see, or 404."""
    return get_object_or_404(evidence_visible_to(user), pk=pk)


@dataclass
class SkillRow:
    name: str
    summary: str
    endorsed: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    levels: list = field(default_factory=list)

    @property
    def highest_endorsed(self):
        return max((e.skill_level.level for e in self.endorsed), default=None)


@dataclass
class Passport:
    young_person: object
    framework: SkillsFramework | None
    rows: list[SkillRow]
    evidence: list

    @property
    def endorsed_count(self) -> int:
        return sum(len(r.endorsed) for r in self.rows)

    @property
    def pending_count(self) -> int:
        return sum(len(r.pending) for r in self.rows)


def passport_of(young_person, *, endorsed_only: bool = False) -> Passport:
    """The young person's evidence by skill, in the order of the approved framework (skills from
    earlier versions, kept by older evidence, after it). "Pending" is everything not yet endorsed.
    ``endorsed_only``: what a share link or the PDF shows, endorsed evidence whose credential stands.
    A fixed number of queries, however much evidence there is."""
    framework = approved_framework(young_person.school.partnership_id)
    skills = skills_of(framework) if framework else []
    rows = {s.name: SkillRow(s.name, s.summary, levels=list(s.levels.all())) for s in skills}
    evidence = evidence_of(young_person.pk)
    if endorsed_only:  # what is shown to others: endorsed, and its credential not revoked
        evidence = evidence.filter(status=Evidence.Status.ENDORSED).exclude(credential__revoked_at__isnull=False)
    evidence = list(evidence)
    for item in evidence:
        skill = item.skill_level.skill
        row = rows.setdefault(skill.name, SkillRow(skill.name, skill.summary))
        (row.endorsed if item.status == Evidence.Status.ENDORSED else row.pending).append(item)
    return Passport(young_person, framework, list(rows.values()), evidence)


def passport_summary(young_person) -> dict:
    """Counts for the record page: endorsed and pending pieces, and the highest endorsed level per skill."""
    rows = (Evidence.objects.filter(young_person_id=young_person.pk)
            .values_list("status", "skill_level__skill__name", "skill_level__level"))
    endorsed, pending, highest = 0, 0, {}
    for status, skill, level in rows:
        if status == Evidence.Status.ENDORSED:
            endorsed += 1
            highest[skill] = max(highest.get(skill, 0), level)
        else:
            pending += 1
    return {"endorsed": endorsed, "pending": pending, "highest": sorted(highest.items())}


# Where evidence comes from and who may endorse it --------------------------------------------------
def encounters_for_evidence(young_person_id: int) -> list:
    return list(encounter_selectors.encounters_of(young_person_id)[:100])


def placements_for_evidence(young_person_id: int) -> list:
    return [p for p in encounter_selectors.placements_of(young_person_id)[:50] if p.status != p.Status.CANCELLED]


def current_adviser_for_school(school_id: int) -> EnterpriseAdviser | None:
    match = (AdviserMatch.objects.filter(school_id=school_id, ended_on__isnull=True)
             .select_related("adviser__employer").first())
    if match is None or match.adviser.user_id is None or not match.adviser.is_active:
        return None
    return match.adviser


@dataclass(frozen=True)
class EndorserOption:
    key: str
    kind: str
    label: str
    employer: object = None
    adviser: object = None


def host_employer_of(evidence: Evidence):
    """The employer who hosted the activity the evidence is linked to, if any."""
    if evidence.encounter_id and evidence.encounter and evidence.encounter.employer_id:
        return evidence.encounter.employer
    if evidence.placement_id and evidence.placement:
        return evidence.placement.application.opportunity.employer
    return None


def endorser_options(evidence: Evidence) -> list[EndorserOption]:
    options = []
    employer = host_employer_of(evidence)
    if employer is not None:
        options.append(EndorserOption(f"employer:{employer.pk}", Evidence.EndorserKind.EMPLOYER,
                                      f"{employer.name}, who hosted the activity", employer=employer))
    adviser = current_adviser_for_school(evidence.young_person.school_id)
    if adviser is not None:
        options.append(EndorserOption(
            f"adviser:{adviser.pk}", Evidence.EndorserKind.ADVISER,
            f"{adviser.name}, your school’s enterprise adviser ({adviser.employer.name})", adviser=adviser))
    return options


# Endorsers -----------------------------------------------------------------------------------------
def endorser_condition(user) -> Q:
    condition = Q(pk__in=[])
    if not user.is_authenticated:
        return condition
    employer_ids = [a.employer_id for a in user.assignments_for(Role.EMPLOYER_CONTACT) if a.employer_id]
    if employer_ids:
        condition |= Q(endorser_kind=Evidence.EndorserKind.EMPLOYER, endorser_employer_id__in=employer_ids)
    if user.has_role(Role.ENTERPRISE_ADVISER):
        condition |= Q(endorser_kind=Evidence.EndorserKind.ADVISER, endorser_adviser__user_id=user.pk)
    return condition


def evidence_for_endorser(user) -> QuerySet[Evidence]:
    """Evidence submitted to this person (waiting, returned or endorsed), waiting first, oldest first."""
    return (Evidence.objects.filter(endorser_condition(user))
            .exclude(status=Evidence.Status.RECORDED)
            .select_related("young_person__school", "skill_level__skill", "encounter", "placement__application__opportunity",
                            "endorser_employer", "endorser_adviser__employer")
            .order_by("submitted_at", "pk"))


def get_evidence_for_endorser(user, pk: int) -> Evidence:
    return get_object_or_404(evidence_for_endorser(user), pk=pk)


def may_endorse(user, evidence: Evidence) -> bool:
    return evidence_for_endorser(user).filter(pk=evidence.pk).exists()


def get_evidence_file_for_user(user, pk: int) -> Evidence:
    """Evidence whose file this person may open: on a record they see, or submitted to them."""
    condition = Q(young_person__in=young_people_visible_to(user).values("pk")) | (
        endorser_condition(user) & ~Q(status=Evidence.Status.RECORDED))
    return get_object_or_404(Evidence.objects.filter(condition).exclude(file=""), pk=pk)


# Credentials and share links -----------------------------------------------------------------------
def get_credential_for_user(user, evidence_pk: int) -> Credential:
    return get_object_or_404(
        Credential.objects.select_related("evidence__young_person").filter(
            evidence__young_person__in=young_people_visible_to(user).values("pk")),
        evidence_id=evidence_pk,
    )


def may_revoke(user, credential: Credential) -> bool:
    return manages_frameworks(user, credential.signing_key.partnership_id)


def share_links_of(young_person_id: int) -> QuerySet[ShareLink]:
    return ShareLink.objects.filter(young_person_id=young_person_id).order_by("-created_at", "-pk")


def active_share_link(token_hash: str) -> ShareLink | None:
    from django.utils import timezone

    return (ShareLink.objects.select_related("young_person__school__partnership")
            .filter(token_hash=token_hash, revoked_at__isnull=True, expires_at__gt=timezone.now()).first())
