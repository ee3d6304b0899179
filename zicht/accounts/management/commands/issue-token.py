from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.accounts.models import User
from zicht.api.services import api_token_issue


class Command(BaseCommand):
    help = "Print a new API token for USERNAME, and nothing else."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user called {options['username']!r}.")
        self.stdout.write(api_token_issue(user=user))
