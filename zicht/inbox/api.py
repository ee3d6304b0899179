from typing import Any

from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from zicht.accounts.models import Team, User
from zicht.accounts.permissions import can, scope_queryset
from zicht.api.audited import AuditedReadsMixin
from zicht.api.permissions import Policy
from zicht.inbox.models import Conversation, Label, Message
from zicht.inbox.sending import ReplyRefused, reply_create


class ConversationSerializer(serializers.ModelSerializer[Conversation]):
    team: "serializers.SlugRelatedField[Team]" = serializers.SlugRelatedField(
        slug_field="slug", read_only=True
    )
    assigned_to: "serializers.SlugRelatedField[User]" = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    labels: "serializers.SlugRelatedField[Label]" = serializers.SlugRelatedField(
        slug_field="name", many=True, read_only=True
    )

    class Meta:
        model = Conversation
        fields = [
            "id",
            "team",
            "platform",
            "youth",
            "state",
            "assigned_to",
            "labels",
            "is_unread",
            "has_signal",
            "last_inbound_at",
            "last_message_at",
        ]


class MessageSerializer(serializers.ModelSerializer[Message]):
    conversation = serializers.PrimaryKeyRelatedField(queryset=Conversation.objects.all())
    text = serializers.CharField(allow_blank=False, max_length=4096)

    class Meta:
        model = Message
        fields = [
            "id",
            "conversation",
            "direction",
            "source",
            "kind",
            "text",
            "media_url",
            "sent_at",
            "status",
            "status_error",
            "signal_labels",
            "signal_urgency",
            "signal_scores",
            "signal_evidence",
        ]
        read_only_fields = [f for f in fields if f not in ("conversation", "text")]


class ConversationViewSet(AuditedReadsMixin, viewsets.ReadOnlyModelViewSet[Conversation]):
    serializer_class = ConversationSerializer
    audit_object_type = "inbox.conversation"

    def audit_subject(self, obj: Any) -> Any:
        return obj.youth

    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"

    def get_queryset(self) -> Any:
        conversations = scope_queryset(self.request.user, "case.view", Conversation.objects.all())
        if state := self.request.query_params.get("state"):
            conversations = conversations.filter(state=state)
        return (
            conversations.select_related("team", "assigned_to")
            .prefetch_related("labels")
            .order_by("-last_message_at", "-pk")
        )


class MessageViewSet(
    AuditedReadsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet[Message]
):
    """Messages in scope; `?conversation=ID` narrows the list. POST sends a reply (queued,
    sent in the background, within the platform's reply window)."""

    serializer_class = MessageSerializer
    audit_object_type = "inbox.message"
    permission_classes = [IsAuthenticated, Policy]
    read_action = "case.view"
    write_action = "case.change"

    def get_queryset(self) -> Any:
        messages = scope_queryset(self.request.user, "case.view", Message.objects.all())
        if conversation := self.request.query_params.get("conversation"):
            if not conversation.isdigit():
                raise ValidationError({"conversation": ["Geef het id van een gesprek."]})
            messages = messages.filter(conversation_id=int(conversation))
        return messages.order_by("-sent_at", "-pk")

    def create(self, request: Any, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        conversation = serializer.validated_data["conversation"]
        if not can(request.user, "case.change", conversation):
            raise ValidationError({"conversation": ["Onbekend gesprek."]})
        try:
            message = reply_create(
                actor=request.user,
                conversation=conversation,
                text=serializer.validated_data["text"],
            )
        except ReplyRefused as refusal:
            return Response({"detail": str(refusal)}, status=status.HTTP_409_CONFLICT)
        message.refresh_from_db()
        return Response(self.get_serializer(message).data, status=status.HTTP_201_CREATED)
