"""The roadmap diagram's layout (roadmap_site/output/roadmap_map.py): exact boxes, lines and
edges for a small series, text wrapping, and its cost for a large series."""

from __future__ import annotations

import time

from helpers import write_files
from roadmap_site.config import Config
from roadmap_site.model.graph import prerequisite_graph
from roadmap_site.incremental.loading import load_site
from roadmap_site.parse.sources import list_content
from roadmap_site.output.roadmap_map import ELLIPSIS, text_width, wrap
from roadmap_site.output.views import summarize_series

SERIES = {
    "one.md": """
        ---
        title: Basics
        series: Path
        series_order: 1
        ---
        ## Shell

        Difficulty: Beginner

        ## Files

        Difficulty: Intermediate

        ## Processes and Signals in a Long Title That Wraps

        Difficulty: Expert
        """,
    "two.md": """
        ---
        title: Containers
        series: Path
        series_order: 2
        ---
        ## Images

        Difficulty: Advanced
        """,
    "three.md": """
        ---
        title: Orchestration
        series: Path
        series_order: 3
        prerequisites: [one]
        ---
        Text.
        """,
}


def summary_of(tmp_path, files=SERIES):
    root = write_files(tmp_path / "content", files)
    loaded = load_site(list_content(root), Config())
    site = loaded.site
    graph = prerequisite_graph(site)[0]
    return summarize_series(next(iter(site.series.values())), site, graph)


def drawn(layout):
    nodes = [(n.kind, n.x, n.y, n.width, n.height, n.tone, n.path, n.fragment, n.progress_id,
              tuple((line.text, line.role) for line in n.lines)) for n in layout.nodes]
    return nodes, [(e.kind, e.d) for e in layout.edges]


def test_the_wide_layout_puts_parts_down_the_spine_and_topics_left_then_right(tmp_path):
    maps = summary_of(tmp_path).maps
    assert maps.label == "Roadmap diagram of Path: 3 parts, 4 topics"
    nodes, edges = drawn(maps.wide)
    assert (maps.wide.width, maps.wide.height) == (760.0, 266.2)
    long_anchor = "processes-and-signals-in-a-long-title-that-wraps"
    assert nodes == [
        ("part", 255.0, 8.0, 250.0, 44.6, "part", "one/index.html", "", "path/one", (("1. Basics", "title"), ("3 topics", "count"))),
        ("topic", 8.0, 8.0, 215.0, 44.6, "beginner", "one/index.html", "shell", "path/one#shell",
         (("Shell", "title"), ("Beginner", "level"))),
        ("topic", 537.0, 8.0, 215.0, 44.6, "intermediate", "one/index.html", "files", "path/one#files",
         (("Files", "title"), ("Intermediate", "level"))),
        ("topic", 8.0, 60.6, 215.0, 61.5, "other", "one/index.html", long_anchor, f"path/one#{long_anchor}",
         (("Processes and Signals in a", "title"), ("Long Title That Wraps", "title"), ("Expert", "level"))),
        ("part", 255.0, 150.1, 250.0, 44.6, "part", "two/index.html", "", "path/two", (("2. Containers", "title"), ("1 topic", "count"))),
        ("topic", 8.0, 150.1, 215.0, 44.6, "advanced", "two/index.html", "images", "path/two#images",
         (("Images", "title"), ("Advanced", "level"))),
        ("part", 255.0, 222.7, 250.0, 35.5, "part", "three/index.html", "", "path/three", (("3. Orchestration", "title"),)),
    ]
    assert edges == [
        ("spine", "M380 52.6V150.1"),  # part 1's bottom to part 2's top, down the middle
        ("spine", "M380 194.7V222.7"),
        ("branch", "M255 30.3C239 30.3 239 30.3 223 30.3"),  # part 1's left side to Shell's right side
        ("branch", "M505 30.3C521 30.3 521 30.3 537 30.3"),  # its right side to Files' left side
        ("branch", "M255 46.6C239 46.6 239 91.35 223 91.35"),  # down to the third topic's middle
        ("branch", "M255 172.4C239 172.4 239 172.4 223 172.4"),
        ("requires", "M505 30.3C521 30.3 521 240.45 505 240.45"),  # part 3 needs part 1: right of the spine
    ]
    assert [n.label for n in maps.wide.nodes][:2] == ["Part 1: Basics", "Shell (Beginner)"]


def test_the_narrow_layout_stacks_each_parts_topics_under_it(tmp_path):
    narrow = summary_of(tmp_path).maps.narrow
    nodes, edges = drawn(narrow)
    assert (narrow.width, narrow.height) == (340.0, 424.0)
    assert [(kind, x, y, width, fragment) for kind, x, y, width, _, _, _, fragment, _, _ in nodes] == [
        ("part", 16.0, 8.0, 320.0, ""),
        ("topic", 44.0, 60.6, 292.0, "shell"),
        ("topic", 44.0, 113.2, 292.0, "files"),
        ("topic", 44.0, 165.8, 292.0, "processes-and-signals-in-a-long-title-that-wraps"),
        ("part", 16.0, 255.3, 320.0, ""),
        ("topic", 44.0, 307.9, 292.0, "images"),
        ("part", 16.0, 380.5, 320.0, ""),
    ]
    assert nodes[3][9] == (("Processes and Signals in a Long Title That", "title"), ("Wraps", "title"), ("Expert", "level"))
    assert edges == [
        ("spine", "M30 52.6V255.3"),
        ("spine", "M30 299.9V380.5"),
        ("branch", "M30 52.6V82.9H44"),  # down the spine from the part, across to the topic's middle
        ("branch", "M30 52.6V135.5H44"),
        ("branch", "M30 52.6V196.55H44"),
        ("branch", "M30 299.9V330.2H44"),
        ("requires", "M16 30.3C2 30.3 2 398.25 16 398.25"),  # along the left edge
    ]
    assert all(n.x + n.width <= narrow.width for n in narrow.nodes)


def test_the_compact_layout_shows_parts_with_their_levels_initials(tmp_path):
    compact = summary_of(tmp_path).maps.compact
    nodes, edges = drawn(compact)
    assert [(kind, x, y, lines) for kind, x, y, _, _, _, _, _, _, lines in nodes] == [
        ("part", 4.0, 4.0, (("1. Basics", "title"), ("3 topics: 1 B · 1 I · 1 E", "count"))),
        ("part", 4.0, 62.6, (("2. Containers", "title"), ("1 topic: 1 A", "count"))),
        ("part", 4.0, 121.2, (("3. Orchestration", "title"),)),
    ]
    assert edges == [("spine", "M150 48.6V62.6"), ("spine", "M150 107.2V121.2")]


def test_titles_wrap_between_words_and_end_in_an_ellipsis_when_they_do_not_fit():
    assert wrap("Short", 100, 10, 2) == ("Short",)
    assert wrap("one two three four", 60, 10, 3) == ("one two", "three four")
    assert wrap("one two three four five six seven", 60, 10, 2) == ("one two", "three four" + ELLIPSIS)
    assert wrap("one two three four five six seven", 40, 10, 2) == ("one two", "three" + ELLIPSIS)
    assert wrap("Supercalifragilistic", 50, 10, 3) == ("Supercalif", "ragilistic")
    for line in wrap("word " * 40, 120, 13, 2):
        assert text_width(line, 13) <= 120


def test_the_layout_of_a_large_series_takes_milliseconds(tmp_path):
    files = {}
    for part in range(1, 31):
        topics = "".join(f"## Topic {part}.{n} with a title long enough to wrap onto a second line\n\nDifficulty: "
                         f"{('Beginner', 'Intermediate', 'Advanced')[n % 3]}\n\n" for n in range(10))
        files[f"p{part}.md"] = f"---\ntitle: Part {part} of a long series\nseries: Big\nseries_order: {part}\n---\n{topics}"
    summary = summary_of(tmp_path, files)
    assert summary.topic_count == 300
    from roadmap_site.output.roadmap_map import roadmap_maps

    wrap.cache_clear()
    runs = []
    for _ in range(5):  # the first run wraps every title; later ones find them wrapped
        start = time.perf_counter()
        maps = roadmap_maps("Big", summary.stops)
        runs.append(time.perf_counter() - start)
    print(f"\nroadmap layout, 30 parts / 300 topics, all three layouts: first {runs[0] * 1000:.1f} ms, then {min(runs) * 1000:.1f} ms")
    assert len(maps.wide.nodes) == len(maps.narrow.nodes) == 330
    assert runs[0] < 0.2 and min(runs) < 0.1
