"""The dev server's HTTP side: map a request to a file as GitHub Pages would, refuse
foreign hosts and origins, inject the reload script into pages, stream reload events."""

from __future__ import annotations

import errno
import mimetypes
import socket
import socketserver
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from roadmap_site.commands.serve.livereload import EVENTS_PATH, ReloadChannel, error_page, inject_script, reload_script
from roadmap_site.model import urls

MAX_PATH_LENGTH = 4096
KEEPALIVE_SECONDS = 15.0
LOCAL_HOST_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
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


@dataclass(frozen=True)
class Served:
    """Everything the HTTP side needs: the built pages under `base_path`, the channel that
    says which build they are and whether it failed, the host it was asked to listen on
    (for the Host check), and whether to log requests."""

    out_dir: Path  # resolved
    base_path: str
    channel: ReloadChannel
    bound_host: str
    debug: bool = False


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


class HttpServer(ThreadingHTTPServer):
    """Serves `served` on a thread of its own between start() and stop(), and knows its open
    connections, so that stopping never waits on an idle browser connection. `served` is
    replaced whole, never changed in place, so each request sees one consistent value."""

    request_queue_size = 1024  # the default backlog of 5 drops connections when many arrive at once

    def __init__(self, address: tuple[str, int], served: Served):
        """Bind `address` (port 0: a free one); PortInUse when the port is taken."""
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.served = served
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        try:
            super().__init__(address, _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(*address) from None
            raise

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks DNS for the host's full name, which can hang for seconds.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def start(self) -> None:
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.2},
                                        name="roadmap-site-http")
        self._thread.start()

    def stop(self) -> None:
        """Stop serving, drop open connections and close the socket; event streams end
        once their channel is closed."""
        if self._thread is not None:
            self.shutdown()
            self._thread.join()
            self._thread = None
        self._drop_connections()
        self.server_close()  # joins the request threads

    def process_request_thread(self, request, client_address) -> None:
        with self._connections_lock:
            self._connections.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._connections_lock:
                self._connections.discard(request)

    def _drop_connections(self) -> None:
        with self._connections_lock:
            for connection in self._connections:
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class _Handler(BaseHTTPRequestHandler):
    server: HttpServer
    server_version = "roadmap-site"
    timeout = 30  # a client that sends nothing does not hold a thread for ever

    def do_GET(self) -> None:
        self._answer(self.server.served, with_body=True)

    def do_HEAD(self) -> None:
        self._answer(self.server.served, with_body=False)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        if self.server.served.debug:
            super().log_message(format, *args)

    def _answer(self, served: Served, with_body: bool) -> None:
        host = self.headers.get("Host")
        if not is_allowed_host(host, served.bound_host, self.connection.getsockname()[0]):
            return self._send(403, b"unknown host\n", "text/plain; charset=utf-8", with_body)
        if urlsplit(self.path).path == EVENTS_PATH:
            return self._stream_events(served.channel, host)
        # The generation is read before the file, so a page is never older than its generation says.
        change, problems = served.channel.snapshot()
        outcome = resolve_request(self.path, served.out_dir, served.base_path)
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
            page = outcome.path.relative_to(served.out_dir).as_posix() if outcome.path.is_relative_to(served.out_dir) else None
            body = inject_script(body, reload_script(change.generation, page))
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

    def _stream_events(self, channel: ReloadChannel, host: str | None) -> None:
        """Server-Sent Events: the current generation at once, then each new one."""
        if not is_same_origin(self.headers.get("Origin"), host):
            return self._send(403, b"cross-origin request refused\n", "text/plain; charset=utf-8", True)
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
