"""The last build of a site into an output folder, to tell when the output is already up to date.

A build's inputs are roadmap-site itself, the config and options, and the bytes of every
source, template and static file. When their digest equals the one recorded after the last
good build into the same folder, and every file that build wrote is still there, there is
nothing to do: the build reports what the last one did, warnings included, as `make` does.
The record is kept in the user's cache folder, beside the site's parsed articles, and never
in the output folder, which may be published.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from roadmap_site import __version__
from roadmap_site.errors import Problem, warning
from roadmap_site.incremental.fingerprints import fingerprint
from roadmap_site.output.fs import atomic_write, read_manifest


FORMAT = f"roadmap-site {__version__} last build 2"


@dataclass(frozen=True)
class LastBuild:
    inputs: str  # the digest of everything the build read
    articles: int
    pages: int
    warnings: tuple[Problem, ...]


def record_path(cache_dir: Path, out_dir: Path) -> Path:
    """Where the last build into out_dir is recorded, in the site's cache folder."""
    return cache_dir / "builds" / f"{fingerprint(str(out_dir.resolve()))[:20]}.json"


def read_last_build(path: Path) -> LastBuild | None:
    """The recorded build, or None when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
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
        "format": FORMAT,
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
