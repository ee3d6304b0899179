"""Saving chat exports into the inbox: all or nothing, and a second import adds nothing."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import Team
from zicht.inbox.imports import ExportError, ImportedConversation, parse_meta_export, parse_whatsapp
from zicht.inbox.models import Conversation, Direction, Message, MessageSource, SendStatus
from zicht.inbox.services import conversation_note_message, message_classify
from zicht.privacy.audit import AuditAction, audit
from zicht.youth.services import youth_for_contact

PLATFORMS = ("whatsapp", "instagram", "messenger")


@dataclass
class ImportResult:
    added: int = 0
    skipped: int = 0
    not_imported_lines: int = 0
    conversations: list[Conversation] = field(default_factory=list)


def export_read(
    *, platform: str, source: bytes | Path, filename: str = ""
) -> list[ImportedConversation]:
    """Parse an export file (or folder) of `platform`; ExportError says what is wrong."""
    if platform not in PLATFORMS:
        raise ExportError(f"unknown platform {platform!r}; choose whatsapp, instagram or messenger")
    if platform == "whatsapp":
        data = source.read_bytes() if isinstance(source, Path) else source
        return [parse_whatsapp(data, filename=filename or getattr(source, "name", "chat.txt"))]
    return parse_meta_export(source, platform=platform)


def import_external_id(fingerprint: str) -> str:
    return f"import:{fingerprint}"


def export_preview(*, conversations: list[ImportedConversation], me: str) -> ImportResult:
    """What `export_save` would add and skip, without writing anything."""
    check_me(conversations, me)
    result = ImportResult()
    for chat in conversations:
        ids = [import_external_id(m.fingerprint) for m in chat.messages]
        known = set(
            Message.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
        )
        result.added += len(ids) - len(known)
        result.skipped += len(known)
        result.not_imported_lines += len(chat.skipped)
    return result


def check_me(conversations: list[ImportedConversation], me: str) -> None:
    for chat in conversations:
        if me not in chat.participants:
            names = ", ".join(chat.participants) or "none"
            raise ExportError(
                f"{me!r} is not a participant of {chat.title!r}; participants: {names}"
            )


@transaction.atomic
def export_save(
    *, actor: Any, team: Team, conversations: list[ImportedConversation], me: str
) -> ImportResult:
    check_me(conversations, me)
    result = ImportResult()
    for chat in conversations:
        conversation = _conversation_for(team=team, chat=chat, me=me)
        result.conversations.append(conversation)
        result.not_imported_lines += len(chat.skipped)
        for imported in chat.messages:
            external_id = import_external_id(imported.fingerprint)
            if Message.objects.filter(external_id=external_id).exists():
                result.skipped += 1
                continue
            outbound = imported.sender == me
            message = Message(
                conversation=conversation,
                team=team,
                source=MessageSource.IMPORT,
                direction=Direction.OUTBOUND if outbound else Direction.INBOUND,
                external_id=external_id,
                kind=imported.kind,
                text=imported.text,
                sent_at=imported.sent_at,
                status=SendStatus.SENT if outbound else SendStatus.RECEIVED,
                context={"sender": imported.sender} if len(chat.participants) > 2 else {},
            )
            if not outbound:
                message_classify(message)
            message.save()
            conversation_note_message(conversation=conversation, message=message)
            result.added += 1
        audit(
            actor=actor,
            action=AuditAction.CREATE,
            obj=conversation,
            subject=conversation.youth,
            reason=f"import of {chat.platform} export",
        )
    Conversation.objects.filter(pk__in=[c.pk for c in result.conversations]).update(is_unread=False)
    return result


def _conversation_for(*, team: Team, chat: ImportedConversation, me: str) -> Conversation:
    others = [name for name in chat.participants if name != me]
    one_to_one = len(others) == 1
    contact_id = f"export:{others[0]}" if one_to_one else f"export-group:{chat.key}"
    conversation = Conversation.objects.filter(
        team=team, channel=None, platform=chat.platform, contact_id=contact_id
    ).first()
    if conversation is not None:
        return conversation
    youth = None
    if one_to_one:
        platform = "facebook" if chat.platform == "messenger" else chat.platform
        youth = youth_for_contact(
            team=team, platform=platform, external_id=contact_id, display_name=others[0]
        )
    return Conversation.objects.create(
        team=team,
        platform=chat.platform,
        contact_id=contact_id,
        youth=youth,
        last_message_at=timezone.now(),
    )
