"""Every file of the site, made or kept: a page whose inputs have not changed since the
build that wrote it is left as it is on disk; the others are made into the staging folder
(see roadmap_site.output.making).

A page's fingerprint hashes the templates, the config and what the page shows: an article
page, its own article's digest and the summaries of the articles it links in its series and
prerequisites; a listing page or a feed, the summaries (or, for a feed, the digests) of the
articles on it, and its pager, counts and names. The output folder's manifest records each
path's fingerprint.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from roadmap_site.config import Config
from roadmap_site.errors import Problem, error
from roadmap_site.incremental.fingerprints import ArticleDigests, PageFingerprints, article_views, theme_fingerprint
from roadmap_site.model.graph import Graph
from roadmap_site.model.models import Site
from roadmap_site.output.aliases import alias_pages
from roadmap_site.output.fs import Staging, UnsafePath, check_output_path
from roadmap_site.output.making import PageMaker, Task, make_pages
from roadmap_site.output.static import static_files
from roadmap_site.parse.parallel import Progress
from roadmap_site.parse.sources import ContentFiles


@dataclass
class SiteFiles:
    """What the output folder must hold once the build is written."""

    files: dict[str, bytes] = field(default_factory=dict)  # to write (when their bytes changed)
    staged: set[str] = field(default_factory=set)  # made into the staging folder, to move into place
    made: list[str] = field(default_factory=list)  # pages made anew, staged or found the same on disk
    fingerprints: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)  # to leave as they are
    problems: list[Problem] = field(default_factory=list)
    _origins: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # folded path -> (source, line, path)

    def claim(self, path: str, origin: str, line: int = 1) -> bool:
        """Reserve path for origin (at the line that chose the path); False, and an error
        naming both origins, when the path is unsafe or taken."""
        try:
            path = check_output_path(path)
        except UnsafePath as exc:
            self.problems.append(error(origin, line, str(exc)))
            return False
        folded = path.casefold()
        if folded in self._origins:
            other, other_line, first_path = self._origins[folded]
            case = "" if first_path == path else (
                f" (as {first_path!r}: names differing only in case collide on macOS and Windows)"
            )
            self.problems.append(error(origin, line, f"writes {path}, which {other}:{other_line} also writes{case}"))
            return False
        self._origins[folded] = (origin, line, path)
        return True

    def add(self, path: str, data: bytes, origin: str, fingerprint: str | None = None, line: int = 1) -> None:
        if self.claim(path, origin, line):
            self.files[path] = data
            if fingerprint:
                self.fingerprints[path] = fingerprint

    def keep(self, path: str, origin: str, fingerprint: str, line: int = 1) -> None:
        if self.claim(path, origin, line):
            self.kept.add(path)
            self.fingerprints[path] = fingerprint


def site_files(
    site: Site,
    digests: dict[str, ArticleDigests],
    graph: Graph,
    config: Config,
    template_dirs: tuple[Path, ...],
    static_dirs: tuple[Path, ...],
    content: ContentFiles,
    previous: dict[str, str | None],
    staging: Staging,
    workers: int | None = None,
    progress: Progress | None = None,
) -> SiteFiles:
    """Make what changed into the staging folder, keep what did not, and gather the static
    files."""
    out_dir = staging.out_dir
    result = SiteFiles()
    maker = PageMaker(site, graph, config, template_dirs)
    prints = PageFingerprints(theme_fingerprint(template_dirs, config, site), article_views(site, graph, digests), digests)
    todo: list[tuple[str, Task, str]] = []  # (path, task, fingerprint), claimed in this order

    out_prefix = os.path.join(out_dir, "")

    def plan(path: str, origin: str, task: Task, print_: str, line: int = 1) -> None:
        if previous.get(path) == print_ and os.path.isfile(out_prefix + path):
            result.keep(path, origin, print_, line)
        elif result.claim(path, origin, line):
            todo.append((path, task, print_))

    for article in site.articles.values():
        plan(article.path, article.source, article.key, prints.article_page(article.key, maker.renderer.shown_articles(article)),
             article.lines.get("url") or article.lines.get("slug") or 1)
    for position, planned in enumerate(maker.planned):
        plan(planned.path, planned.path, position, prints.planned(planned))
    staged = make_pages(maker, [(path, task) for path, task, _ in todo], staging, workers, progress)
    for (path, _, print_), is_staged in zip(todo, staged):
        (result.staged if is_staged else result.kept).add(path)
        result.made.append(path)
        result.fingerprints[path] = print_
    redirects, problems = alias_pages(site, config, maker.env)
    result.problems += problems
    for path, html, origin, line in redirects:  # after the real pages, so a clash names the alias
        result.add(path, html.encode("utf-8"), origin, line=line)
    for path, data, origin in static_files(static_dirs, content):
        result.add(path, data, origin)
    return result
