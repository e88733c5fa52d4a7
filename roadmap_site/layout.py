"""Where a site's parts are: its content, its own templates and static files over the default
theme's, its settings; and where the default theme and the sample roadmap are (inside the
wheel once installed, at the top of the source tree when run from a checkout)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roadmap_site.parse.sources import list_content

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder (or file) `name`: 'templates', 'static', 'content' or '.'."""
    installed = _PACKAGE / "bundled"
    root = installed if installed.is_dir() else _PACKAGE.parent
    return (root / name).resolve() if name != "." else root


@dataclass(frozen=True)
class Layout:
    """Where a site's parts are: its own folders first, the default theme after."""

    site_dir: Path
    content_dir: Path
    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]  # in increasing priority: later ones override
    config_dir: Path
    is_sample: bool = False


def find_layout(site_dir: Path) -> Layout:
    """SITE_DIR/content when it exists; else SITE_DIR itself when it holds articles; else
    the sample roadmap that ships with roadmap-site."""
    content = site_dir / "content"
    config_dir, is_sample = site_dir, False
    if not content.is_dir():
        content = site_dir
        if not list_content(site_dir).articles:
            content, config_dir, is_sample = bundled("content"), bundled("."), True
    return Layout(
        site_dir=site_dir,
        content_dir=content,
        template_dirs=(site_dir / "templates", bundled("templates")),
        static_dirs=(bundled("static"), site_dir / "static"),
        config_dir=config_dir,
        is_sample=is_sample,
    )
