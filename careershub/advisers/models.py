"""The enterprise adviser network: senior volunteers from employers matched to schools."""
from django.conf import settings
from django.db import models
from django.db.models import Q

from careershub.core.models import TimeStampedModel
from careershub.network.models import AreaHub, Employer, Partnership, School


class EnterpriseAdviser(TimeStampedModel):
    """A senior volunteer from an employer who helps one school shape its careers strategy."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="enterprise_advisers")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="enterprise_advisers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="enterprise_adviser"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    area_hub = models.ForeignKey(
        AreaHub, null=True, blank=True, on_delete=models.SET_NULL, related_name="enterprise_advisers",
        help_text="The area hub the adviser is based in or prefers to work in.",
    )
    capacity = models.PositiveSmallIntegerField(default=1, help_text="How many schools the adviser can support.")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.employer})"


class AdviserMatch(TimeStampedModel):
    """An enterprise adviser matched to a school. Ending a match keeps it as history."""

    adviser = models.ForeignKey(EnterpriseAdviser, on_delete=models.CASCADE, related_name="matches")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="adviser_matches")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    matched_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    explanation = models.TextField(blank=True, help_text="Why this adviser was chosen, as shown when matching.")
    end_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["school"], condition=Q(ended_on__isnull=True), name="one_current_adviser_per_school"),
        ]

    def __str__(self) -> str:
        return f"{self.adviser} → {self.school}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
