"""Send Messenger messages: the shared Send API rules of messaging_sender apply unchanged."""

from zicht.inbox.channels.messaging_sender import send_text

__all__ = ["send_text"]
