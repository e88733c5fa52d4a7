"""Plain text, line by line: the shapes of lines (bullets, numbered sections, labels, bylines,
furniture) and the clean-up before any structure is read (control characters, spacing)."""

from __future__ import annotations

import re

LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
GLYPHS = "•·▪●◦‣∙"
BULLET = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<marker>-[ \t]+[*{GLYPHS}]|[*{GLYPHS}]|-)[ \t]+(?P<text>\S.*)$"
)
ORDERED = re.compile(r"^(?P<indent>[ \t]*)(?P<number>\d{1,3})[.)][ \t]+(?P<text>\S.*)$")
SECTION = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?[ \t]+(?P<text>\S.*)$")
DIFFICULTY = re.compile(r"^Difficulty:[ \t]*\w[\w \-/+]*$")
READING_TIME = re.compile(
    r"^(?:\d+\s*min(?:ute)?s?\.?\s+read|reading time:?\s*\d+\s*min(?:ute)?s?)\b(?:\s*[·|•-].*)?$", re.I
)
CONTENTS_LABEL = re.compile(r"^(?:table of contents|contents|on this page|in this (?:article|post))\s*:?$", re.I)
DATE = re.compile(
    r"^(?:(?:(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?:?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})$",
    re.I,
)
FURNITURE = (
    CONTENTS_LABEL,
    re.compile(r"^(?:\S+ Logo)+$"),  # share buttons copied as their images' alt texts
    re.compile(r"^(?:share(?: this)?(?: article| post| page)?(?: on \w+)?|tweet|copy link):?$", re.I),
    READING_TIME,
    DATE,
    re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.I),
    re.compile(r"^(?:subscribe|sign up|join)(?:\s+(?:to|for)\s+(?:our|the)\s+newsletter)?$", re.I),
    re.compile(r"^(?:advertisement|sponsored(?: content)?|(?:continue reading|story continues)(?: below)?)$", re.I),
)
AUTHOR_LINE = re.compile(
    r"^(?:(?:written|posted|published)\s+by|by|authors?\s*:)\s+(?P<names>\S.*)$", re.I
)
NAME_PARTICLES = frozenset("van von de der den da di du le la del bin al".split())
LABEL = re.compile(r"^(?P<label>[^:*\[\]<>`]{1,70}?):[ \t]+(?P<rest>\S.*)$")
BOLD_SPAN = re.compile(r"\*\*(?=[^\s*])((?:(?!\*\*).)+?)(?<=[^\s*])\*\*")
LINE_WRAP_HYPHEN = re.compile(r"(\w)- (?!(?:and|or|nor|to|vs?)\b)(\w)")
_STRAY_TAB = re.compile(r"(?<!\w)([^\W\d_]{1,3})\t(?=[^\W\d_])")
SENTENCE_END = (".", "!", "?", ":", ";", ")", '"', "”", "’", "'", "…")
ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
ESCAPES = str.maketrans({
    "\\": "\\\\", "<": "&lt;", "*": "\\*", "_": "\\_",
    "`": "\\`", "[": "\\[", "]": "\\]", "#": "\\#", "|": "\\|", "~": "\\~",
})

TITLE_REPEATS = 3


def clean_lines(text: str) -> list[str]:
    text = _INVISIBLE.sub("", LINE_BREAKS.sub("\n", text)).replace("\u00a0", " ")
    return [line.rstrip(" ") if line.strip() else "" for line in text.split("\n")]


def line_key(line: str) -> str:
    """A line as compared for repetition: stray tabs mended, spacing and a breadcrumb '/' ignored."""
    text = repair_stray_tabs(line).replace("\t", " ")
    return " ".join(text.split()).rstrip(" /")


def heading_key(text: str) -> str:
    """A line as compared with a table-of-contents entry: no numbering, marker or case."""
    text = line_key(text).lower()
    text = re.sub(r"^(?:\d+(?:\.\d+)*[.)]?\s+|[-*•·]\s+)+", "", text)
    return text.rstrip(" :")


def is_title_shaped(text: str, max_words: int = 10, max_chars: int = 70) -> bool:
    words = text.split()
    if not words or len(words) > max_words or len(text) > max_chars:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or text.endswith((".", "!", ",", ";")):
        return False
    return not text.endswith(":") or len(words) <= 4


def is_list_line(line: str) -> bool:
    return bool(BULLET.match(line) or ORDERED.match(line))


def repair_stray_tabs(line: str) -> str:
    """Mend a PDF's tab inside a word ("Bu\\tilding"): a short fragment glued to a lower-case rest."""

    def mend(match: re.Match[str]) -> str:
        fragment, rest = match[1], line[match.end()]
        glued = rest.islower() and (len(fragment) > 1 or fragment.isupper())
        return fragment if glued else fragment + "\t"

    return _STRAY_TAB.sub(mend, line)


def section_level(text: str) -> int | None:
    match = SECTION.match(text)
    if not match or not is_title_shaped(match["text"], 15, 120) or match["text"].endswith(":"):
        return None
    return min(2 + match["number"].count("."), 4)


_PROSE_LENGTH = 45
_WRAPPED_SHARE = 0.1


def is_wrapped(lines: list[str]) -> bool:
    """True when long lines often stop mid-sentence with the text going on in the next line: a
    PDF's wrapped lines. A web copy keeps each paragraph on one line."""
    prose = [
        (line, following)
        for line, following in zip(lines, lines[1:])
        if len(line.strip()) >= _PROSE_LENGTH and "\t" not in line.strip() and not is_list_line(line)
    ]
    if not prose:
        return True
    unfinished = sum(1 for line, following in prose if following.strip() and not line.rstrip().endswith(SENTENCE_END))
    return unfinished >= _WRAPPED_SHARE * len(prose)


def _is_prose_line(line: str) -> bool:
    return bool(line.strip()) and "\t" not in line.strip() and not is_list_line(line) and not line.startswith((" ", "\t"))


def paragraph_ends(lines: list[str], wrapped: bool) -> set[int]:
    """The lines after which a paragraph ends though no blank line follows. In a web copy, every
    prose line is a paragraph. In wrapped text, a sentence's last line ends one when the next
    line's first word would have fitted on it: the line was broken by hand, not by the wrap."""
    if not wrapped:
        return {index for index in range(len(lines) - 1) if _is_prose_line(lines[index]) or _is_prose_line(lines[index + 1])}
    # The wrap width, from the lines that stop mid-sentence and go on in the next line.
    lengths = sorted(
        len(line.rstrip())
        for line, following in zip(lines, lines[1:])
        if _is_prose_line(line)
        and _is_prose_line(following)
        and len(line.strip()) >= _PROSE_LENGTH
        and not line.rstrip().endswith(SENTENCE_END)
    )
    if not lengths:
        return set()
    median = lengths[len(lengths) // 2]
    width = max(length for length in lengths if length <= 1.3 * median)  # a long unwrapped line is no wrap
    ends = set()
    for index in range(len(lines) - 1):
        line, following = lines[index].rstrip(), lines[index + 1]
        if not (_is_prose_line(line) and _is_prose_line(following) and line.endswith((".", "!", "?"))):
            continue
        first_word = following.split()[0]
        if first_word[0].isupper() and len(line) + 1 + len(first_word) <= width:
            ends.add(index)
    return ends
