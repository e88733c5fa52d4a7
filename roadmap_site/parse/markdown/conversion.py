"""What one conversion of a body is given (RenderRequest) and what it gathers (Document)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from roadmap_site.model.models import ComparisonTable, Difficulty, LinkRef, TocEntry, Topic
from roadmap_site.parse.links import LinkIndex


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
