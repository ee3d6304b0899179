"""``zicht detect`` and ``zicht detect-eval`` (see docs/shared contracts).

``main(["detect", ...])`` reads JSON Lines from standard input as bytes, so one line of
invalid UTF-8 or binary garbage becomes an error object for that line and the rest is still
processed. Lines are read with a size cap, so a gigantic line cannot exhaust memory.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from zicht.detection.explain_text import describe
from zicht.detection.schema import Detection

MAX_LINE_BYTES = 1_000_000


def _read_lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """Lines without their newline; ``None`` for a line longer than ``MAX_LINE_BYTES``."""
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE_BYTES)
            yield None
            continue
        yield line.rstrip(b"\r\n")


def parse_line(raw: bytes | None) -> tuple[Any, str | None, str | None]:
    """``(id, text, error)`` for one input line."""
    if raw is None:
        return None, None, f"line too long (more than {MAX_LINE_BYTES} bytes)"
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return None, None, f"invalid UTF-8 at byte {error.start}"
    try:
        record = json.loads(decoded)
    except (json.JSONDecodeError, RecursionError) as error:
        message = getattr(error, "msg", "nesting too deep")
        return None, None, f"invalid JSON: {message}"
    if not isinstance(record, dict):
        return None, None, f"expected a JSON object, got {_json_type(record)}"
    identifier = record.get("id")
    if "text" not in record:
        return identifier, None, "missing field 'text'"
    if not isinstance(record["text"], str):
        return identifier, None, f"field 'text' must be a string, got {_json_type(record['text'])}"
    return identifier, record["text"], None


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")


def _detect_one(text: str) -> Detection:
    from zicht.detection.engine import detect

    return detect(text)


def run_detect(stdin: IO[bytes], stdout: IO[str]) -> int:
    from zicht.detection.engine import DetectionInputError

    failed = False
    for raw in _read_lines(stdin):
        if raw is not None and not raw.strip():
            continue
        identifier, text, error = parse_line(raw)
        if text is not None:
            try:
                output: dict[str, Any] = {"id": identifier, **_detect_one(text).as_dict()}
            except DetectionInputError as problem:
                error = str(problem)
        if error is not None:
            failed = True
            output = {"id": identifier, "error": error}
        stdout.write(json.dumps(output, ensure_ascii=False) + "\n")
        stdout.flush()
    return 1 if failed else 0


def run_eval(path: Path, as_json: bool, stdout: IO[str], stderr: IO[str]) -> int:
    from zicht.detection.corpus import read_jsonl
    from zicht.detection.engine import detect_many
    from zicht.detection.evaluate import evaluate, format_report

    if not path.is_file():
        stderr.write(f"zicht detect-eval: no such file: {path}\n")
        return 2
    records, broken = read_jsonl(path)
    if broken:
        stderr.write(f"zicht detect-eval: skipped {broken} unreadable line(s)\n")
    if not records:
        stderr.write("zicht detect-eval: no labelled texts to evaluate\n")
        return 2
    result = evaluate(records, detect_many([r["text"][:20_000] for r in records]))
    stdout.write((json.dumps(result, indent=2) if as_json else format_report(result)) + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="zicht")
    commands = parser.add_subparsers(dest="command", required=True)
    detect = commands.add_parser("detect", help="detect signals in JSON Lines from stdin")
    detect.add_argument("--text", help="explain the detection of one text for a person")
    evaluate = commands.add_parser("detect-eval", help="evaluate on a labelled JSON Lines file")
    evaluate.add_argument("file", type=Path)
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str]) -> int:
    """Entry point; ``argv[0]`` is ``detect`` or ``detect-eval``. Returns the exit status."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if args.command == "detect-eval":
        return run_eval(args.file, args.json, sys.stdout, sys.stderr)
    if args.text is not None:
        return _explain(args.text)
    return run_detect(sys.stdin.buffer, sys.stdout)


def _explain(text: str) -> int:
    from zicht.detection.engine import DetectionInputError

    try:
        sys.stdout.write(describe(text, _detect_one(text)) + "\n")
    except DetectionInputError as problem:
        sys.stderr.write(f"zicht detect: {problem}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
