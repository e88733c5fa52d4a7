"""Shared by the dev server's tests: a DevServer on a free port that keeps what it says,
raw HTTP requests, and waits on the server's own signals (its reload channel, its idleness)."""

from __future__ import annotations

import contextlib
import http.client
import re
import time
from collections.abc import Iterator
from pathlib import Path

from roadmap_site.commands.serve.http import HttpServer
from roadmap_site.commands.serve.livereload import Change, ReloadChannel
from roadmap_site.commands.serve.server import DevServer

ARTICLE = "---\ntitle: Alpha\n---\nHello from alpha.\n"
SCRIPT_MARK = "roadmap-live-reload"
SIGNAL_TIMEOUT = 10.0  # seconds: a guard against a hang, not a window anything is expected in


@contextlib.contextmanager
def serving(site_dir: Path, **options) -> Iterator[DevServer]:
    """A started DevServer on a free port; its `lines` list holds what it said."""
    lines: list[str] = []
    server = DevServer(site_dir, port=0, say=lines.append, **options)
    server.start()
    server.lines = lines
    try:
        yield server
    finally:
        server.stop()


def fetch(server: DevServer | HttpServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """GET the raw path as given: http.client neither normalises nor re-encodes it."""
    connection = http.client.HTTPConnection("127.0.0.1", server_port(server), timeout=5)
    try:
        connection.putrequest("GET", path, skip_host=bool(headers and "Host" in headers))
        for name, value in (headers or {}).items():
            connection.putheader(name, value)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def server_port(server: DevServer | HttpServer) -> int:
    if isinstance(server, HttpServer):
        return server.server_address[1]
    return int(re.search(r":(\d+)/", server.url).group(1))


def wait_until(condition, timeout: float = 5.0, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def generation(channel: ReloadChannel) -> str:
    return channel.snapshot()[0].generation


def next_change(channel: ReloadChannel, since: str) -> Change:
    """The change a build published after generation `since`, once there is one."""
    change = channel.wait_after(since, SIGNAL_TIMEOUT)
    assert change is not None, f"no build was published after {since}"
    return change


def settled(server: DevServer) -> DevServer:
    """The server once no event waits for a rebuild and none runs: its counts are final."""
    assert server.wait_until_idle(SIGNAL_TIMEOUT), "the server never became idle"
    return server
