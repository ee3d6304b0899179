from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from zicht.inbox.webhooks import meta_webhook

urlpatterns = [
    path("", include("zicht.core.urls")),
    path("account/", include("zicht.accounts.urls")),
    path("i18n/taal/", login_not_required(set_language), name="set_language"),
    path("jongeren/", include("zicht.youth.urls")),
    path("inbox/", include("zicht.inbox.urls")),
    path("waarnemingen/", include("zicht.observations.urls")),
    path("signalen/", include("zicht.triage.urls")),
    path("webhooks/meta/", meta_webhook, name="webhook-meta"),
    path("beheer/", include("zicht.inbox.admin_urls")),
    path("api/", include("zicht.api.urls")),
]
