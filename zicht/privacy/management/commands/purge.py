from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zicht.privacy.retention import PERIODS, purge, retention_days


class Command(BaseCommand):
    help = "Apply the retention policy now: delete what is kept longer than its period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only show what would go")

    def handle(self, *args: Any, **options: Any) -> None:
        run = purge(dry_run=options["dry_run"])
        verb = "would delete" if run.dry_run else "deleted"
        for kind, count in run.counts.items():
            days = retention_days(kind)
            self.stdout.write(f"{kind:<22} kept {days:>4} days  {verb} {count}")
        if not any(run.counts.values()):
            self.stdout.write(
                f"Nothing {'to delete' if run.dry_run else 'deleted'} ({', '.join(PERIODS)})."
            )
