from typing import Any

from django.core.management.base import BaseCommand, CommandError

from zicht.privacy.chain import chain_verify


class Command(BaseCommand):
    help = "Check the audit log's hash chain; exit 1 when a record was changed or removed."

    def handle(self, *args: Any, **options: Any) -> None:
        report = chain_verify()
        if not report.intact:
            raise CommandError(
                f"Audit log tampered with: record {report.broken_at} ({report.reason}); "
                f"{report.checked} records before it are intact."
            )
        self.stdout.write(f"Audit log intact: {report.checked} records checked.")
