"""`roadmap-site check`: everything a build would complain about, and what a reader would
stumble on, without writing a file.

The build's own checks (broken links, #anchors, missing images, unknown difficulties,
duplicate part numbers) come from loading the site, and aliases that cannot be a path from
the rule the build uses; this module adds the roadmap's shape: gaps in a series' numbering,
prerequisites that name nothing or go round in a circle, and articles without a description.
Every line comes from the parsed articles, so `check` and `build` name the same path:line.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from roadmap_site.incremental.loading import load_site
from roadmap_site.layout import find_layout
from roadmap_site.config import load_config
from roadmap_site.errors import Problem, count_errors, has_errors, warning
from roadmap_site.model.graph import prerequisite_graph
from roadmap_site.model.models import Site
from roadmap_site.output.aliases import alias_paths
from roadmap_site.parse.sources import list_content


def check_site(site_dir: Path, strict: bool = False) -> list[Problem]:
    """Every problem of the site in site_dir, sorted by file and line; with strict, the
    warnings are errors too."""
    layout = find_layout(site_dir)
    config, problems = load_config(layout.config_dir)
    if not has_errors(problems):
        loaded = load_site(list_content(layout.content_dir), config)
        site, found = loaded.site, loaded.problems
        problems += found
        problems += alias_paths(site)[1]
        problems += roadmap_problems(site)
    problems = sorted(set(problems), key=lambda p: (p.path, p.line, p.message))
    return [replace(p, severity="error") for p in problems] if strict else problems


def roadmap_problems(site: Site) -> list[Problem]:
    """The checks that need the whole site: series numbering, prerequisites, descriptions."""
    _, problems = prerequisite_graph(site)
    return series_gaps(site) + problems + missing_descriptions(site)


def series_gaps(site: Site) -> list[Problem]:
    """A numbered series should count 1, 2, 3...: a skipped number usually means a part is
    missing or misnumbered. Unnumbered parts are not judged."""
    problems = []
    for one in site.series.values():
        expected = 1
        for key in one.articles:
            article = site.articles[key]
            number = article.series_order
            if number is None:
                continue
            if number > expected:
                missing = str(expected) if number == expected + 1 else f"{expected} to {number - 1}"
                problems.append(warning(article.source, article.lines.get("series_order", 1),
                                        f"series {one.name!r} has no part {missing} before part {number}"))
            expected = max(expected, number + 1)
    return problems


def missing_descriptions(site: Site) -> list[Problem]:
    return [
        warning(article.source, 1, "no description: add `description:` to the front matter; "
                                   "listings, feeds, search results and link previews show it")
        for article in site.articles.values()
        if not article.description
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")


def run_check(args: argparse.Namespace) -> int:
    """Print each problem on its own line and a summary; exit 1 when any is an error."""
    site_dir: Path = args.site_dir
    problems = check_site(site_dir, strict=args.strict)
    for problem in problems:
        print(problem, file=sys.stderr)
    errors = count_errors(problems)
    warnings = len(problems) - errors
    print(f"checked {site_dir}: {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0
