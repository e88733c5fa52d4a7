"""Run an action on a thread of its own once events pause, with what the events named."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

QUIET_SECONDS = 0.1


class Debouncer:
    """Runs `action` on one thread once events have stopped for `quiet` seconds, with the
    paths the events since the last run named. Events that arrive while it runs cause one
    more run afterwards, so no edit is ever missed."""

    def __init__(self, action: Callable[[frozenset[Path]], None], quiet: float = QUIET_SECONDS,
                 name: str = "roadmap-site-debounce"):
        self._action = action
        self._quiet = quiet
        self._last_event: float | None = None
        self._paths: set[Path] = set()
        self._running = False
        self._stopping = False
        self._condition = threading.Condition()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def poke(self, paths: Iterable[Path] = ()) -> None:
        with self._condition:
            self._last_event = time.monotonic()
            self._paths.update(paths)
            self._condition.notify_all()

    def stop(self) -> None:
        """Stop the thread, after the run under way if there is one; pending events are dropped."""
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        if self._thread.is_alive():
            self._thread.join()

    def wait_idle(self, timeout: float) -> bool:
        """Wait until no event waits for a run and no run is under way; False on timeout."""
        with self._condition:
            return self._condition.wait_for(lambda: self._last_event is None and not self._running, timeout)

    def _seconds_to_wait(self) -> float | None:
        if self._last_event is None:
            return None
        return max(0.0, self._last_event + self._quiet - time.monotonic())

    def _run(self) -> None:
        while True:
            with self._condition:
                while not self._stopping and self._seconds_to_wait() != 0.0:
                    self._condition.wait(self._seconds_to_wait())
                if self._stopping:
                    return
                self._last_event = None
                self._running = True
                paths, self._paths = frozenset(self._paths), set()
            try:
                self._action(paths)
            finally:
                with self._condition:
                    self._running = False
                    self._condition.notify_all()
