"""Live reload's pure parts and its channel: what kind of change a build is, where the
script goes, what the error page lists, and the generations the channel hands out."""

from __future__ import annotations

import json
import threading

from commands.serve_helpers import SIGNAL_TIMEOUT
from roadmap_site.commands.serve.livereload import (
    EVENTS_PATH,
    ReloadChannel,
    change_kind,
    changed_pages,
    error_page,
    inject_script,
    reload_script,
)


def test_change_kind_swaps_stylesheets_only_when_nothing_else_changed():
    assert change_kind([], []) is None
    assert change_kind(["assets/style.css"], []) == "css"
    assert change_kind(["assets/style.css", "a/index.html"], []) == "reload"
    assert change_kind(["assets/style.css"], ["assets/old.css"]) == "reload"


def test_changed_pages_names_the_pages_only_when_nothing_a_page_loads_changed():
    assert changed_pages(["b/index.html", "a/index.html", "atom.xml", "sitemap.xml", "roadmap.json"], []) == (
        "a/index.html", "b/index.html")
    assert changed_pages([], ["old/index.html"]) == ("old/index.html",)
    assert changed_pages(["a/index.html", "assets/style.css"], []) is None  # every page restyles
    assert changed_pages(["a/index.html", "assets/nav.js"], []) is None
    assert changed_pages(["img/photo.png"], []) is None


def test_the_channel_tells_which_pages_changed_and_an_error_concerns_every_page():
    channel = ReloadChannel()
    assert channel.publish_success(["a/index.html"], []).pages == ("a/index.html",)
    channel.publish_failure(["content/a.md:1: broken"])
    recovered = channel.publish_success(["a/index.html"], [])
    assert (recovered.kind, recovered.pages) == ("reload", None)  # pages showing the error page reload


def test_script_goes_before_the_last_body_end_tag():
    assert inject_script(b"<p></body>x</BODY>", "<s>") == b"<p></body>x<s></BODY>"
    assert inject_script(b"plain", "<s>") == b"plain<s>"


def test_the_script_follows_its_generation_on_the_events_path():
    script = reload_script("0a1b2c3d-7")
    assert script.startswith('<script id="roadmap-live-reload">')
    assert 'let generation = "0a1b2c3d-7";' in script
    assert f"new EventSource({json.dumps(EVENTS_PATH)})" in script


def test_the_error_page_lists_each_problem_escaped():
    page = error_page(["a.md:3: <b>bad</b>", "b.md:1: & worse"]).decode()
    assert "<li><code>a.md:3: &lt;b&gt;bad&lt;/b&gt;</code></li>\n<li><code>b.md:1: &amp; worse</code></li>" in page


def test_the_error_page_sets_the_errors_apart_before_the_warnings():
    from roadmap_site.errors import error, warning

    page = error_page([
        warning("a.md", 2, "an unknown key `sumary`"),
        error("b.md", 7, "the table's row 3 has 4 cells, its header 3"),
        warning("c.md", 1, "a link to a missing page"),
    ]).decode()
    errors_at, warnings_at = page.index('<h2 id="errors-heading">Errors (1)</h2>'), page.index('<h2 id="warnings-heading">Warnings (2)</h2>')
    assert errors_at < page.index("b.md:7: the table") < warnings_at < page.index("a.md:2: warning: an unknown key") < page.index("c.md:1:")
    errors = page[errors_at:warnings_at]
    assert "warning:" not in errors and 'class="build-errors"' in page[:warnings_at]


def test_an_error_page_of_errors_only_has_no_warnings_section():
    page = error_page(["roadmap.yml:1: not a mapping"]).decode()
    assert "Errors (1)" in page and "Warnings" not in page


def test_the_channel_counts_generations_and_says_how_to_follow_them():
    channel = ReloadChannel()
    first, problems = channel.snapshot()
    assert (first.kind, first.since, problems) == ("reload", "", ())
    assert channel.publish_success([], []) is None  # nothing changed: pages are current
    css = channel.publish_success(["assets/style.css"], [])
    assert (css.kind, css.since) == ("css", first.generation)
    assert css.generation.split("-")[0] == first.generation.split("-")[0] != ""
    failed = channel.publish_failure(["a.md:1: bad"])
    assert (failed.kind, failed.since) == ("reload", css.generation)
    assert channel.snapshot() == (failed, ("a.md:1: bad",))
    assert channel.publish_failure(["a.md:1: bad"]) is None  # the error page already shows them
    recovered = channel.publish_success(["assets/style.css"], [])
    assert recovered.kind == "reload"  # pages show the error page: only a reload brings them back
    assert channel.snapshot() == (recovered, ())


def test_two_runs_of_the_server_never_share_a_generation():
    assert ReloadChannel().snapshot()[0].generation != ReloadChannel().snapshot()[0].generation


def test_waiting_ends_with_a_newer_change_or_the_close():
    channel = ReloadChannel()
    start = channel.snapshot()[0].generation
    assert channel.wait_after(start, 0) is None
    published = threading.Thread(target=channel.publish_success, args=(["a/index.html"], []))
    published.start()
    newer = channel.wait_after(start, SIGNAL_TIMEOUT)
    published.join()
    assert newer == channel.snapshot()[0] and newer.since == start
    assert channel.wait_after(start, 0) == newer
    threading.Thread(target=channel.close).start()
    assert channel.wait_after(newer.generation, SIGNAL_TIMEOUT) is None
    assert channel.closed
