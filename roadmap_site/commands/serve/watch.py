"""Which files the dev server watches, and the watchdog Observer that watches them: the
folders a build reads, which paths below them matter, and the paths an event touches."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import ObservedWatch

from roadmap_site.config import CONFIG_FILE
from roadmap_site.layout import Layout

WATCHED_EVENTS = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]
# Events that never mean a source changed; reading the sources during a build makes them.
IGNORED_EVENT_TYPES = frozenset({"opened", "closed_no_write"})


@dataclass(frozen=True)
class WatchRoot:
    """A folder to watch, and which paths below it the build reads."""

    folder: Path
    recursive: bool
    names: frozenset[str] | None = None  # watched names directly in the folder; None: all
    skipped_prefixes: tuple[str, ...] = ()  # names the build ignores at any depth


def watch_roots(layout: Layout) -> tuple[WatchRoot, ...]:
    """Everything a build of this layout reads, plus the site folder's own entries, so
    that creating content/, templates/ or static/ is noticed. The folders are absolute, as
    are the paths in the events of a watch on an absolute folder."""
    return (
        WatchRoot(layout.content_dir.absolute(), True, skipped_prefixes=(".", "_")),  # as sources.list_content
        WatchRoot(layout.template_dirs[0].absolute(), True, skipped_prefixes=(".",)),  # as fs.theme_files
        WatchRoot(layout.static_dirs[-1].absolute(), True, skipped_prefixes=(".",)),  # as fs.theme_files
        WatchRoot(layout.config_dir.absolute(), False, names=frozenset({CONFIG_FILE})),
        WatchRoot(layout.site_dir.absolute(), False, names=frozenset({CONFIG_FILE, "content", "templates", "static"})),
    )


def folders_to_watch(roots: Iterable[WatchRoot]) -> dict[Path, bool]:
    """{existing folder: recursive}, one entry per folder: two watches on one folder
    would share one inotify watch descriptor."""
    wanted: dict[Path, bool] = {}
    for root in roots:
        if root.folder.is_dir():
            wanted[root.folder] = wanted.get(root.folder, False) or root.recursive
    return wanted


def is_source_path(path: Path, roots: Iterable[WatchRoot], ignored: Path) -> bool:
    """Whether a change at `path` can change the build's output."""
    if path.is_relative_to(ignored):
        return False
    for root in roots:
        if path == root.folder or not path.is_relative_to(root.folder):
            continue
        parts = path.relative_to(root.folder).parts
        if root.names is not None:
            if len(parts) == 1 and parts[0] in root.names:
                return True
        elif root.recursive and not any(part.startswith(root.skipped_prefixes) for part in parts):
            return True
    return False


def event_paths(event: FileSystemEvent) -> list[Path]:
    """The paths a watchdog event touches that may matter: none for reads and for a
    folder's own 'modified' (its files report their changes), both ends of a move, so that
    an editor's rename of a hidden temp file onto an article counts."""
    if event.event_type in IGNORED_EVENT_TYPES or (event.is_directory and event.event_type == "modified"):
        return []
    paths = [event.src_path, getattr(event, "dest_path", "")]
    return [Path(os.fsdecode(path)) for path in paths if path]


class SourceWatcher:
    """Owns the watchdog Observer: follow(layout) watches the folders a build of that layout
    reads, and every event on a path that can change the output calls `on_change` with
    those paths (on one of the observer's threads). Paths under `ignored` (the output
    folder) never count."""

    def __init__(self, on_change: Callable[[list[Path]], None], ignored: Path, say: Callable[[str], None]):
        self._on_change = on_change
        self._ignored = ignored
        self._say = say
        self._roots: tuple[WatchRoot, ...] = ()
        self._watches: dict[Path, tuple[ObservedWatch, bool]] = {}  # folder: (watch, recursive)
        self._observer = Observer()
        self._handler = _SourceEvents(self._matters, on_change)

    def start(self) -> None:
        self._observer.start()

    def stop(self) -> None:
        self._observer.stop()
        if self._observer.is_alive():
            self._observer.join()

    @property
    def watched(self) -> dict[Path, bool]:
        """{folder: recursive} for each folder watched now."""
        return {folder: recursive for folder, (_, recursive) in self._watches.items()}

    def follow(self, layout: Layout) -> None:
        """Watch what a build of `layout` reads, and stop watching what it no longer does;
        a folder that cannot be watched is reported and skipped."""
        self._roots = watch_roots(layout)
        wanted = folders_to_watch(self._roots)
        for folder in [f for f in self._watches if f not in wanted or self._watches[f][1] != wanted[f]]:
            self._observer.unschedule(self._watches.pop(folder)[0])
        for folder, recursive in wanted.items():
            if folder in self._watches:
                continue
            try:
                watch = self._observer.schedule(self._handler, str(folder), recursive=recursive,
                                                event_filter=WATCHED_EVENTS)
            except OSError as exc:
                self._say(f"cannot watch {folder}: {exc}")
                continue
            self._watches[folder] = (watch, recursive)

    def _matters(self, path: Path) -> bool:
        return is_source_path(path, self._roots, self._ignored)


class _SourceEvents(FileSystemEventHandler):
    def __init__(self, is_relevant: Callable[[Path], bool], on_change: Callable[[list[Path]], None]):
        self._is_relevant = is_relevant
        self._on_change = on_change

    def dispatch(self, event: FileSystemEvent) -> None:
        relevant = [path for path in event_paths(event) if self._is_relevant(path)]
        if relevant:
            self._on_change(relevant)
