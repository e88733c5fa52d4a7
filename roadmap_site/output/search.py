"""Full-text search with Pagefind: index a built site so its search page can find articles.

The index is made after the pages are written, into a fresh folder that then replaces
OUT/pagefind whole, so a rebuild never leaves fragments of an older index behind.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from roadmap_site.errors import Problem, error, warning

BUNDLE = "pagefind"
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


def index_command(executable: Path, site_dir: Path, bundle_dir: Path) -> list[str]:
    return [str(executable), "--site", str(site_dir), "--output-path", str(bundle_dir), "--silent"]


def index_site(out_dir: Path) -> Problem | None:
    """Index the pages in out_dir into out_dir/pagefind; a Problem when that cannot be done:
    a warning when Pagefind is missing (the site works, its search page says why search does
    not), an error when Pagefind fails."""
    executable = pagefind_executable()
    if executable is None:
        return warning(str(out_dir), 1, 'search is on but Pagefind is not installed: pip install "pagefind[bin]", '
                                      "or set search: false in roadmap.yml")
    target = out_dir / BUNDLE
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=out_dir) as scratch:
        fresh = Path(scratch) / BUNDLE
        try:
            result = subprocess.run(index_command(executable, out_dir, fresh), capture_output=True, text=True,
                                    timeout=TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return error(str(out_dir), 1, f"Pagefind could not index the site: {exc}")
        if result.returncode != 0 or not (fresh / "pagefind.js").is_file():
            reason = " ".join((result.stderr or result.stdout).split())[:500] or f"exit status {result.returncode}"
            return error(str(out_dir), 1, f"Pagefind could not index the site: {reason}")
        if target.exists():
            shutil.rmtree(target)
        fresh.rename(target)
    return None
