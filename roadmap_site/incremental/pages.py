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

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Iterator

from pygments.formatters import HtmlFormatter

from roadmap_site.output.aliases import alias_pages
from roadmap_site.config import Config
from roadmap_site.errors import Problem, error
from roadmap_site.model.graph import Graph
from roadmap_site.output.fs import Staging, UnsafePath, check_output_path
from roadmap_site.parse.sources import ContentFiles
from roadmap_site.model.models import Article, Site
from roadmap_site.output.making import PageMaker, Progress, Task, make_pages
from roadmap_site.incremental.last_build import code_digest, folder_files

LIGHT_CODE_STYLE = "default"
DARK_CODE_STYLE = "github-dark"


@dataclass
class SiteFiles:
    """What the output folder must hold once the build is written."""

    files: dict[str, bytes] = field(default_factory=dict)  # to write (when their bytes changed)
    staged: set[str] = field(default_factory=set)  # made into the staging folder, to move into place
    made: list[str] = field(default_factory=list)  # pages made anew, staged or found the same on disk
    fingerprints: dict[str, str] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)  # to leave as they are
    problems: list[Problem] = field(default_factory=list)
    _origins: dict[str, tuple[str, str]] = field(default_factory=dict)  # folded path -> (source, path)

    def claim(self, path: str, origin: str) -> bool:
        """Reserve path for origin; False (and an error) when it is unsafe or taken."""
        try:
            path = check_output_path(path)
        except UnsafePath as exc:
            self.problems.append(error(origin, 1, str(exc)))
            return False
        folded = path.casefold()
        if folded in self._origins:
            other, first_path = self._origins[folded]
            case = "" if first_path == path else (
                f" (as {first_path!r}: names differing only in case collide on macOS and Windows)"
            )
            self.problems.append(error(origin, 1, f"writes {path}, which {other} also writes{case}"))
            return False
        self._origins[folded] = (origin, path)
        return True

    def add(self, path: str, data: bytes, origin: str, fingerprint: str | None = None) -> None:
        if self.claim(path, origin):
            self.files[path] = data
            if fingerprint:
                self.fingerprints[path] = fingerprint

    def keep(self, path: str, origin: str, fingerprint: str) -> None:
        if self.claim(path, origin):
            self.kept.add(path)
            self.fingerprints[path] = fingerprint


def fingerprint(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


def summary_digest(article: Article) -> str:
    """A digest of what other pages may show of an article: everything but its text."""
    shown = replace(article, html="", toc=(), anchors=frozenset(), links=(), link_keys=frozenset(), digest="", summary_digest="")
    return fingerprint(repr(shown))


def templates_fingerprint(template_dirs: Iterable[Path], config: Config) -> str:
    """Everything every page depends on: roadmap-site itself, the templates, the config."""
    parts = [code_digest(), repr(config)]
    for name, path in folder_files(template_dirs):
        parts += [name, hashlib.sha256(path.read_bytes()).hexdigest()]
    return fingerprint(*parts)


def site_files(
    site: Site,
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
    base = fingerprint(templates_fingerprint(template_dirs, config), repr(site.difficulty_levels))
    views = article_views(site, graph)
    todo: list[tuple[str, Task, str]] = []  # (path, task, fingerprint), claimed in this order

    out_prefix = os.path.join(out_dir, "")

    def plan(path: str, origin: str, task: Task, print_: str) -> None:
        if previous.get(path) == print_ and os.path.isfile(out_prefix + path):
            result.keep(path, origin, print_)
        elif result.claim(path, origin):
            todo.append((path, task, print_))

    for article in site.articles.values():
        shown = maker.renderer.shown_articles(article)
        plan(article.path, article.source, article.key, fingerprint(base, "article page", article.digest, *(views[key] for key in shown)))
    for position, planned in enumerate(maker.planned):
        print_ = fingerprint(
            base, planned.path, planned.detail,
            *(views[key] for key in planned.shown),
            *(site.articles[key].digest for key in planned.bodies),
        )
        plan(planned.path, planned.path, position, print_)
    staged = make_pages(maker, [(path, task) for path, task, _ in todo], staging, workers, progress)
    for (path, _, print_), is_staged in zip(todo, staged):
        (result.staged if is_staged else result.kept).add(path)
        result.made.append(path)
        result.fingerprints[path] = print_
    redirects, problems = alias_pages(site, config, maker.env)
    result.problems += problems
    for path, html, origin in redirects:  # after the real pages, so a clash names the alias
        result.add(path, html.encode("utf-8"), origin)
    for path, data, origin in static_files(static_dirs, content):
        result.add(path, data, origin)
    return result


def article_views(site: Site, graph: Graph) -> dict[str, str]:
    """For each article, a fingerprint of everything other pages may show of it: its
    summary (not its text), its place in the prerequisite graph and its series."""
    return {
        key: fingerprint(article.summary_digest, repr(graph.get(key)), repr(site.series_for(key)))
        for key, article in site.articles.items()
    }


def static_files(static_dirs: tuple[Path, ...], content: ContentFiles) -> Iterator[tuple[str, bytes, str]]:
    """Theme and site static files (the site's override the theme's), generated code
    styles, and the non-article files of the content folder at their own paths."""
    chosen: dict[str, Path] = {}
    for folder in static_dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                relative = path.relative_to(folder)
                if path.is_file() and not any(part.startswith(".") for part in relative.parts):
                    chosen[relative.as_posix()] = path
    for relative, path in chosen.items():
        yield relative, path.read_bytes(), str(path)
    yield "assets/pygments.css", code_stylesheet().encode(), "the code stylesheet"
    for key in sorted(content.others):
        yield key, (content.folder / key).read_bytes(), str(content.folder / key)


def code_stylesheet() -> str:
    """Pygments colours for light and dark themes, following the page's own theme."""
    light = HtmlFormatter(style=LIGHT_CODE_STYLE).get_style_defs(".highlight")
    dark = HtmlFormatter(style=DARK_CODE_STYLE).get_style_defs(':root[data-theme="dark"] .highlight')
    system_dark = HtmlFormatter(style=DARK_CODE_STYLE).get_style_defs(':root:not([data-theme="light"]) .highlight')
    return f"{light}\n{dark}\n@media (prefers-color-scheme: dark) {{\n{system_dark}\n}}\n"
