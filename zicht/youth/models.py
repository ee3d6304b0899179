"""A pseudonymous profile per young person, linking online handles to the offline picture."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Neighbourhood, Team


class AgeBand(models.TextChoices):
    UNKNOWN = "onbekend", _("Onbekend")
    UNDER_12 = "tot_12", _("Jonger dan 12")
    FROM_12 = "12_15", _("12–15")
    FROM_16 = "16_17", _("16–17")
    FROM_18 = "18_20", _("18–20")
    FROM_21 = "21_23", _("21–23")
    FROM_24 = "24_27", _("24–27")


class ConsentState(models.TextChoices):
    UNKNOWN = "onbekend", _("Nog niet besproken")
    GIVEN = "gegeven", _("Toestemming gegeven")
    REFUSED = "geweigerd", _("Geen toestemming")
    WITHDRAWN = "ingetrokken", _("Toestemming ingetrokken")


class LifeDomain(models.TextChoices):
    """Leefgebieden; the first eight double as help-question domains (taxonomy.md)."""

    WERK = "werk", _("Werk")
    STAGE = "stage", _("Stage")
    SCHOOL = "school", _("School")
    GELD = "geld", _("Geld")
    WONEN = "wonen", _("Wonen")
    GEZONDHEID = "gezondheid", _("Gezondheid")
    JUSTITIE = "justitie", _("Justitie")
    VRIJE_TIJD = "vrije_tijd", _("Vrije tijd")
    THUIS = "thuis", _("Thuis en familie")
    VRIENDEN = "vrienden", _("Vrienden en relaties")


HELP_DOMAINS = [domain.value for domain in LifeDomain][:8]


class Platform(models.TextChoices):
    INSTAGRAM = "instagram", _("Instagram")
    SNAPCHAT = "snapchat", _("Snapchat")
    TIKTOK = "tiktok", _("TikTok")
    FACEBOOK = "facebook", _("Facebook")
    WHATSAPP = "whatsapp", _("WhatsApp")
    OTHER = "anders", _("Anders")


class Youth(models.Model):
    """A young person, known by a pseudonym. Belongs to one team (the unit of access)."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="youth_profiles")
    nickname = models.CharField(_("bijnaam"), max_length=60)
    age_band = models.CharField(
        _("leeftijd"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("wijk")
    )
    life_domains = models.JSONField(_("leefgebieden"), default=list, blank=True)
    help_questions = models.JSONField(_("hulpvragen"), default=list, blank=True)
    talents = models.CharField(_("talenten"), max_length=300, blank=True)
    consent = models.CharField(
        _("toestemming"), max_length=12, choices=ConsentState.choices, default=ConsentState.UNKNOWN
    )
    offline_note = models.CharField(
        _("offline notitie"),
        max_length=500,
        blank=True,
        help_text=_("Kort en feitelijk: wat je op straat weet en helpt. Geen diagnoses."),
    )
    is_provisional = models.BooleanField(
        _("voorlopig"),
        default=False,
        help_text=_("Automatisch aangemaakt bij een bericht van een onbekend account."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_contact_at = models.DateTimeField(_("laatste contact"), null=True, blank=True)

    class Meta:
        ordering = ["nickname"]
        verbose_name = _("jongere")
        verbose_name_plural = _("jongeren")
        indexes = [models.Index(fields=["team", "nickname"])]

    def __str__(self) -> str:
        return self.nickname


class Handle(models.Model):
    """An online account of a young person. Unique per platform within a team: two teams may
    each know the same account without learning about each other."""

    youth = models.ForeignKey(Youth, on_delete=models.CASCADE, related_name="handles")
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    value = models.CharField(
        _("account"), max_length=150, help_text=_("Gebruikersnaam, of telefoonnummer bij WhatsApp.")
    )
    external_id = models.CharField(
        _("platform-id"),
        max_length=64,
        blank=True,
        help_text=_("Het id dat het platform in berichten meestuurt (IGSID, PSID, wa_id)."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["platform", "value"]
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "platform", "value"], name="handle_unique_per_platform_in_team"
            ),
            models.UniqueConstraint(
                fields=["team", "platform", "external_id"],
                condition=~models.Q(external_id=""),
                name="handle_external_id_unique_per_platform_in_team",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.value}"
