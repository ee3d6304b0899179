"""Idle timeout and absolute lifetime of a signed-in session (OWASP ASVS 3.3)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

STARTED = "zicht_session_started"
ACTIVE = "zicht_last_active"


class SessionTimeoutMiddleware:
    """Signs a user out after ZICHT_IDLE_MINUTES without activity, and ZICHT_SESSION_HOURS
    after login whatever happens. Live polling (HTMX requests) does not count as activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            last = request.session.get(ACTIVE, now)
            idle = now - last > settings.ZICHT_IDLE_MINUTES * 60
            expired = now - started > settings.ZICHT_SESSION_HOURS * 3600
            if idle or expired:
                logout(request)
            elif not request.headers.get("HX-Request"):
                request.session[ACTIVE] = now
        return self.get_response(request)
