"""Redirect pages for an article's old addresses (front matter `aliases`)."""

from __future__ import annotations

import jinja2

from roadmap_site.config import Config
from roadmap_site.errors import Problem, error
from roadmap_site.model.models import Site
from roadmap_site.model.urls import BadUrl, Linker, absolute_url, path_from_url


def alias_pages(site: Site, config: Config, env: jinja2.Environment) -> tuple[list[tuple[str, str, str]], list[Problem]]:
    """(output path, HTML, source file) for every alias, and the aliases that cannot be.
    An alias never replaces a real page: the build reports such a collision as an error."""
    template = env.get_template("alias.html")
    pages, problems = [], []
    for article in site.articles.values():
        for alias in article.aliases:
            try:
                path = path_from_url(alias)
            except BadUrl as exc:
                problems.append(error(article.source, 1, f"alias {exc}"))
                continue
            target = Linker(path, config.base_url)(article.path)
            canonical = absolute_url(config.base_url, article.path) if config.base_url else target
            html = template.render(site=config, article=article, target=target, canonical=canonical)
            pages.append((path, html, article.source))
    return pages, problems
