"""`roadmap-site build`: read, parse, assemble, render, and only when nothing failed, write."""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from roadmap_site.config import Config, load_config
from roadmap_site.errors import BuildFailed, Problem, error, failure_report, has_errors, warning
from roadmap_site.incremental.cache import ArticleCache, cache_folder
from roadmap_site.incremental.fingerprints import inputs_digest
from roadmap_site.incremental.last_build import (
    FORMAT as RECORD_FORMAT,
    LastBuild,
    forget_last_build,
    output_intact,
    read_last_build,
    record_path,
    write_last_build,
)
from roadmap_site.incremental.source_memory import SourceMemory
from roadmap_site.layout import Layout, find_layout
from roadmap_site.output.fs import Staging, check_output_folder, read_manifest, write_site
from roadmap_site.parse.sources import ContentFiles, Source, list_content

# What parses articles and makes pages is imported once a build has work to do: a build
# that finds nothing changed does without it (about a third of a second of imports).
if TYPE_CHECKING:
    from roadmap_site.incremental.loading import LoadedSite
    from roadmap_site.incremental.site_files import SiteFiles
    from roadmap_site.model.graph import Graph
    from roadmap_site.parse.parallel import Progress


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
    loaded: LoadedSite | None = None  # what the build assembled (None when it was up to date)
    graph: Graph | None = None


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
    read: Callable[[ContentFiles], list[Source]] | None = None,
) -> BuildReport:
    """Build the site in site_dir into out_dir. Raises BuildFailed, leaving out_dir as it
    was. Parsed articles are kept in the user's cache folder (or in the cache the caller
    keeps), so the next build parses only what changed; clean=True starts afresh.
    search=False leaves the search index to the caller (the dev server indexes after it
    has reloaded the pages). `layout` and `config`: the site's, when the caller has found
    them already (and dealt with the config's problems). `read`: how the articles' sources
    are read (the dev server keeps its own SourceMemory); by default, the files whose
    stamps the cache folder does not vouch for."""
    started = time.perf_counter()
    layout = layout or find_layout(site_dir)
    out_dir = out_dir or site_dir / "_site"
    config = _settings(layout, out_dir, config).with_overrides(base_url=base_url, drafts=drafts or None)
    content = list_content(layout.content_dir)
    indexing = search and config.search
    cache, record = _cache_and_record(layout, site_dir, out_dir, cache, clean)
    sources = read(content) if read else _read_changed(content, cache)
    inputs = inputs_digest(layout, config, indexing, content, sources, RECORD_FORMAT) if record else ""
    last = read_last_build(record) if record and not clean else None
    if last and last.inputs == inputs and output_intact(out_dir, indexing):
        return BuildReport(out_dir=out_dir, articles=last.articles, pages=last.pages, up_to_date=True,
                           seconds=time.perf_counter() - started, warnings=list(last.warnings))

    from roadmap_site.incremental.loading import load_site
    from roadmap_site.model.graph import prerequisite_graph

    loaded = load_site(content, config, cache, workers, progress, sources)
    del sources  # parsed: the bytes of every source need not be kept while pages are made
    graph, graph_problems = prerequisite_graph(loaded.site)
    problems = loaded.problems + graph_problems  # unknown prerequisites and cycles are warnings
    _stop_on_errors(problems)  # before any page is made
    output = _staged_output(loaded, graph, config, layout, content, out_dir, clean, workers, progress, problems)
    problems += output.problems

    if record:
        forget_last_build(record)  # until this build is written whole, the output is not up to date
    written, removed = write_site(out_dir, output.files, output.fingerprints, frozenset(output.kept), frozenset(output.staged))
    if indexing and (written or removed or not (out_dir / "pagefind").is_dir()):
        problems += _search_index(out_dir)
    report = BuildReport(
        out_dir=out_dir,
        articles=len(loaded.site.articles),
        pages=_page_count(output),
        written=written,
        made=output.made + list(output.files),
        removed=removed,
        seconds=time.perf_counter() - started,
        warnings=[p for p in problems if p.severity == "warning"],
        sample=layout.is_sample,
        loaded=loaded,
        graph=graph,
    )
    if record:
        write_last_build(record, LastBuild(inputs, report.articles, report.pages, tuple(report.warnings)))
    return report


def _read_changed(content: ContentFiles, cache: ArticleCache) -> list[Source]:
    """The sources, reading only the files whose stamps differ from the last build's."""
    memory = SourceMemory(cache.source_stamps())
    sources = memory.read(content)
    if memory.changed:
        cache.keep_source_stamps(memory.known)
    return sources


def _settings(layout: Layout, out_dir: Path, config: Config | None) -> Config:
    """The site's config (read now unless given); BuildFailed when it, or the output
    folder, cannot be used."""
    problems: list[Problem] = []
    if config is None:
        config, problems = load_config(layout.config_dir)
    refusal = check_output_folder(out_dir, [layout.site_dir, layout.content_dir, *layout.template_dirs[:1]])
    if refusal:
        raise BuildFailed([error(str(out_dir), 1, refusal)])
    if has_errors(problems):  # roadmap.yml's, in its own order
        raise BuildFailed(problems)
    return config


def _cache_and_record(layout: Layout, site_dir: Path, out_dir: Path, cache: ArticleCache | None,
                      clean: bool) -> tuple[ArticleCache, Path | None]:
    """The cache to build with, and where the last build into out_dir is recorded: only a
    build that keeps its own cache on disk can know that the output is up to date."""
    if cache is not None:
        return cache, None
    cache = ArticleCache(None if layout.is_sample else cache_folder(site_dir))
    if clean:
        cache.clear()
    return cache, record_path(cache.folder, out_dir) if cache.folder is not None else None


def _staged_output(loaded: LoadedSite, graph: Graph, config: Config, layout: Layout, content: ContentFiles,
                   out_dir: Path, clean: bool, workers: int | None, progress: Progress | None,
                   problems: list[Problem]) -> SiteFiles:
    """Every file of the site, the pages that changed made into the staging folder; on any
    error, BuildFailed (with the problems found before) and the output folder as it was."""
    from roadmap_site.incremental.site_files import site_files

    staging = Staging(out_dir)
    staging.discard()  # what a build that was stopped left
    fresh_output = not out_dir.exists()
    try:
        output = site_files(loaded.site, loaded.digests, graph, config, layout.template_dirs, layout.static_dirs,
                            content, {} if clean else read_manifest(out_dir), staging, workers, progress)
        _stop_on_errors(problems + output.problems)
    except BaseException:
        staging.discard()
        if fresh_output:
            shutil.rmtree(out_dir, ignore_errors=True)  # holds nothing but the emptied staging folder
        raise
    return output


def _search_index(out_dir: Path) -> list[Problem]:
    """Index the written pages (Pagefind reads them from disk); a failure is a warning, as
    the pages are written and usable."""
    from roadmap_site.output.search import index_site

    indexed = index_site(out_dir)
    return [] if indexed is None else [warning(indexed.path, indexed.line, indexed.message)]


def _stop_on_errors(problems: list[Problem]) -> None:
    if has_errors(problems):
        raise BuildFailed(sorted(problems, key=lambda p: (p.path, p.line)))


def _page_count(output: SiteFiles) -> int:
    return sum(1 for path in (*output.files, *output.kept, *output.staged) if path.endswith(".html"))


def run_build(args: argparse.Namespace) -> int:
    """The build command: build, print the problems and a summary; 1 when the build failed."""
    site_dir: Path = args.site_dir
    progress = ProgressLine(enabled=not args.quiet and sys.stderr.isatty())
    try:
        with progress:
            report = build(
                site_dir, args.output, base_url=args.base_url, drafts=args.drafts, clean=args.clean,
                progress=progress, search=not args.no_search,
            )
    except BuildFailed as failed:
        print(failure_report(failed.problems, "the previous output is unchanged"), file=sys.stderr)
        return 1
    for problem in report.warnings:
        print(problem, file=sys.stderr)
    if report.sample:
        print(f"no articles in {site_dir}: built the sample roadmap that ships with roadmap-site", file=sys.stderr)
    if not args.quiet and report.up_to_date:
        print(
            f"up to date: {report.articles:,} articles, {report.pages:,} pages, nothing changed since the last "
            f"build ({report.seconds:.1f} s); {len(report.warnings)} warning(s) -> {report.out_dir}"
        )
    elif not args.quiet:
        print(
            f"built {report.articles:,} articles, {report.pages:,} pages in {report.seconds:.1f} s "
            f"({len(report.written):,} files written, {len(report.removed):,} removed); "
            f"{len(report.warnings)} warning(s) -> {report.out_dir}"
        )
    return 0


class ProgressLine:
    """'parsed 4,200 / 10,000 articles (1,310/s)', then 'made 9,000 / 12,479 pages (870/s)',
    on one terminal line, shown only for builds that take longer than a second."""

    def __init__(self, enabled: bool) -> None:
        self._enabled = enabled
        self._started = time.perf_counter()
        self._phase, self._phase_started, self._phase_done = "", self._started, 0
        self._shown = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if phase != self._phase:  # each phase's rate counts from its first report
            self._phase, self._phase_started, self._phase_done = phase, now, done
        if not self._enabled or now - self._started < 1:
            return
        things = "articles" if phase == "parsed" else "pages"
        rate = (done - self._phase_done) / max(now - self._phase_started, 1e-3)
        print(f"\r\033[K{phase} {done:,} / {total:,} {things} ({rate:,.0f}/s)", end="", file=sys.stderr, flush=True)
        self._shown = True

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._shown:  # clear the line, so that what follows starts clean
            print("\r\033[K", end="", file=sys.stderr, flush=True)
