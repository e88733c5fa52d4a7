"""`roadmap-site serve`: build into a temporary folder, serve it as GitHub Pages would,
rebuild when a source changes and tell open pages to reload."""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from roadmap_site.commands.serve.debounce import Debouncer
from roadmap_site.commands.serve.http import LOCAL_HOST_NAMES, HttpServer, PortInUse, Served
from roadmap_site.commands.serve.indexing import SearchIndexer
from roadmap_site.commands.serve.livereload import ReloadChannel
from roadmap_site.commands.serve.rebuild import Rebuilder
from roadmap_site.commands.serve.watch import SourceWatcher
from roadmap_site.config import Config
from roadmap_site.layout import Layout
from roadmap_site.model import urls


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class DevServer:
    """The preview server, for one start() and one stop(): start() returns once it serves
    at .url (port 0 picks a free port); stop() undoes everything. rebuild_count and
    reload_count count what happened after start().

    It composes the parts: a SourceWatcher pokes a Debouncer, whose thread has the
    Rebuilder build once saves pause; each build publishes to the ReloadChannel that the
    HttpServer streams to open pages, and a build that changed pages pokes the
    SearchIndexer."""

    def __init__(
        self,
        site_dir: Path,
        host: str = "127.0.0.1",
        port: int = 8000,
        base_url: str | None = None,
        drafts: bool = False,
        debug: bool = False,
        say: Callable[[str], None] = _say,
    ):
        self.site_dir = site_dir
        self.host = host
        self.port = port
        self.base_url = base_url
        self.drafts = drafts
        self.debug = debug
        self.say = say
        self.channel = ReloadChannel()
        self.rebuild_count = 0
        self.reload_count = 0
        self.base_path = "/"
        self.out_dir = Path()
        self._temporary: tempfile.TemporaryDirectory | None = None
        self._http: HttpServer | None = None
        self._watcher: SourceWatcher | None = None
        self._search: SearchIndexer | None = None
        self._builder: Rebuilder | None = None
        self._debouncer = Debouncer(self._rebuild, name="roadmap-site-rebuild")

    @property
    def url(self) -> str:
        host, port = self._http.server_address[:2] if self._http else (self.host, self.port)
        shown = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
        return f"http://{f'[{shown}]' if ':' in shown else shown}:{port}{self.base_path}"

    def start(self) -> None:
        self._temporary = tempfile.TemporaryDirectory(prefix="roadmap-site-serve-")
        self.out_dir = Path(self._temporary.name).resolve()
        if self.debug:
            self.say(f"building into {self.out_dir}")
        try:
            served = Served(self.out_dir, self.base_path, self.channel, self.host, self.debug)
            self._http = HttpServer((self.host, self.port), served)
            self.port = self._http.server_address[1]
            self._watcher = SourceWatcher(self._debouncer.poke, ignored=self.out_dir, say=self.say)
            self._watcher.start()
            self._search = SearchIndexer(self.out_dir, self.say)
            self._builder = Rebuilder(self.site_dir, self.out_dir, self.channel, self._follow, self.say,
                                      base_url=self.base_url, drafts=self.drafts, debug=self.debug)
            self._build(first=True)  # before any other thread starts: it may fork workers
            self._debouncer.start()
            self._search.start()
            self._http.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        self._debouncer.stop()  # waits for a rebuild under way
        if self._search is not None:
            self._search.stop()
            self._search = None
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        self.channel.close()
        if self._http is not None:
            self._http.stop()
            self._http = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def wait_until_idle(self, timeout: float = 10.0) -> bool:
        """For tests: wait until no source event waits for a rebuild and no
        rebuild is under way (rebuild_count and reload_count are then final until the next
        event); False on timeout. Search indexing is not waited for."""
        return self._debouncer.wait_idle(timeout)

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _rebuild(self, changed: frozenset[Path]) -> None:
        try:
            self._build(first=False, changed=changed)
        finally:
            self.rebuild_count += 1

    def _build(self, first: bool, changed: frozenset[Path] = frozenset()) -> None:
        rebuilt = self._builder.rebuild(first, changed)
        if rebuilt.change and not first:
            self.reload_count += 1
        if rebuilt.index_search:
            self._search.poke()

    def _follow(self, layout: Layout, config: Config) -> None:
        """Watch what this build will read (a new templates/ folder, say) and serve under
        the base path it will use; called before the build so no edit falls in between."""
        self._watcher.follow(layout)
        self.base_path = urls.base_path(self.base_url or config.base_url) or "/"
        self._http.served = replace(self._http.served, base_path=self.base_path)
        self._search.enabled = config.search


def run_serve(args: argparse.Namespace) -> int:
    """The serve command: serve until Ctrl-C; 1 when the port is unusable."""
    site_dir: Path = args.site_dir
    if args.host not in LOCAL_HOST_NAMES:
        print(f"warning: listening on {args.host}: anyone who can reach this machine can read the preview",
              file=sys.stderr)
    server = DevServer(site_dir, args.host, args.port, args.base_url, args.drafts, args.debug)
    try:
        try:
            server.start()
        except PortInUse as exc:
            print(f"roadmap-site: port {exc.port} is already in use on {exc.host}; "
                  f"stop the other server or choose another port with --port", file=sys.stderr)
            return 1
        print(f"serving {site_dir} at {server.url} (press Ctrl-C to stop)", flush=True)
        if args.open:
            webbrowser.open(server.url)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("stopped", flush=True)
    return 0
