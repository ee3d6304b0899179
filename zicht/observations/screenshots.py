"""Screenshot uploads for observations: accept only real images, strip them, re-encode them.

Plain Python, no Django models. The pipeline is deliberately layered (privacy.md, "Uploads"):

1. size limit on the raw upload;
2. format by magic bytes only (PNG, JPEG, WebP), never by file name or declared type;
3. our own walk over the container (PNG chunks with CRCs, JPEG markers up to EOI, the RIFF
   chunks of WebP): the file must be complete and nothing may trail the image data; the
   dimensions are read from the header here, before Pillow is involved at all;
4. pixel and side limits on those dimensions (decompression bombs);
5. Pillow's ``verify()`` of the whole file, a lazy re-open whose header size is checked
   again, then decoding of the first frame only;
6. re-encoding from a bare pixel buffer after applying the EXIF orientation, so that no
   metadata (EXIF, GPS, XMP, ICC, text chunks, comments) can survive.

Every failure surfaces as ``ScreenshotRejected`` with a Dutch message for the youth worker.
"""

import io
import warnings
import zlib
from dataclasses import dataclass
from typing import Literal

from PIL import Image, ImageOps

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # decompression-bomb guard, checked BEFORE decoding pixels
MAX_SIDE = 10_000
JPEG_QUALITY = 85

Kind = Literal["PNG", "JPEG", "WEBP"]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
# Further JPEG streams may follow the first one (MPF/MPO: secondary images of phone cameras).
MAX_JPEG_STREAMS = 4

ACCEPTED = "Alleen afbeeldingen in PNG, JPEG of WebP worden geaccepteerd."
INVALID = "Dit bestand is geen geldige afbeelding"


class ScreenshotRejected(ValueError):
    """An upload that is not accepted; the message is Dutch, for the youth worker, precise."""


@dataclass(frozen=True)
class CleanScreenshot:
    data: bytes  # re-encoded image, no metadata at all
    content_type: str  # "image/png" or "image/jpeg"
    width: int
    height: int


class _Malformed(Exception):
    """Internal: the container structure is broken; carries a Dutch reason."""


def screenshot_clean(data: bytes) -> CleanScreenshot:
    """Check an uploaded screenshot and return a re-encoded copy without any metadata."""
    _check_size(data)
    kind = _sniff(data)
    try:
        width, height = _walk(kind, data)
    except _Malformed as exc:
        raise ScreenshotRejected(f"{INVALID}: {exc}. {ACCEPTED}") from None
    _check_dimensions(width, height)
    with _decode(kind, data) as image:
        return _reencode(kind, image)


# -- 1. size -------------------------------------------------------------------------------


def _check_size(data: bytes) -> None:
    if not data:
        raise ScreenshotRejected(f"Het bestand is leeg. {ACCEPTED}")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ScreenshotRejected(
            "Het bestand is groter dan 10 MB. Kies een kleinere schermafbeelding."
        )


# -- 2. magic bytes ------------------------------------------------------------------------


def _sniff(data: bytes) -> Kind:
    if data.startswith(PNG_SIGNATURE):
        return "PNG"
    if data.startswith(JPEG_SIGNATURE):
        return "JPEG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    raise ScreenshotRejected(f"{_describe_other(data)} {ACCEPTED}")


_OTHER_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "een GIF-bestand"),
    (b"GIF89a", "een GIF-bestand"),
    (b"%PDF-", "een PDF-document"),
    (b"PK\x03\x04", "een archief (zip) of Office-document"),
    (b"\x1f\x8b", "een gecomprimeerd archief (gzip)"),
    (b"Rar!", "een archief (rar)"),
    (b"7z\xbc\xaf", "een archief (7z)"),
    (b"BM", "een BMP-bestand"),
    (b"II*\x00", "een TIFF-bestand"),
    (b"MM\x00*", "een TIFF-bestand"),
)


def _describe_other(data: bytes) -> str:
    """A short Dutch sentence naming what the refused file appears to be."""
    for signature, label in _OTHER_SIGNATURES:
        if data.startswith(signature):
            return f"Dit is {label}, geen toegestane afbeelding."
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc", b"avif"):
            return "Dit is een HEIC- of AVIF-foto, geen toegestane afbeelding."
        return "Dit is een video- of mediabestand, geen afbeelding."
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<svg" in head:
            return "Dit is een SVG-bestand, geen toegestane afbeelding."
        if b"<html" in head or b"<!doctype html" in head:
            return "Dit is een webpagina (HTML), geen afbeelding."
        return "Dit is een tekstbestand (XML/HTML), geen afbeelding."
    if _looks_like_text(data[:1024]):
        return "Dit is een tekstbestand, geen afbeelding."
    return "Dit bestand is geen afbeelding."


def _looks_like_text(sample: bytes) -> bool:
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\t\r\n" for ch in text)


# -- 3. container walk ---------------------------------------------------------------------


def _walk(kind: Kind, data: bytes) -> tuple[int, int]:
    """Check the container structure and return the dimensions from the header."""
    if kind == "PNG":
        end, size = _walk_png(data)
    elif kind == "JPEG":
        end, size = _walk_jpeg(data)
    else:
        end, size = _walk_webp(data)
    _check_trailing(kind, data, end)
    return size


def _walk_png(data: bytes) -> tuple[int, tuple[int, int]]:
    """Walk the PNG chunks up to IEND, checking each CRC; return the end and IHDR size."""
    pos = len(PNG_SIGNATURE)
    size: tuple[int, int] | None = None
    while True:
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunk_type = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        first_ok = size is not None or (chunk_type == b"IHDR" and length == 13)
        if pos + 8 <= len(data) and not (first_ok and _is_chunk_type(chunk_type, length)):
            raise _Malformed("het begint als PNG, maar de inhoud is geen PNG")
        if end > len(data):
            raise _Malformed("het bestand is onvolledig of beschadigd")
        body = data[pos + 4 : end - 4]
        if zlib.crc32(body) != int.from_bytes(data[end - 4 : end], "big"):
            raise _Malformed("het bestand is beschadigd (controlegetal klopt niet)")
        if size is None:
            size = (int.from_bytes(body[4:8], "big"), int.from_bytes(body[8:12], "big"))
        if chunk_type == b"IEND":
            return end, size
        pos = end


def _is_chunk_type(chunk_type: bytes, length: int) -> bool:
    return length <= 0x7FFFFFFF and chunk_type.isascii() and chunk_type.isalpha()


_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
# Start-of-frame markers carry the dimensions (not DHT C4, JPG C8, DAC CC).
_JPEG_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _walk_jpeg(data: bytes, start: int = 0) -> tuple[int, tuple[int, int]]:
    """Walk the JPEG markers from SOI to EOI; return the end and the SOF dimensions."""
    pos = start + 2
    size: tuple[int, int] | None = None
    while True:
        if pos >= len(data) or data[pos] != 0xFF:
            raise _Malformed("het bestand is onvolledig of beschadigd")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1  # fill bytes
        if pos >= len(data):
            raise _Malformed("het bestand is onvolledig of beschadigd")
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            if size is None:
                raise _Malformed("het bestand bevat geen beeld")
            return pos, size
        if marker in _JPEG_STANDALONE:
            continue
        if marker in (0x00, 0xD8) or pos + 2 > len(data):
            raise _Malformed("het bestand is onvolledig of beschadigd")
        length = int.from_bytes(data[pos : pos + 2], "big")
        segment = data[pos + 2 : pos + length]
        pos += length
        if length < 2 or pos > len(data):
            raise _Malformed("het bestand is onvolledig of beschadigd")
        if marker in _JPEG_SOF and size is None:
            if len(segment) < 5:
                raise _Malformed("het bestand is beschadigd")
            height = int.from_bytes(segment[1:3], "big")
            width = int.from_bytes(segment[3:5], "big")
            size = (width, height)
        if marker == 0xDA:  # SOS: entropy-coded data follows
            if size is None:
                raise _Malformed("het bestand is beschadigd")
            pos = _skip_entropy_coded(data, pos)


def _skip_entropy_coded(data: bytes, pos: int) -> int:
    """Return the offset of the first real marker after entropy-coded scan data."""
    while True:
        found = data.find(b"\xff", pos)
        if found < 0 or found + 1 >= len(data):
            raise _Malformed("het bestand is onvolledig of beschadigd")
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:  # stuffed byte or restart marker
            pos = found + 2
            continue
        return found


def _walk_webp(data: bytes) -> tuple[int, tuple[int, int]]:
    """Walk the RIFF chunks of a WebP file; return the end and the canvas size."""
    end = 8 + int.from_bytes(data[4:8], "little")
    if end > len(data) or end < 12 + 8:
        raise _Malformed("het bestand is onvolledig of beschadigd")
    pos = 12
    first: tuple[bytes, bytes] | None = None
    while pos < end:
        if pos + 8 > end:
            raise _Malformed("het bestand is beschadigd")
        fourcc = data[pos : pos + 4]
        length = int.from_bytes(data[pos + 4 : pos + 8], "little")
        payload_end = pos + 8 + length
        if payload_end > end:
            raise _Malformed("het bestand is onvolledig of beschadigd")
        if first is None:
            first = (fourcc, data[pos + 8 : payload_end])
        pos = payload_end + (length & 1)  # chunks are padded to an even length
    if first is None or pos > end + 1:
        raise _Malformed("het bestand is beschadigd")
    return end, _webp_size(*first)


def _webp_size(fourcc: bytes, payload: bytes) -> tuple[int, int]:
    if fourcc == b"VP8X" and len(payload) >= 10:
        width = int.from_bytes(payload[4:7], "little") + 1
        height = int.from_bytes(payload[7:10], "little") + 1
        return width, height
    if fourcc == b"VP8 " and len(payload) >= 10 and payload[3:6] == b"\x9d\x01\x2a":
        width = int.from_bytes(payload[6:8], "little") & 0x3FFF
        height = int.from_bytes(payload[8:10], "little") & 0x3FFF
        return width, height
    if fourcc == b"VP8L" and len(payload) >= 5 and payload[0] == 0x2F:
        bits = int.from_bytes(payload[1:5], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    raise _Malformed("het begint als WebP, maar de inhoud is geen WebP")


def _check_trailing(kind: Kind, data: bytes, end: int) -> None:
    """Refuse data after the image (polyglots); allow zero padding and, for JPEG, further
    complete JPEG streams (MPF secondary images from phone cameras)."""
    streams = 1
    while True:
        rest = data[end:].lstrip(b"\x00")
        if not rest:
            return
        end = len(data) - len(rest)
        if kind != "JPEG" or not rest.startswith(JPEG_SIGNATURE) or streams >= MAX_JPEG_STREAMS:
            raise _Malformed("na het einde van de afbeelding staan nog andere gegevens")
        end, _ = _walk_jpeg(data, end)
        streams += 1


# -- 4. dimensions -------------------------------------------------------------------------


def _check_dimensions(width: int, height: int) -> None:
    if width <= 0 or height <= 0:
        raise ScreenshotRejected(f"{INVALID}: de afmetingen zijn ongeldig. {ACCEPTED}")
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise ScreenshotRejected(
            f"De afbeelding is te groot: {_dutch(width)} × {_dutch(height)} pixels. {_LIMITS}"
        )


def _dutch(number: int) -> str:
    """Thousands separated by dots, as written in Dutch: 10.000."""
    return f"{number:,}".replace(",", ".")


_LIMITS = (
    f"Toegestaan zijn hoogstens {_dutch(MAX_SIDE)} pixels per zijde en "
    f"{MAX_PIXELS // 1_000_000} miljoen pixels in totaal."
)
_TOO_LARGE = f"De afbeelding is te groot. {_LIMITS}"


# -- 5. Pillow: verify, lazy open, decode the first frame ----------------------------------


def _decode(kind: Kind, data: bytes) -> Image.Image:
    """Verify the whole file with Pillow, then decode the first frame after re-checking the
    header size. Any Pillow failure (including bomb errors and warnings) is a rejection."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Pillow warns about metadata oddities it tolerates
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[kind]) as probe:
                probe.verify()
            image = Image.open(io.BytesIO(data), formats=[kind])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ScreenshotRejected(_TOO_LARGE) from exc
        except Exception as exc:  # Pillow signals broken input with many exception types
            raise ScreenshotRejected(f"{INVALID}: de inhoud klopt niet. {ACCEPTED}") from exc
        if image.format not in _PILLOW_FORMATS[kind]:
            raise ScreenshotRejected(f"{INVALID}: de inhoud klopt niet. {ACCEPTED}")
        _check_dimensions(*image.size)
        try:
            image.seek(0)  # animated images: the first frame only
            image.load()
        except Exception as exc:  # truncated or corrupt pixel data
            raise ScreenshotRejected(
                f"{INVALID}: het bestand is onvolledig of beschadigd. {ACCEPTED}"
            ) from exc
    return image


_PILLOW_FORMATS: dict[Kind, frozenset[str]] = {
    "PNG": frozenset({"PNG"}),
    "JPEG": frozenset({"JPEG", "MPO"}),
    "WEBP": frozenset({"WEBP"}),
}


# -- 6. re-encode --------------------------------------------------------------------------


def _reencode(kind: Kind, image: Image.Image) -> CleanScreenshot:
    """Apply the EXIF orientation, then rebuild the image from its pixels alone."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns about oddities in EXIF it tolerates
            oriented = ImageOps.exif_transpose(image)
    except Exception as exc:  # malformed EXIF
        raise ScreenshotRejected(f"{INVALID}: de metadata is beschadigd. {ACCEPTED}") from exc
    as_png = kind == "PNG" or (kind == "WEBP" and _has_alpha(image))
    pixels = oriented.convert(_target_mode(image, as_png))
    # A fresh image from raw pixels carries no info dict: no EXIF, XMP, ICC, text, comment.
    bare = Image.frombytes(pixels.mode, pixels.size, pixels.tobytes())
    out = io.BytesIO()
    if as_png:
        bare.save(out, format="PNG")
        content_type = "image/png"
    else:
        bare.save(out, format="JPEG", quality=JPEG_QUALITY)
        content_type = "image/jpeg"
    return CleanScreenshot(
        data=out.getvalue(), content_type=content_type, width=bare.width, height=bare.height
    )


def _has_alpha(image: Image.Image) -> bool:
    return image.has_transparency_data


def _target_mode(image: Image.Image, as_png: bool) -> str:
    grey = image.mode in ("1", "L", "LA", "I", "I;16", "I;16B", "I;16L", "F")
    if as_png and _has_alpha(image):
        return "LA" if grey else "RGBA"
    return "L" if grey else "RGB"
