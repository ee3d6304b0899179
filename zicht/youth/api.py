from typing import Any, cast

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated

from zicht.accounts.models import Neighbourhood, Team, User
from zicht.accounts.permissions import scope_queryset
from zicht.api.audited import AuditedReadsMixin
from zicht.api.permissions import Policy
from zicht.youth.models import AgeBand, ConsentState, Handle, LifeDomain, Platform, Youth
from zicht.youth.services import YouthError, youth_create, youth_update


@extend_schema_field(OpenApiTypes.STR)
class NeighbourhoodField(serializers.RelatedField[Neighbourhood, str, str]):
    """A wijk by name or slug (contracts.md), e.g. "Tarwewijk"."""

    def get_queryset(self) -> Any:
        return Neighbourhood.objects.all()

    def to_representation(self, value: Any) -> str:
        return str(value.name)

    def to_internal_value(self, data: Any) -> Neighbourhood:
        found = Neighbourhood.objects.filter(name__iexact=str(data)).first() or (
            Neighbourhood.objects.filter(slug=str(data)).first()
        )
        if found is None:
            raise serializers.ValidationError(f"Onbekende wijk {data!r}.")
        return found


class HandleSerializer(serializers.ModelSerializer[Handle]):
    platform = serializers.ChoiceField(choices=Platform.choices)

    class Meta:
        model = Handle
        fields = ["platform", "value"]


class YouthSerializer(serializers.ModelSerializer[Youth]):
    team = serializers.SlugRelatedField(
        slug_field="slug", queryset=Team.objects.all(), required=False
    )
    neighbourhood = NeighbourhoodField(required=False, allow_null=True)
    age_band = serializers.ChoiceField(choices=AgeBand.choices, required=False)
    consent = serializers.ChoiceField(choices=ConsentState.choices, required=False)
    life_domains = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices), required=False
    )
    help_questions = serializers.ListField(
        child=serializers.ChoiceField(choices=LifeDomain.choices), required=False
    )
    handles = HandleSerializer(many=True, required=False)

    class Meta:
        model = Youth
        fields = [
            "id",
            "team",
            "nickname",
            "age_band",
            "neighbourhood",
            "life_domains",
            "help_questions",
            "talents",
            "consent",
            "offline_note",
            "handles",
            "is_provisional",
            "created_at",
            "last_contact_at",
        ]
        read_only_fields = ["id", "is_provisional", "created_at", "last_contact_at"]


class YouthViewSet(
    AuditedReadsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Youth],
):
    """Pseudonymous youth profiles of the user's teams. Every read is audited."""

    serializer_class = YouthSerializer
    audit_object_type = "youth.youth"

    def audit_subject(self, obj: Any) -> Any:
        return obj

    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"
    write_action = "case.change"
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        profiles = scope_queryset(self.request.user, "case.view", Youth.objects.all())
        return (
            profiles.select_related("team", "neighbourhood")
            .prefetch_related("handles")
            .order_by("pk")
        )

    def perform_create(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        user = cast(User, self.request.user)
        team = data.pop("team", None) or self._only_team()
        if not user.teams.filter(pk=team.pk).exists():
            raise ValidationError({"team": ["Je bent geen lid van dit team."]})
        handles = [(h["platform"], h["value"]) for h in data.pop("handles", [])]
        try:
            with transaction.atomic():
                serializer.instance = youth_create(actor=user, team=team, handles=handles, **data)
        except YouthError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error

    def perform_update(self, serializer: Any) -> None:
        data = dict(serializer.validated_data)
        if "team" in data or "handles" in data:
            raise ValidationError({"team": ["Team en accounts wijzig je niet via dit veld."]})
        try:
            youth_update(actor=cast(User, self.request.user), youth=serializer.instance, **data)
        except YouthError as error:
            raise ValidationError({"non_field_errors": [str(error)]}) from error

    def _only_team(self) -> Team:
        teams = list(cast(User, self.request.user).teams.all()[:2])
        if len(teams) != 1:
            raise ValidationError(
                {"team": ["Geef het team op (slug): je zit in meer dan één team of in geen."]}
            )
        return teams[0]
