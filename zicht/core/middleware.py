from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# No inline scripts, no third-party hosts: every asset ships with Zicht.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI sets style attributes from its scripts.
API_DOCS_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = API_DOCS_POLICY if request.path.startswith("/api/docs/") else POLICY
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class RejectNulCharactersMiddleware:
    """A NUL character in the query string gets a 400 before any view runs: PostgreSQL
    cannot compare text containing U+0000, so a filter on it would be a server error.
    (Request bodies are checked by the API's parsers and Django's form fields.)"""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any("\x00" in key or "\x00" in value for key, value in _query_items(request)):
            message = _("Tekst mag geen NUL-teken (\\u0000) bevatten.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        return self.get_response(request)


def _query_items(request: HttpRequest) -> list[tuple[str, str]]:
    return [(key, value) for key, values in request.GET.lists() for value in values]


class InProcessSchedulerMiddleware:
    """Starts the in-process scheduler with the first request a server process handles
    (core/scheduler.py); does nothing when Celery beat runs the schedule."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        from zicht.core.scheduler import scheduler_start

        scheduler_start()
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """Pages for a signed-in user and API answers may hold personal data: never cache them
    (privacy.md: `Cache-Control: no-store` on personal pages)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        personal = signed_in or request.path.startswith("/api/")
        if personal and not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store, private"
        return response
