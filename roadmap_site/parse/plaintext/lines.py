"""Plain text, line by line: the shapes of lines (bullets, numbered sections, labels) and the
clean-up before any structure is read: control characters, a PDF's contents page, the title,
the authors and the furniture that copying drags along."""

from __future__ import annotations

import re
from collections import Counter

LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
GLYPHS = "•·▪●◦‣∙"
BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<marker>-[ \t]+[*{GLYPHS}]|[*{GLYPHS}]|-)[ \t]+(?P<text>\S.*)$"
)
ORDERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,3})[.)][ \t]+(?P<text>\S.*)$")
SECTION = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(?P<text>\S.*)$")
DIFFICULTY = re.compile(r"^Difficulty:[ \t]*\w[\w \-/+]*$")
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
LABEL = re.compile(r"^(?P<label>[^:*\[\]<>`]{1,70}?):[ \t]+(?P<rest>\S.*)$")
BOLD_SPAN = re.compile(r"\*\*(?=[^\s*])((?:(?!\*\*).)+?)(?<=[^\s*])\*\*")
LINE_WRAP_HYPHEN = re.compile(r"(\w)- (?!(?:and|or|nor|to|vs?)\b)(\w)")
_STRAY_TAB = re.compile(r"(?<!\w)([^\W\d_]{1,3})\t(?=[^\W\d_])")
SENTENCE_END = (".", "!", "?", ":", ";", ")", '"', "”", "’", "'", "…")
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
ESCAPES = str.maketrans({
    "\\": "\\\\", "<": "&lt;", "*": "\\*", "_": "\\_",
    "`": "\\`", "[": "\\[", "]": "\\]", "#": "\\#", "|": "\\|", "~": "\\~",
})

# A content subheading seldom repeats four times word for word; a running header or ad label does.
_FURNITURE_REPEATS = 4
TITLE_REPEATS = 3
_TOP_LINES = 15
_MAX_COVER_LINES = 12


def clean_lines(text: str) -> list[str]:
    text = _INVISIBLE.sub("", LINE_BREAKS.sub("\n", text)).replace("\u00a0", " ")
    return [line.rstrip(" ") if line.strip() else "" for line in text.split("\n")]


def _line_key(line: str) -> str:
    """A line as compared for repetition: stray tabs mended, spacing and a breadcrumb '/' ignored."""
    text = repair_stray_tabs(line).replace("\t", " ")
    return " ".join(text.split()).rstrip(" /")


def _heading_key(text: str) -> str:
    """A line as compared with a table-of-contents entry: no numbering, marker or case."""
    text = _line_key(text).lower()
    text = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?\s+|[-*•·]\s+)+", "", text)
    return text.rstrip(" :")


def drop_table_of_contents(lines: list[str]) -> list[str]:
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


def is_title_shaped(text: str, max_words: int = 10, max_chars: int = 70) -> bool:
    words = text.split()
    if not words or len(words) > max_words or len(text) > max_chars:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text.endswith((".", "!", ",", ";")):
        return False
    return not text.endswith(":") or len(words) <= 4


def is_list_line(line: str) -> bool:
    return bool(BULLET.match(line) or ORDERED.match(line))


def _is_title_candidate(line: str) -> bool:
    key = _line_key(line)
    return (
        "\t" not in repair_stray_tabs(line.strip())
        and not DIFFICULTY.match(key)
        and not is_list_line(key)
        and not key.startswith("1 ")
        and not _is_furniture(key)
        and not _author_names(key)
        and is_title_shaped(key, 20, 150)
    )


def take_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """The title is the title-shaped line a web page repeats (as header and under its sections),
    else the one right above a byline or reading time, else the first line. Lines above the
    title are the site's header."""
    keys = [_line_key(line) for line in lines]
    counts = Counter(key for key in keys if key)
    top = [index for index, key in enumerate(keys) if key][:_TOP_LINES]
    repeated = [
        index
        for index in top
        if counts[keys[index]] >= TITLE_REPEATS
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


def take_authors(lines: list[str]) -> tuple[tuple[str, ...], list[str]]:
    top = [index for index, line in enumerate(lines) if line][:_TOP_LINES]
    for index in top:
        names = _author_names(lines[index].strip())
        if names:
            return names, lines[:index] + [""] + lines[index + 1:]
    return (), lines


def _is_furniture(key: str) -> bool:
    return any(shape.match(key) for shape in _FURNITURE)


def drop_furniture(lines: list[str]) -> list[str]:
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
        and not is_list_line(key)
        and not DIFFICULTY.match(key)
        and not key.endswith(":")
        and len(key.split()) <= 12
    )


def repair_stray_tabs(line: str) -> str:
    """Mend a PDF's tab inside a word ("Bu\\tilding"): a short fragment glued to a lower-case rest."""

    def mend(match: re.Match[str]) -> str:
        fragment, rest = match[1], line[match.end()]
        glued = rest.islower() and (len(fragment) > 1 or fragment.isupper())
        return fragment if glued else fragment + "\t"

    return _STRAY_TAB.sub(mend, line)


def section_level(text: str) -> int | None:
    match = SECTION.match(text)
    if not match or not is_title_shaped(match["text"], 15, 120) or match["text"].endswith(":"):
        return None
    return min(2 + match["number"].count("."), 4)
