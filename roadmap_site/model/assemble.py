"""Assemble parsed articles into a Site: series in reading order, taxonomies, levels. Pure."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from functools import partial
from typing import Iterable

from roadmap_site.config import Config
from roadmap_site.errors import Problem, warning
from roadmap_site.model.models import Article, Difficulty, Series, Site, level_named, name_key
from roadmap_site.model.urls import segments, series_path, term_paths

_EPOCH = dt.datetime(1, 1, 1)


def moment(when: dt.datetime | None) -> dt.datetime:
    """A naive UTC instant for ordering dates with and without offsets; no date sorts first."""
    if when is None:
        return _EPOCH
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None) if when.tzinfo else when


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (moment(a.date), a.title.casefold()), reverse=True)


def assemble_site(articles: Iterable[Article], config: Config) -> tuple[Site, list[Problem]]:
    published = sorted((a for a in articles if config.drafts or not a.draft), key=lambda a: a.key)
    by_key = {article.key: article for article in published}
    series, problems = _assemble_series(published)
    series_of: dict[str, list[str]] = defaultdict(list)
    for one in series.values():
        for key in one.articles:
            series_of[key].append(one.key)
    taxonomies = {"tags": _taxonomy(published, lambda a: a.tags), "categories": _taxonomy(published, lambda a: a.categories)}
    return (
        Site(
            articles=by_key,
            series=series,
            tags=taxonomies["tags"],
            categories=taxonomies["categories"],
            difficulty_levels=_levels_in_use(published, config),
            home=tuple(a.key for a in newest_first(a for a in published if a.key not in series_of)),
            series_of={key: tuple(keys) for key, keys in series_of.items()},
            term_pages={taxonomy: {name_key(name): path for name, path in term_paths(taxonomy, terms).items()}
                        for taxonomy, terms in taxonomies.items()},
        ),
        problems,
    )


def _assemble_series(articles: list[Article]) -> tuple[dict[str, Series], list[Problem]]:
    members: dict[str, list[Article]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in articles:
        for name in article.series:
            key = name_key(name)
            names.setdefault(key, " ".join(name.split()))
            members[key].append(article)
    problems: list[Problem] = []
    built: list[tuple[dt.datetime, Series]] = []
    chosen = segments(names[key] for key in members)
    for key, parts in members.items():
        ordered = sorted(parts, key=_reading_order)
        problems.extend(_duplicate_parts(ordered, names[key]))
        newest = max(moment(a.date) for a in ordered)
        built.append((newest, Series(key, names[key], series_path(chosen[names[key]]), tuple(a.key for a in ordered))))
    built.sort(key=lambda item: (item[0], item[1].name.casefold()), reverse=True)
    return {one.key: one for _, one in built}, problems


def _reading_order(article: Article) -> tuple:
    order = article.series_order
    return (order is None, order or 0, moment(article.date), article.title.casefold(), article.key)


def _duplicate_parts(ordered: list[Article], series_name: str) -> list[Problem]:
    seen: dict[int, Article] = {}
    problems = []
    for article in ordered:
        if article.series_order is None:
            continue
        earlier = seen.setdefault(article.series_order, article)
        if earlier is not article:
            problems.append(
                warning(
                    article.source,
                    article.lines.get("series_order", 1),
                    f"part {article.series_order} of series {series_name!r} is also {earlier.source}; "
                    "both are kept, ordered by date and title",
                )
            )
    return problems


def _taxonomy(articles: list[Article], terms_of) -> dict[str, tuple[str, ...]]:
    keys: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for article in newest_first(articles):
        for term in terms_of(article):
            names.setdefault(name_key(term), term)
            keys[name_key(term)].append(article.key)
    return {names[k]: tuple(keys[k]) for k in sorted(keys)}


def _levels_in_use(articles: list[Article], config: Config) -> tuple[Difficulty, ...]:
    levels = {level.slug: level for level in map(partial(level_named, config.difficulty_levels), config.difficulty_levels)}
    for article in articles:
        for topic in article.topics:
            if topic.difficulty is not None:
                levels.setdefault(topic.difficulty.slug, topic.difficulty)
    return tuple(sorted(levels.values(), key=lambda level: (level.rank, level.name.casefold())))


def check_fragments(site: Site) -> list[Problem]:
    """A link to 'other.md#part' must name a heading that other.md has."""
    problems = []
    for article in site.articles.values():
        for link in article.links:
            target = site.articles.get(link.target)
            if target is not None and link.fragment not in target.anchors:
                problems.append(
                    warning(article.source, link.line, f"link to {link.written!r}: {link.target} has no heading {link.fragment!r}")
                )
    return problems
