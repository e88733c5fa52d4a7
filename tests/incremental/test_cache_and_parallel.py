"""The build cache and the worker processes never change what a build produces."""

from pathlib import Path

import pytest

from helpers import write_files
from roadmap_site.commands.build import build
from roadmap_site.incremental.cache import SNAPSHOT, cache_folder


def corpus(count: int) -> dict[str, str]:
    files = {"roadmap.yml": "title: Cache test\nsearch: false  # the search index is not ours to compare\n"}
    for number in range(1, count + 1):
        series = f"Track {number % 3}"
        files[f"content/track-{number % 3}/part-{number}.md"] = f"""
            ---
            title: "Part {number}"
            date: 2024-01-{number % 28 + 1:02d}
            series: ["{series}"]
            weight: {number}
            tags: [t{number % 5}]
            ---
            ## Intro

            Text {number}. See [the next](part-{number + 3}.md#intro).

            ### Topic {number}
            **Difficulty**: {("Beginner", "Intermediate", "Advanced")[number % 3]}

            - objective

            ```python
            print({number})
            ```
            """
    return files


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def clean_build(root: Path, tmp_path: Path, **options) -> dict[str, bytes]:
    out = tmp_path / "clean-out"
    build(root, out_dir=out, clean=True, **options)
    return snapshot(out)


def test_parallel_and_serial_builds_are_byte_identical(tmp_path, monkeypatch):
    from roadmap_site.parse import parallel
    from roadmap_site.output import making

    monkeypatch.setattr(making, "PARALLEL_FROM", 10)  # so that 60 articles' pages are made by workers too
    root = write_files(tmp_path / "site", corpus(60))
    assert len(corpus(60)) > parallel.PARALLEL_FROM  # and parsed by workers
    build(root, out_dir=tmp_path / "serial", workers=1, clean=True)
    build(root, out_dir=tmp_path / "parallel", workers=2, clean=True)
    serial, parallel = snapshot(tmp_path / "serial"), snapshot(tmp_path / "parallel")
    assert len(serial) > 60 and serial == parallel


@pytest.mark.parametrize(
    "change",
    [
        "edit article", "edit series neighbour", "edit template", "edit config", "delete article",
        "add linked article", "edit static file", "add content file", "delete output page",
    ],
)
def test_the_cache_never_serves_a_stale_page(tmp_path, change):
    root = write_files(tmp_path / "site", corpus(12))
    out = tmp_path / "out"
    build(root, out_dir=out, workers=1)
    assert any(cache_folder(root).iterdir())
    assert sorted(p.name for p in root.iterdir()) == ["content", "roadmap.yml"]  # nothing added to the site
    content = root / "content"
    if change == "edit article":
        (content / "track-1/part-4.md").write_text((content / "track-1/part-4.md").read_text().replace("Text 4.", "Changed words."))
    elif change == "edit series neighbour":
        (content / "track-1/part-7.md").write_text((content / "track-1/part-7.md").read_text().replace('"Part 7"', '"Renamed"'))
    elif change == "edit template":
        write_files(root, {"templates/404.html": "my 404 {{ site.title }}"})
    elif change == "edit config":
        (root / "roadmap.yml").write_text("title: Another title\nsearch: false\n")
    elif change == "delete article":
        (content / "track-2/part-5.md").unlink()
    elif change == "edit static file":
        write_files(root, {"static/assets/style.css": "body { color: teal }"})
    elif change == "add content file":
        write_files(root, {"content/track-1/diagram.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    elif change == "delete output page":
        (out / "track-2/part-5/index.html").unlink()
    else:  # part-12 links to part-15, which did not exist: the link must now resolve
        write_files(root, {"content/track-0/part-15.md": "---\ntitle: Fifteen\n---\n## Intro\n"})
    again = build(root, out_dir=out, workers=1)
    assert not again.up_to_date
    assert snapshot(out) == clean_build(root, tmp_path, workers=1)
    if change == "edit series neighbour":
        assert b"Renamed" in snapshot(out)["track-1/part-4/index.html"]
    if change == "add linked article":
        assert b'href="../part-15/index.html#intro"' in snapshot(out)["track-0/part-12/index.html"]


def test_a_build_with_nothing_changed_does_nothing_and_repeats_the_warnings(tmp_path):
    files = corpus(6)
    files["content/track-1/part-1.md"] += "\n[missing](nowhere.md)\n"
    root = write_files(tmp_path / "site", files)
    out = tmp_path / "out"
    first = build(root, out_dir=out)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    again = build(root, out_dir=out)
    assert again.up_to_date and not first.up_to_date
    assert (again.articles, again.pages) == (first.articles, first.pages)
    assert [str(p) for p in again.warnings] == [str(p) for p in first.warnings] and "nowhere.md" in str(again.warnings)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before
    assert not build(root, out_dir=tmp_path / "elsewhere").up_to_date  # recorded per output folder
    assert not build(root, out_dir=out, clean=True).up_to_date
    assert not build(root, out_dir=out, base_url="https://example.org/").up_to_date


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign pickle", "sealed by another key"])
def test_a_corrupted_or_foreign_cache_is_ignored(tmp_path, damage):
    import hashlib
    import hmac
    import pickle

    root = write_files(tmp_path / "site", corpus(6))
    out = tmp_path / "out"
    build(root, out_dir=out)
    snapshot_file = cache_folder(root) / SNAPSHOT
    sealed = snapshot_file.read_bytes()
    foreign = pickle.dumps({"something": "else"})
    snapshot_file.write_bytes({
        "garbage": b"not a pickle",
        "truncated": sealed[: len(sealed) // 2],
        "foreign pickle": foreign,
        "sealed by another key": hmac.new(b"k" * 32, foreign, hashlib.sha256).digest() + foreign,
    }[damage])
    (content := root / "content/track-1/part-1.md").write_text(content.read_text().replace("Text 1.", "New text."))
    report = build(root, out_dir=out)
    assert report.articles == 6 and snapshot(out) == clean_build(root, tmp_path)
    assert snapshot_file.read_bytes() != sealed  # written anew


def test_a_cache_that_cannot_be_written_is_done_without(tmp_path):
    root = write_files(tmp_path / "site", corpus(3))
    cache_folder(root).parent.mkdir(parents=True, exist_ok=True)
    cache_folder(root).write_text("a file where the cache folder would be")
    first = build(root, out_dir=tmp_path / "out")
    assert first.articles == 3
    assert snapshot(tmp_path / "out") == clean_build(root, tmp_path)
    again = build(root, out_dir=tmp_path / "out")  # nothing was recorded, so nothing is known to be up to date
    assert not again.up_to_date and (again.written, again.removed) == ([], [])
    assert cache_folder(root).read_text() == "a file where the cache folder would be"


def test_a_rebuild_rewrites_only_what_changed(tmp_path):
    root = write_files(tmp_path / "site", corpus(12))
    out = tmp_path / "out"
    first = build(root, out_dir=out, workers=1)
    again = build(root, out_dir=out, workers=1)
    assert (again.written, again.removed) == ([], [])
    page = root / "content/track-1/part-4.md"
    page.write_text(page.read_text().replace("Text 4.", "Other words."))
    edited = build(root, out_dir=out, workers=1)
    assert first.pages == edited.pages == len([p for p in snapshot(out) if p.endswith(".html")])
    articles_written = [path for path in edited.written if path.startswith("track-")]
    assert articles_written == ["track-1/part-4/index.html"]
    # Made again: the page itself and the listings that show it; kept: those that do not.
    assert {"track-1/part-4/index.html", "series/track-1/index.html", "tags/t4/index.html"} <= set(edited.made)
    assert not {"series/track-0/index.html", "tags/t0/index.html", "track-0/part-3/index.html"} & set(edited.made)
    assert snapshot(out) == clean_build(root, tmp_path, workers=1)


def test_an_edit_that_keeps_the_summary_and_the_reading_minutes_remakes_no_listing_page(tmp_path):
    files = {**corpus(12), "roadmap.yml": "title: Cache test\nbase_url: https://example.org/\nsearch: false\n"}
    root = write_files(tmp_path / "site", files)
    out = tmp_path / "out"
    build(root, out_dir=out, workers=1)
    page = root / "content/track-1/part-4.md"
    page.write_text(page.read_text() + "\nA closing sentence of a few more words.\n")
    edited = build(root, out_dir=out, workers=1)
    # The page itself, and the feeds that carry its whole text; no listing, sitemap or roadmap.json.
    made = sorted(path for path in edited.made if path.endswith((".html", "atom.xml", "sitemap.xml", "roadmap.json")))
    assert made == ["atom.xml", "series/track-1/atom.xml", "track-1/part-4/index.html"], made
    assert snapshot(out) == clean_build(root, tmp_path, workers=1)


def test_a_series_reads_in_the_sum_of_its_parts_minutes(tmp_path):
    words = " ".join(["word"] * 330)  # 1.5 minutes: rounds to 2, where the sum of two would round to 3
    files = {"roadmap.yml": "title: Minutes\nsearch: false\n"}
    for number in (1, 2):
        files[f"content/p{number}.md"] = f"---\ntitle: Part {number}\nseries: [Long read]\n---\n{words}\n"
    build(write_files(tmp_path / "site", files), out_dir=tmp_path / "out", workers=1)
    series_page = (tmp_path / "out/series/long-read/index.html").read_text()
    assert series_page.count("2 min read") == 2
    assert "4 min" in series_page


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("template, line, message", [
    ("{% extends 'base.html' %}\n{% block main %}\n<p>{{ article.title }}</p>\n<p>{{ no_such_thing }}</p>\n{% endblock %}\n",
     4, "'no_such_thing' is undefined"),
    ("{% extends 'base.html' %}\n{% block main %}\n{% if %}\n{% endblock %}\n", 3, "Expected an expression"),
])
def test_a_broken_site_template_is_one_error_at_its_line_and_changes_nothing(tmp_path, monkeypatch, workers, template, line, message):
    from roadmap_site.output import making
    from roadmap_site.errors import BuildFailed

    monkeypatch.setattr(making, "PARALLEL_FROM", 10)
    root = write_files(tmp_path / "site", corpus(30))
    out = tmp_path / "out"
    build(root, out_dir=out, workers=workers)
    before = snapshot(out)
    write_files(root, {"templates/article.html": template})
    with pytest.raises(BuildFailed) as failed:
        build(root, out_dir=out, workers=workers)
    [problem] = failed.value.problems
    assert (problem.path, problem.line) == (str(root / "templates/article.html"), line)
    assert message in problem.message and "(making track-" in problem.message
    assert snapshot(out) == before and not (out / ".roadmap-site-staging").exists()


def test_a_few_edits_write_only_the_journal_and_many_rewrite_the_snapshot(tmp_path):
    from roadmap_site.incremental.cache import JOURNAL

    root = write_files(tmp_path / "site", corpus(24))
    out = tmp_path / "out"
    build(root, out_dir=out)
    folder = cache_folder(root)
    first_snapshot = (folder / SNAPSHOT).read_bytes()
    part = root / "content/track-1/part-4.md"
    part.write_text(part.read_text().replace("Text 4.", "Edited once."))
    build(root, out_dir=out)
    assert (folder / SNAPSHOT).read_bytes() == first_snapshot and (folder / JOURNAL).is_file()
    assert snapshot(out) == clean_build(root, tmp_path)
    (folder / JOURNAL).write_bytes(b"damaged")  # ignored: the article it held is parsed again
    other = root / "content/track-2/part-5.md"
    other.write_text(other.read_text().replace("Text 5.", "Edited too."))
    build(root, out_dir=out)
    assert snapshot(out) == clean_build(root, tmp_path)
    for number in range(1, 9):  # more than an eighth of the articles change
        page = root / f"content/track-{number % 3}/part-{number}.md"
        page.write_text(page.read_text().replace(f"Text {number}.", f"Edited {number}."))
    build(root, out_dir=out)
    assert (folder / SNAPSHOT).read_bytes() != first_snapshot and not (folder / JOURNAL).exists()
    assert snapshot(out) == clean_build(root, tmp_path)
