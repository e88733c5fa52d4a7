"""The search index: made by the real Pagefind from the article pages alone (listing pages
show the same words but are not results), kept as it is when its pages did not change, and
queried in Chromium as the search page does."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import IN_CI, needs_a_browser, serving, write_files
from roadmap_site.commands.build import build
from roadmap_site.output.search import PAGES_DIGEST, index_site, pagefind_executable
from search_helpers import found_urls

needs_pagefind = pytest.mark.skipif(pagefind_executable() is None and not IN_CI, reason='missing: pip install "pagefind[bin]"')

SITE = {
    "roadmap.yml": "title: Search test\n",
    "content/kit/part-1.md": """\
        ---
        title: Kit one
        description: Zephyr winds over the hills.
        series: [Kit]
        tags: [ops]
        ---
        The first part.
        """,
    "content/kit/part-2.md": """\
        ---
        title: Kit two
        series: [Kit]
        ---
        The second part, about zephyr gusts.
        """,
    "content/lone.md": """\
        ---
        title: Lone
        ---
        A quokka, in no series, with no tag and no level.
        """,
}
LISTING_PAGES = ("index.html", "series/kit/index.html", "tags/ops/index.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("search")
    return build(write_files(root / "site", SITE), root / "out").out_dir


def entry_written(out: Path) -> int:
    return (out / "pagefind" / "pagefind-entry.json").stat().st_mtime_ns


@needs_pagefind
@needs_a_browser()
def test_search_finds_article_pages_and_no_listing_page(built, browser):
    assert all("Kit one" in (built / page).read_text(encoding="utf-8") for page in LISTING_PAGES)
    assert "Zephyr winds" in (built / "series/kit/index.html").read_text(encoding="utf-8")
    with serving(built) as url:
        assert found_urls(browser, url, "zephyr") == ["/kit/part-1/", "/kit/part-2/"]
        assert found_urls(browser, url, "quokka") == ["/lone/"]  # an article with no filters is found too
        assert found_urls(browser, url, "kit") == ["/kit/part-1/", "/kit/part-2/"]


@needs_pagefind
def test_only_article_pages_are_indexed(built):
    assert len(list((built / "pagefind" / "fragment").iterdir())) == 3


@needs_pagefind
def test_an_index_made_from_the_same_pages_is_kept(built):
    before = entry_written(built)
    assert index_site(built) is None
    assert entry_written(built) == before
    listing = built / "tags/ops/index.html"
    listing.write_text(listing.read_text(encoding="utf-8").replace("Zephyr", "Breeze"), encoding="utf-8")
    assert index_site(built) is None
    assert entry_written(built) == before  # a listing page is not indexed: nothing to index again


@needs_pagefind
def test_a_changed_article_page_is_indexed_again(tmp_path):
    out = build(write_files(tmp_path / "site", SITE), tmp_path / "out").out_dir
    digest = (out / "pagefind" / PAGES_DIGEST).read_text(encoding="utf-8")
    article = out / "lone/index.html"
    article.write_text(article.read_text(encoding="utf-8").replace("quokka", "wombat"), encoding="utf-8")
    assert index_site(out) is None
    assert (out / "pagefind" / PAGES_DIGEST).read_text(encoding="utf-8") != digest
    assert not [path.name for path in out.iterdir() if path.name.startswith(".pagefind-")]  # the scratch folder went


@needs_pagefind
def test_pages_of_a_theme_without_the_mark_are_all_indexed(tmp_path):
    write_files(tmp_path, {name: f"<!doctype html><html lang=en><head><title>{name}</title></head><body><p>{name} text</p></body></html>"
                           for name in ("a.html", "b/index.html")})
    assert index_site(tmp_path) is None
    assert len(list((tmp_path / "pagefind" / "fragment").iterdir())) == 2
