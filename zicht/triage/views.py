from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.models import Neighbourhood, User
from zicht.accounts.permissions import permission_required
from zicht.privacy.audit import audit_shown
from zicht.triage.selectors import (
    acute_items_for_user,
    signal_board,
    signal_get_for_user,
    signal_list_for_user,
    suggestion_get_for_user,
    suggestion_queue_for_user,
)
from zicht.triage.services import (
    TriageError,
    signal_assign,
    signal_create,
    signal_transition,
    suggestion_confirm,
    suggestion_dismiss,
)
from zicht.triage.workflow import (
    ALLOWED_TRANSITIONS,
    CATEGORIES,
    SUBSTANCES,
    ClosingReason,
    Status,
    Urgency,
)


@require_GET
@never_cache
@permission_required("case.view")
def board(request: HttpRequest) -> HttpResponse:
    filters = {
        key: request.GET.get(key, "")
        for key in ("status", "category", "substance", "neighbourhood", "owner")
    }
    signals = signal_list_for_user(
        user=request.user,
        status=filters["status"],
        category=filters["category"],
        substance=filters["substance"],
        neighbourhood=filters["neighbourhood"],
        owner=filters["owner"],
    )
    columns = signal_board(signals=signals)
    shown = [s.pk for column in columns for s in column.signals]
    audit_shown(request, key="board", object_type="triage.signal", ids=shown, reason="board")
    context = {
        "columns": columns,
        "filters": filters,
        "categories": CATEGORIES,
        "substances": SUBSTANCES,
        "neighbourhoods": Neighbourhood.objects.all(),
        "statuses": Status.choices,
        "pending": suggestion_queue_for_user(user=request.user).count(),
    }
    return render(request, "triage/board.html", context)


@require_GET
@never_cache
@permission_required("case.view")
def suggestions(request: HttpRequest) -> HttpResponse:
    queue = list(suggestion_queue_for_user(user=request.user)[:50])
    ids = [s.pk for s in queue]
    audit_shown(
        request, key="suggestions", object_type="triage.suggestion", ids=ids, reason="review"
    )
    context = {
        "queue": queue,
        "categories": CATEGORIES,
        "urgencies": Urgency.choices,
        "substances": SUBSTANCES,
    }
    return render(request, "triage/suggestions.html", context)


@require_POST
@permission_required("case.change")
def suggestion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    suggestion = suggestion_get_for_user(user=user, pk=pk)
    try:
        if request.POST.get("decision") == "dismiss":
            suggestion_dismiss(
                actor=user, suggestion=suggestion, reason=request.POST.get("reason", "")
            )
            messages.success(
                request, _("Suggestie afgewezen; dit helpt de detectie beter te worden.")
            )
        else:
            signal = suggestion_confirm(
                actor=user,
                suggestion=suggestion,
                categories=request.POST.getlist("categories") or None,
                urgency=request.POST.get("urgency") or None,
                substances=request.POST.getlist("substances") or None,
            )
            messages.success(request, _("Signaal aangemaakt."))
            return redirect("triage:signal", pk=signal.pk)
    except TriageError as error:
        messages.error(request, str(error))
    return redirect("triage:suggestions")


@require_GET
@never_cache
@permission_required("case.view")
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    signal = signal_get_for_user(user=request.user, pk=pk)
    context_messages = []
    if signal.message is not None:
        around = signal.message.conversation.messages.order_by("sent_at", "pk")
        context_messages = list(around.filter(sent_at__lte=signal.message.sent_at).reverse()[:6])[
            ::-1
        ] + list(around.filter(sent_at__gt=signal.message.sent_at)[:3])
    context = {
        "signal": signal,
        "follow_ups": signal.follow_ups.select_related("actor"),
        "targets": [(s, Status(s).label) for s in sorted(ALLOWED_TRANSITIONS[signal.status])],
        "closing_reasons": ClosingReason.choices,
        "context_messages": context_messages,
        "team_members": signal.team.members.filter(is_active=True),
    }
    return render(request, "triage/signal.html", context)


@require_POST
@permission_required("case.change")
def signal_move(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    signal = signal_get_for_user(user=user, pk=pk, action="case.change", reason="workflow")
    try:
        if "owner" in request.POST:
            owner = (
                User.objects.filter(pk=request.POST["owner"]).first()
                if request.POST["owner"]
                else None
            )
            signal_assign(actor=user, signal=signal, owner=owner)
        else:
            signal_transition(
                actor=user,
                signal=signal,
                to_status=request.POST.get("to_status", ""),
                note=request.POST.get("note", ""),
                closing_reason=request.POST.get("closing_reason", ""),
            )
    except TriageError as error:
        messages.error(request, str(error))
    return redirect("triage:signal", pk=signal.pk)


@require_GET
@never_cache
def acute_banner(request: HttpRequest) -> HttpResponse:
    """Polled by every page of a case worker: acute items appear without a reload."""
    user: Any = request.user
    items = acute_items_for_user(user=user)
    ids = [f"{item.kind}:{item.pk}" for item in items]
    audit_shown(request, key="acute", object_type="triage.acute", ids=ids, reason="acute banner")
    return render(request, "triage/_acute.html", {"acute_items": items})


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def signal_new(request: HttpRequest) -> HttpResponse:
    """A signal seen without a message or observation behind it (a phone call, the street)."""
    user = cast(User, request.user)
    team = user.teams.first()
    if request.method == "POST" and team is not None:
        neighbourhood = Neighbourhood.objects.filter(
            slug=request.POST.get("neighbourhood", "")
        ).first()
        try:
            signal = signal_create(
                actor=user,
                team=team,
                categories=request.POST.getlist("categories"),
                urgency=request.POST.get("urgency", ""),
                summary=request.POST.get("summary", ""),
                substances=request.POST.getlist("substances"),
                neighbourhood=neighbourhood,
            )
        except TriageError as error:
            messages.error(request, str(error))
        else:
            return redirect("triage:signal", pk=signal.pk)
    context = {
        "categories": CATEGORIES,
        "urgencies": Urgency.choices,
        "substances": SUBSTANCES,
        "neighbourhoods": Neighbourhood.objects.all(),
    }
    return render(request, "triage/new.html", context)
