"""The roadmap read from an article's token stream: its title, heading ids, topics with their
difficulty and objectives, comparison tables, links, summary, word count and table of
contents. Every warning names the line from the tokens' source map.

`read_document` reads (and, for links, the title and empty table columns, rewrites) the
parsed tokens; rendering is left to the parser's renderer, and `finish` reads the ids of
the rendered body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from roadmap_site.model.models import TocEntry, Topic, name_key
from roadmap_site.parse.comparison import find_comparison
from roadmap_site.parse.markdown.conversion import Document, Issue, RenderRequest
from roadmap_site.parse.markdown.headings import HeadingIds, heading_id
from roadmap_site.parse.markdown.linking import resolve_links
from roadmap_site.parse.markdown.text import all_text, inline_html_text, inline_text, list_contents
from roadmap_site.parse.resources import resources_list_at, site_resources, topic_resources
from roadmap_site.parse.sanitize import THEME_IDS

_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
TOC_LEVELS = range(2, 5)


@dataclass
class _Heading:
    position: int  # of its heading_open token
    level: int
    text: str
    anchor: str
    top: bool  # at the top level of the body, not in a list or quote


def read_document(md: MarkdownIt, tokens: list[Token], request: RenderRequest, lines: Sequence[str]) -> Document:
    """Read the parsed tokens; rewrite links, drop the title heading and empty table columns."""
    document = Document()
    _label_tasks(tokens)
    headings = _give_ids(md, tokens)
    dropped = _take_title(tokens, headings, request, document)
    _read_blocks(md, tokens, request, document, lines)
    document.topics = [replace(t, resources=site_resources(t.resources, request)) if t.resources else t for t in document.topics]
    resolve_links(tokens, request, document, lines)
    document.toc = _contents([h for h in headings if h is not dropped and h.level in TOC_LEVELS])
    document.word_count = sum(len(text.split()) for text in all_text(tokens))
    return document


def finish(document: Document, body_html: str) -> frozenset[str]:
    """Every id of the rendered body (and of the dropped title); warnings for in-page links
    to none of them."""
    anchors = set(_ID.findall(" " + body_html))
    if document.title_anchor:
        anchors.add(document.title_anchor)
    for written, fragment, line in document.fragments:
        if fragment not in anchors:
            document.issues.append(Issue(line, f"link to {written!r}: there is no heading {fragment!r} on this page"))
    return frozenset(anchors)


def _label_tasks(tokens: list[Token]) -> None:
    """A task's checkbox is named by the task's text (read by the renderer)."""
    for position, token in enumerate(tokens):
        if token.type == "list_item_open" and token.meta and "checked" in token.meta:
            inline = next((tokens[p] for p in range(position + 1, len(tokens)) if tokens[p].type == "inline"), None)
            token.meta["label"] = " ".join(inline_text(inline).split()) if inline is not None else ""


def _give_ids(md: MarkdownIt, tokens: list[Token]) -> list[_Heading]:
    """Every heading's id, in document order, the title's too: ids the author gave are kept."""
    ids = HeadingIds()
    for token in tokens:
        if token.type == "heading_open" and token.meta.get("given_id"):
            ids.reserve(_not_a_theme_id(token.meta["given_id"]))
    headings = []
    for position, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        text = inline_html_text(md, tokens[position + 1])
        given = token.meta.get("given_id")
        anchor = _not_a_theme_id(given) if given else ids.claim(heading_id(text))
        token.attrSet("id", anchor)
        tokens[position + 2].meta["anchor"] = anchor
        headings.append(_Heading(position, int(token.tag[1]), text, anchor, token.level == 0))
    return headings


def _not_a_theme_id(anchor: str) -> str:
    return f"{anchor}-section" if anchor in THEME_IDS else anchor


def _take_title(tokens: list[Token], headings: list[_Heading], request: RenderRequest, document: Document) -> _Heading | None:
    """Note the first heading's text; drop it when it opens the body and is the title
    (given, or to be taken from it), so that the page does not show the title twice."""
    first = next((heading for heading in headings if heading.top), None)
    if first is None:
        return None
    document.title = first.text or None
    if first.position == 0 and first.text and (request.title is None or name_key(first.text) == name_key(request.title)):
        del tokens[0:3]
        for heading in headings:
            heading.position -= 3
        document.title_anchor = first.anchor
        return first
    return None


def _read_blocks(md: MarkdownIt, tokens: list[Token], request: RenderRequest, document: Document,
                 lines: Sequence[str]) -> None:
    """Topics, comparison tables and the summary, from the top-level blocks in order."""
    heading: tuple[int, str, str] | None = None  # (line, text, id) of the last top-level heading
    heading_level = 0
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "heading_open" and token.level == 0:
            inline = tokens[position + 1]
            heading = ((token.map[0] + 1) if token.map else 0, inline_html_text(md, inline), token.attrGet("id") or "")
            heading_level = int(token.tag[1])
            if request.sections_are_topics and token.tag == "h2":
                document.topics.append(Topic(heading[1], heading[2], None, _objectives(md, tokens, position + 3), heading[0],
                                             topic_resources(tokens, position + 3, 2, inline_text)))
        elif token.type == "roadmap_difficulty":
            level = request.difficulty(token.meta["value"])
            token.meta["difficulty"] = level
            line = token.map[0] + 1 if token.map else 1
            if not level.known:
                document.issues.append(Issue(line, f"unknown difficulty {token.meta['value']!r}; it is kept, ranked after the known levels"))
            if heading is not None:
                document.topics.append(Topic(heading[1], heading[2], level, _objectives(md, tokens, position + 1), heading[0],
                                             topic_resources(tokens, position + 1, heading_level, inline_text)))
        elif token.type == "table_open":
            _drop_empty_columns(tokens, position)
            rows = _table_rows(md, tokens, position)
            found = find_comparison(heading[1] if heading else "", heading[2] if heading else "", rows)
            if found is not None:
                document.tables.append(found)
        elif token.type == "paragraph_open" and token.level == 0 and not document.summary:
            document.summary = " ".join(inline_text(tokens[position + 1]).split())
        position += 1


def _objectives(md: MarkdownIt, tokens: list[Token], start: int) -> tuple[str, ...]:
    """The items of the first list after a topic's heading, before the next heading (a
    "Resources:" list is not one)."""
    for position in range(start, len(tokens)):
        token = tokens[position]
        if token.level != 0:
            continue
        if token.type == "heading_open":
            return ()
        if token.type in ("bullet_list_open", "ordered_list_open") and not resources_list_at(tokens, position, inline_text):
            return tuple(_list_items(md, tokens, position))
    return ()


def _list_items(md: MarkdownIt, tokens: list[Token], start: int) -> list[str]:
    """The text of each item of the list opened at start, nested lists included."""
    level = tokens[start].level
    items: list[str] = []
    for token in list_contents(tokens, start):
        if token.type == "list_item_open" and token.level == level + 1:
            items.append("")
        elif token.type == "inline" and items:
            items[-1] = " ".join(f"{items[-1]} {inline_html_text(md, token)}".split())
    return items


def _table_cells(tokens: list[Token], start: int) -> list[list[int]]:
    """For each row of the table opened at start, the positions of its cells' open tokens."""
    rows: list[list[int]] = []
    for position in range(start + 1, len(tokens)):
        kind = tokens[position].type
        if kind == "table_close":
            break
        if kind == "tr_open":
            rows.append([])
        elif kind in ("th_open", "td_open"):
            rows[-1].append(position)
    return rows


def _drop_empty_columns(tokens: list[Token], start: int) -> None:
    """Authors add empty spacer columns for looks ('|A||B|'); they carry nothing."""
    rows = _table_cells(tokens, start)
    width = max((len(row) for row in rows), default=0)
    empty = [column for column in range(width)
             if all(column >= len(row) or not tokens[row[column] + 1].content.strip() for row in rows)]
    if not empty or len(empty) == width:
        return
    doomed = sorted((row[column] for row in rows for column in empty if column < len(row)), reverse=True)
    for position in doomed:  # a cell is its open, inline and close tokens
        del tokens[position : position + 3]


def _table_rows(md: MarkdownIt, tokens: list[Token], start: int) -> list[list[str]]:
    return [[inline_html_text(md, tokens[cell + 1]) for cell in row] for row in _table_cells(tokens, start)]


def _contents(headings: list[_Heading]) -> tuple[TocEntry, ...]:
    """The headings nested by level (each under the nearest earlier one of a higher level);
    an article whose only top-level entry is the title lists what is under it."""
    roots: list[list] = []  # [level, anchor, title, children]
    stack: list[list] = []
    for heading in headings:
        entry = [heading.level, heading.anchor, heading.text, []]
        while stack and stack[-1][0] >= heading.level:
            stack.pop()
        (stack[-1][3] if stack else roots).append(entry)
        stack.append(entry)
    while len(roots) == 1 and roots[0][3]:
        roots = roots[0][3]
    return tuple(_toc_entry(entry) for entry in roots)


def _toc_entry(entry: list) -> TocEntry:
    level, anchor, title, children = entry
    return TocEntry(level, anchor, title, tuple(_toc_entry(child) for child in children))
