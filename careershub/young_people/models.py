"""Young people and the parents and carers linked to them.

Only what the partnership's work needs is collected (see docs/data-protection.md): no ethnicity,
religion or health detail beyond SEND support, no home address.
"""
from django.conf import settings
from django.db import models
from django.urls import reverse

from careershub.core.models import TimeStampedModel


class YoungPerson(TimeStampedModel):
    class Sex(models.TextChoices):
        FEMALE = "F", "Female"
        MALE = "M", "Male"
        NOT_KNOWN = "U", "Not known"

    class Send(models.TextChoices):
        NONE = "N", "No special educational need"
        SUPPORT = "K", "SEN support"
        EHC_PLAN = "E", "Education, health and care plan"

    school = models.ForeignKey("network.School", on_delete=models.PROTECT, related_name="young_people")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="young_person"
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    year_group = models.PositiveSmallIntegerField(help_text="National curriculum year, 7 to 13; 14 for post-school.")
    upn = models.CharField("UPN", max_length=13, unique=True, help_text="Unique pupil number from the school's MIS.")
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.NOT_KNOWN)
    send = models.CharField("SEND", max_length=1, choices=Send.choices, default=Send.NONE)
    pupil_premium = models.BooleanField("Disadvantaged (pupil premium)", default=False)
    free_school_meals = models.BooleanField(default=False)
    looked_after = models.BooleanField("Looked-after child", default=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [models.Index(fields=["school", "year_group"])]
        verbose_name_plural = "young people"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def get_absolute_url(self):
        return reverse("young_people:detail", args=[self.pk])


class ParentLink(TimeStampedModel):
    """A parent or carer linked to their child by the child's school."""

    parent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="children_links")
    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="parent_links")
    relationship = models.CharField(max_length=50, default="Parent")
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["parent", "young_person"], name="unique_parent_link")]

    def __str__(self) -> str:
        return f"{self.parent} – {self.young_person}"


class Consent(TimeStampedModel):
    """Consent for one purpose, given by a parent or carer (for a child under 16, or any under-18 for a
    work experience placement) or by the young person themself from 16. Withdrawing keeps the row,
    with when and by whom; at most one row per purpose is current (not withdrawn)."""

    class Purpose(models.TextChoices):
        WORK_EXPERIENCE = "work_experience", "Work experience placements"
        MENTORING = "mentoring", "Mentoring"
        SHARE_PASSPORT = "share_passport", "Sharing the skills passport with employers"
        PHOTOS = "photos", "Photographs at activities"

    young_person = models.ForeignKey(YoungPerson, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(max_length=32, choices=Purpose.choices)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    given_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(fields=["young_person", "purpose"], condition=models.Q(withdrawn_at__isnull=True),
                                    name="one_current_consent_per_purpose"),
        ]

    def __str__(self) -> str:
        return f"{self.young_person} – {self.get_purpose_display()}"

    @property
    def is_current(self) -> bool:
        return self.withdrawn_at is None
