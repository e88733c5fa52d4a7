"""Markdown to HTML with Python-Markdown, plus what a roadmap needs from the document:
topics with their difficulty, comparison tables, the table of contents and resolved links.

One `MarkdownRenderer` is made per process and reused for every article (Python-Markdown's
set-up costs more than a small article's conversion).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Callable, ClassVar
from urllib.parse import unquote

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify_unicode
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE, STX, ETX
from pygments.formatters import HtmlFormatter

from roadmap_site.parse.comparison import find_comparison
from roadmap_site.parse.links import LinkIndex, Resolved, Unresolved, link_key, resolve_link
from roadmap_site.model.models import ComparisonTable, Difficulty, LinkRef, TocEntry, Topic, name_key
from roadmap_site.parse.sanitize import THEME_IDS
from roadmap_site.model.urls import Linker

_MARKER = re.compile(
    r"^ {0,3}(?:\*\*|__)?\s*(?:difficulty|level)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}\s")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_TAG = re.compile(r"<[^>]*>")
_TOKEN = "RoadmapSiteTopicMarker{}"
_TOKEN_RE = re.compile(r"^RoadmapSiteTopicMarker(\d+)$")
_ESCAPED_CHAR = re.compile(f"{STX}(\\d+){ETX}")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_RAW_LINK = re.compile(r"""\b(?P<attr>href|src)\s*=\s*(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE)
_RAW_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


def heading_id(text: str, separator: str) -> str:
    """A heading's id: its words in any script, never one of the theme's own ids."""
    slug = slugify_unicode(text, separator)
    return f"{slug}{separator}section" if slug in THEME_IDS else slug


@dataclass(frozen=True)
class RenderRequest:
    """Everything one conversion depends on besides the Markdown text."""

    source_key: str
    page_path: str
    links: LinkIndex
    base_url: str | None
    difficulty: Callable[[str], Difficulty]
    title: str | None = None  # from front matter; None: the first heading is the title
    sections_are_topics: bool = False  # plain text has sections, not difficulty markers


@dataclass(frozen=True)
class Issue:
    """A warning found while converting, at a line of the body (1-based)."""

    line: int
    message: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    title: str | None  # text of the first heading, before any was dropped
    title_anchor: str | None  # the id of that heading when it was dropped: the page title takes it
    summary: str  # the first paragraph as plain text, for articles that give no description
    toc: tuple[TocEntry, ...]
    topics: tuple[Topic, ...]
    tables: tuple[ComparisonTable, ...]
    word_count: int
    issues: tuple[Issue, ...]
    anchors: frozenset[str]
    links: tuple[LinkRef, ...]  # body lines
    link_keys: frozenset[str]  # every content key a link names, found or not


@dataclass(frozen=True)
class _Marker:
    value: str
    line: int  # body line of the marker


@dataclass
class _Conversion:
    """What one conversion gathers; reset before each article."""

    request: RenderRequest | None = None
    source_lines: list[str] = field(default_factory=list)
    markers: list[_Marker] = field(default_factory=list)
    heading_lines: dict[int, int] = field(default_factory=dict)  # marker index -> heading line
    topics: list[Topic] = field(default_factory=list)
    tables: list[ComparisonTable] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    title: str | None = None
    dropped_anchor: str | None = None
    word_count: int = 0
    summary: str = ""
    anchors: set[str] = field(default_factory=set)
    links: list[LinkRef] = field(default_factory=list)
    link_keys: set[str] = field(default_factory=set)


class _StyleTablesOnce(HtmlFormatter):
    """Pygments' HTML formatter, with its style tables made once per style rather than once
    per code block: codehilite makes a formatter for every block, and the tables were a
    tenth of the time to parse an article with code. The tables are only read once made."""

    _tables: ClassVar[dict[tuple, tuple[dict, dict]]] = {}

    def _create_stylesheet(self) -> None:
        key = (self.style, self.classprefix)
        if key not in self._tables:
            super()._create_stylesheet()
            self._tables[key] = (self.ttype2class, self.class2style)
        self.ttype2class, self.class2style = self._tables[key]


class MarkdownRenderer:
    def __init__(self) -> None:
        self._state = _Conversion()
        self._md = markdown.Markdown(
            extensions=[
                "tables",
                "fenced_code",
                "codehilite",
                "sane_lists",
                "toc",
                _RoadmapExtension(self._state),
            ],
            extension_configs={
                "codehilite": {"css_class": "highlight", "guess_lang": False, "pygments_formatter": _StyleTablesOnce},
                "toc": {"slugify": heading_id, "toc_depth": "2-4"},
            },
            output_format="html",
        )

    def render(self, text: str, request: RenderRequest) -> RenderedBody:
        self._md.reset()
        state = self._state
        state.__init__(request=request, source_lines=text.split("\n"))  # type: ignore[misc]
        html = self._md.convert(text)
        tokens = [t for t in getattr(self._md, "toc_tokens", []) if t["id"] != state.dropped_anchor]
        return RenderedBody(
            html=html,
            title=state.title,
            title_anchor=state.dropped_anchor,
            summary=state.summary,
            toc=tuple(_toc_entry(token) for token in _flatten_top_level(tokens)),
            topics=tuple(state.topics),
            tables=tuple(state.tables),
            word_count=state.word_count,
            issues=tuple(state.issues),
            anchors=frozenset(state.anchors),
            links=tuple(state.links),
            link_keys=frozenset(state.link_keys),
        )


def _flatten_top_level(tokens: list[dict]) -> list[dict]:
    """An article whose only top-level heading is the title lists what is under it."""
    while len(tokens) == 1 and tokens[0]["children"]:
        tokens = tokens[0]["children"]
    return tokens


def _toc_entry(token: dict) -> TocEntry:
    return TocEntry(
        level=token["level"],
        anchor=token["id"],
        title=_unescape(token["name"]),
        children=tuple(_toc_entry(child) for child in token["children"]),
    )


class _RoadmapExtension(Extension):
    def __init__(self, state: _Conversion):
        super().__init__()
        self._state = state

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - the API's name
        # After whitespace normalisation (30), before fenced code is stashed (25), so that
        # the lines are still the author's lines.
        md.preprocessors.register(_MarkerPreprocessor(md, self._state), "roadmap_markers", 27)
        # After the table of contents (5) has given every heading its id.
        md.treeprocessors.register(_RoadmapTreeprocessor(md, self._state), "roadmap_tree", 4)
        md.postprocessors.register(_FocusableCode(md), "roadmap_focusable_code", 0)


class _FocusableCode(Postprocessor):
    """Long code lines scroll sideways; a scrolling region must be reachable by keyboard."""

    def run(self, text: str) -> str:
        return text.replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">')


class _MarkerPreprocessor(Preprocessor):
    """Finds difficulty markers ('**Difficulty**: Intermediate' right under a heading) with
    their line numbers, and leaves a token in their place for the tree stage."""

    def __init__(self, md: markdown.Markdown, state: _Conversion):
        super().__init__(md)
        self._state = state

    def run(self, lines: list[str]) -> list[str]:
        output: list[str] = []
        fence: str | None = None
        last_heading: int | None = None  # line number of the last heading, if nothing since
        for number, line in enumerate(lines, start=1):
            opened = _FENCE.match(line)
            if fence is not None:
                if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                    fence = None
                output.append(line)
                continue
            if opened:
                fence, last_heading = opened.group(1), None
                output.append(line)
                continue
            marker = _MARKER.match(line) if last_heading is not None else None
            value = _marker_value(marker.group("value")) if marker else ""
            if value:
                index = len(self._state.markers)
                self._state.markers.append(_Marker(value, number))
                self._state.heading_lines[index] = last_heading  # type: ignore[assignment]
                output.extend(["", _TOKEN.format(index), ""])
                last_heading = None
                continue
            if _ATX_HEADING.match(line):
                last_heading = number
            elif line.strip():
                last_heading = None
            output.append(line)
        return output


def _marker_value(raw: str) -> str:
    return " ".join(_TAG.sub("", raw).replace("*", "").replace("_", " ").split())


class _RoadmapTreeprocessor(Treeprocessor):
    def __init__(self, md: markdown.Markdown, state: _Conversion):
        super().__init__(md)
        self._state = state

    def run(self, root: etree.Element) -> None:
        state = self._state
        request = state.request
        assert request is not None
        self._take_title(root, request)
        self._collect_topics(root, request)
        self._collect_tables(root)
        self._rewrite_links(root, request)
        state.word_count = len(self._text(root).split())
        state.summary = _first_paragraph(root)

    def _text(self, element: etree.Element) -> str:
        return _plain_text(element, self.md)

    def _take_title(self, root: etree.Element, request: RenderRequest) -> None:
        """Note the first heading's text; drop it when it opens the body and is the title
        (given, or to be taken from it), so the page does not show the title twice."""
        heading = next((child for child in root if child.tag in _HEADINGS), None)
        if heading is None:
            return
        text = self._text(heading).strip()
        self._state.title = text or None
        opens_body = root[0] is heading
        if opens_body and text and (request.title is None or _same_text(text, request.title)):
            self._state.dropped_anchor = heading.get("id")
            self._state.anchors.add(heading.get("id", ""))
            root.remove(heading)

    def _collect_topics(self, root: etree.Element, request: RenderRequest) -> None:
        children = list(root)
        heading: etree.Element | None = None
        for position, child in enumerate(children):
            if child.tag in _HEADINGS:
                heading = child
                if request.sections_are_topics and child.tag == "h2":
                    self._add_topic(child, None, children[position + 1 :], 0)
                continue
            found = _TOKEN_RE.match((child.text or "").strip()) if child.tag == "p" else None
            if not found:
                continue
            index = int(found.group(1))
            marker = self._state.markers[index]
            difficulty = request.difficulty(marker.value)
            if not difficulty.known:
                self._state.issues.append(
                    Issue(marker.line, f"unknown difficulty {marker.value!r}; it is kept, ranked after the known levels")
                )
            _make_badge(child, difficulty)
            if heading is not None:
                self._add_topic(heading, difficulty, children[position + 1 :], self._state.heading_lines[index])

    def _add_topic(self, heading, difficulty, following, line: int) -> None:
        objectives: tuple[str, ...] = ()
        for element in following:
            if element.tag in _HEADINGS:
                break
            if element.tag in ("ul", "ol"):
                objectives = tuple(
                    " ".join(self._text(item).split()) for item in element if item.tag == "li"
                )
                break
        self._state.topics.append(
            Topic(self._text(heading).strip(), heading.get("id", ""), difficulty, objectives, line)
        )

    def _collect_tables(self, root: etree.Element) -> None:
        heading: etree.Element | None = None
        for child in root:
            if child.tag in _HEADINGS:
                heading = child
            for table in child.iter("table"):
                _drop_empty_columns(table)
                rows = [[self._text(cell).strip() for cell in row] for row in table.iter("tr")]
                title = self._text(heading).strip() if heading is not None else ""
                anchor = heading.get("id", "") if heading is not None else ""
                comparison = find_comparison(title, anchor, rows)
                if comparison is not None:
                    self._state.tables.append(comparison)

    def _rewrite_links(self, root: etree.Element, request: RenderRequest) -> None:
        """Point links at the pages and files the author meant, in Markdown and in raw HTML;
        warn about the ones that lead nowhere."""
        linker = Linker(request.page_path, request.base_url)
        stash = self.md.htmlStash.rawHtmlBlocks
        anchors = self._state.anchors
        anchors.update(element.get("id") for element in root.iter() if element.get("id"))
        anchors.update(match.group(1) for raw in stash if isinstance(raw, str) for match in _RAW_ID.finditer(raw))
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            href = element.get(attribute) if attribute else None
            if href:
                link = self._link_for(href, element.tag == "img", request, linker)
                if link is not None:
                    element.set(attribute, link)  # type: ignore[arg-type]
        for position, raw in enumerate(stash):
            if isinstance(raw, str) and ("href" in raw or "src" in raw):
                stash[position] = _RAW_LINK.sub(lambda m: self._raw_link(m, request, linker), raw)

    def _raw_link(self, match: re.Match, request: RenderRequest, linker: Linker) -> str:
        written = html.unescape(match.group("url"))
        link = self._link_for(written, match.group("attr").lower() == "src", request, linker)
        if link is None:
            return match.group(0)
        return f'{match.group("attr")}="{html.escape(link)}"'

    def _link_for(self, href: str, is_image: bool, request: RenderRequest, linker: Linker) -> str | None:
        """The link to write instead of href, or None to leave it as the author wrote it."""
        line = _line_of(self._state.source_lines, href)
        if href.startswith("#"):
            fragment = unquote(href[1:])
            if fragment and fragment not in self._state.anchors:
                self._state.issues.append(Issue(line, f"link to {href!r}: there is no heading {fragment!r} on this page"))
            return None
        key = link_key(href, request.source_key)
        if key is not None:
            self._state.link_keys.add(key)
        target = resolve_link(href, request.source_key, request.links)
        if isinstance(target, Resolved):
            if target.is_page and target.fragment:
                self._state.links.append(LinkRef(target.key, target.fragment, line, href))
            return linker(target.path, target.fragment) if target.is_page else linker.asset(target.path)
        if isinstance(target, Unresolved):
            written = target.written
            message = f"image {written!r} not found" if is_image else f"link to {written!r} does not resolve"
            self._state.issues.append(Issue(line, message))
        return None


def _make_badge(paragraph: etree.Element, difficulty: Difficulty) -> None:
    paragraph.clear()
    paragraph.set("class", "topic-difficulty")
    paragraph.text = "Difficulty: "
    badge = etree.SubElement(paragraph, "span")
    badge.set("class", f"badge badge-{difficulty.slug}" + ("" if difficulty.known else " badge-unknown"))
    badge.text = difficulty.name


def _drop_empty_columns(table: etree.Element) -> None:
    """Authors add empty spacer columns for looks ('|A||B|'); they carry nothing."""
    rows = list(table.iter("tr"))
    if not rows:
        return
    width = max(len(row) for row in rows)
    empty = [
        column
        for column in range(width)
        if all(column >= len(row) or not "".join(row[column].itertext()).strip() for row in rows)
    ]
    if len(empty) == width:
        return
    for row in rows:
        for column in reversed(empty):
            if column < len(row):
                row.remove(row[column])


def _plain_text(element: etree.Element, md: markdown.Markdown) -> str:
    text = "".join(element.itertext())
    text = HTML_PLACEHOLDER_RE.sub(lambda m: _TAG.sub("", md.htmlStash.rawHtmlBlocks[int(m.group(1))]), text)
    return _unescape(text)


def _first_paragraph(root: etree.Element) -> str:
    """The text of the first paragraph of prose; raw HTML (a script, a widget) is not prose."""
    for child in root:
        if child.tag == "p" and not child.get("class"):
            text = " ".join(_unescape(HTML_PLACEHOLDER_RE.sub("", "".join(child.itertext()))).split())
            if text:
                return text
    return ""


def _unescape(text: str) -> str:
    return _ESCAPED_CHAR.sub(lambda m: chr(int(m.group(1))), text)


def _same_text(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


def _line_of(lines: list[str], needle: str) -> int:
    return next((number for number, line in enumerate(lines, start=1) if needle in line), 1)
