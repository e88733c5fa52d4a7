"""The page of an edited article, made at once from the site the last build assembled.

Most saves change an article's text and nothing that places it in the site: its path,
title, date, series, tags, topics and the rest stay as they were. For such an edit the
article's own page is all the reader is looking at, and it can be made from the last
build's site with the new article put in, without reading or assembling anything else: a
few milliseconds instead of a whole rebuild. The rebuild still follows (listing pages show
summaries and reading minutes, feeds the text), and makes the same bytes for this page, so
it is not written twice; anything unusual (a new file, an error, a changed placement)
is left to that rebuild alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import jinja2

from roadmap_site.config import Config
from roadmap_site.errors import Problem, has_errors
from roadmap_site.incremental.cache import ArticleCache, Entry
from roadmap_site.incremental.fingerprints import article_digests
from roadmap_site.incremental.loading import LoadedSite
from roadmap_site.layout import Layout
from roadmap_site.model.graph import Graph
from roadmap_site.model.models import Article, Difficulty
from roadmap_site.output.fs import atomic_write, check_output_path
from roadmap_site.output.render import Renderer
from roadmap_site.parse.article import parse_article, read_head
from roadmap_site.parse.markdown import MarkdownRenderer
from roadmap_site.parse.sources import is_skipped, read_source


@dataclass
class Assembled:
    """What the last good build of the preview assembled, how it was configured, and the
    template environment and Markdown renderer quick pages are made with (kept from build
    to build: their compiled templates and parsers are most of a first page's cost)."""

    loaded: LoadedSite
    graph: Graph
    layout: Layout
    config: Config
    env: jinja2.Environment
    markdown: MarkdownRenderer


def edited_article_keys(changed: frozenset[Path], assembled: Assembled) -> list[str] | None:
    """The keys of the articles the changed paths are, when every changed path is an
    article of the last build that is still a file, or a file the build skips (an editor's
    hidden temporary file); None otherwise (leave it all to the rebuild)."""
    content_dir = assembled.layout.content_dir.absolute()
    articles = assembled.loaded.site.articles
    keys = []
    for path in changed:
        if not path.is_relative_to(content_dir):
            return None
        key = path.relative_to(content_dir).as_posix()
        if is_skipped(key):
            continue
        if key not in articles or not path.is_file():
            return None
        keys.append(key)
    return sorted(keys)


def quick_page(assembled: Assembled, key: str, cache: ArticleCache, out_dir: Path) -> str | None:
    """Parse the article at `key` again and write its page, when the edit left its place in
    the site as it was; the output path written, or None (nothing was written). The
    article goes into the cache, so the rebuild that follows does not parse it again."""
    loaded, config = assembled.loaded, assembled.config
    try:
        source = read_source(assembled.layout.content_dir, key)
    except OSError:
        return None
    segments = loaded.names.of(key)
    head = read_head(source, config, segments)
    if isinstance(head, Problem):  # the rebuild reports it
        return None
    article, problems = parse_article(head, loaded.index, config, assembled.markdown)
    before = loaded.site.articles[key]
    if has_errors(problems) or placement(article) != placement(before):
        return None
    site = replace(loaded.site, articles={**loaded.site.articles, key: article})
    page = Renderer(assembled.env, site, config, assembled.graph).article(article).encode("utf-8")
    signature = loaded.index.signature(article.link_keys)
    cache_key = cache.key_for(source, config, segments)
    cache.store(cache_key, Entry(signature, article, problems, article_digests(article, cache_key, signature)))
    atomic_write(out_dir / check_output_path(article.path), page)
    assembled.loaded = replace(loaded, site=site)  # a second quick save builds on this one
    return article.path


def placement(article: Article) -> tuple[Article, frozenset[Difficulty]]:
    """An article without what may change without moving it in the site: its text, its
    headings, topics, tables, word count and description (which listing pages show, but
    which place nothing), and the file lines of its front matter; with the difficulties of
    its topics, which may add a level to the site's scale."""
    levels = frozenset(topic.difficulty for topic in article.topics if topic.difficulty is not None)
    bare = replace(article, html="", toc=(), anchors=frozenset(), links=(), link_keys=frozenset(),
                   word_count=0, description="", lines={}, tables=(), topics=())
    return bare, levels
