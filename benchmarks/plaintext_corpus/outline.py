"""The outline format of `articles.py` read into blocks, and the ground truth a variant is scored on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a section, 3 for a subsection (the title is the page's H1)
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    depth: int
    ordered: bool
    text: str


@dataclass(frozen=True)
class ListBlock:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Code:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Difficulty:
    text: str


Block = Union[Heading, Paragraph, ListBlock, Table, Code, Difficulty]


@dataclass(frozen=True)
class Outline:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Truth:
    """What a perfect reader recovers from a variant."""

    title: str
    headings: tuple[tuple[int, str], ...]
    items: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    paragraphs: tuple[str, ...]
    body_words: tuple[str, ...]
    furniture: tuple[str, ...]  # lines the variant added that must not reach the body
    optional: tuple[str, ...] = ()  # lines that may or may not stay (an "Abstract" label)


_ITEM = re.compile(r"^(?P<indent> *)(?:(?P<bullet>-)|(?P<number>\d+)\.) (?P<text>.+)$")
WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def parse_outline(source: str) -> Outline:
    title = ""
    blocks: list[Block] = []
    for line in source.strip("\n").split("\n"):
        item = _ITEM.match(line)
        if line.startswith("# "):
            title = line[2:]
        elif line.startswith("## ") or line.startswith("### "):
            level = line.index(" ")
            blocks.append(Heading(level, line[level + 1:]))
        elif line.startswith("Difficulty: "):
            blocks.append(Difficulty(line))
        elif item:
            entry = Item(len(item["indent"]) // 2, item["number"] is not None, item["text"])
            if blocks and isinstance(blocks[-1], ListBlock):
                blocks[-1] = ListBlock(blocks[-1].items + (entry,))
            else:
                blocks.append(ListBlock((entry,)))
        elif line.startswith("| "):
            row = tuple(cell.strip() for cell in line.strip("| ").split(" | "))
            if blocks and isinstance(blocks[-1], Table):
                blocks[-1] = Table(blocks[-1].rows + (row,))
            else:
                blocks.append(Table((row,)))
        elif line.startswith("    "):
            if blocks and isinstance(blocks[-1], Code):
                blocks[-1] = Code(blocks[-1].lines + (line[4:],))
            else:
                blocks.append(Code((line[4:],)))
        elif line.strip():
            blocks.append(Paragraph(line))
    return Outline(title, tuple(blocks))


def block_words(block: Block) -> list[str]:
    if isinstance(block, (Heading, Paragraph, Difficulty)):
        return words(block.text)
    if isinstance(block, ListBlock):
        return [word for item in block.items for word in words(item.text)]
    if isinstance(block, Table):
        return [word for row in block.rows for cell in row for word in words(cell)]
    return [word for line in block.lines for word in words(line)]


def truth_of(outline: Outline, furniture: list[str], optional: list[str] = ()) -> Truth:
    blocks = outline.blocks
    return Truth(
        title=outline.title,
        headings=tuple((block.level, block.text) for block in blocks if isinstance(block, Heading)),
        items=tuple(item.text for block in blocks if isinstance(block, ListBlock) for item in block.items),
        rows=tuple(row for block in blocks if isinstance(block, Table) for row in block.rows),
        paragraphs=tuple(block.text for block in blocks if isinstance(block, Paragraph)),
        body_words=tuple(word for block in blocks for word in block_words(block)),
        furniture=tuple(line for line in furniture if line.strip()),
        optional=tuple(optional),
    )
