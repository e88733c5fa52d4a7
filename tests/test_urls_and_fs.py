import json

import pytest

from roadmap_site.output.fs import MANIFEST, UnsafePath, check_output_path, write_site
from roadmap_site.model.urls import Linker, article_path, slugify


@pytest.mark.parametrize(
    "key, slug, path",
    [
        ("linux/tar.md", None, "linux/tar/index.html"),
        ("osx/tar.md", None, "osx/tar/index.html"),
        ("Docker Basics.markdown", None, "docker-basics/index.html"),
        ("a/b.md", "My Slug", "a/my-slug/index.html"),
        ("a/b.md", "../../etc/passwd", "a/etc-passwd/index.html"),
        ("a/b.md", "..", "a/b/index.html"),
        ("..x/b.md", None, "x/b/index.html"),
        ("그리스/Ελληνικά.md", None, "그리스/ελληνικά/index.html"),
    ],
)
def test_article_paths_mirror_the_content_tree_and_stay_inside(key, slug, path):
    assert article_path(key, slug) == path


def test_slugify_keeps_letters_of_every_script():
    assert slugify("Docker & Kubernetes: 101") == "docker-kubernetes-101"
    assert slugify("기초 문법") == "기초-문법"
    assert slugify("!!!") == ""


@pytest.mark.parametrize(
    "page, target, base_url, link",
    [
        ("a/b/index.html", "c/index.html", None, "../../c/index.html"),
        ("a/b/index.html", "index.html", None, "../../index.html"),
        ("index.html", "index.html", None, "index.html"),
        ("a/b/index.html", "c/index.html", "https://u.github.io/repo/", "../../c/"),
        ("a/b/index.html", "index.html", "https://u.github.io/repo/", "../../"),
        ("index.html", "index.html", "https://u.github.io/repo/", "./"),
        ("a/index.html", "a/index.html", "https://u.github.io/repo/", "./"),
        ("index.html", "ελληνικά/index.html", None, "%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/index.html"),
    ],
)
def test_links_are_relative(page, target, base_url, link):
    assert Linker(page, base_url)(target) == link


def test_the_404_page_links_from_the_root_of_the_base_path():
    linker = Linker("404.html", "https://u.github.io/repo", absolute=True)
    assert linker("tags/index.html") == "/repo/tags/"
    assert linker.asset("assets/style.css") == "/repo/assets/style.css"
    assert Linker("404.html", None, absolute=True)("tags/index.html") == "/tags/index.html"
    assert Linker("a/index.html", None)("b/index.html", "part 2") == "../b/index.html#part%202"


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../x", "a/../../x", "a\\b", "a\x00", "C:/x", ".", "a/./b"])
def test_unsafe_output_paths_are_refused(path):
    with pytest.raises(UnsafePath):
        check_output_path(path)


def test_write_site_rewrites_only_what_changed_and_removes_only_its_own_files(tmp_path):
    out = tmp_path / "out"
    assert write_site(out, {"a.html": b"1", "d/b.html": b"2", "k.html": b"k"}, {"a.html": "f1"}) == (
        ["a.html", "d/b.html", "k.html"], [])
    (out / "user.txt").write_text("mine")
    written = write_site(out, {"a.html": b"1", "c.html": b"3"}, {"a.html": "f2"}, kept=frozenset({"k.html"}))
    assert written == (["c.html"], ["d/b.html"])
    assert not (out / "d").exists()  # the emptied folder went with it
    assert (out / "user.txt").read_text() == "mine" and (out / "k.html").read_text() == "k"
    assert json.loads((out / MANIFEST).read_text()) == {"a.html": "f2", "c.html": None, "k.html": None}


def test_a_tampered_manifest_never_deletes_outside_the_output(tmp_path):
    out = tmp_path / "out"
    write_site(out, {"a.html": b"1"}, {})
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (out / MANIFEST).write_text(json.dumps(["../victim.txt", "/etc/hostname", "a.html"]))
    write_site(out, {"b.html": b"2"}, {})
    assert victim.read_text() == "keep"
    assert not (out / "a.html").exists()
