"""Markdown conversion alone, in one process: the time `parse_article` takes per article.

    PYTHONPATH=TREE python benchmarks/conversion.py SITE [--large-bytes 1000000] [--seed 0]

run.py runs this with the roadmap_site of the tree it measures (PYTHONPATH); it can be run by
hand the same way. It reads SITE's config and articles with roadmap_site's public API
(`read_sources`, `read_head`), makes one renderer (`roadmap_site.parse.markdown.MarkdownRenderer`
where the tree has it, else `roadmap_site.parse.markup.MarkdownRenderer`), and times only
`parse_article` of each article: the front matter is read before, untimed, and the process
start and imports are not counted. Then the same for one large article (corpus.large_article,
placed in SITE's first series folder so that its links resolve).

Prints JSON on stdout: the renderer's name, the median ms per article and the median seconds
per MB of body (each article's time over its body's size), and the large article's size,
seconds and seconds per MB."""

from __future__ import annotations

import argparse
import importlib
import json
import statistics
import sys
import time
from pathlib import Path

from corpus import LARGE_ARTICLE_BYTES, large_article
from roadmap_site.config import Config, load_config
from roadmap_site.parse.article import Head, parse_article, read_head
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.sources import Source, list_content, read_sources

MB = 1e6  # bytes, as the memory figures of run.py


def renderer_class() -> tuple[type, str]:
    """The tree's renderer, the new engine's first; its dotted name says which was measured."""
    for module_name in ("roadmap_site.parse.markdown", "roadmap_site.parse.markup"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the module is there and broken: that is worth seeing
            continue
        if hasattr(module, "MarkdownRenderer"):
            return module.MarkdownRenderer, f"{module_name}.MarkdownRenderer"
    raise SystemExit("this tree has no MarkdownRenderer in roadmap_site.parse.markdown or roadmap_site.parse.markup")


def body_bytes(head: Head) -> int:
    return len(head.split.body.encode("utf-8"))


def time_parse(head: Head, index: LinkIndex, config: Config, renderer: object, found: list[str]) -> float:
    """Seconds of one parse_article: the body's conversion and the Article made of it.
    Its problems are added to found (the corpus should have none)."""
    started = time.perf_counter()
    _, problems = parse_article(head, index, config, renderer)
    seconds = time.perf_counter() - started
    found.extend(str(problem) for problem in problems)
    return seconds


def figures(heads: list[Head], large: Head, index: LinkIndex, config: Config, renderer: object) -> dict:
    found: list[str] = []
    seconds = [time_parse(head, index, config, renderer, found) for head in heads]
    large_seconds = time_parse(large, index, config, renderer, found)
    return {
        "per_article_ms": statistics.median(seconds) * 1000,
        "per_article_s_per_mb": statistics.median(s / (body_bytes(h) / MB) for s, h in zip(seconds, heads)),
        "large_seconds": large_seconds,
        "large_s_per_mb": large_seconds / (body_bytes(large) / MB),
        "problems": found[:5],  # the first few, to show why a figure may be off
        "problem_count": len(found),
    }


def tune_collector_as_a_build_does() -> None:
    """The collector thresholds the command line sets (in roadmap_site.cli, or in
    roadmap_site.build in trees from before the packages), so that this times what a build
    spends."""
    for module_name in ("roadmap_site.cli", "roadmap_site.build"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError:
            continue
        if hasattr(module, "tune_collector"):
            module.tune_collector()
            return


def measure(site: Path, large_bytes: int = LARGE_ARTICLE_BYTES, seed: int = 0) -> dict:
    tune_collector_as_a_build_does()
    config, problems = load_config(site)
    if problems:
        raise SystemExit(f"{problems[0]}")
    content = list_content(site / "content")
    heads = [read_head(source, config) for source in read_sources(content)]
    unreadable = [head for head in heads if not isinstance(head, Head)]
    if unreadable or not heads:
        raise SystemExit(f"{site}: {unreadable[0] if unreadable else 'no articles'}")
    folder = heads[0].source.key.rsplit("/", 1)[0] if "/" in heads[0].source.key else ""
    key = f"{folder}/large-article.md" if folder else "large-article.md"
    large = read_head(Source(key, str(content.folder / key), large_article(large_bytes, seed).encode()), config)
    if not isinstance(large, Head):
        raise SystemExit(f"the large article: {large}")
    pages = {head.source.key: head.path for head in [*heads, large]}
    index = LinkIndex(pages=pages, files=content.others)
    renderer, name = renderer_class()
    result = {
        "renderer": name,
        "articles": len(heads),
        "article_bytes": statistics.mean(body_bytes(head) for head in heads),
        "large_bytes": body_bytes(large),
        **figures(heads, large, index, config, renderer()),
    }
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a site folder: roadmap.yml and content/")
    parser.add_argument("--large-bytes", type=int, default=LARGE_ARTICLE_BYTES, help="the large article's size")
    parser.add_argument("--seed", type=int, default=0, help="the large article's seed (default: 0)")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.site, args.large_bytes, args.seed)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
