"""What WhatsApp writes instead of a message: system notices, media and deleted messages.

Dutch and English, as the Android and iOS apps write them. Names inside system notices
are matched with `[^:]+`, so "Mo: Jan left" (Mo wrote "Jan left") is never mistaken for
the notice "Jan left".
"""

import re

from zicht.inbox.imports.base import DELETED_PLACEHOLDER, media_placeholder

_NAME = r"[^:]+"

# Notices that are full sentences of their own: recognised with or without a sender.
_FIXED_NOTICES = (
    r"messages and calls are end-to-end encrypted\b.*",
    r"messages to this group are now secured with end-to-end encryption\b.*",
    r"berichten en oproepen zijn end-to-end(?:-| )versleuteld\b.*",
    r"berichten naar deze groep zijn nu beveiligd met end-to-end(?:-| )versleuteling\b.*",
    rf"(?:your )?security code with {_NAME} changed\b.*",
    rf"{_NAME}'s security code changed\b.*",
    rf"(?:je|jouw) beveiligingscode (?:met|voor) {_NAME} is (?:gewijzigd|veranderd)\b.*",
    rf"de beveiligingscode van {_NAME} is (?:gewijzigd|veranderd)\b.*",
    r"je hebt deze groep gemaakt\.?",
    r"je hebt (?:de )?groep .+ gemaakt\.?",
    r"you created this group\.?",
    r'you created group ".*"\.?',
    r"missed (?:voice|video) call\b.*",
    r"gemiste (?:spraak|video)oproep\b.*",
    r"this chat is with a business account\b.*",
    r"deze chat is met een zakelijk account\b.*",
)

# Notices about a named person; only recognised where no "Sender: " part is present.
_NAMED_NOTICES = (
    rf"{_NAME} created group .+",
    rf"{_NAME} (?:added|removed) .+",
    rf"{_NAME} left",
    rf"{_NAME} joined using this group's invite link",
    rf"{_NAME} changed the subject (?:from .+ )?to .+",
    rf"{_NAME} changed (?:this group's icon|the group description|their phone number).*",
    rf"{_NAME} deleted this group's icon",
    rf"{_NAME} turned (?:on|off) disappearing messages.*",
    rf"{_NAME} heeft (?:de )?groep .+ (?:gemaakt|aangemaakt)",
    rf"{_NAME} heeft .+ (?:toegevoegd|verwijderd)",
    rf"{_NAME} heeft de groep verlaten",
    r"je hebt de groep verlaten",
    rf"{_NAME} (?:neemt deel|is lid geworden) via de uitnodigingslink van deze groep",
    rf"{_NAME} heeft het onderwerp (?:gewijzigd|veranderd).*",
    rf"{_NAME} heeft (?:de groepsafbeelding|het groepspictogram|de groepsbeschrijving) .*",
    rf"{_NAME} heeft (?:zijn|haar|hun) telefoonnummer gewijzigd.*",
    rf"{_NAME} is overgestapt naar .+",
    rf"{_NAME} heeft verdwijnende berichten (?:in|uit)geschakeld.*",
)

_MEDIA_WORDS: dict[str, str | None] = {
    "media": None,
    "image": "foto",
    "afbeelding": "foto",
    "foto": "foto",
    "video": "video",
    "audio": "audio",
    "sticker": "sticker",
    "gif": "gif",
    "document": "document",
    "contact card": "contact",
    "contactkaart": "contact",
    "view once": "eenmalig",
}

# Checked in order: WhatsApp names a GIF "...-GIF-....mp4" and a sticker "...-STICKER-....webp".
_FILE_KINDS = {
    "sticker": ("sticker",),
    "gif": ("gif", ".gif"),
    "foto": ("photo", ".jpg", ".jpeg", ".png", ".heic", ".webp"),
    "video": ("video", ".mp4", ".mov", ".3gp"),
    "audio": ("audio", ".opus", ".m4a", ".mp3", ".aac", ".ogg"),
    "document": (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".txt"),
    "contact": (".vcf",),
}

_WORD = "|".join(re.escape(word) for word in _MEDIA_WORDS)
_OMITTED = re.compile(
    rf"<?(?P<word>{_WORD})(?: message)? (?:omitted|weggelaten|niet bijgevoegd)>?"
    # iOS puts the document's name and page count before "document omitted".
    r"|.+ (?P<document>document) (?:omitted|weggelaten)",
    re.IGNORECASE,
)
_ATTACHED = re.compile(
    r"<(?:attached|bijgevoegd): (?P<a>[^>]+)>"
    r"|(?P<b>\S.*) \((?:file attached|bestand bijgevoegd)\)",
    re.IGNORECASE,
)
_LOCATION = re.compile(
    r"(?:live location shared|live locatie gedeeld)\.?|(?:location|locatie): https?://\S+",
    re.IGNORECASE,
)
_DELETED = re.compile(
    r"(?:dit bericht is verwijderd|this message was deleted|je hebt dit bericht verwijderd"
    r"|you deleted this message)\.?",
    re.IGNORECASE,
)
_EDITED = re.compile(r"\s*<(?:this message was edited|dit bericht is bewerkt)>$", re.IGNORECASE)

_FIXED = re.compile("|".join(f"(?:{p})" for p in _FIXED_NOTICES), re.IGNORECASE | re.DOTALL)
_ANY = re.compile(
    "|".join(f"(?:{p})" for p in _FIXED_NOTICES + _NAMED_NOTICES), re.IGNORECASE | re.DOTALL
)


def is_notice(text: str) -> bool:
    """A system notice written as a full sentence, such as the encryption notice."""
    return _FIXED.fullmatch(text) is not None


def is_notice_line(rest: str) -> bool:
    """The part of a line after the timestamp is a system notice (no sender involved)."""
    return _ANY.fullmatch(rest) is not None


def without_edited_marker(text: str) -> str:
    return _EDITED.sub("", text)


def deleted_text(text: str) -> str | None:
    return DELETED_PLACEHOLDER if _DELETED.fullmatch(text) else None


def media_text(text: str) -> str | None:
    """The readable placeholder for a media line, or None when the text is a real message."""
    if match := _OMITTED.fullmatch(text):
        word = match["word"] or match["document"]
        return media_placeholder(_MEDIA_WORDS[word.lower()])
    if match := _ATTACHED.fullmatch(text):
        return media_placeholder(_file_kind(match["a"] or match["b"]))
    if _LOCATION.fullmatch(text):
        return media_placeholder("locatie")
    return None


def _file_kind(filename: str) -> str:
    lowered = filename.lower()
    for label, hints in _FILE_KINDS.items():
        if any(_has_hint(lowered, hint) for hint in hints):
            return label
    return "bestand"


def _has_hint(filename: str, hint: str) -> bool:
    return filename.endswith(hint) if hint.startswith(".") else hint in filename
