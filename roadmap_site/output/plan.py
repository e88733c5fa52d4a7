"""An output file before it is made: what it shows, so that its fingerprint can tell whether
the copy on disk is still right, and how to make it when it is not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Planned:
    path: str  # output path
    make: Callable[[], str | bytes]
    shown: tuple[str, ...] = ()  # keys of the articles whose titles, summaries and topics it shows
    detail: str = ""  # whatever else it shows that those articles do not say (pager, counts, names)
    bodies: tuple[str, ...] = ()  # keys of the articles whose whole text it shows

    def data(self) -> bytes:
        made = self.make()
        return made.encode("utf-8") if isinstance(made, str) else made
