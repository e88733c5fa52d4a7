"""What the dev server watches: the folders a build reads and the paths below them that
matter (pure), and a SourceWatcher with a real watchdog Observer on real files."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from watchdog.events import DirModifiedEvent, FileClosedNoWriteEvent, FileModifiedEvent, FileMovedEvent, FileOpenedEvent

from commands.serve_helpers import ARTICLE, SIGNAL_TIMEOUT
from roadmap_site.commands.serve.watch import (
    SourceWatcher,
    WatchRoot,
    event_paths,
    folders_to_watch,
    is_source_path,
    watch_roots,
)
from roadmap_site.layout import find_layout

# -- pure parts ----------------------------------------------------------------------------


def test_hidden_and_underscored_content_is_ignored_but_a_rename_onto_an_article_is_not(site):
    root = site({"content/a.md": ARTICLE, "roadmap.yml": "title: T\n"}).absolute()
    roots = watch_roots(find_layout(root))
    out = root.parent / "out"
    assert is_source_path(root / "content/a.md", roots, out)
    assert not is_source_path(root / "content/.a.md.swp", roots, out)
    assert not is_source_path(root / "content/_drafts/x.md", roots, out)
    assert is_source_path(root / "roadmap.yml", roots, out)
    assert is_source_path(root / "templates", roots, out)
    assert not is_source_path(root / "README.md", roots, out)
    assert not is_source_path(out / "a/index.html", roots, out)


def test_theme_files_count_at_any_depth_but_hidden_ones_do_not(site):
    root = site({"content/a.md": ARTICLE}).absolute()
    roots = watch_roots(find_layout(root))
    out = root.parent / "out"
    assert is_source_path(root / "static/img/deep/logo.svg", roots, out)
    assert is_source_path(root / "static/_underscored.css", roots, out)
    assert not is_source_path(root / "static/.cache/x.css", roots, out)
    assert is_source_path(root / "templates/partials/_nav.html", roots, out)
    assert not is_source_path(root / "templates/.base.html.swp", roots, out)  # the build ignores it too


def test_watch_roots_are_absolute_for_a_site_folder_given_relative(site, monkeypatch):
    root = site({"content/a.md": ARTICLE})
    monkeypatch.chdir(root.parent)
    roots = watch_roots(find_layout(Path(root.name)))
    assert [r.folder for r in roots] == [
        root / "content", root / "templates", root / "static", root, root]
    assert all(r.folder.is_absolute() for r in roots)


def test_one_watch_per_existing_folder_recursive_if_any_root_wants_it(tmp_path):
    (tmp_path / "site").mkdir()
    roots = [
        WatchRoot(tmp_path / "site", False, names=frozenset({"roadmap.yml"})),
        WatchRoot(tmp_path / "site", True),
        WatchRoot(tmp_path / "missing", True),
    ]
    assert folders_to_watch(roots) == {tmp_path / "site": True}


def test_event_paths_keep_both_ends_of_a_move_and_drop_reads_and_folder_touches(tmp_path):
    assert event_paths(FileMovedEvent(str(tmp_path / ".a.md.swp"), str(tmp_path / "a.md"))) == [
        tmp_path / ".a.md.swp", tmp_path / "a.md"]
    assert event_paths(FileModifiedEvent(os.fsencode(tmp_path / "a.md"))) == [tmp_path / "a.md"]
    assert event_paths(FileOpenedEvent(str(tmp_path / "a.md"))) == []
    assert event_paths(FileClosedNoWriteEvent(str(tmp_path / "a.md"))) == []
    assert event_paths(DirModifiedEvent(str(tmp_path))) == []


# -- the SourceWatcher ---------------------------------------------------------------------


class Pokes:
    """An on_change that counts its calls and the paths they name, and lets a test wait
    for the next one."""

    def __init__(self) -> None:
        self.count = 0
        self.paths: list[Path] = []
        self._condition = threading.Condition()

    def __call__(self, paths: list[Path]) -> None:
        with self._condition:
            self.count += 1
            self.paths += paths
            self._condition.notify_all()

    def wait_for(self, count: int) -> bool:
        with self._condition:
            return self._condition.wait_for(lambda: self.count >= count, SIGNAL_TIMEOUT)


@pytest.fixture
def watcher(tmp_path):
    said: list[str] = []
    pokes = Pokes()
    watching = SourceWatcher(pokes, ignored=tmp_path / "out", say=said.append)
    watching.start()
    watching.pokes, watching.said = pokes, said
    try:
        yield watching
    finally:
        watching.stop()


def test_an_editors_rename_onto_an_article_is_reported_and_a_rename_between_hidden_files_is_not(site, watcher):
    root = site({"content/a.md": ARTICLE, "content/.one.swp": "x", "content/.two.swp": ARTICLE.replace("Hello", "Saved")})
    watcher.follow(find_layout(root))
    os.replace(root / "content/.one.swp", root / "content/.three.swp")
    os.replace(root / "content/.two.swp", root / "content/a.md")
    assert watcher.pokes.wait_for(1)
    # One inotify queue delivers both renames in order: had the first counted, this would be 2.
    assert watcher.pokes.count == 1
    assert watcher.pokes.paths == [(root / "content/a.md").absolute()]  # the rename's source is hidden: not named
    assert watcher.said == []


def test_the_watches_follow_the_layout(site, watcher):
    root = site({"a.md": ARTICLE}).absolute()  # articles at the top: the whole folder is content
    watcher.follow(find_layout(root))
    assert watcher.watched == {root: True}

    (root / "content").mkdir()
    (root / "content/b.md").write_text(ARTICLE)
    assert watcher.pokes.wait_for(1)
    watcher.follow(find_layout(root))  # content/ now holds the articles
    assert watcher.watched == {root / "content": True, root: False}

    seen = watcher.pokes.count
    (root / "templates").mkdir()
    assert watcher.pokes.wait_for(seen + 1)  # the site folder's own watch sees templates/ appear
    watcher.follow(find_layout(root))
    assert watcher.watched == {root / "content": True, root / "templates": True, root: False}
    seen = watcher.pokes.count
    (root / "templates/page.html").write_text("{{ page.title }}")
    assert watcher.pokes.wait_for(seen + 1)
    assert watcher.said == []
