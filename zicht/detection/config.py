"""Decision thresholds, read from ``config.yaml`` next to this file.

``python -m zicht.detection.train`` rewrites the file with thresholds tuned on the dev
split; a reviewer may edit them by hand to trade precision for recall.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

CONFIG_PATH = Path(__file__).parent / "config.yaml"


@dataclass(frozen=True)
class Config:
    categories: dict[str, float]
    substances: dict[str, float]
    help: dict[str, float]
    acute_threshold: float
    rescue_threshold: float
    rescue_floor: float
    hoog_margin: float
    cue_rules: bool
    max_chars: int


def parse_config(data: dict[str, Any]) -> Config:
    thresholds = data["thresholds"]
    urgency = data["urgency"]
    return Config(
        categories={k: float(v) for k, v in thresholds["categories"].items()},
        substances={k: float(v) for k, v in thresholds["substances"].items()},
        help={k: float(v) for k, v in thresholds["help"].items()},
        acute_threshold=float(urgency["acute_threshold"]),
        rescue_threshold=float(urgency["rescue_threshold"]),
        rescue_floor=float(urgency["rescue_floor"]),
        hoog_margin=float(urgency["hoog_margin"]),
        cue_rules=bool(urgency["cue_rules"]),
        max_chars=int(data["limits"]["max_chars"]),
    )


def load_config(path: Path = CONFIG_PATH) -> Config:
    with path.open(encoding="utf-8") as handle:
        return parse_config(yaml.safe_load(handle))


_LOCK = threading.Lock()
_CACHE: list[Config] = []


def get_config() -> Config:
    if not _CACHE:
        with _LOCK:
            if not _CACHE:
                _CACHE.append(load_config())
    return _CACHE[0]
