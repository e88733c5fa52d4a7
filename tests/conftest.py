"""Fixtures every test may use: a private cache folder, a site factory, one Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CHROMIUM, IN_CI, write_files


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
