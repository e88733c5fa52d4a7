"""Hostile and broken input: every file gives a page or one clean `path:line` error, the
output folder is the only thing a build touches, and content is data, never code."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from html.parser import HTMLParser

import pytest

from helpers import REPO
from roadmap_site.commands.build import build
from roadmap_site.errors import BuildFailed
from roadmap_site.safe_yaml import MAX_YAML_VALUES
from roadmap_site.parse.sanitize import decode_legacy, nesting_line, sanitize_html, strip_control_characters



def outcome(root: Path) -> list[str]:
    """Build root/content into root/out: the problems as 'key:line: message' (paths
    relative to the content folder), errors and warnings alike; ["built"] first if it built."""
    try:
        report = build(root, root / "out")
    except BuildFailed as failed:
        return [_short(root, p) for p in failed.problems]
    return ["built", *(_short(root, p) for p in report.warnings)]


def _short(root: Path, problem) -> str:
    return str(problem).replace(f"{root / 'content'}{os.sep}", "")


def make(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def page(root: Path, path: str) -> str:
    return (root / "out" / path).read_text(encoding="utf-8")


def fm(front: str, body: str = "Body.\n") -> dict[str, str]:
    return {"content/a.md": f"---\n{front}\n---\n{body}"}


BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9) if prev else ', '.join(['x'] * 9)}]\n"
    for prev, name in zip(["", "a", "b", "c", "d", "e", "f", "g"], "abcdefgh")
) + "title: *h"

# id: (files, the exact outcome)
CASES = {
    "bad-indent": (fm("title: A\n  tags: x"), ["a.md:3: a value contains ': '; put the whole value in quotes"]),
    "tab-indent": (fm("title: A\ntags:\n\t- x"), ["a.md:4: a tab is used for indentation; indent with spaces"]),
    "unclosed-quote": (fm('title: "A\nauthor: b'), ["a.md:2: a quoted value is never closed"]),
    "unquoted-colon": (fm("title: Docker: basics"), ["a.md:2: a value contains ': '; put the whole value in quotes"]),
    "star-is-an-alias": (fm("title: A\ndescription: *Important* read"),
                         ["a.md:3: a value starts with '*', which YAML reads as an alias; put the whole value in quotes"]),
    "february-30": (fm("title: A\ndate: 2023-02-30"),
                    ["a.md:3: date: '2023-02-30' is not a real date (day is out of range for month)"]),
    "month-13": (fm("title: A\nupdated: 2023-13-01"),
                 ["a.md:3: updated: '2023-13-01' is not a real date (month must be in 1..12)"]),
    "broken-toml": ({"content/a.md": '+++\ntitle = "A"\nweight = \n+++\nx'},
                    ["a.md:3: front matter is not valid TOML: Invalid value"]),
    "broken-json": ({"content/a.md": '{\n"title": "A",\n}\nx'},
                    ["a.md:3: front matter is not valid JSON: Expecting property name enclosed in double quotes"]),
    "list-front-matter": (fm("- a\n- b"), ["a.md:1: front matter must be a mapping of keys to values, found a list"]),
    "scalar-front-matter": (fm("just words"),
                            ["a.md:1: front matter must be a mapping of keys to values, found a single text value"]),
    "unclosed-fence": ({"content/a.md": "---\ntitle: A\nbody"}, ["a.md:1: front matter opened with '---' is never closed"]),
    "duplicate-key": (fm("title: A\ntags: x\ntitle: B"), ["a.md:4: 'title' is given twice (first on line 2); keep one"]),
    "duplicate-nested-key": (fm("title: A\nextra:\n  k: 1\n  k: 2"), ["a.md:5: 'k' is given twice (first on line 4); keep one"]),
    "alias-bomb": (fm(BOMB), [f"a.md:3: front matter expands to more than {MAX_YAML_VALUES:,} values through its aliases (*a); write the values out"]),
    "alias-loop": (fm("title: A\nx: &x [*x]"),
                   ["a.md:3: front matter has a list or mapping that contains itself through an alias (*x); write the values out"]),
    "flow-nesting-that-crashes-libyaml": (fm("title: A\nx: " + "[" * 100_000 + "]" * 100_000),
                                          ["a.md:1: front matter nests lists or mappings too deeply (hundreds of levels); flatten it"]),
    "json-nesting": ({"content/a.md": '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}\nbody"},
                     ["a.md:1: front matter nests lists or mappings too deeply (hundreds of levels); flatten it"]),
    "python-tag": (fm("title: !!python/object/apply:os.system ['touch pwned']"),
                   ["a.md:2: front matter uses a YAML tag ('!...') that is not allowed"]),
    "control-char-in-front-matter": (fm("title: A\ndescription: x\ufffey"),
                                     ["a.md:3: front matter contains an invisible control character (U+FFFE); delete it"]),
    "binary-junk": ({"content/a.md": bytes(range(256)) * 4}, ["a.md:1: this is not a text file (it contains NUL bytes)"]),
    "bad-date-and-bad-yaml-in-two-files": (
        {"content/a.md": "---\ndate: 2023-02-29\n---\n", "content/b.md": "---\ntitle: [\n---\n"},
        ["a.md:2: date: '2023-02-29' is not a real date (day is out of range for month)",
         "b.md:3: front matter is not valid YAML: while parsing a flow node; did not find expected node content"],
    ),
}


@pytest.mark.parametrize("files, expected", CASES.values(), ids=CASES.keys())
def test_broken_input_is_one_clean_error_at_its_line(tmp_path, files, expected):
    root = make(tmp_path, files)
    shown = outcome(root)
    assert [re.sub(r" \(at .*\)$", "", line) for line in shown] == expected
    assert not (tmp_path / "out").exists()


def test_the_alias_bomb_is_refused_quickly(tmp_path):
    root = make(tmp_path, fm(BOMB))
    started = time.perf_counter()
    outcome(root)
    assert time.perf_counter() - started < 2


def built(root: Path, files) -> list[str]:
    shown = outcome(make(root, files))
    assert shown[0] == "built", shown
    return shown[1:]


def test_yaml_11_words_stay_words(tmp_path):
    warnings = built(tmp_path, fm('title: Off\ntags: [yes, no, on]\ndraft: "false"'))
    assert warnings == []
    html = page(tmp_path, "a/index.html")
    assert "<h1>Off</h1>" in html
    assert all((tmp_path / "out" / "tags" / name / "index.html").is_file() for name in ("yes", "no", "on"))


def test_a_number_as_title_and_a_string_as_tags(tmp_path):
    built(tmp_path, fm("title: 42\ntags: docker"))
    assert "<h1>42</h1>" in page(tmp_path, "a/index.html")
    tags = sorted(p.parent.name for p in (tmp_path / "out/tags").glob("*/index.html"))
    assert tags == ["docker"]  # never one tag per character


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf---\ntitle: Caf\xc3\xa9\n---\nBody.\n",
        "---\ntitle: Café\n---\nBody.\n".encode("utf-16"),
        b"---\r\ntitle: Caf\xc3\xa9\r\n---\r\nBody.\r\n",
    ],
    ids=["utf8-bom", "utf16", "crlf"],
)
def test_encodings_and_line_ends(tmp_path, data):
    assert built(tmp_path, {"content/a.md": data}) == []
    assert "<h1>Café</h1>" in page(tmp_path, "a/index.html")


def test_latin1_is_read_with_a_warning(tmp_path):
    warnings = built(tmp_path, {"content/a.md": "---\ntitle: Café “Menu”\n---\nBody.\n".encode("cp1252")})
    assert warnings == ["a.md:1: warning: read as Windows-1252 (Latin-1) text because it is not UTF-8; save it as UTF-8"]
    assert "<h1>Café “Menu”</h1>" in page(tmp_path, "a/index.html")


def test_broken_utf8_is_still_an_error_at_its_line(tmp_path):
    shown = outcome(make(tmp_path, {"content/a.md": b"---\ntitle: Caf\xc3\xa9\n---\nok\n\xff bad\n"}))
    assert shown == ["a.md:5: this file is not UTF-8 text (byte 0xff); save it as UTF-8"]


def test_truncated_utf16_is_a_clean_error(tmp_path):
    shown = outcome(make(tmp_path, {"content/a.md": b"\xff\xfe-\x00-\x00-"}))
    assert shown == ["a.md:1: this file starts like UTF-16 text but is not; save it as UTF-8"]


def test_control_characters_from_pdf_pastes_are_removed(tmp_path):
    built(tmp_path, fm("title: A", "one\x0ctwo\x01three \x1b[0mfour\x85\n"))
    html = page(tmp_path, "a/index.html")
    assert "one twothree [0mfour" in html
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", html)


@pytest.mark.parametrize(
    "text", ["", " \n\t\n", "---\ntitle: Only front matter\n---", "---\n---\n"], ids=["empty", "blank", "no-body", "empty-fm"]
)
def test_empty_articles_get_a_page(tmp_path, text):
    assert built(tmp_path, {"content/a.md": text}) == []
    assert "<h1>" in page(tmp_path, "a/index.html")


def test_huge_article_and_huge_line(tmp_path):
    paragraph = "word " * 20 + "\n\n"
    files = {"content/big.md": "---\ntitle: Big\n---\n" + paragraph * 50_000, "content/line.md": "x" * 100_000}
    assert len(files["content/big.md"]) > 5_000_000
    started = time.perf_counter()
    assert built(tmp_path, files) == []
    assert time.perf_counter() - started < 20
    assert "x" * 100_000 in page(tmp_path, "line/index.html")


def test_fifty_nested_lists_and_a_hundred_nested_quotes(tmp_path):
    files = {
        "content/lists.md": "".join("    " * depth + f"- level {depth}\n" for depth in range(50)),
        "content/quotes.md": "\n".join(">" * depth + " q" for depth in range(1, 101)),
    }
    assert built(tmp_path, files) == []
    lists = page(tmp_path, "lists/index.html")
    assert "<li>level 49</li>" in lists and lists.count("<ul>") >= 50
    assert page(tmp_path, "quotes/index.html").count("<blockquote>") == 100


@pytest.mark.parametrize(
    "body, line",
    [("".join("    " * depth + "- item\n" for depth in range(1000)), 1003),
     ("\n".join(">" * depth + " quoted" for depth in range(1, 1001)), 1003)],
    ids=["1000-nested-lists", "1000-nested-quotes"],
)
def test_nesting_past_a_hundred_levels_is_a_clean_error(tmp_path, body, line):
    shown = outcome(make(tmp_path, fm("title: A", body)))
    assert shown == [f"a.md:{line}: lists or quotes are nested too deeply (a hundred levels) to convert; flatten them"]


def test_absurd_emphasis_builds_with_its_text(tmp_path):
    assert outcome(make(tmp_path, fm("title: A", "intro\n\n" + "*" * 5000 + "middle" + "*" * 5000))) == ["built"]
    assert "middle" in page(tmp_path, "a/index.html")


def test_nesting_line_points_at_the_deepest_line():
    assert nesting_line("a\n\n> > > deep\n> b") == 3
    assert nesting_line("x\n" + "*" * 50 + "y" + "*" * 50) == 2


def test_cli_deep_markdown_nesting_is_one_line(tmp_path):
    root = make(tmp_path / "site", {"content/a.md": "".join("  " * depth + "- item\n" for depth in range(500))})
    result = run_cli(str(root), "-o", str(tmp_path / "out"))
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert result.stderr.startswith(f"{root / 'content' / 'a.md'}:500: lists or quotes are nested too deeply")


def test_ragged_tables(tmp_path):
    built(tmp_path, fm("title: A", "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n"))
    html = page(tmp_path, "a/index.html")
    assert html.count("<tr>") == 3 and "<td>3</td>" not in html


def test_series_names_differing_in_case_and_spaces_are_one_series_and_dates_keep_their_day(tmp_path):
    dates = ["2023-07-12", "2023-7-13 23:30:00 -05:00", "2023-07-14T01:00:00+09:00", "2023-07-15 00:30Z", "'2023-07-16'"]
    series = ["Docker", "docker ", "DOCKER", " Docker", "Docker"]
    files = {
        f"content/p{n}.md": f"---\ntitle: P{n}\nseries: {name!r}\ndate: {date}\n---\nx\n"
        for n, (name, date) in enumerate(zip(series, dates), start=1)
    }
    assert built(tmp_path, files) == []
    assert [p.parent.name for p in (tmp_path / "out/series").glob("*/index.html")] == ["docker"]
    for n, day in enumerate(["2023-07-12", "2023-07-13", "2023-07-14", "2023-07-15", "2023-07-16"], start=1):
        assert f'datetime="{day}' in page(tmp_path, f"p{n}/index.html")


def test_duplicate_part_numbers_warn_and_keep_a_stable_order(tmp_path):
    files = {f"content/{name}.md": f"---\ntitle: {name}\nseries: S\npart: 2\ndate: 2024-01-0{n}\n---\nx\n"
             for n, name in enumerate(["b", "a"], start=1)}
    warnings = built(tmp_path, files)
    assert len(warnings) == 1 and "part 2 of series 'S' is also" in warnings[0]
    first = page(tmp_path, "series/s/index.html")
    assert first.index(">b<") < first.index(">a<")
    (tmp_path / "out").rename(tmp_path / "out1")
    built(tmp_path, {})
    assert page(tmp_path, "series/s/index.html") == first


def test_unknown_difficulty_is_a_warning_at_its_line(tmp_path):
    assert built(tmp_path, fm("title: A\ndifficulty: Wizard")) == ["a.md:3: warning: unknown difficulty 'Wizard'"]


def test_hidden_files_drafts_and_links_out_of_the_content_folder_are_not_published(tmp_path):
    outside = make(tmp_path / "outside", {"secret.md": "---\ntitle: SECRET\n---\nsecret\n"})
    root = make(tmp_path / "site", {
        "content/a.md": "---\ntitle: A\n---\nx\n",
        "content/.hidden.md": "---\ntitle: HIDDEN\n---\n",
        "content/_partial.md": "---\ntitle: PARTIAL\n---\n",
        "content/draft.md": "---\ntitle: DRAFT\ndraft: true\n---\n",
        "content/string-false.md": '---\ntitle: SHOWN\ndraft: "false"\n---\n',
    })
    (root / "content/link.md").symlink_to(outside / "secret.md")
    (root / "content/linkdir").symlink_to(outside, target_is_directory=True)
    (root / "content/loop").symlink_to(root / "content", target_is_directory=True)
    assert outcome(root) == ["built"]
    published = "".join(p.read_text(errors="replace") for p in (root / "out").rglob("*") if p.is_file())
    for word in ("SECRET", "HIDDEN", "PARTIAL", "DRAFT"):
        assert word not in published
    assert "SHOWN" in published


def test_a_link_that_points_at_itself_is_skipped(tmp_path):
    root = make(tmp_path, {"content/a.md": "---\ntitle: A\n---\nx\n"})
    (root / "content/self.md").symlink_to(root / "content/self.md")
    assert outcome(root) == ["built"]


def tree(root: Path, skip: Path) -> dict[str, bytes]:
    """Every file under root except the output folder and the build cache (which is
    roadmap-site's own; see test_a_planted_cache_file_never_runs_code)."""
    return {
        str(p): (p.read_bytes() if p.is_file() else b"")
        for p in root.rglob("*")
        if not p.is_relative_to(skip) and not p.is_symlink() and ".roadmap-cache" not in p.parts
    }


@pytest.mark.parametrize(
    "slug",
    ["../../escaped", "/etc/escaped", "..\\..\\escaped", "%2e%2e%2fescaped", "", ".", "..", "a/../../escaped", "C:escaped"],
)
def test_slugs_never_write_outside_the_output(tmp_path, slug):
    root = make(tmp_path / "site", fm(f"title: A\nslug: {slug!r}"))
    before = tree(tmp_path, root / "out")
    shown = outcome(root)
    assert shown[0] == "built" or all(re.match(r"a\.md:\d+: ", line) for line in shown)
    after = tree(tmp_path, root / "out")
    assert set(after) - set(before) == set() and after == before
    assert all(p.resolve().is_relative_to((root / "out").resolve()) for p in (root / "out").rglob("*"))


def test_output_paths_differing_only_in_case_collide(tmp_path):
    shown = outcome(make(tmp_path, {"content/a.md": "---\nslug: Guide\n---\nA\n", "content/b.md": "---\nslug: guide\n---\nB\n"}))
    assert shown == ["b.md:2: writes guide/index.html, which a.md:2 also writes"]  # both at their slug line


def test_a_failed_hostile_build_leaves_the_last_good_output_byte_for_byte(tmp_path):
    root = make(tmp_path, {"content/a.md": "---\ntitle: A\n---\nGood.\n"})
    built(tmp_path, {})
    before = {p: p.read_bytes() for p in (root / "out").rglob("*") if p.is_file()}
    make(root, {"content/a.md": "---\ntitle: A\ntitle: B\n---\n", "content/bomb.md": f"---\n{BOMB}\n---\n",
                "content/bin.md": bytes(range(256)), "content/evil.md": "---\nslug: ../../x\n---\n"})
    shown = outcome(root)
    assert shown[0] != "built"
    after = {p: p.read_bytes() for p in (root / "out").rglob("*") if p.is_file()}
    assert after == before


# Content is data, never code.

def test_titles_descriptions_tags_and_series_are_escaped(tmp_path):
    built(tmp_path, fm('title: "<script>alert(1)</script>"\ndescription: "<img src=x onerror=alert(2)>"\n'
                       'tags: ["<b>t</b>"]\nseries: "<i>S</i>"'))
    published = "".join(p.read_text() for p in (tmp_path / "out").rglob("*.html"))
    for raw in ("<script>alert(1)", "<img src=x", "<b>t</b>", "<i>S</i>"):
        assert raw not in published
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in published


HOSTILE_BODY = """\
[a](javascript:alert(1)) [b](JaVaScRiPt:alert(2)) [c](&#106;avascript:alert(3)) [d](java&#x09;script:alert(4))
[e](data:text/html;base64,PHNjcmlwdD4=) [f](vbscript:msgbox(1)) <a href="  javascript:alert(5)">g</a>
<a href="jav&#x0A;ascript:alert(6)">h</a> <a href="&#x6A;&#x61;vascript&colon;alert(7)">i</a>
![img](javascript:alert(8)) <img src="x" onerror="alert(9)">
<script>alert(10)</script><iframe src="https://evil.example"></iframe>
<span onclick="alert(11)" style="background:url(javascript:alert(12))">s</span>
<div style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</div>
<p style="color:red;width:expression(alert(13))">e</p>
"""


class _Elements(HTMLParser):
    """Every element of an HTML text, with its attributes."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def dangers(html: str) -> list[str]:
    """What in html a browser would run or use to cover the page: script-like elements,
    handlers, links whose scheme is not http(s) or mailto (as a browser reads the URL:
    tabs and line breaks removed), styles that fetch or position."""
    found = []
    for tag, attributes in _Elements(html).found:
        if tag in ("script", "iframe", "object", "embed", "style"):
            found.append(tag)
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"{tag} {name}")
            if name in ("href", "src"):
                scheme = re.match(r"^\s*([a-z][a-z0-9+.-]*):", re.sub(r"[\t\n\r]", "", value), re.I)
                if scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
                    found.append(f"{tag} {name}={value}")
            if name == "style" and re.search(r"url\(|expression|position", value, re.I):
                found.append(f"{tag} style={value}")
    return found


def test_scripts_handlers_and_dangerous_links_are_removed_from_bodies(tmp_path):
    built(tmp_path, fm("title: A", HOSTILE_BODY))
    html = page(tmp_path, "a/index.html")
    body = html[html.index('<div class="prose">'):html.index("</main>")]
    assert dangers(body) == []
    assert "<iframe" not in body and "alert(10)" not in body  # dropped with their content


def test_sanitizer_drops_every_dangerous_spelling():
    raw = HOSTILE_BODY.replace("\n", "<br>\n")
    assert len(dangers(raw)) >= 6  # the checker sees what is there to find
    clean = sanitize_html(raw)
    assert dangers(clean) == []
    assert clean.count("<a>") == 3 and "<span>s</span>" in clean and '<img src="x">' in clean


def test_sanitizer_keeps_what_markdown_pygments_and_real_articles_produce():
    kept = [
        '<h2 id="intro">Intro</h2>',
        '<div class="highlight"><pre tabindex="0"><span></span><code><span class="k">def</span></code></pre></div>',
        '<table>\n<thead>\n<tr>\n<th style="text-align:center">a</th>\n</tr>\n</thead>\n'
        '<tbody>\n<tr>\n<td style="text-align:right">1</td>\n</tr>\n</tbody>\n</table>',
        '<p><img alt="A diagram" src="img/d.png" title="D"> <a href="../b/index.html#x" title="B" rel="nofollow">b</a></p>',
        '<p><a href="https://example.org/a?b=1&amp;c=2">x</a> <a href="mailto:a@b.c">m</a> <a href="#top">t</a></p>',
        '<p><span style="color:green">Intermediate</span> <kbd>Ctrl</kbd>+<kbd>C</kbd> x<sup>2</sup> H<sub>2</sub>O<br></p>',
        '<details><summary>More</summary><p>hidden</p></details>',
        '<p class="topic-difficulty">Difficulty: <span class="badge badge-intermediate">Intermediate</span></p>',
        '<p>&lt;script&gt; is text; so is a &amp; b</p>',
        '<ol start="3"><li>three</li></ol>',
        '<p><span style="background-color:#ff0">marked</span></p>',
    ]
    for html in kept:
        assert sanitize_html(html) == html


def test_style_keeps_only_colour_and_alignment_and_never_urls():
    assert sanitize_html('<span style="color:green;position:absolute">x</span>') == '<span style="color:green">x</span>'
    assert sanitize_html('<span style="color:u\\72l(x)">x</span>') == "<span>x</span>"
    assert sanitize_html('<span style="color:ur/**/l(x)">x</span>') == "<span>x</span>"
    assert sanitize_html('<span style="width:1px">x</span>') == "<span>x</span>"
    assert sanitize_html('<span style="color:EXPRESSION (1)">x</span>') == "<span>x</span>"
    assert sanitize_html('<span style="color:expression(1)">x</span>') == "<span>x</span>"


def test_raw_html_true_in_roadmap_yml_keeps_html_as_written(tmp_path):
    built(tmp_path, {"roadmap.yml": "raw_html: false\n", **fm("title: A", "<script>ok()</script>\n")})
    assert "ok()" not in page(tmp_path, "a/index.html")
    built(tmp_path, {"roadmap.yml": "raw_html: true\n"})
    assert "<script>ok()</script>" in page(tmp_path, "a/index.html")


def test_control_characters_are_stripped_without_moving_lines():
    assert strip_control_characters("a\x07b\x0cc\td\r\ne\x85f\x1b[0m\x7f") == "ab c\td\r\nef[0m"


def test_legacy_text_is_decoded_but_broken_utf8_and_binary_are_not():
    assert decode_legacy("Café – “quotes”".encode("cp1252")) == "Café – “quotes”"
    assert decode_legacy(b"Caf\xc3\xa9 and \xff") is None
    assert decode_legacy(bytes(range(1, 256)) * 4) is None


# Through the command line: no traceback, one line per problem.

def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "roadmap_site", "build", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def test_cli_reports_every_hostile_file_in_one_run_without_traceback(tmp_path):
    root = make(tmp_path / "site", {
        "content/dup.md": "---\ntitle: A\ntitle: B\n---\n",
        "content/bomb.md": f"---\n{BOMB}\n---\n",
        "content/deep.md": "---\nx: " + "[" * 100_000 + "]" * 100_000 + "\n---\n",
        "content/bin.md": bytes(range(256)),
        "content/tab.md": "---\ntags:\n\t- x\n---\n",
        "content/ok.md": "---\ntitle: Fine\n---\nFine.\n",
    })
    result = run_cli(str(root), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ", 1)[0].rsplit(os.sep, 1)[-1] for line in lines[:-1]] == [
        "bin.md:1", "bomb.md:3", "deep.md:1", "dup.md:3", "tab.md:3"]
    assert lines[-1] == "build failed: 5 error(s); the previous output is unchanged"


class _Planted:
    def __reduce__(self):
        return (exec, ("import pathlib; pathlib.Path('PWNED').write_text('ran')",))


def test_a_planted_cache_file_never_runs_code(tmp_path):
    import pickle

    from roadmap_site.incremental import cache as article_cache

    root = make(tmp_path / "site", {"content/a.md": "---\ntitle: A\n---\nx\n"})
    planted = pickle.dumps(_Planted())
    # in the repository (never read), and in the cache folder itself (read, but not sealed by us)
    for folder in (root / ".roadmap-cache", article_cache.cache_folder(root)):
        folder.mkdir(parents=True)
        (folder / article_cache.SNAPSHOT).write_bytes(planted)
        (folder / article_cache.SNAPSHOT).with_suffix(".unsealed").write_bytes(planted)
    subprocess.run([sys.executable, "-m", "roadmap_site", "build", ".", "-o", str(tmp_path / "out")],
                   cwd=root, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, timeout=120)
    assert not (root / "PWNED").exists()
    assert (tmp_path / "out/a/index.html").is_file()  # the article was parsed again instead


# The dev server: local only, contained, and not killed by malformed requests.

def test_dev_server_refuses_foreign_hosts_origins_and_the_folder_beside_it(tmp_path):
    import http.client

    from roadmap_site.commands.serve.livereload import EVENTS_PATH
    from roadmap_site.commands.serve.server import DevServer

    root = make(tmp_path / "site", {"content/a.md": "---\ntitle: A\n---\nx\n"})
    server = DevServer(root, port=0, say=lambda line: None)
    server.start()
    try:
        host, port = server._http.server_address[:2]
        assert host == "127.0.0.1"
        leak = server.out_dir.parent / (server.out_dir.name + "-leak")
        leak.mkdir()
        (leak / "secret.txt").write_text("top secret")

        def get(path: str | bytes, headers=()):
            with socket.create_connection((host, port), timeout=5) as connection:
                raw = path if isinstance(path, bytes) else path.encode("latin-1")
                extra = "".join(f"{k}: {v}\r\n" for k, v in headers).encode()
                connection.sendall(b"GET " + raw + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + b"Connection: close\r\n\r\n")
                answer = b""
                while chunk := connection.recv(65536):
                    answer += chunk
                    if EVENTS_PATH.encode() in raw and b"\r\n\r\n" in answer:
                        break
            head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
            return int(head.split()[1]), head, answer

        status, head, _ = get("/a/")
        assert status == 200 and "Access-Control-Allow-Origin" not in head
        connection = http.client.HTTPConnection(host, port, timeout=5)
        connection.putrequest("GET", "/a/", skip_host=True)
        connection.putheader("Host", "evil.example")
        connection.endheaders()
        assert connection.getresponse().status == 403
        connection.close()
        assert get(EVENTS_PATH, [("Origin", "http://evil.example")])[0] == 403
        name = server.out_dir.name
        for path in (f"/../{name}-leak/secret.txt", f"/%2e%2e/{name}-leak/secret.txt", f"/..%2f{name}-leak%2fsecret.txt",
                     "/%ff%fe", "/%", "/a%00b", "/" + "a" * 10_000, "/\\..\\x", b"/\xff\xfe"):
            status, _, body = get(path)
            assert status in (400, 403, 404), path
            assert b"top secret" not in body
        assert get("/a/")[0] == 200  # still serving
    finally:
        server.stop()


def test_raw_html_cannot_take_the_themes_own_ids():
    from roadmap_site.parse.sanitize import sanitize_html

    assert sanitize_html('<p id="main">x</p><p id="mine">y</p>') == '<p>x</p><p id="mine">y</p>'
