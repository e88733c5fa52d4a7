"""The front-matter schema: every accepted key and alias mapped to one typed field.

Hugo, Jekyll and hand-written front matter name the same things differently; this table is
the only place that knows the spellings. Unknown keys are kept in `extra` for templates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from roadmap_site.errors import SourceError

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "slug": ("slug",),
    "url": ("url", "permalink"),
    "date": ("date", "published", "pubdate"),
    "updated": ("updated", "lastmod", "last_modified_at", "modified"),
    "authors": ("authors", "author"),
    "description": ("description", "summary", "excerpt"),
    "tags": ("tags", "keywords"),
    "categories": ("categories", "category"),
    "series": ("series",),
    "series_order": ("series_order", "weight", "part"),
    "draft": ("draft",),
    "difficulty": ("difficulty", "level"),
    "aliases": ("aliases", "redirect_from"),
    "format": ("format",),
}
_FIELD_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    slug: str | None = None
    url: str | None = None
    date: dt.datetime | None = None
    updated: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    description: str = ""
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    series_order: int | None = None
    draft: bool = False
    difficulty: str | None = None
    aliases: tuple[str, ...] = ()
    format: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # File line of each value: by field name for the schema's fields, whatever the spelling
    # ("weight" is found under "series_order"), and by key as written for those in extra.
    lines: dict[str, int] = field(default_factory=dict)


class BadValue(ValueError):
    """A value that cannot be what its field holds; the message says why, in a writer's words."""


class FieldError(SourceError):
    """A front-matter value of the wrong shape, at the line of its key. `key` is the key
    as the author wrote it, and the message starts with it: "weight: expected a whole number"."""

    def __init__(self, key: str, reason: str, line: int = 1):
        super().__init__(line, f"{key}: {reason}")
        self.key = key
        self.reason = reason

    def __reduce__(self):
        return FieldError, (self.key, self.reason, self.line)


def parse_metadata(data: dict[str, Any], lines: Mapping[str, int] | None = None) -> tuple[Metadata, dict[str, str]]:
    """Typed metadata from a raw front-matter mapping, given the file line of each of its
    keys (by the key as written) when they are known. Raises FieldError at the key's line.
    Also returns which source key each field came from."""
    lines = lines or {}
    values: dict[str, Any] = {}
    source_keys: dict[str, str] = {}
    extra: dict[str, Any] = {}
    value_lines: dict[str, int] = {}
    for key, value in data.items():
        written = str(key)
        name = _FIELD_OF.get(written.strip().casefold())
        if name is None:
            extra[written] = value
            if written in lines:
                value_lines[written] = lines[written]
            continue
        if name in values or value is None:
            continue  # the first spelling wins, as listed in the front matter
        try:
            values[name] = _COERCE[name](value)
        except BadValue as exc:
            raise FieldError(written, str(exc), lines.get(written, 1)) from None
        source_keys[name] = written
        if written in lines:
            value_lines[name] = lines[written]
    return Metadata(**values, extra=extra, lines=value_lines), source_keys


def _text(value: Any) -> str:
    if isinstance(value, (dict, list)):
        raise BadValue("expected text, found a " + ("mapping" if isinstance(value, dict) else "list"))
    return " ".join(str(value).split())


def _optional_text(value: Any) -> str | None:
    return _text(value) or None


def _text_list(value: Any) -> tuple[str, ...]:
    """A list of names; a single string is one name (never one name per character),
    and a comma-separated string is several."""
    if isinstance(value, str):
        items = value.split(",") if "," in value else [value]
    elif isinstance(value, (list, tuple)):
        items = value
    else:
        items = [value]
    names = (_text(item) for item in items if item is not None)
    return tuple(dict.fromkeys(name for name in names if name))


def _authors(value: Any) -> tuple[str, ...]:
    """Author names from a string, a list, or Jekyll's {name: ...} mappings."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("display_name")
            if item is None:
                continue
        names.extend(_text_list(item) if isinstance(item, str) else (_text(item),))
    return tuple(dict.fromkeys(name for name in names if name))


def _order(value: Any) -> int:
    if isinstance(value, bool):
        raise BadValue("expected a whole number, found true/false")
    try:
        return int(str(value).strip())
    except ValueError:
        raise BadValue(f"expected a whole number, found {str(value)!r}") from None


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().casefold()
    if text in ("true", "yes", "on", "1"):
        return True
    if text in ("false", "no", "off", "0", ""):
        return False
    raise BadValue(f"expected true or false, found {str(value)!r}")


_DATE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[Tt ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d+))?)?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)


def parse_date(value: Any) -> dt.datetime:
    """A date in any of the shapes writers use, keeping its own offset: the day shown is the
    author's day, whatever the reader's or the builder's time zone."""
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    text = str(value).strip()
    found = _DATE.fullmatch(text)
    if not found:
        raise BadValue(f"{text!r} is not a date; write it as YYYY-MM-DD")
    parts = found.groupdict()
    try:
        moment = dt.datetime(
            int(parts["y"]), int(parts["m"]), int(parts["d"]),
            int(parts["H"] or 0), int(parts["M"] or 0), int(parts["S"] or 0),
            int((parts["f"] or "0")[:6].ljust(6, "0")),
        )
    except ValueError as exc:
        raise BadValue(f"{text!r} is not a real date ({exc})") from None
    return moment.replace(tzinfo=_zone(parts["tz"])) if parts["tz"] else moment


def _zone(text: str) -> dt.tzinfo:
    if text in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _series(value: Any) -> tuple[str, ...]:
    return _text_list(value) if not isinstance(value, str) else ((_text(value),) if value.strip() else ())


_COERCE: dict[str, Callable[[Any], Any]] = {
    "title": _optional_text,
    "slug": _optional_text,
    "url": _optional_text,
    "date": parse_date,
    "updated": parse_date,
    "authors": _authors,
    "description": _text,
    "tags": _text_list,
    "categories": _text_list,
    "series": _series,
    "series_order": _order,
    "draft": _flag,
    "difficulty": _optional_text,
    "aliases": _text_list,
    "format": lambda value: _text(value).casefold() or None,
}
