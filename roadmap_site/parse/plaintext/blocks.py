"""Plain text, block by block: paragraphs, nested lists, tab tables and headings recovered from
cleaned lines, and paragraphs broken by a page mended."""

from __future__ import annotations

import re
from dataclasses import replace

from roadmap_site.parse.plaintext.lines import (
    BULLET,
    DIFFICULTY,
    ORDERED,
    SECTION,
    SENTENCE_END,
    is_list_line,
    is_title_shaped,
    repair_stray_tabs,
    section_level,
)
from roadmap_site.parse.plaintext.segments import Heading, Item, ItemList, Lone, Paragraph, Segment, Table, Verbatim


def split_blocks(lines: list[str], headings: dict[int, tuple[int, str]]) -> list[list[str] | Heading]:
    """Blocks of lines between blank lines; a line known to be a heading (index -> level, text)
    and a difficulty line stand alone."""
    blocks: list[list[str] | Heading] = [[]]
    for index, line in enumerate(lines):
        if index in headings:
            blocks += [Heading(*headings[index]), []]
        elif DIFFICULTY.match(line.strip()):
            blocks += [[line.strip()], []]
        elif line.strip():
            blocks[-1].append(line)
        elif blocks[-1] and not _table_goes_on(blocks[-1], lines, index):
            blocks.append([])
    return [block for block in blocks if block]


def _table_goes_on(block: list[str] | Heading, lines: list[str], index: int) -> bool:
    """A tab table broken by a page (blank lines, dropped furniture) goes on when the next line
    has as many cells as the last."""
    if not isinstance(block, list):
        return False
    following = next((line for line in lines[index:] if line.strip()), "")
    cells = _table_cells(block[-1])
    return bool(cells) and len(_table_cells(following) or ()) == len(cells)


def parse_blocks(blocks: list[list[str] | Heading]) -> list[Segment]:
    return [segment for block in blocks for segment in (parse_block(block) if isinstance(block, list) else [block])]


def _table_cells(line: str) -> tuple[str, ...] | None:
    stripped = line.strip()
    return tuple(cell.strip() for cell in stripped.split("\t")) if "\t" in stripped else None


def parse_block(block: list[str]) -> list[Segment]:
    if len(block) == 1 and DIFFICULTY.match(block[0]):
        return [Verbatim(block[0])]
    segments: list[Segment] = []
    text_lines: list[str] = []
    index = 0
    while index < len(block):
        cells = _table_cells(block[index])
        end = index
        while cells and end < len(block) and len(_table_cells(block[end]) or ()) == len(cells):
            end += 1
        if end - index >= 2:
            segments += _parse_text_lines(text_lines)
            segments.append(Table(tuple(_table_cells(line) or () for line in block[index:end])))
            text_lines, index = [], end
        else:
            text_lines.append(_untab(block[index]))
            index += 1
    return segments + _parse_text_lines(text_lines)


def _untab(line: str) -> str:
    indent = len(line) - len(line.lstrip(" \t"))
    text = repair_stray_tabs(line[indent:]).replace("\t", " ")
    return line[:indent].expandtabs(4) + text.rstrip()


def _lone(line: str) -> Lone:
    text = line.strip()
    bullet = BULLET.match(text)
    if bullet:
        return Lone(" ".join(bullet["marker"].split()), bullet["text"])
    return Lone("number" if SECTION.match(text) else "", text)


def _parse_text_lines(lines: list[str]) -> list[Segment]:
    segments: list[Segment] = []
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


def _parse_prose_and_lists(lines: list[str]) -> list[Segment]:
    segments: list[Segment] = []
    paragraph: list[str] = []
    items: list[Item] = []
    indents: list[int] = []

    def flush() -> None:
        if paragraph:
            segments.append(Paragraph(" ".join(paragraph)))
        if items:
            segments.append(ItemList(tuple(items)))
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
            items.append(Item(len(indents) - 1, number, (bullet or ordered)["text"]))
        elif items and (indent > 0 or text[0].islower() or items[-1].text.endswith(",")):
            items[-1] = replace(items[-1], text=f"{items[-1].text} {text}")
        else:
            if items:
                flush()
            paragraph.append(text)
    flush()
    return segments


def _lone_heading_level(lone: Lone) -> int | None:
    if lone.kind == "number":
        return section_level(lone.text)
    if DIFFICULTY.match(lone.text) or not is_title_shaped(lone.text):
        return None
    return 3 if lone.kind in ("", "-") else 4


def _as_text(lone: Lone) -> Paragraph | ItemList:
    if lone.kind == "number":
        match = SECTION.match(lone.text)
        simple = match and "." not in match["number"] and lone.text[len(match["number"])] == "."
        if not simple:
            return Paragraph(lone.text)
        return ItemList((Item(0, match["number"], match["text"]),))  # type: ignore[index]
    if lone.kind:
        return ItemList((Item(0, None, lone.text),))
    return Paragraph(lone.text)


def _last_text(segment: Segment) -> str | None:
    if isinstance(segment, Paragraph) or (isinstance(segment, Lone) and segment.kind != "number"):
        return segment.text
    if isinstance(segment, ItemList):
        return segment.items[-1].text
    return None


def _continues(previous: Segment, segment: Segment) -> bool:
    """A blank line in the middle of a sentence: the PDF broke the paragraph at a page or column."""
    if not (isinstance(segment, Paragraph) or (isinstance(segment, Lone) and segment.kind == "")):
        return False
    text = _last_text(previous)
    if not text or text.endswith(SENTENCE_END):
        return False
    if segment.text[0].islower() or text.endswith(","):
        return True
    unfinished_sentence = re.split(r"[.!?]\s", text)[-1]
    return len(unfinished_sentence.split()) >= 10 and not is_title_shaped(segment.text)


def _append(segment: Segment, text: str) -> Paragraph | ItemList:
    base = _as_text(segment) if isinstance(segment, Lone) else segment
    if isinstance(base, ItemList):
        last = base.items[-1]
        return ItemList(base.items[:-1] + (replace(last, text=f"{last.text} {text}"),))
    assert isinstance(base, Paragraph)
    return Paragraph(f"{base.text} {text}")


def join_broken_paragraphs(segments: list[Segment]) -> list[Segment]:
    joined: list[Segment] = []
    for segment in segments:
        if joined and _continues(joined[-1], segment):
            joined[-1] = _append(joined[-1], segment.text)  # type: ignore[union-attr]
        else:
            joined.append(segment)
    return joined


def _is_sibling_heading(lone: Lone, other: Segment | None) -> bool:
    """Two neighbouring lone bullet lines of the same shape are a spaced-out list, not two headings."""
    return (
        lone.kind != ""
        and isinstance(other, Lone)
        and other.kind == lone.kind
        and _lone_heading_level(other) is not None
    )


def _is_plain_candidate(segment: Segment) -> bool:
    return isinstance(segment, Lone) and segment.kind == "" and _lone_heading_level(segment) is not None


def _plain_runs(segments: list[Segment]) -> set[int]:
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
            closed = end == len(segments) or isinstance(segments[end], Heading)
            text.update(range(index, end if closed else max(index, end - 2)))
        index = end + 1
    return text


def resolve_lone_lines(segments: list[Segment]) -> list[Segment]:
    resolved: list[Segment] = []
    section = 0
    in_text_runs = _plain_runs(segments)
    for index, segment in enumerate(segments):
        if not isinstance(segment, Lone):
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
            if segment.kind == "" and resolved and isinstance(resolved[-1], Heading) and isinstance(previous, Lone):
                level = resolved[-1].level + 1  # a heading right under another opens its first subsection
            resolved.append(Heading(level, text.rstrip(" :")))
        else:
            resolved.append(_as_text(segment))
    return resolved


def normalise_heading_levels(segments: list[Segment]) -> list[Segment]:
    """The page shows the title as H1, so the top heading level present becomes H2."""
    levels = [segment.level for segment in segments if isinstance(segment, Heading)]
    shift = min(levels, default=2) - 2
    return [
        replace(segment, level=segment.level - shift) if isinstance(segment, Heading) else segment
        for segment in segments
    ]
