"""`check`: one small site per problem, each reported at its exact file and line."""

import argparse
from pathlib import Path

from helpers import REPO
from roadmap_site.commands.check import check_site, run_check

GOOD = "---\ntitle: Fine\ndescription: Fine.\n---\n## Topic\n\nText.\n"


def shown(root: Path, problems) -> list[str]:
    return [str(p).replace(f"{root}/", "") for p in problems]


def test_a_clean_site_has_nothing_to_report(site):
    assert check_site(site({"content/a.md": GOOD})) == []


def test_broken_link_anchor_and_image(site):
    root = site({
        "content/a.md": "---\ndescription: d\n---\n## Real\n\n[x](#nope) [y](b.md#zzz) [z](gone.md)\n\n![i](img/none.png)\n",
        "content/b.md": GOOD,
    })
    assert shown(root, check_site(root)) == [
        "content/a.md:6: warning: link to '#nope': there is no heading 'nope' on this page",
        "content/a.md:6: warning: link to 'b.md#zzz': b.md has no heading 'zzz'",
        "content/a.md:6: warning: link to 'gone.md' does not resolve",
        "content/a.md:8: warning: image 'img/none.png' not found",
    ]


def test_series_with_a_gap_and_a_duplicate_part(site):
    part = "---\ntitle: {t}\ndescription: d\nseries: Path\nweight: {n}\n---\nText.\n"
    root = site({
        "content/one.md": part.format(t="One", n=1),
        "content/three.md": part.format(t="Three", n=3),
        "content/again.md": part.format(t="Three again", n=3),
    })
    assert shown(root, check_site(root)) == [
        "content/again.md:5: warning: part 3 of series 'Path' is also content/three.md; both are kept, ordered by date and title",
        "content/three.md:5: warning: series 'Path' has no part 2 before part 3",
    ]


def test_unknown_difficulty(site):
    root = site({"content/a.md": "---\ndescription: d\nlevel: Wizard\n---\n## T\n**Difficulty**: Guru\n"})
    assert shown(root, check_site(root)) == [
        "content/a.md:3: warning: unknown difficulty 'Wizard'",
        "content/a.md:6: warning: unknown difficulty 'Guru'; it is kept, ranked after the known levels",
    ]


def test_unknown_prerequisite_and_cycle(site):
    root = site({
        "content/a.md": "---\ntitle: A\ndescription: d\nprerequisites: [b, nowhere]\n---\nText.\n",
        "content/b.md": "---\ntitle: B\ndescription: d\ntags: [x]\nprerequisites:\n  - A\n---\nText.\n",
    })
    assert shown(root, check_site(root)) == [
        "content/a.md:4: warning: unknown prerequisite 'nowhere'",
        "content/b.md:5: warning: prerequisites form a cycle: content/b.md -> content/a.md -> content/b.md",
    ]


def test_article_without_description(site):
    # an article without a description is described by its first paragraph; this one has none
    root = site({"content/a.md": "---\ntitle: A\n---\n- a list, no paragraph\n",
                 "content/b.md": "---\ntitle: B\n---\nA first paragraph describes it.\n"})
    assert shown(root, check_site(root)) == [
        "content/a.md:1: warning: no description: add `description:` to the front matter; "
        "listings, feeds, search results and link previews show it"]


def test_strict_makes_warnings_errors_and_the_exit_code_follows(site, capsys):
    root = site({"content/a.md": "---\ntitle: A\n---\n- a list, no paragraph\n"})
    assert run_check(argparse.Namespace(site_dir=root, strict=False)) == 0
    assert run_check(argparse.Namespace(site_dir=root, strict=True)) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines()[-1] == f"{root}/content/a.md:1: no description: add `description:` to the " \
        "front matter; listings, feeds, search results and link previews show it"
    assert captured.out.splitlines() == [f"checked {root}: 0 error(s), 1 warning(s)", f"checked {root}: 1 error(s), 0 warning(s)"]


def test_front_matter_errors_are_errors_without_strict(site):
    root = site({"content/a.md": "---\ntitle: A\n"})
    assert shown(root, check_site(root)) == ["content/a.md:1: front matter opened with '---' is never closed"]


def test_check_writes_nothing(site):
    root = site({"content/a.md": GOOD})
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    check_site(root, strict=True)
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_the_sample_content_passes_strict():
    assert [str(p) for p in check_site(REPO, strict=True)] == []
