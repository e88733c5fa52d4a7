"""The Debouncer on real threads: one run per burst of events, one more run for events
that arrive during a run, and an idleness a test can wait on."""

from __future__ import annotations

import threading
from pathlib import Path

from commands.serve_helpers import SIGNAL_TIMEOUT
from roadmap_site.commands.serve.debounce import Debouncer


class Runs:
    """An action that counts its runs; while `hold` is clear, a run waits for it."""

    def __init__(self) -> None:
        self.count = 0
        self.started = threading.Event()
        self.hold = threading.Event()
        self.hold.set()
        self.paths: list[frozenset[Path]] = []

    def __call__(self, paths: frozenset[Path]) -> None:
        self.paths.append(paths)
        self.started.set()
        assert self.hold.wait(SIGNAL_TIMEOUT)
        self.count += 1


def test_a_burst_of_pokes_gives_one_run():
    runs = Runs()
    debouncer = Debouncer(runs, quiet=0.2)
    debouncer.start()
    try:
        for _ in range(50):
            debouncer.poke()
        assert runs.started.wait(SIGNAL_TIMEOUT)
        assert debouncer.wait_idle(SIGNAL_TIMEOUT)
        assert runs.count == 1
    finally:
        debouncer.stop()


def test_pokes_during_a_run_give_exactly_one_more_run():
    runs = Runs()
    runs.hold.clear()
    debouncer = Debouncer(runs, quiet=0.05)
    debouncer.start()
    try:
        debouncer.poke()
        assert runs.started.wait(SIGNAL_TIMEOUT)
        assert not debouncer.wait_idle(0)  # a run is under way
        debouncer.poke()
        debouncer.poke()
        runs.hold.set()
        assert debouncer.wait_idle(SIGNAL_TIMEOUT)
        assert runs.count == 2
    finally:
        debouncer.stop()


def test_idle_before_any_poke_and_stop_waits_for_the_run_under_way():
    runs = Runs()
    debouncer = Debouncer(runs, quiet=0.0)
    assert debouncer.wait_idle(0)
    runs.hold.clear()
    debouncer.start()
    debouncer.poke()
    assert runs.started.wait(SIGNAL_TIMEOUT)
    threading.Thread(target=runs.hold.set).start()
    debouncer.stop()
    assert runs.count == 1  # stop() returned only once the run had finished


def test_a_run_gets_the_paths_of_the_pokes_since_the_run_before():
    runs = Runs()
    runs.hold.clear()
    debouncer = Debouncer(runs, quiet=0.05)
    debouncer.start()
    try:
        debouncer.poke([Path("a.md")])
        debouncer.poke([Path("b.md"), Path("a.md")])
        assert runs.started.wait(SIGNAL_TIMEOUT)
        debouncer.poke([Path("c.md")])  # during the run: for the next one
        debouncer.poke()  # an event that names nothing adds nothing
        runs.hold.set()
        assert debouncer.wait_idle(SIGNAL_TIMEOUT)
        assert runs.paths == [frozenset({Path("a.md"), Path("b.md")}), frozenset({Path("c.md")})]
    finally:
        debouncer.stop()
