from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.models import User
from zicht.accounts.permissions import permission_required
from zicht.inbox.models import CannedReply, ContactPlatform, MessageTemplate
from zicht.inbox.selectors import (
    conversation_get_for_user,
    conversation_list_for_user,
    conversation_messages,
    message_search_for_user,
    reply_window,
)
from zicht.inbox.sending import ReplyRefused, reply_create
from zicht.inbox.services import (
    canned_reply_create,
    conversation_mark_read,
    conversation_update,
    note_create,
)
from zicht.privacy.audit import AuditAction, audit, audit_shown


@require_GET
@never_cache
@permission_required("case.view")
def inbox(request: HttpRequest) -> HttpResponse:
    filters: dict[str, Any] = {
        "box": request.GET.get("box", "team"),
        "channel": request.GET.get("channel", ""),
        "label": request.GET.get("label", ""),
        "unread": request.GET.get("unread") == "1",
        "has_signal": request.GET.get("signal") == "1",
        "state": request.GET.get("state", "open"),
    }
    conversations = list(conversation_list_for_user(user=request.user, **filters)[:100])
    audit_shown(
        request,
        key="inbox",
        object_type="inbox.conversation",
        ids=[c.pk for c in conversations],
        reason="inbox",
    )
    context = {
        "conversations": conversations,
        "filters": filters,
        "platforms": ContactPlatform.choices,
    }
    template = "inbox/_rows.html" if request.headers.get("HX-Request") else "inbox/list.html"
    return render(request, template, context)


@require_GET
@never_cache
@permission_required("case.view")
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    item = conversation_get_for_user(user=request.user, pk=pk)
    conversation_mark_read(conversation=item)
    items = list(conversation_messages(conversation=item))
    context = {
        "conversation": item,
        "chat": items,
        "last_id": items[-1].pk if items else 0,
        "window": reply_window(conversation=item),
        "canned": CannedReply.objects.filter(team=item.team),
        "templates": MessageTemplate.objects.filter(channel=item.channel) if item.channel else [],
        "notes": item.notes.select_related("author"),
        "team_members": item.team.members.filter(is_active=True),
    }
    return render(request, "inbox/conversation.html", context)


@require_GET
@never_cache
@permission_required("case.view")
def conversation_poll(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX polling: messages newer than `after`, appended live without a reload."""
    item = conversation_get_for_user(user=request.user, pk=pk, audit_read=False)
    try:
        after = int(request.GET.get("after", "0"))
    except ValueError:
        after = 0
    items = list(conversation_messages(conversation=item, after_id=after))
    if items:  # audit what is shown, not every empty poll
        audit(
            actor=request.user,
            action=AuditAction.READ,
            obj=item,
            subject=item.youth,
            reason=f"live update, {len(items)} new",
        )
        conversation_mark_read(conversation=item)
    last_id = items[-1].pk if items else after
    return render(
        request,
        "inbox/_poll.html",
        {"conversation": item, "chat": items, "last_id": last_id},
    )


@require_POST
@permission_required("case.change")
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    item = conversation_get_for_user(user=user, pk=pk, reason="reply")
    template = None
    if template_id := request.POST.get("template"):
        template = MessageTemplate.objects.filter(pk=template_id, channel=item.channel).first()
    try:
        reply_create(
            actor=user, conversation=item, text=request.POST.get("text", ""), template=template
        )
    except ReplyRefused as refusal:
        messages.error(request, str(refusal))
    return redirect("inbox:conversation", pk=item.pk)


@require_POST
@permission_required("case.change")
def note(request: HttpRequest, pk: int) -> HttpResponse:
    item = conversation_get_for_user(user=request.user, pk=pk, reason="note")
    try:
        note_create(actor=request.user, conversation=item, text=request.POST.get("text", ""))
    except ValueError as error:
        messages.error(request, str(error))
    return redirect("inbox:conversation", pk=item.pk)


@require_POST
@permission_required("case.change")
def update(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    item = conversation_get_for_user(user=user, pk=pk, reason="update")
    assignee = None
    if assignee_id := request.POST.get("assigned_to"):
        assignee = User.objects.filter(pk=assignee_id, is_active=True).first()
    labels = request.POST.get("labels")
    try:
        conversation_update(
            actor=user,
            conversation=item,
            state=request.POST.get("state") or None,
            assigned_to=assignee,
            unassign=request.POST.get("assigned_to") == "",
            label_names=labels.split(",") if labels is not None else None,
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Gesprek bijgewerkt."))
    return redirect("inbox:conversation", pk=item.pk)


@require_http_methods(["GET", "POST"])
@never_cache
@permission_required("case.view")
def search(request: HttpRequest) -> HttpResponse:
    """Search terms may be personal data: they travel in the body, never in the URL."""
    query = request.POST.get("q", "").strip()[:200]
    results = list(message_search_for_user(user=request.user, query=query)) if query else []
    if query:
        audit(
            actor=request.user,
            action=AuditAction.READ,
            object_type="inbox.message",
            object_id="*",
            reason=f"search, {len(results)} results",
        )
    return render(request, "inbox/search.html", {"query": query, "results": results})


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def canned_replies(request: HttpRequest) -> HttpResponse:
    """The team's ready answers; `{bijnaam}` becomes the young person's nickname."""
    user = cast(User, request.user)
    team = user.teams.first()
    if request.method == "POST" and team is not None:
        if delete_id := request.POST.get("delete"):
            CannedReply.objects.filter(pk=delete_id, team__in=user.teams.all()).delete()
        else:
            try:
                canned_reply_create(
                    actor=user,
                    team=team,
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                )
            except ValueError as error:
                messages.error(request, str(error))
        return redirect("inbox:canned")
    replies = CannedReply.objects.filter(team__in=user.teams.all())
    return render(request, "inbox/canned.html", {"replies": replies})
