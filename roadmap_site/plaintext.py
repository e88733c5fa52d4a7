"""Turn pasted plain text (a web page copied as text, a PDF extracted to text) into Markdown.

The result goes through the same Markdown pipeline as every other article, so this module only
recovers structure (title, sections, lists, tables), drops the furniture that copying drags
along, and escapes everything else so that it stays text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Union


@dataclass(frozen=True)
class PlainTextDocument:
    title: str | None
    authors: tuple[str, ...]
    markdown: str


# --- shapes of lines ------------------------------------------------------------------------------

_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
_GLYPHS = "•·▪●◦‣∙"
_BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<marker>-[ \t]+[*{_GLYPHS}]|[*{_GLYPHS}]|-)[ \t]+(?P<text>\S.*)$"
)
_ORDERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,3})[.)][ \t]+(?P<text>\S.*)$")
_SECTION = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(?P<text>\S.*)$")
_DIFFICULTY = re.compile(r"^Difficulty:[ \t]*\w[\w \-/+]*$")
_READING_TIME = re.compile(r"^\d+\s*min(?:ute)?s?\.?\s+read\b(?:\s*[·|•-].*)?$", re.I)
_FURNITURE = (
    re.compile(r"^(?:table of contents|contents|on this page|in this (?:article|post))\s*:?$", re.I),
    re.compile(r"^(?:\S+ Logo)+$"),  # share buttons copied as their images' alt texts
    re.compile(r"^(?:share(?: this)?(?: article| post| page)?(?: on \w+)?|tweet|copy link):?$", re.I),
    _READING_TIME,
    re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I),
)
_AUTHOR_LINE = re.compile(
    r"^(?:(?:written|posted|published)\s+by|by|authors?\s*:)\s+(?P<names>\S.*)$", re.I
)
_NAME_PARTICLES = frozenset("van von de der den da di du le la del bin al".split())
_LABEL = re.compile(r"^(?P<label>[^:*\[\]<>`]{1,70}?):[ \t]+(?P<rest>\S.*)$")
_BOLD_SPAN = re.compile(r"\*\*(?=[^\s*])((?:(?!\*\*).)+?)(?<=[^\s*])\*\*")
_LINE_WRAP_HYPHEN = re.compile(r"(\w)- (?!(?:and|or|nor|to|vs?)\b)(\w)")
_STRAY_TAB = re.compile(r"(?<!\w)([^\W\d_]{1,3})\t(?=[^\W\d_])")
_SENTENCE_END = (".", "!", "?", ":", ";", ")", '"', "”", "’", "'", "…")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_ESCAPES = str.maketrans({
    "\\": "\\\\", "<": "&lt;", "*": "\\*", "_": "\\_",
    "`": "\\`", "[": "\\[", "]": "\\]", "#": "\\#", "|": "\\|",
})

# A content subheading seldom repeats four times word for word; a running header or ad label does.
_FURNITURE_REPEATS = 4
_TITLE_REPEATS = 3
_TOP_LINES = 15
_MAX_COVER_LINES = 12

# --- Markdown detection ---------------------------------------------------------------------------

_MARKDOWN_STRUCTURE = (
    re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M),
    re.compile(r"^ {0,3}(?:```|~~~)", re.M),
    re.compile(r"\[[^\[\]\n]+\]\([^()\s]+(?:[ \t]+\"[^\"\n]*\")?\)"),
    re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S", re.M),
    re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*\|[ \t]*:?-+", re.M),
    re.compile(r"^\S[^\n]*\n {0,3}={3,}[ \t]*$", re.M),
    re.compile(r"\A(?:---|\+\+\+)[ \t]*\n"),
)
_PLAIN_SHAPES = (
    re.compile(r"\S\t+\S"),
    re.compile(rf"^[ \t]*(?:[{_GLYPHS}]|-[ \t]+[*{_GLYPHS}])[ \t]+\S", re.M),
    re.compile(r"^\d+\s*min(?:ute)?s?\.?\s+read\b", re.I | re.M),
    re.compile(r"^(?:\S+ Logo)+[ \t]*$", re.M),
)


def looks_like_plain_text(body: str) -> bool:
    """True when a body has no Markdown structure (no '#' headings, no Markdown tables, no fenced
    code, no [links](...), no front matter) but shows the shapes of pasted text: tabs, bullet
    glyphs, numbered section lines without '#', share buttons, reading times, repeated lines.
    A single '**bold**' or '- item' proves nothing either way: both occur in pasted text."""
    text = _LINE_BREAKS.sub("\n", body)
    if not text.strip() or any(pattern.search(text) for pattern in _MARKDOWN_STRUCTURE):
        return False
    if any(pattern.search(text) for pattern in _PLAIN_SHAPES):
        return True
    lines = [line.strip() for line in text.split("\n")]
    return _has_standalone_section_line(lines) or _has_repeated_line(lines)


def _has_standalone_section_line(lines: list[str]) -> bool:
    padded = ["", *lines, ""]
    return any(
        not padded[index - 1] and not padded[index + 1] and _section_level(padded[index]) is not None
        for index in range(1, len(padded) - 1)
    )


def _has_repeated_line(lines: list[str]) -> bool:
    counts = Counter(line for line in lines if line and not _is_list_line(line))
    return any(count >= _TITLE_REPEATS for count in counts.values())


# --- the conversion -------------------------------------------------------------------------------


def plaintext_to_markdown(text: str) -> PlainTextDocument:
    """Recover title, authors and a Markdown body (without the title) from pasted plain text."""
    lines = _clean_lines(text)
    lines = _drop_table_of_contents(lines)
    title, lines = _take_title(lines)
    authors, lines = _take_authors(lines)
    lines = _drop_furniture(lines)
    segments = [segment for block in _split_blocks(lines) for segment in _parse_block(block)]
    segments = _resolve_lone_lines(_join_broken_paragraphs(segments))
    body = "\n\n".join(_render(segment) for segment in _normalise_heading_levels(segments))
    return PlainTextDocument(title, authors, body + "\n" if body else "")


def _clean_lines(text: str) -> list[str]:
    text = _INVISIBLE.sub("", _LINE_BREAKS.sub("\n", text)).replace("\u00a0", " ")
    return [line.rstrip(" ") if line.strip() else "" for line in text.split("\n")]


def _line_key(line: str) -> str:
    """A line as compared for repetition: stray tabs mended, spacing and a breadcrumb '/' ignored."""
    text = _repair_stray_tabs(line).replace("\t", " ")
    return " ".join(text.split()).rstrip(" /")


def _heading_key(text: str) -> str:
    """A line as compared with a table-of-contents entry: no numbering, marker or case."""
    text = _line_key(text).lower()
    text = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?\s+|[-*•·]\s+)+", "", text)
    return text.rstrip(" :")


def _drop_table_of_contents(lines: list[str]) -> list[str]:
    """A PDF's table of contents (entries ending in page numbers, whose titles come back later as
    section lines) goes, and so does the cover matter between the first line and it."""
    span = _find_paged_contents(lines)
    if span is None:
        return lines
    start, end = span
    cover = _cover_lines_before(lines, start)
    return [line for index, line in enumerate(lines) if not (start <= index < end or index in cover)]


def _paged_entry(line: str) -> tuple[str, int | None] | None:
    before_page = line.rstrip().rstrip("0123456789")
    page = line.rstrip()[len(before_page):]
    entry = before_page.rstrip(". \t")
    if entry and 1 <= len(page) <= 4 and before_page[len(entry):].count(".") >= 3:  # dot leaders
        return entry.strip(), int(page)
    if "\t" not in line:
        return None
    cells = [cell.strip() for cell in line.split("\t")]
    if cells[-1] and not _is_number(cells[-1]):
        return None
    entry = " ".join(cell for cell in cells[:-1] if cell and not _is_number(cell))
    return (entry, int(cells[-1]) if cells[-1] else None) if entry else None


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _find_paged_contents(lines: list[str]) -> tuple[int, int] | None:
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and _paged_entry(lines[end]) is not None:
            end += 1
        if end - index >= 2 and _is_paged_contents(lines, index, end):
            return index, end
        index = end + 1
    return None


def _is_paged_contents(lines: list[str], start: int, end: int) -> bool:
    entries = [entry for entry in map(_paged_entry, lines[start:end]) if entry]
    pages = [page for _, page in entries if page is not None]
    later = {_heading_key(line) for line in lines[end:] if line}
    returning = sum(1 for title, _ in entries if _heading_key(title) in later)
    in_order = len(pages) >= 2 and pages == sorted(pages)
    return in_order and returning >= 2 and 2 * returning >= len(entries)


def _cover_lines_before(lines: list[str], start: int) -> set[int]:
    """Short lines between the first line (kept: the title) and a PDF's table of contents."""
    first = next((index for index, line in enumerate(lines) if line), start)
    cover = set()
    for index in range(start - 1, first, -1):
        line = lines[index].strip()
        if not line:
            continue
        if len(line) > 160 or line.endswith((".", "!", "?")):
            break
        cover.add(index)
    return cover if len(cover) <= _MAX_COVER_LINES else set()


# Title, authors, furniture.

def _is_title_shaped(text: str, max_words: int = 10, max_chars: int = 70) -> bool:
    words = text.split()
    if not words or len(words) > max_words or len(text) > max_chars:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text.endswith((".", "!", ",", ";")):
        return False
    return not text.endswith(":") or len(words) <= 4


def _is_list_line(line: str) -> bool:
    return bool(_BULLET.match(line) or _ORDERED.match(line))


def _is_title_candidate(line: str) -> bool:
    key = _line_key(line)
    return (
        "\t" not in _repair_stray_tabs(line.strip())
        and not _DIFFICULTY.match(key)
        and not _is_list_line(key)
        and not key.startswith("1 ")
        and not _is_furniture(key)
        and not _author_names(key)
        and _is_title_shaped(key, 20, 150)
    )


def _take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """The title is the title-shaped line a web page repeats (as header and under its sections),
    else the one right above a byline or reading time, else the first line. Lines above the
    title are the site's header."""
    keys = [_line_key(line) for line in lines]
    counts = Counter(key for key in keys if key)
    top = [index for index, key in enumerate(keys) if key][:_TOP_LINES]
    repeated = [
        index
        for index in top
        if counts[keys[index]] >= _TITLE_REPEATS
        and len(keys[index].split()) >= 3
        and _is_title_candidate(lines[index])
    ]
    bylines = [index for index in top if _READING_TIME.match(keys[index]) or _author_names(keys[index])]
    above_byline = [
        index for index in top if bylines and index < bylines[0] and _is_title_candidate(lines[index])
    ]
    if repeated:
        first = max(repeated, key=lambda index: (counts[keys[index]], -index))
    elif above_byline:
        first = above_byline[-1]
    elif top and _is_title_candidate(lines[top[0]]):
        first = top[0]
    else:
        return None, lines
    title = keys[first]
    return title, ["" if key == title else line for key, line in zip(keys[first:], lines[first:])]


def _author_names(line: str) -> tuple[str, ...]:
    statement = _AUTHOR_LINE.match(line)
    if not statement or len(line.split()) > 12:
        return ()
    names = re.split(r"\s+[|·•—–-]\s+|\s+on\s+", statement["names"])[0]
    parts = [part.strip() for part in re.split(r",|;|&|\band\b", names)]
    if not parts or not _is_name(parts[0]):
        return ()
    return tuple(part for part in parts if _is_name(part))


def _is_name(text: str) -> bool:
    words = text.split()

    def is_name_word(word: str) -> bool:
        return word[0].isupper() and all(char.isalpha() or char in ".'’-" for char in word)

    return 1 <= len(words) <= 5 and is_name_word(words[0]) and all(
        word in _NAME_PARTICLES or is_name_word(word) for word in words
    )


def _take_authors(lines: list[str]) -> tuple[tuple[str, ...], list[str]]:
    top = [index for index, line in enumerate(lines) if line][:_TOP_LINES]
    for index in top:
        names = _author_names(lines[index].strip())
        if names:
            return names, lines[:index] + [""] + lines[index + 1:]
    return (), lines


def _is_furniture(key: str) -> bool:
    return any(shape.match(key) for shape in _FURNITURE)


def _drop_furniture(lines: list[str]) -> list[str]:
    """Drop share buttons, reading times, page numbers, and running lines: a short line that
    repeats many times and already shows among the top lines (the page header)."""
    keys = [_line_key(line) for line in lines]
    top = set([key for key in keys if key][:_TOP_LINES])
    counts = Counter(key for key, line in zip(keys, lines) if key in top and _may_be_running(key, line))
    return [
        "" if counts[key] >= _FURNITURE_REPEATS or _is_furniture(key) else line
        for key, line in zip(keys, lines)
    ]


def _may_be_running(key: str, line: str) -> bool:
    return (
        "\t" not in line.strip()
        and not _is_list_line(key)
        and not _DIFFICULTY.match(key)
        and not key.endswith(":")
        and len(key.split()) <= 12
    )


# --- blocks and segments --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Paragraph:
    text: str


@dataclass(frozen=True)
class _Item:
    depth: int
    number: str | None  # None for a bullet
    text: str


@dataclass(frozen=True)
class _List:
    items: tuple[_Item, ...]


@dataclass(frozen=True)
class _Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class _Heading:
    level: int
    text: str


@dataclass(frozen=True)
class _Verbatim:
    text: str


@dataclass(frozen=True)
class _Lone:
    """A line standing alone: a heading, or a one-line paragraph or list, judged by its neighbours."""

    kind: str  # "" plain, "number" numbered, else its bullet marker ("-", "•", "- *"...)
    text: str  # without its marker, except for "number"


_Segment = Union[_Paragraph, _List, _Table, _Heading, _Verbatim, _Lone]


def _split_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for line in lines:
        if _DIFFICULTY.match(line.strip()):
            blocks += [[line.strip()], []]
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def _table_cells(line: str) -> tuple[str, ...] | None:
    stripped = line.strip()
    return tuple(cell.strip() for cell in stripped.split("\t")) if "\t" in stripped else None


def _parse_block(block: list[str]) -> list[_Segment]:
    if len(block) == 1 and _DIFFICULTY.match(block[0]):
        return [_Verbatim(block[0])]
    segments: list[_Segment] = []
    text_lines: list[str] = []
    index = 0
    while index < len(block):
        cells = _table_cells(block[index])
        end = index
        while cells and end < len(block) and len(_table_cells(block[end]) or ()) == len(cells):
            end += 1
        if end - index >= 2:
            segments += _parse_text_lines(text_lines)
            segments.append(_Table(tuple(_table_cells(line) or () for line in block[index:end])))
            text_lines, index = [], end
        else:
            text_lines.append(_untab(block[index]))
            index += 1
    return segments + _parse_text_lines(text_lines)


def _repair_stray_tabs(line: str) -> str:
    """Mend a PDF's tab inside a word ("Bu\\tilding"): a short fragment glued to a lower-case rest."""

    def mend(match: re.Match[str]) -> str:
        fragment, rest = match[1], line[match.end()]
        glued = rest.islower() and (len(fragment) > 1 or fragment.isupper())
        return fragment if glued else fragment + "\t"

    return _STRAY_TAB.sub(mend, line)


def _untab(line: str) -> str:
    indent = len(line) - len(line.lstrip(" \t"))
    text = _repair_stray_tabs(line[indent:]).replace("\t", " ")
    return line[:indent].expandtabs(4) + text.rstrip()


def _lone(line: str) -> _Lone:
    text = line.strip()
    bullet = _BULLET.match(text)
    if bullet:
        return _Lone(" ".join(bullet["marker"].split()), bullet["text"])
    return _Lone("number" if _SECTION.match(text) else "", text)


def _parse_text_lines(lines: list[str]) -> list[_Segment]:
    segments: list[_Segment] = []
    start = 0
    for index in range(len(lines) - 1):
        if _is_heading_inside_block(lines, index, start):
            segments += [*_parse_prose_and_lists(lines[start:index]), _lone(lines[index])]
            start = index + 1
    rest = lines[start:]
    return segments + ([_lone(rest[0])] if len(rest) == 1 else _parse_prose_and_lists(rest))


def _is_heading_inside_block(lines: list[str], index: int, start: int) -> bool:
    """A heading-shaped line between a finished sentence and a capitalised line of prose."""
    following = lines[index + 1]
    return (
        (index == start or lines[index - 1].endswith(_SENTENCE_END))
        and _lone_heading_level(_lone(lines[index])) is not None
        and not following.startswith(" ")
        and not _is_list_line(following)
        and following[0].isupper()
    )


def _parse_prose_and_lists(lines: list[str]) -> list[_Segment]:
    segments: list[_Segment] = []
    paragraph: list[str] = []
    items: list[_Item] = []
    indents: list[int] = []

    def flush() -> None:
        if paragraph:
            segments.append(_Paragraph(" ".join(paragraph)))
        if items:
            segments.append(_List(tuple(items)))
        paragraph.clear(), items.clear(), indents.clear()

    for line in lines:
        indent = len(line) - len(line.lstrip())
        text = line.strip()
        bullet, ordered = _BULLET.match(line), _ORDERED.match(line)
        if bullet or (ordered and (items or ordered["number"] == "1")):
            if paragraph:
                flush()
            while indents and indent < indents[-1]:
                indents.pop()
            if not indents or indent > indents[-1]:
                indents.append(indent)
            number = None if bullet else ordered["number"]
            items.append(_Item(len(indents) - 1, number, (bullet or ordered)["text"]))
        elif items and (indent > 0 or text[0].islower() or items[-1].text.endswith(",")):
            items[-1] = replace(items[-1], text=f"{items[-1].text} {text}")
        else:
            if items:
                flush()
            paragraph.append(text)
    flush()
    return segments


# --- judging lone lines and mending broken paragraphs ---------------------------------------------


def _section_level(text: str) -> int | None:
    match = _SECTION.match(text)
    if not match or not _is_title_shaped(match["text"], 15, 120) or match["text"].endswith(":"):
        return None
    return min(2 + match["number"].count("."), 4)


def _lone_heading_level(lone: _Lone) -> int | None:
    if lone.kind == "number":
        return _section_level(lone.text)
    if _DIFFICULTY.match(lone.text) or not _is_title_shaped(lone.text):
        return None
    return 3 if lone.kind in ("", "-") else 4


def _as_text(lone: _Lone) -> _Paragraph | _List:
    if lone.kind == "number":
        match = _SECTION.match(lone.text)
        simple = match and "." not in match["number"] and lone.text[len(match["number"])] == "."
        if not simple:
            return _Paragraph(lone.text)
        return _List((_Item(0, match["number"], match["text"]),))  # type: ignore[index]
    if lone.kind:
        return _List((_Item(0, None, lone.text),))
    return _Paragraph(lone.text)


def _last_text(segment: _Segment) -> str | None:
    if isinstance(segment, _Paragraph) or (isinstance(segment, _Lone) and segment.kind != "number"):
        return segment.text
    if isinstance(segment, _List):
        return segment.items[-1].text
    return None


def _continues(previous: _Segment, segment: _Segment) -> bool:
    """A blank line in the middle of a sentence: the PDF broke the paragraph at a page or column."""
    if not (isinstance(segment, _Paragraph) or (isinstance(segment, _Lone) and segment.kind == "")):
        return False
    text = _last_text(previous)
    if not text or text.endswith(_SENTENCE_END):
        return False
    if segment.text[0].islower() or text.endswith(","):
        return True
    unfinished_sentence = re.split(r"[.!?]\s", text)[-1]
    return len(unfinished_sentence.split()) >= 10 and not _is_title_shaped(segment.text)


def _append(segment: _Segment, text: str) -> _Paragraph | _List:
    base = _as_text(segment) if isinstance(segment, _Lone) else segment
    if isinstance(base, _List):
        last = base.items[-1]
        return _List(base.items[:-1] + (replace(last, text=f"{last.text} {text}"),))
    assert isinstance(base, _Paragraph)
    return _Paragraph(f"{base.text} {text}")


def _join_broken_paragraphs(segments: list[_Segment]) -> list[_Segment]:
    joined: list[_Segment] = []
    for segment in segments:
        if joined and _continues(joined[-1], segment):
            joined[-1] = _append(joined[-1], segment.text)  # type: ignore[union-attr]
        else:
            joined.append(segment)
    return joined


def _is_sibling_heading(lone: _Lone, other: _Segment | None) -> bool:
    """Two neighbouring lone lines of the same shape are a spaced-out list, not two headings."""
    return (
        isinstance(other, _Lone) and other.kind == lone.kind and _lone_heading_level(other) is not None
    )


def _resolve_lone_lines(segments: list[_Segment]) -> list[_Segment]:
    resolved: list[_Segment] = []
    section = 0
    for index, segment in enumerate(segments):
        if not isinstance(segment, _Lone):
            resolved.append(segment)
            continue
        previous = segments[index - 1] if index else None
        following = segments[index + 1] if index + 1 < len(segments) else None
        level, text, number = _lone_heading_level(segment), segment.text, section
        if segment.kind == "number":
            digits, text = _SECTION.match(text).group("number", "text")  # type: ignore[union-attr]
            number = int(digits.split(".")[0])
            # Sections count 1, 2, 3...: "10 Tips for Docker" out of the blue is a sentence.
            level = level if number in (1, section, section + 1) else None
        siblings = _is_sibling_heading(segment, previous) or _is_sibling_heading(segment, following)
        if level and following and not siblings:
            section = number
            resolved.append(_Heading(level, text.rstrip(" :")))
        else:
            resolved.append(_as_text(segment))
    return resolved


def _normalise_heading_levels(segments: list[_Segment]) -> list[_Segment]:
    """The page shows the title as H1, so the top heading level present becomes H2."""
    levels = [segment.level for segment in segments if isinstance(segment, _Heading)]
    shift = min(levels, default=2) - 2
    return [
        replace(segment, level=segment.level - shift) if isinstance(segment, _Heading) else segment
        for segment in segments
    ]


# --- rendering ------------------------------------------------------------------------------------


def _dehyphenate(text: str) -> str:
    """Undo a line-wrap hyphen ("possi- bility"), only between lower-case letters."""

    def join(match: re.Match[str]) -> str:
        return match[1] + match[2] if match[1].islower() and match[2].islower() else match[0]

    return _LINE_WRAP_HYPHEN.sub(join, text)


def _escape_text(text: str) -> str:
    return _ENTITY_LIKE.sub("&amp;", text).translate(_ESCAPES)


def _escape_inline(text: str) -> str:
    """Escape what Markdown would read as markup; keep the `**bold**` a pasted text already has."""
    pieces, last = [], 0
    for match in _BOLD_SPAN.finditer(text):
        pieces += [_escape_text(text[last:match.start()]), "**", _escape_text(match[1]), "**"]
        last = match.end()
    return "".join(pieces) + _escape_text(text[last:])


def _escape_line_start(markdown: str) -> str:
    """Escape a start that Markdown (or a common extension: fences, definitions) reads as a block."""
    if markdown.startswith(("-", "+", ">")):
        return "\\" + markdown
    if markdown.startswith(("~", ":")):
        return f"&#{ord(markdown[0])};{markdown[1:]}"
    return re.sub(r"^(\d+)\.(?=\s|$)", r"\1\\.", markdown)


def _item_markdown(text: str) -> str:
    """A list item; a short "Label: text" lead gets its label bold, unless it is bold already."""
    match = None if text.startswith("**") else _LABEL.match(text)
    label = match["label"] if match else ""
    if label and len(label.split()) <= 10 and label[0].isalnum() and not re.search(r"[.!?]", label):
        return f"**{_escape_inline(label)}:** {_escape_inline(match['rest'])}"  # type: ignore[index]
    return _escape_line_start(_escape_inline(text))


def _render(segment: _Segment) -> str:
    if isinstance(segment, _Heading):
        return "#" * segment.level + " " + _escape_inline(_dehyphenate(segment.text))
    if isinstance(segment, _Paragraph):
        return _escape_line_start(_escape_inline(_dehyphenate(segment.text)))
    if isinstance(segment, _List):
        return "\n".join(
            "    " * item.depth
            + (f"{item.number}. " if item.number else "- ")
            + _item_markdown(_dehyphenate(item.text))
            for item in segment.items
        )
    if isinstance(segment, _Table):
        rows = [" | ".join(_escape_inline(_dehyphenate(cell)) for cell in row) for row in segment.rows]
        separator = "|" + "---|" * len(segment.rows[0])
        return "\n".join([f"| {rows[0]} |", separator, *(f"| {row} |" for row in rows[1:])])
    assert isinstance(segment, _Verbatim)
    return segment.text
