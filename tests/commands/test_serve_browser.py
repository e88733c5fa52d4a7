"""Live reload in a real browser: Debian's Chromium driven by Playwright, no test reloads.

The page's own EventSource is wrapped (FOLLOW_DECISIONS) so that a test sees each decision
the live-reload script makes, once it has made it: after its handler has run on a message,
"stayed" when the stream is still open, "reloading" when the script closed it to reload.
With the server idle (no rebuild pending or running, so no newer generation can come), a
page whose latest message was "stayed" will not reload: the tests assert then, not after a
pause."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from commands.serve_helpers import ARTICLE, SIGNAL_TIMEOUT, generation, next_change, settled
from roadmap_site.commands.serve.server import DevServer

FOLLOW_DECISIONS = """
(() => {
  const Native = window.EventSource;
  window.reloadDecisions = [];
  window.EventSource = class extends Native {
    set onmessage(handler) {
      super.onmessage = (message) => {
        handler(message);
        window.reloadDecisions.push(this.readyState === Native.CLOSED ? "reloading" : "stayed");
      };
    }
  };
})();
"""


@pytest.fixture
def server(site):
    made: list[DevServer] = []

    def start(files: dict[str, str]) -> DevServer:
        dev = DevServer(site(files), port=0, say=lambda line: None)
        dev.start()
        made.append(dev)
        return dev

    yield start
    for dev in made:
        dev.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(FOLLOW_DECISIONS)
    page = context.new_page()
    yield page
    context.close()


def open_counting_loads(page, url: str) -> list[str]:
    """Open url and return a list that grows by one at every later page load."""
    loads: list[str] = []
    page.goto(url)
    page.wait_for_function("() => document.readyState === 'complete'")
    page.on("load", lambda: loads.append(page.url))
    return loads


def decisions(page, count: int) -> list[str]:
    """The live-reload script's decisions in the current page, once it has made `count`."""
    page.wait_for_function("count => window.reloadDecisions.length >= count", arg=count,
                           timeout=SIGNAL_TIMEOUT * 1000)
    return page.evaluate("() => window.reloadDecisions")


def test_an_edit_shows_up_without_the_test_reloading(server, page):
    dev = server({"content/a.md": ARTICLE})
    open_counting_loads(page, dev.url + "a/")
    expect(page.locator("main")).to_contain_text("Hello from alpha.")
    (dev.site_dir / "content/a.md").write_text(ARTICLE.replace("Hello", "Edited"))
    expect(page.locator("main")).to_contain_text("Edited from alpha.", timeout=2000)


def test_an_atomic_save_reloads_the_page_exactly_once(server, page):
    dev = server({"content/a.md": ARTICLE})
    loads = open_counting_loads(page, dev.url + "a/")
    assert decisions(page, 1) == ["stayed"]  # the page follows the server's generation
    temporary = dev.site_dir / "content/.a.md.swp"
    temporary.write_text(ARTICLE.replace("Hello", "Saved"))
    os.replace(temporary, dev.site_dir / "content/a.md")
    expect(page.locator("main")).to_contain_text("Saved from alpha.", timeout=2000)
    assert settled(dev).rebuild_count == 1
    # The reloaded page is current: it stays, also when the listing pages the same save
    # changed are announced after it (the page itself was made at once, before them).
    assert set(decisions(page, 1)) == {"stayed"}
    page.wait_for_load_state("load")
    assert len(loads) == 1
    assert dev.rebuild_count == 1


def test_a_page_the_save_did_not_change_stays_as_it_is(server, page):
    dev = server({"content/a.md": ARTICLE, "content/b.md": "---\ntitle: Beta\n---\nHello from beta.\n"})
    loads = open_counting_loads(page, dev.url + "b/")
    assert decisions(page, 1) == ["stayed"]
    since = dev.channel.snapshot()[0].generation
    (dev.site_dir / "content/a.md").write_text(ARTICLE.replace("Hello", "Edited"))
    next_change(dev.channel, since)
    assert settled(dev).reload_count == 1
    assert set(decisions(page, 2)) == {"stayed"}  # told of the new build, and not concerned by it
    assert loads == []


def test_a_stylesheet_change_restyles_without_navigating(server, page):
    dev = server({
        "content/a.md": ARTICLE,
        "static/assets/style.css": "body { color: rgb(1, 2, 3); }\n",
    })
    loads = open_counting_loads(page, dev.url + "a/")
    page.wait_for_function("() => getComputedStyle(document.body).color === 'rgb(1, 2, 3)'")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    (dev.site_dir / "static/assets/style.css").write_text("body { color: rgb(4, 5, 6); }\n")
    page.wait_for_function("() => getComputedStyle(document.body).color === 'rgb(4, 5, 6)'", timeout=2000)
    assert page.evaluate("() => window.stillTheSamePage") is True
    assert settled(dev).rebuild_count == 1
    assert decisions(page, 2) == ["stayed", "stayed"]
    assert loads == []


def test_a_broken_save_shows_the_problems_and_a_good_one_recovers(server, page):
    dev = server({"content/a.md": ARTICLE})
    open_counting_loads(page, dev.url + "a/")
    (dev.site_dir / "content/a.md").write_text("---\ntitle: [x\n---\n")
    expect(page.locator("h1")).to_contain_text("The build failed", timeout=2000)
    expect(page.locator(".build-problems")).to_contain_text("a.md:")
    (dev.site_dir / "content/a.md").write_text(ARTICLE.replace("Hello", "Recovered"))
    expect(page.locator("main")).to_contain_text("Recovered from alpha.", timeout=2000)


def test_a_page_opened_after_a_build_is_not_reloaded_for_it(server, page):
    dev = server({"content/a.md": ARTICLE})
    before = generation(dev.channel)
    (dev.site_dir / "content/a.md").write_text(ARTICLE.replace("Hello", "Earlier"))
    next_change(dev.channel, before)
    assert settled(dev).reload_count == 1
    loads = open_counting_loads(page, dev.url + "a/")
    expect(page.locator("main")).to_contain_text("Earlier from alpha.")
    assert decisions(page, 1) == ["stayed"]
    assert loads == []
