"""How much of the CommonMark spec (or GitHub's GFM spec) our Markdown engine passes.

    python benchmarks/commonmark_spec.py SPEC_TXT [--json]
    python benchmarks/commonmark_spec.py --gfm GFM_SPEC_TXT [--json]

Reads the spec's examples (a line of 32 backticks and ` example`, the Markdown, a line `.`,
the expected HTML, a line of 32 backticks; `→` stands for a tab), renders each example's
Markdown with `roadmap_site.parse.markdown.engine.markdown_parser()` (the syntax the site
parses, without its page decorations), compares it with the expected HTML after normalising
both as the spec's own test tooling does, and prints passed/total per section (the spec's `#`
headings) and in total, with the numbers of the failing examples. The GFM spec's examples may
carry extension names after `example` (`example table`); `--gfm` adds a line per extension,
and examples marked `disabled` are numbered but not run, as cmark-gfm's tooling does.

Exit status: 0 after a measurement, whatever it found; 1 when the engine is not there to
measure; 2 when the spec file is missing or not in the spec's format. The spec's text is not
ours and is not committed: see benchmarks/README.md for where to get it.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
from dataclasses import dataclass, field
from html import escape
from html.entities import name2codepoint
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable

ENGINE = "roadmap_site.parse.markdown.engine"
EXAMPLE_FENCE = "`" * 32
EXAMPLE_OPENING = EXAMPLE_FENCE + " example"
HEADING = re.compile(r"#+ ")
DISABLED = "disabled"


class SpecError(Exception):
    """The file is not a spec: its path and line, and what is wrong there."""


class EngineMissing(Exception):
    """The engine the script measures cannot be imported (yet)."""


# ---------------------------------------------------------------- reading the spec

@dataclass(frozen=True)
class Example:
    number: int  # 1-based, in the file's order, as the spec's own tooling numbers them
    section: str  # the last `#` heading before it
    markdown: str
    html: str
    line: int  # of its opening fence
    extensions: tuple[str, ...] = ()  # the GFM spec's names after `example`


def read_examples(text: str, shown: str = "spec.txt") -> list[Example]:
    """Every example of a spec's text, disabled ones left out (their numbers are kept).
    Raises SpecError at the line where the text stops being a spec."""
    examples: list[Example] = []
    section, number = "", 0
    opened = 0  # line of the open example's fence; 0 outside an example
    markdown: list[str] = []
    html: list[str] | None = None  # None until the example's `.` line
    extensions: tuple[str, ...] = ()
    for line_number, line in enumerate(text.splitlines(keepends=True), start=1):
        stripped = line.strip()
        if stripped.startswith(EXAMPLE_OPENING) and stripped[len(EXAMPLE_OPENING):len(EXAMPLE_OPENING) + 1] in ("", " "):
            if opened:
                raise SpecError(f"{shown}:{line_number}: an example starts inside the example opened at line {opened}")
            opened, markdown, html = line_number, [], None
            extensions = tuple(stripped[len(EXAMPLE_OPENING):].split())
        elif not opened:
            if HEADING.match(line):
                section = HEADING.sub("", line, count=1).strip()
        elif stripped == EXAMPLE_FENCE:
            if html is None:
                raise SpecError(f"{shown}:{line_number}: the example opened at line {opened} has no `.` line "
                                "between its Markdown and its HTML")
            number += 1
            if DISABLED not in extensions:
                examples.append(Example(number, section, _tabs("".join(markdown)), _tabs("".join(html)),
                                        opened, extensions))
            opened = 0
        elif html is None and stripped == ".":
            html = []
        else:
            (markdown if html is None else html).append(line)
    if opened:
        raise SpecError(f"{shown}:{opened}: this example is not closed by a line of 32 backticks")
    if number == 0:
        raise SpecError(f"{shown}:1: no examples (a line of 32 backticks and ' example'): is this a spec.txt?")
    return examples


def _tabs(text: str) -> str:
    return text.replace("→", "\t")


def spec_version(text: str) -> str:
    """The version its front matter states ('0.31.2'), or '?'."""
    found = re.search(r"^version:\s*'?([^'\s]+)'?\s*$", text[:2000], re.M)
    return found.group(1) if found else "?"


# ---------------------------------------------------------------- normalising HTML

# Whitespace around these tags is not significant (the spec tooling's list of block tags).
BLOCK_TAGS = frozenset("""
    article aside blockquote body button canvas caption col colgroup dd div dl dt embed fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr iframe li map object ol output
    p pre progress script section style table tbody td textarea tfoot th thead tr ul video
""".split())
_SPACES = re.compile(r"\s+")
_CDATA = re.compile(r"(<!\[CDATA\[.*?\]\]>)", re.S)
_KEPT_AS_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}


class _Normaliser(HTMLParser):
    """Writes HTML back with the differences the spec does not care about taken out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.last = "start"  # what was written last: start, end, data, ref or markup
        self.last_tag = ""
        self.in_pre = False

    def _trim_end(self) -> None:
        while self.parts:
            trimmed = self.parts[-1].rstrip()
            if trimmed:
                self.parts[-1] = trimmed
                return
            self.parts.pop()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "pre":
            self.in_pre = True
        if tag in BLOCK_TAGS:
            self._trim_end()
        written = "".join(f" {name}" if value is None else f' {name}="{escape(value)}"'
                          for name, value in sorted(attrs, key=lambda a: (a[0], a[1] or "")))
        self.parts.append(f"<{tag}{written}>")
        self.last, self.last_tag = "start", tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # `<br />` is written `<br>`
        self.last = "end"

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self.in_pre = False
        elif tag in BLOCK_TAGS:
            self._trim_end()
        self.parts.append(f"</{tag}>")
        self.last, self.last_tag = "end", tag

    def handle_data(self, data: str) -> None:
        after_tag = self.last in ("start", "end")
        if after_tag and self.last_tag == "br":
            data = data.lstrip("\n")
        if not self.in_pre:
            data = _SPACES.sub(" ", data)
            if after_tag and self.last_tag in BLOCK_TAGS:
                data = data.lstrip() if self.last == "start" else data.strip()
        self.parts.append(data)
        self.last = "data"

    def handle_entityref(self, name: str) -> None:
        code = name2codepoint.get(name)
        self._character(chr(code) if code is not None else None, f"&{name};")

    def handle_charref(self, name: str) -> None:
        try:
            character = chr(int(name[1:], 16) if name[:1] in "xX" else int(name))
        except (ValueError, OverflowError):
            character = None
        self._character(character, f"&#{name};")

    def _character(self, character: str | None, written: str) -> None:
        self.parts.append(written if character is None else _KEPT_AS_ENTITIES.get(character, character))
        self.last = "ref"

    def handle_comment(self, data: str) -> None:
        self._markup(f"<!--{data}-->")

    def handle_decl(self, data: str) -> None:
        self._markup(f"<!{data}>")

    def unknown_decl(self, data: str) -> None:
        self._markup(f"<!{data}>")

    def handle_pi(self, data: str) -> None:
        self._markup(f"<?{data}>")

    def _markup(self, written: str) -> None:
        self.parts.append(written)
        self.last = "markup"


def normalize_html(html: str) -> str:
    """HTML with insignificant differences removed, as the spec's tooling compares it: runs of
    whitespace are one space (not in <pre>), whitespace around block tags goes, attributes
    are sorted, `<br />` is `<br>`, and character references are characters except < > & ",
    which are written as entities. CDATA sections are kept as they are."""
    normaliser = _Normaliser()
    try:
        for piece in _CDATA.split(html):
            if piece.startswith("<![CDATA["):
                normaliser.parts.append(piece)
                normaliser.last = "markup"
            elif piece:
                normaliser.feed(piece)
        normaliser.close()
    except Exception:  # html.parser gives up on little, but a measurement must not stop here
        return html
    return "".join(normaliser.parts)


# ---------------------------------------------------------------- running the examples

@dataclass
class SectionResult:
    section: str
    passed: int = 0
    total: int = 0
    failing: list[int] = field(default_factory=list)


@dataclass
class SpecResult:
    sections: list[SectionResult]  # in the spec's order
    extensions: list[SectionResult]  # per extension name of the GFM spec, in order of appearance
    errors: dict[int, str]  # example number -> the exception its rendering raised

    @property
    def passed(self) -> int:
        return sum(section.passed for section in self.sections)

    @property
    def total(self) -> int:
        return sum(section.total for section in self.sections)

    @property
    def failing(self) -> list[int]:
        return sorted(number for section in self.sections for number in section.failing)


def passes(example: Example, render: Callable[[str], str]) -> bool:
    return normalize_html(render(example.markdown)) == normalize_html(example.html)


def run_examples(examples: Iterable[Example], render: Callable[[str], str]) -> SpecResult:
    """Render every example and tally the results; an exception fails its example."""
    sections: dict[str, SectionResult] = {}
    extensions: dict[str, SectionResult] = {}
    errors: dict[int, str] = {}
    for example in examples:
        try:
            ok = passes(example, render)
        except Exception as exc:  # the engine's bug is a finding, not the end of the measurement
            ok = False
            errors[example.number] = f"{type(exc).__name__}: {exc}"
        tallies = [sections.setdefault(example.section, SectionResult(example.section))]
        tallies += [extensions.setdefault(name, SectionResult(name)) for name in example.extensions]
        for tally in tallies:
            tally.total += 1
            if ok:
                tally.passed += 1
            else:
                tally.failing.append(example.number)
    return SpecResult(list(sections.values()), list(extensions.values()), errors)


# ---------------------------------------------------------------- the engine

def engine_parser():
    """The engine's markdown_parser(), or EngineMissing saying what is not there."""
    try:
        module = importlib.import_module(ENGINE)
    except ModuleNotFoundError as exc:
        if exc.name == "roadmap_site":
            raise EngineMissing("roadmap_site is not importable: run with PYTHONPATH=<the checkout>") from None
        if exc.name and ENGINE.startswith(exc.name):
            raise EngineMissing(f"{ENGINE} is not there yet: nothing to measure") from None
        raise  # the engine is there but something it imports is not: its own error says what
    factory = getattr(module, "markdown_parser", None)
    if factory is None:
        raise EngineMissing(f"{ENGINE} has no markdown_parser() yet: nothing to measure")
    return factory()


def describe_engine() -> str:
    module = sys.modules.get(ENGINE)
    where = getattr(module, "__file__", None)
    return f"{ENGINE}.markdown_parser()" + (f" from {where}" if where else "")


# ---------------------------------------------------------------- report

def _numbers(numbers: list[int]) -> str:
    return " ".join(str(number) for number in numbers)


def text_report(result: SpecResult, title: str) -> str:
    rows = [(s.section, s.passed, s.total, _numbers(s.failing)) for s in result.sections]
    rows.append(("total", result.passed, result.total, ""))
    width = max(len("section"), *(len(row[0]) for row in rows))
    lines = [title, "", f"{'section':<{width}}  passed  total  failing examples",
             f"{'-' * width}  ------  -----  ----------------"]
    for name, passed, total, failing in rows:
        if name == "total":
            lines.append(f"{'-' * width}  ------  -----")
        lines.append(f"{name:<{width}}  {passed:>6}  {total:>5}  {failing}".rstrip())
    if result.extensions:
        lines += ["", "per extension (GFM examples marked with its name):"]
        lines += [f"  {e.section:<14} {e.passed:>4}/{e.total:<4} {_numbers(e.failing)}".rstrip() for e in result.extensions]
    failing = result.failing
    lines += ["", f"failing examples ({len(failing)}): {_numbers(failing) or 'none'}"]
    if result.errors:
        lines.append(f"of which raised an exception ({len(result.errors)}):")
        lines += [f"  {number}: {message}" for number, message in sorted(result.errors.items())]
    return "\n".join(lines)


def json_report(result: SpecResult, spec: str, path: str, version: str, engine: str) -> dict:
    def tally(s: SectionResult, key: str) -> dict:
        return {key: s.section, "passed": s.passed, "total": s.total, "failing": s.failing}

    return {
        "spec": spec, "path": path, "version": version, "engine": engine,
        "passed": result.passed, "total": result.total, "failing": result.failing,
        "sections": [tally(s, "section") for s in result.sections],
        "extensions": [tally(e, "extension") for e in result.extensions],
        "errors": {str(number): message for number, message in sorted(result.errors.items())},
    }


def main(argv: list[str] | None = None, parser_factory: Callable[[], object] = engine_parser,
         engine_name: Callable[[], str] = describe_engine) -> int:
    """The command; parser_factory and engine_name let the tests measure another set-up."""
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = arguments.add_mutually_exclusive_group(required=True)
    which.add_argument("spec", nargs="?", type=Path, metavar="SPEC_TXT", help="the CommonMark spec's spec.txt")
    which.add_argument("--gfm", type=Path, metavar="GFM_SPEC_TXT", help="the GFM spec (cmark-gfm's test/spec.txt)")
    arguments.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = arguments.parse_args(argv)
    path: Path = args.gfm or args.spec
    kind = "gfm" if args.gfm else "commonmark"
    try:
        text = path.read_text(encoding="utf-8")
        examples = read_examples(text, str(path))
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{path}: cannot read the spec: {exc}", file=sys.stderr)
        return 2
    except SpecError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        parser = parser_factory()
    except EngineMissing as exc:
        print(exc, file=sys.stderr)
        return 1
    result = run_examples(examples, parser.render)
    version, engine = spec_version(text), engine_name()
    if args.json:
        print(json.dumps(json_report(result, kind, str(path), version, engine), indent=2, ensure_ascii=False))
    else:
        name = "GFM spec" if args.gfm else "CommonMark spec"
        print(text_report(result, f"{name} {version} ({path}): {result.passed}/{result.total} examples pass "
                                  f"with {engine}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
