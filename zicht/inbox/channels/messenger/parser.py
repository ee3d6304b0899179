"""Messenger Platform webhooks (`object: page`).

Shape (Meta, "Webhook Events Reference"): entry[].messaging[] with `message` (echoes carry
`is_echo` and have our page as sender), `delivery` (`mids` and/or `watermark`), `read`
(`watermark`), `reaction` and `postback`. Other events (optins, referrals, handovers,
standby) are not conversation messages and are ignored.
"""

from zicht.inbox.channels import messaging
from zicht.inbox.channels.base import Event
from zicht.inbox.channels.reading import JsonObject

KIND = "messenger"

HANDLERS: dict[str, messaging.Handler] = {
    "message": messaging.message,
    "reaction": messaging.reaction,
    "delivery": messaging.delivery,
    "read": messaging.read,
    "postback": messaging.postback,
}


def parse(body: JsonObject) -> list[Event]:
    return messaging.parse_messaging(body, KIND, HANDLERS)
