import secrets

from django.db import transaction
from django.utils import timezone

from zicht.accounts.models import User
from zicht.api.models import ApiToken, token_digest
from zicht.privacy.audit import AuditAction, audit


def api_token_issue(*, user: User, actor: User | None = None) -> str:
    """Create a token for `user` and return its key; the key itself is never stored."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=user, digest=token_digest(key), prefix=key[:8])
        audit(actor=actor, action=AuditAction.CREATE, obj=token, reason=f"API token for {user}")
    return key


def api_token_revoke(*, token: ApiToken, actor: User | None = None) -> None:
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit(actor=actor, action=AuditAction.CHANGE, obj=token, reason="API token revoked")
