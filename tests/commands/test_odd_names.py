"""Every file and every tag gets its own page, and the page opens wherever the site is
served: a command reference of punctuation names and `+` suffixes, and a language site
tagged C, C++, C# and F#, built at the root and under a subpath, followed link by link."""

from __future__ import annotations

import random
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import serving, write_files
from linkcheck import broken_links
from roadmap_site.commands.build import build
from roadmap_site.commands.serve.server import DevServer
from roadmap_site.errors import BuildFailed
from roadmap_site.model.urls import base_path

PUNCTUATION = ["!", "$", "%", "[", "[[", "{", "}", "~", "(("]
LANGUAGES = ["C", "C++", "C#", "F#", ".NET", "Node.js"]


def page(title: str, tags: list[str] | None = None, body: str = "") -> str:
    tags_line = f"tags: [{', '.join(repr(tag) for tag in tags)}]\n" if tags else ""
    return f"---\ntitle: {title!r}\n{tags_line}---\n{body or 'About ' + title + '.'}\n"


def odd_site() -> dict[str, str]:
    files = {f"content/common/{name}.md": page(f"The {name} command") for name in PUNCTUATION}
    files.update({
        "content/common/clang.md": page("clang", body="See [clang++](clang++.md) and [the bracket](%5B.md)."),
        "content/common/clang++.md": page("clang++", body="See [clang](clang.md)."),
        "content/linux/tar.md": page("tar on Linux"),
        "content/osx/tar.md": page("tar on macOS", body="See [the Linux one](../linux/tar.md)."),
        "content/common/Ελληνικά.md": page("Greek", body="See [{](%7B.md) and [%](%25.md)."),
    })
    files.update({f"content/lang/{index}.md": page(f"Learning {name}", [name, "Languages"])
                  for index, name in enumerate(LANGUAGES)})
    files["content/lang/docker.md"] = page("Docker", ["Docker"])
    files["content/lang/docker-again.md"] = page("Docker again", ["docker"])  # the same tag, written otherwise
    return files


def html_pages(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("index.html")}


def test_every_name_and_every_term_gets_a_page_of_its_own(tmp_path):
    report = build(write_files(tmp_path / "site", odd_site()), tmp_path / "out", search=False)
    assert report.warnings == []
    pages = html_pages(tmp_path / "out")
    for folder_name in ("!", "$", "%25", "%5B", "%5B%5B", "%7B", "%7D", "~", "(("):
        assert f"common/{folder_name}/index.html" in pages
    assert {"common/clang/index.html", "common/clang++/index.html", "linux/tar/index.html", "osx/tar/index.html",
            "common/ελληνικά/index.html"} <= pages
    for term in ("c", "c++", "c-sharp", "f-sharp", "dotnet", "node.js", "languages", "docker"):
        assert f"tags/{term}/index.html" in pages
    assert len([p for p in pages if p.startswith("tags/") and p != "tags/index.html"]) == 8  # Docker and docker: one
    assert "Learning C++" in (tmp_path / "out/tags/c++/index.html").read_text(encoding="utf-8")
    assert "Learning C++" not in (tmp_path / "out/tags/c/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("base_url", [None, "https://example.org/docs/"])
def test_every_link_resolves_at_the_root_and_under_a_subpath(tmp_path, base_url):
    out = build(write_files(tmp_path / "site", odd_site()), tmp_path / "out", base_url=base_url, search=False).out_dir
    assert broken_links(out, base_path(base_url) or "/") == []


def test_forced_to_the_same_page_is_an_error_naming_both_files_and_lines(tmp_path):
    root = write_files(tmp_path / "site", {
        "content/a.md": "---\ntitle: A\nslug: same\n---\nA\n",
        "content/b.md": "---\ntitle: B\nurl: /same/\n---\nB\n",
        "content/Clang.md": page("Clang"), "content/clang.md": page("clang"),
    })
    with pytest.raises(BuildFailed) as failed:
        build(root, tmp_path / "out")
    shown = sorted(f"{Path(p.path).name}:{p.line}: {p.message}" for p in failed.value.problems)
    assert shown[0].startswith("b.md:3: writes same/index.html, which ") and shown[0].endswith("a.md:3 also writes")
    assert shown[1].startswith("clang.md:1: writes clang/index.html, which ") and "Clang.md:1 also writes" in shown[1]
    assert len(shown) == 2


def reference_collection(count: int, seed: int = 0) -> dict[str, str]:
    """A command reference of `count` short pages in platform folders, shaped like real ones:
    the same names in several folders, punctuation-only names, '+' suffixes, other scripts;
    each page links to its namesakes and to a neighbour."""
    rng = random.Random(seed)
    platforms = ["common", "linux", "osx", "windows", "android", "sunos"]
    stems = ["git-commit", "tar", "clang", "clang++", "g++", "c++filt", "[", "[[", "!", "%", "{", "}", "~", "((",
             "$", "nmap", "docker compose", "7z", "ip", "ls", "Über", "파일", "λ", "x.509", "node.js"]
    stems += [f"tool-{number}" for number in range(count)]
    files: dict[str, str] = {}
    placed: dict[str, list[str]] = {}
    for stem in stems:
        for platform in rng.sample(platforms, rng.choice([1, 1, 2, 3])):
            if len(files) >= count:
                break
            key = f"{platform}/{stem}.md"
            placed.setdefault(stem, []).append(key)
            files[key] = ""
    keys = list(files)
    for position, key in enumerate(keys):
        platform, stem = key.split("/", 1)
        stem = stem[:-3]
        namesakes = [other for other in placed[stem] if other != key]
        neighbour = keys[(position + 1) % len(keys)]
        links = [f"[{other.split('/')[0]}](../{quote(other)})" for other in namesakes]
        links.append(f"[next](../{quote(neighbour)})")
        files[key] = f"# {stem}\n\n> The {stem} command on {platform}.\n\n- Run it: `{stem} --help`\n\n{' '.join(links)}\n"
    return {f"content/{key}": text for key, text in files.items()}


@pytest.mark.parametrize("base_url", [None, "https://example.org/pages/"])
def test_a_reference_of_thousands_of_pages_builds_and_every_link_resolves(tmp_path, base_url):
    files = reference_collection(2500)
    report = build(write_files(tmp_path / "site", files), tmp_path / "out", base_url=base_url, search=False)
    assert report.articles == 2500 and report.warnings == []
    assert len(html_pages(tmp_path / "out")) >= 2500
    assert broken_links(tmp_path / "out", base_path(base_url) or "/") == []


def titles_along(browser, start: str, names: list[str]) -> list[str]:
    """Open start, then follow the link named by each of names in turn, from the page
    before; the title of every page reached."""
    tab = browser.new_page()
    try:
        tab.goto(start)
        titles = []
        for name in names:
            tab.get_by_role("link", name=name, exact=True).first.click()
            tab.wait_for_load_state()
            titles.append(tab.locator("h1").first.inner_text())
        return titles
    finally:
        tab.close()




@pytest.fixture(scope="module")
def built_odd_site(tmp_path_factory) -> Path:
    root = write_files(tmp_path_factory.mktemp("odd") / "site", odd_site())
    return root


def test_pages_open_by_following_links_from_a_static_server(browser, built_odd_site, tmp_path):
    out = build(built_odd_site, tmp_path / "out", base_url="http://127.0.0.1/", search=False).out_dir
    with serving(out) as url:
        assert titles_along(browser, url + "common/clang/", ["clang++", "clang"]) == ["clang++", "clang"]
        assert titles_along(browser, url + "common/clang/", ["the bracket"]) == ["The [ command"]
        assert titles_along(browser, url + "common/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/", ["{"]) == ["The { command"]
        assert titles_along(browser, url + "common/%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC/", ["%"]) == ["The % command"]
        assert titles_along(browser, url + "tags/", ["C#"]) == ["C#"]


def test_pages_open_from_the_disk(browser, built_odd_site, tmp_path):
    out = build(built_odd_site, tmp_path / "out", search=False).out_dir
    start = (out / "common" / "clang" / "index.html").as_uri()
    assert titles_along(browser, start, ["the bracket"]) == ["The [ command"]
    greek = (out / "common" / "ελληνικά" / "index.html").as_uri()
    assert titles_along(browser, greek, ["%"]) == ["The % command"]


def test_pages_open_from_the_dev_server(browser, built_odd_site):
    server = DevServer(built_odd_site, port=0, say=lambda line: None)
    server.start()
    try:
        assert titles_along(browser, server.url + "common/clang/", ["the bracket"]) == ["The [ command"]
        assert titles_along(browser, server.url + "tags/", ["C++", "Learning C++"]) == ["C++", "Learning C++"]
    finally:
        server.stop()
