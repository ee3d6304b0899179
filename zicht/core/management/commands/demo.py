from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.core.demo import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
    demo_current_code,
    demo_load,
)


class Command(BaseCommand):
    help = "Load the demo data (idempotent) and print the demo logins. Needs ZICHT_DEMO=1."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--logins", action="store_true", help="only print the demo logins")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO:
            raise CommandError(
                "Demo data has known passwords and is only for trying Zicht: "
                "set ZICHT_DEMO=1 (and DEBUG=1). Never do this in production."
            )
        if not options["logins"]:
            users = demo_load()
            self.stdout.write(f"Demo data ready: {len(users)} users, teams for Rotterdam-Zuid.")
        self.print_logins()

    def print_logins(self) -> None:
        write = self.stdout.write
        write("")
        write("Demo logins (fictional people) at http://127.0.0.1:8000")
        write(f"  password for every demo user: {DEMO_PASSWORD}")
        write(f"  TOTP secret for every demo user (authenticator app): {DEMO_TOTP_SECRET}")
        write(f"  code right now: {demo_current_code()} (changes every 30 seconds)")
        for spec in DEMO_USERS:
            where = ", ".join(spec.teams) or spec.partner or "-"
            write(f"  {spec.username:<24} {spec.role.value:<15} {where}")
        write("")
