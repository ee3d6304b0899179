"""Every page needs a login, and every logged-in page needs a verified second factor."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequired
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

# The API and webhooks authenticate on their own (tokens, signatures) and answer 401 in JSON
# rather than redirecting to a login page.
SELF_AUTHENTICATING_PREFIXES = ("/api/", "/webhooks/")

# What a user who logged in with a password may reach before the second factor.
SECOND_FACTOR_URL_NAMES = {
    "accounts:logout",
    "accounts:mfa_setup",
    "accounts:mfa_verify",
    "set_language",
}


class LoginRequiredMiddleware(DjangoLoginRequired):
    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith(SELF_AUTHENTICATING_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class SecondFactorRequiredMiddleware:
    """A session that passed the password but not yet TOTP sees only the MFA pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        if user.is_authenticated and not user.is_verified() and self.needs_second_factor(request):
            from django_otp import user_has_device

            return redirect(
                "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_setup"
            )
        return self.get_response(request)

    @staticmethod
    def needs_second_factor(request: HttpRequest) -> bool:
        if request.path.startswith(SELF_AUTHENTICATING_PREFIXES):
            return False  # API session auth checks verification itself
        from django.conf import settings

        if request.path.startswith(settings.STATIC_URL):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return True
        if match.view_name in SECOND_FACTOR_URL_NAMES:
            return False
        is_public = getattr(match.func, "login_required", True) is False
        return not is_public
