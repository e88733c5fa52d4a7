"""A deterministic corpus of pasted plain text with ground truth: thirty hand-written articles,
each rendered in fourteen styles of web copy and PDF extraction (420 variants)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace

from plaintext_corpus.articles import ARTICLES
from plaintext_corpus.outline import Truth, parse_outline, truth_of
from plaintext_corpus.pdf import PdfStyle, render_pdf
from plaintext_corpus.web import WebStyle, render_web

WEB_STYLES = {
    "web-blank": WebStyle(True, True, True, True, False, False, "", True),
    "web-dense": WebStyle(False, True, True, True, False, False, "", True),
    "web-numbered-repeats": WebStyle(True, True, True, True, False, True, "sections", False),
    "web-contents": WebStyle(True, True, True, True, True, False, "once", True),
    "web-dense-contents": WebStyle(False, True, True, True, True, True, "once", True),
    "web-bare": WebStyle(True, False, False, False, False, False, "", False),
    "web-ads": WebStyle(True, True, True, True, False, True, "", True, breadcrumb=True, ads=True),
    "web-dense-ads": WebStyle(False, True, True, False, True, False, "", True, breadcrumb=True, ads=True),
}
PDF_STYLES = {
    "pdf-tabs": PdfStyle(False, False, "tabs", "plain", 80, True, False, "number", 30),
    "pdf-dots": PdfStyle(True, False, "dots", "dotted", 70, True, True, "page", 28),
    "pdf-dense": PdfStyle(False, True, "tabs", "plain", 90, False, False, "page-of", 25),
    "pdf-narrow": PdfStyle(True, True, "", "dotted", 60, True, False, "title-number", 30),
    "pdf-unnumbered": PdfStyle(False, False, "tabs", "", 100, True, True, "number", 35),
    "pdf-formfeed": PdfStyle(True, True, "", "dotted", 75, False, False, "", 22, form_feed=True, authors_per_line=True),
}
STYLES = (*WEB_STYLES, *PDF_STYLES)


@dataclass(frozen=True)
class Variant:
    name: str  # "<style>/<article number>"
    style: str
    text: str
    truth: Truth


def variant(style: str, number: int, draw: int = 0) -> Variant:
    """One article in one style; `draw` picks another deterministic set of random choices."""
    outline = parse_outline(ARTICLES[number])
    rng = random.Random(f"{style}/{number}" + (f"/{draw}" if draw else ""))
    if style in WEB_STYLES:
        text, furniture, optional = render_web(outline, WEB_STYLES[style], rng)
    else:
        base = PDF_STYLES[style]
        jittered = replace(base, width=base.width + rng.randint(-5, 5), page_lines=base.page_lines + rng.randint(-4, 4))
        text, furniture, optional = render_pdf(outline, jittered, rng)
    return Variant(f"{style}/{number:02d}", style, text, truth_of(outline, furniture, optional))


def variants(styles: tuple[str, ...] = STYLES, articles: range | None = None, draw: int = 0) -> list[Variant]:
    numbers = articles if articles is not None else range(len(ARTICLES))
    return [variant(style, number, draw) for style in styles for number in numbers]
