"""Latency of live reload: from saving an article to Chromium showing the new text.

    python benchmarks/reload_latency.py SITE_DIR [--count 20]
    python benchmarks/reload_latency.py --generate 1000 [--count 20]

The site is copied into a temporary folder first (content/, templates/, static/,
roadmap.yml), so the benchmark never edits the real one. Each save is atomic, as editors
do it (write a hidden temp file, rename it over the article)."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from roadmap_site.cli import tune_collector
from roadmap_site.incremental.loading import load_site
from roadmap_site.layout import find_layout
from roadmap_site.config import CONFIG_FILE, load_config
from roadmap_site.parse.sources import list_content
from roadmap_site.commands.serve.server import DevServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TOPICS = ["networking", "databases", "apis", "containers", "security", "testing", "cloud", "linux"]


def generate_site(root: Path, articles: int) -> Path:
    """A site of `articles` short articles in a few topic folders, with series and tags."""
    (root / CONFIG_FILE).write_text("title: Generated Roadmaps\n", encoding="utf-8")
    for number in range(articles):
        topic = TOPICS[number % len(TOPICS)]
        path = root / "content" / topic / f"article-{number:05}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"---\ntitle: \"{topic.title()} {number}\"\ndate: 2024-01-{number % 28 + 1:02}\n"
            f"tags: [{topic}, level-{number % 3}]\nseries: [\"{topic.title()} path\"]\nweight: {number}\n---\n"
            f"## Overview\n\nArticle {number} about {topic}, with **bold** text and `code`.\n\n"
            f"### Step one\n\n- first point\n- second point\n\n```python\nprint({number})\n```\n",
            encoding="utf-8",
        )
    return root


def copy_site(source: Path, root: Path) -> Path:
    for name in ("content", "templates", "static"):
        if (source / name).is_dir():
            shutil.copytree(source / name, root / name)
    if (source / CONFIG_FILE).is_file():
        shutil.copy2(source / CONFIG_FILE, root / CONFIG_FILE)
    return root


def article_to_edit(site_dir: Path) -> tuple[Path, str]:
    """The first article's source file and its page's output path."""
    layout = find_layout(site_dir)
    config, _ = load_config(layout.config_dir)
    site = load_site(list_content(layout.content_dir), config).site
    article = min(site.articles.values(), key=lambda a: a.key)
    return layout.content_dir / article.key, article.path.removesuffix("index.html")


def save_atomically(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.swp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure(site_dir: Path, count: int) -> tuple[list[float], list[float], list[float]]:
    """Seconds from each save to the new text on screen, to each quick page (see
    roadmap_site.commands.serve.quick), and for each whole rebuild."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only the benchmark needs it

    source, page_path = article_to_edit(site_dir)
    original = source.read_text(encoding="utf-8")
    lines: list[str] = []
    server = DevServer(site_dir, port=0, say=lines.append)
    started = time.perf_counter()
    server.start()
    print(f"first build and start: {time.perf_counter() - started:.2f} s; editing {source.relative_to(site_dir)}")
    latencies = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(server.url + page_path)
            for number in range(count):
                marker = f"latency-marker-{number}"
                saved = time.perf_counter()
                save_atomically(source, f"{original.rstrip()}\n\n{marker}\n")
                page.wait_for_function("m => document.body && document.body.innerText.includes(m)",
                                       arg=marker, polling="raf", timeout=30_000)
                latencies.append(time.perf_counter() - saved)
                page.wait_for_load_state("load")
                # Each save finds the server idle: a save made while the whole rebuild that
                # follows a quick page still runs waits for it (see the README).
                server.wait_until_idle(600)
                page.wait_for_timeout(200)
            browser.close()
    finally:
        server.stop()
    print(f"rebuilds: {server.rebuild_count}, reloads: {server.reload_count}")
    quick = [float(found) / 1000 for line in lines for found in re.findall(r"^remade .* in (\d+) ms", line)]
    builds = [float(found) for line in lines for found in re.findall(r"rebuilt in ([0-9.]+) s", line)]
    return latencies, quick, builds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path, help="the site to measure (it is copied, not edited)")
    parser.add_argument("count", nargs="?", type=int, help="number of saves (same as --count)")
    parser.add_argument("--count", dest="count_option", type=int, default=20, help="number of saves (default 20)")
    parser.add_argument("--generate", type=int, metavar="N", help="measure a generated site of N articles instead")
    args = parser.parse_args(argv)
    count = args.count or args.count_option
    tune_collector()  # as `roadmap-site serve` runs
    if args.site_dir is None and args.generate is None:
        parser.error("give a SITE_DIR or --generate N")
    with tempfile.TemporaryDirectory(prefix="roadmap-site-latency-") as temporary:
        root = Path(temporary) / "site"
        root.mkdir()
        if args.generate:
            generate_site(root, args.generate)
            label = f"generated site of {args.generate} articles"
        else:
            copy_site(args.site_dir, root)
            label = str(args.site_dir)
        latencies, quick, builds = measure(root, count)
    milliseconds = sorted(1000 * seconds for seconds in latencies)
    print(f"{label}: {count} saves, save -> new text shown in Chromium: "
          f"median {statistics.median(milliseconds):.0f} ms, worst {milliseconds[-1]:.0f} ms, "
          f"best {milliseconds[0]:.0f} ms")
    if quick:
        print(f"the edited page made and announced, from the rebuild's start (the debounce adds 100 ms "
              f"before it): median {1000 * statistics.median(quick):.0f} ms, worst {1000 * max(quick):.0f} ms "
              f"({len(quick)} of {count} saves)")
    if builds:
        print(f"the whole rebuild that follows, in the background: median {1000 * statistics.median(builds):.0f} ms, "
              f"worst {1000 * max(builds):.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
