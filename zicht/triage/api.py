from typing import Any, cast

from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from zicht.accounts.models import User
from zicht.accounts.permissions import scope_queryset
from zicht.api.audited import AuditedReadsMixin
from zicht.api.permissions import Policy
from zicht.privacy.audit import AuditAction, audit
from zicht.triage.models import Signal, Suggestion, SuggestionState
from zicht.triage.selectors import signal_list_for_user
from zicht.triage.services import (
    TriageError,
    signal_transition,
    suggestion_confirm,
    suggestion_dismiss,
)
from zicht.triage.workflow import ClosingReason, Status, Urgency


class SuggestionSerializer(serializers.ModelSerializer[Suggestion]):
    status = serializers.SerializerMethodField()
    text = serializers.CharField(read_only=True)

    class Meta:
        model = Suggestion
        fields = [
            "id",
            "status",
            "source",
            "message",
            "observation",
            "labels",
            "urgency",
            "substances",
            "scores",
            "evidence",
            "text",
            "state",
            "created_at",
        ]

    def get_status(self, obj: Suggestion) -> str:
        return "suggested" if obj.state == SuggestionState.PENDING else obj.state


class SignalSerializer(serializers.ModelSerializer[Signal]):
    owner = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]
    neighbourhood = serializers.SlugRelatedField(slug_field="name", read_only=True)  # type: ignore[var-annotated]

    class Meta:
        model = Signal
        fields = [
            "id",
            "status",
            "source",
            "message",
            "observation",
            "categories",
            "substances",
            "urgency",
            "summary",
            "neighbourhood",
            "owner",
            "deadline",
            "closing_reason",
            "created_at",
        ]


class TransitionSerializer(serializers.Serializer[Any]):
    to_status = serializers.ChoiceField(choices=Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    closing_reason = serializers.ChoiceField(
        choices=ClosingReason.choices, required=False, allow_blank=True, default=""
    )


class SignalViewSet(AuditedReadsMixin, viewsets.ReadOnlyModelViewSet[Signal]):
    """Signals in scope (filters: status, category, substance, neighbourhood, owner=me|none,
    urgency). `?status=suggested` lists the detector's pending suggestions instead."""

    serializer_class = SignalSerializer
    audit_object_type = "triage.signal"
    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"
    write_action = "case.change"

    def get_queryset(self) -> Any:
        params = self.request.query_params
        signals = signal_list_for_user(
            user=self.request.user,
            status=params.get("status", ""),
            category=params.get("category", ""),
            substance=params.get("substance", ""),
            neighbourhood=params.get("neighbourhood", ""),
            owner=params.get("owner", ""),
            include_closed=bool(params.get("status")),
        )
        if urgency := params.get("urgency"):
            signals = signals.filter(urgency=urgency)
        return signals.order_by("deadline", "-created_at", "-pk")

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if request.query_params.get("status") == "suggested":
            queue = (
                scope_queryset(request.user, "case.view", Suggestion.objects.all())
                .filter(state=SuggestionState.PENDING)
                .select_related("message", "observation")
                .order_by("-created_at")
            )
            page: Any = self.paginate_queryset(queue)  # type: ignore[arg-type]
            audit(
                actor=request.user,
                action=AuditAction.READ,
                object_type="triage.suggestion",
                object_id="*",
                reason="API list of suggestions",
            )
            return self.get_paginated_response(SuggestionSerializer(page, many=True).data)
        return super().list(request, *args, **kwargs)  # audited by AuditedReadsMixin

    @action(detail=True, methods=["post"], serializer_class=TransitionSerializer)
    def transition(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        data = TransitionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            signal = signal_transition(
                actor=cast(User, request.user), signal=signal, **data.validated_data
            )
        except TriageError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(SignalSerializer(signal).data)


class DecisionSerializer(serializers.Serializer[Any]):
    categories = serializers.ListField(child=serializers.CharField(), required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    substances = serializers.ListField(child=serializers.CharField(), required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class SuggestionViewSet(AuditedReadsMixin, viewsets.ReadOnlyModelViewSet[Suggestion]):
    """The detector's suggestions; a person confirms (optionally corrected) or dismisses."""

    serializer_class = SuggestionSerializer
    audit_object_type = "triage.suggestion"
    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"
    write_action = "case.change"

    def get_queryset(self) -> Any:
        return (
            scope_queryset(self.request.user, "case.view", Suggestion.objects.all())
            .select_related("message", "observation")
            .order_by("-created_at")
        )

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def confirm(self, request: Request, pk: str | None = None) -> Response:
        suggestion = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = {k: v for k, v in data.validated_data.items() if k != "reason"}
        try:
            signal = suggestion_confirm(
                actor=cast(User, request.user), suggestion=suggestion, **fields
            )
        except TriageError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(SignalSerializer(signal).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"], serializer_class=DecisionSerializer)
    def dismiss(self, request: Request, pk: str | None = None) -> Response:
        suggestion = self.get_object()
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            suggestion = suggestion_dismiss(
                actor=cast(User, request.user),
                suggestion=suggestion,
                reason=data.validated_data["reason"],
            )
        except TriageError as error:
            return Response({"detail": str(error)}, status=status.HTTP_409_CONFLICT)
        return Response(SuggestionSerializer(suggestion).data)
