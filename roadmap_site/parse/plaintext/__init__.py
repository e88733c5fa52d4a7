"""Turn pasted plain text (a web page copied as text, a PDF extracted to text) into Markdown.

The result goes through the same Markdown pipeline as every other article, so this package only
recovers structure (title, sections, lists, tables), drops the furniture that copying drags
along, and escapes everything else so that it stays text. Its modules, in the order they act:
`lines` (shapes of lines), `contents` (a contents block and the headings it names), `opening`
(title, authors, cover), `furniture`, `sections` (numbered sections in order), `blocks`
(paragraphs, lists, tables, lone lines judged), `render` (Markdown that stays text).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from roadmap_site.parse.plaintext.blocks import (
    join_broken_paragraphs,
    normalise_heading_levels,
    parse_blocks,
    resolve_lone_lines,
    split_blocks,
)
from roadmap_site.parse.plaintext.contents import contents_headings, find_contents
from roadmap_site.parse.plaintext.furniture import drop_furniture
from roadmap_site.parse.plaintext.lines import (
    GLYPHS,
    LINE_BREAKS,
    TITLE_REPEATS,
    clean_lines,
    is_list_line,
    is_title_shaped,
    is_wrapped,
    paragraph_ends,
    section_level,
)
from roadmap_site.parse.plaintext.opening import drop_cover, take_authors, take_title
from roadmap_site.parse.plaintext.render import render
from roadmap_site.parse.plaintext.sections import numbered_headings


@dataclass(frozen=True)
class PlainTextDocument:
    title: str | None
    authors: tuple[str, ...]
    markdown: str


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
    re.compile(rf"^[ \t]*(?:[{GLYPHS}]|-[ \t]+[*{GLYPHS}])[ \t]+\S", re.M),
    re.compile(r"\b\d+\s*min(?:ute)?s?\.?\s+read\b|^reading time:?\s*\d", re.I | re.M),
    re.compile(r"^(?:\S+ Logo)+[ \t]*$", re.M),
    # Without any Markdown structure, a tag or a character reference in a .txt file is text that
    # mentions HTML, not markup to obey.
    re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);"),
)


def looks_like_plain_text(body: str) -> bool:
    """True when a body has no Markdown structure (no '#' headings, no Markdown tables, no fenced
    code, no [links](...), no front matter) but shows the shapes of pasted text: tabs, bullet
    glyphs, numbered section lines without '#', share buttons, reading times, repeated lines,
    headings without '#', a contents block, HTML tags or character references (which must
    then show as written).
    A single '**bold**' or '- item' proves nothing either way: both occur in pasted text."""
    text = LINE_BREAKS.sub("\n", body)
    if not text.strip() or any(pattern.search(text) for pattern in _MARKDOWN_STRUCTURE):
        return False
    if any(pattern.search(text) for pattern in _PLAIN_SHAPES):
        return True
    lines = [line.strip() for line in text.split("\n")]
    return (
        _has_standalone_section_line(lines)
        or _has_repeated_line(lines)
        or _has_bare_headings(lines)
        or len(numbered_headings(lines, {})) >= 2
        or find_contents(lines) is not None
    )


def _has_standalone_section_line(lines: list[str]) -> bool:
    padded = ["", *lines, ""]
    return any(
        not padded[index - 1] and not padded[index + 1] and section_level(padded[index]) is not None
        for index in range(1, len(padded) - 1)
    )


def _has_bare_headings(lines: list[str]) -> bool:
    """Two short unpunctuated lines or more, each right above a sentence: headings without '#'
    (in Markdown such a line would run into its paragraph)."""
    filled = [line for line in lines if line]
    return sum(
        1
        for line, following in zip(filled, filled[1:])
        if not is_list_line(line)
        and len(line.split()) <= 10
        and is_title_shaped(line)
        and not line.endswith(":")
        and following.endswith((".", "!", "?"))
        and len(following.split()) >= 6
    ) >= 2


def _has_repeated_line(lines: list[str]) -> bool:
    counts = Counter(line for line in lines if line and not is_list_line(line))
    return any(count >= TITLE_REPEATS for count in counts.values())


def plaintext_to_markdown(text: str) -> PlainTextDocument:
    """Recover title, authors and a Markdown body (without the title) from pasted plain text.
    Until the paragraphs are broken, every stage blanks lines instead of removing them, so the
    line indices of the contents block and of the headings stay valid."""
    lines = clean_lines(text)
    contents = find_contents(lines)
    if contents:
        lines = lines[:contents.start] + [""] * (contents.end - contents.start) + lines[contents.end:]
    title, lines = take_title(lines, opens_with_title=bool(contents and contents.paged))
    authors, lines = take_authors(lines)
    lines = drop_furniture(drop_cover(lines, contents.start if contents else None))
    headings = numbered_headings(lines, contents_headings(lines, contents, title) if contents else {})
    wrapped = is_wrapped(lines)
    lines, headings = _break_paragraphs(lines, headings, paragraph_ends(lines, wrapped))
    segments = parse_blocks(split_blocks(lines, headings))
    segments = resolve_lone_lines(join_broken_paragraphs(segments) if wrapped else segments)
    body = "\n\n".join(render(segment) for segment in normalise_heading_levels(segments))
    return PlainTextDocument(title, authors, body + "\n" if body else "")


def _break_paragraphs(
    lines: list[str], headings: dict[int, tuple[int, str]], ends: set[int]
) -> tuple[list[str], dict[int, tuple[int, str]]]:
    """A blank line after each line in `ends`, the heading marks moved along."""
    spaced: list[str] = []
    moved: dict[int, tuple[int, str]] = {}
    for index, line in enumerate(lines):
        if index in headings:
            moved[len(spaced)] = headings[index]
        spaced += [line, ""] if index in ends else [line]
    return spaced, moved
