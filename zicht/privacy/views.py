from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from zicht.accounts.permissions import permission_required
from zicht.accounts.reauth import reauth_required
from zicht.core.spreadsheet import csv_rows
from zicht.privacy.audit import audit
from zicht.privacy.models import AuditAction, PurgeRun
from zicht.privacy.retention import PERIODS, RetentionError, retention_days, retention_set
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


@require_GET
@permission_required("privacy.view_audit_log")
@reauth_required
def audit_log_csv(request: HttpRequest) -> StreamingHttpResponse:
    """The filtered audit log as CSV (for the privacy officer), after a fresh code."""
    filters = audit_filters_from(request.GET)
    audit(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="privacy.auditevent",
        object_id="*",
        reason="audit log CSV",
    )
    events = audit_log_filtered(**filters).iterator(chunk_size=2000)
    header = [
        "at",
        "user",
        "role",
        "action",
        "object_type",
        "object_id",
        "via",
        "outcome",
        "reason",
    ]
    rows = (
        [
            e.at.isoformat(),
            e.actor_username,
            e.actor_role,
            e.action,
            e.object_type,
            e.object_id,
            e.via,
            e.outcome,
            e.reason,
        ]
        for e in events
    )
    response = StreamingHttpResponse(csv_rows(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="zicht-auditlog.csv"'
    return response


@require_http_methods(["GET", "POST"])
@permission_required("privacy.manage_retention")
def retention_settings(request: HttpRequest) -> HttpResponse:
    """The beheerder adjusts retention periods, each within its bounds (decision 0011)."""
    if request.method == "POST":
        try:
            for kind in PERIODS:
                if value := request.POST.get(kind, "").strip():
                    retention_set(kind=kind, days=int(value))
        except (RetentionError, ValueError) as error:
            messages.error(
                request,
                str(error) if isinstance(error, RetentionError) else _("Vul hele dagen in."),
            )
        else:
            audit(
                actor=request.user,
                action=AuditAction.CHANGE,
                object_type="privacy.retentionsetting",
                object_id="*",
                reason="retention periods",
            )
            messages.success(request, _("Bewaartermijnen opgeslagen."))
        return redirect("beheer:retention")
    rows = [(kind, period, retention_days(kind)) for kind, period in PERIODS.items()]
    runs = PurgeRun.objects.all()[:10]
    return render(request, "privacy/retention.html", {"rows": rows, "runs": runs})
