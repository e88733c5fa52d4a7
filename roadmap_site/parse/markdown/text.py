"""The text of tokens, as a reader reads it."""

from __future__ import annotations

import re
from typing import Iterator

from markdown_it import MarkdownIt
from markdown_it.token import Token

from roadmap_site.parse.markdown.headings import text_of_html

_TAG = re.compile(r"<[^>]*>")


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


def all_text(tokens: list[Token]) -> Iterator[str]:
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


def list_contents(tokens: list[Token], start: int) -> Iterator[Token]:
    """The tokens inside the list opened at start, up to its close."""
    level = tokens[start].level
    for position in range(start + 1, len(tokens)):
        token = tokens[position]
        if token.level == level and token.type.endswith("_list_close"):
            return
        yield token
