"""Heading ids, and `{#id .class}` attributes written after a heading's text.

A learner's saved progress is keyed by `article#heading-id`, so the ids must stay what they
were when the site was first built: lower-case words of any script joined by '-', a repeated
id numbered '_1', '_2'..., counted over every heading of the article in order (the title's
too), and never one of the theme's own ids. These are the ids Python-Markdown's table of
contents gave, which earlier builds published.
"""

from __future__ import annotations

import html
import re

from roadmap_site.parse.sanitize import THEME_IDS

_NOT_SLUG = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")
_NUMBERED = re.compile(r"^(.*)_([0-9]+)$")
_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
# `## Title {#id .class .other}` as Pandoc and MkDocs Material authors write it.
_ATTRIBUTES = re.compile(r"\s*\{\s*((?:[#.][\w-]+\s*)+)\}\s*$")


def slug(text: str) -> str:
    """'Docker & Kubernetes: Part 2' -> 'docker-kubernetes-part-2'."""
    return _SPACES.sub("-", _NOT_SLUG.sub("", text).strip().lower())


def heading_id(text: str) -> str:
    """The id a heading's plain text gives, before it is made unique."""
    found = slug(text)
    return f"{found}-section" if found in THEME_IDS else found


def text_of_html(inner_html: str) -> str:
    """A heading's text from its rendered inner HTML: tags and comments dropped, entities read."""
    return html.unescape(_TAG.sub("", inner_html)).strip()


class HeadingIds:
    """Hands out the ids of one article's headings, in document order."""

    def __init__(self, taken: set[str] | None = None):
        self._taken = set(taken or ())
        # base -> n such that base_1 ... base_n are all known to be taken: an article that
        # repeats one heading a thousand times must not test base_1, base_2... each time.
        self._numbered: dict[str, int] = {}

    def claim(self, wanted: str) -> str:
        """wanted, or the first of wanted_1, wanted_2... that is free."""
        found = wanted
        if found in self._taken or not found:
            numbered = _NUMBERED.match(found)
            base, count = (numbered.group(1), int(numbered.group(2))) if numbered else (found, 0)
            known = self._numbered.get(base, 0)
            run = count <= known or found == f"{base}_{known + 1}"  # within the known run, or just after it
            count = max(count, known) if run else count
            count += 1
            while f"{base}_{count}" in self._taken:
                count += 1
            found = f"{base}_{count}"
            if run:
                self._numbered[base] = count
        self._taken.add(found)
        return found

    def reserve(self, given: str) -> None:
        """An id the author gave: later headings never take it."""
        self._taken.add(given)


def split_attributes(text: str) -> tuple[str, str | None, tuple[str, ...]]:
    """(text without a trailing '{#id .class}', the id, the classes)."""
    found = _ATTRIBUTES.search(text)
    if not found:
        return text, None, ()
    names = found.group(1).split()
    ids = [name[1:] for name in names if name.startswith("#")]
    classes = tuple(name[1:] for name in names if name.startswith("."))
    return text[: found.start()], (ids[-1] if ids else None), classes
