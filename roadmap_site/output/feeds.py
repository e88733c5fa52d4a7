"""Files beside the pages: Atom feeds, sitemap.xml, robots.txt and roadmap.json. Pure.

`site_outputs(site, config, graph)` plans them for the build to make and write with the pages.
Feeds and the sitemap need absolute URLs, so they are made only when config.base_url is set.
roadmap.json is described by roadmap.schema.json, which the theme's static folder provides.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import partial
from typing import Any
from xml.etree import ElementTree as ET

from roadmap_site.model import urls
from roadmap_site.model.urls import SITE_FEED, absolute_url, series_feed_path
from roadmap_site.model.assemble import moment, newest_first
from roadmap_site.config import Config
from roadmap_site.model.graph import Graph
from roadmap_site.model.models import Article, Site
from roadmap_site.output.plan import Planned

SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
ROADMAP_JSON = "roadmap.json"
ROADMAP_SCHEMA = "roadmap.schema.json"
FEED_ENTRIES = 50  # readers poll feeds often; the newest fifty articles are plenty
ATOM = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
_NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def site_outputs(site: Site, config: Config, graph: Graph) -> list[Planned]:
    """Every extra output of the site, planned (see roadmap_site.output.plan)."""
    everything = tuple(site.articles)
    outputs = [
        Planned(ROBOTS, partial(robots_txt, config)),
        Planned(ROADMAP_JSON, partial(roadmap_json, site, config, graph), shown=everything),
    ]
    if config.base_url:
        newest = newest_first(site.articles.values())[:FEED_ENTRIES]
        keys = tuple(a.key for a in newest)
        outputs.append(Planned(SITE_FEED, partial(atom_feed, config.title, SITE_FEED, urls.HOME, newest, config),
                               shown=keys, bodies=keys))
        for one in site.series.values():
            parts = newest_first(site.articles[key] for key in one.articles)[:FEED_ENTRIES]
            title, path, keys = f"{one.name} · {config.title}", series_feed_path(one.path), tuple(a.key for a in parts)
            outputs.append(Planned(path, partial(atom_feed, title, path, one.path, parts, config),
                                   shown=keys, bodies=keys, values=(one,)))
        outputs += sitemaps(site, config)
    return outputs


def atom_time(when: dt.datetime | None) -> str:
    """RFC 3339; a date without an offset is taken as UTC."""
    when = when or _NO_DATE
    when = when if when.tzinfo else when.replace(tzinfo=dt.timezone.utc)
    return when.isoformat(timespec="seconds").replace("+00:00", "Z")


def _last_change(article: Article) -> dt.datetime | None:
    return article.updated or article.date


def atom_feed(title: str, feed_path: str, page_path: str, articles: list[Article], config: Config) -> bytes:
    """A valid Atom 1.0 feed of the newest articles, each with its full HTML."""
    base = config.base_url
    entries = articles[:FEED_ENTRIES]
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": config.language})
    ET.SubElement(feed, "title").text = title
    if config.description:
        ET.SubElement(feed, "subtitle").text = config.description
    ET.SubElement(feed, "link", {"rel": "self", "type": "application/atom+xml", "href": absolute_url(base, feed_path)})
    ET.SubElement(feed, "link", {"rel": "alternate", "type": "text/html", "href": absolute_url(base, page_path)})
    ET.SubElement(feed, "id").text = absolute_url(base, feed_path)
    newest = max(filter(None, map(_last_change, entries)), key=moment, default=None)
    ET.SubElement(feed, "updated").text = atom_time(newest)
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = config.author or config.title
    ET.SubElement(feed, "generator").text = "roadmap-site"
    for article in entries:
        feed.append(atom_entry(article, config))
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def atom_entry(article: Article, config: Config) -> ET.Element:
    link = absolute_url(config.base_url, article.path)
    entry = ET.Element("entry")
    ET.SubElement(entry, "title").text = article.title
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": link})
    ET.SubElement(entry, "id").text = link
    if article.date:
        ET.SubElement(entry, "published").text = atom_time(article.date)
    ET.SubElement(entry, "updated").text = atom_time(_last_change(article))
    for name in article.authors:
        ET.SubElement(ET.SubElement(entry, "author"), "name").text = name
    for tag in article.tags:
        ET.SubElement(entry, "category", {"term": tag})
    if article.description:
        ET.SubElement(entry, "summary").text = article.description
    # Links in the body are relative to the article's page; xml:base makes readers resolve them.
    ET.SubElement(entry, "content", {"type": "html", "xml:base": link}).text = article.html
    return entry


def page_paths(site: Site) -> list[str]:
    """Every page worth listing in a sitemap, home first."""
    paths = [urls.HOME, *(one.path for one in site.series.values()), *(a.path for a in site.articles.values())]
    for taxonomy, terms in (("tags", site.tags), ("categories", site.categories)):
        if terms:
            paths += [urls.taxonomy_path(taxonomy), *(site.term_path(taxonomy, name) for name in terms)]
    paths += [urls.DIFFICULTY_INDEX, *(urls.difficulty_path(level.slug) for level in site.difficulty_levels)]
    paths.append(urls.COMPARISONS)
    return list(dict.fromkeys(paths))


SITEMAP_LIMIT = 50_000  # URLs in one sitemap file, as the sitemap protocol allows


def sitemaps(site: Site, config: Config, limit: int = SITEMAP_LIMIT) -> list[Planned]:
    """sitemap.xml; above `limit` pages, an index of sitemap-1.xml, sitemap-2.xml..."""
    paths = page_paths(site)
    changed = last_changes(site)
    if len(paths) <= limit:
        return [Planned(SITEMAP, partial(sitemap_xml, paths, changed, config), values=(paths, changed))]
    chunks = [paths[start : start + limit] for start in range(0, len(paths), limit)]
    names = [f"sitemap-{number}.xml" for number in range(1, len(chunks) + 1)]
    planned = [Planned(SITEMAP, partial(sitemap_index, names, config), values=(names,))]
    for name, chunk in zip(names, chunks):
        dates = {path: changed[path] for path in chunk if path in changed}
        planned.append(Planned(name, partial(sitemap_xml, chunk, dates, config), values=(chunk, dates)))
    return planned


def last_changes(site: Site) -> dict[str, dt.datetime]:
    """Output path -> when the article there last changed, for the articles that say so:
    all that a sitemap shows of the articles."""
    return {a.path: moment for a in site.articles.values() if (moment := _last_change(a))}


def sitemap_xml(paths: list[str], changed: dict[str, dt.datetime], config: Config) -> bytes:
    urlset = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in paths:
        entry = ET.SubElement(urlset, "url")
        ET.SubElement(entry, "loc").text = absolute_url(config.base_url, path)
        if changed.get(path):
            ET.SubElement(entry, "lastmod").text = changed[path].date().isoformat()
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


def sitemap_index(names: list[str], config: Config) -> bytes:
    index = ET.Element("sitemapindex", {"xmlns": SITEMAP_NS})
    for name in names:
        ET.SubElement(ET.SubElement(index, "sitemap"), "loc").text = absolute_url(config.base_url, name)
    return ET.tostring(index, encoding="utf-8", xml_declaration=True) + b"\n"


def robots_txt(config: Config) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if config.base_url:
        lines.append(f"Sitemap: {absolute_url(config.base_url, SITEMAP)}")
    return ("\n".join(lines) + "\n").encode()


def roadmap_data(site: Site, config: Config, graph: Graph) -> dict[str, Any]:
    """The whole roadmap as plain data, shaped as roadmap.schema.json describes."""
    base = config.base_url

    def page_url(path: str) -> str | None:
        return absolute_url(base, path) if base else None

    return {
        "$schema": ROADMAP_SCHEMA,
        "version": 1,
        "title": config.title,
        "description": config.description,
        "base_url": base,
        "difficulty_levels": [level.name for level in site.difficulty_levels],
        "series": [
            {"key": one.key, "name": one.name, "path": one.path, "url": page_url(one.path), "articles": list(one.articles)}
            for one in site.series.values()
        ],
        "articles": [
            {
                "key": a.key,
                "title": a.title,
                "path": a.path,
                "url": page_url(a.path),
                "description": a.description,
                "date": atom_time(a.date) if a.date else None,
                "updated": atom_time(a.updated) if a.updated else None,
                "series": list(a.series),
                "difficulty": a.difficulty.name if a.difficulty else None,
                "tags": list(a.tags),
                "reading_minutes": a.reading_minutes,
                "prerequisites": list(graph[a.key].before),
                "next_up": list(graph[a.key].next_up),
                "topics": [
                    {
                        "title": t.title,
                        "anchor": t.anchor,
                        "difficulty": t.difficulty.name if t.difficulty else None,
                        "objectives": list(t.objectives),
                        "resources": [{"title": r.title, "url": r.url, "type": r.kind} for r in t.resources],
                    }
                    for t in a.topics
                ],
                "tables": [
                    {"title": t.title, "anchor": t.anchor, "subjects": list(t.subjects), "header": list(t.header),
                     "rows": [list(row) for row in t.rows]}
                    for t in a.tables
                ],
            }
            for a in sorted(site.articles.values(), key=lambda a: a.key)
        ],
    }


def roadmap_json(site: Site, config: Config, graph: Graph) -> bytes:
    # Compact: json's C encoder runs only without indentation, and the file is for programs.
    return (json.dumps(roadmap_data(site, config, graph), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
