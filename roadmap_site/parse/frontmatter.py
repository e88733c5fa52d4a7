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

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on old Pythons only
    import tomli as tomllib

_BOOL_TAG = "tag:yaml.org,2002:bool"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Aliases let a few lines stand for millions of values (the "billion laughs"); no front
# matter or settings file needs more values than this once its aliases are expanded.
MAX_YAML_VALUES = 10_000
# libyaml's composer recurses in C: about 100,000 nested '[' crash the process outright.
# Texts that could nest that deep are parsed by the pure-Python parser, whose recursion
# ends in a RecursionError instead. Normal front matter never comes near these bounds.
_C_PARSER_MAX_NESTING_CHARS = 1_000
_C_PARSER_MAX_LENGTH = 1_000_000


class DuplicateKey(yaml.constructor.ConstructorError):
    """A mapping names the same key twice; the marks point at the second one."""

    def __init__(self, key: str, first: yaml.Mark, second: yaml.Mark):
        super().__init__(None, None, f"key {key!r} is given twice", second)
        self.key, self.first_line = key, first.line


class _WritersYaml:
    """Safe YAML as writers expect it: only true/false are booleans (YAML 1.1 would turn a
    title "Off" or a tag "no" into False), dates stay text so that we parse every shape
    ("2023-7-12", offsets) the same way and keep the author's own day, and a key given
    twice is an error instead of the last one silently winning."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                raise DuplicateKey(key_node.value, seen[key].start_mark, key_node.start_mark)
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


def _writers_loader(base: type) -> type:
    loader = type(f"_FrontMatter{base.__name__}", (_WritersYaml, base), {})
    loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in (_BOOL_TAG, _TIMESTAMP_TAG)]
        for first, resolvers in base.yaml_implicit_resolvers.items()
    }
    loader.add_implicit_resolver(_BOOL_TAG, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
    return loader


_PythonLoader = _writers_loader(yaml.SafeLoader)
_FastLoader = _writers_loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class TooLarge(ValueError):
    """YAML whose aliases expand to too many values, or refer to themselves."""


def load_yaml_with_lines(text: str, first_line: int) -> tuple[Any, dict[str, int]]:
    """Safe YAML with writer-friendly types, and the line of each top-level key, counting
    the text's first line as first_line. Raises yaml.YAMLError (DuplicateKey for a key
    given twice), TooLarge for an alias bomb or a value containing itself, and
    RecursionError for absurd nesting; never crashes the interpreter."""
    nesting = sum(text.count(c) for c in "[{-?")
    deep = nesting > _C_PARSER_MAX_NESTING_CHARS or len(text) > _C_PARSER_MAX_LENGTH
    loader = (_PythonLoader if deep else _FastLoader)(text)
    try:  # what yaml.load does, keeping the document's node for its marks
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    check_expanded_size(data)
    return data, _yaml_key_lines(node, first_line)


def _yaml_key_lines(node: yaml.Node | None, first_line: int) -> dict[str, int]:
    """Key (its text as written, unquoted) -> line, read once the document is constructed:
    a key that `<<` merged in then has the line where its value is written, and the key
    written last wins, as it does for the values."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        key.value: first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge"
    }


def check_expanded_size(data: Any, limit: int = MAX_YAML_VALUES) -> None:
    """Raise TooLarge when data, with every shared value counted each time it is used,
    holds more than `limit` values, or when a list or mapping contains itself. Linear in
    the number of distinct values, and iterative, so a bomb cannot make it slow or deep."""
    sizes: dict[int, int] = {}
    open_ids: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        value, finished = stack.pop()
        children = _children(value)
        if children is None:
            continue
        key = id(value)
        if finished:
            open_ids.discard(key)
            size = 1 + sum(sizes.get(id(child), 1) for child in children)
            if size > limit:
                raise TooLarge(f"expands to more than {limit:,} values through its aliases")
            sizes[key] = size
        elif key in open_ids:
            raise TooLarge("has a list or mapping that contains itself through an alias")
        elif key not in sizes:
            open_ids.add(key)
            stack.append((value, True))
            stack.extend((child, False) for child in children)


def _children(value: Any) -> list | None:
    if isinstance(value, dict):
        return [*value.keys(), *value.values()]
    if isinstance(value, list):
        return value
    return None


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
