"""benchmarks/conversion.py and its lines in run.py: Markdown conversion timed alone."""

from __future__ import annotations

import importlib.util
import sys
import types

from helpers import REPO
from roadmap_site.parse.markdown import MarkdownRenderer


def _load(name: str):
    """A benchmark script as a module; they import corpus.py from their own folder."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location(f"benchmark_{name}", REPO / "benchmarks" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(REPO / "benchmarks"))


conversion = _load("conversion")
run = _load("run")
corpus = sys.modules["corpus"]


def test_times_every_article_and_the_large_one_without_problems(tmp_path):
    site = corpus.generate(tmp_path / "site", 10)
    figures = conversion.measure(site, large_bytes=20_000)
    assert figures["articles"] == 10
    assert figures["problem_count"] == 0, figures["problems"]
    assert 15_000 < figures["large_bytes"] < 25_000
    assert 3_000 < figures["article_bytes"] < 7_000
    assert figures["per_article_ms"] > 0 and figures["per_article_s_per_mb"] > 0 and figures["large_s_per_mb"] > 0
    assert figures["large_s_per_mb"] == figures["large_seconds"] / (figures["large_bytes"] / 1e6)


def test_the_new_engines_renderer_is_taken_first_the_old_one_otherwise(monkeypatch):
    assert conversion.renderer_class() == (MarkdownRenderer, "roadmap_site.parse.markdown.MarkdownRenderer")
    old = types.ModuleType("roadmap_site.parse.markup")
    old.MarkdownRenderer = type("MarkdownRenderer", (), {})
    monkeypatch.setitem(sys.modules, "roadmap_site.parse.markdown", None)  # as in a tree from before the switch
    monkeypatch.setitem(sys.modules, "roadmap_site.parse.markup", old)
    assert conversion.renderer_class() == (old.MarkdownRenderer, "roadmap_site.parse.markup.MarkdownRenderer")


def test_the_table_has_the_conversion_lines_and_none_when_nothing_was_measured():
    measured = {"renderer": "x.MarkdownRenderer", "articles": 8, "article_bytes": 4600.0, "large_bytes": 999_000,
                "per_article_ms": 4.0, "per_article_s_per_mb": 0.87, "large_s_per_mb": 0.9}
    result = run.SizeResult(8, 2)
    result.conversion = [measured, {**measured, "per_article_ms": 6.0}]
    assert run.conversion_rows(result) == [
        ("8", "Markdown conversion per article (ms)", "5.00", "-", ""),
        ("8", "  the same per MB of Markdown (s per MB)", "0.87", "-", ""),
        ("8", "one large article (s per MB)", "0.90", "-", ""),
    ]
    assert run.conversion_note(result)[-1].endswith("of body, Pygments included; Hugo: - (its conversion is part of its build)")
    assert run.conversion_rows(run.SizeResult(8, 1)) == []
