"""Who works in Zicht: users with one role, teams bound to neighbourhoods, partner organisations."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JONGERENWERKER = "jongerenwerker", _("Jongerenwerker")
    TEAMLEIDER = "teamleider", _("Teamleider")
    PARTNER = "partner", _("Ketenpartner")
    BEHEERDER = "beheerder", _("Beheerder")


class District(models.Model):
    """A city district (stadsdeel, e.g. Feijenoord) grouping neighbourhoods."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stadsdeel")
        verbose_name_plural = _("stadsdelen")

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    """A wijk. Describes where something happened; it never grants access by itself."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="neighbourhoods")
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """The unit of access: every object with personal data belongs to one team."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(unique=True)
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="teams", blank=True, verbose_name=_("wijken")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class PartnerOrganisation(models.Model):
    """A ketenpartner (police, municipality, school, youth care) whose staff may log in."""

    name = models.CharField(_("naam"), max_length=150, unique=True)
    slug = models.SlugField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    teams = models.ManyToManyField(
        Team, related_name="members", blank=True, verbose_name=_("teams")
    )
    partner_organisation = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("partnerorganisatie"),
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_is_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(role=Role.PARTNER)
                | models.Q(partner_organisation__isnull=False),
                name="partner_user_has_organisation",
            ),
        ]

    @property
    def is_case_worker(self) -> bool:
        """Workers and leads handle case content of their teams."""
        return self.role in (Role.JONGERENWERKER, Role.TEAMLEIDER)

    def team_ids(self) -> set[int]:
        cached: set[int] | None = getattr(self, "_team_ids", None)
        if cached is None:
            cached = set(self.teams.values_list("pk", flat=True))
            self._team_ids = cached
        return cached
