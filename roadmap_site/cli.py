"""Command line: parse arguments, call the build, print problems, choose the exit code."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from roadmap_site import __version__
from roadmap_site.build import build
from roadmap_site.errors import BuildFailed


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="roadmap-site", description="Build learning-roadmap sites from Markdown.")
    parser.add_argument("--version", action="version", version=f"roadmap-site {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_cmd = commands.add_parser("build", help="build the site into a folder")
    build_cmd.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR",
                           help="the site folder (holding content/) or a folder of articles; default: here")
    build_cmd.add_argument("-o", "--output", type=Path, metavar="OUT", help="output folder (default: SITE_DIR/_site)")
    build_cmd.add_argument("--base-url", metavar="URL", help="the address the site is published at")
    build_cmd.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    build_cmd.add_argument("--debug", action="store_true", help="show a traceback when something unexpected fails")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _build(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug or an I/O failure: one line unless --debug
        if args.debug:
            traceback.print_exc()
        else:
            print(f"roadmap-site: {type(exc).__name__}: {exc} (run with --debug for details)", file=sys.stderr)
        return 2


def _build(args: argparse.Namespace) -> int:
    site_dir: Path = args.site_dir
    if not site_dir.is_dir():
        print(f"roadmap-site: {site_dir} is not a folder", file=sys.stderr)
        return 1
    try:
        report = build(site_dir, args.output, base_url=args.base_url, drafts=args.drafts)
    except BuildFailed as failed:
        for problem in failed.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.severity == "error" for p in failed.problems)
        print(f"build failed: {errors} error(s); the previous output is unchanged", file=sys.stderr)
        return 1
    for problem in report.warnings:
        print(problem, file=sys.stderr)
    if report.sample:
        print(f"no articles in {site_dir}: built the sample roadmap that ships with roadmap-site", file=sys.stderr)
    print(
        f"built {report.articles} articles, {report.pages} pages in {report.seconds:.2f} s "
        f"({report.written} files written, {report.removed} removed); "
        f"{len(report.warnings)} warning(s) -> {report.out_dir}"
    )
    return 0
