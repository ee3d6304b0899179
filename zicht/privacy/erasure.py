"""Erasure (GDPR art. 17) with four eyes: everything about one young person goes, except
what also belongs to someone else, which is only unlinked."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import Role, User
from zicht.privacy.audit import AuditAction, audit
from zicht.privacy.models import ErasureRequest, ErasureState
from zicht.youth.models import Youth


class ErasureError(ValueError):
    """An erasure step that is not allowed, with the reason (Dutch)."""


@transaction.atomic
def erasure_request(*, actor: User, youth: Youth, reason: str) -> ErasureRequest:
    if not reason.strip():
        raise ErasureError("Schrijf kort waarom (bijvoorbeeld: verzoek van de jongere op 3 maart).")
    if ErasureRequest.objects.filter(youth=youth, state=ErasureState.PENDING).exists():
        raise ErasureError("Er ligt al een verzoek om deze gegevens te wissen.")
    request = ErasureRequest.objects.create(
        team=youth.team,
        youth=youth,
        youth_ref=str(youth.pk),
        reason=reason.strip()[:300],
        requested_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.DELETE,
        obj=youth,
        subject=youth,
        reason="erasure requested",
        outcome="success",
    )
    return request


@transaction.atomic
def erasure_approve(*, actor: User, request: ErasureRequest) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ErasureState.PENDING or request.youth is None:
        raise ErasureError("Dit verzoek is al afgehandeld.")
    if actor.role != Role.TEAMLEIDER or not actor.teams.filter(pk=request.team_id).exists():
        raise ErasureError("Alleen een teamleider van dit team keurt wissen goed.")
    if actor.pk == request.requested_by_id:
        raise ErasureError("Vier ogen: iemand anders dan de aanvrager keurt goed.")
    youth = request.youth
    audit(
        actor=actor,
        action=AuditAction.DELETE,
        obj=youth,
        subject=youth,
        reason=f"erasure {request.pk} approved",
    )
    request.counts = youth_erase(youth=youth)
    request.state, request.decided_by, request.decided_at = ErasureState.DONE, actor, timezone.now()
    request.save(update_fields=["counts", "state", "decided_by", "decided_at"])
    return request


def youth_erase(*, youth: Youth) -> dict[str, int]:
    """Delete what belongs to this young person alone; unlink what is shared."""
    from zicht.inbox.models import ContactMoment, Conversation, Message
    from zicht.observations.models import Observation
    from zicht.triage.models import Signal

    counts: dict[str, Any] = {}
    conversations = Conversation.objects.filter(youth=youth)
    counts["messages"] = Message.objects.filter(conversation__in=conversations).count()
    counts["conversations"] = conversations.delete()[1].get("inbox.Conversation", 0)
    counts["contacts"] = ContactMoment.objects.filter(youth=youth).delete()[0]
    counts["observations"] = _erase_shared(Observation, youth)
    counts["signals"] = _erase_shared(Signal, youth)
    counts["profiles"] = Youth.objects.filter(pk=youth.pk).delete()[1].get("youth.Youth", 0)
    return counts


def _erase_shared(model: Any, youth: Youth) -> int:
    """Rows linked to this young person only are deleted; rows that also concern others keep
    existing without the link. Returns how many rows were deleted."""
    linked = model.objects.filter(youth=youth).prefetch_related("youth")
    shared = [row for row in linked if row.youth.count() > 1]
    for row in shared:
        row.youth.remove(youth)
    own = model.objects.filter(youth=youth).exclude(pk__in=[row.pk for row in shared])
    label = f"{model._meta.app_label}.{model.__name__}"
    return int(own.delete()[1].get(label, 0))
