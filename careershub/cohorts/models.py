"""Sector ambassador cohorts: a themed cohort of young people (engineering and manufacturing, health
and care, digital …) run with a senior employer attached to each school, chosen by a panel that sees
the whole applicant pool and the gender and disadvantage balance at every stage, with a menu of
activities and each ambassador's attendance."""
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from careershub.core.models import TimeStampedModel

YEAR_GROUP_VALIDATORS = [MinValueValidator(7), MaxValueValidator(13)]


class Cohort(TimeStampedModel):
    class Theme(models.TextChoices):
        ENGINEERING = "engineering_manufacturing", "Engineering and manufacturing"
        HEALTH = "health_care", "Health and care"
        DIGITAL = "digital", "Digital and computer science"
        CREATIVE = "creative", "Creative industries"
        CONSTRUCTION = "construction", "Construction and the built environment"
        RETAIL = "retail_hospitality", "Retail and hospitality"
        GREEN = "green_energy", "Green energy and environment"

    class Status(models.TextChoices):
        DRAFT = "draft", "Being set up"
        OPEN = "open", "Taking applications"
        SELECTING = "selecting", "Panel selecting"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"

    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="cohorts")
    title = models.CharField(max_length=200, help_text="For example, Engineering and manufacturing ambassadors 2026 to 2028.")
    theme = models.CharField(max_length=32, choices=Theme.choices)
    description = models.TextField(help_text="What ambassadors do and gain, in words a 13-year-old would follow.")
    year_group_from = models.PositiveSmallIntegerField(validators=YEAR_GROUP_VALIDATORS)
    year_group_to = models.PositiveSmallIntegerField(validators=YEAR_GROUP_VALIDATORS)
    places = models.PositiveIntegerField(help_text="How many ambassadors the cohort takes.")
    applications_open_on = models.DateField()
    applications_close_on = models.DateField()
    starts_on = models.DateField(help_text="When the programme of activities begins.")
    ends_on = models.DateField(help_text="When the programme ends.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(year_group_from__lte=models.F("year_group_to")),
                                   name="cohort_year_groups_in_order"),
            models.CheckConstraint(condition=Q(applications_open_on__lte=models.F("applications_close_on")),
                                   name="cohort_application_window_in_order"),
            models.CheckConstraint(condition=Q(starts_on__lte=models.F("ends_on")), name="cohort_dates_in_order"),
            models.CheckConstraint(condition=Q(places__gte=1), name="cohort_has_places"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self):
        return reverse("cohorts:detail", args=[self.pk])

    @property
    def year_groups_label(self) -> str:
        if self.year_group_from == self.year_group_to:
            return f"Year {self.year_group_from}"
        return f"Years {self.year_group_from} to {self.year_group_to}"

    def takes_year_group(self, year_group: int) -> bool:
        return self.year_group_from <= year_group <= self.year_group_to

    def is_open_on(self, day) -> bool:
        return self.status == self.Status.OPEN and self.applications_open_on <= day <= self.applications_close_on


class CohortSchool(TimeStampedModel):
    """A school in the cohort, with the senior employer attached to it and that employer's lead contact."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="cohort_schools")
    school = models.ForeignKey("network.School", on_delete=models.CASCADE, related_name="cohort_links")
    employer = models.ForeignKey("network.Employer", on_delete=models.CASCADE, related_name="cohort_schools",
                                 verbose_name="senior employer")
    lead_contact = models.ForeignKey("network.EmployerContact", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["school__name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "school"], name="one_link_per_cohort_school")]

    def __str__(self) -> str:
        return f"{self.school} – {self.employer}"


class CohortApplication(TimeStampedModel):
    """A young person's application to be an ambassador, and where it stands."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Applied"
        SHORTLISTED = "shortlisted", "Shortlisted"
        SELECTED = "selected", "Selected"
        NOT_SELECTED = "not_selected", "Not selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # What the panel may set on the selection page.
    DECISIONS = (Status.APPLIED, Status.SHORTLISTED, Status.SELECTED, Status.NOT_SELECTED)

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="applications")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="cohort_applications")
    statement = models.TextField(help_text="Why you want to be an ambassador and what you would bring.")
    school_support = models.TextField(blank=True, help_text="The careers leader's note in support.")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED, db_index=True)
    shortlisted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")

    class Meta:
        ordering = ["young_person__last_name", "young_person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "young_person"], name="one_application_per_cohort"),
            models.CheckConstraint(condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                                   name="cohort_withdrawal_has_reason"),
        ]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self) -> str:
        return f"{self.young_person} – {self.cohort}"

    def get_absolute_url(self):
        return reverse("cohorts:application", args=[self.cohort_id, self.pk])


class PanelMember(TimeStampedModel):
    """Someone on the cohort's selection panel: hub staff or a contact of an employer."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_panels")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_seat_per_panel_member")]

    def __str__(self) -> str:
        return f"{self.user} – {self.cohort}"


class CohortActivity(TimeStampedModel):
    """One activity on the cohort's menu."""

    class Kind(models.TextChoices):
        WORKPLACE_VISIT = "workplace_visit", "Workplace visit"
        MASTERCLASS = "masterclass", "Masterclass"
        WORK_TASTER = "work_taster", "Work taster"
        PROJECT = "project", "Project-based learning"
        MENTORING = "mentoring", "Mentoring session"
        SKILLS_WORKSHOP = "skills_workshop", "Skills workshop"
        CELEBRATION = "celebration", "Celebration event"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(max_length=200)
    occurs_on = models.DateField("Date")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    description = models.TextField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["occurs_on", "title", "pk"]
        verbose_name_plural = "cohort activities"
        indexes = [models.Index(fields=["cohort", "occurs_on"])]

    def __str__(self) -> str:
        return self.title


class ActivityAttendance(TimeStampedModel):
    """Whether one ambassador attended one activity."""

    activity = models.ForeignKey(CohortActivity, on_delete=models.CASCADE, related_name="attendance")
    application = models.ForeignKey(CohortApplication, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["activity", "application"], name="one_attendance_per_ambassador")]

    def __str__(self) -> str:
        return f"{self.application.young_person} – {self.activity}"
