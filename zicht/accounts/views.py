"""Login, logout and the second factor (TOTP enrolment and verification)."""

import base64
from io import BytesIO
from typing import cast

import qrcode
import qrcode.image.svg
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from zicht.accounts.forms import LoginForm, TokenForm
from zicht.accounts.models import User
from zicht.accounts.services import totp_device_confirm, totp_device_for_enrolment
from zicht.privacy.audit import AuditAction, audit


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


login_view = login_not_required(LoginView.as_view())


def next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/"


def totp_qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


def readable_secret(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:mfa_verify")
    device = totp_device_for_enrolment(user=user)
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        totp_device_confirm(device=device)
        otp_login(request, device)
        return redirect(next_url(request))
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(totp_qr_svg(device)),  # noqa: S308 (our own generated SVG)
            "secret": readable_secret(device),
            "next": next_url(request),
        },
    )


@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        return redirect("accounts:mfa_setup")
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST":
        if form.is_valid():
            otp_login(request, device)
            audit(actor=user, action=AuditAction.LOGIN, obj=user)
            return redirect(next_url(request))
        audit(
            actor=user,
            action=AuditAction.LOGIN_FAILED,
            obj=user,
            reason="wrong second-factor code",
        )
    return render(request, "accounts/mfa_verify.html", {"form": form, "next": next_url(request)})


logout_view = auth_views.LogoutView.as_view()
