"""Personal guidance (Gatsby Benchmark 8): interviews with a careers adviser and the next steps
agreed in them, kept on the young person's record where they can see them."""
from django.conf import settings
from django.db import models
from django.urls import reverse

from careershub.core.calendar import academic_year_label, academic_year_of
from careershub.core.models import TimeStampedModel


class GuidanceInterview(TimeStampedModel):
    class Format(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        ONLINE = "online", "Video call"
        TELEPHONE = "telephone", "Telephone"

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="guidance_interviews")
    adviser = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    provider = models.ForeignKey("network.Provider", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="guidance_interviews")
    held_on = models.DateField()
    academic_year = models.PositiveSmallIntegerField(editable=False)
    # The young person's year group when the interview was held (benchmark 8 asks by 16 and by 18).
    year_group = models.PositiveSmallIntegerField(editable=False)
    format = models.CharField(max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    discussed = models.TextField(help_text="What you talked about: interests, options, worries.")
    follow_up_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["young_person", "held_on"])]

    def save(self, *args, **kwargs):
        self.academic_year = academic_year_of(self.held_on)
        if self.year_group is None:
            self.year_group = self.young_person.year_group
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"Guidance interview with {self.young_person} on {self.held_on}"

    def get_absolute_url(self):
        return reverse("plans:interview_detail", args=[self.pk])


class NextStep(models.Model):
    """Something agreed in an interview, for the young person (or the adviser) to do by a date."""

    interview = models.ForeignKey(GuidanceInterview, on_delete=models.CASCADE, related_name="next_steps")
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class Route(models.Model):
    """A route a young person can plan for after year 11 or after year 13, kept as data because
    policy changes every few years (see the partnership's pathways guidance)."""

    class Stage(models.TextChoices):
        AFTER_16 = "after_16", "After year 11"
        AFTER_18 = "after_18", "After year 13"

    stage = models.CharField(max_length=16, choices=Stage.choices)
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=40, blank=True, help_text="Qualification level, such as 'Level 3'.")
    description = models.TextField(help_text="What it is, in words a 14-year-old and their parents follow.")
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["stage", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["stage", "name"], name="unique_route_per_stage")]

    def __str__(self) -> str:
        return self.name


class CareerPlan(TimeStampedModel):
    """A young person's career plan for one academic year. Each year starts from the last one, so
    the record shows how their thinking changed."""

    young_person = models.ForeignKey("young_people.YoungPerson", on_delete=models.CASCADE,
                                     related_name="career_plans")
    academic_year = models.PositiveSmallIntegerField()
    year_group = models.PositiveSmallIntegerField()
    interests = models.TextField(blank=True, help_text="Subjects, hobbies, things you enjoy and are good at.")
    aspirations = models.TextField(blank=True, help_text="Jobs or careers you are thinking about.")
    route_after_16 = models.ForeignKey(Route, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       limit_choices_to={"stage": Route.Stage.AFTER_16})
    route_after_18 = models.ForeignKey(Route, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                       limit_choices_to={"stage": Route.Stage.AFTER_18})
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["-academic_year"]
        constraints = [models.UniqueConstraint(fields=["young_person", "academic_year"], name="one_plan_per_year")]

    def __str__(self) -> str:
        return f"Career plan of {self.young_person}, {self.academic_year}"

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.young_person_id])

    @property
    def academic_year_label(self) -> str:
        return academic_year_label(self.academic_year)


class PlanGoal(models.Model):
    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=300)
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text


class PlanComment(models.Model):
    """A comment on a plan from the young person's mentor, careers leader or careers adviser."""

    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    author_role = models.CharField(max_length=40)
    body = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
