from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The web shell: layout, home pages per role, health check, security headers."""

    name = "zicht.core"
    label = "core"
    verbose_name = _("Zicht")
