"""The one place where the inbox asks the signal detector about a text."""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class MessageSignal:
    labels: list[str]
    urgency: str
    scores: dict[str, float]
    evidence: list[dict[str, Any]]
    extra: dict[str, Any] = field(default_factory=dict)


def classify_text(text: str) -> MessageSignal:
    from zicht.detection import detect

    result = detect(text).as_dict()
    return MessageSignal(
        labels=list(result["labels"]),
        urgency=result["urgency"] or "",
        scores=dict(result["scores"]),
        evidence=list(result["evidence"]),
        extra={"substances": result["substances"], "help": result["help"]},
    )
