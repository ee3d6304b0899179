"""Data-subject access (GDPR art. 15): everything about one young person, as a zip with
machine-readable JSON and a readable HTML summary, including who accessed it.

Written record by record into a temporary file, so a huge profile never sits in memory.
"""

import json
import tempfile
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import Q
from django.utils import timezone
from django.utils.html import escape

from zicht.privacy.audit import AuditAction, audit
from zicht.privacy.models import AuditEvent
from zicht.youth.models import Youth


def _profile(youth: Youth) -> dict[str, Any]:
    return {
        "id": youth.pk,
        "nickname": youth.nickname,
        "age_band": youth.age_band,
        "neighbourhood": youth.neighbourhood.name if youth.neighbourhood else None,
        "life_domains": youth.life_domains,
        "help_questions": youth.help_questions,
        "talents": youth.talents,
        "consent": youth.consent,
        "offline_note": youth.offline_note,
        "created_at": youth.created_at.isoformat(),
        "last_contact_at": youth.last_contact_at.isoformat() if youth.last_contact_at else None,
        "handles": [{"platform": h.platform, "value": h.value} for h in youth.handles.all()],
    }


def _records(youth: Youth) -> Iterator[tuple[str, dict[str, Any]]]:
    """(section, record) for everything linked to the young person."""
    from zicht.inbox.models import ContactMoment, Conversation, Message, Note
    from zicht.observations.models import Observation
    from zicht.triage.models import FollowUp, Signal

    conversations = Conversation.objects.filter(youth=youth)
    for c in conversations.iterator():
        yield (
            "conversations",
            {
                "id": c.pk,
                "platform": c.platform,
                "state": c.state,
                "created_at": c.created_at.isoformat(),
            },
        )
    for m in (
        Message.objects.filter(conversation__in=conversations)
        .order_by("sent_at")
        .iterator(chunk_size=2000)
    ):
        yield (
            "messages",
            {
                "conversation": m.conversation_id,
                "direction": m.direction,
                "sent_at": m.sent_at.isoformat(),
                "text": m.text,
                "detector_labels": m.signal_labels,
                "detector_urgency": m.signal_urgency,
            },
        )
    for n in Note.objects.filter(conversation__in=conversations).iterator():
        yield (
            "notes",
            {
                "conversation": n.conversation_id,
                "created_at": n.created_at.isoformat(),
                "text": n.text,
            },
        )
    for cm in ContactMoment.objects.filter(youth=youth).iterator():
        yield (
            "contacts",
            {
                "platform": cm.platform,
                "happened_at": cm.happened_at.isoformat(),
                "summary": cm.summary,
                "topics": cm.topics,
            },
        )
    for o in Observation.objects.filter(youth=youth).defer("screenshot").iterator():
        yield (
            "observations",
            {
                "id": o.pk,
                "platform": o.platform,
                "kind": o.kind,
                "observed_at": o.observed_at.isoformat(),
                "text": o.text,
            },
        )
    signals = Signal.objects.filter(youth=youth)
    for s in signals.iterator():
        yield (
            "signals",
            {
                "id": s.pk,
                "categories": s.categories,
                "urgency": s.urgency,
                "status": s.status,
                "created_at": s.created_at.isoformat(),
            },
        )
    for f in FollowUp.objects.filter(signal__in=signals).iterator():
        yield (
            "follow_ups",
            {
                "signal": f.signal_id,
                "at": f.at.isoformat(),
                "from": f.from_status,
                "to": f.to_status,
                "note": f.note,
            },
        )
    about = Q(subject_type="youth.youth", subject_id=str(youth.pk)) | Q(
        object_type="youth.youth", object_id=str(youth.pk)
    )
    for e in AuditEvent.objects.filter(about).order_by("pk").iterator(chunk_size=2000):
        yield (
            "access_log",
            {
                "at": e.at.isoformat(),
                "who": e.actor_username,
                "role": e.actor_role,
                "action": e.action,
                "what": e.object_type,
                "reason": e.reason,
            },
        )


def subject_export(*, actor: Any, youth: Youth) -> IO[bytes]:
    """A temporary file holding the zip; the caller streams and closes it."""
    audit(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=youth,
        subject=youth,
        reason="data-subject access request",
    )
    output = tempfile.TemporaryFile()  # noqa: SIM115 (returned open; the caller streams and closes it)
    counts: dict[str, int] = {}
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("data.jsonl", "w") as data:
            data.write(_line("profile", _profile(youth)))
            for section, record in _records(youth):
                counts[section] = counts.get(section, 0) + 1
                data.write(_line(section, record))
        archive.writestr("summary.html", _summary(youth, counts))
    output.seek(0)
    return output


def _line(section: str, record: dict[str, Any]) -> bytes:
    return (json.dumps({"section": section, **record}, ensure_ascii=False) + "\n").encode()


def _summary(youth: Youth, counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{escape(k)}</td><td>{v}</td></tr>" for k, v in sorted(counts.items()))
    return (
        "<!doctype html><html lang='nl'><meta charset='utf-8'><title>Inzage</title>"
        f"<h1>Gegevens over {escape(youth.nickname)}</h1>"
        f"<p>Gemaakt op {timezone.localtime():%d-%m-%Y %H:%M}. Alle gegevens staan in data.jsonl "
        "(één regel per gegeven; 'access_log' laat zien wie het dossier heeft bekeken).</p>"
        f"<table><tr><th>Soort</th><th>Aantal</th></tr>{rows}</table></html>"
    )
