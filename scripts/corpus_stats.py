"""Counts for the corpus datasheet (docs/detection-datasheet.md).

Run from the repository root: ``.venv/bin/python scripts/corpus_stats.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from zicht.detection.corpus import load_corpus  # noqa: E402


def _line(name: str, counter: Counter[str]) -> str:
    return f"{name}: " + ", ".join(f"{k} {v:,}" for k, v in counter.most_common())


def main() -> None:
    examples, stats = load_corpus(ROOT / "data" / "corpus")
    unlabelled = [e for e in examples if not e.labels]
    hard = sum(e.kind == "hard_negative" for e in unlabelled)
    print(f"lines {stats['read']:,}, duplicates {stats['duplicates']}, kept {len(examples):,}")
    print(_line("kinds", Counter(e.kind for e in examples)))
    print(
        f"unlabelled {len(unlabelled):,} ({len(unlabelled) / len(examples):.1%}), "
        f"hard negatives among them {hard:,} ({hard / len(unlabelled):.1%})"
    )
    print(_line("labels", Counter(code for e in examples for code in e.labels)))
    print(f"multi-label {sum(len(e.labels) > 1 for e in examples):,}")
    print(_line("urgency", Counter(e.urgency or "none" for e in examples)))
    print(_line("substances", Counter(s for e in examples for s in e.substances)))
    print(_line("help", Counter(h for e in examples for h in e.help)))
    words = sorted(len(e.text.split()) for e in examples)
    print(f"length: median {words[len(words) // 2]} words, at most {words[-1]}")
    for split in ("train", "dev", "test"):
        items = [e for e in examples if e.split == split]
        print(
            f"{split}: {len(items):,} texts, unlabelled {sum(not e.labels for e in items):,}, "
            f"hard negatives {sum(e.kind == 'hard_negative' for e in items):,}, "
            f"acuut {sum(e.urgency == 'acuut' for e in items)}; "
            + ", ".join(
                f"{c} {n}" for c, n in Counter(x for e in items for x in e.labels).most_common()
            )
        )


if __name__ == "__main__":
    main()
