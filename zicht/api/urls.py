from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from zicht.api import views
from zicht.inbox.api import ConversationViewSet, MessageViewSet
from zicht.observations.api import ObservationViewSet
from zicht.triage.api import SignalViewSet, SuggestionViewSet
from zicht.youth.api import YouthViewSet

router = SimpleRouter()
router.register("youth", YouthViewSet, basename="youth")
router.register("conversations", ConversationViewSet, basename="conversation")
router.register("messages", MessageViewSet, basename="message")
router.register("observations", ObservationViewSet, basename="observation")
router.register("signals", SignalViewSet, basename="signal")
router.register("suggestions", SuggestionViewSet, basename="suggestion")

v1 = [
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
]

urlpatterns = [
    path("v1/", include((v1, "api"), namespace="v1")),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    re_path(r"^(?P<path>.*)$", views.not_found),
]
