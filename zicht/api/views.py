from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from zicht.accounts.models import User
from zicht.api.serializers import MeSerializer


class MeView(APIView):
    """The current user: username, role and teams."""

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        me = User.objects.prefetch_related("teams__neighbourhoods").get(pk=request.user.pk or 0)
        return Response(MeSerializer(me).data)


@login_not_required
def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    return JsonResponse({"detail": _("Deze API-route bestaat niet.")}, status=404)
