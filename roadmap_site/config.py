"""A site's settings: roadmap.yml, every key optional, with the difficulty scale."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from roadmap_site.errors import Problem, error
from roadmap_site.safe_yaml import load_yaml_with_lines, yaml_error_line

CONFIG_FILE = "roadmap.yml"
PERMALINK_TOKENS = {"slug", "section", "series", "year", "month", "day"}
DEFAULT_LEVELS = ("Beginner", "Intermediate", "Advanced")


@dataclass(frozen=True)
class Config:
    title: str = "Learning Roadmaps"
    description: str = ""
    base_url: str | None = None
    author: str = ""
    language: str = "en"
    difficulty_levels: tuple[str, ...] = DEFAULT_LEVELS
    drafts: bool = False
    permalink: str | None = None  # e.g. "/:series/:slug/"; None mirrors the content tree
    search: bool = True  # Pagefind search; `search: false` in roadmap.yml turns it off
    raw_html: bool = False  # true: HTML in articles is kept as written, scripts and all (see parse/sanitize.py)

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_config(site_dir: Path) -> tuple[Config, list[Problem]]:
    """Read SITE_DIR/roadmap.yml if there is one; a missing file means all defaults."""
    path = site_dir / CONFIG_FILE
    if not path.is_file():
        return Config(), []
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        data, lines = load_yaml_with_lines(text, 1)
    except UnicodeDecodeError:
        return Config(), [error(shown, 1, "the file is not UTF-8 text")]
    except Exception as exc:  # any YAML error, reported at its line
        return Config(), [error(shown, yaml_error_line(exc, 1), f"not valid YAML: {_reason(exc)}")]
    if data is None:
        return Config(), []
    if not isinstance(data, dict):
        return Config(), [error(shown, 1, "roadmap.yml must be a mapping of settings")]
    return _config_from(data, shown, lines)


def _config_from(data: dict[str, Any], shown: str, lines: dict[str, int]) -> tuple[Config, list[Problem]]:
    problems: list[Problem] = []
    settings: dict[str, Any] = {}
    for key in ("title", "description", "base_url", "author", "language"):
        value = data.get(key)
        if value is not None:
            settings[key] = " ".join(str(value).split())
    pattern = data.get("permalink")
    if pattern is not None:
        unknown = sorted(set(re.findall(r":([a-z]+)", str(pattern))) - PERMALINK_TOKENS)
        if unknown or not isinstance(pattern, str):
            problems.append(error(shown, lines.get("permalink", 1), f"permalink may use only {', '.join(':' + t for t in sorted(PERMALINK_TOKENS))}"))
        else:
            settings["permalink"] = pattern.strip()
    for flag in ("raw_html", "search"):
        if flag in data:
            if isinstance(data[flag], bool):
                settings[flag] = data[flag]
            else:
                problems.append(error(shown, lines.get(flag, 1), f"{flag} must be true or false"))
    levels = data.get("difficulty", data.get("difficulty_levels"))
    if levels is not None:
        if isinstance(levels, list) and levels and all(isinstance(v, str) and v.strip() for v in levels):
            settings["difficulty_levels"] = tuple(" ".join(v.split()) for v in levels)
        else:
            key = "difficulty" if "difficulty" in data else "difficulty_levels"
            problems.append(error(shown, lines.get(key, 1), "difficulty must be a list of level names, easiest first"))
    return Config(**settings), problems


def _reason(exc: Exception) -> str:
    return " ".join(str(getattr(exc, "problem", None) or exc).split())
