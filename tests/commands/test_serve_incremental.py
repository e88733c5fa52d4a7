"""The dev server's event-driven rebuilds never leave a page stale: after every kind of
change, with the paths its events named (or with the events lost), the preview's folder
holds exactly what a clean build of the same files makes. An edit that leaves an article's
place in the site as it was is made at once from the last build's site (the quick page);
the build that follows makes the same bytes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from helpers import write_files
from roadmap_site.commands.build import build
from roadmap_site.commands.serve.livereload import ReloadChannel
from roadmap_site.commands.serve.rebuild import Rebuilder

QUICK = re.compile(r"remade (.+) in \d+ ms, reloading it")
SERIES = ("Track", "Other track")


def article(number: int, text: str = "", title: str = "", series: str = "Track", tags: str = "t1") -> str:
    return (
        f"---\ntitle: \"{title or f'Part {number}'}\"\ndate: 2024-01-{number:02d}\nseries: [\"{series}\"]\n"
        f"weight: {number}\ntags: [{tags}]\n---\n## Intro\n\nText of part {number}. {text}\n\n"
        f"See [the first](part-1.md#intro).\n\n### Topic {number}\n**Difficulty**: Beginner\n\n- an objective\n"
    )


def files() -> dict[str, str]:
    return {
        "roadmap.yml": "title: Serve test\nsearch: false\n",
        **{f"content/track/part-{n}.md": article(n) for n in range(1, 5)},
        "content/about.md": "---\ntitle: About\n---\nAbout this roadmap.\n",
    }


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


class Preview:
    """A Rebuilder building a site into a folder, as the dev server does, given the paths
    each change's events would name."""

    def __init__(self, root: Path, out: Path):
        self.root, self.out, self.lines = root, out, []
        self.builder = Rebuilder(root, out, ReloadChannel(), lambda *_: None, self.lines.append)
        self.builder.rebuild(first=True)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def rebuild(self, *paths: Path) -> list[str]:
        """Rebuild for events naming `paths`; the pages made at once."""
        said = len(self.lines)
        self.builder.rebuild(first=False, changed=frozenset(p.absolute() for p in paths))
        return [path for line in self.lines[said:] if (m := QUICK.fullmatch(line)) for path in m.group(1).split(", ")]


@pytest.fixture
def preview(tmp_path):
    return Preview(write_files(tmp_path / "site", files()), tmp_path / "out")


def clean(preview: Preview, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "clean"
    build(preview.root, out, clean=True, search=False)
    return tree(out)


def same_as_clean(preview: Preview, tmp_path: Path) -> bool:
    mine, theirs = tree(preview.out), clean(preview, tmp_path)
    assert mine.keys() == theirs.keys()
    return mine == theirs


def edit_text(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-2.md", article(2, "A new sentence.")))


def edit_title(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-2.md", article(2, title="Renamed part")))


def edit_neighbour_order(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-3.md", article(3).replace("weight: 3", "weight: 9")))


def edit_tag(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-2.md", article(2, tags="t2")))


def move_to_other_series(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-2.md", article(2, series="Other track")))


def add_article(p: Preview) -> list[str]:
    return p.rebuild(p.write("content/track/part-5.md", article(5)))


def delete_article(p: Preview) -> list[str]:
    path = p.root / "content/track/part-4.md"
    path.unlink()
    return p.rebuild(path)


def rename_article(p: Preview) -> list[str]:
    old, new = p.root / "content/track/part-4.md", p.root / "content/track/part-four.md"
    os.replace(old, new)
    return p.rebuild(old, new)


def delete_linked_article(p: Preview) -> list[str]:  # every other part links to part 1
    path = p.root / "content/track/part-1.md"
    path.unlink()
    return p.rebuild(path)


def edit_template(p: Preview) -> list[str]:
    return p.rebuild(p.write("templates/base.html", (p.root.parent / "base.html").read_text().replace(
        "</body>", "<p>site-wide note</p></body>")))


def edit_config(p: Preview) -> list[str]:
    return p.rebuild(p.write("roadmap.yml", "title: Renamed site\nsearch: false\n"))


def atomic_save(p: Preview) -> list[str]:
    temporary = p.write("content/track/.part-2.md.swp", article(2, "Saved the way editors save."))
    target = p.root / "content/track/part-2.md"
    os.replace(temporary, target)
    return p.rebuild(temporary, target)


def lost_events(p: Preview) -> list[str]:
    p.write("content/track/part-3.md", article(3, "An edit whose events never arrived."))
    p.write("content/track/part-6.md", article(6))
    return p.rebuild()


CHANGES = [edit_text, edit_title, edit_neighbour_order, edit_tag, move_to_other_series, add_article,
           delete_article, rename_article, delete_linked_article, edit_template, edit_config, atomic_save,
           lost_events]


@pytest.mark.parametrize("change", CHANGES, ids=[c.__name__ for c in CHANGES])
def test_after_each_change_the_preview_equals_a_clean_build(preview, tmp_path, change):
    if change is edit_template:  # a copy of the default theme's base template, to edit
        from roadmap_site.layout import find_layout
        bundled = find_layout(preview.root).template_dirs[-1] / "base.html"
        (tmp_path / "base.html").write_text(bundled.read_text(encoding="utf-8"), encoding="utf-8")
    quick = change(preview)
    assert same_as_clean(preview, tmp_path)
    # Only an edit that leaves the article where it was is made at once.
    expected = ["track/part-2/index.html"] if change in (edit_text, atomic_save) else []
    assert quick == expected


def test_a_text_edit_is_made_at_once_with_the_text_of_the_page(preview):
    made = edit_text(preview)
    page = (preview.out / made[0]).read_text(encoding="utf-8")
    assert "A new sentence." in page and "Text of part 2." in page


def test_several_quick_edits_in_a_row_build_on_each_other(preview, tmp_path):
    assert preview.rebuild(preview.write("content/track/part-2.md", article(2, "First."))) == ["track/part-2/index.html"]
    assert preview.rebuild(preview.write("content/track/part-3.md", article(3, "Second."))) == ["track/part-3/index.html"]
    both = preview.rebuild(preview.write("content/track/part-2.md", article(2, "Third.")),
                           preview.write("content/track/part-3.md", article(3, "Fourth.")))
    assert both == ["track/part-2/index.html", "track/part-3/index.html"]
    assert same_as_clean(preview, tmp_path)


def test_a_quick_page_whose_build_then_failed_is_made_again_by_the_next_build(preview, tmp_path):
    """The quick page is written before the build that fails on another file; the record
    of the last good build still holds the page's old fingerprint, which must not be
    trusted once the text goes back to what it was."""
    original = (preview.root / "content/track/part-2.md").read_text(encoding="utf-8")
    edited = preview.write("content/track/part-2.md", article(2, "Briefly different."))
    broken = preview.write("content/about.md", "---\ntitle: [unclosed\n---\nAbout.\n")
    assert preview.rebuild(edited, broken) == ["track/part-2/index.html"]
    assert any("build failed" in line for line in preview.lines)
    preview.write("content/track/part-2.md", original)
    preview.write("content/about.md", files()["content/about.md"])
    preview.rebuild()  # events lost, even: every file is checked
    assert b"Briefly different." not in (preview.out / "track/part-2/index.html").read_bytes()
    assert same_as_clean(preview, tmp_path)


def test_an_edit_that_breaks_the_article_makes_no_quick_page_and_shows_the_error(preview):
    broken = preview.write("content/track/part-2.md", "---\ntitle: [unclosed\n---\nText.\n")
    assert preview.rebuild(broken) == []
    assert any("part-2.md:3: front matter is not valid YAML" in line for line in preview.lines)
