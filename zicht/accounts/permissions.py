"""The one place that answers: may this user do this (to this object)?

Every view, API endpoint and template asks `can(user, action, obj)`. An action is a row in
POLICY: which roles may do it, and which scope an object must be in for that user.

- TEAM scope: the object belongs to one of the user's teams (contracts.md, access rule).
  Objects say which team they belong to through a `team_id` attribute.
- PARTNER scope: the object was shared with the user's partner organisation. Objects say so
  through `partner_organisation_id`, or `shared_with_partner_ids()` when shared with several.
- NONE: the role alone decides (configuration, the user's own pages).

Lists are filtered with `scope_queryset`, so a list never shows what `can` would refuse.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import wraps
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponseBase

from zicht.accounts.models import Role

ALL_ROLES = frozenset(Role)
CASE_ROLES = frozenset({Role.JONGERENWERKER, Role.TEAMLEIDER})


class Scope(Enum):
    NONE = "none"
    TEAM = "team"
    PARTNER = "partner"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    scope: Scope = Scope.NONE


POLICY: dict[str, Rule] = {
    # The shell and one's own account.
    "core.view_home": Rule(ALL_ROLES),
    "accounts.view_self": Rule(ALL_ROLES),
    # Configuration: the beheerder manages it, without casual access to case content.
    "accounts.manage_users": Rule(frozenset({Role.BEHEERDER})),
    "accounts.manage_teams": Rule(frozenset({Role.BEHEERDER})),
    "privacy.view_audit_log": Rule(frozenset({Role.BEHEERDER})),
    "privacy.manage_retention": Rule(frozenset({Role.BEHEERDER})),
    "inbox.manage_channels": Rule(frozenset({Role.BEHEERDER})),
    "inbox.review_deliveries": Rule(frozenset({Role.BEHEERDER})),
    # Case content (profiles, conversations, observations, signals) of one's own teams.
    "case.view": Rule(CASE_ROLES, Scope.TEAM),
    "case.change": Rule(CASE_ROLES, Scope.TEAM),
    "case.assign": Rule(frozenset({Role.TEAMLEIDER}), Scope.TEAM),
    "case.view_team_reports": Rule(frozenset({Role.TEAMLEIDER}), Scope.TEAM),
    # What was shared with a partner organisation.
    "partner.view_shared": Rule(frozenset({Role.PARTNER}), Scope.PARTNER),
}


class UnknownActionError(KeyError):
    """Asking about an action that is not in POLICY is a programming error, never a 'no'."""


def can(user: Any, action: str, obj: Any = None) -> bool:
    try:
        rule = POLICY[action]
    except KeyError as error:
        raise UnknownActionError(action) from error
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.role not in rule.roles:
        return False
    return obj is None or in_scope(user, rule.scope, obj)


def in_scope(user: Any, scope: Scope, obj: Any) -> bool:
    if scope is Scope.TEAM:
        team_id = getattr(obj, "team_id", None)
        return team_id is not None and team_id in user.team_ids()
    if scope is Scope.PARTNER:
        return user.partner_organisation_id is not None and (
            user.partner_organisation_id in partner_ids_of(obj)
        )
    return True


def partner_ids_of(obj: Any) -> set[int]:
    shared = getattr(obj, "shared_with_partner_ids", None)
    if callable(shared):
        return set(shared())
    single = getattr(obj, "partner_organisation_id", None)
    return {single} if single is not None else set()


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (HTTP 403) unless `can` says yes."""
    if not can(user, action, obj):
        raise PermissionDenied(action)


M = TypeVar("M", bound=Model)


def scope_queryset(
    user: Any, action: str, queryset: QuerySet[M], *, team_field: str = "team"
) -> QuerySet[M]:
    """Only the rows of `queryset` that `can(user, action, row)` would allow."""
    if not can(user, action):
        return queryset.none()
    scope = POLICY[action].scope
    if scope is Scope.TEAM:
        return queryset.filter(**{f"{team_field}__in": user.team_ids()})
    if scope is Scope.PARTNER:
        return queryset.filter(partner_organisation_id=user.partner_organisation_id)
    return queryset


ViewFunc = Callable[..., HttpResponseBase]


def permission_required(action: str) -> Callable[[ViewFunc], ViewFunc]:
    """View decorator: the request's user must be allowed `action` (object checks stay in
    selectors, which fetch and check in one call)."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            require(request.user, action)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
