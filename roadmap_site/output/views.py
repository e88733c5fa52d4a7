"""What pages show, computed before any template runs: series navigation, a series' map
of parts and topics, listing pages' pagers, comparison groups, progress ids and search
filters. Pure functions of the site; templates only lay these values out.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from roadmap_site.model import urls
from roadmap_site.model.graph import Prerequisites
from roadmap_site.model.models import (
    Article,
    ComparisonTable,
    Difficulty,
    Resource,
    Series,
    Site,
    Topic,
)
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
    number: int = 0  # its place among all the series' topics, 1-based, fixed at build time
    part_number: int = 0

    @property
    def title(self) -> str:
        """The topic's title without a number of its own ("3. Name Resolution"): the map numbers
        topics itself, without gaps."""
        return _PART_NUMBER.sub("", self.topic.title, count=1).strip() or self.topic.title

    @property
    def resources(self) -> tuple[tuple[Resource, str], ...]:
        """(resource, the name of its kind as shown: "Video", "Official docs", "Link")."""
        return tuple((one, (one.kind or "link").capitalize()) for one in self.topic.resources)

    @property
    def next_label(self) -> str:
        """How "continue where you left off" names it: '5. HTTPS and TLS · Intermediate · Part 1'."""
        level = f" · {self.topic.difficulty.name}" if self.topic.difficulty else ""
        return f"{self.number}. {self.title}{level} · Part {self.part_number}"


@dataclass(frozen=True)
class PartStop:
    """One part of a series as its map shows it."""

    number: int
    article: Article
    progress_id: str
    topics: tuple[TopicStop, ...]
    spread: tuple[tuple[Difficulty, int], ...]
    requires: tuple[Article, ...]  # prerequisites beyond the previous part
    title: str = ""  # the article's title without the series name and part number before it


@dataclass(frozen=True)
class NextStop:
    """One step of a series in reading order, for "continue where you left off": a topic, or a
    part without topics, which counts as one step."""

    progress_id: str
    path: str
    anchor: str | None
    label: str


@dataclass(frozen=True)
class SeriesSummary:
    series: Series
    parts: tuple[Article, ...]
    minutes: int
    spread: tuple[tuple[Difficulty, int], ...]
    topic_count: int
    stops: tuple[PartStop, ...] = ()
    topic_ids: str = ""  # the progress ids counted by the progress bar: every topic, and each part without topics
    reading_order: tuple[NextStop, ...] = ()  # the same steps in reading order, named
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
    stops: list[PartStop] = []
    first_topic = 1
    label = shared_label(tuple(a.title for a in parts))
    for number, article in enumerate(parts, 1):
        stops.append(part_stop(number, article, series, site, graph.get(article.key), first_topic, label))
        first_topic += len(article.topics)
    order = tuple(
        step
        for stop in stops
        for step in (
            [NextStop(t.progress_id, stop.article.path, t.topic.anchor, t.next_label) for t in stop.topics]
            or [NextStop(stop.progress_id, stop.article.path, None, f"Part {stop.number}. {stop.title}")]
        )
    )
    spread = difficulty_spread(topic for a in parts for topic in a.topics)
    return SeriesSummary(
        series=series,
        parts=parts,
        minutes=sum(a.reading_minutes for a in parts),  # the parts' minutes, as their pages show them, add up
        spread=spread,
        topic_count=sum(len(a.topics) for a in parts),
        stops=tuple(stops),
        topic_ids=" ".join(step.progress_id for step in order),
        reading_order=order,
        levels=tuple(level for level, _ in spread),
        feed=absolute_url(base_url, series_feed_path(series.path)) if base_url else None,
        maps=roadmap_maps(series.name, stops),
    )


def part_stop(
    number: int,
    article: Article,
    series: Series,
    site: Site,
    links: Prerequisites | None,
    first_topic: int = 1,
    label: str = "",
) -> PartStop:
    article_id = progress_id(article, site)
    previous = series.articles[number - 2] if number > 1 else None
    requires = tuple(site.articles[key] for key in (links.declared if links else ()) if key != previous)
    return PartStop(
        number=number,
        article=article,
        progress_id=article_id,
        topics=tuple(
            TopicStop(topic, f"{article_id}#{topic.anchor}", first_topic + index, number)
            for index, topic in enumerate(article.topics)
        ),
        spread=difficulty_spread(article.topics),
        requires=requires,
        title=short_part_title(article.title, series.name, label),
    )


_SEPARATOR = r"\s*(?:[:\-\u2013\u2014|\u00b7/]\s*)"
_PART_NUMBER = re.compile(
    r"^(?:(?:part|chapter|step|lesson)\s+\d+(?:\s*[.:)\-\u2013\u2014]\s*|\s+)|\d{1,3}(?:[.:)]|\s+[\-\u2013\u2014])\s+)", re.I
)


def shared_label(titles: tuple[str, ...]) -> str:
    """The "Label" every title of a series of two or more parts begins with as "Label: ...", or ""."""
    labels = {title.split(":", 1)[0].strip() if ":" in title else "" for title in titles}
    return labels.pop() if len(titles) > 1 and len(labels) == 1 else ""


def short_part_title(title: str, series_name: str, label: str = "") -> str:
    """A part's title as its series' map shows it, without what the map already says: a leading
    series name ("Series: ", "Series - ", "[Series] ") or a label all its parts share, then a
    part number ("4. ", "Part 2: "). The whole title when nothing would be left."""
    short = title.strip()
    for one in filter(None, (series_name.strip(), label)):
        name = re.escape(one)
        for pattern in (rf"^\[{name}\]\s*", rf"^\({name}\)\s*", rf"^{name}{_SEPARATOR}"):
            stripped = re.sub(pattern, "", short, count=1, flags=re.I)
            if stripped != short:
                short = stripped
                break
        if short != title.strip():
            break
    short = _PART_NUMBER.sub("", short, count=1)
    return short.strip() or title.strip()


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


def pagefind_topic_levels(article: Article) -> str:
    """The article's topics and their levels for the search page, "anchor=Level" joined by "|": the
    difficulty filter works per page, so the results page uses these to show each matching
    topic's level and leave out the topics of other levels."""
    return "|".join(f"{topic.anchor}={topic.difficulty.name}" for topic in article.topics if topic.difficulty is not None)


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
