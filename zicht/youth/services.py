"""Writes for youth profiles. Each validates first, writes atomically and audits in the same
transaction."""

import re
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from zicht.accounts.models import Neighbourhood, Team, User
from zicht.privacy.audit import AuditAction, audit
from zicht.youth.models import AgeBand, ConsentState, Handle, LifeDomain, Platform, Youth


class YouthError(ValueError):
    """A change to a profile that cannot be made, with the reason (Dutch, shown to workers)."""


def handle_normalise(platform: str, value: str) -> str:
    """One spelling per account: '@Sanne_010 ' and 'sanne_010' are the same Instagram handle;
    '06-12345678' and '+31 6 12345678' the same WhatsApp number."""
    value = value.strip()
    if platform == Platform.WHATSAPP:
        digits = re.sub(r"\D", "", value)
        if digits.startswith("00"):
            digits = digits[2:]
        elif digits.startswith("0"):
            digits = "31" + digits[1:]
        return digits
    return value.lstrip("@").lower()


def _check_choices(
    *, age_band: str, consent: str, life_domains: list[str], help_questions: list[str]
) -> None:
    if age_band not in AgeBand.values:
        raise YouthError(f"Onbekende leeftijdsgroep: {age_band!r}.")
    if consent not in ConsentState.values:
        raise YouthError(f"Onbekende toestemmingsstatus: {consent!r}.")
    unknown = sorted(set(life_domains + help_questions) - set(LifeDomain.values))
    if unknown:
        raise YouthError(f"Onbekend leefgebied: {', '.join(unknown)}.")


@transaction.atomic
def youth_create(
    *,
    actor: User | None,
    team: Team,
    nickname: str,
    age_band: str = AgeBand.UNKNOWN,
    neighbourhood: Neighbourhood | None = None,
    life_domains: list[str] | None = None,
    help_questions: list[str] | None = None,
    talents: str = "",
    consent: str = ConsentState.UNKNOWN,
    offline_note: str = "",
    handles: list[tuple[str, str]] | None = None,
    is_provisional: bool = False,
) -> Youth:
    nickname = nickname.strip()
    if not nickname:
        raise YouthError("Geef de jongere een bijnaam.")
    life_domains, help_questions = list(life_domains or []), list(help_questions or [])
    _check_choices(
        age_band=age_band, consent=consent, life_domains=life_domains, help_questions=help_questions
    )
    youth = Youth.objects.create(
        team=team,
        nickname=nickname,
        age_band=age_band,
        neighbourhood=neighbourhood,
        life_domains=life_domains,
        help_questions=help_questions,
        talents=talents.strip(),
        consent=consent,
        offline_note=offline_note.strip(),
        is_provisional=is_provisional,
        created_by=actor,
    )
    audit(actor=actor, action=AuditAction.CREATE, obj=youth, subject=youth)
    for platform, value in handles or []:
        handle_add(actor=actor, youth=youth, platform=platform, value=value)
    return youth


YOUTH_EDITABLE_FIELDS = {
    "nickname",
    "age_band",
    "neighbourhood",
    "life_domains",
    "help_questions",
    "talents",
    "consent",
    "offline_note",
}


@transaction.atomic
def youth_update(*, actor: User, youth: Youth, **changes: Any) -> Youth:
    unknown = set(changes) - YOUTH_EDITABLE_FIELDS
    if unknown:
        raise YouthError(f"Deze velden kun je niet wijzigen: {', '.join(sorted(unknown))}.")
    merged = {field: getattr(youth, field) for field in YOUTH_EDITABLE_FIELDS} | changes
    if not str(merged["nickname"]).strip():
        raise YouthError("Geef de jongere een bijnaam.")
    _check_choices(
        age_band=merged["age_band"],
        consent=merged["consent"],
        life_domains=list(merged["life_domains"]),
        help_questions=list(merged["help_questions"]),
    )
    for field, value in changes.items():
        setattr(youth, field, value.strip() if isinstance(value, str) else value)
    youth.is_provisional = False
    youth.save()
    audit(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=youth,
        subject=youth,
        reason=", ".join(sorted(changes)),
    )
    return youth


@transaction.atomic
def handle_add(
    *, actor: User | None, youth: Youth, platform: str, value: str, external_id: str = ""
) -> Handle:
    if platform not in Platform.values:
        raise YouthError(f"Onbekend platform: {platform!r}.")
    normalised = handle_normalise(platform, value)
    if not normalised:
        raise YouthError("Vul het account in.")
    clash = Handle.objects.filter(team=youth.team, platform=platform).filter(
        Q(value=normalised) | (Q(external_id=external_id) & ~Q(external_id=""))
    )
    existing = clash.select_related("youth").first()
    if existing is not None:
        if existing.youth_id == youth.pk:
            return existing
        raise YouthError(
            f"Dit account hoort al bij {existing.youth.nickname}. "
            "Zijn het dezelfde jongere? Voeg de profielen dan samen."
        )
    handle = Handle.objects.create(
        youth=youth, team=youth.team, platform=platform, value=normalised, external_id=external_id
    )
    audit(actor=actor, action=AuditAction.CREATE, obj=handle, subject=youth)
    return handle


@transaction.atomic
def youth_for_contact(
    *, team: Team, platform: str, external_id: str, display_name: str = ""
) -> Youth:
    """The profile behind a platform account that messaged the team; a provisional profile with
    a neutral pseudonym when the account is new. A worker confirms or merges it later."""
    handle = (
        Handle.objects.select_related("youth")
        .filter(team=team, platform=platform, external_id=external_id)
        .first()
    )
    if handle is not None:
        return handle.youth
    count = Youth.objects.filter(team=team).count() + 1
    youth = youth_create(
        actor=None,
        team=team,
        nickname=f"Nieuw contact {count} ({Platform(platform).label})",
        is_provisional=True,
    )
    value = external_id if platform == Platform.WHATSAPP else (display_name or external_id)
    Handle.objects.create(
        youth=youth,
        team=team,
        platform=platform,
        value=handle_normalise(platform, value) or external_id,
        external_id=external_id,
    )
    return youth


def youth_touch(*, youth_id: int, at: datetime) -> None:
    """Record the latest contact moment, never moving it backwards."""
    Youth.objects.filter(pk=youth_id).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=at)
    ).update(last_contact_at=at)


@transaction.atomic
def youth_merge(*, actor: User, keep: Youth, absorb: Youth) -> Youth:
    """Two profiles turn out to be one person: everything linked to `absorb` moves to `keep`."""
    if keep.pk == absorb.pk:
        raise YouthError("Kies twee verschillende profielen.")
    if keep.team_id != absorb.team_id:
        raise YouthError("Alleen profielen van hetzelfde team kunnen worden samengevoegd.")
    for handle in absorb.handles.all():
        if keep.handles.filter(platform=handle.platform, value=handle.value).exists():
            handle.delete()
        else:
            Handle.objects.filter(pk=handle.pk).update(youth=keep)
    _move_links(absorb, keep)
    keep.life_domains = sorted(set(keep.life_domains) | set(absorb.life_domains))
    keep.help_questions = sorted(set(keep.help_questions) | set(absorb.help_questions))
    keep.talents = ", ".join(t for t in (keep.talents, absorb.talents) if t)[:300]
    if absorb.last_contact_at and (
        not keep.last_contact_at or absorb.last_contact_at > keep.last_contact_at
    ):
        keep.last_contact_at = absorb.last_contact_at
    keep.save()
    absorbed_pk = absorb.pk
    audit(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=keep,
        subject=keep,
        reason=f"merged profile {absorbed_pk} into this one",
    )
    audit(
        actor=actor,
        action=AuditAction.DELETE,
        obj=absorb,
        subject=absorb,
        reason=f"merged into profile {keep.pk}",
    )
    absorb.delete()
    return keep


def _move_links(source: Youth, target: Youth) -> None:
    """Repoint every foreign key and many-to-many link to `source` (messages, observations,
    signals, … of any app) at `target`, so a new app's links follow without changing this."""
    for relation in Youth._meta.related_objects:
        if relation.related_model in (Handle,):
            continue
        field: Any = relation.field
        if relation.many_to_many:
            through = field.remote_field.through
            column = field.m2m_reverse_field_name()
            owner = field.m2m_field_name()
            already = set(through.objects.filter(**{column: target}).values_list(owner, flat=True))
            links = through.objects.filter(**{column: source})
            links.filter(**{f"{owner}__in": already}).delete()
            links.update(**{column: target})
        elif relation.one_to_many:
            relation.related_model._default_manager.filter(**{field.name: source}).update(
                **{field.name: target}
            )
