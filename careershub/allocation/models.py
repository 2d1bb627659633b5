"""Allocation rounds: the Django side of the engine.

A round gathers oversubscribed opportunities (such as the autumn half-term work experience week).
Young people rank up to ``choices_allowed`` of them; each opportunity's host may rank its applicants
instead of the partnership's priority policy. Staff run the engine as often as they like with changed
settings (each run is kept with its settings, summary and every young person's outcome and
explanation); publishing one run turns its outcomes into accepted applications and notifies
everyone. The engine itself (engine.py, instance.py, policy.py) imports nothing from Django.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from careershub.core.models import TimeStampedModel


class AllocationRound(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Being set up"
        OPEN = "open", "Open for choices"
        CLOSED = "closed", "Closed: allocating"
        PUBLISHED = "published", "Published"

    class Criterion(models.TextChoices):
        FEWEST_EXPERIENCES = "fewest_experiences", "Fewest experiences of workplaces so far"
        PRIORITY_GROUP = "priority_group", "Disadvantaged or at risk of NEET first"

    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="allocation_rounds")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    year_group_from = models.PositiveSmallIntegerField(default=10)
    year_group_to = models.PositiveSmallIntegerField(default=10)
    choices_allowed = models.PositiveSmallIntegerField(default=5)
    choices_close_on = models.DateField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # The priority policy: criteria in order (values of Criterion), then a lottery seeded with ``seed``.
    policy_order = models.JSONField(default=list, blank=True)
    seed = models.PositiveIntegerField(default=1)
    published_run = models.OneToOneField("RoundRun", null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-choices_close_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("allocation:round_detail", args=[self.pk])


class RoundOpportunity(models.Model):
    """An opportunity in a round; the host may rank the applicants itself (``ranked_by_host``)."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="round_opportunities")
    opportunity = models.ForeignKey("opportunities.Opportunity", on_delete=models.CASCADE,
                                    related_name="round_entries")
    ranked_by_host = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "opportunity"], name="opportunity_once_per_round")]


class HostRanking(models.Model):
    """A host's ranking of the young people who chose its opportunity; those it leaves out are not
    acceptable to it."""

    round_opportunity = models.ForeignKey(RoundOpportunity, on_delete=models.CASCADE, related_name="rankings")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["round_opportunity", "young_person"], name="ranked_once"),
            models.UniqueConstraint(fields=["round_opportunity", "position"], name="one_person_per_position"),
        ]


class RoundChoice(models.Model):
    """One of a young person's ranked choices in a round (rank 1 is most wanted)."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="choices")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="round_choices")
    opportunity = models.ForeignKey("opportunities.Opportunity", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    chosen_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["young_person_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["round", "young_person", "rank"], name="one_choice_per_rank"),
            models.UniqueConstraint(fields=["round", "young_person", "opportunity"], name="opportunity_chosen_once"),
        ]


class RoundRun(models.Model):
    """One run of the engine over a round, with the settings it used, kept so staff can compare."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="runs")
    number = models.PositiveIntegerField()
    policy_order = models.JSONField(default=list)
    seed = models.PositiveIntegerField()
    summary = models.JSONField(default=dict)
    run_at = models.DateTimeField(auto_now_add=True)
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["round", "-number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="run_number_per_round")]


class RoundOutcome(models.Model):
    """What one young person got in one run, and why (the engine's explanation)."""

    run = models.ForeignKey(RoundRun, on_delete=models.CASCADE, related_name="outcomes")
    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE, related_name="+")
    opportunity = models.ForeignKey("opportunities.Opportunity", null=True, blank=True, on_delete=models.CASCADE,
                                    related_name="+")
    choice_number = models.PositiveSmallIntegerField(null=True, blank=True)
    priority_group = models.CharField(max_length=32, blank=True)
    experiences = models.PositiveSmallIntegerField(default=0)
    explanation = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["run", "young_person"], name="one_outcome_per_person_per_run"),
            models.CheckConstraint(condition=Q(opportunity__isnull=True, choice_number__isnull=True)
                                   | Q(opportunity__isnull=False, choice_number__isnull=False),
                                   name="outcome_choice_with_opportunity"),
        ]
