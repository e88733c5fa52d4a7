"""`roadmap-site serve`: build into a temporary folder, serve it as GitHub Pages would,
rebuild when a source changes and tell open pages to reload."""

from __future__ import annotations

import argparse
import errno
import mimetypes
import socket
import socketserver
import sys
import tempfile
import threading
import traceback
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

from roadmap_site.model import urls
from roadmap_site.commands.build import build
from roadmap_site.layout import find_layout
from roadmap_site.incremental.cache import ArticleCache
from roadmap_site.output.search import index_site
from roadmap_site.config import load_config
from roadmap_site.errors import BuildFailed, count_errors
from roadmap_site.commands.serve.livereload import (
    EVENTS_PATH,
    Debouncer,
    ReloadChannel,
    error_page,
    event_paths,
    folders_to_watch,
    inject_script,
    is_source_path,
    reload_script,
    watch_roots,
)

MAX_PATH_LENGTH = 4096
KEEPALIVE_SECONDS = 15.0
LOCAL_HOST_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
WATCHED_EVENTS = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent,
]
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".mjs": "application/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
    ".pdf": "application/pdf",
}


class PortInUse(OSError):
    def __init__(self, host: str, port: int):
        super().__init__(errno.EADDRINUSE, f"port {port} is already in use on {host}")
        self.host, self.port = host, port


# What a request path leads to.
@dataclass(frozen=True)
class ServeFile:
    path: Path
    status: int = 200


@dataclass(frozen=True)
class Redirect:
    location: str


@dataclass(frozen=True)
class Refuse:
    status: int


def resolve_request(target: str, root: Path, base_path: str) -> ServeFile | Redirect | Refuse:
    """Map a request target to a file under `root` (already resolved) as GitHub Pages
    would, never to anything outside it. The path is percent-decoded exactly once."""
    if len(target) > MAX_PATH_LENGTH:
        return Refuse(400)
    parts = urlsplit(target)
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return Refuse(400)
    if "\x00" in path or "\\" in path or not path.startswith("/"):
        return Refuse(400)
    if path + "/" == base_path or (path == "/" and base_path != "/"):
        return Redirect(base_path)
    if not path.startswith(base_path):
        return _not_found(root)
    segments = [segment for segment in path[len(base_path):].split("/") if segment]
    if any(segment in (".", "..") for segment in segments):
        return Refuse(403)
    if any(segment.startswith(".") for segment in segments):
        return _not_found(root)  # the manifest and other dot files are not part of the site
    try:
        found = root.joinpath(*segments).resolve()
        if not found.is_relative_to(root):
            return Refuse(403)
        if found.is_dir():
            if not path.endswith("/"):
                location = base_path + "".join(quote(segment) + "/" for segment in segments)
                return Redirect(location + (f"?{parts.query}" if parts.query else ""))
            found = (found / "index.html").resolve()
            if not found.is_relative_to(root):
                return Refuse(403)
        elif path.endswith("/"):
            return _not_found(root)
        if found.is_file():
            return ServeFile(found)
    except (OSError, ValueError):  # a name too long for the file system, a loop of links
        pass
    return _not_found(root)


def _not_found(root: Path) -> ServeFile | Refuse:
    page = root / urls.NOT_FOUND
    return ServeFile(page, 404) if page.is_file() else Refuse(404)


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    return CONTENT_TYPES.get(suffix) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def host_name(host_header: str) -> str:
    """'[::1]:8000' -> '::1', 'LocalHost.:80' -> 'localhost'."""
    value = host_header.strip().lower()
    if value.startswith("["):
        end = value.find("]")
        return value[1:end] if end > 0 else value
    return value.rsplit(":", 1)[0].rstrip(".") if value.count(":") == 1 else value.rstrip(".")


def is_allowed_host(host_header: str | None, bound_host: str, local_address: str) -> bool:
    """Refusing unknown Host names stops DNS rebinding: a web page on another site
    cannot read the preview through a name that resolves to this machine."""
    if host_header is None:
        return True  # not a browser: browsers always send Host
    allowed = set(LOCAL_HOST_NAMES) | {bound_host.strip("[]").lower()}
    if bound_host in WILDCARD_HOSTS:
        allowed.add(local_address.lower())
    return host_name(host_header) in allowed


def is_same_origin(origin: str | None, host_header: str | None) -> bool:
    return origin is None or (host_header is not None and origin.lower() == f"http://{host_header.lower()}")


class _HttpServer(ThreadingHTTPServer):
    """Knows its DevServer and its open connections, so that stopping never waits on an
    idle browser connection."""

    request_queue_size = 1024  # the default backlog of 5 drops connections when many arrive at once

    def __init__(self, address: tuple[str, int], dev: DevServer):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.dev = dev
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name, which can hang for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request_thread(self, request, client_address) -> None:
        with self._connections_lock:
            self._connections.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._connections_lock:
                self._connections.discard(request)

    def drop_connections(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _Handler(BaseHTTPRequestHandler):
    server: _HttpServer
    server_version = "roadmap-site"
    timeout = 30  # a client that sends nothing does not hold a thread for ever

    def do_GET(self) -> None:
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        self._answer(with_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if self.server.dev.debug:
            super().log_message(format, *args)

    def _answer(self, with_body: bool) -> None:
        dev = self.server.dev
        host = self.headers.get("Host")
        if not is_allowed_host(host, dev.host, self.connection.getsockname()[0]):
            return self._send(403, b"unknown host\n", "text/plain; charset=utf-8", with_body)
        if urlsplit(self.path).path == EVENTS_PATH:
            return self._stream_events(host)
        # The generation is read before the file, so a page is never older than its generation says.
        change, problems = dev.channel.snapshot()
        outcome = resolve_request(self.path, dev.out_dir, dev.base_path)
        if isinstance(outcome, Redirect):
            return self._send(302, b"", "text/plain; charset=utf-8", with_body, {"Location": outcome.location})
        page_wanted = (isinstance(outcome, ServeFile) and outcome.path.suffix == ".html") or outcome == Refuse(404)
        if problems and page_wanted:
            body = inject_script(error_page(problems), reload_script(change.generation))
            return self._send(500, body, "text/html; charset=utf-8", with_body)
        if isinstance(outcome, Refuse):
            message = f"{outcome.status} {self.responses[outcome.status][0]}\n".encode()
            return self._send(outcome.status, message, "text/plain; charset=utf-8", with_body)
        try:
            body = outcome.path.read_bytes()
        except OSError:  # removed by a rebuild since it was found
            return self._send(404, b"404 Not Found\n", "text/plain; charset=utf-8", with_body)
        kind = content_type(outcome.path)
        if kind.startswith("text/html"):
            body = inject_script(body, reload_script(change.generation))
        self._send(outcome.status, body, kind, with_body)

    def _send(self, status: int, body: bytes, kind: str, with_body: bool, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _stream_events(self, host: str | None) -> None:
        """Server-Sent Events: the current generation at once, then each new one."""
        if not is_same_origin(self.headers.get("Origin"), host):
            return self._send(403, b"cross-origin request refused\n", "text/plain; charset=utf-8", True)
        channel = self.server.dev.channel
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        change, _ = channel.snapshot()
        try:
            self.wfile.write(change.as_event())
            self.wfile.flush()
            while not channel.closed:
                newer = channel.wait_after(change.generation, KEEPALIVE_SECONDS)
                if channel.closed:
                    return
                # A comment line keeps proxies from timing out and finds closed connections.
                self.wfile.write(newer.as_event() if newer else b": keep-alive\n\n")
                self.wfile.flush()
                change = newer or change
        except OSError:  # the page went away
            return


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class _SourceEvents(FileSystemEventHandler):
    def __init__(self, is_relevant: Callable[[Path], bool], on_change: Callable[[], None]):
        self._is_relevant = is_relevant
        self._on_change = on_change

    def dispatch(self, event: FileSystemEvent) -> None:
        if any(self._is_relevant(path) for path in event_paths(event)):
            self._on_change()


class DevServer:
    """The preview server, for one start() and one stop(): start() returns once it serves
    at .url (port 0 picks a free port); stop() undoes everything. rebuild_count and
    reload_count count what happened after start()."""

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
        self._absolute_site = Path(site_dir).absolute()
        self._cache = ArticleCache()
        self._search = False  # set from the config before each build
        self._temporary: tempfile.TemporaryDirectory | None = None
        self._http: _HttpServer | None = None
        self._http_thread: threading.Thread | None = None
        self._observer: Observer | None = None
        self._watches: dict[Path, tuple[object, bool]] = {}  # folder: (watch, recursive)
        self._roots: tuple = ()
        self._debouncer = Debouncer(self._rebuild)
        self._indexer = Debouncer(self._index_search, quiet=1.0)

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
            try:
                self._http = _HttpServer((self.host, self.port), self)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    raise PortInUse(self.host, self.port) from None
                raise
            self.port = self._http.server_address[1]
            self._observer = Observer()
            self._observer.start()
            self._build_safely(first=True)
            self._debouncer.start()
            self._indexer.start()
            self._http_thread = threading.Thread(
                target=self._http.serve_forever, kwargs={"poll_interval": 0.2}, name="roadmap-site-http")
            self._http_thread.start()
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        self._debouncer.stop()  # waits for a rebuild under way
        self._indexer.stop()
        if self._observer is not None:
            self._observer.stop()
            if self._observer.is_alive():
                self._observer.join()
            self._observer = None
        self.channel.close()
        if self._http is not None:
            if self._http_thread is not None:
                self._http.shutdown()
                self._http_thread.join()
                self._http_thread = None
            self._http.drop_connections()
            self._http.server_close()  # joins the request threads
            self._http = None
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> DevServer:
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def _rebuild(self) -> None:
        try:
            self._build_safely(first=False)
        finally:
            self.rebuild_count += 1

    def _build_safely(self, first: bool) -> None:
        try:
            self._build(first)
        except Exception as exc:  # a bug or an I/O failure must not stop the preview
            self.say(f"build failed unexpectedly: {type(exc).__name__}: {exc}")
            if self.debug:
                self.say(traceback.format_exc())

    def _build(self, first: bool) -> None:
        layout = find_layout(self._absolute_site)
        self._follow_layout(layout)
        failed_build = False
        try:
            # Worker processes are forked for the first build only, before the HTTP and
            # rebuild threads start (a fork may inherit a lock a running thread holds);
            # later builds make their few pages in this process.
            report = build(
                self.site_dir, self.out_dir, base_url=self.base_url, drafts=self.drafts, cache=self._cache,
                search=False, workers=None if first else 1,
            )
        except BuildFailed as failed:
            failed_build = True
            for problem in failed.problems:
                self.say(str(problem))
            errors = count_errors(failed.problems)
            self.say(f"build failed: {errors} error(s); pages show them until the next good save")
            change = self.channel.publish_failure(str(problem) for problem in failed.problems)
        else:
            for problem in report.warnings:
                self.say(str(problem))
            change = self.channel.publish_success(report.written, report.removed)
            changed = len(report.written) + len(report.removed)
            if not first:
                action = {None: "nothing to reload", "css": "restyling pages", "reload": "reloading pages"}
                self.say(f"rebuilt in {report.seconds:.2f} s: {changed} file(s) changed, {action[change and change.kind]}")
        if change and not first:
            self.reload_count += 1
        if not failed_build and (first or change):
            self._indexer.poke()

    def _index_search(self) -> None:
        """Pagefind reads every page, which takes seconds on a large site: it runs on a
        thread of its own once saves pause, so a save shows at once and search catches up."""
        if not self._search:
            return
        problem = index_site(self.out_dir)
        if problem is not None:
            self.say(str(problem))

    def _follow_layout(self, layout) -> None:
        """Watch what this build will read (a new templates/ folder, say) and serve under
        the base path it will use; done before the build so no edit falls in between."""
        config, _ = load_config(layout.config_dir)
        self._search = config.search
        self.base_path = urls.base_path(self.base_url or config.base_url) or "/"
        self._roots = watch_roots(layout)
        wanted = folders_to_watch(self._roots)
        for folder in [f for f in self._watches if f not in wanted or self._watches[f][1] != wanted[f]]:
            self._observer.unschedule(self._watches.pop(folder)[0])
        handler = _SourceEvents(lambda path: is_source_path(path, self._roots, self.out_dir), self._debouncer.poke)
        for folder, recursive in wanted.items():
            if folder not in self._watches:
                try:
                    watch = self._observer.schedule(handler, str(folder), recursive=recursive, event_filter=WATCHED_EVENTS)
                except OSError as exc:
                    self.say(f"cannot watch {folder}: {exc}")
                    continue
                self._watches[folder] = (watch, recursive)


def run_serve(args: argparse.Namespace) -> int:
    """The serve command: serve until Ctrl-C; 1 when the folder or the port is unusable."""
    site_dir: Path = args.site_dir
    if not site_dir.is_dir():
        print(f"roadmap-site: {site_dir} is not a folder", file=sys.stderr)
        return 1
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
