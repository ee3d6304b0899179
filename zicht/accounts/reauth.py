"""Fresh re-authentication (a new TOTP code) before exports and erasure (privacy.md)."""

import time
from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.forms import TokenForm
from zicht.accounts.models import User
from zicht.accounts.views import next_url

REAUTH_KEY = "zicht_reauth_at"
REAUTH_SECONDS = 5 * 60


def recently_reauthenticated(request: HttpRequest) -> bool:
    return time.time() - float(request.session.get(REAUTH_KEY, 0)) < REAUTH_SECONDS


def reauth_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not recently_reauthenticated(request):
            return redirect("/account/bevestigen/?" + urlencode({"next": request.get_full_path()}))
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        request.session[REAUTH_KEY] = time.time()
        return redirect(next_url(request))
    return render(request, "accounts/reauth.html", {"form": form, "next": next_url(request)})
