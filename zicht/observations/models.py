"""What a youth worker saw online, logged from a phone in seconds."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Neighbourhood, Team
from zicht.core.models import DetectorOutput
from zicht.youth.models import Youth


class ObservationPlatform(models.TextChoices):
    INSTAGRAM = "instagram", _("Instagram")
    SNAPCHAT = "snapchat", _("Snapchat")
    TIKTOK = "tiktok", _("TikTok")
    FACEBOOK = "facebook", _("Facebook")
    WHATSAPP = "whatsapp", _("WhatsApp")
    YOUTUBE = "youtube", _("YouTube")
    TELEGRAM = "telegram", _("Telegram")
    OTHER = "anders", _("Anders")


class ObservationKind(models.TextChoices):
    POST = "post", _("Post")
    STORY = "story", _("Story")
    REEL = "reel", _("Reel / video")
    COMMENT = "comment", _("Reactie")
    GROUP_CHAT = "group_chat", _("Groepschat")
    LIVE = "live", _("Live")
    OTHER = "other", _("Anders")


class Observation(DetectorOutput):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="observations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    platform = models.CharField(_("platform"), max_length=12, choices=ObservationPlatform.choices)
    kind = models.CharField(_("soort"), max_length=12, choices=ObservationKind.choices)
    text = models.TextField(_("tekst of transcript"), max_length=5000)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("wijk")
    )
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    youth = models.ManyToManyField(Youth, blank=True, related_name="observations")
    observed_at = models.DateTimeField(_("gezien op"))
    # The screenshot, re-encoded without metadata and encrypted at rest; never a public URL.
    screenshot = models.BinaryField(null=True, blank=True, editable=False)
    screenshot_type = models.CharField(max_length=20, blank=True)
    screenshot_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-observed_at", "-pk"]
        verbose_name = _("waarneming")
        verbose_name_plural = _("waarnemingen")
        indexes = [models.Index(fields=["team", "observed_at"])]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.get_kind_display()} #{self.pk}"
