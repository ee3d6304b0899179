"""What a message shows in the inbox: its kind, text and media, with Dutch placeholders.

Non-text messages get a readable placeholder so a youth worker always sees *something*
(and the detector always gets a string), never an empty bubble or a crash.
"""

from dataclasses import dataclass, field

PLACEHOLDERS = {
    "image": "[afbeelding]",
    "audio": "[spraakbericht]",
    "video": "[video]",
    "document": "[document]",
    "sticker": "[sticker]",
    "location": "[locatie]",
    "contacts": "[contactkaart]",
    "share": "[gedeeld bericht]",
    "story_reply": "[reactie op verhaal]",
    "story_mention": "[verhaal-vermelding]",
    "button": "[knop]",
    "interactive": "[keuze]",
}


@dataclass(frozen=True)
class Content:
    kind: str
    text: str
    media_url: str = ""
    context: dict[str, str] = field(default_factory=dict)


def placeholder(kind: str, detail: str = "") -> str:
    """`[afbeelding]`, or `[locatie: Zuidplein]` when there is a detail worth showing."""
    base = PLACEHOLDERS.get(kind, f"[{kind}]")
    return f"{base[:-1]}: {detail}]" if detail else base


def unsupported(type_name: str) -> Content:
    shown = type_name.strip() or "onbekend"
    return Content("unsupported", f"[niet-ondersteund berichttype: {shown[:60]}]")


def reaction_text(emoji: str) -> str:
    return f"[reactie {emoji} op een bericht]" if emoji else "[reactie verwijderd]"


def location_detail(name: str, address: str, latitude: object, longitude: object) -> str:
    """A human description of a shared location: its name/address, else its coordinates."""
    words = ", ".join(part for part in (name, address) if part)
    if words:
        return words
    if _is_number(latitude) and _is_number(longitude):
        return f"{latitude}, {longitude}"
    return ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
