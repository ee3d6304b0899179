import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.privacy.subject import subject_export
from zicht.youth.models import Youth


class Command(BaseCommand):
    help = "Export everything about one young person (GDPR access request) as a zip."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("youth_id", type=int)
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        youth = Youth.objects.filter(pk=options["youth_id"]).first()
        if youth is None:
            raise CommandError(f"No young person with id {options['youth_id']}.")
        with (
            subject_export(actor=None, youth=youth) as archive,
            options["output"].open("wb") as out,
        ):
            shutil.copyfileobj(archive, out)
        self.stdout.write(f"Wrote {options['output']}.")
