import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zicht.triage.models import FeedbackExample


class Command(BaseCommand):
    help = (
        "Write every confirmation, correction and dismissal as JSON Lines in the detector's "
        "corpus format (for `zicht detect-eval` and `make model FEEDBACK=file`)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", type=Path, help="file to write (default: standard output)")

    def handle(self, *args: Any, **options: Any) -> None:
        lines = [json.dumps(record, ensure_ascii=False) for record in feedback_records()]
        text = "\n".join(lines) + ("\n" if lines else "")
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote {len(lines)} examples to {options['output']}.")
        else:
            self.stdout.write(text, ending="")


def feedback_records() -> list[dict[str, Any]]:
    return [
        {
            "id": f"feedback-{example.pk}",
            "text": example.text,
            "labels": example.labels,
            "urgency": example.urgency or None,
            "substances": example.substances,
            "help": [],
            "kind": "positive" if example.labels else "hard_negative",
            "voice": f"feedback-{example.verdict}",
        }
        for example in FeedbackExample.objects.order_by("pk")
    ]
