"""A learner in a real Chromium: progress marks that persist, export and import, the difficulty
filter, search with filters, and every control by keyboard."""

import json
from pathlib import Path

import pytest

from helpers import IN_CI, REPO, axe_violations, expect, needs_a_browser, serving
from roadmap_site.output.search import pagefind_executable

SERIES = "series/cloud-native-journey/index.html"
TOPICS = 17  # in the sample's Cloud Native Journey

pytestmark = needs_a_browser()
needs_pagefind = pytest.mark.skipif(pagefind_executable() is None and not IN_CI, reason='missing: pip install "pagefind[bin]"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The sample site as the build makes it: pages, then the search index."""
    from roadmap_site.commands.build import build

    return build(REPO, out_dir=tmp_path_factory.mktemp("learner") / "site").out_dir


@pytest.fixture(scope="module")
def served(built):
    with serving(built) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(accept_downloads=True)
    yield context
    context.close()


def topic(page, anchor: str):
    return page.locator(f'li[data-progress-id$="#{anchor}"]').first


def status(page, anchor: str):
    """The status menu of a topic's row: one per topic, named after the topic."""
    return topic(page, anchor).locator("select.mark-select").first


def mark(page, anchor: str, state: str) -> None:
    status(page, anchor).select_option(label=state)


def test_marks_and_progress_bars_persist_across_reloads_and_pages(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    summary = page.locator(".page-header .progress-text")
    expect(summary).to_have_text(f"0 of {TOPICS} topics done")
    mark(page, "what-cloud-native-actually-means", "Done")
    mark(page, "writing-a-good-dockerfile", "Done")
    mark(page, "services-and-ingress", "Learning")
    expect(summary).to_have_text(f"2 of {TOPICS} topics done · 1 learning")
    page.reload()
    expect(status(page, "writing-a-good-dockerfile")).to_have_value("done")
    expect(status(page, "services-and-ingress")).to_have_value("learning")
    assert page.locator(".page-header progress").evaluate("p => [p.value, p.max]") == [2, TOPICS]
    mark(page, "services-and-ingress", "Not started")  # clears the mark
    expect(summary).to_have_text(f"2 of {TOPICS} topics done")
    page.goto(served + "index.html")
    card = page.locator(".series-card", has_text="Cloud Native Journey")
    expect(card.locator(".progress-text")).to_have_text(f"2 of {TOPICS} topics done")
    page.goto(served + "cloud-native-journey/part-2-containers/index.html")
    aside = page.locator(".topics-summary")
    expect(status(aside, "writing-a-good-dockerfile")).to_have_value("done")
    assert axe_violations(page) == []


def test_export_then_import_restores_progress_in_a_fresh_browser(served, browser, context, tmp_path):
    page = context.new_page()
    page.goto(served + SERIES)
    mark(page, "registries-tags-and-digests", "Done")
    mark(page, "operators-and-custom-resources", "Skipped")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["format"] == "roadmap-progress"
    assert data["marks"]["cloud-native-journey/part-2-containers#registries-tags-and-digests"] == "done"

    fresh = browser.new_context()
    other = fresh.new_page()
    other.goto(served + "index.html")
    with other.expect_file_chooser() as chooser:
        other.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(exported))
    expect(other.get_by_role("status").filter(has_text="Imported")).to_have_text(
        f"Imported: {len(data['marks'])} added, 0 changed, 0 kept.")
    other.goto(served + SERIES)
    expect(status(other, "registries-tags-and-digests")).to_have_value("done")
    expect(status(other, "operators-and-custom-resources")).to_have_value("skipped")
    fresh.close()


def test_difficulty_filter_and_hide_done(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    topics = page.locator("[data-progress-map] li[data-difficulty]")
    page.get_by_label("Show topics").select_option(label="Only Beginner")
    shown = [t.get_attribute("data-difficulty") for t in topics.all() if t.is_visible()]
    assert shown and set(shown) == {"beginner"}
    mark(page, "what-cloud-native-actually-means", "Done")
    page.get_by_label("Hide done").check()
    expect(topic(page, "what-cloud-native-actually-means")).to_be_hidden()
    assert len([t for t in topics.all() if t.is_visible()]) == len(shown) - 1
    page.get_by_label("Show topics").select_option(label="All difficulties")
    page.get_by_label("Hide done").uncheck()
    assert all(t.is_visible() for t in topics.all())


def test_every_control_is_reached_and_used_by_keyboard(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const e = document.activeElement;
            const part = e.closest('.series-part > .progress-slot') ? 'part' : 'topic';
            return e.tagName + ':' + (e.classList.contains('mark-select') ? part : e.id || e.textContent.trim().slice(0, 30)); }""")
        reached.add(focused)
        if focused.startswith("BUTTON:Import"):
            break
    for control in ("SELECT:filter-level", "INPUT:filter-hide-done", "SELECT:part", "SELECT:topic",
                    "BUTTON:Export progress", "BUTTON:Import progress"):
        assert control in reached, control
    menu = status(page, "networking-for-service-developers")
    menu.focus()
    page.keyboard.press("d")
    expect(menu).to_have_value("done")
    page.keyboard.press("r")
    expect(menu).to_have_value("")
    level = page.get_by_label("Show topics")
    level.focus()
    page.keyboard.press("ArrowDown")
    assert level.input_value() == "beginner"
    hide = page.get_by_label("Hide done")
    hide.focus()
    page.keyboard.press("Space")
    assert hide.is_checked()
    page.get_by_role("button", name="Export progress").focus()
    with page.expect_download():
        page.keyboard.press("Enter")


def test_without_javascript_no_control_shows_and_the_map_reads_in_order(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + SERIES)
    assert page.get_by_role("button").count() == 0
    assert page.locator("progress").count() == 0
    assert page.locator("select").count() == 0
    titles = page.locator("[data-progress-map] > li h2").all_text_contents()
    assert titles[0] == "Part 1: Foundations You Need Before the First Container"
    assert not [title for title in titles if "Cloud Native Journey" in title]  # part titles do not repeat the series
    context.close()


@needs_pagefind
def test_search_finds_a_word_of_the_body_and_the_difficulty_filter_narrows(served, context):
    page = context.new_page()
    page.goto(served + "search/index.html")
    expect(page.locator("#search-status")).to_be_hidden()
    page.locator(".pagefind-ui__search-input").fill("kubernetes")
    results = page.locator(".pagefind-ui__result-link")
    expect(results.first).to_be_visible()
    page.wait_for_timeout(500)  # results arrive in batches
    everything = results.count()
    page.locator(".pagefind-ui__filter-name", has_text="Difficulty").click()
    page.get_by_label("Beginner", exact=False).first.check()
    expect(results).not_to_have_count(everything)
    expect(results.first).to_be_visible()  # the narrowed results, not the emptied list before them
    page.wait_for_timeout(500)
    narrowed = results.count()
    assert 0 < narrowed < everything
    page.locator(".pagefind-ui__search-input").fill("namespaces")
    page.get_by_label("Beginner", exact=False).first.uncheck()
    expect(page.locator(".pagefind-ui__result-link", has_text="Packaging Services with Containers")).to_be_visible()


def test_search_page_says_plainly_it_cannot_run_from_a_file(built, context):
    page = context.new_page()
    page.goto((built / "search/index.html").as_uri())
    expect(page.locator("#search-status")).to_contain_text("cannot run from a file opened on disk")
    expect(page.locator("#search-status")).to_contain_text("file://")


def test_indexing_without_pagefind_is_a_warning_not_a_failure(tmp_path, monkeypatch):
    import roadmap_site.output.search as search

    monkeypatch.setattr(search, "pagefind_executable", lambda: None)
    problem = search.index_site(tmp_path)
    assert problem.severity == "warning" and 'pip install "pagefind[bin]"' in problem.message
