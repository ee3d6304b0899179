import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from zicht.inbox.services import ChannelError, channel_create


class Command(BaseCommand):
    help = (
        "Register a Meta channel (WhatsApp phone-number id, Instagram account id, Facebook page "
        "id) and bind it to a team. The access token is read from the environment variable "
        "ZICHT_CHANNEL_TOKEN when set (never from the command line, where it would be logged)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["whatsapp", "instagram", "messenger"])
        parser.add_argument("external_id")
        parser.add_argument("--team", required=True)
        parser.add_argument("--name", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            channel = channel_create(
                actor=None,
                kind=options["kind"],
                external_id=options["external_id"],
                team_name=options["team"],
                name=options["name"],
                access_token=os.environ.get("ZICHT_CHANNEL_TOKEN", ""),
            )
        except (ChannelError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from error
        token = "with an encrypted token" if channel.access_token_encrypted else "without a token"
        self.stdout.write(
            f"Registered {channel.kind} {channel.external_id} for {channel.team.name} ({token})."
        )
