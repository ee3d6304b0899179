"""Safe reading of uploaded zips and export folders, entirely in memory.

An uploaded export is untrusted: a member may try to escape with `../`, point somewhere
as a symlink, or be a decompression bomb. Nothing is ever extracted to disk; members are
read by streaming with a byte cap, because the sizes in a zip header are only claims.
"""

import io
import os
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from types import TracebackType
from typing import Protocol, Self

from zicht.inbox.imports.base import ExportError

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CHUNK = 64 * 1024
# What zipfile raises on damaged input: a corrupt header can even ask for a negative seek.
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
)


@dataclass(frozen=True)
class Limits:
    max_members: int = 10_000
    max_total_bytes: int = 200 * 1024 * 1024
    max_ratio: int = 100
    # Below this size a high ratio is harmless (a small file of spaces compresses well).
    ratio_floor_bytes: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


class ExportTree(Protocol):
    """The files of an export, by relative POSIX path, whether zipped or in a folder."""

    def names(self) -> list[str]: ...

    def read(self, name: str) -> bytes: ...


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def check_member_name(name: str) -> None:
    """Reject a member name that would escape the export if it were ever extracted."""
    if not name:
        raise ExportError("the zip has a member without a name")
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        raise ExportError(f"the zip member {name!r} has an absolute path")
    if ".." in parts:
        raise ExportError(f"the zip member {name!r} points outside the archive ('..')")
    if "\x00" in name:
        raise ExportError(f"the zip member {name!r} has a NUL byte in its name")


def _check_member(info: zipfile.ZipInfo, limits: Limits) -> None:
    check_member_name(info.filename)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise ExportError(f"the zip member {info.filename!r} is a symbolic link")
    if info.flag_bits & 0x1:
        raise ExportError(f"the zip member {info.filename!r} is password-protected")
    if _looks_like_bomb(info.file_size, info.compress_size, limits):
        raise ExportError(
            f"the zip member {info.filename!r} looks like a decompression bomb "
            f"({info.compress_size} bytes claim to expand to {info.file_size})"
        )


def _declared_members(data: bytes) -> int:
    """The member count in the end-of-archive record, read before zipfile parses every entry.

    0 when there is no such record or it defers to a Zip64 record; zipfile then decides.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return 0
    (count,) = struct.unpack_from("<H", data, end + 10)
    return 0 if count == 0xFFFF else int(count)


def _looks_like_bomb(expanded: int, compressed: int, limits: Limits) -> bool:
    if expanded <= limits.ratio_floor_bytes:
        return False
    return expanded > limits.max_ratio * max(compressed, 1)


class SafeZip:
    """A validated zip: every member is checked when it is opened, before anything is read."""

    def __init__(self, source: bytes | Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._budget = limits.max_total_bytes
        if isinstance(source, bytes):
            self._check_count(_declared_members(source))
        file: io.BytesIO | Path = io.BytesIO(source) if isinstance(source, bytes) else source
        try:
            self._zip = zipfile.ZipFile(file)
            infos = self._zip.infolist()
        except _DAMAGED as e:
            raise ExportError(f"the zip file is damaged or truncated ({e})") from e
        try:
            self._infos = self._validate(infos)
        except ExportError:
            self._zip.close()
            raise

    def _check_count(self, count: int) -> None:
        if count > self.limits.max_members:
            raise ExportError(
                f"the zip has {count} members, more than the {self.limits.max_members} "
                "an export can have"
            )

    def _validate(self, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
        self._check_count(len(infos))
        for info in infos:
            _check_member(info, self.limits)
        return {info.filename: info for info in infos if not info.is_dir()}

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        return list(self._infos)

    def read(self, name: str) -> bytes:
        """Read one member, counting it against the total budget of the whole archive."""
        info = self._infos[name]
        if info.file_size > self._budget:
            raise ExportError(f"the zip member {name!r} is larger than an export can be")
        try:
            data = self._stream(info)
        except ExportError:
            raise
        except _DAMAGED as e:
            raise ExportError(f"the zip member {name!r} is damaged ({e})") from e
        self._budget -= len(data)
        return data

    def _stream(self, info: zipfile.ZipInfo) -> bytes:
        buffer = bytearray()
        with self._zip.open(info) as member:
            while chunk := member.read(CHUNK):
                buffer += chunk
                if len(buffer) > self._budget:
                    raise ExportError(
                        f"the zip member {info.filename!r} expands to more than an export can be"
                    )
                if _looks_like_bomb(len(buffer), info.compress_size, self.limits):
                    raise ExportError(
                        f"the zip member {info.filename!r} looks like a decompression bomb"
                    )
        return bytes(buffer)


class FolderTree:
    """An unpacked export folder. Symbolic links are not followed, so nothing outside it is read."""

    def __init__(self, root: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.root = root
        self.limits = limits
        self._budget = limits.max_total_bytes
        self._names = self._walk()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def _walk(self) -> list[str]:
        names: list[str] = []
        for directory, _dirs, files in os.walk(self.root, followlinks=False):
            for file in files:
                path = Path(directory, file)
                if not path.is_symlink() and path.is_file():
                    names.append(PurePosixPath(path.relative_to(self.root)).as_posix())
            if len(names) > self.limits.max_members:
                raise ExportError(
                    f"the folder has more than the {self.limits.max_members} files "
                    "an export can have"
                )
        return sorted(names)

    def names(self) -> list[str]:
        return list(self._names)

    def read(self, name: str) -> bytes:
        if name not in self._names:
            raise ExportError(f"{name!r} is not a file of this export")
        data = read_capped(self.root / name, self._budget)
        self._budget -= len(data)
        return data


def read_capped(path: Path, limit: int) -> bytes:
    """Read a file, refusing one larger than `limit` without reading more than that."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as e:
        raise ExportError(f"{path.name!r} cannot be read ({e.strerror or e})") from e
    if len(data) > limit:
        raise ExportError(f"{path.name!r} is larger than an export can be")
    return data
