"""Dutch first, English complete: every UI string has an English translation."""

import re
from pathlib import Path

from django.utils import translation

import zicht

CATALOGUE = Path(zicht.__file__).parent / "locale/en/LC_MESSAGES/django.po"


def untranslated_entries(po_text: str) -> list[str]:
    missing = []
    for block in po_text.split("\n\n")[1:]:  # the first block is the header
        if block.startswith("#~") or "msgid" not in block:
            continue
        msgstr = block.split("msgstr", 1)[1]
        if not re.sub(r'^ ""\s*$', "", msgstr.strip("\n"), flags=re.M).strip().strip('"'):
            missing.append(block)
    return missing


def test_every_ui_string_has_an_english_translation():
    assert untranslated_entries(CATALOGUE.read_text()) == []


def test_no_translation_is_a_fuzzy_guess():
    """msgfmt leaves fuzzy entries out, so an English user would silently see Dutch."""
    blocks = CATALOGUE.read_text().split("\n\n")[1:]
    assert [block for block in blocks if "#, fuzzy" in block] == []


def test_the_compiled_english_catalogue_is_used():
    with translation.override("en"):
        assert translation.gettext("Inloggen bij Zicht") == "Log in to Zicht"
    with translation.override("nl"):
        assert translation.gettext("Inloggen bij Zicht") == "Inloggen bij Zicht"
