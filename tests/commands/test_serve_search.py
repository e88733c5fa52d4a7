"""Search in the preview: the SearchIndexer on its own with the real Pagefind, then a whole
DevServer indexing after its first build and again after an edit, whose new word the index,
queried in Chromium over the server's HTTP, then finds."""

from __future__ import annotations

from pathlib import Path

import pytest

from commands.serve_helpers import ARTICLE, fetch, generation, next_change, serving, wait_until
from helpers import needs_a_browser
from roadmap_site.commands.build import build
from roadmap_site.commands.serve.indexing import SearchIndexer
from roadmap_site.output.search import index_site, pagefind_executable
from search_helpers import found_urls

INDEXING_TIMEOUT = 60.0  # seconds: Pagefind on a handful of pages takes well under one

needs_pagefind = pytest.mark.skipif(pagefind_executable() is None, reason="Pagefind is not installed")


@pytest.fixture
def indexer(tmp_path):
    said: list[str] = []
    made = SearchIndexer(tmp_path / "out", said.append, quiet=0.05)
    made.said, made.out = said, tmp_path / "out"
    made.start()
    try:
        yield made
    finally:
        made.stop()


@needs_pagefind
def test_pokes_index_the_pages_once_they_pause(site, indexer):
    build(site({"content/a.md": ARTICLE}), indexer.out, search=False)
    assert not (indexer.out / "pagefind").exists()
    indexer.enabled = True
    for _ in range(5):
        indexer.poke()
    assert indexer.wait_idle(INDEXING_TIMEOUT)
    assert (indexer.out / "pagefind/pagefind-entry.json").is_file()
    assert indexer.said == []


def test_nothing_is_indexed_while_search_is_off(site, indexer):
    build(site({"content/a.md": ARTICLE}), indexer.out, search=False)
    indexer.poke()
    assert indexer.wait_idle(INDEXING_TIMEOUT)
    assert not (indexer.out / "pagefind").exists()
    assert indexer.said == []


@needs_pagefind
def test_a_pagefind_failure_is_said(indexer):
    indexer.out.mkdir()  # no pages: Pagefind refuses
    indexer.enabled = True
    indexer.poke()
    assert indexer.wait_idle(INDEXING_TIMEOUT)
    assert indexer.said == [str(index_site(indexer.out))]


def test_search_is_indexed_after_the_pages_and_again_after_an_edit(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        index = server.out_dir / "pagefind" / "pagefind-entry.json"
        assert wait_until(index.is_file, timeout=15), "the first build was never indexed"
        first = index.stat().st_mtime_ns
        before = generation(server.channel)
        (root / "content/a.md").write_text(ARTICLE.replace("alpha", "omega"))
        next_change(server.channel, before)
        assert "omega" in fetch(server, "/a/index.html")[2]
        assert wait_until(lambda: remade_since(index, first), timeout=15), "the edit was never indexed"


@needs_pagefind
@needs_a_browser()
def test_an_edited_word_is_found_once_the_index_refreshes(site, browser):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        index = server.out_dir / "pagefind" / "pagefind-entry.json"
        assert wait_until(index.is_file, timeout=15), "the first build was never indexed"
        assert found_urls(browser, server.url, "hello") == ["/a/"]
        assert found_urls(browser, server.url, "omega") == []
        first = index.stat().st_mtime_ns
        (root / "content/a.md").write_text(ARTICLE.replace("alpha", "omega"))
        assert wait_until(lambda: remade_since(index, first), timeout=15), "the edit was never indexed"
        assert found_urls(browser, server.url, "omega") == ["/a/"]


def remade_since(index: Path, first: int) -> bool:
    """Whether the index file was written after `first`; the bundle is swapped by two
    renames, between which it is missing."""
    try:
        return index.stat().st_mtime_ns != first
    except FileNotFoundError:
        return False
