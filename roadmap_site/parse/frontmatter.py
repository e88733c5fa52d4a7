"""Split an article into front matter and body, and parse the front matter (YAML, TOML, JSON).

Parsing is pure: text in, the values and the file line of each top-level key out, or a
FrontMatterError with its line. Line numbers are in file coordinates: line 1 is the opening
fence (or, for JSON, the line of the opening brace).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from roadmap_site.errors import SourceError
from roadmap_site.safe_yaml import DuplicateKey, TooLarge, load_yaml_with_lines, yaml_error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

@dataclass(frozen=True)
class Split:
    """An article's text cut in two; body_line is the file line where the body starts."""

    kind: str  # "yaml", "toml", "json" or "none"
    raw: str
    body: str
    body_line: int


class FrontMatterError(SourceError):
    """Front matter that cannot be read: never closed, or not valid YAML, TOML or JSON."""


@dataclass(frozen=True)
class FrontMatter:
    values: dict[str, Any]
    lines: dict[str, int]  # file line of each top-level key, by the key as written


_FENCES = {"---": "yaml", "+++": "toml"}


def split_front_matter(text: str) -> Split:
    """Find the front matter at the very start of text. Raises FrontMatterError when a fence
    is opened and never closed, or a JSON object is not closed."""
    first, _, rest = text.partition("\n")
    fence = first.rstrip()
    if fence in _FENCES:
        closers = (fence, "...") if fence == "---" else (fence,)
        lines = rest.split("\n")
        for index, line in enumerate(lines):
            if line.rstrip() in closers:
                raw = "\n".join(lines[:index])
                body = "\n".join(lines[index + 1 :])
                return Split(_FENCES[fence], raw, body, index + 3)
        raise FrontMatterError(1, f"front matter opened with '{fence}' is never closed")
    if text.startswith("{"):
        try:
            _, end = json.JSONDecoder().raw_decode(text)
        except json.JSONDecodeError as exc:
            raise FrontMatterError(exc.lineno, f"front matter is not valid JSON: {exc.msg}") from None
        except RecursionError:
            raise FrontMatterError(1, _TOO_DEEP) from None
        except ValueError as exc:  # a number too long to convert, for one
            raise FrontMatterError(1, f"front matter could not be read: {exc}") from None
        raw, body = text[:end], text[end:]
        body_line = raw.count("\n") + 1
        if body.startswith("\n"):
            body, body_line = body[1:], body_line + 1
        return Split("json", raw, body, body_line)
    return Split("none", "", text, 1)


_TOML_LINE = re.compile(r"at line (\d+)")
_TOO_DEEP = "front matter nests lists or mappings too deeply (hundreds of levels); flatten it"
_ALIAS = re.compile(r"(?<![^\s\[{,:-])\*[^\s\[\]{},]+")


def parse_front_matter(split: Split) -> dict[str, Any]:
    """The front matter's values alone; raises FrontMatterError with a file line."""
    return read_front_matter(split).values


def read_front_matter(split: Split) -> FrontMatter:
    """The front matter as a mapping, with the file line of each top-level key; raises
    FrontMatterError with a file line."""
    if split.kind == "none":
        return FrontMatter({}, {})
    try:
        if split.kind == "yaml":
            data, lines = load_yaml_with_lines(split.raw, 2)
        elif split.kind == "toml":
            data, lines = tomllib.loads(split.raw), key_lines(split.raw, 2)
        else:
            data, lines = json.loads(split.raw), _json_key_lines(split.raw)
    except DuplicateKey as exc:
        raise FrontMatterError(
            yaml_error_line(exc, 2), f"{exc.key!r} is given twice (first on line {2 + exc.first_line}); keep one"
        ) from None
    except TooLarge as exc:
        found = _ALIAS.search(split.raw)
        line = 2 + split.raw.count("\n", 0, found.start()) if found else 1
        alias = f" ({found.group()})" if found else ""
        raise FrontMatterError(line, f"front matter {exc}{alias}; write the values out") from None
    except yaml.reader.ReaderError as exc:
        line = 2 + split.raw.count("\n", 0, exc.position)
        raise FrontMatterError(
            line, f"front matter contains an invisible control character (U+{exc.character:04X}); delete it"
        ) from None
    except yaml.YAMLError as exc:
        line = yaml_error_line(exc, 2)
        if "quoted scalar" in str(getattr(exc, "context", "")):
            line = 2 + exc.context_mark.line  # type: ignore[attr-defined] # where the quote opened
        raw_lines = split.raw.split("\n")
        raw_line = raw_lines[line - 2] if 0 <= line - 2 < len(raw_lines) else ""
        raise FrontMatterError(line, _yaml_advice(exc, raw_line)) from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line = 1 + int(found.group(1)) if found else 1 + len(split.raw.rstrip("\n").split("\n"))
        raise FrontMatterError(line, f"front matter is not valid TOML: {_first_clause(str(exc))}") from None
    except json.JSONDecodeError as exc:  # pragma: no cover - split_front_matter decoded it already
        raise FrontMatterError(exc.lineno, f"front matter is not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise FrontMatterError(1, _TOO_DEEP) from None
    except ValueError as exc:
        raise FrontMatterError(1, f"front matter could not be read: {exc}") from None
    if data is None:
        return FrontMatter({}, {})
    if not isinstance(data, dict):
        found = type(data).__name__
        found = {"list": "a list", "str": "a single text value", "int": "a number"}.get(found, found)
        raise FrontMatterError(1, f"front matter must be a mapping of keys to values, found {found}")
    return FrontMatter(data, lines)


_TOML_KEY = re.compile(r"""\s*["']?([A-Za-z_][\w-]*)["']?\s*[:=]""")
_TOML_TABLE = re.compile(r"""\s*\[\[?\s*[\w.\-"' ]+\]\]?\s*(?:#.*)?$""")


def key_lines(raw: str, first_line: int) -> dict[str, int]:
    """File line of each top-level key of TOML front matter, found by its text (tomllib
    tells no positions): a key inside a multi-line string or after a [table] header is
    not top-level."""
    lines: dict[str, int] = {}
    closing = None  # the quotes that end the multi-line string being read
    for offset, line in enumerate(raw.split("\n")):
        if closing:
            closing = None if line.count(closing) % 2 else closing
            continue
        if _TOML_TABLE.match(line):
            break
        found = _TOML_KEY.match(line)
        if found:
            lines.setdefault(found.group(1), first_line + offset)
        closing = next((quotes for quotes in ('"""', "'''") if line.count(quotes) % 2), None)
    return lines


_JSON_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?|[\[{]|[\]}]')


def _json_key_lines(raw: str) -> dict[str, int]:
    """File line of each key of a JSON object that starts the file; as for the values, the
    key written last wins."""
    lines: dict[str, int] = {}
    depth, line, counted = 0, 1, 0
    for token in _JSON_TOKEN.finditer(raw):
        if token.group(1) is None:
            depth += 1 if token.group() in "[{" else -1
        elif token.group(2) and depth == 1:
            line += raw.count("\n", counted, token.start())
            counted = token.start()
            lines[json.loads(token.group(1))] = line
    return lines


def _yaml_advice(exc: yaml.YAMLError, line: str) -> str:
    """Say what a writer should do, not what the parser saw."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    if "mapping values are not allowed" in problem:
        return "a value contains ': '; put the whole value in quotes"
    if "cannot start any token" in problem and line[: len(line) - len(line.lstrip())].count("\t"):
        return "a tab is used for indentation; indent with spaces"
    if "quoted scalar" in context:
        return "a quoted value is never closed"
    if "found undefined tag handle" in problem or "could not determine a constructor" in problem:
        return "front matter uses a YAML tag ('!...') that is not allowed"
    if "undefined alias" in problem or "scanning an alias" in context:
        return "a value starts with '*', which YAML reads as an alias; put the whole value in quotes"
    detail = "; ".join(part for part in (context, problem) if part) or str(exc)
    return f"front matter is not valid YAML: {' '.join(detail.split())}"


def _first_clause(message: str) -> str:
    return message.split(" (at line")[0]
