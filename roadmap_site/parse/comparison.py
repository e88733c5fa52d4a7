"""Recognise comparison tables ("Containers vs Virtual Machines") among an article's tables."""

from __future__ import annotations

import re

from roadmap_site.model.models import ComparisonTable

_VERSUS = re.compile(r"\s+(?:vs\.?|versus|v\.|compared (?:to|with))\s+", re.IGNORECASE)
# Words that head a column of row labels rather than name a subject.
_LABEL_WORDS = {
    "aspect", "aspects", "feature", "features", "criterion", "criteria", "category",
    "property", "properties", "dimension", "attribute", "characteristic", "comparison",
    "factor", "metric", "point", "topic", "",
}


def find_comparison(title: str, anchor: str, rows: list[list[str]]) -> ComparisonTable | None:
    """A ComparisonTable when the table compares subjects, else None.

    A table compares subjects when it, or the heading above it, says so with "vs" (or
    "versus", "compared to"), and its header then names two or more subjects. The first
    header cell is a column of row labels, not a subject, when it is empty, generic
    ("Aspect", "Feature") or itself reads "X vs Y".
    """
    if len(rows) < 2 or len(rows[0]) < 2:
        return None
    header = tuple(rows[0])
    first = header[0]
    named_in_title = _subjects_named(title)
    says_versus = bool(named_in_title) or bool(_VERSUS.search(f" {first} "))
    if not says_versus:
        return None
    first_is_label = (
        first.casefold().strip(" :") in _LABEL_WORDS
        or bool(_VERSUS.search(f" {first} "))
        or (bool(named_in_title) and not _mentions(named_in_title, first) and len(header) > 2)
    )
    subjects = header[1:] if first_is_label else header
    subjects = tuple(subject for subject in subjects if subject)
    if len(subjects) < 2:
        return None
    return ComparisonTable(
        title=title or " vs ".join(subjects),
        anchor=anchor,
        subjects=subjects,
        header=header,
        rows=tuple(tuple(row) for row in rows[1:]),
    )


def _subjects_named(title: str) -> list[str]:
    parts = _VERSUS.split(f" {title} ")
    return [part.strip().casefold() for part in parts] if len(parts) > 1 else []


def _mentions(named: list[str], cell: str) -> bool:
    words = set(re.findall(r"\w+", cell.casefold()))
    return any(words & set(re.findall(r"\w+", subject)) for subject in named)
