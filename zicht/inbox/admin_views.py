"""Beheer: channels and the webhook deliveries that failed. Configuration only, no content."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from zicht.accounts.models import Team
from zicht.accounts.permissions import permission_required
from zicht.inbox.models import Channel, ChannelKind, DeliveryStatus, WebhookDelivery
from zicht.inbox.services import (
    ChannelError,
    channel_create,
    deliveries_retry_failed,
    message_template_create,
)


class ChannelForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Soort"), choices=ChannelKind.choices)
    external_id = forms.CharField(label=gettext_lazy("Id bij Meta"), max_length=64)
    name = forms.CharField(label=gettext_lazy("Naam"), max_length=100, required=False)
    team = forms.ModelChoiceField(label=gettext_lazy("Team"), queryset=Team.objects.all())
    access_token = forms.CharField(
        label=gettext_lazy("Toegangssleutel"),
        required=False,
        widget=forms.PasswordInput,
        help_text=gettext_lazy("Wordt versleuteld bewaard en daarna nooit meer getoond."),
    )


@require_http_methods(["GET", "POST"])
@permission_required("inbox.manage_channels")
def channels(request: HttpRequest) -> HttpResponse:
    form = ChannelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            channel_create(
                actor=request.user,
                kind=data["kind"],
                external_id=data["external_id"],
                team_name=data["team"].name,
                name=data["name"],
                access_token=data["access_token"],
            )
        except (ChannelError, ImproperlyConfigured) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Kanaal toegevoegd."))
            return redirect("beheer:channels")
    listing = Channel.objects.select_related("team").prefetch_related("templates")
    return render(request, "inbox/admin_channels.html", {"form": form, "channels": listing})


@require_POST
@permission_required("inbox.manage_channels")
def template_add(request: HttpRequest, pk: int) -> HttpResponse:
    channel = Channel.objects.filter(pk=pk).first()
    if channel is None:
        raise Http404
    try:
        message_template_create(
            actor=request.user,
            channel=channel,
            name=request.POST.get("name", ""),
            language=request.POST.get("language", "nl"),
            body=request.POST.get("body", ""),
        )
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sjabloon opgeslagen."))
    return redirect("beheer:channels")


@require_http_methods(["GET"])
@permission_required("inbox.review_deliveries")
def deliveries(request: HttpRequest) -> HttpResponse:
    waiting = WebhookDelivery.objects.exclude(status=DeliveryStatus.PROCESSED).only(
        "received_at", "object_type", "status", "attempts", "last_error"
    )[:200]
    return render(request, "inbox/admin_deliveries.html", {"deliveries": waiting})


@require_POST
@permission_required("inbox.review_deliveries")
def deliveries_retry(request: HttpRequest) -> HttpResponse:
    done = deliveries_retry_failed()
    messages.success(
        request,
        ngettext(
            "%(n)s webhookbericht opnieuw verwerkt.",
            "%(n)s webhookberichten opnieuw verwerkt.",
            done,
        )
        % {"n": done},
    )
    return redirect("beheer:deliveries")
