"""A contents block (a PDF's contents page or a web page's "On this page" list) found in pasted
text, and the later lines it names, which are the document's section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from roadmap_site.parse.plaintext.lines import (
    BULLET,
    CONTENTS_LABEL,
    SECTION,
    heading_key,
    is_title_shaped,
    line_key,
)

_NUMBER = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?(?:[ \t]+|$)")
_MAX_ENTRIES = 60
_MAX_HEADING_WORDS = 15


@dataclass(frozen=True)
class Contents:
    start: int  # lines[start:end] is the block, its label included
    end: int
    entries: tuple[tuple[str, int], ...]  # (heading key, level 2, 3...)
    paged: bool  # entries end in page numbers: a PDF's contents page


def _paged_entry(line: str) -> tuple[str, int | None] | None:
    """An entry ending in a page number, after dot leaders or a tab: its text and its page."""
    before_page = line.rstrip().rstrip("0123456789")
    page = line.rstrip()[len(before_page):]
    entry = before_page.rstrip(". \t")
    if entry and 1 <= len(page) <= 4 and before_page[len(entry):].count(".") >= 3:
        return entry.strip(), int(page)
    if "\t" not in line:
        return None
    cells = [cell.strip() for cell in line.split("\t")]
    if cells[-1] and not _is_number(cells[-1]):
        return None
    entry = " ".join(cell for cell in cells[:-1] if cell)
    return (entry, int(cells[-1]) if cells[-1] else None) if entry.strip("0123456789. ") else None


def _is_number(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _find_paged(lines: list[str]) -> tuple[int, int] | None:
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
    later = {heading_key(line) for line in lines[end:] if line}
    returning = sum(1 for title, _ in entries if heading_key(title) in later)
    in_order = len(pages) >= 2 and pages == sorted(pages)
    return in_order and returning >= 2 and 2 * returning >= len(entries)


def _find_labelled(lines: list[str]) -> tuple[int, int] | None:
    """A "Contents" label and the title-shaped lines under it, up to the first that comes back
    (the body has begun) or the first that is not an entry."""
    for label, line in enumerate(lines):
        if not CONTENTS_LABEL.match(line_key(line)):
            continue
        keys: list[str] = []
        end = label + 1
        while end < len(lines) and len(keys) < _MAX_ENTRIES:
            text = line_key(lines[end])
            if text and (heading_key(text) in keys or not _is_entry_text(text)):
                break
            if text:
                keys.append(heading_key(text))
            end += 1
        later = {heading_key(line) for line in lines[end:] if line}
        if len(keys) >= 2 and sum(key in later for key in keys) >= 2:
            while end > label and not lines[end - 1].strip():
                end -= 1
            return label, end
    return None


def _is_entry_text(text: str) -> bool:
    bare = _NUMBER.sub("", text)
    bullet = BULLET.match(bare)
    return is_title_shaped(bullet["text"] if bullet else bare, 15, 120)


def find_contents(lines: list[str]) -> Contents | None:
    paged = _find_paged(lines)
    span = paged or _find_labelled(lines)
    if span is None:
        return None
    start, end = span
    raw = [line for line in lines[start:end] if line.strip()]
    if CONTENTS_LABEL.match(line_key(raw[0])):
        raw = raw[1:]
    texts = [(_paged_entry(line) or (line.strip(), None))[0] for line in raw]
    return Contents(start, end, tuple(zip(map(heading_key, texts), _levels(raw))), paged is not None)


def _levels(raw: list[str]) -> list[int]:
    """Numbered entries take their depth (2.1 is a level deeper than 2); others their indent."""
    indents = [len(line) - len(line.lstrip(" ")) for line in raw]
    ranks = sorted(set(indent for indent, line in zip(indents, raw) if not _NUMBER.match(line.strip())))
    levels = []
    for indent, line in zip(indents, raw):
        number = _NUMBER.match(line.strip())
        levels.append(2 + number["number"].count(".") if number else 2 + ranks.index(indent))
    return levels


def contents_headings(lines: list[str], contents: Contents, title: str | None) -> dict[int, tuple[int, str]]:
    """The first line after the contents that matches each entry, in order: index -> (level, text)."""
    wanted = [(key, level) for key, level in contents.entries if key and key != heading_key(title or "")]
    marked: dict[int, tuple[int, str]] = {}
    position = 0
    for index in range(contents.end, len(lines)):
        text = line_key(lines[index])
        if not text or len(text.split()) > _MAX_HEADING_WORDS:
            continue
        key = heading_key(text)
        ahead = next((n for n in range(position, len(wanted)) if wanted[n][0] == key), None)
        if ahead is not None:
            marked[index] = (wanted[ahead][1], heading_text(text))
            position = ahead + 1
    return marked


def heading_text(text: str) -> str:
    """A heading line without its number or bullet."""
    section = SECTION.match(text)
    if section:
        text = section["text"]
    bullet = BULLET.match(text)
    return (bullet["text"] if bullet else text).rstrip(" :")
