"""`init` makes a site that builds at once; `new` adds the next part of a series, never overwriting."""

import datetime as dt

import pytest

from roadmap_site.commands.build import build
from roadmap_site.commands.check import check_site
from roadmap_site.commands.scaffold import init_site, new_article

DAY = dt.date(2024, 5, 6)


def test_init_writes_a_site_that_builds_and_passes_check(tmp_path):
    root = tmp_path / "my-roadmap"
    paths = init_site(root, today=DAY)
    assert sorted(p.relative_to(root).as_posix() for p in paths) == [
        ".gitignore", "content/first-steps/welcome.md", "roadmap.yml"]
    assert (root / ".gitignore").read_text() == "_site/\n"
    assert 'title: "My Roadmap"' in (root / "roadmap.yml").read_text()
    report = build(root)
    assert report.articles == 1 and not report.sample and report.warnings == []
    assert (report.out_dir / "series/first-steps/index.html").is_file()
    assert check_site(root, strict=True) == []


def test_init_refuses_to_overwrite_and_writes_nothing(tmp_path):
    (tmp_path / "roadmap.yml").write_text("title: Mine\n")
    with pytest.raises(FileExistsError, match="roadmap.yml already exist"):
        init_site(tmp_path, today=DAY)
    assert (tmp_path / "roadmap.yml").read_text() == "title: Mine\n"
    assert not (tmp_path / "content").exists()


def test_new_article_takes_the_next_free_part_number(tmp_path):
    init_site(tmp_path, today=DAY)
    path = new_article(tmp_path, 'Containers: "why" & how', "First Steps", today=DAY)
    assert path == tmp_path / "content/first-steps/containers-why-how.md"
    text = path.read_text()
    assert text.startswith('---\ntitle: "Containers: \\"why\\" & how"\ndate: 2024-05-06\n')
    assert 'series: "First Steps"\nweight: 2\n' in text
    assert "difficulty: Beginner\n" in text and "**Difficulty**: Beginner" in text
    third = new_article(tmp_path, "Third", "first steps", today=DAY)
    assert "weight: 3\n" in third.read_text()
    report = build(tmp_path)
    assert report.warnings == []
    series = (report.out_dir / "series/first-steps/index.html").read_text()
    assert series.index("Welcome to your roadmap") < series.index("Containers") < series.index("Third")


def test_new_article_outside_a_series_and_in_a_new_one(tmp_path):
    init_site(tmp_path, today=DAY)
    lone = new_article(tmp_path, "Lone", today=DAY)
    assert lone == tmp_path / "content/lone.md" and "weight" not in lone.read_text()
    fresh = new_article(tmp_path, "Start", "Brand New", today=DAY)
    assert fresh == tmp_path / "content/brand-new/start.md" and "weight: 1\n" in fresh.read_text()


def test_new_article_refuses_to_overwrite(tmp_path):
    init_site(tmp_path, today=DAY)
    path = new_article(tmp_path, "Once", today=DAY)
    path.write_text("mine")
    with pytest.raises(FileExistsError):
        new_article(tmp_path, "Once", today=DAY)
    assert path.read_text() == "mine"
