"""Web upload of chat exports: a preview first, nothing saved until the worker confirms."""

import secrets
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.models import User
from zicht.accounts.permissions import permission_required
from zicht.inbox.importing import export_preview, export_read, export_save
from zicht.inbox.imports import ExportError, sniff

MAX_UPLOAD_BYTES = 25 * 1024 * 1024
PREVIEW_SECONDS = 30 * 60


class ImportForm(forms.Form):
    export = forms.FileField(label=gettext_lazy("Exportbestand (.txt of .zip)"))
    me = forms.CharField(
        label=gettext_lazy("Jouw naam in het gesprek"),
        max_length=100,
        help_text=gettext_lazy("Zoals die in de export staat; alle anderen zijn jongeren."),
    )

    def clean_export(self) -> bytes:
        upload = self.cleaned_data["export"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 25 MB."))
        data: bytes = upload.read()
        try:
            self.platform = sniff(data, upload.name)
        except ExportError as error:
            raise forms.ValidationError(
                _("Dit is geen export van WhatsApp, Instagram of Facebook.") + f" ({error})"
            ) from error
        self.filename = upload.name
        return data


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data, me = form.cleaned_data["export"], form.cleaned_data["me"].strip()
        try:
            conversations = export_read(platform=form.platform, source=data, filename=form.filename)
            preview = export_preview(conversations=conversations, me=me)
        except ExportError as error:
            form.add_error(None, str(error))
        else:
            token = secrets.token_urlsafe(16)
            key = f"inbox-import:{request.user.pk}:{token}"
            cache.set(key, (form.platform, form.filename, data, me), PREVIEW_SECONDS)
            context = {
                "conversations": conversations,
                "preview": preview,
                "token": token,
                "platform": form.platform,
                "me": me,
            }
            return render(request, "inbox/import_preview.html", context)
    return render(request, "inbox/import_upload.html", {"form": form})


@require_POST
@permission_required("case.change")
def import_confirm(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    key = f"inbox-import:{user.pk}:{request.POST.get('token', '')}"
    stored: Any = cache.get(key)
    team = user.teams.first()
    if stored is None or team is None:
        messages.error(request, _("De voorvertoning is verlopen. Upload het bestand opnieuw."))
        return redirect("inbox:import")
    platform, filename, data, me = stored
    try:
        conversations = export_read(platform=platform, source=data, filename=filename)
        result = export_save(actor=user, team=team, conversations=conversations, me=me)
    except ExportError as error:
        messages.error(request, str(error))
        return redirect("inbox:import")
    cache.delete(key)
    messages.success(
        request,
        _("%(added)s berichten toegevoegd, %(skipped)s stonden er al.")
        % {"added": result.added, "skipped": result.skipped},
    )
    if len(result.conversations) == 1:
        return redirect("inbox:conversation", pk=result.conversations[0].pk)
    return redirect("inbox:list")
