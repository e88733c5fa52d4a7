"""Make the pages a build needs, on all cores when there are enough of them.

A page is a pure function of (site, graph, config, templates), so each worker process builds
its own Renderer from the same values once, and then makes the pages it is sent by name: an
article's key, or a position in the planned listing pages and outputs, which every process
plans alike. The result is the same bytes with one worker or many (tested).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Union

from roadmap_site.config import Config
from roadmap_site.graph import Graph
from roadmap_site.models import Site
from roadmap_site.outputs import site_outputs
from roadmap_site.plan import Planned
from roadmap_site.render import Renderer, make_environment

Task = Union[str, int]  # an article key, or a position in PageMaker.planned
Progress = Callable[[str, int, int], None]  # (what is counted, done, to do)

PARALLEL_FROM = 200  # pages; below this, starting worker processes costs more than it saves
CHUNK = 40  # pages sent to a worker at once


class PageMaker:
    """Everything needed to make any page of one build."""

    def __init__(self, site: Site, graph: Graph, config: Config, template_dirs: tuple[Path, ...]):
        self.site = site
        self.renderer = Renderer(make_environment(template_dirs), site, config, graph)
        self.planned: list[Planned] = [*self.renderer.listing_pages(), *site_outputs(site, config, graph)]

    def make(self, task: Task) -> bytes:
        if isinstance(task, int):
            return self.planned[task].data()
        return self.renderer.article(self.site.articles[task]).encode("utf-8")


def make_pages(
    maker: PageMaker,
    tasks: list[Task],
    template_dirs: tuple[Path, ...],
    config: Config,
    graph: Graph,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[bytes]:
    """The bytes of every task's page, in order."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers <= 1 or len(tasks) < PARALLEL_FROM:
        return [maker.make(task) for task in tasks]
    made: list[bytes] = []
    chunks = [tasks[start : start + CHUNK] for start in range(0, len(tasks), CHUNK)]
    initargs = (maker.site, graph, config, template_dirs)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=initargs) as pool:
        for results in pool.map(_make_chunk, chunks):
            made.extend(results)
            if progress:
                progress("made", len(made), len(tasks))
    return made


_worker: PageMaker | None = None  # one per worker process


def _start_worker(site: Site, graph: Graph, config: Config, template_dirs: tuple[Path, ...]) -> None:
    global _worker
    _worker = PageMaker(site, graph, config, template_dirs)


def _make_chunk(tasks: list[Task]) -> list[bytes]:
    assert _worker is not None
    return [_worker.make(task) for task in tasks]
