"""One build of the preview: find the layout and load the config once, build into the
preview's folder, say what happened and tell open pages through the reload channel."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from roadmap_site.commands.build import build
from roadmap_site.commands.serve.livereload import Change, ReloadChannel
from roadmap_site.config import Config, load_config
from roadmap_site.errors import BuildFailed, Problem, count_errors, has_errors
from roadmap_site.incremental.cache import ArticleCache
from roadmap_site.layout import Layout, find_layout

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

    def rebuild(self, first: bool) -> Rebuilt:
        """Build once; never raises: a failed build is reported and shown on every page,
        an unexpected failure (a bug, an I/O error) is reported and changes nothing. The
        first build may fork worker processes, so it must run before any other thread
        starts (a fork may inherit a lock a running thread holds); later builds make
        their few pages in this process."""
        try:
            return self._build(first)
        except Exception as exc:  # a bug or an I/O failure must not stop the preview
            self._say(f"build failed unexpectedly: {type(exc).__name__}: {exc}")
            if self._debug:
                self._say(traceback.format_exc())
            return Rebuilt(None, False)

    def _build(self, first: bool) -> Rebuilt:
        layout = find_layout(self._site_dir)  # as given: messages show paths the way the user wrote them
        config, config_problems = load_config(layout.config_dir)
        self._prepare(layout, config)
        try:
            if has_errors(config_problems):
                raise BuildFailed(config_problems)
            report = build(
                self._site_dir, self._out_dir, base_url=self._base_url, drafts=self._drafts, cache=self._cache,
                search=False, workers=None if first else 1, layout=layout, config=config,
            )
        except BuildFailed as failed:
            return Rebuilt(self._fail(failed.problems), False)
        for problem in [*config_problems, *report.warnings]:
            self._say(str(problem))
        change = self._channel.publish_success(report.written, report.removed)
        if not first:
            changed = len(report.written) + len(report.removed)
            self._say(f"rebuilt in {report.seconds:.2f} s: {changed} file(s) changed, "
                      f"{CHANGE_ACTIONS[change and change.kind]}")
        return Rebuilt(change, first or change is not None)

    def _fail(self, problems: list[Problem]) -> Change | None:
        for problem in problems:
            self._say(str(problem))
        self._say(f"build failed: {count_errors(problems)} error(s); pages show them until the next good save")
        return self._channel.publish_failure(problems)
