"""YAML as writers mean it, read safely: front matter and roadmap.yml both go through here.

Only true/false are booleans, dates stay text (the front-matter schema parses them), a key
given twice is an error, and no input can make the parser use unbounded memory (alias bombs)
or crash the interpreter (deep nesting). The line of each top-level key is kept for messages.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

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
