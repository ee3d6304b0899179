"""The corpus loader and its fixed, hash-based split."""

import json
from pathlib import Path

from zicht.detection.corpus import fold_of, load_corpus, split_of


def test_split_depends_only_on_the_id() -> None:
    assert split_of("c1-0001") == split_of("c1-0001")
    names = [split_of(f"x-{i}") for i in range(4000)]
    shares = {name: names.count(name) / len(names) for name in ("train", "dev", "test")}
    assert abs(shares["train"] - 0.70) < 0.03
    assert abs(shares["dev"] - 0.15) < 0.03
    assert abs(shares["test"] - 0.15) < 0.03


def test_folds_depend_only_on_the_id_and_spread_evenly_within_a_split() -> None:
    assert fold_of("c1-0001", 5) == fold_of("c1-0001", 5)
    ids = [f"x-{i}" for i in range(8000) if split_of(f"x-{i}") == "train"]
    folds = [fold_of(identifier, 5) for identifier in ids]
    assert all(abs(folds.count(k) / len(folds) - 0.2) < 0.03 for k in range(5))


def test_duplicates_are_kept_once_and_broken_lines_counted(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "text": "Neem je MES mee", "labels": ["wapens"], "urgency": "hoog"},
        {"id": "b", "text": "neem  je mes MEE", "labels": ["wapens"], "urgency": "hoog"},
        {"id": "c", "text": "hoi", "labels": [], "urgency": None},
    ]
    lines = [json.dumps(r) for r in rows] + ["not json", json.dumps({"id": "d"})]
    (tmp_path / "c1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "notes.jsonl").write_text("ignored\n", encoding="utf-8")
    examples, stats = load_corpus(tmp_path)
    assert [e.id for e in examples] == ["a", "c"]
    assert stats == {"read": 3, "broken": 2, "duplicates": 1}


def test_an_older_part_keeps_its_copy_of_a_duplicate(tmp_path: Path) -> None:
    def part(name: str, identifier: str) -> None:
        row = {"id": identifier, "text": "wie heeft ballonnen", "labels": [], "urgency": None}
        (tmp_path / f"{name}.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")

    part("c10", "c10-0001")
    part("c2", "c2-0001")
    part("c-feedback", "fb-1")
    examples, stats = load_corpus(tmp_path)
    assert [e.id for e in examples] == ["c2-0001"]
    assert stats["duplicates"] == 2
