"""Where the default theme and the sample roadmap are: inside the wheel once installed,
at the top of the source tree when run from a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def bundled(name: str) -> Path:
    """The bundled folder (or file) `name`: 'templates', 'static', 'content' or '.'."""
    installed = _PACKAGE / "bundled"
    root = installed if installed.is_dir() else _PACKAGE.parent
    return (root / name).resolve() if name != "." else root
