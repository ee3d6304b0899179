from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "zicht.inbox"
    label = "inbox"
    verbose_name = _("Inbox")

    def ready(self) -> None:
        from zicht.inbox.selectors import youth_timeline_contacts, youth_timeline_messages
        from zicht.youth.timeline import register_timeline_source

        register_timeline_source(youth_timeline_messages)
        register_timeline_source(youth_timeline_contacts)
