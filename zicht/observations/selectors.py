from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from zicht.accounts.permissions import can, scope_queryset
from zicht.observations.models import Observation
from zicht.privacy.audit import AuditAction, audit, deny_out_of_scope


def observation_list_for_user(*, user: Any) -> QuerySet[Observation]:
    return (
        scope_queryset(user, "case.view", Observation.objects.all())
        .defer("screenshot")
        .select_related("neighbourhood", "author")
    )


def observation_get_for_user(*, user: Any, pk: int, reason: str = "") -> Observation:
    observation = Observation.objects.defer("screenshot").filter(pk=pk).first()
    if observation is None:
        raise Http404
    if not can(user, "case.view", observation):
        deny_out_of_scope(actor=user, obj=observation)
    audit(actor=user, action=AuditAction.READ, obj=observation, reason=reason)
    return observation
