"""Rebuilding: the Rebuilder on its own (a real build into a folder, what it says, what it
publishes), then a whole DevServer rebuilding after real file edits. Counts are asserted
once the server is idle (no event waiting, no rebuild running), never after a sleep."""

from __future__ import annotations

import html
import http.client
import json
import os
import re
from pathlib import Path

import pytest

from commands.serve_helpers import ARTICLE, SCRIPT_MARK, fetch, generation, next_change, server_port, serving, settled
from roadmap_site.commands.build import build
from roadmap_site.commands.serve.livereload import EVENTS_PATH, ReloadChannel
from roadmap_site.commands.serve.rebuild import Rebuilder, Rebuilt
from roadmap_site.config import load_config
from roadmap_site.errors import BuildFailed
from roadmap_site.layout import find_layout

REBUILT = r"rebuilt in \d+\.\d\d s: \d+ file\(s\) changed, "


# -- the Rebuilder on its own ----------------------------------------------------------------


@pytest.fixture
def rebuilder(tmp_path):
    """A factory: rebuilder(site_dir, **options) -> a Rebuilder building into tmp_path/out,
    with .channel, .lines (what it said) and .prepared (what prepare() was given)."""

    def make(site_dir: Path, **options) -> Rebuilder:
        channel, lines, prepared = ReloadChannel(), [], []
        made = Rebuilder(site_dir, tmp_path / "out", channel, lambda *given: prepared.append(given), lines.append,
                         **options)
        made.channel, made.lines, made.prepared, made.out = channel, lines, prepared, tmp_path / "out"
        return made

    return make


def test_a_rebuild_says_what_changed_and_tells_the_channel(site, rebuilder):
    root = site({"content/a.md": ARTICLE})
    builder = rebuilder(root)
    first = builder.rebuild(first=True)
    assert first == Rebuilt(builder.channel.snapshot()[0], index_search=True)
    assert builder.lines == []  # the first build says only its warnings
    assert "Hello from alpha." in (builder.out / "a/index.html").read_text()

    (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Goodbye"))
    edited = builder.rebuild(first=False)
    assert edited == Rebuilt(builder.channel.snapshot()[0], index_search=True)
    assert (edited.change.kind, edited.change.since) == ("reload", first.change.generation)
    assert re.fullmatch(REBUILT + "reloading pages", builder.lines[-1])
    assert "Goodbye from alpha." in (builder.out / "a/index.html").read_text()

    unchanged = builder.rebuild(first=False)
    assert unchanged == Rebuilt(None, index_search=False)
    assert re.fullmatch(r"rebuilt in \d+\.\d\d s: 0 file\(s\) changed, nothing to reload", builder.lines[-1])
    assert len(builder.lines) == 2


def test_prepare_gets_the_layout_and_config_the_build_uses(site, rebuilder):
    root = site({"content/a.md": ARTICLE, "roadmap.yml": "base_url: https://u.github.io/repo/\n"})
    builder = rebuilder(root)
    builder.rebuild(first=True)
    assert builder.prepared == [(find_layout(root), load_config(root)[0])]
    assert 'href="https://u.github.io/repo/a/"' in (builder.out / "a/index.html").read_text()

    overridden = rebuilder(root, base_url="https://other.example/sub/")
    overridden.rebuild(first=False)
    assert overridden.prepared == [(find_layout(root), load_config(root)[0])]  # as written: the caller applies --base-url
    assert 'href="https://other.example/sub/a/"' in (overridden.out / "a/index.html").read_text()


def test_a_broken_config_fails_the_rebuild_as_a_broken_article_does(site, rebuilder, monkeypatch):
    root = site({"content/a.md": ARTICLE})
    monkeypatch.chdir(root.parent)
    builder = rebuilder(Path(root.name))  # as typed on the command line: messages keep that form
    builder.rebuild(first=True)
    (root / "roadmap.yml").write_text("title: T\nsearch: maybe\n")
    problems = load_config(Path(root.name))[1]
    assert [problem.path for problem in problems] == [f"{root.name}/roadmap.yml"]

    failed = builder.rebuild(first=False)
    assert failed == Rebuilt(builder.channel.snapshot()[0], index_search=False)
    assert builder.channel.snapshot()[1] == (problems[0],)
    assert builder.lines == [str(problems[0]), "build failed: 1 error(s); pages show them until the next good save"]
    assert "Hello from alpha." in (builder.out / "a/index.html").read_text()  # the last good pages stay
    assert builder.rebuild(first=False) == Rebuilt(None, index_search=False)  # the same problems: no reload

    (root / "roadmap.yml").write_text("title: T\nsearch: false\n")
    recovered = builder.rebuild(first=False)
    assert recovered.change.kind == "reload" and builder.channel.snapshot()[1] == ()
    assert re.fullmatch(REBUILT + "reloading pages", builder.lines[-1])


def test_an_unexpected_failure_is_said_and_changes_nothing(site, rebuilder, tmp_path):
    root = site({"content/a.md": ARTICLE})
    (tmp_path / "out").write_text("a file where the output folder should be")
    builder = rebuilder(root)
    before = builder.channel.snapshot()
    assert builder.rebuild(first=True) == Rebuilt(None, index_search=False)
    assert len(builder.lines) == 1 and builder.lines[0].startswith("build failed unexpectedly: ")
    assert builder.channel.snapshot() == before


# -- a DevServer rebuilding after real edits ---------------------------------------------------


def test_an_edit_is_served_after_the_rebuild(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        before = generation(server.channel)
        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Goodbye"))
        next_change(server.channel, before)
        assert "Goodbye from alpha." in fetch(server, "/a/")[2]
        assert settled(server).rebuild_count == 1
        assert server.reload_count == 1


def test_events_announce_each_build_after_the_one_a_page_has(site):
    root = site({"content/a.md": ARTICLE, "static/assets/style.css": "body { color: red; }\n"})
    with serving(root) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server_port(server), timeout=5)
        connection.request("GET", EVENTS_PATH, headers={"Origin": f"http://127.0.0.1:{server_port(server)}"})
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"

        def next_event() -> dict:
            line = response.fp.readline()
            while not line.startswith(b"data: "):
                line = response.fp.readline()
            return json.loads(line[len(b"data: "):])

        first = next_event()
        (root / "static/assets/style.css").write_text("body { color: blue; }\n")
        css = next_event()
        assert (css["kind"], css["since"]) == ("css", first["generation"])
        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Hi"))
        page = next_event()
        assert (page["kind"], page["since"]) == ("reload", css["generation"])
        connection.close()


def test_a_failed_build_shows_the_error_page_and_the_next_good_save_recovers(site, tmp_path):
    root = site({"content/a.md": ARTICLE})
    bad = "---\ntitle: [x\n---\n"
    with serving(root) as server:
        before = generation(server.channel)
        (root / "content/a.md").write_text(bad)
        with pytest.raises(BuildFailed) as failed:
            build(root, tmp_path / "probe")
        expected = html.escape(str(failed.value.problems[0]))
        assert re.search(r"a\.md:\d+: ", expected)
        before = next_change(server.channel, before).generation
        assert fetch(server, "/a/")[0] == 500
        status, headers, body = fetch(server, "/a/")
        assert expected in body and SCRIPT_MARK in body
        assert fetch(server, "/")[0] == 500
        assert fetch(server, "/assets/style.css")[0] == 200
        assert "Hello from alpha." in (server.out_dir / "a/index.html").read_text()
        assert any("a.md:" in line for line in server.lines)

        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Fixed"))
        next_change(server.channel, before)
        assert "Fixed from alpha." in fetch(server, "/a/")[2]
        assert fetch(server, "/a/")[0] == 200
        assert settled(server).reload_count == 2


def test_a_broken_config_shows_the_error_page_and_keeps_the_last_good_pages(site):
    root = site({"content/a.md": ARTICLE, "roadmap.yml": "title: T\nsearch: false\n"})
    with serving(root) as server:
        before = generation(server.channel)
        (root / "roadmap.yml").write_text("title: T\nsearch: maybe\n")
        problems = [str(problem) for problem in load_config(root)[1]]
        assert len(problems) == 1
        next_change(server.channel, before)
        status, _, body = fetch(server, "/a/")
        assert status == 500 and html.escape(problems[0]) in body and SCRIPT_MARK in body
        assert "Hello from alpha." in (server.out_dir / "a/index.html").read_text()
        assert settled(server).rebuild_count == 1
        assert server.lines == [*problems, "build failed: 1 error(s); pages show them until the next good save"]


def test_an_atomic_save_gives_exactly_one_rebuild(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        before = generation(server.channel)
        temporary = root / "content/.a.md.swp"
        temporary.write_text(ARTICLE.replace("Hello", "Saved"))
        os.replace(temporary, root / "content/a.md")
        next_change(server.channel, before)  # the hidden file's events start no rebuild: only the rename
        assert "Saved from alpha." in fetch(server, "/a/")[2]
        assert settled(server).rebuild_count == 1
        assert server.reload_count == 1


def test_a_burst_of_fifty_changes_gives_exactly_one_rebuild(site):
    articles = {f"content/part/p{n:02}.md": f"---\ntitle: Part {n}\n---\nText {n}.\n" for n in range(50)}
    root = site(articles)
    with serving(root) as server:
        before = generation(server.channel)
        for relative, text in articles.items():
            (root / relative).write_text(text.replace("Text", "Changed"))
        next_change(server.channel, before)
        assert settled(server).rebuild_count == 1
        assert server.reload_count == 1
        assert "Changed 49." in fetch(server, "/part/p49/")[2]
