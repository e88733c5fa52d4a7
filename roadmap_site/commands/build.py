"""The build: read, parse, assemble, render, and only when nothing failed, write."""

from __future__ import annotations

import gc
import os
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from roadmap_site.model.assemble import assemble_site, check_fragments
from roadmap_site.incremental.cache import ArticleCache, Entry, cache_folder, source_digest
from roadmap_site.config import Config, load_config
from roadmap_site.errors import BuildFailed, Problem, error, has_errors, warning
from roadmap_site.model.graph import prerequisite_graph
from roadmap_site.output.fs import Staging, check_output_folder, read_manifest, write_site
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.article import Head, parse_article, read_head
from roadmap_site.parse.sources import ContentFiles, Source, list_content, read_sources
from roadmap_site.parse.markup import MarkdownRenderer
from roadmap_site.model.models import Article, Site
from roadmap_site.output.making import Progress
from roadmap_site.incremental.pages import fingerprint, site_files, summary_digest
from roadmap_site.output.search import index_site
from roadmap_site.layout import Layout, find_layout
from roadmap_site.incremental.last_build import (
    InputsDigest,
    LastBuild,
    folder_files,
    forget_last_build,
    output_intact,
    read_last_build,
    record_path,
    write_last_build,
)

@dataclass
class BuildReport:
    out_dir: Path
    articles: int = 0
    pages: int = 0
    written: list[str] = field(default_factory=list)  # output paths whose bytes changed
    made: list[str] = field(default_factory=list)  # output paths made anew (the others were kept as they were)
    removed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    sample: bool = False
    warnings: list[Problem] = field(default_factory=list)
    up_to_date: bool = False  # nothing had changed since the last build: nothing was done




def load_site(
    content: ContentFiles,
    config: Config,
    cache: ArticleCache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    sources: list[Source] | None = None,
) -> tuple[Site, list[Problem]]:
    """Every article parsed and assembled; the problems of all files together. Articles the
    cache knows are not parsed again; the others are parsed on all cores when there are
    enough of them to pay for starting the workers. `sources`: the content's articles when
    the caller has read them already."""
    cache = cache or ArticleCache()
    problems: list[Problem] = []
    sources = read_sources(content) if sources is None else sources
    digests = [source_digest(source, config) for source in sources]
    cached: dict[int, Entry] = {}  # by position in sources
    heads: dict[int, Head] = {}
    for position, (source, digest) in enumerate(zip(sources, digests)):
        entry = cache.lookup(digest)
        if entry is not None:
            cached[position] = entry
        elif (head := _read_head(source, config, problems)) is not None:
            heads[position] = head
    pages = {article.key: article.path for _, article, _ in cached.values() if config.drafts or not article.draft}
    pages.update((head.source.key, head.path) for head in heads.values() if config.drafts or not head.meta.draft)
    index = LinkIndex(pages=pages, files=content.others)
    kept: dict[int, tuple[Article, list[Problem]]] = {}
    for position, (signature, article, found) in cached.items():
        if signature == index.signature(article.link_keys):
            kept[position] = article, found
        elif (head := _read_head(sources[position], config, problems)) is not None:
            heads[position] = head  # what its links point at has changed: parse it again
    missing = sorted(p for p, head in heads.items() if config.drafts or not head.meta.draft)
    fresh = parse_articles([heads[p] for p in missing], index, config, workers, progress)
    for position, (article, found) in zip(missing, fresh):
        # The article's own digest also covers what its links resolved to.
        article = replace(article, digest=fingerprint(digests[position], repr(index.signature(article.link_keys))))
        kept[position] = replace(article, summary_digest=summary_digest(article)), found
        cache.store(digests[position], index, *kept[position])
    cache.sweep()
    articles = []
    for position in sorted(kept):
        article, found = kept[position]
        problems.extend(found)
        articles.append(article)
    site, assembly_problems = assemble_site(articles, config)
    return site, problems + assembly_problems + check_fragments(site)


def _read_head(source: Source, config: Config, problems: list[Problem]) -> Head | None:
    head = read_head(source, config)
    if isinstance(head, Problem):
        problems.append(head)
        return None
    return head


PARALLEL_FROM = 48  # articles; below this, starting worker processes costs more than it saves


def parse_articles(
    heads: list[Head],
    index: LinkIndex,
    config: Config,
    workers: int | None = None,
    progress: Progress | None = None,
) -> list[tuple[Article, list[Problem]]]:
    """parse_article for each head, in order; the same result with one worker or many."""
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


def build(
    site_dir: Path,
    out_dir: Path | None = None,
    base_url: str | None = None,
    drafts: bool = False,
    cache: ArticleCache | None = None,
    clean: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    search: bool = True,
    *,
    layout: Layout | None = None,
    config: Config | None = None,
) -> BuildReport:
    """Build the site in site_dir into out_dir. Raises BuildFailed, leaving out_dir as it
    was. Parsed articles are kept in the user's cache folder (or in the cache the caller
    keeps), so the next build parses only what changed; clean=True starts afresh.
    search=False leaves the search index to the caller (the dev server indexes after it
    has reloaded the pages). `layout` and `config`: the site's, when the caller has found
    them already (and dealt with the config's problems)."""
    started = time.perf_counter()
    layout = layout or find_layout(site_dir)
    out_dir = out_dir or site_dir / "_site"
    problems: list[Problem] = []
    if config is None:
        config, problems = load_config(layout.config_dir)
    config = config.with_overrides(base_url=base_url, drafts=drafts or None)
    refusal = check_output_folder(out_dir, [layout.site_dir, layout.content_dir, *layout.template_dirs[:1]])
    if refusal:
        raise BuildFailed([error(str(out_dir), 1, refusal)])
    if has_errors(problems):
        raise BuildFailed(problems)
    content = list_content(layout.content_dir)
    sources = read_sources(content)
    indexing = search and config.search
    record = None
    if cache is None:
        cache = ArticleCache(None if layout.is_sample else cache_folder(site_dir))
        if cache.folder is not None:  # only a build that keeps its cache can know it is up to date
            record = record_path(cache.folder, out_dir)
        if clean:
            cache.clear()
    inputs = inputs_digest(layout, config, indexing, content, sources) if record else ""
    last = read_last_build(record) if record and not clean else None
    if last and last.inputs == inputs and output_intact(out_dir, indexing):
        return BuildReport(out_dir=out_dir, articles=last.articles, pages=last.pages, up_to_date=True,
                           seconds=time.perf_counter() - started, warnings=list(last.warnings))
    site, found = load_site(content, config, cache, workers, progress, sources)
    del sources  # the site is parsed: the bytes of every source need not be kept while pages are made
    problems += found
    graph, unknown = prerequisite_graph(site)
    problems += unknown  # prerequisites that name no article, and cycles, as warnings
    previous = {} if clean else read_manifest(out_dir)  # what earlier builds wrote, to keep
    if has_errors(problems):  # before any page is made
        raise BuildFailed(sorted(problems, key=lambda p: (p.path, p.line)))
    staging = Staging(out_dir)
    staging.discard()  # what a build that was stopped left
    fresh_output = not out_dir.exists()
    try:
        output = site_files(site, graph, config, layout.template_dirs, layout.static_dirs, content, previous,
                            staging, workers, progress)
        problems += output.problems
        if has_errors(problems):
            raise BuildFailed(sorted(problems, key=lambda p: (p.path, p.line)))
    except BaseException:
        staging.discard()
        if fresh_output:
            shutil.rmtree(out_dir, ignore_errors=True)  # holds nothing but the emptied staging folder
        raise
    if record:
        forget_last_build(record)  # until this build is written whole, the output is not up to date
    written, removed = write_site(out_dir, output.files, output.fingerprints, frozenset(output.kept), frozenset(output.staged))
    if indexing and (written or removed or not (out_dir / "pagefind").is_dir()):
        indexed = index_site(out_dir)  # after writing: Pagefind reads the written pages
        if indexed is not None:  # the pages are written and usable; the report says so
            problems.append(warning(indexed.path, indexed.line, indexed.message))
    report = BuildReport(
        out_dir=out_dir,
        articles=len(site.articles),
        pages=sum(1 for path in (*output.files, *output.kept, *output.staged) if path.endswith(".html")),
        written=written,
        made=output.made + list(output.files),
        removed=removed,
        seconds=time.perf_counter() - started,
        warnings=[p for p in problems if p.severity == "warning"],
        sample=layout.is_sample,
    )
    if record and not has_errors(problems):
        write_last_build(record, LastBuild(inputs, report.articles, report.pages, tuple(report.warnings)))
    return report


def tune_collector() -> None:
    """For a process that builds sites (the command line, the dev server): a site is hundreds
    of thousands of long-lived objects and a build makes little cyclic garbage, yet at the
    default thresholds the collector walks the whole site again every few thousand
    allocations, a third of a one-article rebuild of 10,000 articles."""
    gc.set_threshold(100_000, 50, 100)


def inputs_digest(layout: Layout, config: Config, indexing: bool, content: ContentFiles, sources: list[Source]) -> str:
    """A digest of everything a build reads: equal digests make equal output."""
    digest = InputsDigest(repr(config), f"search={indexing}", str(layout.content_dir))
    for source in sources:
        digest.add(f"article:{source.key}", source.data)
    digest.add_files("file", ((key, content.folder / key) for key in sorted(content.others)))
    for number, folder in enumerate((*layout.template_dirs, *layout.static_dirs)):
        digest.add_files(f"theme{number}", folder_files([folder]))
    return digest.hexdigest()
