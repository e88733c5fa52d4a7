"""Every output path and every link of the site is computed here, and only here: templates
receive ready links (a `Linker` for the paths the model gives them, `SiteLinks` for the
theme's own pages and files) and never spell a path.

Output paths are POSIX paths relative to the output folder ("docker/intro/index.html").
Links between pages are relative, so one build works at a domain root and under a
project subpath. Without a base URL the site is meant to be opened from disk as well,
so links name "index.html" explicitly; with one they end in "/" as on a web server.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable
from urllib.parse import quote, unquote, urlsplit

_NOT_WORD = re.compile(r"[^\w]+")


def slugify(text: str) -> str:
    """Lower-case words joined by '-'; letters of any script are kept, so no two titles in
    Greek or Korean collapse to the same empty slug. For names that are not paths (levels,
    progress ids, new files' names); paths take their segments from `segments`."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NOT_WORD.sub("-", text).strip("-_")


# What a path segment keeps as it is: letters and digits of any script, '_', and the
# punctuation a URL path carries unencoded (RFC 3986's unreserved characters and
# sub-delimiters, and '@'). Links percent-encode nothing else of a segment but '%'.
_KEPT = "-_.~+!$()'*,;=@"
PATH_SAFE = "/" + _KEPT
_NOT_KEPT = re.compile(rf"[^\w{re.escape(_KEPT)}]")
_NOT_KEPT_RUN = re.compile(rf"[^\w{re.escape(_KEPT)}]+")
_SHARP = re.compile(r"(?<=[^\W\d_])#")  # C#, F#
_DOT_WORD = re.compile(r"^\.(?=[^\W\d_])")  # .NET


def readable_segment(name: str) -> str:
    """A file, folder, tag or series name as a path segment people read: lower case, spaces
    and other characters a URL would encode as '-', 'C#' as 'c-sharp' and '.NET' as
    'dotnet'; '' when nothing is left."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _DOT_WORD.sub("dot", _SHARP.sub("-sharp", text))
    text = _NOT_KEPT_RUN.sub("-", text)
    return re.sub(r"-{2,}", "-", text).strip("-_.")


def exact_segment(name: str) -> str:
    """The same name, nothing lost: lower case, every character a URL would encode written
    as its UTF-8 %XX escape ('%' too), a leading '.' as '%2E'. Two names differ here
    unless they differ only in case."""
    text = unicodedata.normalize("NFKC", name).casefold()
    text = _NOT_KEPT.sub(lambda found: quote(found.group(), safe=""), text)
    return "%2E" + text[1:] if text.startswith(".") else text


def segments(names: Iterable[str]) -> dict[str, str]:
    """The segment of each of a folder's names (or a taxonomy's terms), distinct for
    distinct names: its readable segment, unless that is empty or another name's readable
    segment is the same, in which case only a name already written that way keeps it and
    the others take their exact segment. Only names equal but for case share a segment."""
    names = list(dict.fromkeys(names))
    readable = {name: readable_segment(name) for name in names}
    shared: dict[str, int] = {}
    for segment in readable.values():
        shared[segment] = shared.get(segment, 0) + 1
    chosen = {}
    for name in names:
        segment = readable[name]
        if not segment or (shared[segment] > 1 and exact_segment(name) != segment):
            segment = exact_segment(name)
        chosen[name] = segment
    return chosen


class BadUrl(ValueError):
    """A URL an author wrote that cannot be a path inside the output folder."""


class ContentNames:
    """The path segments of a content folder's articles: each folder and file name takes its
    segment among its siblings (`segments`), so that 'clang.md' and 'clang++.md', or '[.md'
    and '{.md', never share a page."""

    def __init__(self, article_keys: Iterable[str]):
        folders: dict[str, list[str]] = {}  # parent folder -> the folder names in it
        files: dict[str, list[str]] = {}  # parent folder -> the file names in it
        for key in article_keys:
            *parents, filename = key.split("/")
            for depth, folder in enumerate(parents):
                folders.setdefault("/".join(parents[:depth]), []).append(folder)
            files.setdefault("/".join(parents), []).append(filename)
        self._folders = {parent: segments(names) for parent, names in folders.items()}
        self._files = {parent: _file_segments(names) for parent, names in files.items()}

    def of(self, key: str) -> tuple[str, ...]:
        """The segments of key's folders, then of its file name."""
        *parents, filename = key.split("/")
        found = [self._folders["/".join(parents[:depth])][folder] for depth, folder in enumerate(parents)]
        return (*found, self._files["/".join(parents)][filename])


def _file_segments(filenames: list[str]) -> dict[str, str]:
    """A file's segment comes from its name without the extension; of two files that differ
    only in their extension ('a.md', 'a.txt'), the second is named with it."""
    stems: dict[str, str] = {}
    for filename in sorted(filenames):
        stem = filename.rsplit(".", 1)[0]
        stems[filename] = stem if stem not in stems.values() else filename
    chosen = segments(stems.values())
    return {filename: chosen[stem] for filename, stem in stems.items()}


def article_path(
    key: str,
    slug: str | None,
    *,
    url: str | None = None,
    pattern: str | None = None,
    date: dt.datetime | None = None,
    series: str | None = None,
    named: tuple[str, ...] | None = None,
) -> str:
    """The output path of an article. By default the content tree is mirrored:
    'linux/tar.md' is published at 'linux/tar/index.html', and a slug replaces the last
    segment. A front-matter `url` replaces the whole path; a site-wide pattern such as
    '/:series/:slug/' or '/:year/:month/:slug/' replaces the scheme. `named`: the key's
    segments among its siblings (ContentNames.of), else its own. Raises BadUrl."""
    if url is not None:
        return path_from_url(url)
    *folders, last = named or ContentNames([key]).of(key)
    if slug and readable_segment(slug.strip("./ ")):  # '../../x' is the author's 'x', never a way out
        last = readable_segment(slug.strip("./ "))
    if pattern:
        values = {
            "slug": last,
            "section": "/".join(folders),
            "series": readable_segment(series or ""),
            "year": f"{date.year:04d}" if date else "",
            "month": f"{date.month:02d}" if date else "",
            "day": f"{date.day:02d}" if date else "",
        }
        filled = _PATTERN_TOKEN.sub(lambda m: values.get(m.group(1), m.group(0)), pattern)
        return path_from_url(re.sub(r"/{2,}", "/", "/" + filled))  # empty tokens leave no segment
    return "/".join([*folders, last]) + "/index.html"


_PATTERN_TOKEN = re.compile(r":([a-z]+)")
_UNSAFE_IN_SEGMENT = re.compile(r"[\\\x00-\x1f\x7f:*?\"<>|]")


def path_from_url(url: str) -> str:
    """'/docker/intro/' -> 'docker/intro/index.html'; '/old/page.html' stays a file.
    The URL is decoded once; '..', backslashes, control characters and characters that
    Windows cannot store are refused, so the result always stays inside the output."""
    decoded = unquote(url.strip().split("#", 1)[0].split("?", 1)[0])
    parts = urlsplit(decoded)
    if parts.scheme or parts.netloc:
        raise BadUrl(f"{url!r} is not a path on this site; write it as /folder/page/")
    segments = [segment for segment in parts.path.split("/") if segment not in ("", ".")]
    for segment in segments:
        if segment == ".." or _UNSAFE_IN_SEGMENT.search(segment):
            raise BadUrl(f"{url!r} cannot be a path inside the site")
    if not segments:
        return HOME
    if decoded.endswith("/") or "." not in segments[-1]:
        segments.append("index.html")
    return "/".join(segments)


def series_path(slug: str) -> str:
    return f"series/{slug}/index.html"


def term_paths(taxonomy: str, names: Iterable[str]) -> dict[str, str]:
    """The page of each term of a taxonomy ('tags/c++/index.html', 'tags/c-sharp/index.html')."""
    return {name: f"{taxonomy}/{segment}/index.html" for name, segment in segments(names).items()}


def taxonomy_path(taxonomy: str) -> str:
    return f"{taxonomy}/index.html"


def difficulty_path(slug: str) -> str:
    return f"difficulty/{slug}/index.html"


def paged(path: str, number: int) -> str:
    """Page `number` of a listing: 'tags/docker/index.html', then 'tags/docker/page/2/index.html'."""
    if number == 1:
        return path
    folder = path[: -len("index.html")]
    return f"{folder}page/{number}/index.html"


HOME = "index.html"
COMPARISONS = "comparisons/index.html"
DIFFICULTY_INDEX = "difficulty/index.html"
SEARCH_PAGE = "search/index.html"
NOT_FOUND = "404.html"
SITE_FEED = "atom.xml"
SEARCH_BUNDLE = "pagefind/"
STYLESHEET = "assets/style.css"
CODE_STYLESHEET = "assets/pygments.css"
THEME_SCRIPT = "assets/theme.js"
PROGRESS_SCRIPT = "assets/progress.js"
CODE_SCRIPT = "assets/code.js"
SEARCH_SCRIPT = "assets/search.js"
NAV_SCRIPT = "assets/nav.js"
FAVICON = "favicon.svg"


def series_feed_path(series_path: str) -> str:
    """'series/docker/atom.xml': beside the series page."""
    return series_path.rsplit("/", 1)[0] + "/" + SITE_FEED


def absolute_url(base_url: str | None, path: str) -> str:
    """The address of an output path on the published site, as a web server serves it."""
    base = (base_url or "/").rstrip("/") + "/"
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return base + quote(path, safe=PATH_SAFE)


def base_path(base_url: str | None) -> str | None:
    """The path part of a base URL, always with a trailing slash ('/repo/')."""
    if not base_url:
        return None
    path = urlsplit(base_url).path or "/"
    return path if path.endswith("/") else path + "/"


class SiteLinks:
    """The links a page of the theme makes to the site's fixed pages and files."""

    def __init__(self, linker: Linker):
        self._linker = linker

    home = property(lambda self: self._linker(HOME))
    root = property(lambda self: self._linker.asset(""))  # the site's own folder
    difficulty = property(lambda self: self._linker(DIFFICULTY_INDEX))
    stylesheet = property(lambda self: self._linker.asset(STYLESHEET))
    code_stylesheet = property(lambda self: self._linker.asset(CODE_STYLESHEET))
    theme_script = property(lambda self: self._linker.asset(THEME_SCRIPT))
    progress_script = property(lambda self: self._linker.asset(PROGRESS_SCRIPT))
    code_script = property(lambda self: self._linker.asset(CODE_SCRIPT))
    search_script = property(lambda self: self._linker.asset(SEARCH_SCRIPT))
    search_bundle = property(lambda self: self._linker.asset(SEARCH_BUNDLE))
    nav_script = property(lambda self: self._linker.asset(NAV_SCRIPT))
    favicon = property(lambda self: self._linker.asset(FAVICON))


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
        link = quote(self._relative(target), safe=PATH_SAFE)
        return f"{link}#{quote(fragment, safe='-_.~')}" if fragment else link

    def asset(self, target: str) -> str:
        """A link to a file that is not a page (a stylesheet, an image)."""
        return quote(self._relative(target), safe=PATH_SAFE)

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
