"""Content is data, never code: the one policy for raw HTML in article bodies, and the
clean-up of text pasted from PDFs and word processors.

The policy (unless roadmap.yml says `raw_html: true`): the HTML that the Markdown engine and
Pygments produce is kept as it is, and so is the harmless inline markup real articles use
(`<span style="color:green">`, `<br>`, `<kbd>`, `<sup>`, `<details>`...). Removed:
`<script>`, `<style>`, `<iframe>`, `<object>`, `<embed>`, forms and anything else not listed
below; every `on*=` attribute; `style` except the colour and alignment properties; links
and images whose target is not http, https, mailto, relative or `#` (`javascript:`,
`vbscript:`, `data:` in any spelling, entity-encoded or with embedded control characters).
All functions here are pure.
"""

from __future__ import annotations

import re

import nh3

_TAGS = frozenset(nh3.ALLOWED_TAGS) | {"tfoot", "section", "input"} - {"area", "map"}
# Removed together with their content: what they hold is code or a frame, not text.
_DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
     "template", "textarea", "select", "title", "svg", "math"}
)
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "style", "role", "aria-label", "aria-hidden"},
    "a": {"href", "rel", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "align", "headers"},
    "th": {"colspan", "rowspan", "align", "headers", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "details": {"open"},
    "time": {"datetime"},
    "data": {"value"},
    "abbr": set(),
    "blockquote": {"cite"},
    "q": {"cite"},
    "ins": {"cite", "datetime"},
    "del": {"cite", "datetime"},
}
# Attributes allowed with exactly these values only.
_ATTRIBUTE_VALUES = {
    "pre": {"tabindex": {"0"}},  # our focusable code blocks
    "a": {"data-pagefind-ignore": {""}},  # heading permalinks stay out of search results
    "input": {"type": {"checkbox"}, "checked": {"", "checked"}, "disabled": {"", "disabled"}},
}
_URL_SCHEMES = frozenset({"http", "https", "mailto"})
_STYLE_PROPERTIES = frozenset({"color", "background-color", "text-align"})
# Anything in a style value that can fetch, run or hide: checked after CSS comments and
# escapes are removed, so 'u\72l(' and 'ur/**/l(' are caught as well.
_STYLE_TRICK = re.compile(r"url\(|expression\(|image-set\(|@import|javascript:|behavior|-moz-binding", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.S)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)


# Ids the default theme gives its own elements: an article body never takes one, whether
# from a heading ("## Main") or from raw HTML, so the page keeps one element per id.
THEME_IDS = frozenset({
    "main", "topics-heading", "toc-heading", "before-heading", "next-heading",
    "search", "search-status", "series-heading", "articles-heading",
})


def sanitize_html(html: str) -> str:
    """An article body's final HTML with everything but the allowed markup removed."""
    clean = nh3.clean(
        html,
        tags=set(_TAGS),
        clean_content_tags=set(_DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
        attribute_filter=_filter_attribute,
        tag_attribute_values={tag: {k: set(v) for k, v in values.items()} for tag, values in _ATTRIBUTE_VALUES.items()},
        url_schemes=set(_URL_SCHEMES),
        link_rel=None,
        filter_style_properties=set(_STYLE_PROPERTIES),
        strip_comments=True,
    )
    return clean.replace(' style=""', "")  # left where every property was removed


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    if name == "id" and value in THEME_IDS:
        return None
    if name == "style" and _STYLE_TRICK.search("".join(_css_unescape(_CSS_COMMENT.sub("", value)).split())):
        return None
    return value


def _css_unescape(value: str) -> str:
    def character(found: re.Match) -> str:
        if found.group(2) is not None:
            return found.group(2)
        code = int(found.group(1), 16)
        return chr(code) if 0 < code < 0x110000 else "\ufffd"

    return _CSS_ESCAPE.sub(character, value)


# C0 controls except tab, line feed and carriage return; DEL; C1 controls (U+0085 is a line
# break to YAML, the rest are invisible garbage from PDF and word-processor pastes).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_PAGE_BREAK = re.compile("[\x0b\x0c]")


def strip_control_characters(text: str) -> str:
    """Text without invisible control characters. Vertical tabs and form feeds (line and
    page breaks in pasted text) become spaces, so no two words run together and no line
    number changes."""
    return _CONTROL.sub("", _PAGE_BREAK.sub(" ", text))


def nesting_line(text: str) -> int:
    """The 1-based line of text that nests deepest (quotes, indented lists, emphasis runs):
    where to point a writer whose article is too deeply nested to convert."""
    best, best_depth = 1, -1
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t>")
        runs = re.findall(r"[*_\[]+", stripped)
        depth = (len(line) - len(stripped)) + max(map(len, runs), default=0)
        if depth > best_depth:
            best, best_depth = number, depth
    return best


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_BINARY_BYTE = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def decode_legacy(data: bytes) -> str | None:
    """Text that is not UTF-8 but reads as Windows-1252 / Latin-1 (what older Windows
    editors save), or None when it is broken UTF-8 (it holds valid UTF-8 sequences as
    well) or not text at all (control bytes). Undefined Windows-1252 bytes map as Latin-1."""
    if _UTF8_SEQUENCE.search(data) or len(_BINARY_BYTE.findall(data)) * 100 > len(data):
        return None
    return "".join(
        chunk.decode("cp1252", errors="strict") if chunk.isascii() or _cp1252_defined(chunk) else chunk.decode("latin-1")
        for chunk in re.split(rb"([\x81\x8d\x8f\x90\x9d])", data)
        if chunk
    )


def _cp1252_defined(chunk: bytes) -> bool:
    return not re.search(rb"[\x81\x8d\x8f\x90\x9d]", chunk)
