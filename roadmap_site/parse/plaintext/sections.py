"""Numbered section lines (1, 2, 2.1, 2.2, 3, dotted or not) that count as headings because
their numbers follow one another in order, wherever they stand among the lines."""

from __future__ import annotations

from roadmap_site.parse.plaintext.lines import ORDERED, SECTION, line_key, section_level


def _follows(previous: tuple[int, ...] | None, number: tuple[int, ...]) -> bool:
    """2.1 follows 2; 2.2 follows 2.1; 3 follows 2.2; 1 starts the document."""
    if previous is None:
        return number == (1,)
    if number == previous + (1,):
        return True
    return any(number == previous[:depth] + (previous[depth] + 1,) for depth in range(len(previous)))


def _number_of(text: str) -> tuple[int, ...] | None:
    match = SECTION.match(text)
    return tuple(int(part) for part in match["number"].split(".")) if match else None


def _continues_a_list(texts: list[str], index: int, number: tuple[int, ...]) -> bool:
    """Item 3 right after an item 2 of the same shape: numbered alike ("2." then "3.", not "2)"
    then "3.") and unpunctuated too (after "2. Send alerts." a "3. Alerts" is a section)."""
    previous = next((text for text in reversed(texts[:index]) if text), "")
    item = ORDERED.match(previous)
    if len(number) != 1 or not item or int(item["number"]) != number[0] - 1 or section_level(previous) is None:
        return False
    return previous[len(item["number"])] == texts[index][len(str(number[0])):][:1]


def numbered_headings(lines: list[str], marked: dict[int, tuple[int, str]]) -> dict[int, tuple[int, str]]:
    """Headings from numbered lines in sequence, added to those already `marked` (index -> level,
    text), whose numbers the sequence also follows. A numbered line right before another of the
    same depth that follows it is a list item, not a section."""
    found = dict(marked)
    previous: tuple[int, ...] | None = None
    texts = [line_key(line) for line in lines]
    for index, text in enumerate(texts):
        number = _number_of(text)
        if index in marked:
            previous = number or previous
            continue
        if number is None or section_level(text) is None or not _follows(previous, number):
            continue
        if _continues_a_list(texts, index, number) or lines[index + 1:index + 2] and lines[index + 1][:1] in (" ", "\t"):
            continue  # item 3 after item 2 of a list, or a line wrapped into an indented next line
        following = next((other for other in texts[index + 1:] if other), "")
        next_number = _number_of(following)
        if next_number and len(next_number) == len(number) and _follows(number, next_number):
            continue
        match = SECTION.match(text)
        found[index] = (2 + len(number) - 1, match["text"].rstrip(" :"))  # type: ignore[index]
        previous = number
    return found
