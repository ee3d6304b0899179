from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from zicht.accounts.permissions import permission_required
from zicht.privacy.models import AuditAction
from zicht.privacy.selectors import audit_filters_from, audit_log_filtered, unusual_access


@require_GET
@permission_required("privacy.view_audit_log")
def audit_log(request: HttpRequest) -> HttpResponse:
    """The beheerder reviews who accessed what; unusual access is flagged at the top."""
    filters = audit_filters_from(request.GET)
    context = {
        "events": audit_log_filtered(**filters)[:300],
        "flags": unusual_access(),
        "actions": AuditAction.choices,
        "params": request.GET,
    }
    return render(request, "privacy/audit_log.html", context)
