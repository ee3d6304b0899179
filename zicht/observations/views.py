from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from zicht.accounts.models import Neighbourhood, User
from zicht.accounts.permissions import permission_required, scope_queryset
from zicht.observations.models import ObservationKind, ObservationPlatform
from zicht.observations.selectors import observation_get_for_user, observation_list_for_user
from zicht.observations.services import ObservationError, observation_create
from zicht.privacy.audit import audit_shown
from zicht.privacy.crypto import decrypt_bytes
from zicht.youth.models import LifeDomain, Youth


class ObservationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Wat zag je?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
    )
    platform = forms.ChoiceField(
        label=gettext_lazy("Platform"),
        choices=ObservationPlatform.choices,
        widget=forms.RadioSelect,
        initial="instagram",
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Soort"),
        choices=ObservationKind.choices,
        widget=forms.RadioSelect,
        initial="story",
    )
    neighbourhood = forms.ModelChoiceField(
        label=gettext_lazy("Wijk"), queryset=Neighbourhood.objects.all(), required=False
    )
    themes = forms.MultipleChoiceField(
        label=gettext_lazy("Thema's"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    youth = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Jongeren (optioneel)"), queryset=Youth.objects.none(), required=False
    )
    screenshot = forms.FileField(
        label=gettext_lazy("Schermafbeelding (optioneel, 30 dagen bewaard)"), required=False
    )


@require_http_methods(["GET", "POST"])
@permission_required("case.change")
def observation_new(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    team = user.teams.first()
    initial = {"neighbourhood": team.neighbourhoods.first() if team else None}
    form = ObservationForm(request.POST or None, request.FILES or None, initial=initial)
    profiles = scope_queryset(user, "case.view", Youth.objects.all())
    form.fields["youth"].queryset = profiles  # type: ignore[attr-defined]
    ids = list(profiles.values_list("pk", flat=True))
    audit_shown(request, key="observation-form", object_type="youth.youth", ids=ids, reason="form")
    if request.method == "POST" and form.is_valid() and team is not None:
        data = dict(form.cleaned_data)
        upload = data.pop("screenshot")
        try:
            observation = observation_create(
                author=user,
                team=team,
                youth=list(data.pop("youth")),
                screenshot=upload.read() if upload else None,
                **data,
            )
        except ObservationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Waarneming vastgelegd."))
            return redirect("observations:detail", pk=observation.pk)
    return render(request, "observations/form.html", {"form": form})


@require_GET
@never_cache
@permission_required("case.view")
def observation_list(request: HttpRequest) -> HttpResponse:
    observations = list(observation_list_for_user(user=request.user)[:100])
    ids = [o.pk for o in observations]
    audit_shown(
        request, key="observations", object_type="observations.observation", ids=ids, reason="list"
    )
    return render(request, "observations/list.html", {"observations": observations})


@require_GET
@never_cache
@permission_required("case.view")
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    observation = observation_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "observations/detail.html",
        {"observation": observation, "has_screenshot": bool(observation.screenshot_type)},
    )


@require_GET
@never_cache
@permission_required("case.view")
def observation_screenshot(request: HttpRequest, pk: int) -> HttpResponse:
    """Served only through the app, to users in scope, never cached, never a public URL."""
    observation = observation_get_for_user(user=request.user, pk=pk, reason="screenshot")
    from zicht.observations.models import Observation

    blob = (
        Observation.objects.filter(pk=observation.pk).values_list("screenshot", flat=True).first()
    )
    if not blob:
        return HttpResponse(status=404)
    response = HttpResponse(decrypt_bytes(bytes(blob)), content_type=observation.screenshot_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    return response
