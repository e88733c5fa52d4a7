"""Follow every internal link and asset of a built site, as a browser would from disk or
from a server, and report the ones that lead nowhere."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(values[name])


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(out: Path, base_path: str = "/") -> list[str]:
    """'page -> link' for every internal link whose target file or #anchor is missing.
    Root-absolute links are resolved under base_path, as on a server."""
    problems = []
    pages = {path.resolve(): parse(path) for path in out.rglob("*.html")}
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue
            if parts.path.startswith("/"):
                if not parts.path.startswith(base_path):
                    problems.append(f"{path} -> {link} (outside {base_path})")
                    continue
                target = out / unquote(parts.path[len(base_path):])
            else:
                target = path.parent / unquote(parts.path) if parts.path else path
            if target.is_dir() or link.endswith("/") and not parts.path.endswith(".html"):
                target = target / "index.html"
            if not target.is_file():
                problems.append(f"{path} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target.resolve()].ids if target.resolve() in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    problems.append(f"{path} -> {link} (no such anchor)")
    return problems
