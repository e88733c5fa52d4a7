"""Navigation in a real Chromium: the header on phones and desktops, the search box in it and
what it opens, the article's Tab order and contents, print, the favicon and the 404 page."""

import re
import shutil
from pathlib import Path
from urllib.request import urlopen

import pytest

from helpers import IN_CI, REPO, axe_violations, expect, needs_a_browser, serving
from roadmap_site.output.search import pagefind_executable

ARTICLE = "backend-roadmap/part-3-relational-databases/index.html"
PAGE_TYPES = [
    "index.html",
    ARTICLE,
    "series/backend-developer-roadmap/index.html",
    "difficulty/index.html",
    "difficulty/advanced/index.html",
    "tags/index.html",
    "comparisons/index.html",
    "search/index.html",
    "404.html",
]

pytestmark = needs_a_browser()
needs_pagefind = pytest.mark.skipif(pagefind_executable() is None and not IN_CI, reason='missing: pip install "pagefind[bin]"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample site as the build makes it, search index included, without a base URL."""
    from roadmap_site.commands.build import build

    return build(REPO, out_dir=tmp_path_factory.mktemp("nav") / "site").out_dir


@pytest.fixture(scope="module")
def served(built):
    with serving(built) as url:
        yield url




def open_page(browser, url, width=1280, scheme="light", **options):
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, **options)
    return context, context.new_page()


def test_every_page_type_has_the_header_search_box_and_slash_focuses_it(served, browser):
    context, page = open_page(browser, served)
    for relative in PAGE_TYPES:
        page.goto(served + relative)
        box = page.locator(".site-header form[role=search] input[type=search][name=q]")
        expect(box).to_have_count(1)
        assert page.locator(".site-header form[role=search]").evaluate("el => el.action").endswith("/search/index.html")
        page.locator("h1").first.click()  # the page has focus, no field does
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "header-search-input", relative
        assert box.input_value() == ""  # the slash is not typed into it
    context.close()


@needs_pagefind
def test_slash_is_typed_as_usual_in_another_field(served, browser):
    context, page = open_page(browser, served)
    page.goto(served + "search/index.html")
    field = page.locator(".pagefind-ui__search-input")
    field.click()
    page.keyboard.type("tcp/ip")
    assert field.input_value() == "tcp/ip"
    assert page.evaluate("document.activeElement.id") != "header-search-input"
    context.close()


@needs_pagefind
def test_a_search_from_the_header_opens_a_result_with_the_word_marked(served, browser):
    context, page = open_page(browser, served)
    page.goto(served + "index.html")
    page.locator("#header-search-input").fill("transactions")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/(index\.html)?\?q=transactions$"))
    results = page.locator(".pagefind-ui__result-link")
    expect(results.first).to_be_visible(timeout=15000)
    expect(page.locator(".pagefind-ui__search-input")).to_have_value("transactions")
    assert "highlight=transactions" in results.first.get_attribute("href")
    results.first.click()
    mark = page.locator(".prose mark").first
    expect(mark).to_be_visible(timeout=10000)
    assert mark.inner_text().casefold().startswith("transaction")
    context.close()


@needs_pagefind
def test_the_difficulty_filter_shows_only_the_topics_of_the_chosen_level(served, browser):
    context, page = open_page(browser, served)
    page.goto(served + "search/index.html?q=transactions")
    titles = page.locator(".pagefind-ui__result-title")
    expect(titles.filter(has_text="(Intermediate)").first).to_be_visible(timeout=15000)
    page.locator(".pagefind-ui__filter-name", has_text="Difficulty").click()
    page.locator('.pagefind-ui__filter-checkbox[name="Difficulty"][value="Advanced"]').check()
    expect(titles.filter(has_text="(Intermediate)")).to_have_count(0, timeout=10000)
    expect(titles.filter(has_text="5. Isolation Levels and Locking (Advanced)")).to_be_visible()
    assert "Difficulty filter keeps the pages that have topics" in page.inner_text("main")
    context.close()


def test_after_the_skip_link_tab_reaches_the_article_text_before_the_sidebar(served, browser):
    context, page = open_page(browser, served)
    page.goto(served + ARTICLE)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    for presses in range(1, 40):
        page.keyboard.press("Tab")
        where = page.evaluate("""() => {
            const el = document.activeElement;
            return el.closest('.article-aside') ? 'aside' : el.closest('.prose') && el.tagName === 'A' ? 'prose' : 'other';
        }""")
        assert where != "aside", f"a sidebar control at Tab {presses}"
        if where == "prose":
            break
    else:
        pytest.fail("Tab never reached the article's text")
    assert presses <= 6  # the series link and the page's progress marks come first
    context.close()


def test_on_a_phone_the_header_is_one_row_and_the_sidebar_one_closed_box(served, browser):
    context, page = open_page(browser, served, width=390)
    for relative in PAGE_TYPES:
        page.goto(served + relative)
        assert page.locator(".site-header").bounding_box()["height"] <= 64, relative
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, relative
    page.goto(served + ARTICLE)
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#site-menu")).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Site").get_by_role("link", name="Difficulty")).to_be_visible()
    expect(page.locator("#header-search-input")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    toggle.click()
    expect(page.locator("#site-menu")).to_be_hidden()
    boxes = page.locator(".article-aside details.on-this-page")
    expect(boxes).to_have_count(1)
    assert boxes.get_attribute("open") is None
    expect(boxes.locator("summary")).to_have_text("On this page")
    expect(page.locator(".toc")).to_be_hidden()
    assert boxes.bounding_box()["y"] < page.locator(".prose").bounding_box()["y"]  # shown above the text
    context.close()


def test_without_javascript_the_phone_menu_stays_open(served, browser):
    context, page = open_page(browser, served, width=390, java_script_enabled=False)
    page.goto(served + ARTICLE)
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Site").get_by_role("link", name="Difficulty")).to_be_visible()
    context.close()


def test_the_contents_mark_the_section_scrolled_to_and_number_once(served, browser):
    context, page = open_page(browser, served)
    page.goto(served + ARTICLE)
    links = page.locator(".toc a")
    first = links.first.inner_text()
    assert page.locator(".toc ol").first.evaluate("el => getComputedStyle(el).listStyleType") == "none"
    entry = page.locator(".toc a", has_text="Transactions and ACID")
    anchor = entry.get_attribute("href")[1:]
    page.locator(f"[id='{anchor}']").scroll_into_view_if_needed()
    page.evaluate(f"document.getElementById({anchor!r}).scrollIntoView({{block: 'start'}})")
    expect(entry).to_have_attribute("aria-current", "true", timeout=5000)
    expect(page.locator('.toc a[aria-current="true"]')).to_have_count(1)
    assert entry.evaluate("el => getComputedStyle(el).borderLeftColor") != "rgba(0, 0, 0, 0)"
    assert first != entry.inner_text()
    context.close()


def _luminance(colour: str) -> float:
    red, green, blue = (int(part) / 255 for part in re.findall(r"[\d.]+", colour)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("theme", [None, "dark"])
def test_print_hides_the_navigation_and_prints_code_dark_on_light(served, browser, theme):
    context, page = open_page(browser, served, scheme="dark")
    if theme:
        page.add_init_script(f"localStorage.setItem('roadmap-theme', {theme!r})")
    page.goto(served + ARTICLE)
    page.emulate_media(media="print", color_scheme="dark")
    for selector in (".site-header", ".site-footer", ".article-aside", ".series-nav", ".prerequisites", ".progress-mark"):
        for one in page.locator(selector).all():
            expect(one).to_be_hidden()
    assert page.locator("h2").first.evaluate("el => getComputedStyle(el).breakAfter") == "avoid"
    code = page.locator(".highlight").first
    text = code.evaluate("el => getComputedStyle(el).color")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert _luminance(text) < 0.3 and _luminance(background) > 0.8
    tokens = code.evaluate(
        "el => [...el.querySelectorAll('span')].filter(s => s.textContent.trim()).map(s => getComputedStyle(s).color)"
    )
    assert tokens and max(_luminance(colour) for colour in tokens) < 0.6  # no pale grey on paper
    context.close()


def test_the_favicon_link_resolves_to_an_svg(served, browser):
    context, page = open_page(browser, served)
    for relative in ("index.html", ARTICLE):
        page.goto(served + relative)
        icon = page.locator('link[rel="icon"]')
        assert icon.get_attribute("type") == "image/svg+xml"
        answer = page.request.get(icon.evaluate("el => el.href"))
        assert answer.ok and answer.body().lstrip().startswith(b"<svg")
    context.close()


def test_the_404_page_is_styled_under_a_project_path_built_without_a_base_url(built, browser, tmp_path):
    shutil.copytree(built, tmp_path / "repo")
    with serving(tmp_path) as url:
        assert urlopen(url + "repo/404.html").status == 200
        for script in (True, False):
            context, page = open_page(browser, url, width=390, java_script_enabled=script)
            page.goto(url + "repo/404.html")  # what GitHub Pages serves for /repo/missing/
            assert page.locator(".site-header").evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"
            assert page.evaluate("getComputedStyle(document.body).margin") == "0px"
            if script:
                expect(page.locator(".brand")).to_have_attribute("href", "/repo/index.html")
                expect(page.locator('link[rel="stylesheet"]')).to_have_attribute("href", "/repo/assets/style.css")
                expect(page.locator(".header-search input")).to_have_css("border-radius", "999px")  # the full stylesheet
                expect(page.locator(".menu-toggle")).to_be_visible()  # the scripts found too
                assert page.request.get(page.locator(".brand").evaluate("el => el.href")).ok
            context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_the_article_page_with_the_menu_open_has_no_wcag_aa_violations(served, browser, scheme, width):
    context, page = open_page(browser, served, width=width, scheme=scheme)
    page.goto(served + ARTICLE)
    if width < 700:
        page.get_by_role("button", name="Menu").click()
        page.locator(".on-this-page > summary").click()
    page.locator("#header-search-input").focus()
    assert axe_violations(page) == []
    context.close()
