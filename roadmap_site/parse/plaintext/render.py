"""Segments rendered as Markdown that stays text: every character Markdown (or an extension
the site reads) would take for markup is escaped, except the `**bold**` a pasted text has."""

from __future__ import annotations

import re

from roadmap_site.parse.plaintext.lines import BOLD_SPAN, ENTITY_LIKE, ESCAPES, LABEL, LINE_WRAP_HYPHEN
from roadmap_site.parse.plaintext.segments import Heading, ItemList, Paragraph, Segment, Table, Verbatim


def _dehyphenate(text: str) -> str:
    """Undo a line-wrap hyphen ("possi- bility"), only between lower-case letters."""

    def join(match: re.Match[str]) -> str:
        return match[1] + match[2] if match[1].islower() and match[2].islower() else match[0]

    return LINE_WRAP_HYPHEN.sub(join, text)


def _escape_text(text: str) -> str:
    return ENTITY_LIKE.sub("&amp;", text).translate(ESCAPES)


def _escape_inline(text: str) -> str:
    """Escape what Markdown would read as markup; keep the `**bold**` a pasted text already has."""
    pieces, last = [], 0
    for match in BOLD_SPAN.finditer(text):
        pieces += [_escape_text(text[last:match.start()]), "**", _escape_text(match[1]), "**"]
        last = match.end()
    return "".join(pieces) + _escape_text(text[last:])


def _escape_line_start(markdown: str) -> str:
    """Escape a start that Markdown (or an extension the site reads: fences, definitions,
    admonitions) reads as a block."""
    if markdown.startswith(("-", "+", ">", "!", "?")):
        return "\\" + markdown
    if markdown.startswith(":"):
        return f"&#58;{markdown[1:]}"
    return re.sub(r"^(\d+)\.(?=\s|$)", r"\1\\.", markdown)


def _item_markdown(text: str) -> str:
    """A list item; a short "Label: text" lead gets its label bold, unless it is bold already."""
    match = None if text.startswith("**") else LABEL.match(text)
    label = match["label"] if match else ""
    if label and len(label.split()) <= 10 and label[0].isalnum() and not re.search(r"[.!?]", label):
        return f"**{_escape_inline(label)}:** {_escape_inline(match['rest'])}"  # type: ignore[index]
    return _escape_line_start(_escape_inline(text))


def render(segment: Segment) -> str:
    if isinstance(segment, Heading):
        return "#" * segment.level + " " + _escape_inline(_dehyphenate(segment.text))
    if isinstance(segment, Paragraph):
        return _escape_line_start(_escape_inline(_dehyphenate(segment.text)))
    if isinstance(segment, ItemList):
        return "\n".join(
            "    " * item.depth
            + (f"{item.number}. " if item.number else "- ")
            + _item_markdown(_dehyphenate(item.text))
            for item in segment.items
        )
    if isinstance(segment, Table):
        rows = [" | ".join(_escape_inline(_dehyphenate(cell)) for cell in row) for row in segment.rows]
        separator = "|" + "---|" * len(segment.rows[0])
        return "\n".join([f"| {rows[0]} |", separator, *(f"| {row} |" for row in rows[1:])])
    assert isinstance(segment, Verbatim)
    return segment.text
