"""Opportunities employers and providers offer, the applications young people make, placements with
their safeguarding, the encounters that end up on a young person's record, and reviews.

An opportunity moves draft -> submitted -> approved (or returned with reasons, then resubmitted);
only approved opportunities are on the menu young people search. An application moves submitted ->
shortlisted -> accepted (or declined with a reason, or withdrawn by the young person). An accepted
application for a kind that needs safeguarding gets a Placement, which is confirmed only when every
safeguarding check is complete. Attendance turns into Encounter rows, which the pledge and the
Gatsby Benchmark counts read.
"""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from careershub.core.calendar import academic_year_of
from careershub.core.models import TimeStampedModel
from careershub.network.models import SicSection, postcode_validator

from .kinds import Counts, Kind, rules_for

YEAR_GROUP_VALIDATORS = [MinValueValidator(7), MaxValueValidator(14)]


class Opportunity(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Waiting for approval"
        RETURNED = "returned", "Returned for changes"
        APPROVED = "approved", "Approved"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class HowPlacesAreGiven(models.TextChoices):
        APPLICATION = "application", "The employer chooses from applications"
        ALLOCATION = "allocation", "Allocated in a partnership allocation round"
        WHOLE_GROUP = "whole_group", "A whole group attends (no applications)"

    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="opportunities")
    # Offered by an employer, or by a college, university or training provider (education encounters).
    employer = models.ForeignKey("network.Employer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="opportunities")
    provider = models.ForeignKey("network.Provider", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="opportunities")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(help_text="What the opportunity is, in two or three sentences a 13-year-old would follow.")
    # Gatsby Benchmark numbers (1-8) the opportunity serves; defaults come from the kind.
    benchmarks = models.JSONField(default=list, blank=True)
    sic_section = models.CharField("Sector", max_length=1, choices=SicSection.choices)
    year_group_from = models.PositiveSmallIntegerField(validators=YEAR_GROUP_VALIDATORS)
    year_group_to = models.PositiveSmallIntegerField(validators=YEAR_GROUP_VALIDATORS)
    capacity = models.PositiveIntegerField(help_text="How many young people can take part.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    daily_times = models.CharField(max_length=100, blank=True, help_text="For example, 9am to 3pm.")
    applications_close_on = models.DateField(null=True, blank=True)
    online = models.BooleanField(default=False)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[postcode_validator])
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    access_information = models.TextField(
        blank=True, help_text="Step-free access, quiet spaces, transport, adjustments the employer can make."
    )
    daily_plan = models.TextField(help_text="What the young person will do each day.")
    what_to_bring = models.TextField(blank=True)
    supervision = models.TextField(help_text="Who supervises the young person, and how they are looked after.")
    supervisor_name = models.CharField(max_length=200, blank=True)
    how_places_are_given = models.CharField(max_length=16, choices=HowPlacesAreGiven.choices,
                                            default=HowPlacesAreGiven.APPLICATION)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    return_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["starts_on", "title"]
        verbose_name_plural = "opportunities"
        indexes = [
            models.Index(fields=["partnership", "status", "starts_on"]),
            models.Index(fields=["employer", "status"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(year_group_from__lte=F("year_group_to")),
                                   name="opportunity_year_groups_in_order"),
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="opportunity_dates_in_order"),
            models.CheckConstraint(condition=Q(employer__isnull=False) | Q(provider__isnull=False),
                                   name="opportunity_has_a_host"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self):
        return reverse("opportunities:detail", args=[self.pk])

    @property
    def host(self):
        return self.employer or self.provider

    @property
    def rules(self):
        return rules_for(self.kind)

    @property
    def counts_as(self) -> str:
        return self.rules.counts_as

    @property
    def needs_safeguarding(self) -> bool:
        return self.rules.needs_safeguarding

    @property
    def year_groups_label(self) -> str:
        def label(year):
            return "post-school" if year == 14 else f"year {year}"
        if self.year_group_from == self.year_group_to:
            return label(self.year_group_from).capitalize()
        return f"{label(self.year_group_from).capitalize()} to {label(self.year_group_to)}"


class OpportunityDecision(models.Model):
    """The history of an opportunity's review by the hub: each submission, approval and return."""

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned for changes"
        WITHDRAWN = "withdrawn", "Withdrawn"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    reason = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Application(TimeStampedModel):
    """A young person's application for a place, with what they chose to share with the host."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Not successful"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Share(models.TextChoices):
        """Parts of the record a young person may share with the host. Never protected
        characteristics (sex, SEND, disadvantage, looked-after status) or contact details."""

        SCHOOL = "school", "My school or college"
        YEAR_GROUP = "year_group", "My year group"
        ENCOUNTERS = "encounters", "Activities I have done through Careers Hub"
        SKILLS = "skills", "My endorsed skills"
        CAREER_INTERESTS = "career_interests", "My career interests"

    ACTIVE = (Status.SUBMITTED, Status.SHORTLISTED, Status.ACCEPTED)

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="applications")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="applications")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True)
    interest = models.TextField(help_text="Why you are interested.")
    availability = models.TextField(blank=True, help_text="Dates or times you cannot do.")
    shared = models.JSONField(default=list, blank=True)
    decision_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # Set when the place came from an allocation round rather than the host's choice.
    allocation_round = models.ForeignKey("allocation.AllocationRound", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="applications")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "young_person"], name="one_application_per_opportunity"),
        ]
        indexes = [models.Index(fields=["opportunity", "status"])]

    def __str__(self) -> str:
        return f"{self.young_person} – {self.opportunity}"


class Message(models.Model):
    """A message between the host and the applicant (or their parent or careers leader) about one
    application. Kept on the platform so nobody needs anyone's personal contact details."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    body = models.TextField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]


class Placement(TimeStampedModel):
    """An accepted place on an opportunity that needs safeguarding before it goes ahead.

    Confirmed only when every check is done: parental consent for an under-18, the host's risk
    assessment, the named supervisor's safeguarding check where required (in date for the placement),
    an emergency contact, and a plan of the days both the young person and the host have agreed.
    """

    class Status(models.TextChoices):
        AWAITING_CHECKS = "awaiting_checks", "Waiting for safeguarding checks"
        CONFIRMED = "confirmed", "Confirmed"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="placement")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.AWAITING_CHECKS, db_index=True)
    parental_consent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                            on_delete=models.SET_NULL, related_name="+")
    parental_consent_at = models.DateTimeField(null=True, blank=True)
    risk_assessment_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                           on_delete=models.SET_NULL, related_name="+")
    risk_assessment_at = models.DateTimeField(null=True, blank=True)
    risk_assessment_notes = models.TextField(blank=True)
    supervisor_name = models.CharField(max_length=200, blank=True)
    supervisor_check_required = models.BooleanField(
        default=True, help_text="An enhanced DBS check is needed when the supervisor is alone with the young person."
    )
    supervisor_check_not_required_reason = models.TextField(
        blank=True, help_text="Why the school decided no check is needed (for example, never alone with the young person)."
    )
    supervisor_check_reference = models.CharField(max_length=64, blank=True)
    supervisor_check_expires_on = models.DateField(null=True, blank=True)
    emergency_contact_name = models.CharField(max_length=200, blank=True)
    emergency_contact_phone = models.CharField(max_length=32, blank=True)
    plan = models.TextField(blank=True, help_text="The agreed plan of the days.")
    plan_agreed_by_young_person_at = models.DateTimeField(null=True, blank=True)
    plan_agreed_by_host_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    cancelled_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Placement: {self.application}"


class Encounter(TimeStampedModel):
    """Something a young person did that counts: attending an opportunity, or a whole-group event
    their careers leader logged. Read by the pledge and the Gatsby Benchmark counts."""

    class Source(models.TextChoices):
        ATTENDANCE = "attendance", "Attendance recorded by the host"
        GROUP = "group", "Whole-group encounter logged by the school"
        MANUAL = "manual", "Recorded by the school"

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="encounters")
    counts_as = models.CharField(max_length=24, choices=Counts.choices)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    occurred_on = models.DateField()
    academic_year = models.PositiveSmallIntegerField(editable=False)
    opportunity = models.ForeignKey(Opportunity, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="encounters")
    group = models.ForeignKey("GroupEncounter", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="encounters")
    employer = models.ForeignKey("network.Employer", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    provider = models.ForeignKey("network.Provider", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    source = models.CharField(max_length=16, choices=Source.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        indexes = [
            models.Index(fields=["young_person", "counts_as"]),
            models.Index(fields=["academic_year", "counts_as"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["young_person", "opportunity"], condition=Q(opportunity__isnull=False),
                                    name="one_encounter_per_opportunity"),
            models.UniqueConstraint(fields=["young_person", "group"], condition=Q(group__isnull=False),
                                    name="one_encounter_per_group_event"),
        ]

    def save(self, *args, **kwargs):
        self.academic_year = academic_year_of(self.occurred_on)
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.young_person}: {self.title} ({self.occurred_on})"


class GroupEncounter(TimeStampedModel):
    """A whole-group event a careers leader logs in one step (an assembly talk, a careers fair)."""

    school = models.ForeignKey("network.School", on_delete=models.CASCADE, related_name="group_encounters")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    title = models.CharField(max_length=200)
    occurred_on = models.DateField()
    employer = models.ForeignKey("network.Employer", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    provider = models.ForeignKey("network.Provider", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    # Who gave it, when not an employer or provider in the directory (a local business, an alumna).
    host_name = models.CharField(max_length=200, blank=True)
    opportunity = models.ForeignKey(Opportunity, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="group_encounters")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        ordering = ["-occurred_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Review(TimeStampedModel):
    """A young person's rating and review of an opportunity they took part in. Shown only once the
    hub has published it; the host may reply."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        PUBLISHED = "published", "Published"
        REJECTED = "rejected", "Not published"

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="review")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    body = models.TextField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    moderated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    moderated_at = models.DateTimeField(null=True, blank=True)
    moderation_reason = models.TextField(blank=True)
    reply = models.TextField(blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="review_rating_1_to_5"),
        ]


class HostFeedback(TimeStampedModel):
    """The host's feedback to a young person after they took part, seen by the young person, their
    parents and their school's careers staff."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="host_feedback")
    body = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
