"""DRF's side of the one permission policy (zicht.accounts.permissions)."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from zicht.accounts.permissions import can


class Policy(BasePermission):
    """A view names its actions: `read_action` for safe methods, `write_action` otherwise."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return can(request.user, self.action_for(request, view))

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        return can(request.user, self.action_for(request, view), obj)

    @staticmethod
    def action_for(request: Request, view: Any) -> str:
        if request.method in SAFE_METHODS:
            return str(view.read_action)
        return str(getattr(view, "write_action", view.read_action))
