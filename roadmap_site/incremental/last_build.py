"""The last build of a site into an output folder, to tell when the output is already up to date.

A build's inputs are roadmap-site itself, the config and options, and the bytes of every
source, template and static file. When their digest equals the one recorded after the last
good build into the same folder, and every file that build wrote is still there, there is
nothing to do: the build reports what the last one did, warnings included, as `make` does.
The record is kept in the user's cache folder, beside the site's parsed articles, and never
in the output folder, which may be published.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from roadmap_site import __version__
from roadmap_site.errors import Problem, warning
from roadmap_site.output.fs import atomic_write, read_manifest


@lru_cache(maxsize=1)
def code_digest() -> str:
    """roadmap-site's own code: a build or cache entry made by other code is never reused,
    even between two commits that share a version number."""
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


_FORMAT = f"roadmap-site {__version__} last build 1"


@dataclass(frozen=True)
class LastBuild:
    inputs: str  # the digest of everything the build read
    articles: int
    pages: int
    warnings: tuple[Problem, ...]


def record_path(cache_dir: Path, out_dir: Path) -> Path:
    """Where the last build into out_dir is recorded, in the site's cache folder."""
    name = hashlib.sha256(str(out_dir.resolve()).encode("utf-8", "surrogatepass")).hexdigest()[:20]
    return cache_dir / "builds" / f"{name}.json"


def folder_files(folders: Iterable[Path]) -> Iterable[tuple[str, Path]]:
    """(name relative to its folder, path) for every file under each existing folder, in a
    stable order."""
    for folder in folders:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    yield path.relative_to(folder).as_posix(), path


class InputsDigest:
    """A digest of named byte strings, fed one at a time; names keep two inputs with the
    same bytes in different places apart."""

    def __init__(self, *settings: str):
        self._hash = hashlib.sha256()
        self.add(_FORMAT, code_digest().encode())
        for setting in settings:
            self.add(setting, b"")

    def add(self, name: str, data: bytes) -> None:
        self._hash.update(name.encode("utf-8", "surrogatepass") + b"\0" + len(data).to_bytes(8, "big"))
        self._hash.update(data)

    def add_files(self, label: str, files: Iterable[tuple[str, Path]]) -> None:
        for name, path in files:
            self.add(f"{label}:{name}", path.read_bytes())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def read_last_build(path: Path) -> LastBuild | None:
    """The recorded build, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != _FORMAT:
            return None
        return LastBuild(
            inputs=str(data["inputs"]),
            articles=int(data["articles"]),
            pages=int(data["pages"]),
            warnings=tuple(warning(str(p), int(line), str(message)) for p, line, message in data["warnings"]),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def write_last_build(path: Path, build: LastBuild) -> None:
    data = {
        "format": _FORMAT,
        "inputs": build.inputs,
        "articles": build.articles,
        "pages": build.pages,
        "warnings": [[p.path, p.line, p.message] for p in build.warnings],
    }
    try:
        atomic_write(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only cache folder: the next build does the work again


def forget_last_build(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        pass


def output_intact(out_dir: Path, search_index: bool) -> bool:
    """Every file the last build wrote is still in out_dir (and the search index, when wanted)."""
    written = read_manifest(out_dir)
    if not written:
        return False
    if search_index and not (out_dir / "pagefind" / "pagefind.js").is_file():
        return False
    return all(os.path.isfile(out_dir / path) for path in written)
