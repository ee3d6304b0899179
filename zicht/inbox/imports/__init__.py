"""Parsers for chat exports: WhatsApp "Export chat", Instagram and Facebook JSON.

Pure Python, no Django: bytes in, frozen dataclasses out, `ExportError` for a file that
cannot be imported. Saving the result is the inbox services' job.
"""

from zicht.inbox.imports.base import (
    ExportError,
    ImportedConversation,
    ImportedMessage,
    SkippedLine,
)
from zicht.inbox.imports.meta import parse_meta_export
from zicht.inbox.imports.sniff import sniff
from zicht.inbox.imports.whatsapp import parse_whatsapp

__all__ = [
    "ExportError",
    "ImportedConversation",
    "ImportedMessage",
    "SkippedLine",
    "parse_meta_export",
    "parse_whatsapp",
    "sniff",
]
