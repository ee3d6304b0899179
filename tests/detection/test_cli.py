"""The `zicht detect` / `zicht detect-eval` contract, called through ``main``."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from zicht.detection import cli
from zicht.detection.schema import CATEGORIES

ROOT = Path(__file__).resolve().parents[2]


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def run_detect(monkeypatch: pytest.MonkeyPatch, data: bytes) -> tuple[int, list[dict]]:
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    monkeypatch.setattr(sys, "stdout", out)
    status = cli.main(["detect"])
    return status, [json.loads(line) for line in out.getvalue().splitlines()]


def test_each_line_gets_one_result_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [
        {"id": i, "text": t} for i, t in enumerate(["hoi", "kom om 8 uur, neem je mes mee", ""])
    ]
    data = "".join(json.dumps(line) + "\n" for line in lines).encode()
    status, results = run_detect(monkeypatch, data)
    assert status == 0
    assert [r["id"] for r in results] == [0, 1, 2]
    for result in results:
        assert set(result) == {
            "id",
            "labels",
            "urgency",
            "substances",
            "help",
            "scores",
            "evidence",
        }
        assert set(result["scores"]) == set(CATEGORIES)
        assert all(0.0 <= s <= 1.0 for s in result["scores"].values())
        assert (result["urgency"] is None) == (not result["labels"])


def test_evidence_offsets_point_into_the_original_text(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Kom om 8 uur bij Zuidplein, neem je M3S mee 🔪 we gaan hem pakken"
    status, [result] = run_detect(monkeypatch, json.dumps({"id": "x", "text": text}).encode())
    assert status == 0
    for item in result["evidence"]:
        assert text[item["start"] : item["end"]] == item["text"]
        assert item["label"] in result["labels"]


@pytest.mark.parametrize(
    ("line", "expected_id", "message"),
    [
        (b"not json", None, "invalid JSON"),
        (b"[1, 2]", None, "expected a JSON object, got array"),
        (b'"text"', None, "expected a JSON object, got string"),
        (b'{"id": 7}', 7, "missing field 'text'"),
        (b'{"id": 8, "text": null}', 8, "must be a string, got null"),
        (b'{"id": 9, "text": ["a"]}', 9, "must be a string, got array"),
        (b'{"id": 10, "text": "\xff\xfe\x00garbage"}', None, "invalid UTF-8"),
        (b"\x00\x01\x02\x89PNG\r\x1a", None, "invalid"),
    ],
)
def test_bad_lines_yield_a_precise_error_and_the_rest_is_processed(
    monkeypatch: pytest.MonkeyPatch, line: bytes, expected_id: object, message: str
) -> None:
    data = line + b"\n" + b'{"id": "ok", "text": "hallo"}\n'
    status, results = run_detect(monkeypatch, data)
    assert status == 1
    assert results[0]["id"] == expected_id
    assert message in results[0]["error"]
    assert results[1]["id"] == "ok" and "labels" in results[1]


def test_very_long_text_is_an_error_for_that_line_only(monkeypatch: pytest.MonkeyPatch) -> None:
    long_line = json.dumps({"id": 1, "text": "woord " * 20_000}).encode()
    status, results = run_detect(monkeypatch, long_line + b'\n{"id": 2, "text": "hoi"}\n')
    assert status == 1
    assert "too long" in results[0]["error"]
    assert results[1]["id"] == 2 and "labels" in results[1]


def test_oversized_line_is_skipped_without_reading_it_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(cli, "MAX_LINE_BYTES", 1000)
    data = b'{"id": 1, "text": "' + b"a" * 5000 + b'"}\n{"id": 2, "text": "hoi"}\n'
    status, results = run_detect(monkeypatch, data)
    assert status == 1
    assert "line too long" in results[0]["error"]
    assert results[1]["id"] == 2


def test_missing_final_newline_and_blank_lines_are_fine(monkeypatch: pytest.MonkeyPatch) -> None:
    status, results = run_detect(
        monkeypatch, b'\n{"id": 1, "text": "hoi"}\n\n{"id": 2, "text": "hoi"}'
    )
    assert status == 0
    assert [r["id"] for r in results] == [1, 2]


def test_text_option_explains_for_a_person(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["detect", "--text", "kom vanavond om 9 uur bij de metro, neem je mes mee"])
    output = capsys.readouterr().out
    assert status == 0
    assert output.startswith("Tekst: ")
    assert "Hoogste overige scores" in output


def test_detect_eval_prints_the_contract_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "eval.jsonl"
    rows = [
        {
            "id": 1,
            "text": "kom om 8 uur bij de metro, neem je mes mee",
            "labels": ["geweld", "wapens"],
            "urgency": "acuut",
        },
        {"id": 2, "text": "ik ga dood van het lachen", "labels": [], "urgency": None},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    assert cli.main(["detect-eval", str(corpus), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert {"macro_f1", "per_label", "benign_fpr", "acute_recall", "urgency_accuracy"} <= set(
        result
    )
    assert set(result["per_label"]) == set(CATEGORIES)
    assert cli.main(["detect-eval", str(corpus)]) == 0
    assert "macro-F1" in capsys.readouterr().out


def test_detect_eval_reports_a_missing_file(tmp_path: Path) -> None:
    assert cli.main(["detect-eval", str(tmp_path / "nope.jsonl")]) == 2


def test_module_entry_point_runs_without_django_settings() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "zicht.detection", "detect"],
        input=b'{"id": 1, "text": "f i t t i e vanavond"}\nnope\n',
        capture_output=True,
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["id"] == 1 and "labels" in first
    assert second == {"id": None, "error": second["error"]}
