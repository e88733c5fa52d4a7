"""The dev server, for real: a DevServer on a free port, real HTTP, real file edits."""

from __future__ import annotations

import argparse
import contextlib
import html
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO
from roadmap_site.commands.build import build
from roadmap_site.layout import find_layout
from roadmap_site.errors import BuildFailed
from roadmap_site.commands.serve.livereload import EVENTS_PATH, change_kind, inject_script, is_source_path, watch_roots
from roadmap_site.commands.serve.server import DevServer, host_name, is_allowed_host, run_serve

ARTICLE = "---\ntitle: Alpha\n---\nHello from alpha.\n"
SCRIPT_MARK = "roadmap-live-reload"


@contextlib.contextmanager
def serving(site_dir: Path, **options):
    lines: list[str] = []
    server = DevServer(site_dir, port=0, say=lines.append, **options)
    server.start()
    server.lines = lines
    try:
        yield server
    finally:
        server.stop()


def fetch(server: DevServer, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
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


def server_port(server: DevServer) -> int:
    return int(re.search(r":(\d+)/", server.url).group(1))


def wait_until(condition, timeout: float = 5.0, interval: float = 0.02) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def settled_rebuilds(server: DevServer, at_least: int = 1, quiet: float = 0.6, timeout: float = 6.0) -> int:
    """The rebuild count once it reached `at_least` and then stayed put for `quiet` seconds."""
    assert wait_until(lambda: server.rebuild_count >= at_least, timeout), "no rebuild happened"
    deadline = time.monotonic() + timeout
    count, since = server.rebuild_count, time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.02)
        if server.rebuild_count != count:
            count, since = server.rebuild_count, time.monotonic()
    return count


def page_text_becomes(server: DevServer, path: str, text: str, timeout: float = 5.0) -> bool:
    return wait_until(lambda: text in fetch(server, path)[2], timeout)


# -- pure parts ----------------------------------------------------------------------------


def test_change_kind_swaps_stylesheets_only_when_nothing_else_changed():
    assert change_kind([], []) is None
    assert change_kind(["assets/style.css"], []) == "css"
    assert change_kind(["assets/style.css", "a/index.html"], []) == "reload"
    assert change_kind(["assets/style.css"], ["assets/old.css"]) == "reload"


def test_script_goes_before_the_last_body_end_tag():
    assert inject_script(b"<p></body>x</BODY>", "<s>") == b"<p></body>x<s></BODY>"
    assert inject_script(b"plain", "<s>") == b"plain<s>"


def test_hidden_and_underscored_content_is_ignored_but_a_rename_onto_an_article_is_not(site):
    root = site({"content/a.md": ARTICLE, "roadmap.yml": "title: T\n"}).absolute()
    roots = watch_roots(find_layout(root))
    out = root.parent / "out"
    assert is_source_path(root / "content/a.md", roots, out)
    assert not is_source_path(root / "content/.a.md.swp", roots, out)
    assert not is_source_path(root / "content/_drafts/x.md", roots, out)
    assert is_source_path(root / "roadmap.yml", roots, out)
    assert is_source_path(root / "templates", roots, out)
    assert not is_source_path(root / "README.md", roots, out)
    assert not is_source_path(out / "a/index.html", roots, out)


def test_host_names_and_allowed_hosts():
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost.:80") == "localhost"
    assert is_allowed_host("127.0.0.1:9", "127.0.0.1", "127.0.0.1")
    assert not is_allowed_host("evil.example", "127.0.0.1", "127.0.0.1")
    assert is_allowed_host("192.168.1.5:8000", "0.0.0.0", "192.168.1.5")
    assert not is_allowed_host("192.168.1.5:8000", "127.0.0.1", "127.0.0.1")


# -- serving -------------------------------------------------------------------------------


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


# -- rebuilding ----------------------------------------------------------------------------


def test_an_edit_is_served_after_the_rebuild(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Goodbye"))
        assert page_text_becomes(server, "/a/", "Goodbye from alpha.")
        assert settled_rebuilds(server) == 1
        assert server.reload_count == 1


def test_events_announce_each_build_after_the_one_a_page_has(site):
    root = site({"content/a.md": ARTICLE, "static/assets/style.css": "body { color: red; }\n"})
    with serving(root) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server_port(server), timeout=5)
        connection.request("GET", EVENTS_PATH, headers={"Origin": f"http://127.0.0.1:{server_port(server)}"})
        response = connection.getresponse()
        assert response.status == 200 and response.getheader("Content-Type") == "text/event-stream"

        def next_event() -> dict:
            line = response.fp.readline()
            while not line.startswith(b"data: "):
                line = response.fp.readline()
            return json.loads(line[len(b"data: "):])

        first = next_event()
        (root / "static/assets/style.css").write_text("body { color: blue; }\n")
        css = next_event()
        assert (css["kind"], css["since"]) == ("css", first["generation"])
        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Hi"))
        page = next_event()
        assert (page["kind"], page["since"]) == ("reload", css["generation"])
        connection.close()


def test_a_failed_build_shows_the_error_page_and_the_next_good_save_recovers(site, tmp_path):
    root = site({"content/a.md": ARTICLE})
    bad = "---\ntitle: [x\n---\n"
    with serving(root) as server:
        (root / "content/a.md").write_text(bad)
        with pytest.raises(BuildFailed) as failed:
            build(root, tmp_path / "probe")
        expected = html.escape(str(failed.value.problems[0]))
        assert re.search(r"a\.md:\d+: ", expected)
        assert wait_until(lambda: fetch(server, "/a/")[0] == 500)
        status, headers, body = fetch(server, "/a/")
        assert expected in body and SCRIPT_MARK in body
        assert fetch(server, "/")[0] == 500
        assert fetch(server, "/assets/style.css")[0] == 200
        assert "Hello from alpha." in (server.out_dir / "a/index.html").read_text()
        assert any("a.md:" in line for line in server.lines)

        (root / "content/a.md").write_text(ARTICLE.replace("Hello", "Fixed"))
        assert page_text_becomes(server, "/a/", "Fixed from alpha.")
        assert fetch(server, "/a/")[0] == 200
        assert server.reload_count == 2


def test_an_atomic_save_gives_exactly_one_rebuild(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        temporary = root / "content/.a.md.swp"
        temporary.write_text(ARTICLE.replace("Hello", "Saved"))
        os.replace(temporary, root / "content/a.md")
        assert page_text_becomes(server, "/a/", "Saved from alpha.")
        assert settled_rebuilds(server) == 1
        assert server.reload_count == 1


def test_a_burst_of_fifty_changes_gives_exactly_one_rebuild(site):
    articles = {f"content/part/p{n:02}.md": f"---\ntitle: Part {n}\n---\nText {n}.\n" for n in range(50)}
    root = site(articles)
    with serving(root) as server:
        for relative, text in articles.items():
            (root / relative).write_text(text.replace("Text", "Changed"))
        assert settled_rebuilds(server) == 1
        assert server.reload_count == 1
        assert "Changed 49." in fetch(server, "/part/p49/")[2]


# -- the command ---------------------------------------------------------------------------


def test_a_port_in_use_is_a_one_line_error(site, capsys):
    root = site({"content/a.md": ARTICLE})
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        args = argparse.Namespace(site_dir=root, host="127.0.0.1", port=port, base_url=None,
                                  open=False, drafts=False, debug=False)
        assert run_serve(args) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"roadmap-site: port {port} is already in use on 127.0.0.1; "
                   "stop the other server or choose another port with --port"]


def test_ctrl_c_stops_cleanly(site):
    root = site({"content/a.md": ARTICLE})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "roadmap_site", "serve", str(root), "--port", "0", "--debug"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = process.stdout.readline()
        url = re.search(r"http://\S+", line).group(0)
        connection = http.client.HTTPConnection(url.split("/")[2], timeout=5)
        connection.request("GET", "/a/")
        assert connection.getresponse().status == 200
        connection.close()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "stopped" in out
    output_folder = Path(re.search(r"building into (\S+)", err).group(1))
    assert not output_folder.exists()


def test_search_is_indexed_after_the_pages_and_again_after_an_edit(site):
    root = site({"content/a.md": ARTICLE})
    with serving(root) as server:
        index = server.out_dir / "pagefind" / "pagefind-entry.json"
        assert wait_until(index.is_file, timeout=15), "the first build was never indexed"
        first = index.stat().st_mtime_ns
        (root / "content/a.md").write_text(ARTICLE.replace("alpha", "omega"))
        assert page_text_becomes(server, "/a/index.html", "omega")
        assert wait_until(lambda: index.stat().st_mtime_ns != first, timeout=15), "the edit was never indexed"
