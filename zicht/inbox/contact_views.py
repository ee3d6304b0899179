"""Logging a contact without an API from a phone, in a few taps."""

from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from zicht.accounts.models import Neighbourhood, User
from zicht.accounts.permissions import permission_required, scope_queryset
from zicht.inbox.models import ContactPlatform
from zicht.inbox.services import contact_moment_log
from zicht.privacy.audit import audit_shown
from zicht.youth.models import LifeDomain, Youth

QUICK_PLATFORMS = ["straat", "snapchat", "tiktok", "telefoon", "instagram", "whatsapp", "anders"]


class ContactForm(forms.Form):
    platform = forms.ChoiceField(
        label=gettext_lazy("Waar"),
        widget=forms.RadioSelect,
        choices=[(c, ContactPlatform(c).label) for c in QUICK_PLATFORMS],
        initial="straat",
    )
    youth = forms.ModelChoiceField(
        label=gettext_lazy("Met wie"), queryset=Youth.objects.none(), required=False
    )
    summary = forms.CharField(
        label=gettext_lazy("Waar ging het over?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
    )
    topics = forms.MultipleChoiceField(
        label=gettext_lazy("Onderwerpen"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhood = forms.ModelChoiceField(
        label=gettext_lazy("Wijk"), queryset=Neighbourhood.objects.all(), required=False
    )
    happened_at = forms.DateTimeField(
        label=gettext_lazy("Wanneer"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def contact_new(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    team = user.teams.first()
    initial = {
        "neighbourhood": team.neighbourhoods.first() if team else None,
        "happened_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
    }
    form = ContactForm(request.POST or None, initial=initial)
    profiles = scope_queryset(user, "case.view", Youth.objects.all())
    form.fields["youth"].queryset = profiles  # type: ignore[attr-defined]
    ids = list(profiles.values_list("pk", flat=True))
    audit_shown(
        request, key="contact-form", object_type="youth.youth", ids=ids, reason="contact form"
    )
    if request.method == "POST" and form.is_valid() and team is not None:
        try:
            contact_moment_log(actor=user, team=team, **form.cleaned_data)
        except ValueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Contact vastgelegd."))
            return redirect("core:home")
    return render(request, "inbox/contact_form.html", {"form": form})
