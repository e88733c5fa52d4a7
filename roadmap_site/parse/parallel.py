"""Parse many articles, on all cores when there are enough of them to pay for the workers.

Each worker process makes its own MarkdownRenderer once and then parses the heads it is
sent; the result is the same, in the same order, with one worker or many (tested).
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable

from roadmap_site.config import Config
from roadmap_site.errors import Problem
from roadmap_site.model.models import Article
from roadmap_site.parse.article import Head, parse_article
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer

Progress = Callable[[str, int, int], None]  # (what is counted, done, to do)

PARALLEL_FROM = 48  # articles; below this, starting worker processes costs more than it saves


def parse_articles(
    heads: list[Head],
    index: LinkIndex,
    config: Config,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[tuple[Article, list[Problem]]]:
    """parse_article for each head, in order."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    parsed: list[tuple[Article, list[Problem]]] = []
    if workers <= 1 or len(heads) < PARALLEL_FROM:
        renderer = MarkdownRenderer()
        for head in heads:
            parsed.append(parse_article(head, index, config, renderer))
            if progress and len(parsed) % 100 == 0:
                progress("parsed", len(parsed), len(heads))
        return parsed
    chunk = max(8, min(200, len(heads) // (workers * 8)))
    chunks = [heads[start : start + chunk] for start in range(0, len(heads), chunk)]
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(index, config)) as pool:
        for results in pool.map(_parse_chunk, chunks):
            parsed.extend(results)
            if progress:
                progress("parsed", len(parsed), len(heads))
    return parsed


_worker: tuple[MarkdownRenderer, LinkIndex, Config] | None = None  # one per worker process


def _start_worker(index: LinkIndex, config: Config) -> None:
    global _worker
    _worker = (MarkdownRenderer(), index, config)


def _parse_chunk(heads: list[Head]) -> list[tuple[Article, list[Problem]]]:
    assert _worker is not None
    renderer, index, config = _worker
    return [parse_article(head, index, config, renderer) for head in heads]
