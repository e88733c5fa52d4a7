"""Make the pages a build needs, on all cores when there are enough of them.

A page is a pure function of (site, graph, config, templates), so each worker process builds
its own Renderer from the same values once, and then makes the pages it is sent by name: an
article's key, or a position in the planned listing pages and outputs, which every process
plans alike. The result is the same bytes with one worker or many (tested). Made pages go
to the output's staging folder, not into memory, so a build's memory does not grow with
the size of its pages.
"""

from __future__ import annotations

import os
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Union

import jinja2

from roadmap_site.config import Config
from roadmap_site.errors import BuildFailed, Problem, error
from roadmap_site.output.fs import Staging
from roadmap_site.model.graph import Graph
from roadmap_site.model.models import Site
from roadmap_site.output.feeds import site_outputs
from roadmap_site.output.plan import Planned
from roadmap_site.output.render import Renderer, make_environment
from roadmap_site.parse.parallel import Progress

Task = Union[str, int]  # an article key, or a position in PageMaker.planned
PARALLEL_FROM = 200  # pages; below this, starting worker processes costs more than it saves
CHUNK = 40  # pages sent to a worker at once


class PageMaker:
    """Everything needed to make any page of one build."""

    def __init__(self, site: Site, graph: Graph, config: Config, template_dirs: tuple[Path, ...]):
        self.arguments = (site, graph, config, template_dirs)  # to make the same PageMaker in a worker
        self.site = site
        self.env = make_environment(template_dirs)
        self.renderer = Renderer(self.env, site, config, graph)
        self.planned: list[Planned] = [*self.renderer.listing_pages(), *site_outputs(site, config, graph)]

    def make(self, task: Task) -> bytes:
        try:
            if isinstance(task, int):
                return self.planned[task].data()
            return self.renderer.article(self.site.articles[task]).encode("utf-8")
        except jinja2.TemplateError as exc:  # a site's own template: its file and line, not a traceback
            page = self.planned[task].path if isinstance(task, int) else self.site.articles[task].path
            raise BuildFailed([template_problem(exc, page)]) from None


def template_problem(exc: jinja2.TemplateError, page: str) -> Problem:
    """The template file and line where making a page failed."""
    path, line = getattr(exc, "filename", None), getattr(exc, "lineno", None)
    if path is None:  # a failure while rendering: the innermost template frame says where
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith((".html", ".xml", ".txt"))]
        path, line = (frames[-1].filename, frames[-1].lineno) if frames else ("templates", 1)
    return error(str(path), line or 1, f"{exc.message or type(exc).__name__} (making {page})")


def make_pages(
    maker: PageMaker,
    tasks: list[tuple[str, Task]],
    staging: Staging,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[bool]:
    """Make each (output path, task) into the staging folder, in order; for each, whether it
    was staged (False: the output already held the same bytes)."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    made: list[bool] = []
    if workers <= 1 or len(tasks) < PARALLEL_FROM:
        for path, task in tasks:
            made.append(staging.put(path, maker.make(task)))
            if progress and len(made) % 100 == 0:
                progress("made", len(made), len(tasks))
        return made
    chunks = [tasks[start : start + CHUNK] for start in range(0, len(tasks), CHUNK)]
    initargs = (*maker.arguments, staging)
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=initargs) as pool:
        for results in pool.map(_make_chunk, chunks):
            made.extend(results)
            if progress:
                progress("made", len(made), len(tasks))
    return made


_worker: tuple[PageMaker, Staging] | None = None  # one per worker process


def _start_worker(site: Site, graph: Graph, config: Config, template_dirs: tuple[Path, ...], staging: Staging) -> None:
    global _worker
    _worker = PageMaker(site, graph, config, template_dirs), staging


def _make_chunk(tasks: list[tuple[str, Task]]) -> list[bool]:
    assert _worker is not None
    maker, staging = _worker
    return [staging.put(path, maker.make(task)) for path, task in tasks]
