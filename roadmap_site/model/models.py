"""The site's data: complete, immutable values linked by key. No I/O here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Mapping

from roadmap_site.model.urls import slugify


def name_key(name: str) -> str:
    """Names that differ only in case or spacing are the same name."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class Difficulty:
    """A level on the site's difficulty scale; unknown levels rank after every known one."""

    name: str
    rank: int
    slug: str
    known: bool = True


def level_named(scale: tuple[str, ...], value: str) -> Difficulty:
    """The level of the scale (easiest first) named by value, whatever its case or spacing;
    a name not on the scale ranks after every level on it."""
    wanted = name_key(value)
    for rank, name in enumerate(scale):
        if name_key(name) == wanted:
            return Difficulty(name, rank, slugify(name))
    name = " ".join(value.split())
    return Difficulty(name, len(scale), slugify(name) or "unknown", known=False)


@dataclass(frozen=True)
class TocEntry:
    level: int
    anchor: str
    title: str
    children: tuple[TocEntry, ...] = ()


RESOURCE_KINDS = ("official docs", "article", "video", "course", "book")


@dataclass(frozen=True)
class Resource:
    """A link a topic recommends, with what it is (one of RESOURCE_KINDS, or "link")."""

    title: str
    url: str
    kind: str = "link"


@dataclass(frozen=True)
class Topic:
    """A heading followed by a difficulty marker, with the learning objectives listed under
    it and the resources it recommends."""

    title: str
    anchor: str
    difficulty: Difficulty | None
    objectives: tuple[str, ...]
    line: int
    resources: tuple[Resource, ...] = ()


@dataclass(frozen=True)
class ComparisonTable:
    """A table comparing two or more subjects, row by row."""

    title: str
    anchor: str
    subjects: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]

    @property
    def subject_key(self) -> tuple[str, ...]:
        return tuple(sorted(subject.casefold() for subject in self.subjects))


@dataclass(frozen=True)
class LinkRef:
    """A link from an article to a heading of another article, checked once all are read."""

    target: str  # article key
    fragment: str
    line: int  # file line of the link
    written: str


@dataclass(frozen=True)
class Article:
    key: str  # the source path relative to the content folder, POSIX style
    source: str  # the path as shown in messages
    path: str  # output path relative to the output folder, e.g. "docker/intro/index.html"
    title: str
    date: dt.datetime | None
    updated: dt.datetime | None
    authors: tuple[str, ...]
    description: str
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    series: tuple[str, ...]
    series_order: int | None
    draft: bool
    difficulty: Difficulty | None
    aliases: tuple[str, ...]
    html: str
    toc: tuple[TocEntry, ...]
    topics: tuple[Topic, ...]
    tables: tuple[ComparisonTable, ...]
    word_count: int
    anchors: frozenset[str] = frozenset()  # every id in the body, and title_anchor
    title_anchor: str | None = None  # the id of a first heading that became the title
    links: tuple[LinkRef, ...] = ()  # links to other articles' headings
    link_keys: frozenset[str] = frozenset()  # every content key its links name, found or not
    extra: Mapping[str, Any] = field(default_factory=dict)  # a copy of its own; never changed
    # File line of each front-matter value, for messages: by field name for the schema's
    # fields, whatever the spelling ("weight" under "series_order"), by key as written for
    # the others ("prerequisites"). "series_order" is the title's line when the part number
    # is read from a front-matter title. Absent: not in the front matter (report line 1).
    lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.word_count)


def reading_minutes(words: int) -> int:
    """Minutes to read at 220 words a minute, never less than one."""
    return max(1, round(words / 220))


@dataclass(frozen=True)
class Series:
    key: str  # case- and space-insensitive name, e.g. "backend journey"
    name: str
    path: str
    articles: tuple[str, ...]  # article keys in reading order


@dataclass(frozen=True)
class Site:
    """Everything a page needs: articles by key and the views derived from them."""

    articles: Mapping[str, Article]
    series: Mapping[str, Series]  # by series key, in display order
    tags: Mapping[str, tuple[str, ...]]  # tag name -> article keys
    categories: Mapping[str, tuple[str, ...]]
    difficulty_levels: tuple[Difficulty, ...]  # every level in use or on the scale, ordered
    home: tuple[str, ...] = field(default=())  # standalone article keys, newest first
    series_of: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # article key -> its series keys, in display order
    term_pages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # taxonomy -> name_key(term) -> output path

    def series_for(self, article_key: str) -> tuple[Series, ...]:
        return tuple(self.series[key] for key in self.series_of.get(article_key, ()))

    def term_path(self, taxonomy: str, name: str) -> str:
        """The page of a tag or category, whatever the case or spacing it is written in."""
        return self.term_pages[taxonomy][name_key(name)]

    def reading_order(self) -> tuple[str, ...]:
        """Every article key once: series parts in order, series by series, then the
        standalone articles (every article is one or the other)."""
        return tuple(dict.fromkeys([*(key for one in self.series.values() for key in one.articles), *self.home]))
