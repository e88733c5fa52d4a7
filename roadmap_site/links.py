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


@dataclass(frozen=True)
class Resolved:
    key: str  # content key of the target
    path: str  # output path of the target
    fragment: str
    is_page: bool


@dataclass(frozen=True)
class Unresolved:
    written: str  # the link as the author wrote it, for the warning


def resolve_link(href: str, source_key: str, index: LinkIndex) -> Resolved | Unresolved | None:
    """None for links that are not ours to change: other sites, mailto:, in-page '#x',
    and site paths that do not name a content file."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    written = unquote(parts.path)
    if written.startswith("/"):
        key = posixpath.normpath(written.lstrip("/"))
    else:
        key = posixpath.normpath(posixpath.join(posixpath.dirname(source_key), written))
    if key.startswith("../") or key == "..":
        return Unresolved(href)
    if key in index.pages:
        return Resolved(key, index.pages[key], unquote(parts.fragment), True)
    if key in index.files:
        return Resolved(key, key, unquote(parts.fragment), False)
    if written.lower().endswith(ARTICLE_SUFFIXES) or not written.startswith("/"):
        return Unresolved(href)
    return None
