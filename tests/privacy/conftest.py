"""Fixtures shared by the privacy tests."""

import pytest
from django.utils import timezone

from tests.conftest import Personas
from zicht.inbox.models import Conversation, Message
from zicht.youth.models import Youth
from zicht.youth.services import youth_create

SAM_MESSAGE = "kun je me helpen met mn cv"


@pytest.fixture
def sam(personas: Personas, team) -> Youth:
    """A young person with one Instagram handle and one incoming message."""
    youth = youth_create(
        actor=personas.worker, team=team, nickname="Sam", handles=[("instagram", "sam_010")]
    )
    conversation = Conversation.objects.create(
        team=team, platform="instagram", contact_id="1", youth=youth
    )
    Message.objects.create(
        conversation=conversation,
        team=team,
        direction="in",
        source="webhook",
        text=SAM_MESSAGE,
        sent_at=timezone.now(),
    )
    return youth
