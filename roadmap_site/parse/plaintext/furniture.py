"""Furniture: the lines that copying a page drags along and that are no part of the article.
Share buttons, reading times and page numbers by their shape; running headers and footers
because they repeat; a site's footer because it is the run of short, unpunctuated lines that
ends the text. Lines are blanked, not removed, so line indices stay valid."""

from __future__ import annotations

import re
from collections import Counter

from roadmap_site.parse.plaintext.lines import DIFFICULTY, is_list_line, line_key
from roadmap_site.parse.plaintext.opening import TOP_LINES, is_furniture

# A content subheading seldom repeats four times word for word; a running header or ad label does.
_FURNITURE_REPEATS = 4
_FOOTER_WORDS = 10
_FOOTER_STOPS = (".", "!", "?", ":", ";", ",")
_DIGITS = re.compile(r"\d+")


def drop_furniture(lines: list[str]) -> list[str]:
    keys = [line_key(line) for line in lines]
    top = set([key for key in keys if key][:TOP_LINES])
    counts = Counter(key for key, line in zip(keys, lines) if key in top and _may_be_running(key, line))
    paged = _page_numbered(keys)
    kept = [
        "" if counts[key] >= _FURNITURE_REPEATS or is_furniture(key) or index in paged else line
        for index, (key, line) in enumerate(zip(keys, lines))
    ]
    return _drop_footer(kept)


def _may_be_running(key: str, line: str) -> bool:
    return (
        "\t" not in line.strip()
        and not is_list_line(key)
        and not DIFFICULTY.match(key)
        and not key.endswith(":")
        and len(key.split()) <= 12
    )


def _page_numbered(keys: list[str]) -> set[int]:
    """Lines that come back with another number each time ("Ana Lima · Queues 3", "... 4"):
    a running header or footer with its page number."""
    shapes: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        if key and _DIGITS.search(key) and not is_list_line(key) and len(key.split()) <= 12:
            shapes.setdefault(_DIGITS.sub("#", key), []).append(index)
    return {
        index
        for shape, indices in shapes.items()
        if len(indices) >= 2 and len(set(keys[index] for index in indices)) == len(indices)
        and len(_DIGITS.sub("", shape).replace("#", " ").split()) >= 2
        for index in indices
    }


def _is_footer_line(key: str, line: str) -> bool:
    return (
        len(key.split()) <= _FOOTER_WORDS
        and not key[:1].islower()  # code or the end of a sentence, not a link
        and not key.endswith(_FOOTER_STOPS)
        and "\t" not in line.strip()
        and not is_list_line(key)
        and not DIFFICULTY.match(key)
    )


def _drop_footer(lines: list[str]) -> list[str]:
    """The run of two short lines or more without sentence punctuation that ends the text: a
    site's footer (newsletter, related posts, legal links)."""
    run: list[int] = []
    for index in range(len(lines) - 1, -1, -1):
        if not lines[index].strip():
            continue
        if not _is_footer_line(line_key(lines[index]), lines[index]):
            break
        run.append(index)
    if len(run) < 2:
        return lines
    gone = set(run)
    return ["" if index in gone else line for index, line in enumerate(lines)]
