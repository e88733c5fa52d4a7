"""Score the plain-text reader on the generated corpus of pasted web pages and PDF text, and
print the scores by variant style (the weakest style shows) and in total.

    python benchmarks/plaintext_score.py                  # the table
    python benchmarks/plaintext_score.py --failures 5     # plus five failing variants per style
    python benchmarks/plaintext_score.py --show pdf-dots/03   # one variant: its text and output
    python benchmarks/plaintext_score.py --draw 1         # the same articles, other random choices
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from plaintext_corpus import STYLES, variants  # noqa: E402
from plaintext_corpus.score import Score, Summary, score, summarise  # noqa: E402
from roadmap_site.parse.plaintext import plaintext_to_markdown  # noqa: E402

_COLUMNS = ("style", "n", "read as text", "title", "head P", "head R", "head F1", "F1 any level", "items", "cells", "paras", "clean", "furn.", "lost")


def _row(name: str, summary: Summary) -> tuple[str, ...]:
    return (
        name,
        str(summary.variants),
        f"{summary.detected:.2f}",
        f"{summary.title_exact:.2f}",
        f"{summary.heading_precision:.2f}",
        f"{summary.heading_recall:.2f}",
        f"{summary.heading_f1:.2f}",
        f"{summary.heading_f1_any_level:.2f}",
        f"{summary.items:.2f}",
        f"{summary.cells:.2f}",
        f"{summary.paragraphs:.2f}",
        f"{summary.clean:.2f}",
        str(summary.furniture_left),
        f"{summary.words_lost} ({summary.words_lost_share:.1%})",
    )


def table(scored: dict[str, list[Score]]) -> str:
    rows = [_COLUMNS] + [_row(style, summarise(scores)) for style, scores in scored.items()]
    rows.append(_row("all", summarise([s for scores in scored.values() for s in scores])))
    widths = [max(len(row[column]) for row in rows) for column in range(len(_COLUMNS))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    return "\n".join([lines[0], "-+-".join("-" * width for width in widths), *lines[1:]])


def _failure(name: str, result: Score) -> str:
    problems = [] if result.detected else ["read as Markdown"]
    if not result.title_exact:
        problems.append("title")
    if result.headings_matched < max(result.headings_found, result.headings_expected):
        problems.append(f"headings {result.headings_matched}/{result.headings_expected} of {result.headings_found}")
    if result.furniture_left:
        problems.append(f"furniture {list(result.furniture_left)[:3]}")
    if result.words_lost:
        problems.append(f"lost {result.words_lost}")
    if result.items_found < result.items_expected:
        problems.append(f"items {result.items_found}/{result.items_expected}")
    if result.cells_found < result.cells_expected:
        problems.append(f"cells {result.cells_found}/{result.cells_expected}")
    return f"  {name}: " + "; ".join(problems) if problems else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", type=int, default=0, help="list this many failing variants per style")
    parser.add_argument("--show", help="print one variant's text and the reader's Markdown")
    parser.add_argument("--styles", nargs="*", default=list(STYLES))
    parser.add_argument("--draw", type=int, default=0, help="another deterministic draw of the random choices")
    args = parser.parse_args(argv)
    corpus = variants(tuple(args.styles), draw=args.draw)
    if args.show:
        chosen = next(v for v in corpus if v.name == args.show)
        document = plaintext_to_markdown(chosen.text)
        print(chosen.text, "=" * 60, f"title: {document.title!r}", document.markdown, sep="\n")
        print(_failure(chosen.name, score(chosen.text, chosen.truth)))
        return 0
    scored: dict[str, list[Score]] = {}
    failures: dict[str, list[str]] = {}
    for item in corpus:
        result = score(item.text, item.truth)
        scored.setdefault(item.style, []).append(result)
        note = _failure(item.name, result)
        if note:
            failures.setdefault(item.style, []).append(note)
    print(table(scored))
    for style, notes in failures.items():
        if args.failures:
            print(f"\n{style}: {len(notes)} imperfect", *notes[: args.failures], sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
