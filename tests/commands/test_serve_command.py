"""`roadmap-site serve` as a command: its one-line errors and a clean stop on Ctrl-C."""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
from pathlib import Path

from commands.serve_helpers import ARTICLE
from helpers import REPO
from roadmap_site.commands.serve.server import run_serve


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
