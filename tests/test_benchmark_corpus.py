"""The benchmark corpus: deterministic, in the shape of our articles, and built cleanly."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import yaml
from helpers import REPO
from linkcheck import broken_links
from roadmap_site.commands.build import build


def _load_corpus():
    spec = importlib.util.spec_from_file_location("benchmark_corpus", REPO / "benchmarks" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus()


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_and_another_seed_differs(tmp_path):
    first = _files(corpus.generate(tmp_path / "a", 20, seed=7))
    again = _files(corpus.generate(tmp_path / "b", 20, seed=7))
    other = _files(corpus.generate(tmp_path / "c", 20, seed=8))
    assert len([name for name in first if name.endswith(".md")]) == 20
    assert first == again
    assert first != other


def test_articles_have_the_shape_of_ours(tmp_path):
    root = corpus.generate(tmp_path, 20)
    assert yaml.safe_load((root / "roadmap.yml").read_text())["base_url"] == "https://example.org/"
    series_sizes: dict[str, int] = {}
    for path in sorted((root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, head, body = text.split("---\n", 2)
        meta = yaml.safe_load(head)
        assert isinstance(meta["series"], list) and len(meta["series"]) == 1
        assert path.name == f"part-{meta['weight']}.md"
        assert len(meta["tags"]) == 3 and meta["draft"] is False and meta["title"] and meta["description"]
        series_sizes[meta["series"][0]] = series_sizes.get(meta["series"][0], 0) + 1
        assert 5 <= len(re.findall(r"^\*\*Difficulty\*\*: (?:Beginner|Intermediate|Advanced)$", body, re.M)) <= 8
        assert len(re.findall(r"^\| --- \| --- \| --- \|$", body, re.M)) == 1
        assert re.search(r"^### .+ vs .+\n\n\|", body, re.M)
        assert len(re.findall(r"^```(?:python|go|yaml|bash)$", body, re.M)) == 1
        assert len(re.findall(r"\]\(part-\d+\.md\)", body)) == 2
        assert 3_000 < len(text.encode()) < 7_000
    assert all(8 <= size <= 15 for size in series_sizes.values())


def test_roadmap_site_builds_it_without_warnings_or_broken_links(tmp_path):
    root = corpus.generate(tmp_path / "site", 20)
    report = build(root, out_dir=tmp_path / "out")
    assert report.warnings == []
    assert report.articles == 20
    assert broken_links(tmp_path / "out") == []


def test_the_large_article_is_an_ordinary_body_repeated_to_about_a_megabyte():
    text = corpus.large_article()
    assert text == corpus.large_article() and text != corpus.large_article(seed=1)
    assert 990_000 < len(text.encode()) < 1_010_000
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    assert meta["series"] == [corpus.LARGE_SERIES] and meta["weight"] == corpus.LARGE_PART
    copies = body.count("## Introduction\n")
    assert copies > 150
    assert len(re.findall(r"^```(?:python|go|yaml|bash)$", body, re.M)) == copies
    assert body.count("](part-1.md)") == body.count("](part-3.md)") == copies
    assert len(re.findall(r"^\*\*Difficulty\*\*: ", body, re.M)) >= 5 * copies
    small = corpus.large_article(20_000)
    assert 15_000 < len(small.encode()) < 25_000
