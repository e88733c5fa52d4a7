"""One build of the preview: find the layout and load the config once, build into the
preview's folder, say what happened and tell open pages through the reload channel.

A rebuild after saves first makes the saved articles' own pages from the site the last build
assembled, when it can (see quick), and tells open pages at once; the whole build follows,
reading again only the sources that changed, and remakes what else shows the articles."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jinja2

from roadmap_site.commands.build import build
from roadmap_site.commands.serve.livereload import Change, ReloadChannel
from roadmap_site.commands.serve.quick import Assembled, edited_article_keys, quick_page
from roadmap_site.config import Config, load_config
from roadmap_site.errors import BuildFailed, Problem, count_errors, has_errors
from roadmap_site.incremental.cache import ArticleCache
from roadmap_site.incremental.source_memory import SourceMemory
from roadmap_site.layout import Layout, find_layout
from roadmap_site.output.fs import forget_fingerprints
from roadmap_site.output.render import ARTICLE_TEMPLATE, make_environment
from roadmap_site.parse.markdown import MarkdownRenderer

RELOAD_HEADSTART = 0.3  # seconds between announcing quick pages and starting the build that follows
CHANGE_ACTIONS = {None: "nothing to reload", "css": "restyling pages", "reload": "reloading pages"}


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild did: the change open pages were told of (None: none), and whether
    the pages it wrote need indexing for search again."""

    change: Change | None
    index_search: bool


class Rebuilder:
    """Builds `site_dir` into `out_dir` again and again, keeping the parsed articles in
    memory between builds. Before each build, `prepare(layout, config)` gets what the
    build will use, so the caller can watch its folders and serve under its base path
    before any edit can fall in between."""

    def __init__(
        self,
        site_dir: Path,
        out_dir: Path,
        channel: ReloadChannel,
        prepare: Callable[[Layout, Config], None],
        say: Callable[[str], None],
        base_url: str | None = None,
        drafts: bool = False,
        debug: bool = False,
    ):
        self._site_dir = site_dir
        self._out_dir = out_dir
        self._channel = channel
        self._prepare = prepare
        self._say = say
        self._base_url = base_url
        self._drafts = drafts
        self._debug = debug
        self._cache = ArticleCache()
        self._sources = SourceMemory()
        self._assembled: Assembled | None = None  # by the last good build
        self._markdown = MarkdownRenderer()
        self._env: tuple[tuple[Path, ...], jinja2.Environment] | None = None  # (template folders, environment)

    def rebuild(self, first: bool, changed: frozenset[Path] = frozenset()) -> Rebuilt:
        """Build once; never raises: a failed build is reported and shown on every page,
        an unexpected failure (a bug, an I/O error) is reported and changes nothing. The
        first build may fork worker processes, so it must run before any other thread
        starts (a fork may inherit a lock a running thread holds); later builds make
        their few pages in this process. `changed`: the paths that file events named since
        the last build."""
        quick = [] if first else self._quick_pages(changed)
        if quick:  # let open pages fetch the new page before the build competes with the server for the interpreter
            time.sleep(RELOAD_HEADSTART)
        try:
            rebuilt = self._build(first, changed, quick)
        except Exception as exc:  # a bug or an I/O failure must not stop the preview
            self._unexpected(exc)
            rebuilt = Rebuilt(None, False)
        if quick and self._assembled is None:  # the build failed: its record cannot vouch for them
            forget_fingerprints(self._out_dir, quick)
        return rebuilt

    def _quick_pages(self, changed: frozenset[Path]) -> list[str]:
        """Write the pages of the saved articles that quick.quick_page can make, and tell
        open pages; the paths written. Never raises: the build that follows does it all."""
        assembled = self._assembled
        keys = edited_article_keys(changed, assembled) if assembled and changed else None
        if not keys:
            return []
        started = time.perf_counter()
        try:
            written = [path for key in keys if (path := quick_page(assembled, key, self._cache, self._out_dir))]
        except Exception as exc:
            self._unexpected(exc)
            return []
        if written:
            self._channel.publish_success(written, [])
            self._say(f"remade {', '.join(written)} in {(time.perf_counter() - started) * 1000:.0f} ms, reloading it")
        return written

    def _environment(self, template_dirs: tuple[Path, ...]) -> jinja2.Environment:
        """The environment quick pages are made with: one per set of template folders, its
        article template compiled at once, so that the first save does not wait for it.
        Jinja reloads a template whose file changed."""
        if self._env is None or self._env[0] != template_dirs:
            env = make_environment(template_dirs)
            env.get_template(ARTICLE_TEMPLATE)
            self._env = (template_dirs, env)
        return self._env[1]

    def _unexpected(self, exc: Exception) -> None:
        self._say(f"build failed unexpectedly: {type(exc).__name__}: {exc}")
        if self._debug:
            self._say(traceback.format_exc())

    def _build(self, first: bool, changed: frozenset[Path], quick: list[str]) -> Rebuilt:
        layout = find_layout(self._site_dir)  # as given: messages show paths the way the user wrote them
        config, config_problems = load_config(layout.config_dir)
        self._prepare(layout, config)
        named = _content_keys(changed, layout)
        if len(named) < len(changed):  # a template may have changed: compile them anew, whatever its file's time says
            self._env = None
        self._assembled = None  # until this build has assembled the site again
        try:
            if has_errors(config_problems):
                raise BuildFailed(config_problems)
            report = build(
                self._site_dir, self._out_dir, base_url=self._base_url, drafts=self._drafts, cache=self._cache,
                search=False, workers=None if first else 1, layout=layout, config=config,
                read=lambda content: self._sources.read(content, named),
            )
        except BuildFailed as failed:
            return Rebuilt(self._fail(failed.problems), False)
        if report.loaded is not None and report.graph is not None:
            self._assembled = Assembled(report.loaded, report.graph, layout, config,
                                        self._environment(layout.template_dirs), self._markdown)
        for problem in [*config_problems, *report.warnings]:
            self._say(str(problem))
        change = self._channel.publish_success(report.written, report.removed)
        if quick and change is None:  # the quick pages were all that changed
            change = self._channel.snapshot()[0]
        if not first:
            count = len(report.written) + len(report.removed) + len(set(quick) - set(report.written))
            self._say(f"rebuilt in {report.seconds:.2f} s: {count} file(s) changed, "
                      f"{CHANGE_ACTIONS[change and change.kind]}")
        return Rebuilt(change, first or change is not None)

    def _fail(self, problems: list[Problem]) -> Change | None:
        for problem in problems:
            self._say(str(problem))
        self._say(f"build failed: {count_errors(problems)} error(s); pages show them until the next good save")
        return self._channel.publish_failure(problems)


def _content_keys(changed: frozenset[Path], layout: Layout) -> frozenset[str]:
    """The content keys of the changed paths that are in the content folder."""
    content_dir = layout.content_dir.absolute()
    return frozenset(path.relative_to(content_dir).as_posix() for path in changed if path.is_relative_to(content_dir))
