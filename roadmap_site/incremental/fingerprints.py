"""Digests that tell a build what changed since the last one: roadmap-site's own code, an
article's source, what other pages show of an article, what a page shows, and everything a
build reads. One hashing rule serves them all (`Digest`), so that no two of them can be fed
the same parts and disagree.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from roadmap_site import __version__
from roadmap_site.config import Config
from roadmap_site.layout import Layout
from roadmap_site.model.graph import Graph
from roadmap_site.model.models import Article, Site
from roadmap_site.output.fs import theme_files
from roadmap_site.output.plan import Planned
from roadmap_site.parse.sources import ContentFiles, Source


class Digest:
    """SHA-256 over a sequence of named parts. Each part is length-prefixed, so two
    different sequences never feed the hash the same bytes."""

    def __init__(self, *texts: str):
        self._hash = hashlib.sha256()
        for text in texts:
            self.add_text(text)

    def add_text(self, text: str) -> None:
        self.add("", text.encode("utf-8", "surrogatepass"))

    def add(self, name: str, data: bytes) -> None:
        self._hash.update(name.encode("utf-8", "surrogatepass") + b"\0" + len(data).to_bytes(8, "big"))
        self._hash.update(data)

    def add_files(self, label: str, files: Iterable[tuple[str, Path]]) -> None:
        for name, path in files:
            self.add(f"{label}:{name}", path.read_bytes())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def fingerprint(*parts: str) -> str:
    """Digest(*parts).hexdigest(), in one call into hashlib: a build takes tens of
    thousands of these."""
    encoded = [part.encode("utf-8", "surrogatepass") for part in parts]
    return hashlib.sha256(b"".join(b"\0" + len(data).to_bytes(8, "big") + data for data in encoded)).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """roadmap-site's own code: a build or cache entry made by other code is never reused,
    even between two commits that share a version number."""
    package = Path(__file__).resolve().parents[1]
    digest = Digest(__version__)
    digest.add_files("code", ((path.relative_to(package).as_posix(), path) for path in sorted(package.rglob("*.py"))))
    return digest.hexdigest()


def source_digest(source: Source, config: Config, segments: str, cache_format: str) -> str:
    """What a parsed article is kept under: its place, path segments and bytes, the config,
    roadmap-site."""
    digest = Digest(cache_format, code_digest(), source.key, source.shown, segments, repr(config))
    digest.add("source", source.digest)
    return digest.hexdigest()


@dataclass(frozen=True)
class ArticleDigests:
    """What a parsed article is: `text` identifies everything its page shows of it (its
    source, and what its links resolved to), `summary` what other pages may show of it."""

    text: str
    summary: str


def article_digests(article: Article, source: str, link_signature: tuple) -> ArticleDigests:
    return ArticleDigests(fingerprint(source, repr(link_signature)), summary_digest(article))


def summary_digest(article: Article) -> str:
    """A digest of what other pages may show of an article: everything but its text, and
    of its length only its reading minutes, so that most edits of the text leave every
    listing page as it was."""
    shown = replace(article, html="", toc=(), anchors=frozenset(), links=(), link_keys=frozenset(), word_count=0)
    return fingerprint(repr(shown), str(article.reading_minutes))


def theme_fingerprint(template_dirs: Iterable[Path], config: Config, site: Site) -> str:
    """Everything every page depends on: roadmap-site itself, the templates, the config and
    the site's difficulty scale."""
    digest = Digest(code_digest(), repr(config), repr(site.difficulty_levels))
    digest.add_files("template", theme_files(template_dirs))
    return digest.hexdigest()


def article_views(site: Site, graph: Graph, digests: dict[str, ArticleDigests]) -> dict[str, str]:
    """For each article, a fingerprint of everything other pages may show of it: its
    summary (not its text), its place in the prerequisite graph and its series."""
    series = {key: repr(one) for key, one in site.series.items()}  # a series is shown by each of its parts
    return {
        key: fingerprint(digests[key].summary, repr(graph.get(key)), *(series[one] for one in site.series_of.get(key, ())))
        for key in site.articles
    }


class PageFingerprints:
    """The fingerprint of each page of one build: equal fingerprints, equal bytes."""

    def __init__(self, theme: str, views: dict[str, str], digests: dict[str, ArticleDigests]):
        self._theme = theme
        self._views = views
        self._digests = digests

    def article_page(self, key: str, shown: Iterable[str]) -> str:
        return fingerprint(self._theme, "article page", self._digests[key].text, *(self._views[k] for k in shown))

    def planned(self, page: Planned) -> str:
        return fingerprint(
            # The values are frozen dataclasses, tuples and strings, whose repr is stable.
            self._theme, page.path, repr(page.values),
            *(self._views[key] for key in page.shown),
            *(self._digests[key].text for key in page.bodies),
        )


def inputs_digest(layout: Layout, config: Config, indexing: bool, content: ContentFiles, sources: list[Source],
                  record_format: str) -> str:
    """A digest of everything a build reads: equal digests make equal output."""
    digest = Digest(record_format, code_digest(), repr(config), f"search={indexing}", str(layout.content_dir))
    for source in sources:
        digest.add(f"article:{source.key}", source.digest)
    digest.add_files("file", ((key, content.folder / key) for key in sorted(content.others)))
    for number, folder in enumerate((*layout.template_dirs, *layout.static_dirs)):
        digest.add_files(f"theme{number}", theme_files([folder]))
    return digest.hexdigest()
