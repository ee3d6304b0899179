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


@register.filter
def highlight(text: str, evidence: Any) -> str:
    """The text with every evidence span ({start, end, label}) wrapped in <mark>; everything
    else escaped. Spans are offsets into the original text (the detector guarantees it)."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    spans = sorted(
        {(int(e["start"]), int(e["end"]), str(e.get("label", ""))) for e in evidence or []}
    )
    pieces: list[str] = []
    cursor = 0
    for start, end, label in spans:
        if start < cursor or end > len(text) or start >= end:
            continue  # overlapping or out of range: the first span wins
        pieces.append(escape(text[cursor:start]))
        pieces.append(f'<mark title="{escape(label)}">{escape(text[start:end])}</mark>')
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece escaped above)
