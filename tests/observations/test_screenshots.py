"""Screenshot uploads: real images accepted and stripped, everything else refused clearly."""

import io
import struct
import zlib
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import ExifTags, Image, ImageCms, ImageFile, PngImagePlugin

from zicht.observations.screenshots import (
    MAX_PIXELS,
    MAX_SIDE,
    MAX_UPLOAD_BYTES,
    CleanScreenshot,
    ScreenshotRejected,
    screenshot_clean,
)

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>geheim-xmp</rdf:RDF></x:xmpmeta>'
ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
RED = (255, 0, 0)
BLUE = (0, 0, 255)
JFIF_KEYS = {"jfif", "jfif_version", "jfif_unit", "jfif_density"}


# -- builders ------------------------------------------------------------------------------


def two_colour(size: tuple[int, int] = (40, 20), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue, so a rotation is visible."""
    image = Image.new(mode, size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    return image


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "GeheimMerk"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 53.0, 20.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (4.0, 28.0, 10.0),
    }
    return exif


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **params)
    return out.getvalue()


def png_with_metadata(orientation: int = 1) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "geheim-tekst")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    return encode(
        two_colour(), "PNG", exif=exif_with_gps(orientation), icc_profile=ICC, pnginfo=info
    )


def jpeg_with_metadata(orientation: int = 1) -> bytes:
    return encode(
        two_colour(),
        "JPEG",
        exif=exif_with_gps(orientation),
        icc_profile=ICC,
        comment=b"geheim-commentaar",
        xmp=XMP,
    )


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def crafted_png(width: int, height: int, idat: bytes, bit_depth: int = 1) -> bytes:
    """A structurally valid greyscale PNG with any IHDR size and the given IDAT payload."""
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def zero_rows_bomb(width: int, height: int) -> bytes:
    """A genuine 1-bit PNG of `width` × `height` black pixels: tiny file, huge when decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return crafted_png(width, height, idat)


def reopen(clean: CleanScreenshot) -> Image.Image:
    image = Image.open(io.BytesIO(clean.data))
    image.load()
    return image


@pytest.fixture
def no_pixel_decoding(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the test if Pillow is asked to decode pixels."""

    def refuse(self: ImageFile.ImageFile) -> None:
        raise AssertionError("Pillow decoded pixels of a refused image")

    monkeypatch.setattr(ImageFile.ImageFile, "load", refuse)
    yield


def assert_stripped(clean: CleanScreenshot) -> Image.Image:
    image = reopen(clean)
    assert not image.getexif()
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    for key in ("exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "Comment", "comment"):
        assert key not in image.info
    for secret in (b"Exif", b"GeheimMerk", b"geheim", b"xmpmeta", b"iCCP", b"ICC_PROFILE"):
        assert secret not in clean.data
    return image


def assert_refused(data: bytes, *fragments: str) -> str:
    with pytest.raises(ScreenshotRejected) as caught:
        screenshot_clean(data)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    return message


# -- accepted ------------------------------------------------------------------------------


def test_fixtures_really_carry_metadata() -> None:
    """Guard against a vacuous stripping test: the inputs hold EXIF, GPS, ICC, text, XMP."""
    png = Image.open(io.BytesIO(png_with_metadata()))
    png.load()
    jpeg = Image.open(io.BytesIO(jpeg_with_metadata()))
    for image in (png, jpeg):
        assert image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert "icc_profile" in image.info
    assert png.info["Comment"] == "geheim-tekst"
    assert "XML:com.adobe.xmp" in png.info
    assert jpeg.info["comment"] == b"geheim-commentaar"
    assert "xmp" in jpeg.info


def test_png_accepted_and_stripped() -> None:
    clean = screenshot_clean(png_with_metadata())
    assert clean.content_type == "image/png"
    assert (clean.width, clean.height) == (40, 20)
    image = assert_stripped(clean)
    assert image.format == "PNG"
    assert image.info == {}
    assert image.size == (40, 20)
    assert image.getpixel((5, 10)) == RED
    assert image.getpixel((35, 10)) == BLUE


def test_jpeg_accepted_and_stripped() -> None:
    clean = screenshot_clean(jpeg_with_metadata())
    assert clean.content_type == "image/jpeg"
    assert (clean.width, clean.height) == (40, 20)
    image = assert_stripped(clean)
    assert image.format == "JPEG"
    assert set(image.info) <= JFIF_KEYS
    assert image.size == (40, 20)


@pytest.mark.parametrize("build", [png_with_metadata, jpeg_with_metadata])
def test_exif_orientation_applied(build: type) -> None:
    # Orientation 6: the stored image must be turned 90° clockwise to be shown upright,
    # so the red left half ends up at the top.
    clean = screenshot_clean(build(orientation=6))
    assert (clean.width, clean.height) == (20, 40)
    image = assert_stripped(clean).convert("RGB")
    top, bottom = image.getpixel((10, 5)), image.getpixel((10, 35))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60


def test_png_with_alpha_and_palette_stays_png() -> None:
    rgba = two_colour(mode="RGBA")
    rgba.putpixel((0, 0), (0, 0, 0, 0))
    clean = screenshot_clean(encode(rgba, "PNG"))
    assert clean.content_type == "image/png"
    assert reopen(clean).getpixel((0, 0)) == (0, 0, 0, 0)

    palette = two_colour().convert("P")
    clean = screenshot_clean(encode(palette, "PNG"))
    assert clean.content_type == "image/png"
    assert reopen(clean).convert("RGB").getpixel((35, 10)) == BLUE


def test_webp_accepted() -> None:
    exif = exif_with_gps().tobytes()
    transparent = two_colour(mode="RGBA")
    transparent.putpixel((0, 0), (0, 0, 0, 0))
    with_alpha = screenshot_clean(encode(transparent, "WEBP", exif=exif, lossless=True))
    assert with_alpha.content_type == "image/png"
    assert assert_stripped(with_alpha).getpixel((0, 0)) == (0, 0, 0, 0)

    opaque = screenshot_clean(encode(two_colour(), "WEBP", exif=exif, icc_profile=ICC))
    assert opaque.content_type == "image/jpeg"
    assert (opaque.width, opaque.height) == (40, 20)
    assert_stripped(opaque)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_animated_keeps_first_frame(fmt: str) -> None:
    frames = [Image.new("RGB", (16, 16), colour) for colour in (RED, BLUE, (0, 255, 0))]
    data = encode(frames[0], fmt, save_all=True, append_images=frames[1:], lossless=True)
    clean = screenshot_clean(data)
    image = reopen(clean)
    assert not getattr(image, "is_animated", False)
    pixel = image.convert("RGB").getpixel((8, 8))
    assert isinstance(pixel, tuple)
    assert pixel[0] > 240 and pixel[1] < 16 and pixel[2] < 16  # red, maybe via JPEG


def test_jpeg_followed_by_second_jpeg_stream_accepted() -> None:
    """Phone cameras append MPF secondary images after the first EOI; those are dropped."""
    data = encode(two_colour(), "JPEG") + encode(Image.new("RGB", (8, 8)), "JPEG")
    clean = screenshot_clean(data)
    assert (clean.width, clean.height) == (40, 20)


def test_zero_padding_after_image_accepted() -> None:
    clean = screenshot_clean(encode(two_colour(), "PNG") + b"\x00" * 64)
    assert clean.content_type == "image/png"


def test_limits_are_inclusive() -> None:
    image = Image.new("1", (MAX_SIDE, 1))
    assert screenshot_clean(encode(image, "PNG")).width == MAX_SIDE


# -- refused -------------------------------------------------------------------------------


def test_png_header_with_html_behind_it() -> None:
    data = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    assert_refused(data, "geen geldige afbeelding", "geen PNG", "PNG, JPEG of WebP")


def test_png_header_and_ihdr_with_html_behind_it() -> None:
    head = encode(two_colour(), "PNG")[:33]  # signature + IHDR chunk
    assert_refused(head + b"<html><script>alert(1)</script></html>", "geen geldige afbeelding")


def test_png_with_html_after_iend() -> None:
    data = encode(two_colour(), "PNG") + b"<html><script>alert(1)</script></html>"
    assert_refused(data, "geen geldige afbeelding", "na het einde")


def test_jpeg_with_html_after_eoi() -> None:
    data = encode(two_colour(), "JPEG") + b"<?php system($_GET['c']); ?>"
    assert_refused(data, "geen geldige afbeelding", "na het einde")


def test_webp_with_html_after_riff() -> None:
    data = encode(two_colour(), "WEBP") + b"<html></html>"
    assert_refused(data, "geen geldige afbeelding", "na het einde")


def test_png_with_bad_crc() -> None:
    data = bytearray(encode(two_colour(), "PNG"))
    data[-20] ^= 0xFF  # inside the IDAT data
    assert_refused(bytes(data), "geen geldige afbeelding")


@pytest.mark.usefixtures("no_pixel_decoding")
def test_crafted_bomb_claiming_50000_square() -> None:
    data = crafted_png(50_000, 50_000, zlib.compress(b"\x00" * 64))
    assert_refused(data, "te groot", "50.000 × 50.000", "40 miljoen")


@pytest.mark.usefixtures("no_pixel_decoding")
def test_real_decompression_bomb_within_side_limit() -> None:
    # 9,000 × 9,000 = 81 million pixels, each side allowed; only a few kB on disk.
    data = zero_rows_bomb(9_000, 9_000)
    assert len(data) < 100_000
    assert_refused(data, "te groot", "9.000 × 9.000")


@pytest.mark.usefixtures("no_pixel_decoding")
def test_real_decompression_bomb_50000_square() -> None:
    data = zero_rows_bomb(50_000, 50_000)
    assert len(data) < MAX_UPLOAD_BYTES
    assert_refused(data, "te groot")


@pytest.mark.parametrize("size", [(MAX_SIDE + 1, 1), (1, MAX_SIDE + 1), (7_000, 7_000)])
def test_huge_image_refused(size: tuple[int, int]) -> None:
    assert size[0] > MAX_SIDE or size[1] > MAX_SIDE or size[0] * size[1] > MAX_PIXELS
    assert_refused(encode(Image.new("1", size), "PNG"), "te groot", "10.000 pixels per zijde")


@pytest.mark.usefixtures("no_pixel_decoding")
def test_huge_webp_refused_before_pillow_allocates() -> None:
    data = encode(Image.new("RGB", (16, 16)), "WEBP", lossless=True)
    # Patch the VP8L header to claim 16384 × 16384 (the WebP maximum).
    blob = bytearray(data)
    offset = blob.index(b"VP8L") + 9
    blob[offset : offset + 4] = ((16383) | (16383 << 14)).to_bytes(4, "little")
    assert_refused(bytes(blob), "te groot")


def test_over_ten_megabytes() -> None:
    data = encode(two_colour(), "PNG")
    assert_refused(data + b"\x00" * (MAX_UPLOAD_BYTES + 1 - len(data)), "groter dan 10 MB")


def test_empty() -> None:
    assert_refused(b"", "leeg", "PNG, JPEG of WebP")


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"Hallo, dit is gewoon tekst.\n", "tekstbestand"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "SVG"),
        (b"<svg onload=alert(1)></svg>", "SVG"),
        (b"<!DOCTYPE html><html></html>", "HTML"),
        (encode(two_colour(), "GIF"), "GIF"),
        (encode(two_colour(), "BMP"), "BMP"),
        (encode(two_colour(), "TIFF"), "TIFF"),
        (b"PK\x03\x04" + b"\x00" * 40, "archief"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40, "HEIC"),
        (bytes(range(256)), "geen afbeelding"),
    ],
)
def test_non_images_refused_with_accepted_formats_named(data: bytes, named: str) -> None:
    assert_refused(data, named, "PNG, JPEG of WebP")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_refused(fmt: str) -> None:
    data = encode(Image.effect_noise((64, 64), 50).convert("RGB"), fmt)
    assert_refused(data[: len(data) // 2], "geen geldige afbeelding")


def test_jpeg_without_image_data_refused() -> None:
    assert_refused(b"\xff\xd8\xff\xd9", "geen geldige afbeelding")


# -- fuzzing -------------------------------------------------------------------------------

SAMPLES = [
    encode(two_colour(), "PNG"),
    encode(two_colour(), "JPEG"),
    encode(two_colour(), "WEBP"),
    encode(two_colour(mode="RGBA"), "WEBP", lossless=True),
    png_with_metadata(orientation=6),
    jpeg_with_metadata(orientation=8),
]
PREFIXES = [b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"RIFF\x00\x00\x00\x00WEBP", b""]


def call(data: bytes) -> None:
    try:
        screenshot_clean(data)
    except ScreenshotRejected as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PREFIXES), st.binary(max_size=2048))
def test_arbitrary_bytes_only_ever_rejected(prefix: bytes, tail: bytes) -> None:
    call(prefix + tail)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SAMPLES),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(min_value=0),
)
def test_mutated_images_only_ever_rejected(
    sample: bytes, flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(sample)
    for position, value in flips:
        data[position % len(data)] = value
    call(bytes(data[: len(data) - cut % 16]))


def test_pillow_bomb_guard_also_becomes_a_rejection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Should Pillow's own (global) limit be lower than ours, its error is a rejection too."""
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    assert_refused(encode(two_colour(), "PNG"), "te groot")  # 800 px: Pillow raises
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 500)
    assert_refused(encode(two_colour(), "PNG"), "te groot")  # Pillow only warns
