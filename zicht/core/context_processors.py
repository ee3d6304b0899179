from typing import Any

from django.http import HttpRequest

from zicht.accounts.models import Role


def shell(request: HttpRequest) -> dict[str, Any]:
    user: Any = getattr(request, "user", None)
    role = getattr(user, "role", "") if user is not None and user.is_authenticated else ""
    return {"user_role": role, "user_role_label": Role(role).label if role else ""}
