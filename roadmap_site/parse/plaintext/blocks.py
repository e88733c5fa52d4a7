"""Plain text, block by block: paragraphs, nested lists, tab tables and headings recovered from
cleaned lines, broken paragraphs mended, and everything rendered as Markdown that stays text."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Union

from roadmap_site.parse.plaintext.lines import (
    BOLD_SPAN,
    BULLET,
    DIFFICULTY,
    ENTITY_LIKE,
    ESCAPES,
    LABEL,
    LINE_WRAP_HYPHEN,
    ORDERED,
    SECTION,
    SENTENCE_END,
    is_list_line,
    is_title_shaped,
    repair_stray_tabs,
    section_level,
)


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


def split_blocks(lines: list[str], headings: dict[int, tuple[int, str]]) -> list[list[str] | _Heading]:
    """Blocks of lines between blank lines; a line known to be a heading (index -> level, text)
    and a difficulty line stand alone."""
    blocks: list[list[str] | _Heading] = [[]]
    for index, line in enumerate(lines):
        if index in headings:
            blocks += [_Heading(*headings[index]), []]
        elif DIFFICULTY.match(line.strip()):
            blocks += [[line.strip()], []]
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1] and not _table_goes_on(blocks[-1], lines, index):
            blocks.append([])
    return [block for block in blocks if block]


def _table_goes_on(block: list[str] | _Heading, lines: list[str], index: int) -> bool:
    """A tab table broken by a page (blank lines, dropped furniture) goes on when the next line
    has as many cells as the last."""
    if not isinstance(block, list):
        return False
    following = next((line for line in lines[index:] if line.strip()), "")
    cells = _table_cells(block[-1])
    return bool(cells) and len(_table_cells(following) or ()) == len(cells)


def parse_blocks(blocks: list[list[str] | _Heading]) -> list[_Segment]:
    return [segment for block in blocks for segment in (parse_block(block) if isinstance(block, list) else [block])]


def _table_cells(line: str) -> tuple[str, ...] | None:
    stripped = line.strip()
    return tuple(cell.strip() for cell in stripped.split("\t")) if "\t" in stripped else None


def parse_block(block: list[str]) -> list[_Segment]:
    if len(block) == 1 and DIFFICULTY.match(block[0]):
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


def _untab(line: str) -> str:
    indent = len(line) - len(line.lstrip(" \t"))
    text = repair_stray_tabs(line[indent:]).replace("\t", " ")
    return line[:indent].expandtabs(4) + text.rstrip()


def _lone(line: str) -> _Lone:
    text = line.strip()
    bullet = BULLET.match(text)
    if bullet:
        return _Lone(" ".join(bullet["marker"].split()), bullet["text"])
    return _Lone("number" if SECTION.match(text) else "", text)


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
        (index == start or lines[index - 1].endswith(SENTENCE_END))
        and _lone_heading_level(_lone(lines[index])) is not None
        and not following.startswith(" ")
        and not is_list_line(following)
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
        bullet, ordered = BULLET.match(line), ORDERED.match(line)
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


def _lone_heading_level(lone: _Lone) -> int | None:
    if lone.kind == "number":
        return section_level(lone.text)
    if DIFFICULTY.match(lone.text) or not is_title_shaped(lone.text):
        return None
    return 3 if lone.kind in ("", "-") else 4


def _as_text(lone: _Lone) -> _Paragraph | _List:
    if lone.kind == "number":
        match = SECTION.match(lone.text)
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
    if not text or text.endswith(SENTENCE_END):
        return False
    if segment.text[0].islower() or text.endswith(","):
        return True
    unfinished_sentence = re.split(r"[.!?]\s", text)[-1]
    return len(unfinished_sentence.split()) >= 10 and not is_title_shaped(segment.text)


def _append(segment: _Segment, text: str) -> _Paragraph | _List:
    base = _as_text(segment) if isinstance(segment, _Lone) else segment
    if isinstance(base, _List):
        last = base.items[-1]
        return _List(base.items[:-1] + (replace(last, text=f"{last.text} {text}"),))
    assert isinstance(base, _Paragraph)
    return _Paragraph(f"{base.text} {text}")


def join_broken_paragraphs(segments: list[_Segment]) -> list[_Segment]:
    joined: list[_Segment] = []
    for segment in segments:
        if joined and _continues(joined[-1], segment):
            joined[-1] = _append(joined[-1], segment.text)  # type: ignore[union-attr]
        else:
            joined.append(segment)
    return joined


def _is_sibling_heading(lone: _Lone, other: _Segment | None) -> bool:
    """Two neighbouring lone bullet lines of the same shape are a spaced-out list, not two headings."""
    return (
        lone.kind != ""
        and isinstance(other, _Lone)
        and other.kind == lone.kind
        and _lone_heading_level(other) is not None
    )


def _is_plain_candidate(segment: _Segment) -> bool:
    return isinstance(segment, _Lone) and segment.kind == "" and _lone_heading_level(segment) is not None


def _plain_runs(segments: list[_Segment]) -> set[int]:
    """Plain heading-shaped lone lines that are text by their run: a section heading may be
    followed by one subheading, but a longer run of such lines, or one that content does not
    follow (another heading, the end), is text such as code or a list."""
    text: set[int] = set()
    index = 0
    while index < len(segments):
        end = index
        while end < len(segments) and _is_plain_candidate(segments[end]):
            end += 1
        if end > index:
            closed = end == len(segments) or isinstance(segments[end], _Heading)
            text.update(range(index, end if closed else max(index, end - 2)))
        index = end + 1
    return text


def resolve_lone_lines(segments: list[_Segment]) -> list[_Segment]:
    resolved: list[_Segment] = []
    section = 0
    in_text_runs = _plain_runs(segments)
    for index, segment in enumerate(segments):
        if not isinstance(segment, _Lone):
            resolved.append(segment)
            continue
        previous = segments[index - 1] if index else None
        following = segments[index + 1] if index + 1 < len(segments) else None
        level, text, number = _lone_heading_level(segment), segment.text, section
        if segment.kind == "number":
            digits, text = SECTION.match(text).group("number", "text")  # type: ignore[union-attr]
            number = int(digits.split(".")[0])
            # Sections count 1, 2, 3...: "10 Tips for Docker" out of the blue is a sentence.
            level = level if number in (1, section, section + 1) else None
        siblings = _is_sibling_heading(segment, previous) or _is_sibling_heading(segment, following)
        siblings = siblings or index in in_text_runs
        if level and following and not siblings:
            section = number
            if segment.kind == "" and resolved and isinstance(resolved[-1], _Heading) and isinstance(previous, _Lone):
                level = resolved[-1].level + 1  # a heading right under another opens its first subsection
            resolved.append(_Heading(level, text.rstrip(" :")))
        else:
            resolved.append(_as_text(segment))
    return resolved


def normalise_heading_levels(segments: list[_Segment]) -> list[_Segment]:
    """The page shows the title as H1, so the top heading level present becomes H2."""
    levels = [segment.level for segment in segments if isinstance(segment, _Heading)]
    shift = min(levels, default=2) - 2
    return [
        replace(segment, level=segment.level - shift) if isinstance(segment, _Heading) else segment
        for segment in segments
    ]


def _dehyphenate(text: str) -> str:
    """Undo a line-wrap hyphen ("possi- bility"), only between lower-case letters."""

    def join(match: re.Match[str]) -> str:
        return match[1] + match[2] if match[1].islower() and match[2].islower() else match[0]

    return LINE_WRAP_HYPHEN.sub(join, text)


def _escape_text(text: str) -> str:
    return ENTITY_LIKE.sub("&amp;", text).translate(ESCAPES)


def _escape_inline(text: str) -> str:
    """Escape what Markdown would read as markup; keep the `**bold**` a pasted text already has."""
    pieces, last = [], 0
    for match in BOLD_SPAN.finditer(text):
        pieces += [_escape_text(text[last:match.start()]), "**", _escape_text(match[1]), "**"]
        last = match.end()
    return "".join(pieces) + _escape_text(text[last:])


def _escape_line_start(markdown: str) -> str:
    """Escape a start that Markdown (or an extension the site reads: fences, definitions,
    admonitions) reads as a block."""
    if markdown.startswith(("-", "+", ">", "!", "?")):
        return "\\" + markdown
    if markdown.startswith(":"):
        return f"&#58;{markdown[1:]}"
    return re.sub(r"^(\d+)\.(?=\s|$)", r"\1\\.", markdown)


def _item_markdown(text: str) -> str:
    """A list item; a short "Label: text" lead gets its label bold, unless it is bold already."""
    match = None if text.startswith("**") else LABEL.match(text)
    label = match["label"] if match else ""
    if label and len(label.split()) <= 10 and label[0].isalnum() and not re.search(r"[.!?]", label):
        return f"**{_escape_inline(label)}:** {_escape_inline(match['rest'])}"  # type: ignore[index]
    return _escape_line_start(_escape_inline(text))


def render(segment: _Segment) -> str:
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
