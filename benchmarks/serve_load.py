"""Bounded load test of the dev server on loopback: CLIENTS concurrent clients for SECONDS
against a DevServer on 127.0.0.1 port 0 serving SITE (default: this repository's sample
site). Reports requests answered, errors, and the server process's memory (VmRSS) before
and after; the server runs in its own process, so the figures are its own. Stops by itself.

    python benchmarks/serve_load.py [--clients 200] [--seconds 10] [--site PATH]
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SERVER = """
import sys, threading
from pathlib import Path
from roadmap_site.commands.serve.server import DevServer
server = DevServer(Path(sys.argv[1]), port=0, say=lambda line: None)
server.start()
print(server.url, flush=True)
sys.stdin.read()  # until the load test closes our stdin
server.stop()
"""
# A mix of what a browser asks for, and what an attacker might.
PATHS = ["/", "/assets/style.css", "/tags/", "/does-not-exist/", "/%2e%2e/etc/passwd", "/%ff", "/" + "a" * 5000]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def client(host: str, port: int, until: float, pages: list[str], counts: dict, lock: threading.Lock) -> None:
    answered = errors = 0
    connection = None
    while time.monotonic() < until:
        path = random.choice(pages)
        try:
            if connection is None:
                connection = http.client.HTTPConnection(host, port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            answered += 1
            if response.status >= 500 or response.will_close:
                connection.close()
                connection = None
        except (OSError, http.client.HTTPException) as exc:
            errors += 1
            with lock:
                counts.setdefault("kinds", {}).setdefault(type(exc).__name__, 0)
                counts["kinds"][type(exc).__name__] += 1
            if connection is not None:
                connection.close()
            connection = None
    if connection is not None:
        connection.close()
    with lock:
        counts["answered"] += answered
        counts["errors"] += errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--site", type=Path, default=REPO)
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(args.site)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    try:
        url = server.stdout.readline().strip()
        if not url:
            print("the server did not start", file=sys.stderr)
            return 1
        host, port = url.split("//", 1)[1].split("/", 1)[0].rsplit(":", 1)
        pages = PATHS + ["/" + p.relative_to(args.site / "content").with_suffix("").as_posix() + "/"
                         for p in sorted((args.site / "content").rglob("*.md"))[:20]]
        before = rss_kib(server.pid)
        counts, lock = {"answered": 0, "errors": 0}, threading.Lock()
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client, args=(host, int(port), until, pages, counts, lock))
                   for _ in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 30)
        elapsed = time.monotonic() - started
        time.sleep(0.5)
        after = rss_kib(server.pid)
        alive = server.poll() is None
        print(f"{args.clients} clients, {elapsed:.1f} s against {url}")
        print(f"answered {counts['answered']} requests ({counts['answered'] / elapsed:.0f}/s), errors {counts['errors']}"
              + (f" {counts['kinds']}" if counts.get("kinds") else ""))
        print(f"server RSS before {before / 1024:.1f} MiB, after {after / 1024:.1f} MiB "
              f"({(after - before) / 1024:+.1f} MiB); server {'still serving' if alive else 'DIED'}")
        return 0 if alive else 1
    finally:
        if server.poll() is None:
            server.stdin.close()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


if __name__ == "__main__":
    sys.exit(main())
