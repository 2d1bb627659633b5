"""The skills passport: the partnership's skills framework, young people's evidence, employers'
endorsements and the credentials issued for them.

- ``SkillsFramework`` > ``Skill`` > ``SkillLevel``: the partnership's own framework, versioned. A
  version is drafted by the hub manager, put out to consultation (careers leaders and employer
  contacts read it and comment, ``FrameworkComment``), then approved; approving a version retires
  the one before. A new version starts as a copy of the last. Only the approved version is used for
  new evidence; evidence keeps the version it was made under (through its ``SkillLevel``).
- ``Evidence``: what a young person did, their reflection, the skill and level they claim, an
  optional file, linked to an encounter or a placement where there is one. Submitted for
  endorsement to the employer who hosted the activity or to the school's enterprise adviser, who
  endorses it or returns it with a comment. ``EvidenceEvent`` is its history.
- ``Credential``: the Open Badges 3.0 credential issued, signed, for an endorsement; revocable by
  the hub manager. ``SigningKey``: the partnership's Ed25519 keys (docs/decisions/0011).
- ``ShareLink``: a link the young person gives out to their endorsed evidence, until it expires or
  they switch it off. Only a hash of its token is kept.
"""
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from careershub.core.models import TimeStampedModel

LEVELS = (1, 2, 3, 4, 5)
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class SkillsFramework(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        CONSULTATION = "consultation", "In consultation"
        APPROVED = "approved", "Approved"
        RETIRED = "retired", "Replaced by a later version"

    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="skills_frameworks")
    version = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="What the framework is for, in a few sentences.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    consultation_opened_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    retired_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["partnership", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="unique_skills_framework_version"),
            models.UniqueConstraint(fields=["partnership"], condition=Q(status="approved"),
                                    name="one_approved_skills_framework"),
            models.UniqueConstraint(fields=["partnership"], condition=Q(status__in=["draft", "consultation"]),
                                    name="one_skills_framework_in_progress"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    def get_absolute_url(self):
        return reverse("passport:framework_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CONSULTATION)


class Skill(models.Model):
    framework = models.ForeignKey(SkillsFramework, on_delete=models.CASCADE, related_name="skills")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=100)
    summary = models.TextField(help_text="What the skill is, in a sentence a 12-year-old would follow.")

    class Meta:
        ordering = ["framework", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "name"], name="unique_skill_name_in_framework"),
        ]

    def __str__(self) -> str:
        return self.name


class SkillLevel(models.Model):
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    name = models.CharField(max_length=50, help_text="A short name for the level, such as ‘Getting started’.")
    descriptor = models.TextField(help_text="What a young person at this level does, in plain words.")

    class Meta:
        ordering = ["skill", "level"]
        constraints = [
            models.UniqueConstraint(fields=["skill", "level"], name="unique_skill_level"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="skill_level_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.skill.name}: level {self.level} ({self.name})"


class FrameworkComment(models.Model):
    """A comment on a version in consultation, from a careers leader, an employer contact or hub staff."""

    framework = models.ForeignKey(SkillsFramework, on_delete=models.CASCADE, related_name="comments")
    skill = models.ForeignKey(Skill, null=True, blank=True, on_delete=models.SET_NULL, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_organisation = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


def evidence_upload_to(evidence: "Evidence", filename: str) -> str:
    """A name nobody can guess: the young person's id is not in it, only random hex."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"passport/evidence/{uuid.uuid4().hex}{uuid.uuid4().hex}{suffix}"


class Evidence(TimeStampedModel):
    class Status(models.TextChoices):
        RECORDED = "recorded", "Not sent for endorsement"
        SUBMITTED = "submitted", "Waiting for endorsement"
        RETURNED = "returned", "Returned with a comment"
        ENDORSED = "endorsed", "Endorsed"

    class EndorserKind(models.TextChoices):
        EMPLOYER = "employer", "The employer who hosted the activity"
        ADVISER = "adviser", "The school’s enterprise adviser"

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="passport_evidence")
    skill_level = models.ForeignKey(SkillLevel, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField("What you did", max_length=200)
    description = models.TextField("Tell us more about what you did")
    reflection = models.TextField("What you learned")
    occurred_on = models.DateField("When you did it")
    encounter = models.ForeignKey("opportunities.Encounter", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    placement = models.ForeignKey("opportunities.Placement", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    file = models.FileField(upload_to=evidence_upload_to, blank=True, max_length=255)
    file_name = models.CharField(max_length=255, blank=True)
    file_content_type = models.CharField(max_length=32, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.RECORDED, db_index=True)
    endorser_kind = models.CharField(max_length=16, choices=EndorserKind.choices, blank=True)
    endorser_employer = models.ForeignKey("network.Employer", null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    endorser_adviser = models.ForeignKey("advisers.EnterpriseAdviser", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    endorser_comment = models.TextField(blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name_plural = "evidence"
        indexes = [
            models.Index(fields=["young_person", "status"]),
            models.Index(fields=["endorser_employer", "status"]),
            models.Index(fields=["endorser_adviser", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(endorser_kind="") & Q(endorser_employer__isnull=True) & Q(endorser_adviser__isnull=True))
                | (Q(endorser_kind="employer") & Q(endorser_adviser__isnull=True))
                | (Q(endorser_kind="adviser") & Q(endorser_employer__isnull=True)),
                name="evidence_one_kind_of_endorser",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self):
        return reverse("passport:evidence_detail", args=[self.pk])

    @property
    def skill(self) -> Skill:
        return self.skill_level.skill

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.RECORDED, self.Status.RETURNED)

    @property
    def endorser_name(self) -> str:
        if self.endorser_kind == self.EndorserKind.EMPLOYER and self.endorser_employer_id:
            return self.endorser_employer.name
        if self.endorser_kind == self.EndorserKind.ADVISER and self.endorser_adviser_id:
            adviser = self.endorser_adviser
            return f"{adviser.name}, enterprise adviser ({adviser.employer.name})"
        return ""


class EvidenceEvent(models.Model):
    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Sent for endorsement"
        RETURNED = "returned", "Returned with a comment"
        ENDORSED = "endorsed", "Endorsed"
        REVOKED = "revoked", "Credential revoked"

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    comment = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class SigningKey(TimeStampedModel):
    """One of the partnership's Ed25519 signing keys. The private key is kept encrypted with a key
    derived from SECRET_KEY (``encrypted_seed`` empty when it is given in CAREERSHUB_SIGNING_KEY);
    the public key stays when a key is retired, so that credentials it signed still verify."""

    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="signing_keys")
    public_key = models.BinaryField(max_length=32)
    did = models.CharField(max_length=120, unique=True)
    encrypted_seed = models.BinaryField(blank=True, default=b"")
    from_environment = models.BooleanField(default=False)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["partnership", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["partnership"], condition=Q(retired_at__isnull=True),
                                    name="one_current_signing_key"),
        ]

    def __str__(self) -> str:
        return self.did


class Credential(TimeStampedModel):
    """The Open Badges 3.0 credential issued for an endorsement, exactly as signed."""

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="credential")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    signing_key = models.ForeignKey(SigningKey, on_delete=models.PROTECT, related_name="credentials")
    document = models.JSONField()
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    revocation_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.urn

    @property
    def urn(self) -> str:
        return f"urn:uuid:{self.uuid}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class ShareLink(TimeStampedModel):
    class Period(models.TextChoices):
        WEEK = "1w", "1 week"
        MONTH = "1m", "1 month"
        THREE_MONTHS = "3m", "3 months"
        SIX_MONTHS = "6m", "6 months"

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="passport_share_links")
    token_hash = models.CharField(max_length=64, unique=True)
    period = models.CharField(max_length=2, choices=Period.choices)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    last_opened_at = models.DateTimeField(null=True, blank=True)
    times_opened = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and self.expires_at > now

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "Switched off"
        if self.expires_at <= timezone.now():
            return "Expired"
        return "Active"
