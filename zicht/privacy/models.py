"""The audit log: an append-only record of every read and change of personal data."""

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    READ = "read", _("Bekeken")
    CREATE = "create", _("Aangemaakt")
    CHANGE = "change", _("Gewijzigd")
    DELETE = "delete", _("Verwijderd")
    EXPORT = "export", _("Geëxporteerd")
    SHARE = "share", _("Gedeeld")
    LOGIN = "login", _("Ingelogd")
    LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
    LOGOUT = "logout", _("Uitgelogd")


class AuditChannel(models.TextChoices):
    WEB = "web", _("Web")
    API = "api", _("API")
    CLI = "cli", _("Opdrachtregel")
    TASK = "task", _("Achtergrondtaak")


class AuditOutcome(models.TextChoices):
    SUCCESS = "success", _("Gelukt")
    DENIED = "denied", _("Geweigerd")


class AppendOnlyError(Exception):
    """Audit records are never changed or deleted through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit records cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit records cannot be deleted")


class AuditEvent(models.Model):
    """Who did what to which record, when, from where and why (NEN 7513 fields).

    No personal data is copied in: the object is named by type and id only.
    """

    at = models.DateTimeField(_("tijdstip"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    actor_role = models.CharField(_("rol"), max_length=20, blank=True)
    action = models.CharField(_("handeling"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("soort gegeven"), max_length=100, blank=True)
    object_id = models.CharField(_("id"), max_length=64, blank=True)
    subject_type = models.CharField(_("soort betrokkene"), max_length=100, blank=True)
    subject_id = models.CharField(_("id betrokkene"), max_length=64, blank=True)
    via = models.CharField(_("kanaal"), max_length=10, choices=AuditChannel.choices)
    ip_address = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=10, choices=AuditOutcome.choices, default=AuditOutcome.SUCCESS
    )
    # Hash chain: each record seals its own fields and the previous record's hash, so a
    # changed or removed record breaks the chain (`zicht audit-verify`).
    previous_hash = models.CharField(max_length=64, blank=True, editable=False)
    hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["actor", "at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit records cannot be deleted")

    def sealed_fields(self) -> str:
        """The canonical text the hash covers."""
        import json

        return json.dumps(
            [
                self.at.isoformat() if self.at else "",
                self.actor_id,
                self.actor_username,
                self.actor_role,
                self.action,
                self.object_type,
                self.object_id,
                self.subject_type,
                self.subject_id,
                self.via,
                self.ip_address,
                self.reason,
                self.outcome,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def compute_hash(self) -> str:
        import hashlib

        return hashlib.sha256(f"{self.previous_hash}|{self.sealed_fields()}".encode()).hexdigest()


class RetentionSetting(models.Model):
    """A beheerder's choice of how long one kind of data is kept (within safe bounds)."""

    kind = models.CharField(max_length=40, unique=True)
    days = models.PositiveIntegerField()
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kind}: {self.days} days"


class PurgeRun(models.Model):
    """What one retention run removed: kinds and counts only, never personal data."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    dry_run = models.BooleanField(default=False)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"purge {self.started_at:%Y-%m-%d %H:%M} {self.counts}"


class ErasureState(models.TextChoices):
    PENDING = "pending", _("Wacht op goedkeuring")
    DONE = "done", _("Gewist")
    REFUSED = "refused", _("Afgewezen")


class ErasureRequest(models.Model):
    """Four eyes: a worker asks to erase a young person's data, a team lead approves. After
    the erasure only this record remains: who asked, who approved, when, and counts."""

    team = models.ForeignKey("accounts.Team", on_delete=models.PROTECT, related_name="+")
    youth = models.ForeignKey(
        "youth.Youth", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    youth_ref = models.CharField(max_length=20)
    reason = models.CharField(_("reden"), max_length=300)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=ErasureState.choices, default=ErasureState.PENDING
    )
    counts = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"erasure of youth {self.youth_ref} ({self.state})"


class AuditAnchor(models.Model):
    """Where the hash chain starts after retention removed its oldest records: the hash of
    the last removed record, so `audit-verify` still detects removal at the front."""

    hash = models.CharField(max_length=64)
    purged_until_pk = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-purged_until_pk"]

    def __str__(self) -> str:
        return f"anchor after {self.purged_until_pk}"
