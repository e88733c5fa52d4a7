"""The files a site carries besides its pages: the theme's and the site's static files, the
generated code stylesheet, and the content folder's own files (images and the like)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pygments.formatters import HtmlFormatter

from roadmap_site.model.urls import CODE_STYLESHEET
from roadmap_site.output.fs import theme_files
from roadmap_site.parse.sources import ContentFiles

LIGHT_CODE_STYLE = "default"
DARK_CODE_STYLE = "github-dark"


def static_files(static_dirs: tuple[Path, ...], content: ContentFiles) -> Iterator[tuple[str, bytes, str]]:
    """(output path, bytes, where it came from) for the theme and site static files (the
    site's override the theme's), the code stylesheet, and the non-article files of the
    content folder at their own paths."""
    chosen = dict(theme_files(static_dirs))  # later folders win
    for relative, path in chosen.items():
        yield relative, path.read_bytes(), str(path)
    yield CODE_STYLESHEET, code_stylesheet().encode(), "the code stylesheet"
    for key in sorted(content.others):
        yield key, (content.folder / key).read_bytes(), str(content.folder / key)


# Tokens the light style leaves uncoloured must not keep a dark style's pale colour on paper.
PRINT_RESET = ":root:not(#print) .highlight { color: #1c1e21; }\n:root:not(#print) .highlight * { color: inherit; background-color: transparent; }"


def code_stylesheet() -> str:
    """Pygments colours for light and dark themes, following the page's own theme."""
    light = HtmlFormatter(style=LIGHT_CODE_STYLE).get_style_defs(".highlight")
    dark = HtmlFormatter(style=DARK_CODE_STYLE).get_style_defs(':root[data-theme="dark"] .highlight')
    system_dark = HtmlFormatter(style=DARK_CODE_STYLE).get_style_defs(':root:not([data-theme="light"]) .highlight')
    # Paper is light: the light colours again, under a selector that outranks both dark ones.
    printed = HtmlFormatter(style=LIGHT_CODE_STYLE).get_style_defs(":root:not(#print) .highlight")
    return (
        f"{light}\n{dark}\n@media (prefers-color-scheme: dark) {{\n{system_dark}\n}}\n"
        f"@media print {{\n{PRINT_RESET}\n{printed}\n}}\n"
    )
