"""Shared helpers: small sites written inline by each test."""

from __future__ import annotations

import functools
import os
import textwrap
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CHROMIUM = Path("/usr/bin/chromium")
IN_CI = os.environ.get("CI") == "true"  # there, browser tests run or fail: they never skip


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


@pytest.fixture(autouse=True)
def private_cache_home(tmp_path_factory, monkeypatch):
    """Builds in tests keep their cache (and its key) in a folder of the test run's own,
    never in the real user's; subprocesses inherit it."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache-home"))


@pytest.fixture
def site(tmp_path: Path):
    """A factory: site({"content/a.md": "..."}) returns the site folder."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_files(tmp_path / "site", files)

    return make


def h1(html: str) -> str:
    """The page title as shown: the text of its <h1>."""
    import re

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


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole run, driven by Playwright. Where it is
    missing, browser tests are skipped, except under CI, where they fail."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    missing = "playwright is not installed" if sync_playwright is None else (
        None if CHROMIUM.is_file() else f"{CHROMIUM} is missing (apt-get install chromium)")
    if missing:
        if IN_CI:
            pytest.fail(f"browser tests cannot run under CI: {missing}")
        pytest.skip(missing)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield launched
        launched.close()
