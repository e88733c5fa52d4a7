"""Command line: parse the arguments and run the command they name, which prints what it
found and chooses the exit code; an unexpected failure is one line (a traceback with --debug)."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import traceback
from pathlib import Path
from typing import NoReturn

from roadmap_site import __version__
from roadmap_site.commands.check import add_arguments as add_check_arguments
from roadmap_site.commands.scaffold import add_init_arguments, add_new_arguments


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="roadmap-site", description="Build learning-roadmap sites from Markdown.")
    parser.add_argument("--version", action="version", version=f"roadmap-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show a traceback when something unexpected fails")

    build_cmd = commands.add_parser("build", parents=[common], help="build the site into a folder")
    build_cmd.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR",
                           help="the site folder (holding content/) or a folder of articles; default: here")
    build_cmd.add_argument("-o", "--output", type=Path, metavar="OUT", help="output folder (default: SITE_DIR/_site)")
    build_cmd.add_argument("--base-url", metavar="URL", help="the address the site is published at")
    build_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    build_cmd.add_argument("--clean", action="store_true", help="parse every article again, ignoring the build cache")
    build_cmd.add_argument("--no-search", action="store_true",
                           help="leave the search index out (and as it was), even when roadmap.yml turns search on")
    build_cmd.add_argument("--quiet", "-q", action="store_true", help="print only problems")

    serve_cmd = commands.add_parser("serve", parents=[common], help="preview the site with live reload")
    serve_cmd.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR")
    serve_cmd.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve_cmd.add_argument("--base-url", metavar="URL", help="serve under this URL's path, as published")
    serve_cmd.add_argument("--open", action="store_true", help="open the site in a browser")
    serve_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")

    publish_cmd = commands.add_parser("publish", parents=[common], help="build and commit the site to a GitHub Pages branch")
    publish_cmd.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR")
    publish_cmd.add_argument("--branch", default="gh-pages", help="branch to commit to (default: gh-pages)")
    publish_cmd.add_argument("--remote", default="origin", help="remote to push to (default: origin)")
    publish_cmd.add_argument("--push", action="store_true", help="push the branch after committing")
    publish_cmd.add_argument("--message", "-m", metavar="M", help="commit message")
    publish_cmd.add_argument("--cname", metavar="DOMAIN", help="custom domain, written to CNAME")
    publish_cmd.add_argument("--base-url", metavar="URL", help="override the URL derived from the remote")
    publish_cmd.add_argument("--force", action="store_true", help="push even when it is not a fast-forward")
    publish_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")

    init_ci_cmd = commands.add_parser("init-ci", parents=[common], help="write a GitHub Actions workflow that deploys the site")
    init_ci_cmd.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR")
    init_ci_cmd.add_argument("--force", action="store_true", help="overwrite an existing workflow file")

    check_cmd = commands.add_parser("check", parents=[common], help="report problems in the site without writing anything")
    add_check_arguments(check_cmd)
    new_cmd = commands.add_parser("new", parents=[common], help="create an article; with --series, as the series' next part")
    add_new_arguments(new_cmd)
    init_cmd = commands.add_parser("init", parents=[common], help="create a new site that builds at once")
    add_init_arguments(init_cmd)
    return parser


def tune_collector() -> None:
    """For a process that builds sites (every command, the dev server too): a site is
    hundreds of thousands of long-lived objects and a build makes little cyclic garbage, yet
    at the default thresholds the collector walks the whole site again every few thousand
    allocations, a third of a one-article rebuild of 10,000 articles."""
    gc.set_threshold(100_000, 50, 100)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    tune_collector()
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an I/O failure: one line unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"roadmap-site: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2


def run() -> NoReturn:
    """The console script: main(), then leave without freeing the site object by object.
    A built site is millions of objects; taking them apart one by one at exit costs more
    than a one-article rebuild of 10,000 articles, and the operating system reclaims the
    memory at once. Everything the command writes is closed by then; only the standard
    streams need flushing."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        code = code or 1
    os._exit(code)


# The commands live in their own modules, imported only when used (serve loads watchdog).
_COMMANDS = {
    "build": ("roadmap_site.commands.build", "run_build"),
    "serve": ("roadmap_site.commands.serve.server", "run_serve"),
    "publish": ("roadmap_site.commands.publish", "run_publish"),
    "init-ci": ("roadmap_site.commands.init_ci", "run_init_ci"),
    "check": ("roadmap_site.commands.check", "run_check"),
    "new": ("roadmap_site.commands.scaffold", "run_new"),
    "init": ("roadmap_site.commands.scaffold", "run_init"),
}


# Commands that read an existing site folder (init makes one; new adds to one, made or not).
_READ_A_SITE = frozenset({"build", "serve", "check", "publish", "init-ci"})


def _run(args: argparse.Namespace) -> int:
    if args.command in _READ_A_SITE and not args.site_dir.is_dir():
        print(f"roadmap-site: {args.site_dir} is not a folder", file=sys.stderr)
        return 1
    module, function = _COMMANDS[args.command]
    return getattr(importlib.import_module(module), function)(args)

