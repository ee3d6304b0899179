from typing import Any, cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from zicht.accounts.models import User
from zicht.accounts.permissions import permission_required
from zicht.accounts.reauth import reauth_required
from zicht.privacy.audit import audit_shown
from zicht.privacy.erasure import ErasureError, erasure_approve, erasure_request
from zicht.privacy.models import ErasureRequest, ErasureState
from zicht.privacy.subject import subject_export
from zicht.youth.forms import HandleForm, YouthForm
from zicht.youth.selectors import youth_get_for_user, youth_list_for_user
from zicht.youth.services import (
    YOUTH_EDITABLE_FIELDS,
    YouthError,
    handle_add,
    youth_create,
    youth_merge,
    youth_update,
)
from zicht.youth.timeline import youth_timeline


@require_http_methods(["GET", "POST"])
@permission_required("case.view")
def youth_list(request: HttpRequest) -> HttpResponse:
    query = request.POST.get("q", "").strip()  # in the body: no nicknames or handles in URLs
    profiles = list(youth_list_for_user(user=request.user, query=query)[:200])
    audit_shown(
        request,
        key="youth-list",
        object_type="youth.youth",
        ids=[p.pk for p in profiles],
        reason="list",
    )
    template = "youth/_list_rows.html" if request.headers.get("HX-Request") else "youth/list.html"
    return render(request, template, {"profiles": profiles, "query": query})


@permission_required("case.view")
def youth_detail(request: HttpRequest, pk: int) -> HttpResponse:
    youth = youth_get_for_user(user=request.user, pk=pk)
    context = {
        "youth": youth,
        "handles": youth.handles.all(),
        "timeline": youth_timeline(youth=youth),
        "handle_form": HandleForm(),
        "merge_candidates": youth_list_for_user(user=request.user).exclude(pk=youth.pk)[:200],
    }
    return render(request, "youth/detail.html", context)


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def youth_new(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = YouthForm(request.POST or None)
    teams = list(user.teams.all())
    if request.method == "POST" and form.is_valid() and teams:
        try:
            youth = youth_create(actor=user, team=teams[0], **form.cleaned_data)
        except YouthError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Profiel aangemaakt."))
            return redirect("youth:detail", pk=youth.pk)
    return render(request, "youth/form.html", {"form": form, "title": _("Nieuwe jongere")})


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def youth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    youth = youth_get_for_user(user=request.user, pk=pk, action="case.change")
    initial = {field: getattr(youth, field) for field in YOUTH_EDITABLE_FIELDS}
    form = YouthForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial.get(k)}
        try:
            youth_update(actor=request.user, youth=youth, **changes)  # type: ignore[arg-type]
        except YouthError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Profiel bijgewerkt."))
            return redirect("youth:detail", pk=youth.pk)
    return render(
        request, "youth/form.html", {"form": form, "youth": youth, "title": youth.nickname}
    )


@require_POST
@permission_required("case.change")
def youth_handle_add(request: HttpRequest, pk: int) -> HttpResponse:
    youth = youth_get_for_user(user=request.user, pk=pk, action="case.change")
    form = HandleForm(request.POST)
    if form.is_valid():
        try:
            handle_add(actor=cast(User, request.user), youth=youth, **form.cleaned_data)
        except YouthError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Account toegevoegd."))
    else:
        messages.error(request, _("Kies een platform en vul het account in."))
    return redirect("youth:detail", pk=youth.pk)


@require_POST
@permission_required("case.change")
def youth_merge_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    keep = youth_get_for_user(user=user, pk=pk, action="case.change")
    try:
        other_pk = int(request.POST.get("other", ""))
    except ValueError:
        messages.error(request, _("Kies het profiel dat hierin moet opgaan."))
        return redirect("youth:detail", pk=keep.pk)
    absorb = youth_get_for_user(user=user, pk=other_pk, action="case.change")
    try:
        youth_merge(actor=user, keep=keep, absorb=absorb)
    except YouthError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Profielen samengevoegd: alles staat nu bij %(n)s.") % {"n": keep.nickname}
        )
    return redirect("youth:detail", pk=keep.pk)


@require_GET
@permission_required("case.change")
@reauth_required
def youth_export(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Everything about this young person as a zip (access request), streamed from disk."""
    youth = youth_get_for_user(user=request.user, pk=pk, action="case.change", reason="export")
    archive = subject_export(actor=request.user, youth=youth)
    return FileResponse(archive, as_attachment=True, filename=f"zicht-inzage-{youth.pk}.zip")


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
@reauth_required
def youth_erase_request(request: HttpRequest, pk: int) -> HttpResponse:
    """A worker asks to erase everything about this young person; a lead approves."""
    youth = youth_get_for_user(user=request.user, pk=pk, action="case.change", reason="erasure")
    if request.method == "POST":
        try:
            erasure_request(
                actor=cast(User, request.user), youth=youth, reason=request.POST.get("reason", "")
            )
        except ErasureError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Verzoek om te wissen staat klaar voor een teamleider."))
            return redirect("youth:detail", pk=youth.pk)
    return render(request, "youth/erase_request.html", {"youth": youth})


@require_GET
@permission_required("case.assign")
def erasure_list(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    pending = ErasureRequest.objects.filter(team__in=user.teams.all(), state=ErasureState.PENDING)
    ids = list(pending.values_list("youth_id", flat=True))
    audit_shown(
        request, key="erasures", object_type="youth.youth", ids=ids, reason="erasure requests"
    )
    return render(
        request, "youth/erasures.html", {"pending": pending.select_related("youth", "requested_by")}
    )


@require_http_methods(["GET", "POST"])
@permission_required("case.assign")
@reauth_required
def erasure_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = cast(User, request.user)
    erasure = ErasureRequest.objects.filter(pk=pk, team__in=user.teams.all()).first()
    if erasure is None:
        raise Http404
    if request.method == "POST":
        try:
            erasure_approve(actor=user, request=erasure)
        except ErasureError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Alle gegevens van deze jongere zijn gewist."))
    return redirect("youth:erasures")
