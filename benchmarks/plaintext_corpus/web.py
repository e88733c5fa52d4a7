"""An outline rendered as a web page copied from a browser: navigation, a byline, a reading
time, share buttons, maybe a contents list and the title repeated, the article, a footer."""

from __future__ import annotations

import random
from dataclasses import dataclass

from plaintext_corpus.outline import Code, Difficulty, Heading, ListBlock, Outline, Paragraph, Table

NAMES = ("Mara Ellison", "Tomas Reyes", "Priya Natarajan", "Jonas Berg", "Aiko Tanaka", "Lena Hofer")
NAV_BARS = (
    ("Home", "Blog", "Guides", "About", "Contact"),
    ("Products", "Pricing", "Docs", "Blog", "Sign in"),
    ("Skip to content", "Menu", "Search"),
    ("Engineering Blog", "Topics", "Newsletter", "Careers"),
)
SHARE_LINES = (
    "Share this article",
    "Twitter LogoLinkedIn LogoFacebook Logo",
    "Share on X",
    "Share on LinkedIn",
    "Copy link",
    "Tweet",
)
FOOTERS = (
    ("Subscribe to our newsletter", "Get new posts in your inbox every week", "Subscribe"),
    ("Related posts", "{related}", "{related2}"),
    ("About us", "Careers", "Privacy Policy", "Terms of Service"),
    ("© 2024 Northwind Labs", "All rights reserved", "Cookie settings"),
    ("Follow us", "GitHub", "Mastodon", "RSS"),
)
CONTENTS_LABELS = ("Table of Contents", "Contents", "On this page", "In this article")


@dataclass(frozen=True)
class WebStyle:
    blank_lines: bool
    nav: bool
    byline: bool
    share: bool
    contents: bool
    numbered: bool
    title_repeats: str  # "", "once" (after the byline), "sections" (under every section)
    footer: bool
    breadcrumb: bool = False  # "Blog / Engineering / <title>" above the title, "Updated on ..." below
    ads: bool = False  # "Advertisement" and share lines between sections


def section_numbers(outline: Outline) -> dict[int, str]:
    """1, 2, 2.1, 2.2, 3... for the headings of an outline, by block index."""
    numbers, section, sub = {}, 0, 0
    for index, block in enumerate(outline.blocks):
        if isinstance(block, Heading) and block.level == 2:
            section, sub = section + 1, 0
            numbers[index] = str(section)
        elif isinstance(block, Heading):
            sub += 1
            numbers[index] = f"{max(section, 1)}.{sub}"
    return numbers


def _byline(rng: random.Random) -> list[str]:
    name, minutes = rng.choice(NAMES), rng.randint(3, 14)
    forms = (
        [f"By {name}", f"{minutes} min read"],
        [f"Written by {name} · {minutes} min read"],
        [f"{name}", "March 3, 2024", f"{minutes} Min Read"],
        [f"Posted by {name} on 12 May 2024"],
        [f"{name} is a staff engineer who writes about infrastructure.", f"Reading time: {minutes} minutes"],
    )
    return list(rng.choice(forms))


def _bullet(rng: random.Random) -> str:
    return rng.choice(("•", "-", "*", "◦", "·", "▪"))


def _article_lines(outline: Outline, style: WebStyle, rng: random.Random, furniture: list[str]) -> list[str]:
    numbers = section_numbers(outline)
    bullet, ordered_mark = _bullet(rng), rng.choice((".", ")"))
    lines: list[list[str]] = []
    for index, block in enumerate(outline.blocks):
        if isinstance(block, Heading):
            if style.ads and block.level == 2 and index:
                interruption = rng.choice(("Advertisement", "Advertisement", "Share this article", "Continue reading below"))
                lines.append([interruption])
                furniture.append(interruption)
            number = numbers[index]
            shown = f"{number}{'.' if '.' not in number else ''} {block.text}" if style.numbered else block.text
            lines.append([shown])
            if style.title_repeats == "sections" and block.level == 2:
                lines.append([outline.title])
                furniture.append(outline.title)
        elif isinstance(block, (Paragraph, Difficulty)):
            lines.append([block.text])
        elif isinstance(block, ListBlock):
            lines.append([
                "  " * item.depth + (f"{number}{ordered_mark}" if item.ordered else bullet) + " " + item.text
                for number, item in enumerate(block.items, 1)
            ])
        elif isinstance(block, Table):
            lines.append(["\t".join(row) for row in block.rows])
        elif isinstance(block, Code):
            lines.append(list(block.lines))
    joiner = [""] if style.blank_lines else []
    return [line for group in lines for line in (*group, *joiner)]


def render_web(outline: Outline, style: WebStyle, rng: random.Random) -> tuple[str, list[str], list[str]]:
    """The pasted text, its furniture lines, and the lines that may stay (an author's bio)."""
    furniture: list[str] = []
    head: list[str] = []
    if style.nav:
        bar = list(rng.choice(NAV_BARS))
        head += [" | ".join(bar)] if rng.random() < 0.3 else bar
    if style.breadcrumb:
        head.append(f"Blog / {rng.choice(('Engineering', 'Guides', 'Backend'))} / {outline.title}")
    head.append(outline.title)
    if style.byline:
        head += _byline(rng)
    if style.breadcrumb:
        head.append(f"Updated on {rng.choice(('March 5, 2024', '5 March 2024', 'Jan 12, 2025'))}")
    if style.share:
        head.append(rng.choice(SHARE_LINES))
    if style.title_repeats == "once":
        head.append(outline.title)
    optional = [line for line in head if line.endswith(".")]
    furniture += [line for line in head if line not in optional]
    furniture.remove(outline.title)
    if style.contents:
        entries = [
            (f"{number}. " if "." not in number else f"{number} ") + block.text if style.numbered
            else "  " * (block.level - 2) + block.text
            for number, block in zip(section_numbers(outline).values(), (b for b in outline.blocks if isinstance(b, Heading)))
        ]
        head += [rng.choice(CONTENTS_LABELS), *entries]
        furniture += head[-len(entries) - 1:]
    body = _article_lines(outline, style, rng, furniture)
    tail: list[str] = []
    if style.share and rng.random() < 0.5:
        tail.append(rng.choice(SHARE_LINES))
    if style.footer:
        for footer in rng.sample(FOOTERS, 2):
            tail += [line.format(related="Ten Lessons from Running Queues", related2="Choosing a Database") for line in footer]
    furniture += tail
    joiner = [""] if style.blank_lines else []
    text = "\n".join(
        [line for part in head for line in (part, *joiner)] + body + [line for part in tail for line in (part, *joiner)]
    )
    return text + "\n", furniture, optional
