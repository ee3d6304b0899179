"""One inbox: channels, raw webhook deliveries, conversations and their messages."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Neighbourhood, Team
from zicht.core.models import DetectorOutput
from zicht.youth.models import Youth


class ChannelKind(models.TextChoices):
    WHATSAPP = "whatsapp", _("WhatsApp")
    INSTAGRAM = "instagram", _("Instagram")
    MESSENGER = "messenger", _("Messenger")


class ContactPlatform(models.TextChoices):
    """Where a conversation happens: an API channel, or logged by hand."""

    WHATSAPP = "whatsapp", _("WhatsApp")
    INSTAGRAM = "instagram", _("Instagram")
    MESSENGER = "messenger", _("Messenger")
    SNAPCHAT = "snapchat", _("Snapchat")
    TIKTOK = "tiktok", _("TikTok")
    STREET = "straat", _("Straat")
    PHONE = "telefoon", _("Telefoon")
    OTHER = "anders", _("Anders")


class Channel(models.Model):
    """A WhatsApp Business number, Instagram account or Facebook page, bound to one team."""

    kind = models.CharField(_("soort"), max_length=12, choices=ChannelKind.choices)
    external_id = models.CharField(
        _("id bij Meta"),
        max_length=64,
        help_text=_("Phone-number-id, Instagram-account-id of page-id."),
    )
    name = models.CharField(_("naam"), max_length=100, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="channels")
    access_token_encrypted = models.TextField(blank=True, editable=False)
    is_active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("kanaal")
        verbose_name_plural = _("kanalen")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "external_id"], name="channel_unique_external_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name or self.external_id}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Wacht op verwerking")
    PROCESSED = "processed", _("Verwerkt")
    FAILED = "failed", _("Mislukt")


class WebhookDelivery(models.Model):
    """A raw webhook body, stored before we answer 200, so nothing Meta sent is ever lost."""

    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    object_type = models.CharField(max_length=40)
    body = models.TextField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")

    def __str__(self) -> str:
        return f"{self.object_type} {self.received_at:%Y-%m-%d %H:%M} ({self.status})"


class ConversationState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Afgesloten")


class Label(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="labels")
    name = models.CharField(_("naam"), max_length=40)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "name"], name="label_unique_in_team")
        ]

    def __str__(self) -> str:
        return self.name


class Conversation(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="conversations")
    channel = models.ForeignKey(
        Channel, on_delete=models.PROTECT, null=True, blank=True, related_name="conversations"
    )
    platform = models.CharField(_("platform"), max_length=12, choices=ContactPlatform.choices)
    contact_id = models.CharField(
        _("contact-id"), max_length=150, help_text=_("wa_id, IGSID, PSID of naam in een export.")
    )
    youth = models.ForeignKey(
        Youth, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    state = models.CharField(
        max_length=8, choices=ConversationState.choices, default=ConversationState.OPEN
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_conversations",
    )
    labels = models.ManyToManyField(Label, blank=True, related_name="conversations")
    is_unread = models.BooleanField(default=False)
    has_signal = models.BooleanField(default=False)
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    last_message_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_message_at"]
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "platform", "channel", "contact_id"],
                name="conversation_unique_contact",
            )
        ]
        indexes = [models.Index(fields=["team", "state", "last_message_at"])]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} #{self.pk}"


class Direction(models.TextChoices):
    INBOUND = "in", _("Ontvangen")
    OUTBOUND = "out", _("Verstuurd")


class SendStatus(models.TextChoices):
    """Outbound delivery status; only ever moves forward (see services.STATUS_ORDER)."""

    RECEIVED = "received", _("Ontvangen")
    QUEUED = "queued", _("In de wachtrij")
    SENDING = "sending", _("Wordt verstuurd")
    SENT = "sent", _("Verstuurd")
    DELIVERED = "delivered", _("Afgeleverd")
    READ = "read", _("Gelezen")
    FAILED = "failed", _("Mislukt")


class MessageSource(models.TextChoices):
    WEBHOOK = "webhook", _("Webhook")
    REPLY = "reply", _("Antwoord uit Zicht")
    IMPORT = "import", _("Import")
    LOGGED = "logged", _("Handmatig vastgelegd")


class Message(DetectorOutput):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(max_length=3, choices=Direction.choices)
    source = models.CharField(max_length=8, choices=MessageSource.choices)
    external_id = models.CharField(max_length=200, null=True, blank=True, unique=True)
    kind = models.CharField(max_length=20, default="text")
    text = models.TextField(blank=True)
    media_url = models.URLField(max_length=1000, blank=True)
    context = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_echo = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=SendStatus.choices, default=SendStatus.RECEIVED
    )
    status_error = models.CharField(max_length=500, blank=True)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    template_name = models.CharField(max_length=100, blank=True)
    human_agent_tag = models.BooleanField(default=False)
    classified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        indexes = [models.Index(fields=["conversation", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.direction} #{self.pk}"


class Note(models.Model):
    """A private note on a conversation, only for the team."""

    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"note #{self.pk}"


class CannedReply(models.Model):
    """A ready answer; `{bijnaam}` is replaced by the young person's nickname."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="canned_replies")
    title = models.CharField(_("titel"), max_length=80)
    body = models.TextField(_("tekst"))

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class MessageTemplate(models.Model):
    """A WhatsApp template approved by Meta: the only thing that may open a closed window."""

    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="templates")
    name = models.CharField(max_length=100)
    language = models.CharField(max_length=10, default="nl")
    body = models.TextField(help_text=_("De goedgekeurde tekst, met {{1}} voor de bijnaam."))

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["channel", "name", "language"], name="template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.language})"


class ContactMoment(models.Model):
    """A contact without an API (Snapchat, TikTok, street, phone), logged in a few taps."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="contact_moments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    youth = models.ForeignKey(
        Youth, on_delete=models.SET_NULL, null=True, blank=True, related_name="contact_moments"
    )
    platform = models.CharField(_("waar"), max_length=12, choices=ContactPlatform.choices)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True
    )
    topics = models.JSONField(_("onderwerpen"), default=list, blank=True)
    summary = models.CharField(_("samenvatting"), max_length=500)
    happened_at = models.DateTimeField(_("wanneer"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-happened_at"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.happened_at:%Y-%m-%d}"
