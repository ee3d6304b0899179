"""Instagram Messaging webhooks (`object: instagram`).

Shape (Meta, "Webhooks for Instagram Messaging"): entry[].messaging[] with `message`
(text, attachments, `is_echo`, `reply_to.story` for story replies, `story_mention`
attachments, `is_deleted`, `is_unsupported`), `reaction`, `read` (messaging_seen, by mid)
and `postback`. Comment and mention changes (entry[].changes) are not messages: ignored.
"""

from zicht.inbox.channels import messaging
from zicht.inbox.channels.base import Event
from zicht.inbox.channels.reading import JsonObject

KIND = "instagram"

HANDLERS: dict[str, messaging.Handler] = {
    "message": messaging.message,
    "reaction": messaging.reaction,
    "read": messaging.read,
    "postback": messaging.postback,
}


def parse(body: JsonObject) -> list[Event]:
    return messaging.parse_messaging(body, KIND, HANDLERS)
