"""Split an article into front matter and body, and parse the front matter (YAML, TOML, JSON).

Parsing is pure: text in, a mapping or a Problem out. Line numbers are in file coordinates:
line 1 is the opening fence.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

_YAML_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _FrontMatterLoader(_YAML_BASE):  # type: ignore[misc, valid-type]
    """Safe YAML as writers expect it: only true/false are booleans (YAML 1.1 would turn a
    title "Off" or a tag "no" into False), and dates stay text so that we parse every shape
    ("2023-7-12", offsets) the same way and keep the author's own day."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
    for first, resolvers in _YAML_BASE.yaml_implicit_resolvers.items()
}
_FrontMatterLoader.add_implicit_resolver(
    _BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def load_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_FrontMatterLoader)  # noqa: S506 - a safe loader


def yaml_error_line(exc: BaseException, first_line: int) -> int:
    """File line of a YAML error, given the file line where the YAML text starts."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return first_line + mark.line if mark is not None else first_line


@dataclass(frozen=True)
class Split:
    """An article's text cut in two; body_line is the file line where the body starts."""

    kind: str  # "yaml", "toml", "json" or "none"
    raw: str
    body: str
    body_line: int


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


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
        raw, body = text[:end], text[end:]
        body_line = raw.count("\n") + 1
        if body.startswith("\n"):
            body, body_line = body[1:], body_line + 1
        return Split("json", raw, body, body_line)
    return Split("none", "", text, 1)


_TOML_LINE = re.compile(r"at line (\d+)")


def parse_front_matter(split: Split) -> dict[str, Any]:
    """The front matter as a mapping; raises FrontMatterError with a file line."""
    if split.kind == "none":
        return {}
    try:
        if split.kind == "yaml":
            data = load_yaml(split.raw)
        elif split.kind == "toml":
            data = tomllib.loads(split.raw)
        else:
            data = json.loads(split.raw)
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
    except (ValueError, RecursionError) as exc:
        raise FrontMatterError(1, f"front matter could not be read: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        found = type(data).__name__
        found = {"list": "a list", "str": "a single text value", "int": "a number"}.get(found, found)
        raise FrontMatterError(1, f"front matter must be a mapping of keys to values, found {found}")
    return data


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
    detail = "; ".join(part for part in (context, problem) if part) or str(exc)
    return f"front matter is not valid YAML: {' '.join(detail.split())}"


def _first_clause(message: str) -> str:
    return message.split(" (at line")[0]
