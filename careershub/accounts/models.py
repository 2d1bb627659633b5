"""People, the roles they hold within organisations, and API tokens."""
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from careershub.core.models import TimeStampedModel

from .roles import ROLE_SCOPE, Role


class User(AbstractUser):
    """A person who signs in. Young people without an account have no User at all."""

    failed_sign_ins = models.PositiveSmallIntegerField(default=0)
    last_failed_sign_in = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    # Roles ---------------------------------------------------------------------------------
    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_set", None)
        if cached is None:
            if self.pk is None:
                cached = frozenset()
            else:
                cached = frozenset(self.role_assignments.values_list("role", flat=True))
            self._role_set = cached
        return cached

    def has_role(self, role: str) -> bool:
        return str(role) in self.role_set

    def has_any_role(self, roles) -> bool:
        return bool(self.role_set & {str(r) for r in roles})

    @property
    def primary_role(self) -> str | None:
        """The role whose home page this person lands on: the first in Role's order."""
        for role in Role:
            if role.value in self.role_set:
                return role.value
        return None

    def assignments_for(self, role: str):
        return [a for a in self._assignments() if a.role == str(role)]

    def _assignments(self):
        cached = getattr(self, "_assignment_cache", None)
        if cached is None:
            cached = list(
                self.role_assignments.select_related("partnership", "area_hub", "school", "employer", "provider")
            )
            self._assignment_cache = cached
        return cached

    def navigation(self) -> list[dict]:
        from .navigation import links_for

        return links_for(self)

    def is_locked_out(self, now=None) -> bool:
        now = now or timezone.now()
        return self.locked_until is not None and self.locked_until > now

    @property
    def account_status(self) -> str:
        """deactivated, locked, no_password (invited, not yet set one) or active: in that order."""
        if not self.is_active:
            return "deactivated"
        if self.is_locked_out():
            return "locked"
        if not self.has_usable_password():
            return "no_password"
        return "active"


class RoleAssignment(TimeStampedModel):
    """A role a person holds within one organisation: a school, an employer, a provider, an area hub
    or the partnership itself. Which one is set depends on the role (see roles.ROLE_SCOPE)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    partnership = models.ForeignKey("network.Partnership", on_delete=models.CASCADE, related_name="+")
    area_hub = models.ForeignKey("network.AreaHub", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    school = models.ForeignKey("network.School", null=True, blank=True, on_delete=models.CASCADE, related_name="staff_roles")
    employer = models.ForeignKey("network.Employer", null=True, blank=True, on_delete=models.CASCADE, related_name="staff_roles")
    provider = models.ForeignKey("network.Provider", null=True, blank=True, on_delete=models.CASCADE, related_name="staff_roles")

    class Meta:
        constraints = [
            # Coalesce so that a role held twice within the same organisation is refused on every
            # database (SQLite cannot treat NULLs as equal in a unique constraint).
            models.UniqueConstraint(
                "user", "role", "partnership",
                Coalesce("area_hub", Value(0)), Coalesce("school", Value(0)),
                Coalesce("employer", Value(0)), Coalesce("provider", Value(0)),
                name="unique_role_assignment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"

    @property
    def organisation(self):
        return getattr(self, ROLE_SCOPE[Role(self.role)]) or self.partnership

    def clean(self):
        from django.core.exceptions import ValidationError

        scope = ROLE_SCOPE[Role(self.role)]
        if scope != "partnership" and getattr(self, f"{scope}_id") is None:
            raise ValidationError({scope: f"A {self.get_role_display().lower()} is held within a {scope.replace('_', ' ')}."})


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(TimeStampedModel):
    """A bearer token for an integration. Only a hash is stored; the secret is shown once."""

    KEY_START = "chub_"
    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, such as the school's MIS sync.")
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.display_prefix})"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def new_key(cls) -> str:
        return cls.KEY_START + secrets.token_urlsafe(32)

    @classmethod
    def display_prefix_of(cls, key: str) -> str:
        """The stored prefix: the first characters after "chub_", enough to tell tokens apart."""
        return key.removeprefix(cls.KEY_START)[: cls.PREFIX_LENGTH]

    @property
    def display_prefix(self) -> str:
        return f"{self.KEY_START}{self.prefix}…"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def get_absolute_url(self):
        return reverse("accounts:api_tokens")
