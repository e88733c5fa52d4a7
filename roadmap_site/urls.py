"""Every output path and every link of the site is computed here, and only here.

Output paths are POSIX paths relative to the output folder ("docker/intro/index.html").
Links between pages are relative, so one build works at a domain root and under a
project subpath. Without a base URL the site is meant to be opened from disk as well,
so links name "index.html" explicitly; with one they end in "/" as on a web server.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit

_NOT_WORD = re.compile(r"[^\w]+")


def slugify(text: str) -> str:
    """Lower-case words joined by '-'; letters of any script are kept, so no two titles in
    Greek or Korean collapse to the same empty slug."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("-", text).strip("-_")


def article_path(key: str, slug: str | None) -> str:
    """Mirror the content tree: 'linux/tar.md' is published at 'linux/tar/index.html'.
    A slug replaces the last segment. Folder names are slugified too, so no source path,
    however odd, can point outside the output folder."""
    *folders, filename = key.split("/")
    stem = filename.rsplit(".", 1)[0]
    last = slugify(slug or "") or slugify(stem) or "article"
    segments = [slugify(folder) or "_" for folder in folders] + [last]
    return "/".join(segments) + "/index.html"


def series_path(slug: str) -> str:
    return f"series/{slug}/index.html"


def term_path(taxonomy: str, name: str) -> str:
    return f"{taxonomy}/{slugify(name) or 'untitled'}/index.html"


def taxonomy_path(taxonomy: str) -> str:
    return f"{taxonomy}/index.html"


def difficulty_path(slug: str) -> str:
    return f"difficulty/{slug}/index.html"


HOME = "index.html"
COMPARISONS = "comparisons/index.html"
DIFFICULTY_INDEX = "difficulty/index.html"
NOT_FOUND = "404.html"


def base_path(base_url: str | None) -> str | None:
    """The path part of a base URL, always with a trailing slash ('/repo/')."""
    if not base_url:
        return None
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


class Linker:
    """Turns output paths into links, as seen from one page. Called for every link of every
    page, so the relative path is computed from segments, not with os.path (which asks the
    operating system for the working folder on every call)."""

    def __init__(self, page_path: str, base_url: str | None, absolute: bool = False):
        self._page_dir = page_path.split("/")[:-1]
        self._pretty = bool(base_url)
        # The 404 page is served at any depth, so its links must not be relative.
        self._root = (base_path(base_url) or "/") if absolute else None

    def __call__(self, target: str, fragment: str = "") -> str:
        if self._pretty and (target == "index.html" or target.endswith("/index.html")):
            target = target[: -len("index.html")]
        link = quote(self._relative(target), safe="/:.-_~")
        return f"{link}#{quote(fragment, safe='-_.~')}" if fragment else link

    def asset(self, target: str) -> str:
        """A link to a file that is not a page (a stylesheet, an image)."""
        return quote(self._relative(target), safe="/.-_~")

    def _relative(self, target: str) -> str:
        if self._root is not None:
            return self._root + target
        *folders, name = target.split("/")
        here = self._page_dir
        common = 0
        while common < len(here) and common < len(folders) and here[common] == folders[common]:
            common += 1
        segments = [".."] * (len(here) - common) + folders[common:] + [name]
        link = "/".join(segment for segment in segments if segment)
        if not name:  # a folder: keep the trailing slash
            return link + "/" if link else "./"
        return link
