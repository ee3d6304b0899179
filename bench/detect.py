"""Benchmark of the signal detector: texts/s of ``detect_many``, model load time, peak RSS.

Run from the repository root: ``.venv/bin/python bench/detect.py``. One process, pinned to
one core where the OS allows it, BLAS limited to one thread. Texts are the corpus texts of
5–40 words (cycled to ``--texts``). Also evaluates the test split and writes both results
to ``bench/results/``, and the functional challenge set to ``detect-challenge.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

# Before numpy is imported (lazily, below): one core means one BLAS thread too.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pin_to_one_core() -> bool:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return True
    return False


def sample_texts(count: int) -> list[str]:
    from zicht.detection.corpus import load_corpus

    examples, _ = load_corpus(ROOT / "data" / "corpus")
    texts = [e.text for e in examples if 5 <= len(e.text.split()) <= 40]
    return [texts[i % len(texts)] for i in range(count)]


def measure_load() -> float:
    from zicht.detection import engine, lexicon, model

    start = time.perf_counter()
    model.get_model()
    lexicon.get_lexicon()
    engine.get_config()
    return time.perf_counter() - start


def measure_cold_start() -> float:
    """A fresh process: interpreter, imports (numpy, scipy, pyahocorasick) and model load."""
    code = "import zicht.detection as d; d.detect('hoi')"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
    return time.perf_counter() - start


def measure_throughput(texts: list[str], rounds: int) -> float:
    from zicht.detection import detect_many

    detect_many(texts[:512])  # warm-up
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        detect_many(texts)
        best = max(best, len(texts) / (time.perf_counter() - start))
    return best


def evaluate_test_split() -> dict[str, object]:
    from zicht.detection import detect_many
    from zicht.detection.corpus import load_corpus
    from zicht.detection.evaluate import evaluate

    examples, _ = load_corpus(ROOT / "data" / "corpus")
    test = [e for e in examples if e.split == "test"]
    result = evaluate([e.as_dict() for e in test], detect_many([e.text for e in test]))
    return {"split": "test", **result}


def evaluate_challenge() -> dict[str, object] | None:
    """The functional challenge set (``data/challenge/``): evaluation only, never trained on."""
    from zicht.detection import detect_many
    from zicht.detection.corpus import read_jsonl
    from zicht.detection.evaluate import evaluate

    path = ROOT / "data" / "challenge" / "functional.jsonl"
    if not path.exists():
        return None
    records, _ = read_jsonl(path)
    return {"set": "challenge", **evaluate(records, detect_many([r["text"] for r in records]))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pinned = pin_to_one_core()
    load_seconds = measure_load()
    texts = sample_texts(args.texts)
    throughput = measure_throughput(texts, args.rounds)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "texts_per_second": round(throughput, 1),
        "model_load_seconds": round(load_seconds, 3),
        "cold_start_seconds": round(measure_cold_start(), 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "texts": len(texts),
        "words_per_text": "5-40",
        "pinned_to_one_core": pinned,
        "python": platform.python_version(),
        "targets": {"texts_per_second": 5000, "model_load_seconds": 1.0, "peak_rss_mb": 300},
    }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "detect.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    evaluation = evaluate_test_split()
    (results / "detect-eval.json").write_text(
        json.dumps(evaluation, indent=2) + "\n", encoding="utf-8"
    )
    challenge = evaluate_challenge()
    if challenge is not None:
        (results / "detect-challenge.json").write_text(
            json.dumps(challenge, indent=2) + "\n", encoding="utf-8"
        )
    print(json.dumps(result, indent=2))
    print(
        json.dumps(
            {
                k: evaluation[k]
                for k in ("macro_f1", "benign_fpr", "acute_recall", "urgency_accuracy")
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
