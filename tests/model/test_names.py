"""Different names, different URLs: how file, folder, tag and series names become path
segments, each among its siblings."""

import pytest

from roadmap_site.model.urls import ContentNames, Linker, exact_segment, readable_segment, segments, term_paths

PUNCTUATION = ["!", "$", "%", "[", "[[", "{", "}", "~", "((", "#", "?", " ", "&", "^"]


@pytest.mark.parametrize("name, readable", [
    ("Docker Basics", "docker-basics"), ("clang++", "clang++"), ("C#", "c-sharp"), ("F#", "f-sharp"),
    (".NET", "dotnet"), ("Node.js", "node.js"), ("Ελληνικά Κείμενα", "ελληνικά-κείμενα"), ("git-commit", "git-commit"),
    ("[", ""), ("%", ""), ("a: b?", "a-b"), ("((", "(("), ("~", "~"), ("v1.2.", "v1.2"),
])
def test_readable_segments(name, readable):
    assert readable_segment(name) == readable


def test_exact_segments_keep_every_character_apart():
    assert [exact_segment(name) for name in PUNCTUATION] == [
        "!", "$", "%25", "%5B", "%5B%5B", "%7B", "%7D", "~", "((", "%23", "%3F", "%20", "%26", "%5E"]
    assert exact_segment(".hidden") == "%2Ehidden" and exact_segment("Ünïcode") == "ünïcode"


def test_siblings_never_share_a_segment_unless_they_differ_only_in_case():
    names = ["clang", "clang++", *PUNCTUATION, "C", "C++", "C#", "F#", ".NET", "dotnet", "Node.js", "a b", "a-b", "a--b"]
    chosen = segments(names)
    assert len(set(chosen.values())) == len(names)
    assert chosen["a-b"] == "a-b" and chosen["a b"] == "a%20b" and chosen["a--b"] == "a--b"  # the name written that way keeps it
    assert chosen["dotnet"] == "dotnet" and chosen[".NET"] == "%2Enet"
    assert segments(["Clang", "clang"]) == {"Clang": "clang", "clang": "clang"}  # the author's choice: an error later


def test_a_folder_tree_of_odd_names():
    keys = ["common/tar.md", "linux/tar.md", "common/clang.md", "common/clang++.md", "common/[.md", "common/{.md",
            "common/%.md", "common/!.md", "common/a.md", "common/a.txt", "C#/intro.md", "C/intro.md", "그리스/문서.md"]
    names = ContentNames(keys)
    assert {key: "/".join(names.of(key)) for key in keys} == {
        "common/tar.md": "common/tar", "linux/tar.md": "linux/tar", "common/clang.md": "common/clang",
        "common/clang++.md": "common/clang++", "common/[.md": "common/%5B", "common/{.md": "common/%7B",
        "common/%.md": "common/%25", "common/!.md": "common/!", "common/a.md": "common/a", "common/a.txt": "common/a.txt",
        "C#/intro.md": "c-sharp/intro", "C/intro.md": "c/intro", "그리스/문서.md": "그리스/문서",
    }


def test_terms_get_their_own_readable_pages():
    assert term_paths("tags", ["C", "C++", "C#", "F#", ".NET", "Node.js"]) == {
        "C": "tags/c/index.html", "C++": "tags/c++/index.html", "C#": "tags/c-sharp/index.html",
        "F#": "tags/f-sharp/index.html", ".NET": "tags/dotnet/index.html", "Node.js": "tags/node.js/index.html"}


def test_links_encode_only_what_a_url_path_cannot_carry():
    link = Linker("index.html", None)
    assert link("tags/c++/index.html") == "tags/c++/index.html"
    assert link("common/%5B/index.html") == "common/%255B/index.html"  # the server decodes it once, to the folder's name
    assert link("ελληνικά/index.html") == "%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/index.html"
    assert link("a:b.png") == "a%3Ab.png"  # never read as a scheme
