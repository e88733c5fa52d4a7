"""Querying a real Pagefind index the way the search page does: Pagefind's own script,
loaded from the site's bundle in Chromium, asked for words."""

from __future__ import annotations

SEARCH_TIMEOUT_MS = 15_000

_SEARCH = """async ([bundle, words]) => {
  const pagefind = await import(bundle + "pagefind.js");
  const found = await pagefind.search(words);
  const pages = await Promise.all(found.results.map((result) => result.data()));
  return pages.map((page) => page.url).sort();
}"""


def found_urls(browser, site_url: str, words: str) -> list[str]:
    """The URLs of the pages the site's index finds for `words`, sorted; site_url ends in '/'."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_default_timeout(SEARCH_TIMEOUT_MS)
        page.goto(site_url + "search/index.html")
        return page.evaluate(_SEARCH, [site_url + "pagefind/", words])
    finally:
        context.close()
