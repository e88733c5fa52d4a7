"""The roadmap diagram in a real Chromium: which layout shows at which width, no sideways
scroll on a phone, links that land on their heading, status styles, and axe-core."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import REPO, axe_violations, needs_a_browser, serving, write_files
from linkcheck import parse

SERIES = "series/cloud-native-journey/index.html"

pytestmark = needs_a_browser()

LONG = "An Unusually Long Part Title About Observability, Tracing and Service Level Objectives in Production"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    from roadmap_site.commands.build import build

    return build(REPO, out_dir=tmp_path_factory.mktemp("roadmap-map") / "site").out_dir


@pytest.fixture(scope="module")
def served(built):
    with serving(built) as url:
        yield url


class _MapLinks(HTMLParser):
    """The href of every <a> inside an <svg>, with the node's progress id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "svg":
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append((values.get("href") or "", values.get("data-progress-id") or ""))

    def handle_endtag(self, tag):
        if tag == "svg":
            self.depth -= 1


def map_links(path: Path) -> list[tuple[str, str]]:
    parser = _MapLinks()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def test_every_map_node_links_to_its_page_and_heading(built):
    pages = [built / "index.html", *sorted((built / "series").glob("*/index.html"))]
    checked = 0
    for page in pages:
        links = map_links(page)
        assert links, f"{page} has no map"
        for href, progress_id in links:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc and progress_id
            target = page.parent / unquote(parts.path)
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{page} -> {href}"
            if parts.fragment:
                assert unquote(parts.fragment) in parse(target).ids, f"{page} -> {href} (no such anchor)"
                assert progress_id.endswith("#" + unquote(parts.fragment))
            checked += 1
    assert checked > 60


def test_the_map_nodes_carry_the_lists_progress_ids(built):
    html = (built / SERIES).read_text(encoding="utf-8")
    start = html.index('<ol class="series-map"')
    list_ids = [chunk.split('"', 1)[0] for chunk in html[start:].split('data-progress-id="')[1:]]
    ids = [progress_id for _, progress_id in map_links(built / SERIES)]
    half = len(ids) // 2  # the wide and the narrow drawing
    assert sorted(ids[:half]) == sorted(ids[half:]) == sorted(list_ids)


def test_each_width_shows_one_drawing_and_a_phone_does_not_scroll_sideways(browser, tmp_path):
    from roadmap_site.commands.build import build

    files = {"roadmap.yml": "title: Long\n"}
    for number in (1, 2, 3):
        topics = "".join(f"## {LONG} — Topic {number}.{n} Supercalifragilisticexpialidocious\n\nDifficulty: "
                         f"{('Beginner', 'Intermediate', 'Advanced')[n % 3]}\n\nText.\n\n" for n in range(4))
        files[f"content/p{number}.md"] = f"---\ntitle: {LONG} {number}\nseries: Long Series\nseries_order: {number}\n---\n{topics}"
    out = build(write_files(tmp_path / "site", files), out_dir=tmp_path / "out").out_dir
    with serving(out) as url:
        for width, shown, hidden in ((390, "narrow", "wide"), (1280, "wide", "narrow")):
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for relative in ("series/long-series/index.html", "index.html"):
                page.goto(url + relative)
                assert page.evaluate("document.documentElement.scrollWidth") <= width, relative
            page.goto(url + "series/long-series/index.html")
            assert page.locator(f"svg.roadmap-map-{shown}").is_visible()
            assert not page.locator(f"svg.roadmap-map-{hidden}").is_visible()
            box = page.locator(f"svg.roadmap-map-{shown}").bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
            # text no smaller than 11 px on screen: the layout changes rather than shrinks
            scale = box["width"] / float(page.locator(f"svg.roadmap-map-{shown}").get_attribute("width"))
            assert 11 * scale >= 10, scale
            context.close()


STATUS_STYLES = """([id, status]) => {
  const node = document.querySelector(`svg.roadmap-map-wide [data-progress-id="${id}"]`);
  if (status) node.setAttribute("data-status", status); else node.removeAttribute("data-status");
  const rect = getComputedStyle(node.querySelector("rect"));
  return {fill: rect.fill, stroke: rect.stroke, strokeWidth: rect.strokeWidth, dashes: rect.strokeDasharray,
          opacity: getComputedStyle(node).opacity,
          check: getComputedStyle(node.querySelector(".map-check")).display,
          text: getComputedStyle(node.querySelector(".map-title")).fill};
}"""


def test_status_styles_of_the_nodes(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light", java_script_enabled=True)
    page = context.new_page()
    page.goto(served + SERIES)
    link = page.evaluate("getComputedStyle(document.querySelector('main a')).color")
    topic = page.evaluate("document.querySelector('svg.roadmap-map-wide .map-topic').getAttribute('data-progress-id')")
    part = page.evaluate("document.querySelector('svg.roadmap-map-wide .map-part').getAttribute('data-progress-id')")
    plain = page.evaluate(STATUS_STYLES, [topic, None])
    assert plain["check"] == "none" and plain["opacity"] == "1"
    done = page.evaluate(STATUS_STYLES, [topic, "done"])
    assert done["check"] != "none"  # the ✓, not colour alone
    assert done["fill"] == plain["text"] and done["text"] == "rgb(255, 255, 255)"  # filled with the level's ink
    learning = page.evaluate(STATUS_STYLES, [topic, "learning"])
    assert learning["stroke"] == link and learning["strokeWidth"] == "3.5px" and learning["check"] == "none"
    muted = page.evaluate("getComputedStyle(document.querySelector('.byline')).color")
    skipped = page.evaluate(STATUS_STYLES, [topic, "skipped"])
    assert skipped["dashes"] != "none" and skipped["check"] == "none"
    assert skipped["text"] == muted and skipped["opacity"] == "1"  # dimmed, its text still at the theme's contrast
    part_done = page.evaluate(STATUS_STYLES, [part, "done"])
    assert part_done["fill"] == link and part_done["check"] != "none"
    context.close()


def test_marks_stored_before_the_page_loads_show_on_the_map(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served + SERIES)
    topic = page.evaluate("document.querySelector('svg.roadmap-map-wide .map-topic').getAttribute('data-progress-id')")
    page.evaluate("id => localStorage.setItem('roadmap-progress', JSON.stringify({marks: {[id]: 'done'}}))", topic)
    page.reload()
    state = page.evaluate("""id => [...document.querySelectorAll(`svg [data-progress-id="${id}"]`)].map(
        n => [n.getAttribute('data-status'),
              getComputedStyle(n.querySelector('.map-check')).display])""", topic)
    assert [status for status, _ in state] == ["done", "done"]  # in the wide and the narrow drawing
    assert state[0][1] != "none"  # the ✓ shows
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_map_with_every_status_passes_axe(served, browser, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for relative in (SERIES, "index.html"):
        page.goto(served + relative)
        page.evaluate("""() => document.querySelectorAll('svg [data-progress-id]').forEach(
            (n, i) => i % 4 && n.setAttribute('data-status', ['done', 'learning', 'skipped'][i % 4 - 1]))""")
        violations = axe_violations(page)
        if violations:
            found[relative] = violations
    context.close()
    assert found == {}
