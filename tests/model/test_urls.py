"""Output paths and links, for the file system, a domain root and a subpath."""

import pytest

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
