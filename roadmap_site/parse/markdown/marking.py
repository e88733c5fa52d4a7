"""The rules that change what a block's text is, so they run before inline parsing: a table's
empty spacer delimiter cells get their dash (before the parser), a heading's trailing
`{#id .class}` becomes its attributes, and a topic's difficulty line under its heading
becomes a token of its own (inside the parser, after the block rules)."""

from __future__ import annotations

import re

from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from roadmap_site.parse.markdown.headings import split_attributes

_MARKER = re.compile(
    r"^(?:\*\*|__)?\s*(?:difficulty|level)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")
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
