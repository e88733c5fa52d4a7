"""Render the site's pages with Jinja2: one page is a function of (model, site, config).

Views computed here (series neighbours, reading times, difficulty spreads) are handed to
templates ready to lay out; templates compute nothing.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2

from roadmap_site import urls
from roadmap_site.config import Config
from roadmap_site.models import Article, ComparisonTable, Difficulty, Series, Site, Topic, reading_minutes


def make_environment(template_dirs: Iterable[Path]) -> jinja2.Environment:
    """Templates from the site's own folder first, then the default theme's, file by file."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["day"] = format_day
    env.filters["isoday"] = iso_day
    return env


def format_day(when: dt.datetime | None) -> str:
    """'12 July 2023': the day in the author's own time zone."""
    return f"{when.day} {when:%B %Y}" if when else ""


def iso_day(when: dt.datetime | None) -> str:
    return when.date().isoformat() if when else ""


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
class SeriesSummary:
    series: Series
    parts: tuple[Article, ...]
    minutes: int
    spread: tuple[tuple[Difficulty, int], ...]
    topic_count: int


@dataclass(frozen=True)
class TopicEntry:
    topic: Topic
    article: Article


@dataclass(frozen=True)
class ComparisonGroup:
    subjects: str
    tables: tuple[tuple[ComparisonTable, Article], ...]


@dataclass(frozen=True)
class Term:
    name: str
    path: str
    count: int


def summarize_series(series: Series, site: Site) -> SeriesSummary:
    parts = tuple(site.articles[key] for key in series.articles)
    return SeriesSummary(
        series=series,
        parts=parts,
        minutes=reading_minutes(sum(a.word_count for a in parts)),
        spread=difficulty_spread(topic for a in parts for topic in a.topics),
        topic_count=sum(len(a.topics) for a in parts),
    )


def difficulty_spread(topics: Iterable[Topic]) -> tuple[tuple[Difficulty, int], ...]:
    counts = Counter(topic.difficulty for topic in topics if topic.difficulty is not None)
    return tuple(sorted(counts.items(), key=lambda item: (item[0].rank, item[0].name)))


def series_navs(article: Article, site: Site) -> tuple[SeriesNav, ...]:
    navs = []
    for one in site.series.values():
        if article.key in one.articles:
            parts = tuple(site.articles[key] for key in one.articles)
            navs.append(SeriesNav(one, one.articles.index(article.key) + 1, parts, article.key))
    return tuple(navs)


class Renderer:
    """Lays out pages; holds the template environment and the site-wide context."""

    def __init__(self, env: jinja2.Environment, site: Site, config: Config):
        self._env = env
        self._site = site
        self._config = config
        self._nav = [
            ("Home", urls.HOME),
            ("Difficulty", urls.DIFFICULTY_INDEX),
            ("Comparisons", urls.COMPARISONS),
            ("Tags", urls.taxonomy_path("tags")),
        ]

    def page(self, template: str, path: str, **context: Any) -> str:
        linker = urls.Linker(path, self._config.base_url, absolute=path == urls.NOT_FOUND)
        return self._env.get_template(template).render(
            site=self._config,
            page_path=path,
            nav=[(label, target) for label, target in self._nav],
            url=linker,
            asset=linker.asset,
            **context,
        )

    def article(self, article: Article) -> str:
        return self.page(
            "article.html",
            article.path,
            article=article,
            series=series_navs(article, self._site),
            tags=[(name, urls.term_path("tags", name)) for name in article.tags],
            categories=[(name, urls.term_path("categories", name)) for name in article.categories],
        )

    def listing_pages(self) -> Iterator[tuple[str, str]]:
        """Every page but the articles' own, as (output path, HTML)."""
        site = self._site
        summaries = [summarize_series(one, site) for one in site.series.values()]
        standalone = [site.articles[key] for key in site.home]
        yield urls.HOME, self.page("home.html", urls.HOME, series_list=summaries, articles=standalone)
        for summary in summaries:
            yield summary.series.path, self.page("series.html", summary.series.path, summary=summary)
        yield from self._taxonomy_pages("tags", "Tags", site.tags)
        yield from self._taxonomy_pages("categories", "Categories", site.categories)
        yield from self._difficulty_pages()
        yield urls.COMPARISONS, self.page("comparisons.html", urls.COMPARISONS, groups=comparison_groups(site))
        yield urls.NOT_FOUND, self.page("404.html", urls.NOT_FOUND)

    def _taxonomy_pages(self, taxonomy: str, label: str, terms: dict[str, tuple[str, ...]]):
        if not terms:
            return
        listing = [Term(name, urls.term_path(taxonomy, name), len(keys)) for name, keys in terms.items()]
        index = urls.taxonomy_path(taxonomy)
        yield index, self.page("terms.html", index, label=label, terms=listing)
        for term in listing:
            articles = [self._site.articles[key] for key in terms[term.name]]
            yield term.path, self.page("term.html", term.path, label=label, term=term, articles=articles)

    def _difficulty_pages(self):
        site = self._site
        entries: dict[str, list[TopicEntry]] = {level.slug: [] for level in site.difficulty_levels}
        for article in self._reading_order():
            for topic in article.topics:
                if topic.difficulty is not None:
                    entries[topic.difficulty.slug].append(TopicEntry(topic, article))
        levels = [(level, urls.difficulty_path(level.slug), len(entries[level.slug])) for level in site.difficulty_levels]
        yield urls.DIFFICULTY_INDEX, self.page("difficulty_index.html", urls.DIFFICULTY_INDEX, levels=levels)
        for level, path, _ in levels:
            yield path, self.page("difficulty.html", path, level=level, entries=entries[level.slug])

    def _reading_order(self) -> list[Article]:
        """Series parts in order, series by series, then standalone articles."""
        site = self._site
        keys = [key for one in site.series.values() for key in one.articles] + list(site.home)
        return [site.articles[key] for key in dict.fromkeys(keys)]


def comparison_groups(site: Site) -> tuple[ComparisonGroup, ...]:
    groups: dict[tuple[str, ...], list[tuple[ComparisonTable, Article]]] = {}
    names: dict[tuple[str, ...], str] = {}
    for article in site.articles.values():
        for table in article.tables:
            groups.setdefault(table.subject_key, []).append((table, article))
            names.setdefault(table.subject_key, " vs ".join(table.subjects))
    ordered = sorted(groups, key=lambda key: names[key].casefold())
    return tuple(ComparisonGroup(names[key], tuple(groups[key])) for key in ordered)
