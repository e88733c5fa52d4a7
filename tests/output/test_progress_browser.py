"""Progress marks on the series map in a real Chromium: one status menu per topic and part, what
marking a part means, counts, "Hide done", keyboard shortcuts, the data-status contract other
views rely on, "continue where you left off", merging imports, phone-sized targets and axe."""

import json

import pytest

from helpers import REPO, axe_violations, expect, needs_a_browser, serving

SERIES = "series/backend-developer-roadmap/index.html"
TOPICS = 28  # in the sample's Backend Developer Roadmap
PART1 = "backend-developer-roadmap/part-1-the-internet"
PART2 = "backend-developer-roadmap/part-2-operating-systems"
PACKETS = PART1 + "#1-packets-ip-and-routing"
TCP = PART1 + "#2-tcp-and-udp"
DNS = PART1 + "#3-name-resolution"

pytestmark = needs_a_browser()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from roadmap_site.commands.build import build

    out = build(REPO, out_dir=tmp_path_factory.mktemp("progress") / "site").out_dir
    with serving(out) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context()
    yield context
    context.close()


def row(page, progress_id: str):
    return page.locator(f'[data-progress-map] li[data-progress-id="{progress_id}"]')


def menu(page, progress_id: str):
    return page.locator(f'select[data-mark-for="{progress_id}"]')


def summary(page):
    return page.locator(".page-header .progress-text")


def test_a_mark_shows_in_its_row_and_survives_a_reload(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    assert page.locator("select.mark-select").count() == 28 + 5  # one control per topic and part
    expect(page.get_by_label("Status of TCP and UDP", exact=True)).to_have_value("")
    menu(page, PACKETS).select_option(label="Done")
    menu(page, TCP).select_option(label="Learning")
    menu(page, DNS).select_option(label="Skipped")
    page.reload()
    expect(menu(page, PACKETS)).to_have_value("done")
    expect(row(page, PACKETS)).to_have_attribute("data-status", "done")
    expect(row(page, TCP)).to_have_attribute("data-status", "learning")
    expect(row(page, DNS)).to_have_attribute("data-status", "skipped")
    title = row(page, PACKETS).locator(".topic-title")
    assert "line-through" in title.evaluate("e => getComputedStyle(e).textDecorationLine")
    signs = [row(page, one).locator(".topic-title").evaluate("e => getComputedStyle(e, '::before').content")
             for one in (PACKETS, TCP, DNS)]
    assert len(set(signs)) == 3 and "none" not in signs  # a sign per state, not colour alone
    expect(summary(page)).to_have_text(f"1 of {TOPICS} topics done · 1 learning · 1 skipped")
    expect(row(page, PART1).locator(".part-count")).to_have_text("1/6")
    expect(row(page, PART1)).to_have_attribute("data-status", "learning")


def test_marking_a_part_marks_its_topics_and_the_counts_agree(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    part = row(page, PART2)
    expect(part.get_by_text("Whole part (0 of 6 done)")).to_be_visible()
    menu(page, PART2).select_option(label="Done")
    topics = part.locator("select.mark-select")
    assert topics.count() == 7
    assert set(s.input_value() for s in topics.all()) == {"done"}
    expect(part).to_have_attribute("data-status", "done")
    expect(part.locator(".part-count")).to_have_text("✓ 6/6")
    expect(part.get_by_text("Whole part (6 of 6 done)")).to_be_visible()
    expect(summary(page)).to_have_text(f"6 of {TOPICS} topics done")
    assert page.locator(".page-header progress").evaluate("p => [p.value, p.max]") == [6, TOPICS]
    topic = part.locator("li[data-progress-id]").nth(2)
    topic.locator("select").select_option(label="Not started")
    expect(part).to_have_attribute("data-status", "learning")
    expect(part.locator(".part-count")).to_have_text("5/6")
    expect(summary(page)).to_have_text(f"5 of {TOPICS} topics done")
    expect(menu(page, PART2)).to_have_value("mixed")  # shown as "In progress"
    menu(page, PART2).select_option(label="Learning")  # the part's choice goes to every topic
    assert set(s.input_value() for s in topics.all()) == {"learning"}
    expect(summary(page)).to_have_text(f"0 of {TOPICS} topics done · 6 learning")
    menu(page, PART2).select_option(label="Not started")  # clears every topic of the part
    expect(summary(page)).to_have_text(f"0 of {TOPICS} topics done")
    expect(part).not_to_have_attribute("data-status", "done")
    assert set(s.input_value() for s in topics.all()) == {""}


def test_hide_done_hides_only_fully_done_parts_and_numbers_stay(served, context):
    page = context.new_page()
    page.goto(served + SERIES)

    def numbers():
        parts = [p.locator(".part-number").inner_text() for p in page.locator(".series-part").all() if p.is_visible()]
        topics = [t.evaluate("li => [li.value, getComputedStyle(li).display]")[0]
                  for t in page.locator(".topic-list > li").all() if t.is_visible()]
        return parts, topics

    menu(page, PART2).select_option(label="Done")
    menu(page, PACKETS).select_option(label="Done")
    before_parts, before_topics = numbers()
    assert before_parts == ["1", "2", "3", "4", "5"] and before_topics == list(range(1, TOPICS + 1))
    page.get_by_label("Hide done").check()
    expect(row(page, PART2)).to_be_hidden()
    expect(row(page, PART1)).to_be_visible()  # one topic done of six: the part stays
    expect(row(page, PACKETS)).to_be_hidden()
    parts, topics = numbers()
    assert parts == ["1", "3", "4", "5"]  # part 3 still reads 3
    assert topics == [n for n in range(1, TOPICS + 1) if n not in (1, 7, 8, 9, 10, 11, 12)]
    assert page.locator(".topic-list > li", has=page.locator("a", has_text="Tables, Rows and Keys")).evaluate(
        "li => li.value") == 13


def test_keys_mark_the_focused_row_but_not_while_typing(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    expect(page.locator(".keys-help")).to_contain_text("Keys: d done · l learning · s skipped · r reset")
    link = row(page, TCP).locator("a.topic-title")
    for key, state in (("d", "done"), ("l", "learning"), ("s", "skipped"), ("r", "")):
        link.focus()
        page.keyboard.press(key)
        expect(menu(page, TCP)).to_have_value(state)
    row(page, PART1).locator("h2 a").focus()
    page.keyboard.press("d")
    expect(summary(page)).to_have_text(f"6 of {TOPICS} topics done")
    page.keyboard.press("r")
    expect(summary(page)).to_have_text(f"0 of {TOPICS} topics done")
    page.evaluate("""id => { const input = document.createElement('input');
        input.setAttribute('aria-label', 'Note'); input.id = 'typing';
        document.querySelector(`li[data-progress-id="${id}"] .topic-row`).appendChild(input); }""", DNS)
    page.locator("#typing").press_sequentially("dls")
    expect(page.locator("#typing")).to_have_value("dls")
    expect(menu(page, DNS)).to_have_value("")


def test_every_element_with_a_progress_id_gets_data_status(served, context):
    page = context.new_page()
    # A drawing already in the page when the script runs, as the roadmap map is.
    page.route("**/" + SERIES, lambda route: route.fulfill(
        response=route.fetch(),
        body=route.fetch().text().replace(
            '<ol class="series-map"',
            f'<svg id="drawn" width="10" height="10" aria-hidden="true"><a href="#x" data-progress-id="{PART2}">'
            f'<circle r="4" cx="5" cy="5"/></a><a href="#y" data-progress-id="{PACKETS}"><circle r="2"/></a></svg>'
            '<ol class="series-map"', 1),
        headers={"content-type": "text/html"}))
    page.add_init_script(f"""localStorage.setItem('roadmap-progress', JSON.stringify({{format: 'roadmap-progress',
        version: 1, marks: {{"{PACKETS}": "done"}}}}))""")
    page.goto(served + SERIES)
    drawn = page.locator("#drawn")
    expect(drawn.locator(f'[data-progress-id="{PACKETS}"]')).to_have_attribute("data-status", "done")  # on load
    expect(drawn.locator(f'[data-progress-id="{PART2}"]')).not_to_have_attribute("data-status", "done")
    assert drawn.locator("select").count() == 0  # a drawing only shows the status
    page.evaluate(f"""() => {{ const extra = document.createElement('span');
        extra.id = 'extra'; extra.setAttribute('data-progress-passive', '');
        extra.setAttribute('data-progress-id', '{TCP}'); document.body.appendChild(extra); }}""")
    menu(page, TCP).select_option(label="Learning")
    expect(page.locator("#extra")).to_have_attribute("data-status", "learning")
    menu(page, PART2).select_option(label="Done")
    expect(drawn.locator(f'[data-progress-id="{PART2}"]')).to_have_attribute("data-status", "done")
    menu(page, PACKETS).select_option(label="Not started")
    expect(drawn.locator(f'[data-progress-id="{PACKETS}"]')).not_to_have_attribute("data-status", "done")
    assert drawn.locator(f'[data-progress-id="{PACKETS}"]').get_attribute("data-status") is None
    page.evaluate(f"""() => {{ const late = document.createElement('span'); late.id = 'late';
        late.setAttribute('data-progress-id', '{TCP}'); document.body.appendChild(late); }}""")
    expect(page.locator("#late")).to_have_attribute("data-status", "learning")  # drawn after the script ran


def test_continue_names_the_next_topic_not_done_on_the_series_and_home_pages(served, context):
    page = context.new_page()
    page.goto(served + SERIES)
    expect(page.locator("[data-progress-next]")).to_be_hidden()  # no marks, nothing to continue
    page.goto(served + "index.html")
    assert all(not box.is_visible() for box in page.locator("[data-progress-next]").all())
    page.goto(served + SERIES)
    for one in (PACKETS, TCP):
        menu(page, one).select_option(label="Done")
    menu(page, DNS).select_option(label="Skipped")
    nxt = page.locator(".page-header [data-progress-next]")
    expect(nxt).to_have_text("Next: 4. Anatomy of an HTTP Request · Beginner · Part 1")
    page.goto(served + "index.html")
    card = page.locator(".series-card", has_text="Backend Developer Roadmap")
    link = card.locator("[data-progress-next] a")
    expect(link).to_have_text("4. Anatomy of an HTTP Request · Beginner · Part 1")
    expect(card.locator(".progress-text")).to_have_text(f"2 of {TOPICS} topics done · 1 skipped")
    other = page.locator(".series-card", has_text="Cloud Native Journey")
    expect(other.locator("[data-progress-next]")).to_be_hidden()  # no marks in that series
    link.click()
    assert page.url.endswith("part-1-the-internet/index.html#4-anatomy-of-an-http-request")


def stored(page) -> dict:
    return page.evaluate("() => JSON.parse(localStorage.getItem('roadmap-progress'))")


def test_import_merges_and_the_newer_mark_wins(served, browser, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    local = {
        "format": "roadmap-progress", "version": 2,
        "marks": {PACKETS: "done", TCP: "learning", DNS: "skipped", PART1 + "#4-anatomy-of-an-http-request": "done"},
        "marked_at": {PACKETS: "2026-01-01T00:00:00Z", TCP: "2026-03-01T00:00:00Z", DNS: "2026-02-01T00:00:00Z",
                      PART1 + "#4-anatomy-of-an-http-request": "2026-01-01T00:00:00Z"},
    }
    page.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ sessionStorage.setItem('seeded', '1');"
                         f" localStorage.setItem('roadmap-progress', {json.dumps(json.dumps(local))}); }}")
    page.goto(served + SERIES)
    incoming = tmp_path / "incoming.json"
    incoming.write_text(json.dumps({
        "format": "roadmap-progress", "version": 2,
        "marks": {
            PACKETS: "learning",  # newer: changed
            TCP: "done",  # older than the mark here: kept
            DNS: "done",  # newer: changed
            PART1 + "#4-anatomy-of-an-http-request": "done",  # the same: kept
            PART1 + "#5-https-and-tls": "learning",  # new: added
            PART2 + "#1-what-is-a-process": "done",  # new: added
            "elsewhere/unknown": "bogus",  # not a mark: ignored
        },
        "marked_at": {PACKETS: "2026-02-01T00:00:00Z", TCP: "2026-02-01T00:00:00Z", DNS: "2026-04-01T00:00:00Z"},
    }))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(incoming))
    expect(page.locator(".tools-status")).to_have_text("Imported: 2 added, 2 changed, 2 kept.")
    expect(menu(page, PACKETS)).to_have_value("learning")
    expect(menu(page, TCP)).to_have_value("learning")
    expect(menu(page, DNS)).to_have_value("done")
    assert stored(page)["marks"][PART1 + "#5-https-and-tls"] == "learning"
    assert "elsewhere/unknown" not in stored(page)["marks"]

    old = tmp_path / "old.json"  # a version 1 export: no times, older than any mark here
    old.write_text(json.dumps({"format": "roadmap-progress", "version": 1,
                               "marks": {PACKETS: "skipped", PART1 + "#6-http-1-1-http-2-and-http-3": "done"}}))
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress").click()
    chooser.value.set_files(str(old))
    expect(page.locator(".tools-status")).to_have_text("Imported: 1 added, 0 changed, 1 kept.")
    expect(menu(page, PACKETS)).to_have_value("learning")
    page.reload()  # what was merged is stored
    expect(menu(page, DNS)).to_have_value("done")
    context.close()


def test_controls_are_big_enough_on_a_phone_and_nothing_scrolls_sideways(served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    for path in (SERIES, "index.html"):
        page = context.new_page()
        page.goto(served + path)
        controls = page.locator("select.mark-select, #filter-level, .filter-field, button.tool")
        assert controls.count() > 0
        small = [(box["width"], box["height"]) for box in (c.bounding_box() for c in controls.all())
                 if box["width"] < 44 or box["height"] < 44]
        assert small == [], path
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_series_and_home_pages_with_marks_pass_axe(served, browser, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served + SERIES)
    menu(page, PART2).select_option(label="Done")
    menu(page, PACKETS).select_option(label="Done")
    menu(page, TCP).select_option(label="Learning")
    menu(page, DNS).select_option(label="Skipped")
    row(page, TCP).locator("details summary").click()
    for path in (SERIES, "index.html"):
        page.goto(served + path)
        assert axe_violations(page) == [], path
    context.close()
