"""Early-warning signals, the detector's suggestions that precede them, and the feedback loop."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zicht.accounts.models import Neighbourhood, Team
from zicht.inbox.models import Message
from zicht.observations.models import Observation
from zicht.triage.workflow import ClosingReason, Status, Urgency
from zicht.youth.models import Youth


class SourceKind(models.TextChoices):
    MESSAGE = "message", _("Bericht")
    OBSERVATION = "observation", _("Waarneming")
    MANUAL = "manual", _("Handmatig")


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Te beoordelen")
    CONFIRMED = "confirmed", _("Bevestigd")
    DISMISSED = "dismissed", _("Afgewezen")


class Suggestion(models.Model):
    """What the detector proposes. Nothing becomes a signal until a person confirms it."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="suggestions")
    source = models.CharField(max_length=12, choices=SourceKind.choices)
    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestion"
    )
    observation = models.OneToOneField(
        Observation, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestion"
    )
    labels = models.JSONField(default=list)
    urgency = models.CharField(max_length=10, choices=Urgency.choices)
    substances = models.JSONField(default=list, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    evidence = models.JSONField(default=list, blank=True)
    state = models.CharField(
        max_length=10,
        choices=SuggestionState.choices,
        default=SuggestionState.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suggestie")
        verbose_name_plural = _("suggesties")

    def __str__(self) -> str:
        return f"suggestion #{self.pk} ({', '.join(self.labels)})"

    @property
    def text(self) -> str:
        source = self.message or self.observation
        return source.text if source is not None else ""


class Signal(models.Model):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="signals")
    source = models.CharField(max_length=12, choices=SourceKind.choices)
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    observation = models.ForeignKey(
        Observation, on_delete=models.SET_NULL, null=True, blank=True, related_name="signals"
    )
    suggestion = models.OneToOneField(
        Suggestion, on_delete=models.SET_NULL, null=True, blank=True, related_name="signal"
    )
    categories = models.JSONField(_("categorieën"), default=list)
    substances = models.JSONField(_("middelen"), default=list, blank=True)
    urgency = models.CharField(_("urgentie"), max_length=10, choices=Urgency.choices)
    summary = models.CharField(_("samenvatting"), max_length=500, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("wijk")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_signals",
        verbose_name=_("eigenaar"),
    )
    youth = models.ManyToManyField(Youth, blank=True, related_name="signals")
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    closing_reason = models.CharField(max_length=20, choices=ClosingReason.choices, blank=True)
    deadline = models.DateTimeField(null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["deadline", "-created_at"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [models.Index(fields=["team", "status", "urgency"])]

    def __str__(self) -> str:
        return f"signal #{self.pk} ({', '.join(self.categories)})"


class FollowUpQuerySet(models.QuerySet["FollowUp"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise PermissionError("the follow-up log is append-only")


class FollowUp(models.Model):
    """Append-only log of everything that happened to a signal: who, when, what, why."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="follow_ups")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    note = models.TextField(blank=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status}→{self.to_status} #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("the follow-up log is append-only")
        super().save(*args, **kwargs)


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Bevestigd")
    CORRECTED = "corrected", _("Gecorrigeerd")
    DISMISSED = "dismissed", _("Afgewezen")
    MANUAL = "manual", _("Handmatig signaal")


class FeedbackExample(models.Model):
    """A labelled example made by a person's decision, for evaluating and retraining the
    detector (corpus format). Holds the text: erased with its source (privacy)."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    suggestion = models.OneToOneField(
        Suggestion, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    signal = models.ForeignKey(
        Signal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    labels = models.JSONField(default=list)
    urgency = models.CharField(max_length=10, blank=True)
    substances = models.JSONField(default=list, blank=True)
    predicted_labels = models.JSONField(default=list, blank=True)
    predicted_urgency = models.CharField(max_length=10, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"feedback #{self.pk} ({self.verdict})"
