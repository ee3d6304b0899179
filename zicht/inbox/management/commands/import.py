from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import Team
from zicht.inbox.importing import PLATFORMS, export_read, export_save
from zicht.inbox.imports import ExportError


class Command(BaseCommand):
    help = (
        "Import a chat export into a team. The participant called NAME (--me) is the youth "
        "worker; every other participant is a young person's handle."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("platform", choices=PLATFORMS)
        parser.add_argument("path", type=Path)
        parser.add_argument("--team", required=True)
        parser.add_argument("--me", required=True, help="your name as it appears in the export")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        team = Team.objects.filter(name=options["team"]).first()
        if team is None:
            raise CommandError(f"No team called {options['team']!r}.")
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            source: Any = path if path.is_dir() else path.read_bytes()
            conversations = export_read(
                platform=options["platform"], source=source, filename=path.name
            )
            result = export_save(
                actor=None, team=team, conversations=conversations, me=options["me"]
            )
        except ExportError as error:
            raise CommandError(f"Nothing imported: {error}") from error
        self.stdout.write(
            f"Added {result.added} messages, skipped {result.skipped} already imported "
            f"({result.not_imported_lines} system or unreadable lines not imported)."
        )
