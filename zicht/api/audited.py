"""Every API read of personal data writes an audit row: one per list, one per record."""

from typing import Any

from zicht.privacy.audit import AuditAction, audit


class AuditedReadsMixin:
    """For DRF viewsets over personal data. `audit_object_type` names the records."""

    audit_object_type = ""
    request: Any

    def list(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().list(request, *args, **kwargs)  # type: ignore[misc]
        count = response.data.get("count") if isinstance(response.data, dict) else None
        audit(
            actor=request.user,
            action=AuditAction.READ,
            object_type=self.audit_object_type,
            object_id="*",
            reason=f"API list, {count} in scope",
        )
        return response

    def get_object(self) -> Any:
        obj = super().get_object()  # type: ignore[misc]
        audit(
            actor=self.request.user,
            action=AuditAction.READ,
            obj=obj,
            subject=self.audit_subject(obj),
        )
        return obj

    def audit_subject(self, obj: Any) -> Any:
        return None
