"""The detector's vocabulary and result types (codes follow docs/taxonomy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CATEGORIES: tuple[str, ...] = (
    "geweld",
    "wapens",
    "exposing",
    "pesten",
    "middelen",
    "mentaal",
    "uitbuiting",
    "criminaliteit",
    "radicalisering",
    "geld",
    "thuis",
)
URGENCIES: tuple[str, ...] = ("acuut", "hoog", "normaal", "laag")
SUBSTANCES: tuple[str, ...] = (
    "lachgas",
    "shisha",
    "lean",
    "cannabis",
    "alcohol",
    "xtc",
    "cocaine",
    "snus",
    "overig",
)
HELP_DOMAINS: tuple[str, ...] = (
    "werk",
    "stage",
    "school",
    "geld",
    "wonen",
    "gezondheid",
    "justitie",
    "vrije_tijd",
)


@dataclass(frozen=True)
class Evidence:
    """A span of the original text that drove a label; ``text == original[start:end]``."""

    label: str
    text: str
    start: int
    end: int

    def as_dict(self) -> dict[str, Any]:
        return {"label": self.label, "text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Detection:
    """Everything the detector says about one text."""

    labels: list[str]
    urgency: str | None
    substances: list[str] = field(default_factory=list)
    help: list[str] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "labels": list(self.labels),
            "urgency": self.urgency,
            "substances": list(self.substances),
            "help": list(self.help),
            "scores": dict(self.scores),
            "evidence": [item.as_dict() for item in self.evidence],
        }
