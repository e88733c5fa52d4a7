"""What the last build read of each source: the size and times its file had, and the digest
of its bytes, so that the next build reads only the files that changed.

A rebuild takes the fresh listing of the content folder and stats every file; a file whose
stamp (size, modification and change times, inode) is the one recorded is not read: its
Source carries the recorded digest, which is all a build needs of a source the cache holds
(see parse.sources.Source). Stat calls are cheap where reads are not. The change time is
set by the system on every write and cannot be set back by tools that restore modification
times, and a stamp is recorded only once the file is older than the clock's granularity
could hide (an edit in the same tick as the read would keep the stamp), so an edit always
changes the stamp. Because every file is checked, an event the dev server's watcher lost (an
overflowing inotify queue is recovered from inside watchdog, unseen by its handlers) cannot
leave a page stale either. Files a file event named are read in any case.
"""

from __future__ import annotations

import os
import time
from collections.abc import Collection

from roadmap_site.parse.sources import ContentFiles, Source, read_source

Stamp = tuple[int, int, int, int]  # (size, mtime_ns, ctime_ns, inode)
SETTLED_NS = 2_000_000_000  # a file changed less than this before it was read may change again unseen


class SourceMemory:
    def __init__(self, known: dict[str, tuple[Stamp, bytes]] | None = None) -> None:
        self.known: dict[str, tuple[Stamp, bytes]] = dict(known or {})  # key -> (stamp, digest)
        self.changed = False  # whether `known` differs from what it was given
        self._sources: dict[str, Source] = {}  # this process's Source for each key, while unchanged

    def read(self, content: ContentFiles, named: Collection[str] = ()) -> list[Source]:
        """The content's article sources, in its order: those whose stamp is the recorded
        one unread, the others (and those in `named`) read now."""
        folder = os.path.join(content.folder, "")
        known: dict[str, tuple[Stamp, bytes]] = {}
        sources: dict[str, Source] = {}
        now = time.time_ns()
        for key in content.articles:
            stamp = _stamp(folder + key)
            recorded = self.known.get(key)
            if recorded is not None and recorded[0] == stamp and key not in named:
                source = self._sources.get(key) or Source(key, folder + key, digest=recorded[1])
                known[key] = recorded
            else:
                source = read_source(content.folder, key)
                if stamp is not None and now - max(stamp[1], stamp[2]) > SETTLED_NS:
                    known[key] = (stamp, source.digest)
            sources[key] = source
        self.changed = self.changed or known != self.known
        self.known, self._sources = known, sources
        return list(sources.values())


def _stamp(path: str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino
