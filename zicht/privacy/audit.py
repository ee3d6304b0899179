"""One helper that every view, API endpoint, export, command and task calls when it reads or
changes personal data: `audit(actor=..., action=..., obj=...)`.

Where the call comes from (web or API, IP address) is taken from the request being served,
which `AuditContextMiddleware` records; outside a request it is the CLI or a task.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse

from zicht.privacy.models import AuditAction, AuditChannel, AuditEvent, AuditOutcome

__all__ = ["AuditAction", "AuditChannel", "AuditOutcome", "audit", "audit_context"]


@dataclass(frozen=True)
class AuditContext:
    via: str
    ip_address: str | None = None


OUTSIDE_REQUESTS = AuditContext(via=AuditChannel.CLI)
_context: ContextVar[AuditContext | None] = ContextVar("zicht_audit_context", default=None)


@contextmanager
def audit_context(*, via: str, ip_address: str | None = None) -> Iterator[None]:
    token = _context.set(AuditContext(via=via, ip_address=ip_address))
    try:
        yield
    finally:
        _context.reset(token)


def audit(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    subject: models.Model | None = None,
    reason: str = "",
    outcome: str = AuditOutcome.SUCCESS,
) -> AuditEvent:
    """Append one audit record. Call it inside the transaction of the change it records."""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    context = _context.get() or OUTSIDE_REQUESTS
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    event = AuditEvent(
        actor=actor if is_user else None,
        actor_username=actor.get_username() if is_user else "",
        actor_role=getattr(actor, "role", "") if is_user else "",
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        via=context.via,
        ip_address=context.ip_address,
        reason=reason[:300],
        outcome=outcome,
    )
    from zicht.privacy.chain import chain_append

    return chain_append(event)


def client_ip(request: HttpRequest) -> str | None:
    """The client address; behind ZICHT_PROXY_COUNT trusted proxies, from X-Forwarded-For."""
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        return hops[-proxies] if len(hops) >= proxies else hops[0]
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        via = AuditChannel.API if request.path.startswith("/api/") else AuditChannel.WEB
        with audit_context(via=via, ip_address=client_ip(request)):
            return self.get_response(request)


def deny_out_of_scope(*, actor: Any, obj: models.Model) -> NoReturn:
    """Record an attempt to reach a record outside the user's scope, then answer 404 (an
    outsider learns nothing). The review page flags these."""
    from django.http import Http404

    audit(
        actor=actor,
        action=AuditAction.READ,
        obj=obj,
        outcome=AuditOutcome.DENIED,
        reason="outside scope",
    )
    raise Http404


def audit_shown(request: Any, *, key: str, object_type: str, ids: list[Any], reason: str) -> None:
    """Audit a page that shows several records (a list, a live panel). Live panels poll every
    few seconds; they are audited when what they show changes, not on every poll."""
    if not ids:
        return
    fingerprint = ",".join(str(pk) for pk in sorted(ids))
    session_key = f"zicht_audit_shown:{key}"
    if request.session.get(session_key) == fingerprint:
        return
    request.session[session_key] = fingerprint
    audit(
        actor=request.user,
        action=AuditAction.READ,
        object_type=object_type,
        object_id="*",
        reason=f"{reason}: {fingerprint}"[:300],
    )
