"""Redirect pages for an article's old addresses (front matter `aliases`)."""

from __future__ import annotations

import jinja2

from roadmap_site.config import Config
from roadmap_site.errors import Problem, error
from roadmap_site.model.models import Article, Site
from roadmap_site.model.urls import BadUrl, Linker, absolute_url, path_from_url


def alias_paths(site: Site) -> tuple[list[tuple[str, Article]], list[Problem]]:
    """(output path, article) for every alias, and an error at the line of the `aliases`
    key for each alias that cannot be a path inside the site. Pure: `check` uses it too."""
    paths, problems = [], []
    for article in site.articles.values():
        for alias in article.aliases:
            try:
                paths.append((path_from_url(alias), article))
            except BadUrl as exc:
                problems.append(error(article.source, article.lines.get("aliases", 1), f"alias {exc}"))
    return paths, problems


def alias_pages(site: Site, config: Config, env: jinja2.Environment) -> tuple[list[tuple[str, str, str, int]], list[Problem]]:
    """(output path, HTML, source file, line of its `aliases`) for every alias, and the
    aliases that cannot be.
    An alias never replaces a real page: the build reports such a collision as an error."""
    template = env.get_template("alias.html")
    paths, problems = alias_paths(site)
    pages = []
    for path, article in paths:
        target = Linker(path, config.base_url)(article.path)
        canonical = absolute_url(config.base_url, article.path) if config.base_url else target
        html = template.render(site=config, article=article, target=target, canonical=canonical)
        pages.append((path, html, article.source, article.lines.get("aliases", 1)))
    return pages, problems
