"""The roadmap read from an article's token stream: its title, heading ids, topics with their
difficulty and objectives, comparison tables, links resolved to pages and files, summary,
word count and table of contents. Every warning names the line from the tokens' source map.

Two rules run inside the parser, before inline parsing, because they change what a block's
text is: `mark_blocks` takes a heading's `{#id .class}` and a topic's difficulty line out of
the text. `read_document` then reads (and, for links, titles and empty table columns,
rewrites) the parsed tokens; rendering is left to the parser's renderer.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Callable, Sequence
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from roadmap_site.model.models import ComparisonTable, Difficulty, LinkRef, TocEntry, Topic, name_key
from roadmap_site.model.urls import Linker
from roadmap_site.parse.comparison import find_comparison
from roadmap_site.parse.links import LinkIndex, Resolved, Unresolved, link_key, resolve_link
from roadmap_site.parse.markdown.headings import HeadingIds, heading_id, split_attributes, text_of_html
from roadmap_site.parse.sanitize import THEME_IDS

_MARKER = re.compile(
    r"^(?:\*\*|__)?\s*(?:difficulty|level)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
_RAW_LINK = re.compile(r"""\b(?P<attr>href|src)\s*=\s*(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
TOC_LEVELS = range(2, 5)


@dataclass(frozen=True)
class RenderRequest:
    """Everything one conversion depends on besides the Markdown text."""

    source_key: str
    page_path: str
    links: LinkIndex
    base_url: str | None
    difficulty: Callable[[str], Difficulty]
    title: str | None = None  # from front matter; None: the first heading is the title
    sections_are_topics: bool = False  # plain text has sections, not difficulty markers


@dataclass(frozen=True)
class Issue:
    """A warning found while converting, at a line of the body (1-based)."""

    line: int
    message: str


@dataclass
class Document:
    """What read_document finds; `anchors` and the in-page links are completed once the
    body is rendered (ids in raw HTML count too)."""

    title: str | None = None  # text of the first heading, before any was dropped
    title_anchor: str | None = None  # the id of that heading when it was dropped: the page title takes it
    summary: str = ""
    toc: tuple[TocEntry, ...] = ()
    topics: list[Topic] = field(default_factory=list)
    tables: list[ComparisonTable] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    word_count: int = 0
    links: list[LinkRef] = field(default_factory=list)  # body lines
    link_keys: set[str] = field(default_factory=set)  # every content key a link names, found or not
    fragments: list[tuple[str, str, int]] = field(default_factory=list)  # in-page links: (written, fragment, line)


# ---------------------------------------------------------------- before the parser

_DELIMITER_CELL = re.compile(r"\s*:?-+:?\s*")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def mend_spacer_columns(text: str) -> str:
    """Authors add empty spacer columns to tables for looks ('|A||B|' over '|:--:||:--:|').
    GitHub's tables need a dash in every cell of the delimiter row, so such a table is not
    a table there; here the empty delimiter cells get their dash (the column, empty in every
    row, is dropped later). Lines in fenced code are left alone."""
    if "||" not in text:
        return text
    lines = text.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif number and "||" in line and "|" in lines[number - 1]:
            lines[number] = _mended_delimiter_row(line)
    return "\n".join(lines)


def _mended_delimiter_row(line: str) -> str:
    inner = line.strip()
    if not inner.startswith("|") or not inner.endswith("|") or len(inner) < 3:
        return line
    cells = inner[1:-1].split("|")
    if not any(cell.strip() for cell in cells) or not all(_DELIMITER_CELL.fullmatch(c) or not c.strip() for c in cells):
        return line
    return "|" + "|".join(cell if cell.strip() else "-" for cell in cells) + "|"


# ---------------------------------------------------------------- inside the parser


def mark_blocks(state: StateCore) -> None:
    """Before inline parsing: a heading's trailing `{#id .class}` becomes its attributes,
    and a difficulty line right under a top-level heading becomes a `roadmap_difficulty`
    token (the rest of its paragraph, if any, stays a paragraph)."""
    tokens = state.tokens
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "heading_open":
            _take_attributes(token, tokens[position + 1])
            if token.level == 0:
                _take_marker(tokens, position + 3)
        position += 1


def _take_attributes(heading: Token, inline: Token) -> None:
    text, given, classes = split_attributes(inline.content)
    if given is None and not classes:
        return
    inline.content = text
    if given:
        heading.meta["given_id"] = given
    for name in classes:
        heading.attrJoin("class", name)


def _take_marker(tokens: list[Token], position: int) -> None:
    """The paragraph at `position`, if its first line is a difficulty line."""
    if position + 2 >= len(tokens) or tokens[position].type != "paragraph_open" or tokens[position].level != 0:
        return
    inline = tokens[position + 1]
    first, _, rest = inline.content.partition("\n")
    found = _MARKER.match(first)
    value = " ".join(_TAG.sub("", found.group("value")).replace("*", "").replace("_", " ").split()) if found else ""
    if not value:
        return
    start = tokens[position].map[0] if tokens[position].map else 0
    marker = Token("roadmap_difficulty", "p", 0, map=[start, start + 1], block=True, meta={"value": value})
    if rest.strip():  # the lines after it are a paragraph of their own
        inline.content = rest
        for token in (tokens[position], inline):
            if token.map:
                token.map = [token.map[0] + 1, token.map[1]]
        tokens.insert(position, marker)
    else:
        tokens[position : position + 3] = [marker]


# ---------------------------------------------------------------- after parsing


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
    _resolve_links(tokens, request, document, lines)
    document.toc = _contents([h for h in headings if h is not dropped and h.level in TOC_LEVELS])
    document.word_count = sum(len(text.split()) for text in _all_text(tokens))
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
    position = 0
    while position < len(tokens):
        token = tokens[position]
        if token.type == "heading_open" and token.level == 0:
            inline = tokens[position + 1]
            heading = ((token.map[0] + 1) if token.map else 0, inline_html_text(md, inline), token.attrGet("id") or "")
            if request.sections_are_topics and token.tag == "h2":
                document.topics.append(Topic(heading[1], heading[2], None, _objectives(md, tokens, position + 3), heading[0]))
        elif token.type == "roadmap_difficulty":
            level = request.difficulty(token.meta["value"])
            token.meta["difficulty"] = level
            line = token.map[0] + 1 if token.map else 1
            if not level.known:
                document.issues.append(Issue(line, f"unknown difficulty {token.meta['value']!r}; it is kept, ranked after the known levels"))
            if heading is not None:
                document.topics.append(Topic(heading[1], heading[2], level, _objectives(md, tokens, position + 1), heading[0]))
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
    """The items of the first list after a topic's heading, before the next heading."""
    for position in range(start, len(tokens)):
        token = tokens[position]
        if token.level != 0:
            continue
        if token.type == "heading_open":
            return ()
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return tuple(_list_items(md, tokens, position))
    return ()


def _list_items(md: MarkdownIt, tokens: list[Token], start: int) -> list[str]:
    """The text of each item of the list opened at start, nested lists included."""
    level = tokens[start].level
    items: list[str] = []
    for position in range(start + 1, len(tokens)):
        token = tokens[position]
        if token.level == level and token.type.endswith("_list_close"):
            break
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


def _resolve_links(tokens: list[Token], request: RenderRequest, document: Document, lines: Sequence[str]) -> None:
    """Point links at the pages and files the author meant, in Markdown and in raw HTML;
    warn about the ones that lead nowhere."""
    linker = Linker(request.page_path, request.base_url)
    for token in tokens:
        span = token.map
        if token.type == "html_block":
            token.content = _raw_links(token.content, request, linker, document, lines, span)
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                attribute = "href" if child.type == "link_open" else "src"
                written = str(child.attrGet(attribute) or "")
                if written:
                    link = _link_for(written, child.type == "image", request, linker, document, _line_of(written, lines, span))
                    if link is not None:
                        child.attrSet(attribute, link)
            elif child.type == "html_inline":
                child.content = _raw_links(child.content, request, linker, document, lines, span)


def _raw_links(raw: str, request: RenderRequest, linker: Linker, document: Document, lines: Sequence[str],
               span: list[int] | None) -> str:
    if "href" not in raw and "src" not in raw:
        return raw

    def replace(match: re.Match) -> str:
        written = html.unescape(match.group("url"))
        is_image = match.group("attr").lower() == "src"
        link = _link_for(written, is_image, request, linker, document, _line_of(match.group("url"), lines, span))
        return match.group(0) if link is None else f'{match.group("attr")}="{html.escape(link)}"'

    return _RAW_LINK.sub(replace, raw)


def _link_for(href: str, is_image: bool, request: RenderRequest, linker: Linker, document: Document, line: int) -> str | None:
    """The link to write instead of href, or None to leave it as the author wrote it."""
    if href.startswith("#"):
        fragment = unquote(href[1:])
        if fragment:
            document.fragments.append((href, fragment, line))
        return None
    key = link_key(href, request.source_key)
    if key is not None:
        document.link_keys.add(key)
    target = resolve_link(href, request.source_key, request.links)
    if isinstance(target, Resolved):
        if target.is_page and target.fragment:
            document.links.append(LinkRef(target.key, target.fragment, line, href))
        return linker(target.path, target.fragment) if target.is_page else linker.asset(target.path)
    if isinstance(target, Unresolved):
        message = f"image {target.written!r} not found" if is_image else f"link to {target.written!r} does not resolve"
        document.issues.append(Issue(line, message))
    return None


def _line_of(needle: str, lines: Sequence[str], span: list[int] | None) -> int:
    """The body line (1-based) of the block's lines that holds needle; the block's first."""
    start, end = (span[0], span[1]) if span else (0, len(lines))
    return next((number + 1 for number in range(start, min(end, len(lines))) if needle in lines[number]), start + 1)


# ---------------------------------------------------------------- text


def inline_text(inline: Token) -> str:
    """The words of an inline token as prose: raw HTML tags and images left out."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def inline_html_text(md: MarkdownIt, inline: Token) -> str:
    """An inline token's text as its rendered HTML reads (what a heading's id is made from)."""
    return text_of_html(md.renderer.renderInline(inline.children or [], md.options, {}))


def _all_text(tokens: list[Token]):
    """Every text of the body that a reader reads, code and raw HTML included."""
    for token in tokens:
        if token.type == "inline":
            yield inline_text(token)
        elif token.type in ("fence", "code_block"):
            yield token.content
        elif token.type == "html_block":
            yield _TAG.sub(" ", token.content)
        elif token.type == "roadmap_difficulty":
            yield f"Difficulty: {token.meta['value']}"
