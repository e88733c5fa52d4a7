"""The prerequisite graph: references by path, stem, slug or title; series order; cycles."""

from pathlib import Path

from helpers import write_files
from roadmap_site.incremental.loading import load_site
from roadmap_site.config import Config
from roadmap_site.model.graph import find_cycles, prerequisite_graph
from roadmap_site.parse.sources import list_content


def load(tmp_path: Path, files: dict[str, str]):
    root = write_files(tmp_path / "content", files)
    loaded = load_site(list_content(root), Config())
    site, problems = loaded.site, loaded.problems
    assert [p for p in problems if p.severity == "error"] == []
    return site, root


def article(title: str, extra: str = "", series: str = "", weight: int | None = None) -> str:
    lines = [f"title: {title}"]
    if series:
        lines.append(f"series: {series}")
    if weight is not None:
        lines.append(f"weight: {weight}")
    if extra:
        lines.append(extra)
    return "---\n" + "\n".join(lines) + "\n---\nText.\n"


def test_references_by_path_stem_slug_and_title_case_insensitively(tmp_path):
    site, _ = load(tmp_path, {
        "basics/shell.md": article("The Shell"),
        "git.md": article("Git", "slug: version-control"),
        "docker.md": article("Docker"),
        "k8s.md": article("Kubernetes", "prerequisites: [basics/shell.md, DOCKER, version-control, 'the shell ']"),
    })
    graph, problems = prerequisite_graph(site)
    assert problems == []
    assert graph["k8s.md"].before == ("basics/shell.md", "docker.md", "git.md")
    assert graph["docker.md"].next_up == ("k8s.md",)
    assert graph["basics/shell.md"].next_up == ("k8s.md",)


def test_series_order_links_neighbouring_parts(tmp_path):
    site, _ = load(tmp_path, {
        "a.md": article("One", series="Path", weight=1),
        "b.md": article("Two", "prerequisites: extra", series="Path", weight=2),
        "c.md": article("Three", series="Path", weight=3),
        "extra.md": article("Extra"),
    })
    graph, problems = prerequisite_graph(site)
    assert problems == []
    assert graph["b.md"].before == ("extra.md", "a.md")
    assert graph["b.md"].declared == ("extra.md",)
    assert graph["b.md"].next_up == ("c.md",)
    assert graph["a.md"].before == () and graph["c.md"].next_up == ()
    assert graph["extra.md"].next_up == ("b.md",)


def test_unknown_ambiguous_self_and_malformed_references_are_warnings(tmp_path):
    site, root = load(tmp_path, {
        "x/intro.md": article("Intro X"),
        "y/intro.md": article("Intro Y"),
        "a.md": article("A", "prerequisites: [nowhere, intro, a]"),
        "b.md": article("B", "prerequisites: {oops: 1}"),
    })
    _, problems = prerequisite_graph(site)  # lines: each article's `prerequisites` key
    assert [str(p) for p in problems] == [
        f"{root / 'a.md'}:3: warning: unknown prerequisite 'nowhere'",
        f"{root / 'a.md'}:3: warning: prerequisite 'intro' may mean x/intro.md, y/intro.md; write its path",
        f"{root / 'a.md'}:3: warning: prerequisite 'a' is this article itself",
        f"{root / 'b.md'}:3: warning: prerequisites must be a list of article paths, slugs or titles",
    ]


def test_a_cycle_is_reported_once_and_nothing_loops(tmp_path):
    site, root = load(tmp_path, {
        "a.md": article("A", "prerequisites: [c]"),
        "b.md": article("B", "prerequisites: [a]"),
        "c.md": article("C", "prerequisites: [b]"),
    })
    graph, problems = prerequisite_graph(site)
    # standalone articles read newest first, then by title from the end: C is first
    assert [str(p) for p in problems] == [
        f"{root / 'c.md'}:3: warning: prerequisites form a cycle: "
        f"{root / 'c.md'} -> {root / 'b.md'} -> {root / 'a.md'} -> {root / 'c.md'}"
    ]
    assert graph["a.md"].before == ("c.md",) and graph["a.md"].next_up == ("b.md",)


def test_cycles_in_a_long_chain_do_not_exhaust_the_stack():
    edges = {str(n): [str(n + 1)] for n in range(5000)}
    edges["5000"] = ["0"]
    order = {str(n): n for n in range(5001)}
    [cycle] = find_cycles(edges, order)
    assert len(cycle) == 5001 and cycle[0] == "0"
