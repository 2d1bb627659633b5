"""The partnership network: area hubs, schools and colleges, employers and providers."""
import datetime

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse

from careershub.core.models import TimeStampedModel

from .sic import SicSection

postcode_validator = RegexValidator(
    r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$", "Enter a real UK postcode, like ST4 1AB"
)


def normalise_postcode(value: str) -> str:
    """A postcode as Royal Mail writes it: capitals, one space before the last three characters.
    ("st41ab" becomes "ST4 1AB".) Anything too short to be a postcode is returned tidied but unchanged,
    for the validator to refuse."""
    compact = "".join(value.split()).upper()
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


class Partnership(TimeStampedModel):
    """The whole local arrangement a council convenes."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    local_authority = models.CharField(max_length=200, blank=True)
    workplace_experience_target = models.PositiveSmallIntegerField(
        default=3, help_text="Experiences of workplaces each young person is promised (the pledge)."
    )

    def __str__(self) -> str:
        return self.name


class GrowthSector(models.Model):
    """A priority growth sector of one partnership, in priority order (1 first)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="growth_sectors")
    sic_section = models.CharField(max_length=1, choices=SicSection.choices)
    label = models.CharField(max_length=100, help_text="The partnership's own name, such as 'Advanced manufacturing'.")
    priority = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["priority", "sic_section"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "sic_section"], name="unique_growth_sector"),
        ]

    def __str__(self) -> str:
        return self.label


class AreaHub(TimeStampedModel):
    """A group of schools and colleges within the partnership, served by enterprise coordinators."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="area_hubs")
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_area_hub_name")]

    def __str__(self) -> str:
        return self.name


class School(TimeStampedModel):
    """A secondary school, special school, pupil referral unit, middle school or college."""

    class Phase(models.TextChoices):
        SECONDARY = "secondary", "Secondary"
        MIDDLE = "middle_deemed_secondary", "Middle deemed secondary"
        ALL_THROUGH = "all_through", "All-through"
        SIXTEEN_PLUS = "16_plus", "16 plus"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    class Type(models.TextChoices):
        MAINSTREAM = "mainstream", "Mainstream"
        SPECIAL = "special", "Special (SEND)"
        PRU = "pru", "Pupil referral unit"
        MIDDLE = "middle", "Middle school"
        FE_COLLEGE = "fe_college", "Further education college"
        SIXTH_FORM_COLLEGE = "sixth_form_college", "Sixth-form college"

    class Status(models.TextChoices):
        TARGET = "target", "Target"
        ENGAGED = "engaged", "Engaged"
        DECLINED = "declined", "Declined"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="schools")
    area_hub = models.ForeignKey(AreaHub, null=True, blank=True, on_delete=models.SET_NULL, related_name="schools")
    urn = models.CharField(
        "URN", max_length=6, unique=True,
        validators=[RegexValidator(r"^[1-9][0-9]{5}$", "A URN is six digits, like 124567")],
        help_text="Unique reference number from Get Information about Schools.",
    )
    name = models.CharField(max_length=200)
    phase = models.CharField(max_length=32, choices=Phase.choices, default=Phase.SECONDARY)
    school_type = models.CharField("Type", max_length=32, choices=Type.choices, default=Type.MAINSTREAM)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.TARGET)
    targeted_on = models.DateField(null=True, blank=True, help_text="When the hub first targeted the school.")
    engaged_on = models.DateField(null=True, blank=True)
    declined_on = models.DateField(null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[postcode_validator])
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["partnership", "status"]), models.Index(fields=["area_hub", "status"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("network:school_detail", args=[self.pk])

    def set_status(self, status: str, *, on: datetime.date) -> None:
        """Change the status, stamping the date of the change. A school becoming engaged or declining
        has ``engaged_on`` or ``declined_on`` set to ``on`` (the most recent such change); the dates
        are kept when the status later moves on, as the school's history. A new school is stamped
        ``targeted_on`` whatever its first status, since every school in the network was targeted."""
        if self.pk is not None and status == self.status:
            return
        self.status = status
        if status == self.Status.ENGAGED:
            self.engaged_on = on
        elif status == self.Status.DECLINED:
            self.declined_on = on
        if self.targeted_on is None and (self.pk is None or status == self.Status.TARGET):
            self.targeted_on = on


class Employer(TimeStampedModel):
    class SizeBand(models.TextChoices):
        MICRO = "micro", "Micro (0–9 employees)"
        SMALL = "small", "Small (10–49)"
        MEDIUM = "medium", "Medium (50–249)"
        LARGE = "large", "Large (250 or more)"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="employers")
    name = models.CharField(max_length=200)
    sic_section = models.CharField("Sector (SIC 2007 section)", max_length=1, choices=SicSection.choices)
    size_band = models.CharField(max_length=8, choices=SizeBand.choices)
    is_cornerstone = models.BooleanField("Cornerstone employer", default=False)
    postcode = models.CharField(max_length=8, blank=True, validators=[postcode_validator])
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_employer_name")]
        indexes = [models.Index(fields=["partnership", "sic_section"]), models.Index(fields=["partnership", "size_band"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("network:employer_detail", args=[self.pk])


class EmployerContact(TimeStampedModel):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    is_primary = models.BooleanField(default=False)

    class Meta:
        ordering = ["-is_primary", "name"]

    def __str__(self) -> str:
        return self.name


class Provider(TimeStampedModel):
    """A delivery partner or provider of learning: training provider, university, community
    organisation (such as a mentoring charity) or careers service."""

    class Kind(models.TextChoices):
        TRAINING_PROVIDER = "training_provider", "Training provider"
        UNIVERSITY = "university", "University"
        COMMUNITY_ORGANISATION = "community_organisation", "Community organisation"
        CAREERS_SERVICE = "careers_service", "Careers service"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="providers")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    postcode = models.CharField(max_length=8, blank=True, validators=[postcode_validator])
    website = models.URLField(blank=True)
    contact_email = models.EmailField(blank=True)
    # The schools and colleges whose young people the provider's careers advisers and mentors work
    # with (a careers service's contract, a mentoring charity's partner schools).
    schools_served = models.ManyToManyField(School, blank=True, related_name="served_by_providers")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="unique_provider_name")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self):
        return reverse("network:provider_detail", args=[self.pk])


class PostcodeLocation(models.Model):
    """Where a postcode is (its centroid), for travel distances: loaded from the national postcode
    directory with ``careershub import postcodes``; the demo city ships its own."""

    postcode = models.CharField(max_length=8, unique=True)
    latitude = models.FloatField()
    longitude = models.FloatField()

    def __str__(self) -> str:
        return self.postcode
