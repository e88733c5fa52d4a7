"""Markdown to HTML, and what a roadmap needs from the document: topics with their
difficulty, comparison tables, the table of contents and resolved links.

One `MarkdownRenderer` is made per process and reused for every article: the parser's set-up
costs more than a small article's conversion.
"""

from __future__ import annotations

from dataclasses import dataclass

from roadmap_site.model.models import ComparisonTable, LinkRef, TocEntry, Topic
from roadmap_site.parse.markdown import html
from roadmap_site.parse.markdown.conversion import Issue, RenderRequest
from roadmap_site.parse.markdown.document import finish, read_document
from roadmap_site.parse.markdown.marking import mark_blocks, mend_spacer_columns
from roadmap_site.parse.markdown.engine import MAX_NESTING, markdown_parser

__all__ = ["Issue", "MarkdownRenderer", "NestedTooDeeply", "RenderRequest", "RenderedBody"]


class NestedTooDeeply(ValueError):
    """Blocks nested so deeply (a hundred levels of lists or quotes) that the parser left
    the deepest of them out."""


@dataclass(frozen=True)
class RenderedBody:
    html: str
    title: str | None  # text of the first heading, before any was dropped
    title_anchor: str | None  # the id of that heading when it was dropped: the page title takes it
    summary: str  # the first paragraph as plain text, for articles that give no description
    toc: tuple[TocEntry, ...]
    topics: tuple[Topic, ...]
    tables: tuple[ComparisonTable, ...]
    word_count: int
    issues: tuple[Issue, ...]
    anchors: frozenset[str]
    links: tuple[LinkRef, ...]  # body lines
    link_keys: frozenset[str]  # every content key a link names, found or not


class MarkdownRenderer:
    def __init__(self) -> None:
        self._md = markdown_parser()
        self._md.core.ruler.after("block", "roadmap_blocks", mark_blocks)
        html.install(self._md)

    def render(self, text: str, request: RenderRequest) -> RenderedBody:
        """The body's HTML and what the roadmap needs of it; NestedTooDeeply for absurd nesting."""
        env: dict = {}
        tokens = self._md.parse(mend_spacer_columns(text), env)
        if any(token.level >= MAX_NESTING - 1 for token in tokens):
            raise NestedTooDeeply()
        document = read_document(self._md, tokens, request, text.split("\n"))
        body = self._md.renderer.render(tokens, self._md.options, env)
        anchors = finish(document, body)
        return RenderedBody(
            html=body,
            title=document.title,
            title_anchor=document.title_anchor,
            summary=document.summary,
            toc=document.toc,
            topics=tuple(document.topics),
            tables=tuple(document.tables),
            word_count=document.word_count,
            issues=tuple(document.issues),
            anchors=anchors,
            links=tuple(document.links),
            link_keys=frozenset(document.link_keys),
        )
