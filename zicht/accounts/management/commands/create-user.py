import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import Role
from zicht.accounts.services import AccountError, user_create


class Command(BaseCommand):
    help = (
        "Create a user with one role. The password is read from standard input; without one "
        "the user can only use API tokens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, help=f"one of: {', '.join(Role.values)}")
        parser.add_argument("--team", action="append", default=[], help="team name (repeatable)")
        parser.add_argument("--partner", help="partner organisation (role partner only)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = self.read_password()
        try:
            user = user_create(
                username=options["username"],
                role=options["role"],
                password=password,
                team_names=tuple(options["team"]),
                partner_name=options["partner"],
            )
        except AccountError as error:
            raise CommandError(str(error)) from error
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from error
        login = "password" if password else "API tokens only"
        self.stdout.write(f"Created {user.username} ({user.role}, {login}).")

    @staticmethod
    def read_password() -> str:
        if sys.stdin is None or sys.stdin.isatty():
            import getpass

            return getpass.getpass("Password (empty: API tokens only): ")
        return sys.stdin.readline().rstrip("\r\n")
