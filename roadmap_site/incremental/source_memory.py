"""The sources of the last build, kept by a process that builds again and again (the dev
server), so that a rebuild reads only the files that changed.

Each source is kept with the size and modification time it was read at. A rebuild takes the
fresh listing of the content folder and reads again a file only when its size or time
differs, or when a file event named it: an edit that keeps the size within the clock's
granularity still has its event. Stat calls are cheap where reads are not, and because
every file is checked, an event the watcher lost (an overflowing inotify queue is
recovered from inside watchdog, unseen by its handlers) can never leave a page stale.
"""

from __future__ import annotations

import os
from collections.abc import Collection

from roadmap_site.parse.sources import ContentFiles, Source, read_source

_Stamp = tuple[int, int]  # (size, modification time in nanoseconds)


class SourceMemory:
    def __init__(self) -> None:
        self._known: dict[str, tuple[_Stamp, Source]] = {}

    def read(self, content: ContentFiles, named: Collection[str] = ()) -> list[Source]:
        """The content's article sources, in its order; reads the files whose stamp changed
        since the last call, and those whose keys are in `named`."""
        folder = os.path.join(content.folder, "")
        known: dict[str, tuple[_Stamp, Source]] = {}
        sources: list[Source] = []
        for key in content.articles:
            path = folder + key
            stamp = _stamp(path)
            kept = self._known.get(key)
            if kept is not None and stamp is not None and kept[0] == stamp and key not in named:
                source = kept[1]
            else:
                source = read_source(content, key)
            if stamp is not None:
                known[key] = (stamp, source)
            sources.append(source)
        self._known = known
        return sources


def _stamp(path: str) -> _Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns
