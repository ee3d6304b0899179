"""The `zicht` console script: every manage.py command, plus the detector's own commands.

`zicht detect` and `zicht detect-eval` need no database and no settings, so they are
dispatched before Django is configured.
"""

import os
import sys

DJANGO_FREE_COMMANDS = {"detect", "detect-eval"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] in DJANGO_FREE_COMMANDS:
        from zicht.detection.cli import main as detection_main

        sys.exit(detection_main(argv[1:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zicht.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 (load settings now, to refuse a bad configuration)
    except ImproperlyConfigured as error:
        sys.stderr.write(f"zicht: refusing to start: {error}\n")
        sys.exit(2)
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
