"""The default theme, judged by axe-core in a real Chromium: WCAG 2.1 A and AA, light and dark."""

import pytest

from helpers import REPO, axe_violations, needs_a_browser, serving

PAGES = [
    "index.html",
    "cloud-native-journey/part-2-containers/index.html",
    "backend-roadmap/part-4-apis/index.html",
    "choosing-a-database/index.html",
    "series/cloud-native-journey/index.html",
    "difficulty/index.html",
    "difficulty/advanced/index.html",
    "comparisons/index.html",
    "tags/index.html",
    "tags/docker/index.html",
    "404.html",
    "search/index.html",
    "series/backend-developer-roadmap/index.html",
]

pytestmark = needs_a_browser()


@pytest.fixture(scope="module")
def built_sample(tmp_path_factory):
    """The sample site, served from the domain root as a static host would."""
    from roadmap_site.commands.build import build

    with serving(build(REPO, out_dir=tmp_path_factory.mktemp("a11y") / "site").out_dir) as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pages_have_no_wcag_aa_violations(built_sample, browser, scheme):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for relative in PAGES:
        page.goto(built_sample + relative)
        violations = axe_violations(page)
        if violations:
            found[relative] = violations
    context.close()
    assert found == {}


def test_theme_toggle_switches_and_sticks_without_javascript_being_needed_to_read(built_sample, browser):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(built_sample + "index.html")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    toggle = page.get_by_role("button", name="Dark theme")
    toggle.focus()
    page.keyboard.press("Enter")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    assert axe_violations(page) == []
    page.goto(built_sample + "comparisons/index.html")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == dark
    context.close()
    no_script = browser.new_context(java_script_enabled=False).new_page()
    no_script.goto(built_sample + "index.html")
    assert no_script.get_by_role("button").count() == 0  # the toggle stays hidden
    assert "Cloud Native Journey" in no_script.inner_text("main")
