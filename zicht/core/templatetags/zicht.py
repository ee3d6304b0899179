"""Template access to the permission policy: the same answers views and API get."""

from typing import Any

from django import template

from zicht.accounts.permissions import can

register = template.Library()


@register.filter(name="can")
def can_filter(user: Any, action: str) -> bool:
    """{% if user|can:"accounts.manage_users" %}"""
    return can(user, action)


@register.simple_tag
def can_on(user: Any, action: str, obj: Any) -> bool:
    """{% can_on user "case.view" conversation as allowed %}"""
    return can(user, action, obj)
