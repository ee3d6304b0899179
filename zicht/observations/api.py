from typing import Any, cast

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.models import User
from zicht.api.audited import AuditedReadsMixin
from zicht.api.permissions import Policy
from zicht.observations.models import Observation, ObservationKind, ObservationPlatform
from zicht.observations.selectors import observation_list_for_user
from zicht.observations.services import ObservationError, observation_create
from zicht.youth.api import NeighbourhoodField
from zicht.youth.models import LifeDomain


class ObservationSerializer(serializers.ModelSerializer[Observation]):
    platform = serializers.ChoiceField(choices=ObservationPlatform.choices)
    kind = serializers.ChoiceField(choices=ObservationKind.choices)
    neighbourhood = NeighbourhoodField(required=False, allow_null=True)
    themes = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices), required=False
    )
    suggestion = serializers.SerializerMethodField()

    class Meta:
        model = Observation
        fields = [
            "id",
            "platform",
            "kind",
            "text",
            "neighbourhood",
            "themes",
            "observed_at",
            "signal_labels",
            "signal_urgency",
            "signal_scores",
            "signal_evidence",
            "suggestion",
        ]
        read_only_fields = [
            "id",
            "observed_at",
            "signal_labels",
            "signal_urgency",
            "signal_scores",
            "signal_evidence",
        ]

    def get_suggestion(self, obj: Observation) -> dict[str, Any] | None:
        suggestion = getattr(obj, "suggestion", None)
        if suggestion is None:
            return None
        return {
            "id": suggestion.pk,
            "status": "suggested" if suggestion.state == "pending" else suggestion.state,
            "labels": suggestion.labels,
            "urgency": suggestion.urgency,
            "substances": suggestion.substances,
            "evidence": suggestion.evidence,
        }


class ObservationViewSet(
    AuditedReadsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Observation]
):
    """Observations of the user's teams. Creating one runs the detector and returns its
    suggestion."""

    serializer_class = ObservationSerializer
    audit_object_type = "observations.observation"
    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"
    write_action = "case.change"

    def get_queryset(self) -> Any:
        return (
            observation_list_for_user(user=self.request.user)
            .select_related("suggestion")
            .order_by("-observed_at", "-pk")
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        user = cast(User, request.user)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        team = user.teams.first()
        if team is None:
            raise ValidationError({"team": ["Je bent geen lid van een team."]})
        try:
            observation = observation_create(author=user, team=team, **serializer.validated_data)
        except ObservationError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error
        observation = self.get_queryset().get(pk=observation.pk)
        return Response(self.get_serializer(observation).data, status=status.HTTP_201_CREATED)
