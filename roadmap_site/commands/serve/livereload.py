"""Live reload: how a page in the browser learns that a newer build exists (the reload
channel and its events, the client script injected into pages) and the page shown while the
build fails."""

from __future__ import annotations

import html
import json
import secrets
import threading
from collections.abc import Iterable
from dataclasses import dataclass

from roadmap_site.errors import Problem

EVENTS_PATH = "/__roadmap__/events"


# Outputs that no page loads: feeds, sitemaps, robots.txt, the roadmap's data for programs.
NOT_LOADED_BY_PAGES = (".xml", ".txt", "roadmap.json")


def changed_pages(written: Iterable[str], removed: Iterable[str]) -> tuple[str, ...] | None:
    """The output paths of the pages a change touched, when pages (and files no page loads)
    are all it touched; None when it touched anything a page may load (a stylesheet, a
    script, an image), so every page must follow."""
    paths = [path for path in (*written, *removed) if not path.endswith(NOT_LOADED_BY_PAGES)]
    return tuple(sorted(paths)) if all(path.endswith(".html") for path in paths) else None


def change_kind(written: Iterable[str], removed: Iterable[str]) -> str | None:
    """'css' when only stylesheets changed (the page can swap them in place), 'reload'
    when anything else did, None when the output is unchanged."""
    written, removed = list(written), list(removed)
    if not written and not removed:
        return None
    if not removed and all(path.endswith(".css") for path in written):
        return "css"
    return "reload"


@dataclass(frozen=True)
class Change:
    """One step in the builds a browser may have seen: `kind` says how to go from
    `since` to `generation`; `pages`, when known, the only pages that changed (a page
    at `since` that is not among them is current at `generation` too)."""

    generation: str
    kind: str
    since: str
    pages: tuple[str, ...] | None = None

    def as_event(self) -> bytes:
        data = json.dumps({"generation": self.generation, "kind": self.kind, "since": self.since, "pages": self.pages})
        return f"data: {data}\n\n".encode()


class ReloadChannel:
    """The latest build generation and the current build problems, shared between the
    rebuild thread and the request threads. Generations carry a per-process token, so a
    page served by an earlier run of the server reloads when it reconnects."""

    def __init__(self) -> None:
        self._token = secrets.token_hex(4)
        self._count = 0
        self._latest = Change(self._generation(), "reload", "")
        self._problems: tuple[Problem | str, ...] = ()
        self._closed = False
        self._condition = threading.Condition()

    def _generation(self) -> str:
        return f"{self._token}-{self._count}"

    def snapshot(self) -> tuple[Change, tuple[Problem | str, ...]]:
        with self._condition:
            return self._latest, self._problems

    @property
    def closed(self) -> bool:
        return self._closed

    def publish_success(self, written: Iterable[str], removed: Iterable[str]) -> Change | None:
        """Record a good build; the change pages must follow, or None when they are current."""
        written, removed = list(written), list(removed)
        kind, pages = change_kind(written, removed), changed_pages(written, removed)
        with self._condition:
            if self._problems:
                kind, pages = "reload", None  # open pages show the error page
                self._problems = ()
            return self._advance(kind, pages) if kind else None

    def publish_failure(self, problems: Iterable[Problem | str]) -> Change | None:
        """Record a failed build; pages reload into the error page unless it already shows these problems."""
        problems = tuple(problems)
        with self._condition:
            if problems == self._problems:
                return None
            self._problems = problems
            return self._advance("reload")

    def _advance(self, kind: str, pages: tuple[str, ...] | None = None) -> Change:
        since = self._latest.generation
        self._count += 1
        self._latest = Change(self._generation(), kind, since, pages)
        self._condition.notify_all()
        return self._latest

    def wait_after(self, generation: str, timeout: float) -> Change | None:
        """The latest change once it differs from `generation`; None on timeout or close."""
        with self._condition:
            self._condition.wait_for(lambda: self._closed or self._latest.generation != generation, timeout)
            if self._closed or self._latest.generation == generation:
                return None
            return self._latest

    def close(self) -> None:
        with self._condition:
            self._closed = True
            self._condition.notify_all()


def reload_script(generation: str, page: str | None = None) -> str:
    """The client: follow the server's build generation; swap stylesheets in place when
    only CSS changed since this page's build, stay when only other pages changed, reload
    otherwise. `page`: the output path of the page it is put in (None: an error page)."""
    return f"""<script id="roadmap-live-reload">
(() => {{
  let generation = {json.dumps(generation)};
  const page = {json.dumps(page)};
  const events = new EventSource({json.dumps(EVENTS_PATH)});
  const swapStylesheets = () => {{
    const stamp = String(Date.now());
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {{
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("roadmap-reload", stamp);
      const fresh = link.cloneNode();
      fresh.href = url.href;
      // The old sheet stays until the new one is ready, so the page never flashes unstyled.
      const drop = () => link.remove();
      fresh.addEventListener("load", drop, {{ once: true }});
      fresh.addEventListener("error", drop, {{ once: true }});
      link.after(fresh);
    }}
  }};
  events.onmessage = (message) => {{
    const change = JSON.parse(message.data);
    if (change.generation === generation) return;
    if (change.kind === "css" && change.since === generation) {{
      generation = change.generation;
      swapStylesheets();
      return;
    }}
    if (change.since === generation && page !== null && change.pages && !change.pages.includes(page)) {{
      generation = change.generation;  // other pages changed; this one is as the new build made it
      return;
    }}
    events.close();
    location.reload();
  }};
}})();
</script>
"""


def inject_script(page: bytes, script: str) -> bytes:
    """The page with the script just before its last </body>, or at its end."""
    position = page.lower().rfind(b"</body>")
    if position < 0:
        return page + script.encode()
    return page[:position] + script.encode() + page[position:]


def _is_error(problem: Problem | str) -> bool:
    """A bare string is a message of its own (a broken config, a crash): an error."""
    return not isinstance(problem, Problem) or problem.severity == "error"


def _problem_items(problems: list[Problem | str]) -> str:
    return "\n".join(f"<li><code>{html.escape(str(problem))}</code></li>" for problem in problems)


def _section(name: str, problems: list) -> str:
    kind = name.lower()
    return f"""<section class="build-{kind}" aria-labelledby="{kind}-heading">
<h2 id="{kind}-heading">{name} ({len(problems)})</h2>
<ul class="build-problems">
{_problem_items(problems)}
</ul>
</section>"""


def error_page(problems: Iterable[Problem | str]) -> bytes:
    """A page listing the build's problems, shown instead of every page until a build succeeds:
    the errors that stopped it first, set apart, then the warnings that came with them."""
    problems = list(problems)
    errors = [problem for problem in problems if _is_error(problem)]
    warnings = [problem for problem in problems if not _is_error(problem)]
    body = "\n".join(_section(name, found) for name, found in (("Errors", errors), ("Warnings", warnings)) if found)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Build failed · roadmap-site</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }}
h1 {{ color: #b3261e; }}
li {{ margin: .5rem 0; }}
code {{ white-space: pre-wrap; }}
.build-errors {{ border: 2px solid #b3261e; border-left-width: 6px; border-radius: 6px; padding: 0 1rem; background: #fdf0ef; }}
.build-errors h2 {{ color: #8c1d18; }}
.build-warnings {{ color: #4f5660; }}
</style>
</head>
<body>
<main>
<h1>The build failed</h1>
<p>Fix the errors below and save: this page reloads by itself. The last good build is kept.</p>
{body}
</main>
</body>
</html>
""".encode()
