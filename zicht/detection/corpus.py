"""The labelled corpus (``data/corpus/*.jsonl``) and its fixed train/dev/test split.

A text's split follows from a SHA-256 hash of its id, so adding texts never moves existing
ones between splits. Exact duplicate texts (after normalisation) are kept once, in the
first file and line order, so that no text can sit in both train and test.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from zicht.detection.normalise import normalise

SPLIT_BOUNDS = (("train", 70), ("dev", 85), ("test", 100))


@dataclass(frozen=True)
class Example:
    id: str
    text: str
    labels: tuple[str, ...]
    urgency: str | None
    substances: tuple[str, ...]
    help: tuple[str, ...]
    kind: str
    voice: str
    source: str

    @property
    def split(self) -> str:
        return split_of(self.id)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "labels": list(self.labels),
            "urgency": self.urgency,
            "substances": list(self.substances),
            "help": list(self.help),
            "kind": self.kind,
            "voice": self.voice,
        }


def split_of(identifier: str) -> str:
    bucket = int(hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8], 16) % 100
    return next(name for name, bound in SPLIT_BOUNDS if bucket < bound)


def fold_of(identifier: str, folds: int) -> int:
    """The cross-fitting fold of a train or dev text, fixed by its id like its split."""
    return int(hashlib.sha256(f"fold:{identifier}".encode()).hexdigest()[:8], 16) % folds


def example_from(record: dict[str, Any], source: str) -> Example:
    return Example(
        id=str(record["id"]),
        text=str(record["text"]),
        labels=tuple(record.get("labels") or ()),
        urgency=record.get("urgency"),
        substances=tuple(record.get("substances") or ()),
        help=tuple(record.get("help") or ()),
        kind=str(record.get("kind") or ""),
        voice=str(record.get("voice") or ""),
        source=source,
    )


def read_jsonl(path: Path) -> tuple[list[dict[str, Any]], int]:
    """Records of a JSON Lines file and the number of unreadable lines."""
    records: list[dict[str, Any]] = []
    broken = 0
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                broken += 1
                continue
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                records.append(record)
            else:
                broken += 1
    return records, broken


def _part_order(path: Path) -> tuple[int, str]:
    """Parts in numeric order (c2 before c10), anything else after them: an older part's
    copy of a duplicate wins, so adding a part never moves an existing text."""
    match = re.fullmatch(r"c(\d+)", path.stem)
    return (int(match.group(1)) if match else 1_000_000, path.stem)


def load_corpus(directory: Path) -> tuple[list[Example], dict[str, int]]:
    """All examples of ``c*.jsonl`` in ``directory``, deduplicated, plus counts."""
    examples: list[Example] = []
    seen: set[str] = set()
    stats = {"read": 0, "broken": 0, "duplicates": 0}
    for path in sorted(directory.glob("c*.jsonl"), key=_part_order):
        records, broken = read_jsonl(path)
        stats["broken"] += broken
        for record in records:
            stats["read"] += 1
            key = normalise(record["text"]).text
            if key in seen:
                stats["duplicates"] += 1
                continue
            seen.add(key)
            examples.append(example_from(record, path.stem))
    return examples, stats
