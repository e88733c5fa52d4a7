"""Shared helpers: small sites written inline by each test."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"


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
