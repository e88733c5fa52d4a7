"""Resolve the links an author wrote ('../linux/tar.md#usage', 'img/a.png') to site paths."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class LinkIndex:
    """What a link may point at: article pages and other files of the content folder,
    both by their content-relative key."""

    pages: dict[str, str]  # article key -> output path
    files: frozenset[str] = frozenset()

    def signature(self, keys: frozenset[str]) -> tuple:
        """What this index says about the given keys: an article parsed against one index
        is still right against another whose signature for its links is the same."""
        return tuple((key, self.pages.get(key), key in self.files) for key in sorted(keys))


@dataclass(frozen=True)
class Resolved:
    key: str  # content key of the target
    path: str  # output path of the target
    fragment: str
    is_page: bool


@dataclass(frozen=True)
class Unresolved:
    written: str  # the link as the author wrote it, for the warning


def link_key(href: str, source_key: str) -> str | None:
    """The content key a link names ('../linux/tar.md' from 'osx/tar.md' is 'linux/tar.md'),
    or None for links to other sites, mailto: and in-page '#x'."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    written = unquote(parts.path)
    if written.startswith("/"):
        return posixpath.normpath(written.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_key), written))


def resolve_link(href: str, source_key: str, index: LinkIndex) -> Resolved | Unresolved | None:
    """None for links that are not ours to change: other sites, mailto:, in-page '#x',
    and site paths that do not name a content file."""
    key = link_key(href, source_key)
    if key is None:
        return None
    parts = urlsplit(href)
    written = unquote(parts.path)
    if key.startswith("../") or key == "..":
        return Unresolved(href)
    if key in index.pages:
        return Resolved(key, index.pages[key], unquote(parts.fragment), True)
    if key in index.files:
        return Resolved(key, key, unquote(parts.fragment), False)
    if written.lower().endswith(ARTICLE_SUFFIXES) or not written.startswith("/"):
        return Unresolved(href)
    return None
