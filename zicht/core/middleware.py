from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse

from zicht.core.nul import MESSAGE, contains_nul

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
    """A NUL character in the query string or a form body gets a 400 before the view runs
    (``core/nul.py``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if contains_nul(request.GET):
            return _nul_refused(request)
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        # Views exempt from CSRF read their own bodies: the API's parsers check them and the
        # webhook verifies a signature first. Every other view's form body is parsed by
        # Django's CSRF check anyway, so checking it here parses nothing extra.
        exempt = getattr(view_func, "csrf_exempt", False)
        if request.method == "POST" and not exempt and contains_nul(request.POST):
            return _nul_refused(request)
        return None


def _nul_refused(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(MESSAGE)}, status=400)
    return HttpResponseBadRequest(str(MESSAGE))


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
