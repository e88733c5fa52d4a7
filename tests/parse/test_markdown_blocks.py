"""The Markdown authors write on GitHub and in MkDocs Material, construct by construct: the
exact HTML of an article's body, after the sanitiser (which keeps all of it)."""

from __future__ import annotations

import textwrap
from functools import partial

import pytest

from roadmap_site.model.models import level_named
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer, RenderRequest
from roadmap_site.parse.sanitize import sanitize_html

RENDERER = MarkdownRenderer()


def body(markdown: str) -> str:
    request = RenderRequest("guide/a.md", "guide/a/index.html", LinkIndex(pages={}), None,
                            partial(level_named, ("Beginner", "Intermediate", "Advanced")), title="A")
    html = RENDERER.render(textwrap.dedent(markdown).lstrip("\n"), request).html
    clean = sanitize_html(html)
    assert clean == html  # what the engine writes survives the sanitiser as it is
    return clean


def link(anchor: str) -> str:
    return f' <a class="heading-link" href="#{anchor}" aria-label="Link to this section" data-pagefind-ignore="">#</a>'


CASES = {
    "list nested by two spaces": (
        "- one\n  - two\n",
        "<ul>\n<li>one\n<ul>\n<li>two</li>\n</ul>\n</li>\n</ul>\n",
    ),
    "fenced code in a numbered step": (
        "1. Install it:\n   ```bash\n   pip install x\n   ```\n",
        '<ol>\n<li>Install it:<div class="code-block">\n<div class="code-header"><span class="code-language">Bash</span></div>\n'
        '<div class="highlight"><pre tabindex="0"><span></span><code>pip<span class="w"> </span>install<span class="w"> </span>x\n'
        "</code></pre></div>\n</div>\n</li>\n</ol>\n",
    ),
    "task list": (
        "- [ ] to do\n- [x] done\n",
        '<ul class="contains-task-list">\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled="" aria-label="to do"> to do</li>\n'
        '<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled="" checked="" aria-label="done"> done</li>\n'
        "</ul>\n",
    ),
    "strikethrough and bare links": (
        "~~old~~ at https://example.org and www.example.org.\n",
        '<p><s>old</s> at <a href="https://example.org">https://example.org</a> and '
        '<a href="http://www.example.org">www.example.org</a>.</p>\n',
    ),
    "footnote": (
        "Text[^1].\n\n[^1]: The note.\n",
        '<p>Text<sup class="footnote-ref"><a href="#fn1" id="fnref1" aria-label="Footnote 1">[1]</a></sup>.</p>\n'
        '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n'
        '<li id="fn1" class="footnote-item"><p>The note. '
        '<a href="#fnref1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>\n</li>\n</ol>\n</section>\n',
    ),
    "GitHub alert": (
        "> [!WARNING]\n> Back up first.\n",
        '<div class="callout callout-warning" role="note">\n<p class="callout-title">Warning</p>\n<p>Back up first.</p>\n</div>\n',
    ),
    "MkDocs admonition": (
        '!!! danger "Mind the data"\n    Back up first.\n',
        '<div class="callout callout-caution" role="note">\n<p class="callout-title">Mind the data</p>\n<p>Back up first.</p>\n</div>\n',
    ),
    "collapsible admonition": (
        '??? tip "Show the answer"\n    Forty-two.\n',
        '<details class="callout callout-tip">\n<summary class="callout-title">Show the answer</summary>\n<p>Forty-two.</p>\n</details>\n',
    ),
    "collapsible admonition, open, no title": (
        "???+ question\n    Why?\n",
        '<details class="callout callout-important" open="">\n<summary class="callout-title">Question</summary>\n<p>Why?</p>\n</details>\n',
    ),
    "definition list": (
        "Container\n: A process with its own view of the system.\n",
        "<dl>\n<dt>Container</dt>\n<dd>A process with its own view of the system.</dd>\n</dl>\n",
    ),
    "heading attributes": (
        "## Install {#setup .wide}\n",
        f'<h2 class="wide" id="setup">Install{link("setup")}</h2>\n',
    ),
    "code block with title, marked lines and language": (
        '```python title="app.py" hl_lines="2"\na = 1\nb = 2\n```\n',
        '<div class="code-block">\n<div class="code-header"><span class="code-title">app.py</span><span class="code-language">Python</span></div>\n'
        '<div class="highlight"><pre tabindex="0"><span></span><code><span class="n">a</span> <span class="o">=</span> <span class="mi">1</span>\n'
        '<span class="hll"><span class="n">b</span> <span class="o">=</span> <span class="mi">2</span>\n</span></code></pre></div>\n</div>\n',
    ),
    "table with an escaped pipe": (
        "| a | b \\| c |\n|---|---|\n| 1 | 2 |\n",
        "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b | c</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n",
    ),
}


@pytest.mark.parametrize("markdown, html", CASES.values(), ids=CASES.keys())
def test_each_construct_renders_as_written(markdown, html):
    assert body(markdown) == html


def test_a_heading_is_linked_to_itself_and_repeats_are_numbered():
    assert body("## Setup\n\n## Setup\n") == f'<h2 id="setup">Setup{link("setup")}</h2>\n<h2 id="setup_1">Setup{link("setup_1")}</h2>\n'


def test_the_theme_ids_are_never_taken_by_headings():
    assert body("## Main {#main}\n\n## Search\n") == (
        f'<h2 id="main-section">Main{link("main-section")}</h2>\n<h2 id="search-section">Search{link("search-section")}</h2>\n')


def test_a_spacer_column_is_dropped_even_where_github_would_not_read_the_table():
    assert body("|A||B|\n|:--:||:--:|\n|1||2|\n") == (
        '<table>\n<thead>\n<tr>\n<th style="text-align:center">A</th>\n<th style="text-align:center">B</th>\n</tr>\n'
        '</thead>\n<tbody>\n<tr>\n<td style="text-align:center">1</td>\n<td style="text-align:center">2</td>\n</tr>\n</tbody>\n</table>\n')


def test_a_spacer_delimiter_in_fenced_code_stays_code():
    assert "|:--:||:--:|" in body("```\n|A||B|\n|:--:||:--:|\n```\n")
