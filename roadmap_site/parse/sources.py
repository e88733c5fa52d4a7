"""The reading edge of the pipeline: which files a content folder holds, their bytes, and
their text. `list_content` and `read_sources` touch the disk; `decode` is pure."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from roadmap_site.errors import SourceError
from roadmap_site.parse.links import ARTICLE_SUFFIXES
from roadmap_site.parse.sanitize import decode_legacy, strip_control_characters


class Source:
    """An article's file: its key (the path relative to the content folder, POSIX style),
    its path as messages show it, and its bytes. A source whose digest is known already (its
    file's size and time are those it had when it was last read) is read only if its bytes
    are asked for, which a build that finds it in the cache never does; bytes read then
    must match the digest, or the file changed while the build read it."""

    __slots__ = ("key", "shown", "_data", "_digest")

    def __init__(self, key: str, shown: str, data: bytes | None = None, digest: bytes | None = None):
        if data is None and digest is None:
            raise ValueError("a source needs its bytes or their digest")
        self.key, self.shown, self._data, self._digest = key, shown, data, digest

    @property
    def data(self) -> bytes:
        if self._data is None:
            try:
                data = _read_bytes(self.shown)
            except OSError as exc:
                raise SourceError(1, f"this file could not be read while it was being built: {exc.strerror}") from None
            if hashlib.sha256(data).digest() != self._digest:
                raise SourceError(1, "this file changed while it was being built; build again")
            self._data = data
        return self._data

    @property
    def is_read(self) -> bool:
        """Whether this process holds the bytes (read, or given)."""
        return self._data is not None

    @property
    def digest(self) -> bytes:
        """SHA-256 of the bytes, computed once however many digests of the build include it."""
        if self._digest is None:
            self._digest = hashlib.sha256(self._data).digest()
        return self._digest

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Source):
            return NotImplemented
        return (self.key, self.shown, self.digest) == (other.key, other.shown, other.digest)

    def __hash__(self) -> int:
        return hash((self.key, self.shown, self.digest))

    def __repr__(self) -> str:
        return f"Source({self.key!r}, {self.shown!r}, digest={self.digest.hex()[:12]}...)"


@dataclass(frozen=True)
class ContentFiles:
    """The files of a content folder, by key: articles, and the other files (images and
    the like) that articles may link to."""

    folder: Path
    articles: tuple[str, ...]
    others: frozenset[str]


def list_content(content_dir: Path) -> ContentFiles:
    """Every file under content_dir, without reading any. Hidden and '_'-prefixed names are
    skipped; links are followed only when they stay inside the folder, so a link loop or a
    link to the rest of the disk is never walked."""
    root = content_dir.resolve()
    articles: list[str] = []
    others: set[str] = set()
    pending = [""]  # folders to read, as key prefixes
    while pending:
        prefix = pending.pop()
        try:
            entries = list(os.scandir(content_dir / prefix))
        except OSError:
            continue
        for entry in entries:
            if _skipped(entry.name):
                continue
            key = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                pending.append(key + "/")
            elif entry.is_symlink() and not _inside(Path(entry.path), root):
                continue
            elif entry.is_file():
                (articles.append if entry.name.lower().endswith(ARTICLE_SUFFIXES) else others.add)(key)
    return ContentFiles(content_dir, tuple(sorted(articles)), frozenset(others))


def read_sources(content: ContentFiles) -> list[Source]:
    return [read_source(content.folder, key) for key in content.articles]


def read_source(content_dir: Path, key: str) -> Source:
    """One article's source, as read_sources reads it."""
    path = os.path.join(content_dir, "") + key
    return Source(key, path, _read_bytes(path))


def _read_bytes(path: str) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root) and path.is_file()
    except (OSError, RuntimeError):  # a loop of links
        return False


def _skipped(name: str) -> bool:
    return name.startswith((".", "_"))


def is_skipped(key: str) -> bool:
    """Whether list_content skips the file at key (a hidden or '_'-prefixed name on its way)."""
    return any(_skipped(part) for part in key.split("/"))


LEGACY_NOTE = "read as Windows-1252 (Latin-1) text because it is not UTF-8; save it as UTF-8"


def decode(data: bytes) -> tuple[str, str | None]:
    """Text with LF line ends and no control characters, and a note for a warning when the
    file was not read as UTF-8. Raises SourceError at the line of the first bad byte."""
    note = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceError(1, "this file starts like UTF-16 text but is not; save it as UTF-8") from None
    else:
        if b"\x00" in data:
            raise SourceError(1, "this is not a text file (it contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            legacy = decode_legacy(data)
            if legacy is None:
                line = data[: exc.start].count(b"\n") + 1
                raise SourceError(line, f"this file is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
            text, note = legacy, LEGACY_NOTE
    return strip_control_characters(text.replace("\r\n", "\n").replace("\r", "\n")), note
