"""`build` and `check` name the same path:line for the same problem, at the line where the
author wrote it (the front-matter key, the bad byte), never line 1 by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import write_files
from roadmap_site.commands.build import build
from roadmap_site.commands.check import check_site
from roadmap_site.errors import BuildFailed


def built(root: Path) -> list[str]:
    """What the build reports: its errors when it fails, else its warnings."""
    try:
        problems = build(root, root / "out").warnings
    except BuildFailed as failed:
        problems = failed.problems
    return sorted(str(p).replace(f"{root}/", "") for p in problems)


def checked(root: Path) -> list[str]:
    return sorted(str(p).replace(f"{root}/", "") for p in check_site(root))


def both(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    root = write_files(tmp_path / "site", files)
    from_build, from_check = built(root), checked(root)
    assert from_build == from_check
    return from_build


def test_an_unknown_prerequisite_at_the_line_of_its_key(tmp_path):
    assert both(tmp_path, {
        "content/a.md": "---\ntitle: A\ndescription: d\ntags: [x]\nprerequisites:\n  - nowhere\n---\nText.\n",
    }) == ["content/a.md:5: warning: unknown prerequisite 'nowhere'"]


def test_a_prerequisite_cycle_at_the_line_of_its_first_articles_key(tmp_path):
    assert both(tmp_path, {
        "content/a.md": "---\ntitle: A\ndescription: d\nprerequisites: [b]\n---\nText.\n",
        "content/b.md": "---\ntitle: B\ndescription: d\ndate: 2024-01-01\n\nprerequisites: [a]\n---\nText.\n",
    }) == ["content/b.md:6: warning: prerequisites form a cycle: content/b.md -> content/a.md -> content/b.md"]


@pytest.mark.parametrize("key", ["aliases", "redirect_from"])
def test_a_bad_alias_at_the_line_of_its_key(tmp_path, key):
    assert both(tmp_path, {
        "content/a.md": f"---\ntitle: A\ndescription: d\n{key}:\n  - /fine/\n  - https://evil.example/x/\n---\nText.\n",
    }) == ["content/a.md:4: alias 'https://evil.example/x/' is not a path on this site; write it as /folder/page/"]


def test_a_decode_error_at_the_line_of_the_bad_byte(tmp_path):
    assert both(tmp_path, {
        "content/a.md": b"---\ntitle: A\ndescription: d\n---\n\xe2\x82\xac is fine\nbut \xff is not\n",
    }) == ["content/a.md:6: this file is not UTF-8 text (byte 0xff); save it as UTF-8"]


def test_difficulty_and_part_numbers_at_the_lines_of_their_keys(tmp_path):
    part = "---\ntitle: {title}\ndescription: d\nseries: Path\n# a comment\npart: {n}\nlevel: Wizard\n---\nText.\n"
    root = write_files(tmp_path / "site", {
        "content/one.md": part.format(title="One", n=1),
        "content/three.md": part.format(title="Three", n=3),
        "content/again.md": part.format(title="Again", n=3),
    })
    from_build = [  # "Again" reads before "Three": the later of the two is the duplicate
        "content/again.md:7: warning: unknown difficulty 'Wizard'",
        "content/one.md:7: warning: unknown difficulty 'Wizard'",
        "content/three.md:6: warning: part 3 of series 'Path' is also content/again.md; both are kept, ordered by date and title",
        "content/three.md:7: warning: unknown difficulty 'Wizard'",
    ]
    assert built(root) == from_build
    # a gap in the numbering is the roadmap's shape, which only `check` judges
    assert checked(root) == sorted([*from_build, "content/again.md:6: warning: series 'Path' has no part 2 before part 3"])


def test_a_part_number_in_the_title_is_reported_at_the_titles_line(tmp_path):
    part = '---\ndescription: d\nseries: Path\ntitle: "{title}"\n---\nText.\n'
    root = write_files(tmp_path / "site", {
        "content/one.md": part.format(title="Part 1: Start"),
        "content/three.md": part.format(title="Part 3: Later"),
        "content/again.md": part.format(title="Part 3: Again"),
    })
    duplicate = "content/three.md:4: warning: part 3 of series 'Path' is also content/again.md; both are kept, ordered by date and title"
    assert built(root) == [duplicate]
    assert checked(root) == [
        "content/again.md:4: warning: series 'Path' has no part 2 before part 3",
        duplicate,
    ]


def test_toml_and_json_front_matter_report_their_keys_lines(tmp_path):
    assert both(tmp_path, {
        "content/a.md": '+++\ntitle = "A"\ndescription = """\nprerequisites = 1\n"""\nprerequisites = ["nowhere"]\n'
                        '[params]\naliases = 2\n+++\nText.\n',
        "content/b.md": '{\n  "title": "B",\n  "description": "d",\n  "extra": {"aliases": 1},\n'
                        '  "aliases": ["https://evil.example/"]\n}\nText.\n',
    }) == [
        "content/a.md:6: warning: unknown prerequisite 'nowhere'",
        "content/b.md:5: alias 'https://evil.example/' is not a path on this site; write it as /folder/page/",
    ]


def test_a_number_too_long_in_json_front_matter_is_an_error_not_a_crash(tmp_path):
    [problem] = both(tmp_path, {"content/a.md": '{"title": "A", "n": ' + "1" * 5000 + "}\nText.\n"})
    assert problem.startswith("content/a.md:1: front matter could not be read: Exceeds the limit")
