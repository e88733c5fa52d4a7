"""Render the site's pages with Jinja2: one page is a function of (model, site, config).

The views (roadmap_site.output.views) are computed first and handed to templates ready to
lay out; templates compute nothing. Every page but the articles' own is planned here and
made only when the build needs it.
"""

from __future__ import annotations

import datetime as dt
from functools import cache, partial
from pathlib import Path
from typing import Any, Iterable, Iterator

import jinja2

from roadmap_site.config import Config
from roadmap_site.model import urls
from roadmap_site.model.graph import Graph, Prerequisites
from roadmap_site.model.models import Article, Series, Site
from roadmap_site.model.urls import SEARCH_PAGE, SITE_FEED, absolute_url
from roadmap_site.output.plan import Planned
from roadmap_site.output.roadmap_map import map_svg
from roadmap_site.output.views import (
    PER_PAGE,
    Pager,
    SeriesSummary,
    Term,
    TopicEntry,
    comparison_entries,
    grouped,
    pagefind_filters,
    pagefind_topic_levels,
    paginate,
    progress_id,
    series_navs,
    summarize_series,
)


ARTICLE_TEMPLATE = "article.html"


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
    env.globals["map_svg"] = map_svg
    return env


def format_day(when: dt.datetime | None) -> str:
    """'12 July 2023': the day in the author's own time zone."""
    return f"{when.day} {when:%B %Y}" if when else ""


def iso_day(when: dt.datetime | None) -> str:
    return when.date().isoformat() if when else ""


class Renderer:
    """Lays out pages; holds the template environment and the site-wide context."""

    def __init__(self, env: jinja2.Environment, site: Site, config: Config, graph: Graph):
        self._env = env
        self._site = site
        self._config = config
        self._graph = graph
        # Until roadmap.yml has a `search` setting, search is on.
        self._search = config.search
        self._nav = [
            ("Home", urls.HOME),
            ("Difficulty", urls.DIFFICULTY_INDEX),
            ("Comparisons", urls.COMPARISONS),
            ("Tags", urls.taxonomy_path("tags")),
            *([("Search", SEARCH_PAGE)] if self._search else []),
        ]

    def page(self, template: str, path: str, description: str = "", og_type: str = "website", **context: Any) -> str:
        linker = urls.Linker(path, self._config.base_url, absolute=path == urls.NOT_FOUND)
        base_url = self._config.base_url
        return self._env.get_template(template).render(
            site=self._config,
            page_path=path,
            nav=[(label, target) for label, target in self._nav],
            url=cache(linker),  # a page links to the same articles many times (a series' map, its list)
            asset=linker.asset,  # for a site's own templates, linking to its own static files
            links=urls.SiteLinks(linker),
            description=description or self._config.description,
            canonical=absolute_url(base_url, path) if base_url and path != urls.NOT_FOUND else None,
            og_type=og_type,
            site_feed=absolute_url(base_url, SITE_FEED) if base_url else None,
            search_page=SEARCH_PAGE if self._search else None,
            **context,
        )

    def article(self, article: Article) -> str:
        site = self._site
        links = self._graph.get(article.key, Prerequisites((), ()))
        return self.page(
            ARTICLE_TEMPLATE,
            article.path,
            description=article.description,
            og_type="article",
            article=article,
            series=series_navs(article, site),
            tags=[(name, site.term_path("tags", name)) for name in article.tags],
            categories=[(name, site.term_path("categories", name)) for name in article.categories],
            before=[site.articles[key] for key in links.before],
            next_up=[site.articles[key] for key in links.next_up],
            progress_id=progress_id(article, site),
            topic_ids={topic.anchor: f"{progress_id(article, site)}#{topic.anchor}" for topic in article.topics},
            search_filters=pagefind_filters(article, site) if self._search else (),
            search_topic_levels=pagefind_topic_levels(article) if self._search else "",
        )

    def shown_articles(self, article: Article) -> tuple[str, ...]:
        """The keys of every article whose data the article's page shows."""
        links = self._graph.get(article.key, Prerequisites((), ()))
        series = [key for one in self._site.series_for(article.key) for key in one.articles]
        return tuple(dict.fromkeys([article.key, *series, *links.before, *links.next_up]))

    def listing_pages(self) -> Iterator[Planned]:
        """Every page but the articles' own, planned: made only when the build needs it."""
        site = self._site
        standalone = [site.articles[key] for key in site.home]
        for path, pager, (some_series, some_articles) in paginate(urls.HOME, list(site.series.values()), standalone):
            yield Planned(
                path,
                partial(self._home_page, path, some_series, some_articles, pager),
                shown=(*(key for one in some_series for key in self._series_shows(one)), *(a.key for a in some_articles)),
                values=(pager, some_series),
            )
        for one in site.series.values():
            yield Planned(one.path, partial(self._series_page, one), shown=self._series_shows(one), values=(one,))
        if self._search:
            levels = [(level, urls.difficulty_path(level.slug)) for level in site.difficulty_levels]
            yield Planned(SEARCH_PAGE, partial(self.page, "search.html", SEARCH_PAGE, levels=levels))
        yield from self._taxonomy_pages("tags", "Tags", site.tags)
        yield from self._taxonomy_pages("categories", "Categories", site.categories)
        yield from self._difficulty_pages()
        for path, pager, (some,) in paginate(urls.COMPARISONS, comparison_entries(site), per_page=PER_PAGE // 3):
            yield Planned(
                path,
                partial(self.page, "comparisons.html", path, groups=grouped(some), pager=pager),
                shown=tuple(dict.fromkeys(article.key for _, _, article in some)),
                values=(pager, [(subjects, table.anchor, article.key) for subjects, table, article in some]),
            )
        yield Planned(urls.NOT_FOUND, partial(self.page, "404.html", urls.NOT_FOUND, root_known=bool(self._config.base_url)))

    def _taxonomy_pages(self, taxonomy: str, label: str, terms: dict[str, tuple[str, ...]]) -> Iterator[Planned]:
        if not terms and taxonomy != "tags":  # the site navigation always links to the tags
            return
        listing = [Term(name, self._site.term_path(taxonomy, name), len(keys)) for name, keys in terms.items()]
        index = urls.taxonomy_path(taxonomy)
        yield Planned(index, partial(self.page, "terms.html", index, label=label, terms=listing), values=(listing,))
        for term in listing:
            articles = [self._site.articles[key] for key in terms[term.name]]
            for path, pager, (some,) in paginate(term.path, articles):
                yield Planned(
                    path,
                    partial(self.page, "term.html", path, label=label, term=term, articles=some, pager=pager),
                    shown=tuple(article.key for article in some),
                    values=(term, pager),
                )

    def _difficulty_pages(self) -> Iterator[Planned]:
        site = self._site
        entries: dict[str, list[TopicEntry]] = {level.slug: [] for level in site.difficulty_levels}
        for article in map(site.articles.__getitem__, site.reading_order()):
            for topic in article.topics:
                if topic.difficulty is not None:
                    entries[topic.difficulty.slug].append(TopicEntry(topic, article))
        levels = [(level, urls.difficulty_path(level.slug), len(entries[level.slug])) for level in site.difficulty_levels]
        index = urls.DIFFICULTY_INDEX
        yield Planned(index, partial(self.page, "difficulty_index.html", index, levels=levels), values=(levels,))
        for level, first, _ in levels:
            for path, pager, (some,) in paginate(first, entries[level.slug], per_page=PER_PAGE * 4):
                yield Planned(
                    path,
                    partial(self.page, "difficulty.html", path, level=level, entries=some, pager=pager),
                    shown=tuple(dict.fromkeys(entry.article.key for entry in some)),
                    values=(level, pager, [(entry.article.key, entry.topic.anchor) for entry in some]),
                )

    def _summary(self, series: Series) -> SeriesSummary:
        return summarize_series(series, self._site, self._graph, self._config.base_url)

    def _home_page(self, path: str, some_series: list[Series], some_articles: list[Article], pager: Pager) -> str:
        summaries = [self._summary(one) for one in some_series]
        return self.page("home.html", path, series_list=summaries, articles=some_articles, pager=pager)

    def _series_page(self, series: Series) -> str:
        summary = self._summary(series)
        options = [[level.slug, level.name] for level in summary.levels]
        return self.page("series.html", series.path, summary=summary, level_options=options)

    def _series_shows(self, series: Series) -> tuple[str, ...]:
        """The articles a series' summary shows: its parts and the prerequisites they declare."""
        declared = (key for part in series.articles if part in self._graph for key in self._graph[part].declared)
        return tuple(dict.fromkeys([*series.articles, *declared]))
