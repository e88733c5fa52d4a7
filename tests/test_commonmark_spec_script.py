"""benchmarks/commonmark_spec.py: reads a spec's examples, normalises HTML as the spec's
tooling does, and counts what passes per section; on the real spec when one is given."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin

from helpers import REPO


def _load_script():
    spec = importlib.util.spec_from_file_location("commonmark_spec", REPO / "benchmarks" / "commonmark_spec.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


script = _load_script()
F = "`" * 32  # the examples' fence

# Two sections with examples (and one without); example 2 fails on purpose: `**b**` is strong.
# Example 4's expected HTML is written with other whitespace, attribute order and `<br>`.
TINY_SPEC = f"""---
title: A tiny spec
version: '0.0.1'
...

# Introduction

Nothing to test here.

## Emphasis

{F} example
*a*
.
<p><em>a</em></p>
{F}

{F} example
**b**
.
<p><em>b</em></p>
{F}

## Code and links

{F} example
→code
.
<pre><code>code
</code></pre>
{F}

{F} example
[x](/u "t") line\\
next
.
<p>
  <a title="t" href="/u">x</a>  line<br>next</p>
{F}
"""


def stand_in():
    """The engine's syntax until roadmap_site.parse.markdown.engine exists."""
    return MarkdownIt("commonmark", {"html": True}).use(gfm_plugin).use(admon_plugin).use(deflist_plugin)


def test_reads_the_examples_with_their_sections_numbers_and_tabs():
    examples = script.read_examples(TINY_SPEC)
    assert [(e.number, e.section, e.line) for e in examples] == [
        (1, "Emphasis", 12), (2, "Emphasis", 18), (3, "Code and links", 26), (4, "Code and links", 33)]
    assert examples[2].markdown == "\tcode\n"
    assert examples[2].html == "<pre><code>code\n</code></pre>\n"
    assert script.spec_version(TINY_SPEC) == "0.0.1"


def test_counts_per_section_and_names_the_failing_examples():
    result = script.run_examples(script.read_examples(TINY_SPEC), stand_in().render)
    assert [(s.section, s.passed, s.total, s.failing) for s in result.sections] == [
        ("Emphasis", 1, 2, [2]), ("Code and links", 2, 2, [])]
    assert (result.passed, result.total, result.failing, result.errors) == (3, 4, [2], {})


def test_an_exception_fails_its_example_and_is_reported():
    def render(markdown: str) -> str:
        if "code" in markdown:
            raise ValueError("boom")
        return stand_in().render(markdown)

    result = script.run_examples(script.read_examples(TINY_SPEC), render)
    assert result.failing == [2, 3] and result.errors == {3: "ValueError: boom"}


def test_the_command_prints_sections_and_totals(tmp_path, capsys):
    path = tmp_path / "spec.txt"
    path.write_text(TINY_SPEC, encoding="utf-8")
    assert script.main([str(path)], stand_in, lambda: "the stand-in") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"CommonMark spec 0.0.1 ({path}): 3/4 examples pass with the stand-in"
    assert "\nEmphasis             1      2  2\nCode and links       2      2\n" in out
    assert "\ntotal                3      4\n" in out
    assert out.endswith("failing examples (1): 2\n")
    assert script.main([str(path), "--json"], stand_in, lambda: "the stand-in") == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["passed"], report["total"], report["failing"], report["version"]) == (3, 4, [2], "0.0.1")
    assert report["sections"][0] == {"section": "Emphasis", "passed": 1, "total": 2, "failing": [2]}


def test_gfm_extensions_are_tallied_and_disabled_examples_keep_their_number(tmp_path, capsys):
    path = tmp_path / "gfm.txt"
    path.write_text(
        f"## Tables (extension)\n\n{F} example table\n| a |\n| - |\n.\n"
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n</table>\n"
        f"{F}\n\n{F} example disabled\nx\n.\n<p>y</p>\n{F}\n\n"
        f"## Strikethrough (extension)\n\n{F} example strikethrough\n~~s~~\n.\n<p><del>s</del></p>\n{F}\n",
        encoding="utf-8")
    result = script.run_examples(script.read_examples(path.read_text()), stand_in().render)
    assert [(e.section, e.passed, e.total, e.failing) for e in result.extensions] == [
        ("table", 1, 1, []), ("strikethrough", 0, 1, [3])]  # markdown-it writes <s>, GFM <del>
    assert script.main(["--gfm", str(path)], stand_in, lambda: "the stand-in") == 0
    assert "  strikethrough     0/1    3\n" in capsys.readouterr().out


@pytest.mark.parametrize("text, message", [
    (f"# A\n{F} example\na\n{F}\n", "spec.txt:4: the example opened at line 2 has no `.` line between its Markdown and its HTML"),
    (f"# A\n{F} example\na\n.\n<p>a</p>\n", "spec.txt:2: this example is not closed by a line of 32 backticks"),
    (f"{F} example\na\n{F} example\n", "spec.txt:3: an example starts inside the example opened at line 1"),
    ("# Just prose\n", "spec.txt:1: no examples (a line of 32 backticks and ' example'): is this a spec.txt?"),
])
def test_a_malformed_spec_is_an_error_at_its_line(text, message):
    with pytest.raises(script.SpecError) as raised:
        script.read_examples(text)
    assert str(raised.value) == message


def test_exit_2_for_a_missing_or_malformed_file_1_without_the_engine(tmp_path, capsys, monkeypatch):
    assert script.main([str(tmp_path / "none.txt")], stand_in) == 2
    (tmp_path / "prose.txt").write_text("# Just prose\n", encoding="utf-8")
    assert script.main([str(tmp_path / "prose.txt")], stand_in) == 2
    assert "prose.txt:1: no examples" in capsys.readouterr().err
    (tmp_path / "spec.txt").write_text(TINY_SPEC, encoding="utf-8")
    monkeypatch.setitem(sys.modules, script.ENGINE, None)  # an import of it now fails as if it were absent
    assert script.main([str(tmp_path / "spec.txt")]) == 1
    captured = capsys.readouterr()
    assert captured.err == "roadmap_site.parse.markdown.engine is not there yet: nothing to measure\n"
    assert captured.out == ""


@pytest.mark.parametrize("html, normal", [
    ("<p>a  \t\nb</p>", "<p>a b</p>"),
    ("\n\t<p>\n\t\ta  b\t\t</p>\n\t", "<p>a b</p>"),
    ("<i>a  b</i> ", "<i>a b</i> "),
    ("<br />", "<br>"),
    ('<a title="bar" HREF="foo">x</a>', '<a href="foo" title="bar">x</a>'),
    ("&forall;&amp;&gt;&lt;&quot;&#x41;&#66;&bogus;", "\u2200&amp;&gt;&lt;&quot;AB&bogus;"),
    ("<pre><code>a  b\n</code></pre>\n<p>c</p>", "<pre><code>a  b\n</code></pre><p>c</p>"),
    ('<input checked type="checkbox" disabled="">', '<input checked disabled="" type="checkbox">'),
    ("<!-- a  b --><![CDATA[ x  < y ]]>", "<!-- a  b --><![CDATA[ x  < y ]]>"),
    ("<a foo=\"bar\" bam = 'baz <em>\"</em>'>", '<a bam="baz &lt;em&gt;&quot;&lt;/em&gt;" foo="bar">'),
])
def test_normalises_what_the_spec_does_not_care_about(html, normal):
    assert script.normalize_html(html) == normal


REAL_SPEC = os.environ.get("ROADMAP_COMMONMARK_SPEC")


@pytest.mark.skipif(not REAL_SPEC, reason="set ROADMAP_COMMONMARK_SPEC to the CommonMark spec's spec.txt")
def test_the_engine_passes_the_commonmark_spec():
    examples = script.read_examples(Path(REAL_SPEC).read_text(encoding="utf-8"), REAL_SPEC)
    try:
        parser = script.engine_parser()
    except script.EngineMissing as exc:
        pytest.fail(str(exc))
    result = script.run_examples(examples, parser.render)
    assert result.total == 655, f"{REAL_SPEC} is not the spec of CommonMark 0.31.2 (655 examples)"
    assert result.passed >= 640, f"{result.passed}/655 pass; failing: {result.failing}"
