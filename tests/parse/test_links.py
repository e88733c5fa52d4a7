"""Links, URLs and assets as authors write them: a folder of Markdown that links through
.md files and relative images, with repeated names and non-ASCII paths."""

import re

import pytest

from helpers import h1, write_files
from linkcheck import broken_links
from roadmap_site.commands.build import build
from roadmap_site.errors import BuildFailed

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

BOOK = {
    "content/linux/tar.md": """
        # tar on Linux

        ## Usage

        See [the macOS page](../osx/tar.md#usage), [chapter 2][ch2] and
        <a href="../book/ch02-data-types.md#numbers">raw HTML</a>.

        ![flow](../assets/docker-flow.png)
        ![local](img/shot.png)

        [ch2]: /book/ch02-data-types.md
        """,
    "content/linux/img/shot.png": PNG,
    "content/osx/tar.md": "# tar on macOS\n\n## Usage\n\nBack to [Linux](../linux/tar.md).\n",
    "content/book/ch01-intro.md": """
        ## Introduction

        Next: [Data types](ch02-data-types.md). Same page: [below](#later).

        ### Later
        """,
    "content/book/ch02-data-types.md": "## Data Types\n\n### Numbers\n\nSee [the intro](ch01-intro.md#introduction).\n",
    "content/assets/docker-flow.png": PNG,
    "content/ελληνικά/μάθημα.md": "# Μάθημα\n\n[기초](../한국어/기초.md)\n",
    "content/한국어/기초.md": "---\ntitle: 기초\naliases: [/old/korean/, /legacy.html]\n---\n## 시작\n\n[Ελληνικά](../ελληνικά/μάθημα.md)\n",
    "content/moved.md": "---\ntitle: Moved\nurl: /custom/place/\n---\nText.\n",
}


@pytest.mark.parametrize("base_url, base_path", [(None, "/"), ("https://user.github.io/repo/", "/repo/")])
def test_every_link_and_image_resolves_at_the_root_and_under_a_subpath(tmp_path, base_url, base_path):
    root = write_files(tmp_path / "site", BOOK)
    report = build(root, base_url=base_url)
    out = report.out_dir
    assert report.warnings == []
    assert broken_links(out, base_path=base_path) == []
    linux = (out / "linux/tar/index.html").read_text()
    suffix = "" if base_url else "index.html"
    assert f'href="../../osx/tar/{suffix}#usage"' in linux
    assert f'href="../../book/ch02-data-types/{suffix}"' in linux  # reference-style, content-absolute
    assert f'<a href="../../book/ch02-data-types/{suffix}#numbers">raw HTML</a>' in linux
    assert 'src="../../assets/docker-flow.png"' in linux and 'src="../img/shot.png"' in linux
    assert (out / "assets/docker-flow.png").read_bytes() == PNG
    assert (out / "linux/img/shot.png").read_bytes() == PNG


def test_equal_file_names_in_different_folders_do_not_collide(tmp_path):
    out = build(write_files(tmp_path / "site", BOOK)).out_dir
    assert h1((out / "linux/tar/index.html").read_text()) == "tar on Linux"
    assert h1((out / "osx/tar/index.html").read_text()) == "tar on macOS"


def test_titles_come_from_the_first_heading_of_any_level_and_are_not_repeated(tmp_path):
    out = build(write_files(tmp_path / "site", BOOK)).out_dir
    chapter = (out / "book/ch02-data-types/index.html").read_text()
    assert h1(chapter) == "Data Types"
    assert chapter.count(">Data Types<") == 1


def test_non_ascii_paths_are_utf8_on_disk_and_percent_encoded_in_links(tmp_path):
    out = build(write_files(tmp_path / "site", BOOK)).out_dir
    greek = out / "ελληνικά/μάθημα/index.html"
    assert greek.is_file() and (out / "한국어/기초/index.html").is_file()
    html = greek.read_text()
    assert 'href="../../%ED%95%9C%EA%B5%AD%EC%96%B4/%EA%B8%B0%EC%B4%88/index.html"' in html


def test_aliases_write_redirect_pages_inside_the_output(tmp_path):
    out = build(write_files(tmp_path / "site", BOOK), base_url="https://user.github.io/repo/").out_dir
    redirect = (out / "old/korean/index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../../%ED%95%9C%EA%B5%AD%EC%96%B4/%EA%B8%B0%EC%B4%88/">' in redirect
    assert '<link rel="canonical" href="https://user.github.io/repo/%ED%95%9C%EA%B5%AD%EC%96%B4/%EA%B8%B0%EC%B4%88/">' in redirect
    assert '<a href="../../%ED%95%9C%EA%B5%AD%EC%96%B4/%EA%B8%B0%EC%B4%88/">기초</a>' in redirect
    assert (out / "legacy.html").is_file()


def test_url_front_matter_and_a_site_wide_pattern(tmp_path):
    site = {**BOOK, "roadmap.yml": "permalink: /:year/:section/:slug/\n",
            "content/dated.md": "---\ntitle: Dated\ndate: 2023-7-12\n---\nText.\n"}
    out = build(write_files(tmp_path / "site", site)).out_dir
    assert (out / "custom/place/index.html").is_file()  # url wins over the pattern
    assert (out / "2023/dated/index.html").is_file()
    assert (out / "linux/tar/index.html").is_file()  # undated: the year leaves no empty segment


def test_a_pattern_that_makes_two_pages_share_a_path_is_an_error(tmp_path):
    site = {**BOOK, "roadmap.yml": "permalink: /:slug/\n"}
    with pytest.raises(BuildFailed) as failed:
        build(write_files(tmp_path / "site", site))
    [problem] = [p for p in failed.value.problems if p.severity == "error"]
    assert problem.path.endswith("osx/tar.md")
    assert re.search(r"writes tar/index.html, which .*linux/tar.md:1 also writes", problem.message)


@pytest.mark.parametrize("url", ["/../../etc/", "https://evil.example/x/", "/a%2F..%2F..%2Fb/", "/a\\\\b/"])
def test_a_url_outside_the_site_is_refused_at_its_line(tmp_path, url):
    root = write_files(tmp_path / "site", {"content/a.md": f'---\ntitle: A\nurl: "{url}"\n---\nText.\n'})
    with pytest.raises(BuildFailed) as failed:
        build(root, out_dir=tmp_path / "out")
    [problem] = failed.value.problems
    assert (problem.path.endswith("a.md"), problem.line) == (True, 3)
    assert not (tmp_path / "out").exists()


def test_an_alias_over_a_real_page_is_an_error_naming_both(tmp_path):
    root = write_files(tmp_path / "site", {"content/a.md": "# A\n", "content/b.md": "---\ntitle: B\naliases: [/a/]\n---\nB\n"})
    with pytest.raises(BuildFailed) as failed:
        build(root)
    [problem] = failed.value.problems
    assert (problem.path.endswith("b.md"), problem.line) == (True, 3) and problem.message.endswith("a.md:1 also writes")


def test_missing_targets_and_anchors_are_warnings_naming_the_line(tmp_path):
    root = write_files(tmp_path / "site", {
        "content/a.md": "# A\n\n## Real\n\n[gone](missing.md)\n\n[bad anchor](b.md#nope) [self](#nowhere) [ok](#real)\n",
        "content/b.md": "# B\n\n![pic](img/none.png)\n",
    })
    report = build(root)
    a, b = root / "content/a.md", root / "content/b.md"
    assert sorted(map(str, report.warnings)) == sorted([
        f"{a}:5: warning: link to 'missing.md' does not resolve",
        f"{a}:7: warning: link to 'b.md#nope': b.md has no heading 'nope'",
        f"{a}:7: warning: link to '#nowhere': there is no heading 'nowhere' on this page",
        f"{b}:3: warning: image 'img/none.png' not found",
    ])
    assert 'href="missing.md"' in (report.out_dir / "a/index.html").read_text()  # left as written
