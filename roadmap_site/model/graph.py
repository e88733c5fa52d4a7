"""The prerequisite graph: what to read before an article and what builds on it. Pure.

Edges come from two places: the `prerequisites` an author lists in front matter (by path,
file name, slug or title) and the order of each series (part n comes before part n + 1).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from roadmap_site.errors import Problem, warning
from roadmap_site.model.models import Article, Site, name_key

FRONT_MATTER_KEY = "prerequisites"


@dataclass(frozen=True)
class Prerequisites:
    """Article keys around one article, in reading order."""

    before: tuple[str, ...]  # declared prerequisites, then the previous part of each series
    next_up: tuple[str, ...]  # the next part of each series, then articles that require this one
    declared: tuple[str, ...] = ()  # only the prerequisites the author listed


Graph = Mapping[str, Prerequisites]  # article key -> its prerequisites


def reference_names(article: Article) -> set[str]:
    """Every name by which front matter may refer to an article, case-folded."""
    key = article.key
    stem = key.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    segments = [s for s in article.path.split("/") if s and s != "index.html"]
    names = {key, key.rsplit(".", 1)[0], stem, article.title}
    if segments:
        names.add(segments[-1].removesuffix(".html"))
    return {name_key(name) for name in names if name}


def reference_index(site: Site) -> dict[str, tuple[str, ...]]:
    """name -> the keys of the articles it may mean; more than one key means ambiguous."""
    index: dict[str, list[str]] = defaultdict(list)
    for article in site.articles.values():
        for name in reference_names(article):
            index[name].append(article.key)
    return {name: tuple(sorted(keys)) for name, keys in index.items()}


def declared_references(article: Article) -> tuple[list[str], str | None]:
    """The references written under `prerequisites`, and a complaint when the value is malformed."""
    value: Any = article.extra.get(FRONT_MATTER_KEY)
    if value is None:
        return [], None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, (str, int)) for item in value):
        return [], "prerequisites must be a list of article paths, slugs or titles"
    return [str(item) for item in value if str(item).strip()], None


def resolve_prerequisites(site: Site) -> tuple[dict[str, tuple[str, ...]], list[Problem]]:
    """Declared prerequisite keys by article key, with a warning for each reference that names
    no article, or more than one, at the line of the article's `prerequisites` key."""
    index = reference_index(site)
    resolved: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    for article in site.articles.values():
        line = article.lines.get(FRONT_MATTER_KEY, 1)
        references, complaint = declared_references(article)
        if complaint:
            problems.append(warning(article.source, line, complaint))
        keys: list[str] = []
        for reference in references:
            matches = index.get(name_key(reference), ())
            if len(matches) == 1 and matches[0] == article.key:
                problems.append(warning(article.source, line, f"prerequisite {reference!r} is this article itself"))
            elif len(matches) == 1:
                keys.append(matches[0])
            elif matches:
                problems.append(warning(article.source, line, f"prerequisite {reference!r} may mean {', '.join(matches)}; write its path"))
            else:
                problems.append(warning(article.source, line, f"unknown prerequisite {reference!r}"))
        resolved[article.key] = tuple(dict.fromkeys(keys))
    return resolved, problems


def series_edges(site: Site) -> list[tuple[str, str]]:
    """(earlier part, next part) for each neighbouring pair in every series."""
    return [(one.articles[i], one.articles[i + 1]) for one in site.series.values() for i in range(len(one.articles) - 1)]


def prerequisite_graph(site: Site) -> tuple[dict[str, Prerequisites], list[Problem]]:
    """Prerequisites of every article, and warnings for bad references and for cycles (at
    the `prerequisites` line of the cycle's first article in reading order)."""
    declared, problems = resolve_prerequisites(site)
    order = {key: position for position, key in enumerate(site.reading_order())}
    before: dict[str, list[str]] = {key: list(keys) for key, keys in declared.items()}
    after: dict[str, list[str]] = defaultdict(list)
    for earlier, later in series_edges(site):
        before[later].append(earlier)
        after[earlier].append(later)
    for key in sorted(declared, key=order.__getitem__):
        for required in declared[key]:
            after[required].append(key)
    graph = {
        key: Prerequisites(tuple(dict.fromkeys(before[key])), tuple(dict.fromkeys(after[key])), declared[key])
        for key in site.articles
    }
    for cycle in find_cycles({key: before[key] for key in site.articles}, order):
        article = site.articles[cycle[0]]
        route = " -> ".join(site.articles[key].source for key in [*cycle, cycle[0]])
        problems.append(warning(article.source, article.lines.get(FRONT_MATTER_KEY, 1), f"prerequisites form a cycle: {route}"))
    return graph, problems


def find_cycles(edges: Mapping[str, Iterable[str]], order: Mapping[str, int]) -> list[tuple[str, ...]]:
    """Each cycle once, as the keys along it, starting from its earliest key in reading order."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    found: dict[frozenset[str], tuple[str, ...]] = {}
    for root in sorted(edges, key=lambda key: order.get(key, 0)):
        if root in state:
            continue
        # Iterative depth-first search: a series of thousands of parts must not hit the recursion limit.
        path, pending = [root], [iter(edges.get(root, ()))]
        state[root] = 1
        while pending:
            target = next(pending[-1], None)
            if target is None:
                state[path.pop()] = 2
                pending.pop()
            elif state.get(target) == 1:
                cycle = path[path.index(target):]
                start = min(range(len(cycle)), key=lambda i: order.get(cycle[i], 0))
                found.setdefault(frozenset(cycle), tuple(cycle[start:] + cycle[:start]))
            elif target not in state:
                state[target] = 1
                path.append(target)
                pending.append(iter(edges.get(target, ())))
    return list(found.values())
