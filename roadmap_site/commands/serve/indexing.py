"""Search for the preview: Pagefind indexes every article page again (it cannot update an
index), which takes seconds on a large site, so it runs on a thread of its own once saves
pause; a save shows at once and search catches up. A save that changed no article page
leaves the index as it is (`index_site` compares the pages with those it was made from)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from roadmap_site.commands.serve.debounce import Debouncer
from roadmap_site.output.search import index_site

QUIET_SECONDS = 1.0


class SearchIndexer:
    """Indexes `out_dir` once pokes have stopped for `quiet` seconds, if `enabled` (the
    config's `search`, as last read) still says so then; a problem Pagefind reports is said."""

    def __init__(self, out_dir: Path, say: Callable[[str], None], quiet: float = QUIET_SECONDS):
        self.enabled = False
        self._out_dir = out_dir
        self._say = say
        self._debouncer = Debouncer(self._index, quiet=quiet, name="roadmap-site-search")

    def start(self) -> None:
        self._debouncer.start()

    def poke(self) -> None:
        """The pages changed: index them once pokes pause."""
        self._debouncer.poke()

    def stop(self) -> None:
        """Stop, after the indexing under way if there is one."""
        self._debouncer.stop()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no poke waits for indexing and none is under way; False on timeout."""
        return self._debouncer.wait_idle(timeout)

    def _index(self, _changed: frozenset[Path]) -> None:
        if not self.enabled:
            return
        problem = index_site(self._out_dir)
        if problem is not None:
            self._say(str(problem))
