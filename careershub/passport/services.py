"""Writes to the skills passport. Every function takes acting_user (keyword-only), runs in a
transaction and leaves an audit entry (with young_person_id where a record is touched); it checks
the person may do it (``PermissionDenied``) and refuses what the rules do not allow with a
``ValidationError`` naming what is wrong.

The rules:

- Frameworks: the hub manager drafts a version (the first from the shipped starting point, later ones
  as a copy of the last), edits its skills and levels while it is a draft or in consultation, opens
  consultation (careers leaders and employer contacts are told, and may comment), and approves it:
  every skill must describe all five levels. Approving retires the version before; evidence made
  under it keeps it.
- Evidence: recorded by the young person themself against a level of the approved framework, linked
  to one of their own encounters or placements if they choose; changed or deleted until it is sent.
  Sent for endorsement to the employer who hosted the linked activity, or to the school's current
  enterprise adviser. The endorser endorses it (a credential is issued and signed) or returns it
  with a comment; returned evidence may be changed and sent again.
- Credentials are revoked by the partnership's hub manager, with a reason.
- Share links: made and switched off by the young person; they expire after the period chosen.
"""
from __future__ import annotations

import calendar
import hashlib
import secrets
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from careershub.accounts.models import RoleAssignment
from careershub.accounts.roles import Role
from careershub.core import audit
from careershub.core.models import AuditEntry
from careershub.core.notify import notify

from . import credentials, selectors
from .evidence_files import content_type_of, file_problem
from .models import (
    LEVELS,
    Credential,
    Evidence,
    EvidenceEvent,
    FrameworkComment,
    ShareLink,
    Skill,
    SkillLevel,
    SkillsFramework,
)

TITLE_MAX = Evidence._meta.get_field("title").max_length
TEXT_MAX = 3000
COMMENT_MAX = 2000


def _require_manager(user, partnership_id: int) -> None:
    if not selectors.manages_frameworks(user, partnership_id):
        raise PermissionDenied("Only the partnership's hub manager manages the skills framework.")


def _locked_framework(framework: SkillsFramework) -> SkillsFramework:
    return SkillsFramework.objects.select_for_update(of=("self",)).select_related("partnership").get(pk=framework.pk)


# Frameworks ----------------------------------------------------------------------------------------
def _copy_skills(source: SkillsFramework, target: SkillsFramework) -> None:
    for skill in selectors.skills_of(source):
        copy = Skill.objects.create(framework=target, order=skill.order, name=skill.name, summary=skill.summary)
        SkillLevel.objects.bulk_create([
            SkillLevel(skill=copy, level=level.level, name=level.name, descriptor=level.descriptor)
            for level in skill.levels.all()
        ])


def _install_skills(framework: SkillsFramework, description: dict) -> None:
    from .shipped import LEVEL_NAMES

    for order, (name, summary, descriptors) in enumerate(description["skills"], start=1):
        skill = Skill.objects.create(framework=framework, order=order, name=name, summary=summary)
        SkillLevel.objects.bulk_create([
            SkillLevel(skill=skill, level=level, name=LEVEL_NAMES[level], descriptor=text)
            for level, text in enumerate(descriptors, start=1)
        ])


def framework_install(*, partnership, description: dict, approved_by) -> SkillsFramework:
    """The partnership's approved framework; when it has none, ``description`` (shipped.py's form)
    installed as the next version and approved by ``approved_by`` (the demo city, tests)."""
    with transaction.atomic():
        existing = selectors.approved_framework(partnership.pk)
        if existing is not None:
            return existing
        latest = selectors.latest_framework(partnership.pk)
        framework = SkillsFramework.objects.create(
            partnership=partnership, version=(latest.version + 1) if latest else 1, name=description["name"],
            introduction=description["introduction"], status=SkillsFramework.Status.APPROVED,
            approved_at=timezone.now(), approved_by=approved_by, created_by=approved_by,
        )
        _install_skills(framework, description)
        audit.record(actor=approved_by, action=AuditEntry.Action.CREATE, subject=framework,
                     summary=f"Installed and approved the skills framework {framework}")
    return framework


def framework_draft(*, acting_user, partnership) -> SkillsFramework:
    """Start the next version: a copy of the latest one, or the shipped starting point for the first."""
    from .shipped import DEMO_FRAMEWORK

    _require_manager(acting_user, partnership.pk)
    with transaction.atomic():
        if selectors.framework_in_progress(partnership.pk) is not None:
            raise ValidationError("A version of the skills framework is already being drafted: finish it first",
                                  code="in_progress")
        latest = selectors.latest_framework(partnership.pk)
        try:
            with transaction.atomic():
                framework = SkillsFramework.objects.create(
                    partnership=partnership, version=(latest.version + 1) if latest else 1,
                    name=latest.name if latest else DEMO_FRAMEWORK["name"],
                    introduction=latest.introduction if latest else DEMO_FRAMEWORK["introduction"],
                    based_on=latest, created_by=acting_user,
                )
        except IntegrityError:
            raise ValidationError("A version of the skills framework is already being drafted: finish it first",
                                  code="in_progress") from None
        if latest is not None:
            _copy_skills(latest, framework)
        else:
            _install_skills(framework, DEMO_FRAMEWORK)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=framework,
                     summary=f"Started drafting {framework}")
    return framework


def _editable(acting_user, framework: SkillsFramework) -> SkillsFramework:
    framework = _locked_framework(framework)
    _require_manager(acting_user, framework.partnership_id)
    if not framework.is_editable:
        raise ValidationError("This version is approved: start a new version to change it", code="not_editable")
    return framework


def framework_update(*, acting_user, framework: SkillsFramework, name: str, introduction: str) -> SkillsFramework:
    with transaction.atomic():
        framework = _editable(acting_user, framework)
        if not name.strip():
            raise ValidationError({"name": "Enter a name for the framework"})
        framework.name, framework.introduction = name.strip(), introduction.strip()
        framework.save(update_fields=["name", "introduction", "updated_at"])
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=framework,
                     summary=f"Changed the name or introduction of {framework}")
    return framework


def _check_skill(framework, name: str, summary: str, levels: dict, skill: Skill | None = None) -> dict:
    problems = {}
    if not name.strip():
        problems["name"] = "Enter the skill’s name"
    elif framework.skills.filter(name__iexact=name.strip()).exclude(pk=skill.pk if skill else None).exists():
        problems["name"] = "The framework already has a skill with that name"
    if not summary.strip():
        problems["summary"] = "Say in a sentence what the skill is"
    for level in LEVELS:
        level_name, descriptor = levels.get(level, ("", ""))
        if not level_name.strip():
            problems[f"level_{level}_name"] = f"Enter a short name for level {level}"
        if not descriptor.strip():
            problems[f"level_{level}_descriptor"] = f"Describe what a young person at level {level} does"
    return problems


def skill_save(*, acting_user, framework: SkillsFramework, name: str, summary: str, levels: dict,
               skill: Skill | None = None) -> Skill:
    """Add a skill to a framework being drafted (``skill`` None) or change one; ``levels`` maps each
    level 1-5 to (name, descriptor)."""
    with transaction.atomic():
        framework = _editable(acting_user, framework)
        if skill is not None and skill.framework_id != framework.pk:
            raise ValidationError("That skill is not part of this framework")
        problems = _check_skill(framework, name, summary, levels, skill)
        if problems:
            raise ValidationError(problems)
        if skill is None:
            last = framework.skills.order_by("-order").first()
            skill = Skill.objects.create(framework=framework, order=(last.order + 1) if last else 1,
                                         name=name.strip(), summary=summary.strip())
            action = AuditEntry.Action.CREATE
        else:
            skill.name, skill.summary = name.strip(), summary.strip()
            skill.save()
            action = AuditEntry.Action.UPDATE
        for level in LEVELS:
            level_name, descriptor = levels[level]
            SkillLevel.objects.update_or_create(skill=skill, level=level, defaults={
                "name": level_name.strip(), "descriptor": descriptor.strip()})
        audit.record(actor=acting_user, action=action, subject=skill,
                     summary=f"Saved the skill {skill.name} in {framework}")
    return skill


def skill_remove(*, acting_user, skill: Skill) -> None:
    with transaction.atomic():
        framework = _editable(acting_user, skill.framework)
        if skill.framework_id != framework.pk:
            raise ValidationError("That skill is not part of this framework")
        audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=skill,
                     summary=f"Removed the skill {skill.name} from {framework}")
        skill.delete()


def _partnership_people(partnership_id: int, roles) -> list:
    assignments = RoleAssignment.objects.filter(partnership_id=partnership_id, role__in=[str(r) for r in roles],
                                                user__is_active=True).select_related("user")
    return list({a.user_id: a.user for a in assignments}.values())


def framework_open_consultation(*, acting_user, framework: SkillsFramework) -> SkillsFramework:
    with transaction.atomic():
        framework = _editable(acting_user, framework)
        if framework.status != SkillsFramework.Status.DRAFT:
            raise ValidationError("This version is already in consultation", code="not_draft")
        if not framework.skills.exists():
            raise ValidationError("Add at least one skill before asking for comments", code="no_skills")
        framework.status = SkillsFramework.Status.CONSULTATION
        framework.consultation_opened_at = timezone.now()
        framework.save(update_fields=["status", "consultation_opened_at", "updated_at"])
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=framework,
                     summary=f"Opened consultation on {framework}")
        people = [u for u in _partnership_people(framework.partnership_id, (Role.CAREERS_LEADER, Role.EMPLOYER_CONTACT))
                  if u.pk != acting_user.pk]
        notify(people, subject=f"Have your say on the draft skills framework, version {framework.version}",
               body=f"{framework.partnership.name} is asking schools and employers for comments on the draft "
                    "skills framework before it is approved.",
               url=framework.get_absolute_url())
    return framework


def framework_approve(*, acting_user, framework: SkillsFramework) -> SkillsFramework:
    with transaction.atomic():
        framework = _editable(acting_user, framework)
        skills = selectors.skills_of(framework)
        if not skills:
            raise ValidationError("The framework has no skills to approve", code="no_skills")
        incomplete = [s.name for s in skills if sorted(lv.level for lv in s.levels.all()) != list(LEVELS)]
        if incomplete:
            raise ValidationError(f"Describe all five levels of {', '.join(incomplete)} before approving",
                                  code="incomplete")
        now = timezone.now()
        previous = SkillsFramework.objects.filter(partnership_id=framework.partnership_id,
                                                  status=SkillsFramework.Status.APPROVED)
        previous.update(status=SkillsFramework.Status.RETIRED, retired_at=now)
        framework.status = SkillsFramework.Status.APPROVED
        framework.approved_at, framework.approved_by = now, acting_user
        framework.save(update_fields=["status", "approved_at", "approved_by", "updated_at"])
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=framework,
                     summary=f"Approved {framework}")
    return framework


def framework_comment(*, acting_user, framework: SkillsFramework, body: str, skill: Skill | None = None) -> FrameworkComment:
    with transaction.atomic():
        framework = _locked_framework(framework)
        if framework.status != SkillsFramework.Status.CONSULTATION:
            raise ValidationError("Comments are taken only while the framework is in consultation", code="closed")
        if not selectors.may_comment(acting_user, framework):
            raise PermissionDenied("Careers leaders, employer contacts and hub staff comment on the draft framework.")
        body = body.strip()
        if not body:
            raise ValidationError({"body": "Enter your comment"})
        if len(body) > COMMENT_MAX:
            raise ValidationError({"body": f"Your comment must be {COMMENT_MAX} characters or fewer"})
        if skill is not None and skill.framework_id != framework.pk:
            raise ValidationError({"skill": "Choose a skill from this framework"})
        organisation = next((str(a.organisation) for a in acting_user._assignments()
                             if a.partnership_id == framework.partnership_id), "")
        comment = FrameworkComment.objects.create(framework=framework, skill=skill, author=acting_user,
                                                  author_organisation=organisation[:200], body=body)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=comment,
                     summary=f"Commented on {framework}")
    return comment


# Evidence ------------------------------------------------------------------------------------------
def _require_young_person(acting_user, young_person) -> None:
    if not selectors.is_the_young_person(acting_user, young_person):
        raise PermissionDenied("Only the young person records evidence in their own passport.")


def check_upload(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return file_problem(upload.name or "", upload.size or 0, head)


def _check_evidence(young_person, *, skill_level, title, description, reflection, occurred_on, encounter,
                    placement, upload, existing: Evidence | None = None) -> dict:
    problems = {}
    framework = selectors.approved_framework(young_person.school.partnership_id)
    if skill_level is None:
        problems["skill_level"] = "Choose the skill and the level you showed"
    elif framework is None or skill_level.skill.framework_id != framework.pk:
        keeps_old = existing is not None and existing.skill_level_id == skill_level.pk
        if not keeps_old:
            problems["skill_level"] = "Choose a skill and level from the partnership’s current skills framework"
    for name, value, label in (("title", title, "what you did"), ("description", description, "more about what you did"),
                               ("reflection", reflection, "what you learned")):
        if not (value or "").strip():
            problems[name] = f"Tell us {label}"
    if len(title or "") > TITLE_MAX:
        problems["title"] = f"What you did must be {TITLE_MAX} characters or fewer"
    for name, value in (("description", description), ("reflection", reflection)):
        if len(value or "") > TEXT_MAX:
            problems[name] = f"This must be {TEXT_MAX} characters or fewer"
    if occurred_on is None:
        problems["occurred_on"] = "Enter the date you did it"
    elif occurred_on > timezone.localdate():
        problems["occurred_on"] = "The date you did it must be today or in the past"
    if encounter is not None and placement is not None:
        problems["activity"] = "Choose one activity, or none"
    if encounter is not None and encounter.young_person_id != young_person.pk:
        problems["activity"] = "Choose one of your own activities"
    if placement is not None and placement.application.young_person_id != young_person.pk:
        problems["activity"] = "Choose one of your own placements"
    if upload is not None:
        problem = check_upload(upload)
        if problem:
            problems["file"] = problem
    return problems


def _attach(evidence: Evidence, upload: UploadedFile | None) -> str | None:
    """Store the upload under a random name; the old file's name, to delete after commit."""
    if upload is None:
        return None
    old = evidence.file.name if evidence.file else None
    evidence.file_name = (upload.name or "evidence")[:255]
    evidence.file_content_type = content_type_of(upload.name)
    evidence.file.save(upload.name, upload, save=False)
    return old


def _delete_later(name: str | None) -> None:
    if name:
        storage = Evidence._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))


def evidence_record(*, acting_user, young_person, skill_level, title: str, description: str, reflection: str,
                    occurred_on, encounter=None, placement=None, upload: UploadedFile | None = None,
                    via: str = "web") -> Evidence:
    _require_young_person(acting_user, young_person)
    with transaction.atomic():
        problems = _check_evidence(young_person, skill_level=skill_level, title=title, description=description,
                                   reflection=reflection, occurred_on=occurred_on, encounter=encounter,
                                   placement=placement, upload=upload)
        if problems:
            raise ValidationError(problems)
        evidence = Evidence(young_person=young_person, skill_level=skill_level, title=title.strip(),
                            description=description.strip(), reflection=reflection.strip(), occurred_on=occurred_on,
                            encounter=encounter, placement=placement, created_by=acting_user)
        _attach(evidence, upload)
        evidence.save()
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=evidence, via=via,
                     young_person_id=young_person.pk,
                     summary=f"Recorded evidence of {skill_level.skill.name} (level {skill_level.level})")
    return evidence


def _locked_evidence(evidence: Evidence) -> Evidence:
    return (Evidence.objects.select_for_update(of=("self",))
            .select_related(*selectors.EVIDENCE_RELATED).get(pk=evidence.pk))


def evidence_update(*, acting_user, evidence: Evidence, skill_level, title: str, description: str, reflection: str,
                    occurred_on, encounter=None, placement=None, upload: UploadedFile | None = None,
                    remove_file: bool = False, via: str = "web") -> Evidence:
    with transaction.atomic():
        evidence = _locked_evidence(evidence)
        _require_young_person(acting_user, evidence.young_person)
        if not evidence.is_editable:
            raise ValidationError("Evidence that has been sent for endorsement, or endorsed, cannot be changed",
                                  code="not_editable")
        problems = _check_evidence(evidence.young_person, skill_level=skill_level, title=title,
                                   description=description, reflection=reflection, occurred_on=occurred_on,
                                   encounter=encounter, placement=placement, upload=upload, existing=evidence)
        if problems:
            raise ValidationError(problems)
        evidence.skill_level, evidence.title = skill_level, title.strip()
        evidence.description, evidence.reflection = description.strip(), reflection.strip()
        evidence.occurred_on, evidence.encounter, evidence.placement = occurred_on, encounter, placement
        stale = None
        if upload is not None:
            stale = _attach(evidence, upload)
        elif remove_file and evidence.file:
            stale = evidence.file.name
            evidence.file, evidence.file_name, evidence.file_content_type = "", "", ""
        evidence.save()
        _delete_later(stale)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=evidence, via=via,
                     young_person_id=evidence.young_person_id, summary=f"Changed evidence ‘{evidence.title}’")
    return evidence


def evidence_delete(*, acting_user, evidence: Evidence, via: str = "web") -> None:
    with transaction.atomic():
        evidence = _locked_evidence(evidence)
        _require_young_person(acting_user, evidence.young_person)
        if not evidence.is_editable:
            raise ValidationError("Evidence that has been sent for endorsement, or endorsed, cannot be deleted",
                                  code="not_editable")
        _delete_later(evidence.file.name if evidence.file else None)
        audit.record(actor=acting_user, action=AuditEntry.Action.DELETE, subject=evidence, via=via,
                     young_person_id=evidence.young_person_id, summary=f"Deleted evidence ‘{evidence.title}’")
        evidence.delete()


def _endorser_users(evidence: Evidence) -> list:
    if evidence.endorser_kind == Evidence.EndorserKind.EMPLOYER:
        return [a.user for a in RoleAssignment.objects.filter(
            role=Role.EMPLOYER_CONTACT, employer_id=evidence.endorser_employer_id, user__is_active=True,
        ).select_related("user")]
    if evidence.endorser_adviser_id and evidence.endorser_adviser.user_id:
        return [evidence.endorser_adviser.user]
    return []


def evidence_submit(*, acting_user, evidence: Evidence, endorser: str, via: str = "web") -> Evidence:
    """Send the evidence for endorsement; ``endorser`` is one of selectors.endorser_options' keys."""
    with transaction.atomic():
        evidence = _locked_evidence(evidence)
        _require_young_person(acting_user, evidence.young_person)
        if not evidence.is_editable:
            raise ValidationError("This evidence has already been sent for endorsement", code="not_editable")
        options = {o.key: o for o in selectors.endorser_options(evidence)}
        if not options:
            raise ValidationError(
                {"endorser": "There is nobody to endorse this yet: link it to an activity with an employer, or ask "
                             "your careers leader about your school’s enterprise adviser"}, code="no_endorser")
        option = options.get(endorser)
        if option is None:
            raise ValidationError({"endorser": "Choose who should endorse your evidence"})
        evidence.endorser_kind = option.kind
        evidence.endorser_employer = option.employer
        evidence.endorser_adviser = option.adviser
        evidence.status = Evidence.Status.SUBMITTED
        evidence.submitted_at = timezone.now()
        evidence.endorser_comment = ""
        evidence.save()
        EvidenceEvent.objects.create(evidence=evidence, action=EvidenceEvent.Action.SUBMITTED, by=acting_user,
                                     by_name=selectors.short_name(evidence.young_person))
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=evidence, via=via,
                     young_person_id=evidence.young_person_id,
                     summary=f"Sent evidence ‘{evidence.title}’ for endorsement to {evidence.endorser_name}")
        notify(_endorser_users(evidence), subject="Evidence of skills to endorse",
               body=f"{selectors.short_name(evidence.young_person)} of {evidence.young_person.school.name} asks you "
                    f"to endorse their evidence of {evidence.skill.name.lower()}.",
               url=reverse("passport:endorse", args=[evidence.pk]))
    return evidence


def _decidable(acting_user, evidence: Evidence) -> Evidence:
    evidence = _locked_evidence(evidence)
    if not selectors.may_endorse(acting_user, evidence):
        raise PermissionDenied("Only the person the evidence was sent to can endorse it.")
    if evidence.status != Evidence.Status.SUBMITTED:
        raise ValidationError("This evidence is not waiting for endorsement", code="not_submitted")
    return evidence


def _endorser_label(acting_user, evidence: Evidence) -> str:
    person = acting_user.get_full_name() or acting_user.username
    if evidence.endorser_kind == Evidence.EndorserKind.EMPLOYER:
        return f"{person}, {evidence.endorser_employer.name}"
    return f"{person}, enterprise adviser ({evidence.endorser_adviser.employer.name})"


def evidence_endorse(*, acting_user, evidence: Evidence, comment: str = "", via: str = "web") -> Credential:
    """Endorse the evidence and issue its signed credential."""
    with transaction.atomic():
        evidence = _decidable(acting_user, evidence)
        comment = comment.strip()
        if len(comment) > COMMENT_MAX:
            raise ValidationError({"comment": f"Your comment must be {COMMENT_MAX} characters or fewer"})
        now = timezone.now()
        evidence.status, evidence.decided_at, evidence.decided_by = Evidence.Status.ENDORSED, now, acting_user
        evidence.endorser_comment = comment
        evidence.save()
        label = _endorser_label(acting_user, evidence)
        EvidenceEvent.objects.create(evidence=evidence, action=EvidenceEvent.Action.ENDORSED, comment=comment,
                                     by=acting_user, by_name=label)
        credential = credentials.issue(evidence, short_name=selectors.short_name(evidence.young_person),
                                       endorsed_by=label, now=now)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=evidence, via=via,
                     young_person_id=evidence.young_person_id,
                     summary=f"Endorsed evidence of {evidence.skill.name} (level {evidence.skill_level.level}); "
                             f"issued credential {credential.urn}")
        if evidence.young_person.user_id:
            notify([evidence.young_person.user], subject="Your evidence has been endorsed",
                   body=f"{label} endorsed your evidence of {evidence.skill.name.lower()}. Your credential is ready "
                        "to download.", url=evidence.get_absolute_url())
    return credential


def evidence_return(*, acting_user, evidence: Evidence, comment: str, via: str = "web") -> Evidence:
    with transaction.atomic():
        evidence = _decidable(acting_user, evidence)
        comment = comment.strip()
        if not comment:
            raise ValidationError({"comment": "Say what the young person should change or add"})
        if len(comment) > COMMENT_MAX:
            raise ValidationError({"comment": f"Your comment must be {COMMENT_MAX} characters or fewer"})
        evidence.status, evidence.decided_at, evidence.decided_by = Evidence.Status.RETURNED, timezone.now(), acting_user
        evidence.endorser_comment = comment
        evidence.save()
        EvidenceEvent.objects.create(evidence=evidence, action=EvidenceEvent.Action.RETURNED, comment=comment,
                                     by=acting_user, by_name=_endorser_label(acting_user, evidence))
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=evidence, via=via,
                     young_person_id=evidence.young_person_id, summary=f"Returned evidence ‘{evidence.title}’")
        if evidence.young_person.user_id:
            notify([evidence.young_person.user], subject="Your evidence has been returned with a comment",
                   body=comment, url=evidence.get_absolute_url())
    return evidence


def credential_revoke(*, acting_user, credential: Credential, reason: str, via: str = "web") -> Credential:
    with transaction.atomic():
        credential = (Credential.objects.select_for_update(of=("self",))
                      .select_related("evidence__young_person", "signing_key").get(pk=credential.pk))
        if not selectors.may_revoke(acting_user, credential):
            raise PermissionDenied("Only the partnership's hub manager revokes credentials.")
        if credential.is_revoked:
            raise ValidationError("This credential has already been revoked", code="revoked")
        reason = reason.strip()
        if not reason:
            raise ValidationError({"reason": "Say why the credential is being revoked"})
        if len(reason) > COMMENT_MAX:
            raise ValidationError({"reason": f"The reason must be {COMMENT_MAX} characters or fewer"})
        credential.revoked_at, credential.revoked_by, credential.revocation_reason = timezone.now(), acting_user, reason
        credential.save(update_fields=["revoked_at", "revoked_by", "revocation_reason", "updated_at"])
        EvidenceEvent.objects.create(evidence=credential.evidence, action=EvidenceEvent.Action.REVOKED, comment=reason,
                                     by=acting_user, by_name=acting_user.get_full_name() or acting_user.username)
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=credential, via=via,
                     young_person_id=credential.evidence.young_person_id,
                     summary=f"Revoked credential {credential.urn}: {reason}")
    return credential


# Share links ---------------------------------------------------------------------------------------
def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _add_months(moment: datetime, months: int) -> datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def expiry_for(period: str, now: datetime) -> datetime:
    if period == ShareLink.Period.WEEK:
        return now + timedelta(days=7)
    months = {ShareLink.Period.MONTH: 1, ShareLink.Period.THREE_MONTHS: 3, ShareLink.Period.SIX_MONTHS: 6}
    if period not in months:
        raise ValidationError({"period": "Choose how long the link should work for"})
    return _add_months(now, months[period])


def share_link_create(*, acting_user, young_person, period: str, via: str = "web") -> tuple[ShareLink, str]:
    """A new link and its token (shown once: only its hash is kept)."""
    _require_young_person(acting_user, young_person)
    with transaction.atomic():
        now = timezone.now()
        expires_at = expiry_for(period, now)
        token = secrets.token_urlsafe(32)
        link = ShareLink.objects.create(young_person=young_person, token_hash=hash_token(token), period=period,
                                        expires_at=expires_at, created_by=acting_user)
        audit.record(actor=acting_user, action=AuditEntry.Action.CREATE, subject=link, via=via,
                     young_person_id=young_person.pk,
                     summary=f"Made a link to share the skills passport until {timezone.localtime(expires_at):%d/%m/%Y}")
    return link, token


def share_link_revoke(*, acting_user, link: ShareLink, via: str = "web") -> ShareLink:
    with transaction.atomic():
        link = ShareLink.objects.select_for_update().select_related("young_person").get(pk=link.pk)
        _require_young_person(acting_user, link.young_person)
        if link.revoked_at is not None:
            raise ValidationError("This link is already switched off", code="revoked")
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at", "updated_at"])
        audit.record(actor=acting_user, action=AuditEntry.Action.UPDATE, subject=link, via=via,
                     young_person_id=link.young_person_id, summary="Switched off a link sharing the skills passport")
    return link


def share_link_opened(*, link: ShareLink) -> None:
    """Someone opened the shared passport (nobody signed in, or anyone): counted and logged."""
    ShareLink.objects.filter(pk=link.pk).update(last_opened_at=timezone.now(), times_opened=link.times_opened + 1)
    audit.record(actor=None, action=AuditEntry.Action.VIEW, subject=link, young_person_id=link.young_person_id,
                 summary="The shared skills passport was opened through its link")
