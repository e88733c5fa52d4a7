"""Load a site's articles, parsing only what the cache cannot vouch for, and assemble them.

An entry of the cache stands for an article while its source bytes, its path segments among
its siblings and the config are the same (its key says so) and the links it makes still resolve as they did (its link
signature); an unchanged source is not even read for its front matter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from roadmap_site.config import Config
from roadmap_site.errors import Problem
from roadmap_site.incremental.cache import ArticleCache, Entry
from roadmap_site.incremental.fingerprints import ArticleDigests, article_digests
from roadmap_site.model.assemble import assemble_site, check_fragments
from roadmap_site.model.models import Site
from roadmap_site.model.urls import ContentNames
from roadmap_site.parse.article import Head, read_head
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.parallel import Progress, parse_articles
from roadmap_site.parse.sources import ContentFiles, Source, read_sources


@dataclass(frozen=True)
class LoadedSite:
    site: Site
    problems: list[Problem]  # of every file, parsed now or earlier
    digests: dict[str, ArticleDigests]  # by article key, for the pages' fingerprints
    index: LinkIndex  # what the articles' links were resolved against
    names: ContentNames  # the path segments of every article


def load_site(
    content: ContentFiles,
    config: Config,
    cache: ArticleCache | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    sources: list[Source] | None = None,
) -> LoadedSite:
    """Every article parsed and assembled, with the problems of all files together.
    `sources`: the content's articles when the caller has read them already."""
    cache = cache or ArticleCache()
    problems: list[Problem] = []
    sources = read_sources(content) if sources is None else sources
    names = ContentNames(content.articles)
    named = [names.of(source.key) for source in sources]
    keys = [cache.key_for(source, config, segments) for source, segments in zip(sources, named)]
    cached: dict[int, Entry] = {}  # by position in sources
    heads: dict[int, Head] = {}
    for position, (source, key) in enumerate(zip(sources, keys)):
        entry = cache.lookup(key)
        if entry is not None:
            cached[position] = entry
        elif (head := _read_head(source, config, named[position], problems)) is not None:
            heads[position] = head
    index = LinkIndex(pages=_page_paths(cached.values(), heads.values(), config), files=content.others)
    kept: dict[int, Entry] = {}
    for position, entry in cached.items():
        if entry.links == index.signature(entry.article.link_keys):
            kept[position] = entry
        elif (head := _read_head(sources[position], config, named[position], problems)) is not None:
            heads[position] = head  # what its links point at has changed: parse it again
    missing = sorted(p for p, head in heads.items() if config.drafts or not head.meta.draft)
    for position, (article, found) in zip(missing, parse_articles([heads[p] for p in missing], index, config, workers, progress)):
        signature = index.signature(article.link_keys)
        kept[position] = Entry(signature, article, found, article_digests(article, keys[position], signature))
        cache.store(keys[position], kept[position])
    cache.sweep()
    ordered = [kept[position] for position in sorted(kept)]
    for entry in ordered:
        problems.extend(entry.problems)
    site, assembly_problems = assemble_site([entry.article for entry in ordered], config)
    digests = {entry.article.key: entry.digests for entry in ordered}
    return LoadedSite(site, problems + assembly_problems + check_fragments(site), digests, index, names)


def _page_paths(cached: Iterable[Entry], heads: Iterable[Head], config: Config) -> dict[str, str]:
    """Article key -> output path, for every article that will have a page."""
    pages = {entry.article.key: entry.article.path for entry in cached if config.drafts or not entry.article.draft}
    pages.update((head.source.key, head.path) for head in heads if config.drafts or not head.meta.draft)
    return pages


def _read_head(source: Source, config: Config, named: tuple[str, ...], problems: list[Problem]) -> Head | None:
    head = read_head(source, config, named)
    if isinstance(head, Problem):
        problems.append(head)
        return None
    return head
