"""Full-text search with Pagefind: index a built site so its search page can find articles.

Only the pages marked for search (`data-pagefind-body`: the article pages of the default
theme) are indexed. Pagefind would leave the other pages out of its results anyway, but only
after parsing them, and the listing pages are most of a large site's bytes; so the marked pages
are linked into a folder of their own, at the same relative paths, and Pagefind reads that.

Pagefind cannot update an index in place: every index is made whole. What it can be spared is
a run that would make the same index again: the bundle records a digest of the pages it was
made from, and an index whose pages have not changed is kept as it is.

The index is made into a fresh folder that then replaces OUT/pagefind whole, so a rebuild
never leaves fragments of an older index behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from roadmap_site.errors import Problem, error, warning

BUNDLE = "pagefind"
SEARCH_MARK = b"data-pagefind-body"
PAGES_DIGEST = "roadmap-site-pages.digest"  # in the bundle: what its index was made from
TIMEOUT_SECONDS = 3600  # a guard against a hung indexer; 100,000 pages take about five minutes


def pagefind_executable() -> Path | None:
    """The Pagefind binary from the `pagefind[bin]` package, or one on PATH."""
    try:
        from pagefind.service import get_executable  # noqa: PLC0415 - an optional dependency
    except ImportError:
        get_executable = None
    if get_executable is not None:
        try:
            found = get_executable()
        except Exception:  # the package raises when its binary package is missing
            found = None
        if found is not None and Path(found).is_file():
            return Path(found)
    on_path = shutil.which("pagefind")
    return Path(on_path) if on_path else None


def index_command(executable: Path, pages_dir: Path, bundle_dir: Path) -> list[str]:
    return [str(executable), "--site", str(pages_dir), "--output-path", str(bundle_dir), "--silent"]


def html_files(out_dir: Path) -> Iterator[str]:
    """Every .html file under out_dir, relative, in a stable order; folders whose names start
    with '.' (the staging folder, an indexing under way) and the search bundle are not pages."""
    for folder, subfolders, files in os.walk(out_dir):
        if folder == str(out_dir):
            subfolders[:] = [name for name in subfolders if name != BUNDLE]
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        relative = os.path.relpath(folder, out_dir)
        for name in sorted(files):
            if name.endswith(".html"):
                yield name if relative == "." else f"{relative}/{name}"


def searchable_pages(out_dir: Path) -> tuple[list[str], str]:
    """The pages Pagefind indexes, and a digest of their paths and bytes: the pages marked for
    search, or, as Pagefind has it, every page when none is marked (a theme without the mark).
    Each page is read once; only the marked ones are kept, as their digests."""
    pages = list(html_files(out_dir))
    marked = {}
    for relative in pages:
        data = (out_dir / relative).read_bytes()
        if SEARCH_MARK in data:
            marked[relative] = hashlib.blake2b(data, digest_size=16).digest()
    if not marked:
        marked = {relative: hashlib.blake2b((out_dir / relative).read_bytes(), digest_size=16).digest() for relative in pages}
    digest = hashlib.blake2b(digest_size=16)
    for relative, page_digest in marked.items():
        digest.update(relative.encode() + b"\0" + page_digest)
    return list(marked), digest.hexdigest()


def indexer_digest(executable: Path, of_pages: str) -> str:
    """What an index depends on: its pages, and the Pagefind that made it."""
    made_by = executable.stat()
    return f"{of_pages} {executable} {made_by.st_size} {made_by.st_mtime_ns}"


def recorded_digest(bundle_dir: Path) -> str | None:
    try:
        return (bundle_dir / PAGES_DIGEST).read_text(encoding="utf-8")
    except OSError:
        return None


def link_pages(out_dir: Path, pages: list[str], into: Path) -> None:
    """`into` holds each page at its relative path: a hard link, or a copy where the file
    system has none."""
    for relative in pages:
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(out_dir / relative, target)
        except OSError:
            shutil.copyfile(out_dir / relative, target)


def index_site(out_dir: Path) -> Problem | None:
    """Index the pages of out_dir marked for search into out_dir/pagefind, unless its index
    was made from these very pages; a Problem when that cannot be done: a warning when
    Pagefind is missing (the site works, its search page says why search does not), an error
    when Pagefind fails."""
    executable = pagefind_executable()
    if executable is None:
        return warning(str(out_dir), 1, 'search is on but Pagefind is not installed: pip install "pagefind[bin]", '
                                      "or set search: false in roadmap.yml")
    target = out_dir / BUNDLE
    pages, of_pages = searchable_pages(out_dir)
    digest = indexer_digest(executable, of_pages)
    if recorded_digest(target) == digest and (target / "pagefind.js").is_file():
        return None
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=out_dir) as scratch:
        pages_dir, fresh = Path(scratch) / "pages", Path(scratch) / BUNDLE
        pages_dir.mkdir()
        link_pages(out_dir, pages, pages_dir)
        problem = run_pagefind(executable, pages_dir, fresh, out_dir)
        if problem is not None:
            return problem
        (fresh / PAGES_DIGEST).write_text(digest, encoding="utf-8")
        if target.exists():  # out of the way, to go with the scratch folder: the index is missing only between two renames
            target.rename(Path(scratch) / "replaced")
        fresh.rename(target)
    return None


def run_pagefind(executable: Path, pages_dir: Path, bundle_dir: Path, out_dir: Path) -> Problem | None:
    """Pagefind over pages_dir, its bundle into bundle_dir; an error naming out_dir when it fails."""
    try:
        result = subprocess.run(index_command(executable, pages_dir, bundle_dir), capture_output=True, text=True,
                                timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return error(str(out_dir), 1, f"Pagefind could not index the site: {exc}")
    if result.returncode != 0 or not (bundle_dir / "pagefind.js").is_file():
        reason = " ".join((result.stderr or result.stdout).split())[:500] or f"exit status {result.returncode}"
        return error(str(out_dir), 1, f"Pagefind could not index the site: {reason}")
    return None
