"""What pages show, computed before any template runs: series navigation, a series' map
of parts and topics, listing pages' pagers, comparison groups, progress ids and search
filters. Pure functions of the site; templates only lay these values out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from roadmap_site.model import urls
from roadmap_site.model.graph import Prerequisites
from roadmap_site.model.models import Article, ComparisonTable, Difficulty, Series, Site, Topic, reading_minutes
from roadmap_site.model.urls import absolute_url, series_feed_path, slugify
from roadmap_site.output.roadmap_map import RoadmapMaps, roadmap_maps


@dataclass(frozen=True)
class SeriesNav:
    series: Series
    position: int  # 1-based
    parts: tuple[Article, ...]
    current: str  # the article key

    @property
    def total(self) -> int:
        return len(self.parts)

    @property
    def previous(self) -> Article | None:
        return self.parts[self.position - 2] if self.position > 1 else None

    @property
    def next(self) -> Article | None:
        return self.parts[self.position] if self.position < self.total else None


@dataclass(frozen=True)
class TopicStop:
    """A topic on a roadmap map, with the id its progress mark is stored under."""

    topic: Topic
    progress_id: str


@dataclass(frozen=True)
class PartStop:
    """One part of a series as its map shows it."""

    number: int
    article: Article
    progress_id: str
    topics: tuple[TopicStop, ...]
    spread: tuple[tuple[Difficulty, int], ...]
    requires: tuple[Article, ...]  # prerequisites beyond the previous part


@dataclass(frozen=True)
class SeriesSummary:
    series: Series
    parts: tuple[Article, ...]
    minutes: int
    spread: tuple[tuple[Difficulty, int], ...]
    topic_count: int
    stops: tuple[PartStop, ...] = ()
    topic_ids: str = ""  # every topic's progress id, space-separated, for the progress bar
    levels: tuple[Difficulty, ...] = ()  # the levels its topics use, for the difficulty filter
    feed: str | None = None  # the series' Atom feed, absolute; None without a base URL
    maps: RoadmapMaps | None = None  # the series drawn as a diagram


@dataclass(frozen=True)
class TopicEntry:
    topic: Topic
    article: Article


@dataclass(frozen=True)
class ComparisonGroup:
    subjects: str
    tables: tuple[tuple[ComparisonTable, Article], ...]


PER_PAGE = 30  # entries of a listing page: no page grows with the size of the site


@dataclass(frozen=True)
class Pager:
    """Where a listing page is among its pages; templates link to previous and next."""

    number: int
    total: int
    previous: str | None  # output path
    next: str | None


def paginate(path: str, *sequences: list, per_page: int = PER_PAGE) -> Iterator[tuple[str, Pager, tuple[list, ...]]]:
    """(output path, pager, a slice of each sequence) for every page of a listing; page N
    shows the N-th slice of every sequence, and there is always a first page."""
    total = max(1, *((len(items) + per_page - 1) // per_page for items in sequences))
    for number in range(1, total + 1):
        pager = Pager(
            number,
            total,
            urls.paged(path, number - 1) if number > 1 else None,
            urls.paged(path, number + 1) if number < total else None,
        )
        start = (number - 1) * per_page
        yield urls.paged(path, number), pager, tuple(items[start : start + per_page] for items in sequences)


@dataclass(frozen=True)
class Term:
    name: str
    path: str
    count: int


def summarize_series(
    series: Series, site: Site, graph: dict[str, Prerequisites] | None = None, base_url: str | None = None
) -> SeriesSummary:
    parts = tuple(site.articles[key] for key in series.articles)
    graph = graph or {}
    stops = tuple(
        part_stop(number, article, series, site, graph.get(article.key))
        for number, article in enumerate(parts, 1)
    )
    spread = difficulty_spread(topic for a in parts for topic in a.topics)
    return SeriesSummary(
        series=series,
        parts=parts,
        minutes=reading_minutes(sum(a.word_count for a in parts)),
        spread=spread,
        topic_count=sum(len(a.topics) for a in parts),
        stops=stops,
        topic_ids=" ".join(topic.progress_id for stop in stops for topic in stop.topics),
        levels=tuple(level for level, _ in spread),
        feed=absolute_url(base_url, series_feed_path(series.path)) if base_url else None,
        maps=roadmap_maps(series.name, stops),
    )


def part_stop(number: int, article: Article, series: Series, site: Site, links: Prerequisites | None) -> PartStop:
    article_id = progress_id(article, site)
    previous = series.articles[number - 2] if number > 1 else None
    requires = tuple(site.articles[key] for key in (links.declared if links else ()) if key != previous)
    return PartStop(
        number=number,
        article=article,
        progress_id=article_id,
        topics=tuple(TopicStop(topic, f"{article_id}#{topic.anchor}") for topic in article.topics),
        spread=difficulty_spread(article.topics),
        requires=requires,
    )


def progress_id(article: Article, site: Site) -> str:
    """'series-slug/article-slug': the stable name a reader's progress mark is stored under.
    An article in several series is marked once, under its first series."""
    series = site.series_for(article.key)
    folder = (slugify(series[0].key) or "series") if series else "articles"
    segments = [s for s in article.path.split("/") if s and s != "index.html"]
    slug = segments[-1].removesuffix(".html") if segments else "home"
    return f"{folder}/{slug}"


def pagefind_filters(article: Article, site: Site) -> tuple[tuple[str, str], ...]:
    """(filter, value) pairs the search index files this article under."""
    levels = [topic.difficulty for topic in article.topics if topic.difficulty is not None]
    if article.difficulty is not None:
        levels.insert(0, article.difficulty)
    names = [("Series", one.name) for one in site.series_for(article.key)]
    names += [("Difficulty", level.name) for level in sorted(set(levels), key=lambda level: (level.rank, level.name))]
    names += [("Tag", tag) for tag in article.tags]
    return tuple(dict.fromkeys(names))


def difficulty_spread(topics: Iterable[Topic]) -> tuple[tuple[Difficulty, int], ...]:
    counts = Counter(topic.difficulty for topic in topics if topic.difficulty is not None)
    return tuple(sorted(counts.items(), key=lambda item: (item[0].rank, item[0].name)))


def series_navs(article: Article, site: Site) -> tuple[SeriesNav, ...]:
    return tuple(
        SeriesNav(one, one.articles.index(article.key) + 1, tuple(site.articles[key] for key in one.articles), article.key)
        for one in site.series_for(article.key)
    )


def comparison_entries(site: Site) -> list[tuple[str, ComparisonTable, Article]]:
    """(subjects, table, article) for every comparison table, tables of the same subjects
    together, the groups in alphabetical order: what the comparison pages list, page by page."""
    groups: dict[tuple[str, ...], list[tuple[ComparisonTable, Article]]] = {}
    names: dict[tuple[str, ...], str] = {}
    for article in site.articles.values():
        for table in article.tables:
            groups.setdefault(table.subject_key, []).append((table, article))
            names.setdefault(table.subject_key, " vs ".join(table.subjects))
    ordered = sorted(groups, key=lambda key: names[key].casefold())
    return [(names[key], table, article) for key in ordered for table, article in groups[key]]


def grouped(entries: list[tuple[str, ComparisonTable, Article]]) -> tuple[ComparisonGroup, ...]:
    """Consecutive entries of the same subjects as one group, as a page shows them."""
    groups: list[ComparisonGroup] = []
    for subjects, table, article in entries:
        if groups and groups[-1].subjects == subjects:
            groups[-1] = ComparisonGroup(subjects, (*groups[-1].tables, (table, article)))
        else:
            groups.append(ComparisonGroup(subjects, ((table, article),)))
    return tuple(groups)
