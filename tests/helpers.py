"""Helpers the tests share: where things are, small sites written inline, a static server."""

from __future__ import annotations

import functools
import os
import re
import textwrap
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"  # there, browser tests run or fail: they never skip
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"  # npm install axe-core@4

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - the test extra installs it
    expect = None
_BROWSER_MISSING = [what for what, ok in (("chromium", CHROMIUM.exists()), ("playwright", expect is not None)) if not ok]


def needs_a_browser():
    """A mark for a module of browser tests: skipped where Chromium or Playwright is missing
    (before its fixtures build anything), except under CI, where the browser fixture fails."""
    import pytest

    return pytest.mark.skipif(bool(_BROWSER_MISSING) and not IN_CI, reason=f"missing: {', '.join(_BROWSER_MISSING)}")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text} under root; text is dedented, so tests can indent it."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def h1(html: str) -> str:
    """The page title as shown: the text of its <h1>."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return found.group(1) if found else ""


class _QuietFiles(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """A built site served from the domain root, as a static host would; yields its URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietFiles, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG 2.1 A and AA violations on the page, one line each. Where axe-core is
    not installed the test is skipped, except under CI, where it fails."""
    import pytest

    if not AXE.is_file():
        (pytest.fail if IN_CI else pytest.skip)(f"axe-core is missing ({AXE}): npm install axe-core@4")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})" for v in result["violations"]]
