"""Reads of youth profiles that check access and audit in one call."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from zicht.accounts.permissions import can, scope_queryset
from zicht.privacy.audit import AuditAction, audit, deny_out_of_scope
from zicht.youth.models import Youth


def youth_list_for_user(*, user: Any, query: str = "") -> QuerySet[Youth]:
    profiles = scope_queryset(user, "case.view", Youth.objects.all()).select_related(
        "neighbourhood"
    )
    if query:
        profiles = profiles.filter(
            Q(nickname__icontains=query) | Q(handles__value__icontains=query.lstrip("@"))
        ).distinct()
    return profiles.prefetch_related("handles")


def youth_get_for_user(*, user: Any, pk: int, action: str = "case.view", reason: str = "") -> Youth:
    """The profile, if `user` may see it; 404 otherwise (an outsider learns nothing, not even
    that it exists). Every successful read is audited."""
    youth = Youth.objects.select_related("team", "neighbourhood").filter(pk=pk).first()
    if youth is None:
        raise Http404
    if not can(user, action, youth):
        deny_out_of_scope(actor=user, obj=youth)
    audit(actor=user, action=AuditAction.READ, obj=youth, subject=youth, reason=reason)
    return youth
