"""An outline rendered as a PDF extracted to text: a cover (title on one or two lines, authors,
affiliation, maybe an abstract), a contents page with page numbers, numbered sections, lines
wrapped with hyphenation, tab tables, and running headers and footers between pages."""

from __future__ import annotations

import random
from dataclasses import dataclass

from plaintext_corpus.outline import Code, Difficulty, Heading, ListBlock, Outline, Paragraph, Table
from plaintext_corpus.web import NAMES, section_numbers

AFFILIATIONS = ("Northfield University", "Department of Computing, Lakeside Institute", "Harbour Systems Group")


@dataclass(frozen=True)
class PdfStyle:
    two_line_title: bool
    abstract: bool
    contents: str  # "", "tabs", "dots"
    numbered: str  # "", "plain" (1 Intro, 2.1 Part), "dotted" (1. Intro, 2.1. Part)
    width: int
    blank_lines: bool
    header: bool
    footer: str  # "", "number", "page", "page-of", "title-number"
    page_lines: int
    form_feed: bool = False  # pages end with a form feed, each under a "<title> — page N" header
    authors_per_line: bool = False


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """Wrap like a PDF's lines: a word that would overflow is split with a hyphen when long."""
    lines, line = [], first
    for word in text.split():
        room = width - len(line) - (1 if line.strip() else 0)
        if len(word) <= room:
            line = f"{line} {word}" if line.strip() and not line.endswith(" ") else line + word
            continue
        if len(word) >= 8 and room >= 4 and word.isalpha():
            cut = min(room - 1, len(word) - 3)
            line = f"{line} {word[:cut]}-" if line.strip() and not line.endswith(" ") else line + word[:cut] + "-"
            word = word[cut:]
        lines.append(line)
        line = indent + word
    return [*lines, line] if line.strip() else lines


def _split_title(title: str) -> list[str]:
    if ": " in title:
        head, tail = title.split(": ", 1)
        return [head + ":", tail]
    words = title.split()
    half = (len(words) + 1) // 2
    return [" ".join(words[:half]), " ".join(words[half:])]


def _heading_line(number: str, text: str, numbered: str) -> str:
    if not numbered:
        return text
    return f"{number}{'.' if numbered == 'dotted' else ''} {text}"


def _body_lines(outline: Outline, style: PdfStyle, rng: random.Random) -> list[str]:
    numbers = section_numbers(outline)
    bullet = rng.choice(("•", "-", "◦", "▪", "●"))
    groups: list[list[str]] = []
    for index, block in enumerate(outline.blocks):
        if isinstance(block, Heading):
            groups.append([_heading_line(numbers[index], block.text, style.numbered)])
        elif isinstance(block, Paragraph):
            groups.append(_wrap(block.text, style.width))
        elif isinstance(block, Difficulty):
            groups.append([block.text])
        elif isinstance(block, ListBlock):
            lines = []
            for number, item in enumerate(block.items, 1):
                indent = "   " * item.depth
                marker = f"{number}. " if item.ordered else f"{bullet} "
                lines += _wrap(item.text, style.width, indent + "  ", indent + marker)
            groups.append(lines)
        elif isinstance(block, Table):
            groups.append(["\t".join(row) for row in block.rows])
        elif isinstance(block, Code):
            groups.append(list(block.lines))
    joiner = [""] if style.blank_lines else []
    return [line for group in groups for line in (*group, *joiner)]


def _running_lines(outline: Outline, style: PdfStyle, page: int, pages: int, author: str) -> tuple[list[str], list[str]]:
    short = outline.title.split(":")[0]
    header = [short] if style.header else []
    footer = {
        "": [],
        "number": [str(page)],
        "page": [f"Page {page}"],
        "page-of": [f"Page {page} of {pages}"],
        "title-number": [f"{author} · {short}\t{page}"],
    }[style.footer]
    return header, footer


def render_pdf(outline: Outline, style: PdfStyle, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """The extracted text, its furniture lines, and the lines that may stay (the abstract)."""
    authors = rng.sample(NAMES, rng.randint(1, 3))
    cover = _split_title(outline.title) if style.two_line_title else [outline.title]
    if style.authors_per_line:
        shown_authors = authors
    else:
        shown_authors = [", ".join(authors)] if rng.random() < 0.5 else [" and ".join(authors)]
    furniture = [*shown_authors, rng.choice(AFFILIATIONS), "May 2024"]
    cover += ["", *furniture, ""]
    optional: list[str] = []
    if style.abstract:
        abstract = f"This report is a short introduction for readers who are new to the subject of {outline.title.lower()}."
        optional = ["Abstract", abstract]
        cover += ["Abstract", *_wrap(abstract, style.width), ""]
    if style.contents:
        page = 2
        entries = [rng.choice(("Contents", "Table of Contents"))]
        for (index, number), block in zip(section_numbers(outline).items(), (b for b in outline.blocks if isinstance(b, Heading))):
            label = f"{number}{'.' if style.numbered == 'dotted' else ''}" if style.numbered else ""
            if style.contents == "tabs":
                entries.append(f"{label}\t{block.text}\t{page}" if label else f"{'  ' * (block.level - 2)}{block.text}\t{page}")
            else:
                entry = f"{label} {block.text}" if label else "  " * (block.level - 2) + block.text
                entries.append(f"{entry} {'.' * max(3, 60 - len(entry))} {page}")
            page += rng.randint(0, 2)
        furniture += entries
        cover += [*entries, ""]
    body = _body_lines(outline, style, rng)
    pages = (len(body) + style.page_lines - 1) // style.page_lines
    lines = list(cover)
    for number in range(pages):
        header, footer = _running_lines(outline, style, number + 2, pages + 1, authors[0])
        if style.form_feed:
            header = [f"{outline.title} — page {number + 2}"] if number else []
        furniture += header + footer
        chunk = body[number * style.page_lines:(number + 1) * style.page_lines]
        around = [""] if style.blank_lines else []
        lines += [*header, *around, *chunk] if header else chunk
        if style.form_feed and number < pages - 1:
            lines.append("\f")
        elif footer and number < pages - 1:
            lines += [*around, *footer, *around]
        elif footer:
            lines += [*around, *footer]
    return "\n".join(lines) + "\n", furniture, optional
