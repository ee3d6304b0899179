from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from zicht.accounts.models import Role
from zicht.accounts.permissions import permission_required
from zicht.core.selectors import admin_overview, home_teams, worker_today
from zicht.core.services import HEARTBEAT_STALE_AFTER, worker_heartbeat_age
from zicht.privacy.audit import audit_shown

HOME_TEMPLATES = {
    Role.JONGERENWERKER: "core/home_worker.html",
    Role.TEAMLEIDER: "core/home_lead.html",
    Role.PARTNER: "core/home_partner.html",
    Role.BEHEERDER: "core/home_admin.html",
}


@require_GET
@permission_required("core.view_home")
def home(request: HttpRequest) -> HttpResponse:
    """'Vandaag': one home page per role; later modules add their panels to it."""
    user: Any = request.user
    context: dict[str, Any] = {"teams": home_teams(user=user)}
    if user.role == Role.BEHEERDER:
        context["admin_stats"] = admin_overview()
    if user.role in (Role.JONGERENWERKER, Role.TEAMLEIDER):
        context |= worker_today(user=user)
        shown = [f"acute:{i.kind}:{i.pk}" for i in context["acute_items"]]
        shown += [f"conversation:{c.pk}" for c in context["my_conversations"]]
        shown += [f"signal:{s.pk}" for s in context["signals_due"]]
        audit_shown(request, key="home", object_type="core.home", ids=shown, reason="Vandaag")
    return render(request, HOME_TEMPLATES[Role(user.role)], context)


@require_GET
@never_cache
@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: is the database reachable?"""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    body: dict[str, Any] = {"status": "ok", "database": connection.vendor}
    if settings.CELERY_TASK_ALWAYS_EAGER:
        body["jobs"] = "in-process"
    else:
        age = worker_heartbeat_age()
        body["jobs"] = "ok" if age is not None and age < HEARTBEAT_STALE_AFTER else "no-worker"
    return JsonResponse(body)
