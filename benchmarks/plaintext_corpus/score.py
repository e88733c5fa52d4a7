"""Score the plain-text reader on one variant: what the site would show (the document's title
and its Markdown as the site's parser reads it) against the variant's ground truth."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from plaintext_corpus.outline import Truth, words
from roadmap_site.parse.markdown.engine import markdown_parser
from roadmap_site.parse.plaintext import looks_like_plain_text, plaintext_to_markdown


@dataclass(frozen=True)
class Observed:
    """The reader's output as structure: headings with levels, list items, table rows, all words."""

    title: str | None
    headings: tuple[tuple[int, str], ...]
    items: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    paragraphs: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Score:
    detected: int  # a .txt file of this text is read as plain text, not as Markdown
    title_exact: int
    headings_matched: int
    headings_matched_any_level: int
    headings_found: int
    headings_expected: int
    items_found: int
    items_expected: int
    cells_found: int
    cells_expected: int
    paragraphs_found: int
    paragraphs_expected: int
    furniture_left: tuple[str, ...]
    words_lost: int
    words_expected: int
    extra: tuple[str, ...] = field(default=(), compare=False)  # words the truth does not have


def observe(text: str) -> Observed:
    document = plaintext_to_markdown(text)
    tokens = markdown_parser().parse(document.markdown)
    headings, items, rows, paragraphs, all_words = [], [], [], [], []
    open_blocks: list[str] = []
    row: list[str] | None = None
    for index, token in enumerate(tokens):
        if token.nesting == 1:
            open_blocks.append(token.type[: -len("_open")])
            if token.type == "tr_open":
                row = []
        elif token.nesting == -1:
            open_blocks.pop()
            if token.type == "tr_close" and row is not None:
                rows.append(tuple(row))
                row = None
        if token.type == "inline":
            content = " ".join(
                child.content if child.type not in ("softbreak", "hardbreak") else " " for child in token.children or ()
            )
            all_words += words(content)
            if open_blocks[-1:] == ["heading"]:
                headings.append((int(tokens[index - 1].tag[1]), " ".join(words(content))))
            elif open_blocks[-2:] == ["list_item", "paragraph"]:
                items.append(" ".join(words(content)))
            elif row is not None:
                row.append(" ".join(words(content)))
            elif open_blocks == ["paragraph"]:
                paragraphs.append(" ".join(words(content)))
        elif token.type in ("fence", "code_block", "html_block"):
            all_words += words(token.content)
    return Observed(document.title, tuple(headings), tuple(items), tuple(rows), tuple(paragraphs), tuple(all_words))


def _key(text: str) -> str:
    return " ".join(words(text))


def score(text: str, truth: Truth) -> Score:
    observed = observe(text)
    wanted_headings = Counter((level, _key(heading)) for level, heading in truth.headings)
    found_headings = Counter(observed.headings)
    wanted_items, found_items = Counter(map(_key, truth.items)), Counter(observed.items)
    cells_found = sum(
        max((sum(a == b for a, b in zip(map(_key, row), seen)) for seen in observed.rows), default=0)
        for row in truth.rows
    )
    expected, seen = Counter(truth.body_words), Counter(observed.words)
    extra = seen - expected - Counter(word for line in truth.optional for word in words(line))
    left = []
    for line in truth.furniture:
        line_words = Counter(words(line))
        if line_words and not line_words - extra:
            left.append(line)
            extra -= line_words
    return Score(
        detected=int(looks_like_plain_text(text)),
        title_exact=int(" ".join((observed.title or "").split()) == truth.title),
        headings_matched=sum((wanted_headings & found_headings).values()),
        headings_matched_any_level=sum(
            (Counter(text for _, text in wanted_headings.elements()) & Counter(text for _, text in found_headings.elements())).values()
        ),
        headings_found=sum(found_headings.values()),
        headings_expected=sum(wanted_headings.values()),
        items_found=sum((wanted_items & found_items).values()),
        items_expected=sum(wanted_items.values()),
        cells_found=cells_found,
        cells_expected=sum(len(row) for row in truth.rows),
        paragraphs_found=sum((Counter(map(_key, truth.paragraphs)) & Counter(observed.paragraphs)).values()),
        paragraphs_expected=len(truth.paragraphs),
        furniture_left=tuple(left),
        words_lost=sum((expected - seen).values()),
        words_expected=sum(expected.values()),
        extra=tuple((seen - expected).elements()),
    )


@dataclass(frozen=True)
class Summary:
    variants: int
    detected: float
    title_exact: float
    heading_precision: float
    heading_recall: float
    heading_f1: float
    heading_f1_any_level: float
    items: float
    cells: float
    paragraphs: float  # paragraphs recovered whole, neither split nor joined to another
    clean: float  # share of variants with no furniture left
    furniture_left: int
    words_lost: int
    words_lost_share: float


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def summarise(scores: list[Score]) -> Summary:
    matched = sum(s.headings_matched for s in scores)
    precision = _ratio(matched, sum(s.headings_found for s in scores))
    recall = _ratio(matched, sum(s.headings_expected for s in scores))
    lost = sum(s.words_lost for s in scores)
    any_level = sum(s.headings_matched_any_level for s in scores)
    loose_precision = _ratio(any_level, sum(s.headings_found for s in scores))
    loose_recall = _ratio(any_level, sum(s.headings_expected for s in scores))
    return Summary(
        variants=len(scores),
        detected=_ratio(sum(s.detected for s in scores), len(scores)),
        title_exact=_ratio(sum(s.title_exact for s in scores), len(scores)),
        heading_precision=precision,
        heading_recall=recall,
        heading_f1=_f1(precision, recall),
        heading_f1_any_level=_f1(loose_precision, loose_recall),
        items=_ratio(sum(s.items_found for s in scores), sum(s.items_expected for s in scores)),
        cells=_ratio(sum(s.cells_found for s in scores), sum(s.cells_expected for s in scores)),
        paragraphs=_ratio(sum(s.paragraphs_found for s in scores), sum(s.paragraphs_expected for s in scores)),
        clean=_ratio(sum(not s.furniture_left for s in scores), len(scores)),
        furniture_left=sum(len(s.furniture_left) for s in scores),
        words_lost=lost,
        words_lost_share=_ratio(lost, sum(s.words_expected for s in scores)),
    )
