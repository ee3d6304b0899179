"""Send Instagram messages (see messaging_sender for the shared Send API rules)."""

from zicht.inbox.channels import messaging_sender
from zicht.inbox.channels.graph import SendResult


def send_text(
    *,
    base_url: str,
    token: str,
    account_id: str,
    recipient_id: str,
    text: str,
    human_agent: bool = False,
    timeout: float = 10.0,
) -> SendResult:
    return messaging_sender.send_text(
        base_url=base_url,
        token=token,
        account_id=account_id,
        recipient_id=recipient_id,
        text=text,
        human_agent=human_agent,
        timeout=timeout,
    )
