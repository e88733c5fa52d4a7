"""Code blocks: Pygments highlighting, with the optional title, highlighted lines and the
language shown, as ```` ```python title="app.py" hl_lines="2 3" ```` asks."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import ClassVar

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import TextLexer, get_lexer_by_name
from pygments.util import ClassNotFound

_OPTION = re.compile(r"""(\w+)=("[^"]*"|'[^']*'|\S+)""")


@dataclass(frozen=True)
class FenceInfo:
    """What a fence's info string says: ```` ```python title="app.py" hl_lines="2 3" ````."""

    language: str = ""
    title: str = ""
    highlighted: tuple[int, ...] = ()


def read_info(info: str) -> FenceInfo:
    """The language is the first word (braces and a leading dot, as in `{.python}`, are
    read through); then `title=` and `hl_lines=` (numbers and ranges, '2 4-6')."""
    words = info.strip()
    if not words:
        return FenceInfo()
    first, _, rest = words.partition(" ")
    language = first.strip("{}").lstrip(".")
    if "=" in language:  # no language, only options
        language, rest = "", words
    options = {name: value.strip("\"'") for name, value in _OPTION.findall(rest)}
    return FenceInfo(language, options.get("title", ""), _line_numbers(options.get("hl_lines", "")))


def _line_numbers(text: str) -> tuple[int, ...]:
    numbers: list[int] = []
    for part in re.split(r"[\s,]+", text.strip()):
        low, _, high = part.partition("-")
        if low.isdigit() and (not high or high.isdigit()):
            numbers.extend(range(int(low), int(high or low) + 1))
    return tuple(dict.fromkeys(numbers))


class _StyleTablesOnce(HtmlFormatter):
    """Pygments' HTML formatter, with its style tables made once per style rather than
    once per code block (they were a tenth of the time to parse an article with code)."""

    _tables: ClassVar[dict[tuple, tuple[dict, dict]]] = {}

    def _create_stylesheet(self) -> None:
        key = (self.style, self.classprefix)
        if key not in self._tables:
            super()._create_stylesheet()
            self._tables[key] = (self.ttype2class, self.class2style)
        self.ttype2class, self.class2style = self._tables[key]


@lru_cache(maxsize=256)
def _lexer(language: str) -> tuple[Lexer, str]:
    """The lexer for a language name and the name to show; plain text for unknown ones."""
    try:
        lexer = get_lexer_by_name(language) if language else TextLexer()
    except ClassNotFound:
        return TextLexer(), language
    return lexer, (lexer.name if language else "")


def code_block(code: str, info: FenceInfo) -> str:
    """A code block's HTML: a header naming its title and language when it has either,
    then the highlighted code, scrollable by keyboard."""
    lexer, shown = _lexer(info.language.lower())
    formatter = _StyleTablesOnce(cssclass="highlight", wrapcode=True, hl_lines=list(info.highlighted))
    body = highlight(code, lexer, formatter).replace('<div class="highlight"><pre>', '<div class="highlight"><pre tabindex="0">', 1)
    header = ""
    if info.title or shown:
        title = f'<span class="code-title">{html.escape(info.title)}</span>' if info.title else ""
        language = f'<span class="code-language">{html.escape(shown)}</span>' if shown else ""
        header = f'<div class="code-header">{title}{language}</div>\n'
    return f'<div class="code-block">\n{header}{body}</div>\n'

