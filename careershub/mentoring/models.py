"""Mentoring by delivery partners: a school refers a young person to a mentoring provider, the young
person (and, under 16, a parent or carer) consents, one of the provider's mentors takes them on, and
they meet in group and one-to-one sessions, working towards goals they agree.

Who sees what (docs/data-protection.md): session notes are read only by the mentor who wrote them and
by the safeguarding leads of the provider and of the young person's school; everyone else who may
open the young person's record sees that sessions happened, their aims and the goals, never notes.
"""
import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from careershub.core.models import TimeStampedModel

# Below this age a parent or carer's consent is needed as well as the young person's.
PARENTAL_CONSENT_UNDER = 16
# A session starting at or after this time is after school.
AFTER_SCHOOL_FROM = datetime.time(15, 0)


class Referral(TimeStampedModel):
    """A young person referred by their school to a mentoring provider, and the mentoring that follows."""

    class Reason(models.TextChoices):
        LOW_ATTENDANCE = "low_attendance", "Low attendance"
        LOW_CONFIDENCE = "low_confidence", "Low confidence or self-esteem"
        AT_RISK_OF_NEET = "at_risk_of_neet", "At risk of not being in education, employment or training (NEET)"
        NO_IDEA_NEXT = "no_idea_next", "No idea what to do next"
        SEND_TRANSITION = "send_transition", "Needs extra support with a transition because of SEND"
        OTHER = "other", "Another reason"

    class Status(models.TextChoices):
        OPEN = "open", "Waiting for a mentor"
        ACTIVE = "active", "Being mentored"
        CLOSED = "closed", "Ended"

    class Outcome(models.TextChoices):
        COMPLETED = "completed", "Completed: goals met"
        MOVED_ON = "moved_on", "Moved on to education, employment or training"
        DISENGAGED = "disengaged", "Stopped taking part"
        LEFT_SCHOOL = "left_school", "Left the school"
        WITHDRAWN = "withdrawn", "Referral withdrawn by the school"

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE, related_name="mentoring_referrals")
    provider = models.ForeignKey("network.Provider", on_delete=models.CASCADE, related_name="mentoring_referrals")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    referred_on = models.DateField()
    reason = models.CharField(max_length=32, choices=Reason.choices)
    details = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="mentees")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    accepted_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    # The personalised plan: what the mentor and young person learn together in the first sessions.
    motivations = models.TextField(blank=True)
    interests = models.TextField(blank=True)
    strengths = models.TextField(blank=True)

    class Meta:
        ordering = ["-referred_on", "-pk"]
        constraints = [
            # One live referral per young person per provider; ended ones stay as history.
            models.UniqueConstraint(fields=["young_person", "provider"], condition=~Q(status="closed"),
                                    name="one_live_mentoring_referral"),
            models.CheckConstraint(condition=~Q(status="active") | Q(mentor__isnull=False), name="active_referral_has_mentor"),
        ]
        indexes = [models.Index(fields=["provider", "status"]), models.Index(fields=["mentor", "status"])]

    def __str__(self) -> str:
        return f"Mentoring referral of {self.young_person} to {self.provider}"

    def get_absolute_url(self):
        return reverse("mentoring:referral_detail", args=[self.pk])

    @property
    def reason_text(self) -> str:
        return self.get_reason_display()


class Consent(models.Model):
    """Consent to mentoring from the young person or a parent or carer. Withdrawing keeps the row
    (stamped) as history; giving consent again adds a new one."""

    class Capacity(models.TextChoices):
        YOUNG_PERSON = "young_person", "The young person"
        PARENT = "parent", "Parent or carer"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="consents")
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    capacity = models.CharField(max_length=16, choices=Capacity.choices)
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["given_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "given_by"], condition=Q(withdrawn_at__isnull=True),
                                    name="one_current_consent_per_person"),
        ]

    def __str__(self) -> str:
        return f"Consent of {self.given_by} to {self.referral}"


class MentoringSession(TimeStampedModel):
    class Kind(models.TextChoices):
        ONE_TO_ONE = "one_to_one", "One-to-one"
        GROUP = "group", "Group"

    class Where(models.TextChoices):
        AT_SCHOOL = "at_school", "At school or college"
        COMMUNITY = "community", "In the community"
        ONLINE = "online", "Online"

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    provider = models.ForeignKey("network.Provider", on_delete=models.CASCADE, related_name="mentoring_sessions")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    where = models.CharField(max_length=16, choices=Where.choices)
    place = models.CharField(max_length=200, blank=True, help_text="The room or address; for online, how to join.")
    aims = models.TextField(help_text="What the session will work on: the young people see this.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SCHEDULED)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start")]
        indexes = [models.Index(fields=["mentor", "date"]), models.Index(fields=["provider", "date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} mentoring session on {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("mentoring:session_detail", args=[self.pk])

    @property
    def after_school(self) -> bool:
        return self.starts_at >= AFTER_SCHOOL_FROM


class SessionAttendee(models.Model):
    class Attendance(models.TextChoices):
        EXPECTED = "expected", "Not marked yet"
        ATTENDED = "attended", "Attended"
        ABSENT = "absent", "Absent"

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="attendees")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attendances")
    attendance = models.CharField(max_length=16, choices=Attendance.choices, default=Attendance.EXPECTED)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["session", "referral"], name="attends_once")]
        indexes = [models.Index(fields=["referral", "attendance"])]

    def __str__(self) -> str:
        return f"{self.referral.young_person} at {self.session}"


class SessionNote(models.Model):
    """The mentor's note about one young person in one session. Read only by its author and the
    safeguarding leads of the provider and of the young person's school (selectors.notes_visible_to)."""

    session = models.ForeignKey(MentoringSession, on_delete=models.CASCADE, related_name="notes")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    safeguarding_concern = models.BooleanField(default=False)
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["written_at", "pk"]
        indexes = [models.Index(fields=["safeguarding_concern", "written_at"])]

    def __str__(self) -> str:
        return f"Note on {self.session}"


class Goal(TimeStampedModel):
    """A goal the mentor and young person agree. Seen by the young person, their parents and their
    school's staff (whoever may open the record), unlike session notes."""

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        ACHIEVED = "achieved", "Achieved"
        DROPPED = "dropped", "No longer a goal"

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=300)
    target_on = models.DateField(null=True, blank=True)
    progress = models.CharField(max_length=16, choices=Progress.choices, default=Progress.NOT_STARTED)
    agreed_on = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["agreed_on", "pk"]

    def __str__(self) -> str:
        return self.text


class ProviderSafeguardingLead(TimeStampedModel):
    """A person at a mentoring provider (holding a role within it) who is its designated safeguarding
    lead: reads every session note of the provider's mentoring and is told of concerns. Set by the hub."""

    provider = models.ForeignKey("network.Provider", on_delete=models.CASCADE, related_name="safeguarding_leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["provider", "user"], name="unique_provider_safeguarding_lead")]

    def __str__(self) -> str:
        return f"{self.user}, safeguarding lead of {self.provider}"


class SchoolSafeguardingLead(TimeStampedModel):
    """The designated safeguarding lead (or a deputy) of a school: reads session notes about the
    school's young people and is told of concerns. A careers leader is not one unless recorded here."""

    school = models.ForeignKey("network.School", on_delete=models.CASCADE, related_name="safeguarding_leads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "user"], name="unique_school_safeguarding_lead")]

    def __str__(self) -> str:
        return f"{self.user}, safeguarding lead of {self.school}"
