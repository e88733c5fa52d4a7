"""The pieces plain text is read into before it becomes Markdown: paragraphs, lists, tables,
headings, lines kept verbatim, and lone lines still to be judged."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Item:
    depth: int
    number: str | None  # None for a bullet
    text: str


@dataclass(frozen=True)
class ItemList:
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True)
class Verbatim:
    text: str


@dataclass(frozen=True)
class Lone:
    """A line standing alone: a heading, or a one-line paragraph or list, judged by its neighbours."""

    kind: str  # "" plain, "number" numbered, else its bullet marker ("-", "•", "- *"...)
    text: str  # without its marker, except for "number"


Segment = Union[Paragraph, ItemList, Table, Heading, Verbatim, Lone]
