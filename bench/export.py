"""Data-subject export of a very large profile (issue 6: "streams rather than exhausting
memory"): peak Python memory while exporting N messages, and the zip's size. Writes
bench/results/export.json."""

import json
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MESSAGES = int(os.environ.get("BENCH_EXPORT_MESSAGES", "50000"))


def main() -> None:
    data_dir = tempfile.mkdtemp(prefix="zicht-bench-export-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="zicht.settings",
        DEBUG="1",
        ZICHT_DATA_DIR=data_dir,
        ZICHT_INPROCESS_JOBS="sync",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from zicht.accounts.services import team_get_or_create
    from zicht.inbox.models import Conversation, Message
    from zicht.privacy.subject import subject_export
    from zicht.youth.models import Youth

    team = team_get_or_create(name="Bench")
    youth = Youth.objects.create(team=team, nickname="Groot dossier")
    conversation = Conversation.objects.create(
        team=team, platform="whatsapp", contact_id="1", youth=youth
    )
    now = timezone.now()
    text = (
        "een bericht van gemiddelde lengte, met wat woorden erin om het realistisch te maken " * 2
    )
    Message.objects.bulk_create(
        [
            Message(
                conversation=conversation,
                team=team,
                direction="in",
                source="import",
                text=text,
                sent_at=now,
            )
            for _ in range(MESSAGES)
        ],
        batch_size=5000,
    )
    tracemalloc.start()
    started = time.perf_counter()
    with subject_export(actor=None, youth=youth) as archive:
        archive.seek(0, 2)
        size = archive.tell()
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result = {
        "messages": MESSAGES,
        "export_seconds": round(seconds, 2),
        "peak_python_memory_mb": round(peak / 1e6, 1),
        "zip_mb": round(size / 1e6, 2),
        "raw_text_mb": round(MESSAGES * len(text) / 1e6, 1),
    }
    out = ROOT / "bench" / "results" / "export.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
