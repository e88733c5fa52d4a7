"""`roadmap-site init` and `roadmap-site new`: a new site, and a new article in its series.

Files are only ever created: an existing file is never overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from roadmap_site.model.models import name_key
from roadmap_site.incremental.loading import load_site
from roadmap_site.layout import find_layout
from roadmap_site.config import CONFIG_FILE, Config, load_config
from roadmap_site.parse.sources import list_content
from roadmap_site.model.urls import slugify
from roadmap_site.output.fs import create_new

GITIGNORE = "_site/\n"
SAMPLE_SERIES = "First Steps"


def _quoted(text: str) -> str:
    """A YAML string that stays one string whatever it holds (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def article_text(title: str, day: dt.date, config: Config, series: str | None = None, part: int | None = None) -> str:
    """Front matter with every field a roadmap uses, and one topic to copy."""
    level = config.difficulty_levels[0]
    lines = ["---", f"title: {_quoted(title)}", f"date: {day.isoformat()}",
             'description: "One sentence: what the reader will be able to do after this article."']
    if series:
        lines += [f"series: {_quoted(series)}", f"weight: {part}"]
    lines += [f"difficulty: {level}", "prerequisites: []", "tags: []", "---", "",
              "## First topic", f"**Difficulty**: {level}", "",
              "- What the reader will be able to do",
              "",
              f"Write the topic here. Difficulty levels: {', '.join(config.difficulty_levels)}.", ""]
    return "\n".join(lines)


def content_folder(site_dir: Path) -> Path:
    layout = find_layout(site_dir)
    return site_dir / "content" if layout.is_sample else layout.content_dir


def next_part(site_dir: Path, series: str) -> int:
    """One more than the highest part number of the series; 1 for a new series."""
    layout = find_layout(site_dir)
    if layout.is_sample:
        return 1
    config, _ = load_config(layout.config_dir)
    site = load_site(list_content(layout.content_dir), config.with_overrides(drafts=True)).site
    found = site.series.get(name_key(series))
    if found is None:
        return 1
    numbers = [site.articles[key].series_order for key in found.articles]
    return max([n for n in numbers if n is not None] + [len(numbers)]) + 1


def new_article(site_dir: Path, title: str, series: str | None = None, today: dt.date | None = None) -> Path:
    """Create the article's file in the series' folder and return its path. Raises
    FileExistsError rather than overwrite anything."""
    folder = content_folder(site_dir)
    if series:
        folder = folder / (slugify(series) or "series")
    path = folder / f"{slugify(title) or 'article'}.md"
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another title")
    config, _ = load_config(find_layout(site_dir).config_dir)
    part = next_part(site_dir, series) if series else None
    text = article_text(title, today or dt.date.today(), config, series, part)
    create_new(path, text.encode("utf-8"))  # never replaces a file made meanwhile
    return path


def init_files(title: str, today: dt.date) -> dict[str, str]:
    """The files of a new site, by path relative to its folder."""
    sample = article_text("Welcome to your roadmap", today, Config(), SAMPLE_SERIES, 1)
    config = "\n".join([
        f"title: {_quoted(title)}",
        'description: "What this roadmap teaches, in one sentence."',
        "author: \"\"",
        "language: en",
        "# base_url: https://example.org/   (needed for feeds, the sitemap and link previews)",
        "difficulty: [Beginner, Intermediate, Advanced]",
        "",
    ])
    return {
        CONFIG_FILE: config,
        f"content/{slugify(SAMPLE_SERIES)}/welcome.md": sample,
        ".gitignore": GITIGNORE,
    }


def init_site(site_dir: Path, today: dt.date | None = None) -> list[Path]:
    """Write a new site into site_dir; raises FileExistsError, writing nothing, when any of
    its files already exists."""
    title = site_dir.resolve().name.replace("-", " ").title() or "Roadmap"
    files = {site_dir / relative: text for relative, text in init_files(title, today or dt.date.today()).items()}
    existing = [str(path) for path in files if path.exists()]
    if existing:
        raise FileExistsError(f"{', '.join(existing)} already exist; nothing was written")
    for path, text in files.items():
        create_new(path, text.encode("utf-8"))
    return list(files)


def add_new_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("title", help="the article's title")
    parser.add_argument("--series", metavar="NAME", help="add it as the next part of this series")
    parser.add_argument("site_dir", nargs="?", default=Path("."), type=Path, metavar="SITE_DIR",
                        help="the site folder, right after the title (default: here)")
    parser.add_argument("--site", dest="site_dir", type=Path, metavar="SITE_DIR", help="the same, anywhere")


def add_init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("site_dir", nargs="?", default=".", type=Path, metavar="SITE_DIR")


def run_new(args: argparse.Namespace) -> int:
    try:
        path = new_article(args.site_dir, args.title, args.series)
    except FileExistsError as exc:
        print(f"roadmap-site: {exc}", file=sys.stderr)
        return 1
    print(f"created {path}")
    return 0


def run_init(args: argparse.Namespace) -> int:
    try:
        paths = init_site(args.site_dir)
    except FileExistsError as exc:
        print(f"roadmap-site: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"created {path}")
    print(f"build it with: roadmap-site build {args.site_dir}")
    return 0
