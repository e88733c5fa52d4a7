"""The dev server's HTTP side: request resolution and host checks as pure functions, the
HttpServer on its own over a folder written by the test, and a whole DevServer's answers;
real HTTP over 127.0.0.1 throughout."""

from __future__ import annotations

import http.client
import json
import socket
from dataclasses import replace
from pathlib import Path

import pytest

from commands.serve_helpers import ARTICLE, SCRIPT_MARK, fetch, server_port, serving
from helpers import write_files
from roadmap_site.commands.serve.http import (
    HttpServer,
    PortInUse,
    Redirect,
    Refuse,
    Served,
    ServeFile,
    content_type,
    host_name,
    is_allowed_host,
    resolve_request,
)
from roadmap_site.commands.serve.livereload import EVENTS_PATH, ReloadChannel

# -- pure parts ----------------------------------------------------------------------------


def test_host_names_and_allowed_hosts():
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost.:80") == "localhost"
    assert is_allowed_host("127.0.0.1:9", "127.0.0.1", "127.0.0.1")
    assert not is_allowed_host("evil.example", "127.0.0.1", "127.0.0.1")
    assert is_allowed_host("192.168.1.5:8000", "0.0.0.0", "192.168.1.5")
    assert not is_allowed_host("192.168.1.5:8000", "127.0.0.1", "127.0.0.1")


def test_requests_resolve_as_github_pages_does(tmp_path):
    root = write_files(tmp_path / "out", {
        "index.html": "home", "a/index.html": "a", "404.html": "missing", ".manifest.json": "{}",
    }).resolve()
    assert resolve_request("/", root, "/") == ServeFile(root / "index.html")
    assert resolve_request("/a/", root, "/") == ServeFile(root / "a/index.html")
    assert resolve_request("/a?x=1", root, "/") == Redirect("/a/?x=1")
    assert resolve_request("/nothing", root, "/") == ServeFile(root / "404.html", 404)
    assert resolve_request("/a/index.html/", root, "/") == ServeFile(root / "404.html", 404)
    assert resolve_request("/.manifest.json", root, "/") == ServeFile(root / "404.html", 404)
    assert resolve_request("/%2e%2e/x", root, "/") == Refuse(403)
    assert resolve_request("/%ff", root, "/") == Refuse(400)
    assert resolve_request("/repo", root, "/repo/") == Redirect("/repo/")
    assert resolve_request("/", root, "/repo/") == Redirect("/repo/")
    assert resolve_request("/repo/a/", root, "/repo/") == ServeFile(root / "a/index.html")
    assert resolve_request("/a/", root, "/repo/") == ServeFile(root / "404.html", 404)
    (root / "404.html").unlink()
    assert resolve_request("/nothing", root, "/") == Refuse(404)


def test_content_types_are_the_ones_browsers_need():
    assert content_type(Path("a/index.HTML")) == "text/html; charset=utf-8"
    assert content_type(Path("pagefind/pagefind.js")) == "application/javascript; charset=utf-8"
    assert content_type(Path("notes.md")) == "text/plain; charset=utf-8"
    assert content_type(Path("blob.unknown-kind")) == "application/octet-stream"


# -- the HttpServer on its own ---------------------------------------------------------------


@pytest.fixture
def http_side(tmp_path):
    """An HttpServer serving a folder the test wrote, with a channel of its own."""
    out = write_files(tmp_path / "out", {
        "index.html": "<html><body><p>home</p></body></html>",
        "a/index.html": "<html><body><p>page a</p></body></html>",
        "assets/style.css": "body { color: red; }",
    }).resolve()
    server = HttpServer(("127.0.0.1", 0), Served(out, "/", ReloadChannel(), "127.0.0.1"))
    server.start()
    try:
        yield server
    finally:
        server.served.channel.close()
        server.stop()


def test_the_http_side_serves_its_folder_with_the_channels_generation(http_side):
    generation = http_side.served.channel.snapshot()[0].generation
    status, headers, body = fetch(http_side, "/a/")
    assert (status, headers["Content-Type"], headers["Cache-Control"]) == (200, "text/html; charset=utf-8", "no-store")
    assert body.startswith("<html><body><p>page a</p>") and body.endswith("</body></html>")
    assert SCRIPT_MARK in body and json.dumps(generation) in body
    assert fetch(http_side, "/assets/style.css")[2] == "body { color: red; }"
    assert fetch(http_side, "/a/", {"Host": "evil.example"})[0] == 403


def test_a_new_served_value_moves_the_site_under_its_base_path(http_side):
    http_side.served = replace(http_side.served, base_path="/repo/")
    status, headers, _ = fetch(http_side, "/")
    assert (status, headers["Location"]) == (302, "/repo/")
    assert "page a" in fetch(http_side, "/repo/a/")[2]
    assert fetch(http_side, "/a/")[0] == 404


def test_the_channels_problems_replace_pages_but_not_other_files(http_side):
    http_side.served.channel.publish_failure(["content/a.md:3: <bad> front matter"])
    status, headers, body = fetch(http_side, "/a/")
    assert (status, headers["Content-Type"]) == (500, "text/html; charset=utf-8")
    assert "content/a.md:3: &lt;bad&gt; front matter" in body and SCRIPT_MARK in body
    assert fetch(http_side, "/no/such/page/")[0] == 500
    assert fetch(http_side, "/assets/style.css")[0] == 200


def test_the_event_stream_sends_each_new_generation_and_ends_when_the_channel_closes(http_side):
    channel = http_side.served.channel
    connection = http.client.HTTPConnection("127.0.0.1", server_port(http_side), timeout=5)
    connection.request("GET", EVENTS_PATH, headers={"Origin": f"http://127.0.0.1:{server_port(http_side)}"})
    response = connection.getresponse()
    assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"
    first = json.loads(response.fp.readline().removeprefix(b"data: "))
    assert response.fp.readline() == b"\n"
    assert first == {"generation": channel.snapshot()[0].generation, "kind": "reload", "since": "", "pages": None}
    change = channel.publish_success(["assets/style.css"], [])
    assert response.fp.readline() == change.as_event().split(b"\n")[0] + b"\n"
    assert json.loads(change.as_event()[len(b"data: "):]) == {
        "generation": change.generation, "kind": "css", "since": first["generation"], "pages": None}
    assert response.fp.readline() == b"\n"
    channel.close()
    assert response.fp.readline() == b""  # the server ended the stream
    connection.close()


def test_a_taken_port_raises_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse) as refused:
            HttpServer(("127.0.0.1", port), Served(tmp_path, "/", ReloadChannel(), "127.0.0.1"))
    assert (refused.value.host, refused.value.port) == ("127.0.0.1", port)


# -- a whole DevServer's answers -----------------------------------------------------------


def test_pages_get_the_reload_script_but_the_built_files_do_not(site):
    root = site({"content/a.md": ARTICLE, "static/img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    with serving(root) as server:
        status, headers, body = fetch(server, "/a/index.html")
        assert status == 200
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Hello from alpha." in body
        assert body.index(SCRIPT_MARK) < body.rindex("</body>")
        assert "Access-Control-Allow-Origin" not in headers
        on_disk = (server.out_dir / "a/index.html").read_text()
        assert "Hello from alpha." in on_disk and SCRIPT_MARK not in on_disk and "__roadmap__" not in on_disk
        assert fetch(server, "/assets/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
        assert fetch(server, "/assets/theme.js")[1]["Content-Type"].startswith("application/javascript")
        assert fetch(server, "/img/logo.svg")[1]["Content-Type"] == "image/svg+xml"
        css = fetch(server, "/assets/style.css")[2]
        assert SCRIPT_MARK not in css


def test_directories_redirect_to_the_slash_form_and_serve_their_index(site):
    with serving(site({"content/a.md": ARTICLE})) as server:
        status, headers, _ = fetch(server, "/a?x=1")
        assert (status, headers["Location"]) == (302, "/a/?x=1")
        assert "Hello from alpha." in fetch(server, "/a/")[2]
        assert fetch(server, "/")[0] == 200


def test_missing_files_get_the_sites_404_page(site):
    with serving(site({"content/a.md": ARTICLE})) as server:
        status, headers, body = fetch(server, "/no/such/page/")
        assert status == 404
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert "Page not found" in body and SCRIPT_MARK in body
        assert fetch(server, "/.roadmap-site-manifest.json")[0] == 404


def test_base_url_serves_under_its_path(site):
    with serving(site({"content/a.md": ARTICLE}), base_url="https://u.github.io/repo/") as server:
        assert server.url.endswith("/repo/")
        status, headers, _ = fetch(server, "/")
        assert (status, headers["Location"]) == (302, "/repo/")
        assert fetch(server, "/repo")[1]["Location"] == "/repo/"
        assert fetch(server, "/repo/")[0] == 200
        assert "Hello from alpha." in fetch(server, "/repo/a/")[2]
        assert fetch(server, "/repo/a")[1]["Location"] == "/repo/a/"
        assert fetch(server, "/repo/assets/style.css")[1]["Content-Type"] == "text/css; charset=utf-8"
        assert fetch(server, "/a/")[0] == 404


@pytest.mark.parametrize("path", [
    "/../etc/passwd",
    "/a/../../etc/passwd",
    "/%2e%2e/etc/passwd",
    "/%2E%2E/%2e%2e/etc/passwd",
    "/..%2f..%2fetc/passwd",
    "/a/..%5c..%5cetc%5cpasswd",
    "/a\\..\\..\\etc\\passwd",
    "/a%00.html",
    "/%ff%fe",
    "/%zz",
    "/" + "a" * 10_000,
    "/" + "a/" * 5_000,
    "//etc/passwd",
])
def test_nothing_outside_the_output_folder_is_served(site, path):
    with serving(site({"content/a.md": ARTICLE})) as server:
        status, _, body = fetch(server, path)
        assert status in (400, 403, 404)
        assert "root:" not in body
        assert fetch(server, "/a/")[0] == 200


def test_symlinks_leading_out_are_refused(site, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    with serving(site({"content/a.md": ARTICLE})) as server:
        (server.out_dir / "leak.txt").symlink_to(secret)
        (server.out_dir / "leakdir").symlink_to(tmp_path, target_is_directory=True)
        for path in ("/leak.txt", "/leakdir/secret.txt", "/leakdir/"):
            status, _, body = fetch(server, path)
            assert status in (403, 404) and "top secret" not in body
        assert fetch(server, "/a/")[0] == 200


def test_foreign_hosts_and_origins_are_refused(site):
    with serving(site({"content/a.md": ARTICLE})) as server:
        assert fetch(server, "/a/", {"Host": "evil.example"})[0] == 403
        assert fetch(server, "/a/", {"Host": f"localhost:{server_port(server)}"})[0] == 200
        assert fetch(server, EVENTS_PATH, {"Origin": "http://evil.example"})[0] == 403
        assert fetch(server, EVENTS_PATH, {"Origin": "null"})[0] == 403


def test_the_access_log_is_quiet(site, capfd):
    with serving(site({"content/a.md": ARTICLE})) as server:
        fetch(server, "/a/")
        fetch(server, "/nothing-here")
    assert "GET /" not in capfd.readouterr().err


def test_debug_logs_each_request(site, capfd):
    with serving(site({"content/a.md": ARTICLE}), debug=True) as server:
        fetch(server, "/a/")
    assert '"GET /a/ HTTP/1.1" 200' in capfd.readouterr().err
