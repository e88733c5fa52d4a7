"""The opening of pasted text: the title (a repeated title-shaped line near the top, the line
above a byline, or the opening block, joined across two lines), the authors, and the cover
matter (affiliations, dates) between the title and where the body begins. Every function keeps
the number of lines: what it takes becomes a blank line, so line indices stay valid."""

from __future__ import annotations

import re
from collections import Counter

from roadmap_site.parse.plaintext.lines import (
    AUTHOR_LINE,
    CONTENTS_LABEL,
    DATE,
    DIFFICULTY,
    FURNITURE,
    NAME_PARTICLES,
    READING_TIME,
    SECTION,
    is_list_line,
    is_title_shaped,
    line_key,
    repair_stray_tabs,
    section_level,
)

TOP_LINES = 15
_MAX_COVER_LINES = 12
_SENTENCE_STOP = (".", "!", "?")
_RUNNING_PARTS = re.compile(r"[·|•—–\t]| - | {2,}|\s[/>»›]\s")
_ABSTRACT = re.compile(r"^(?:abstract|summary|overview)\s*:?$", re.I)
# Words that a heading has and a person's name has not ("Test Behaviour, Not Code").
_FUNCTION_WORDS = frozenset("a an the of for to with in on is are not no how what why when where your our new vs".split())
# A title's first line that ends in one of these goes on in the next line.
_CONTINUING = frozenset("a an the and or of for to in on with from by at into about vs".split())


def is_furniture(key: str) -> bool:
    return any(shape.match(key) for shape in FURNITURE)


def _is_title_candidate(line: str) -> bool:
    key = line_key(line)
    return (
        "\t" not in repair_stray_tabs(line.strip())
        and not DIFFICULTY.match(key)
        and not is_list_line(key)
        and not key.startswith("1 ")
        and not is_furniture(key)
        and not author_names(key)
        and is_title_shaped(key, 20, 150)
    )


def _top(lines: list[str]) -> list[int]:
    return [index for index, line in enumerate(lines) if line.strip()][:TOP_LINES]


def _is_byline(key: str, bare: bool = True) -> bool:
    return bool(READING_TIME.match(key) or DATE.match(key) or author_names(key, bare))


def _is_lone_author(key: str, following: str) -> bool:
    """A name alone on its line, right above a date or a reading time."""
    return _is_name(key) and 2 <= len(key.split()) <= 4 and bool(DATE.match(following) or READING_TIME.match(following))


def _opening_pair(lines: list[str], on_a_cover: bool = False) -> tuple[int, int] | None:
    """The first block when it is two title-shaped lines that make one title: the first ends in
    ':' or a word that goes on, or the second starts in lower case, or the pair stands before a
    byline, an abstract or a contents block (a cover), or comes back whole later."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if len(filled) < 3 or filled[1] != filled[0] + 1 or filled[2] == filled[1] + 1:
        return None
    first, second = (line_key(lines[index]) for index in filled[:2])
    goes_on_lower = second[:1].islower() and _is_title_candidate(second[0].upper() + second[1:])
    if not (_is_title_candidate(first) and (_is_title_candidate(second) or goes_on_lower)) or _is_byline(second):
        return None
    if len(first) + len(second) > 150 or SECTION.match(second) or len(f"{first} {second}".split()) < 3:
        return None
    after = line_key(lines[filled[2]])
    joined = f"{first} {second}"
    goes_on = first.endswith(":") or first.split()[-1].lower() in _CONTINUING or second[:1].islower()
    cover = [line_key(lines[index]) for index in filled[2:TOP_LINES]]
    stated = (
        _is_byline(after)
        or any(_ABSTRACT.match(key) or CONTENTS_LABEL.match(key) for key in cover)
        or any(line_key(line) == joined for line in lines[filled[2]:])
    )
    return (filled[0], filled[1]) if goes_on or stated or on_a_cover else None


def take_title(lines: list[str], opens_with_title: bool = False) -> tuple[str | None, list[str]]:
    """The title is the title-shaped line a page repeats near its top (a web page's header and
    heading, a PDF's running header), else a title set over the opening two lines, else the line
    right above a byline, reading time or date, else the first line. When the text opens with
    its title (a PDF's cover, known by its contents page), the opening block is the title.
    Lines above the title are the site's header; later copies of it are running titles."""
    keys = [line_key(line) for line in lines]
    counts = Counter(key for key in keys if key)
    top = _top(lines)
    following = {index: keys[after] for index, after in zip(top, top[1:])}
    prose = next((index for index in top if _is_prose(keys[index])), len(lines))
    bylines = [
        index
        for index in top
        if _is_byline(keys[index], bare=index < prose) or _is_lone_author(keys[index], following.get(index, ""))
    ]
    # The title comes before the article's first sentence (after the byline: a bio may precede it).
    after_bylines = [index for index in top if not bylines or index > bylines[0]]
    body = next((index for index in after_bylines if _is_prose(keys[index])), len(lines))
    def echoes(key: str) -> int:
        """How often a line comes back, whole or as its part before a colon (a running title)."""
        short = key.split(":")[0]
        return counts[key] + (counts[short] if short != key and len(short.split()) >= 2 else 0)

    repeated = [
        index
        for index in top
        if index < body
        and echoes(keys[index]) >= 2
        and len(keys[index].split()) >= 3
        and _is_title_candidate(lines[index])
    ]
    pair = _opening_pair(lines, opens_with_title)
    if pair and any(index in pair for index in repeated):
        repeated = []  # a line of a title set over two lines comes back (as a section, a header)
    above_byline = [index for index in top if bylines and index < bylines[0] and _is_title_candidate(lines[index])]
    opening = [top[0]] if opens_with_title and top and _is_title_candidate(lines[top[0]]) else []
    if repeated:
        first = max(repeated, key=lambda index: (echoes(keys[index]), -index))
        title, last = keys[first], first
    elif pair:
        first, last = pair
        title = f"{keys[first]} {keys[last]}"
    elif opening or above_byline:
        first = last = (opening or above_byline)[-1]
        title = keys[first]
    elif top and _is_title_candidate(lines[top[0]]):
        first = last = top[0]
        title = keys[first]
    else:
        return None, lines
    return title, [""] * (last + 1) + [
        "" if _is_running_title(line, key, title) else line for key, line in zip(keys[last + 1:], lines[last + 1:])
    ]


def _is_running_title(line: str, key: str, title: str) -> bool:
    """The title (or its part before a colon) again, alone or as one part of a line whose other
    parts are a page number or a name ("Ana Lima · Queues in Practice<tab>3")."""
    short = title.split(":")[0] if len(title.split(":")[0].split()) >= 2 else title
    if key in (title, short):
        return True
    if not key or key.endswith(_SENTENCE_STOP) or len(key.split()) > len(title.split()) + 6:
        return False
    pieces = [piece.strip() for piece in _RUNNING_PARTS.split(line.strip())]
    parts = [piece.strip(" 0123456789") for piece in pieces]
    if any(piece.isdigit() for piece in pieces):  # a page number of its own: any short title counts
        short = title.split(":")[0]
    return any(part in (title, short) for part in parts)


def author_names(line: str, bare: bool = True) -> tuple[str, ...]:
    """The names a byline states ("By Ana Lima and Jo Park | May 3"), or (when `bare`) a line
    that is only a list of two names or more ("Ana Lima, Jo Park and Li Wei")."""
    statement = AUTHOR_LINE.match(line)
    if statement and len(line.split()) <= 12:
        names = re.split(r"\s+[|·•—–-]\s+|\s+on\s+", statement["names"])[0]
        parts = [part.strip() for part in re.split(r",|;|&|\band\b", names)]
        if parts and _is_name(parts[0]):
            return tuple(part for part in parts if _is_name(part))
        return ()
    parts = [part.strip() for part in re.split(r",|;|&|\band\b", line)]
    bare_names = all(
        _is_name(part) and len(part.split()) >= 2 and not _FUNCTION_WORDS.intersection(part.lower().split())
        for part in parts
    )
    if bare and len(parts) >= 2 and bare_names:
        return tuple(parts)
    return ()


def _is_name(text: str) -> bool:
    words = text.split()

    def is_name_word(word: str) -> bool:
        return word[0].isupper() and all(char.isalpha() or char in ".'’-" for char in word)

    return 1 <= len(words) <= 5 and is_name_word(words[0]) and all(
        word in NAME_PARTICLES or is_name_word(word) for word in words
    )


def take_authors(lines: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Authors from the first byline near the top, or from a lone name right above a date or
    reading time."""
    top = _top(lines)
    prose = next((index for index in top if _is_prose(line_key(lines[index]))), len(lines))
    for position, index in enumerate(top):
        key = line_key(lines[index])
        names = author_names(key, bare=index < prose)
        following = line_key(lines[top[position + 1]]) if position + 1 < len(top) else ""
        if not names and _is_lone_author(key, following):
            names = (key,)
        if names:
            return names, lines[:index] + [""] + lines[index + 1:]
    return (), lines


def _is_first_section(key: str) -> bool:
    section = SECTION.match(key)
    return bool(section) and section["number"] == "1" and section_level(key) is not None  # type: ignore[index]


def _is_prose(key: str) -> bool:
    """A sentence: after the first, a line of capitalised words is a heading, not a name list."""
    return key.endswith(_SENTENCE_STOP) and len(key.split()) >= 6


def _is_cover_line(key: str) -> bool:
    return len(key) <= 160 and not key.endswith(_SENTENCE_STOP) and not is_list_line(key) and not DIFFICULTY.match(key)


def drop_cover(lines: list[str], body_start: int | None) -> list[str]:
    """The short lines (affiliations, dates, a series name) between the title and where the body
    begins: a contents block, an abstract, or the first numbered section."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return lines
    starts = [body_start] if body_start is not None else []
    for index in filled[:TOP_LINES]:
        key = line_key(lines[index])
        if _ABSTRACT.match(key) or CONTENTS_LABEL.match(key) or _is_first_section(key):
            starts.append(index)
            break
    if not starts:
        return lines
    start = min(starts)
    cover = []
    for index in reversed([index for index in filled if index < start]):
        if not _is_cover_line(line_key(lines[index])):
            break
        cover.append(index)
    if len(cover) > _MAX_COVER_LINES:
        return lines
    label = [start] if _ABSTRACT.match(line_key(lines[start])) else []
    gone = set(cover + label)
    return ["" if index in gone else line for index, line in enumerate(lines)]
