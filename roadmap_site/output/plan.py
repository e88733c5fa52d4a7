"""An output file before it is made: how to make it, and what it shows, so that the build
can tell whether the copy on disk is still right without making it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable


@dataclass(frozen=True)
class Planned:
    path: str  # output path
    make: Callable[[], str | bytes]
    shown: tuple[str, ...] = ()  # keys of the articles whose titles, summaries and topics it shows
    values: tuple[Any, ...] = ()  # whatever else it shows that those articles do not say (pager, counts, names)
    bodies: tuple[str, ...] = ()  # keys of the articles whose whole text it shows

    def data(self) -> bytes:
        made = self.make()
        return made.encode("utf-8") if isinstance(made, str) else made
