"""Turn a source into an Article: `read_head` reads its front matter and finds its page,
`parse_article` converts its body. Both are pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import partial

from roadmap_site.config import Config
from roadmap_site.errors import Problem, SourceError, error, warning
from roadmap_site.parse.frontmatter import Split, read_front_matter, split_front_matter
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer, NestedTooDeeply, RenderRequest
from roadmap_site.parse.metadata import Metadata, parse_metadata
from roadmap_site.model.models import Article, Difficulty, Topic, level_named, name_key
from roadmap_site.parse.plaintext import looks_like_plain_text, plaintext_to_markdown
from roadmap_site.parse.resources import front_matter_resources
from roadmap_site.parse.sanitize import nesting_line, sanitize_html
from roadmap_site.parse.sources import Source, decode
from roadmap_site.model.urls import BadUrl, article_path


_PART_NUMBER = re.compile(
    r"(?:\b(?:part|chapter|lesson|step|episode)\s*#?\s*(\d{1,4})\b)|(?:(?:^|[:|\]]\s*)(\d{1,4})[.)]\s+\S)",
    re.IGNORECASE,
)


def part_number(title: str) -> int | None:
    """The part number a title states: 'Roadmap: 13. Docker', 'Part 3: Kubernetes'."""
    found = _PART_NUMBER.search(title)
    return int(found.group(1) or found.group(2)) if found else None


@dataclass(frozen=True)
class Head:
    """A source whose front matter is read: enough to know its page before any Markdown."""

    source: Source
    split: Split
    meta: Metadata  # with the file line of each front-matter value
    path: str
    notes: tuple[Problem, ...] = ()  # warnings found while reading it


def read_head(source: Source, config: Config, named: tuple[str, ...] | None = None) -> Head | Problem:
    """Decode a source and read its front matter, or the error that prevents it. `named`:
    the source's path segments among its siblings (ContentNames.of)."""
    shown = source.shown
    try:
        text, note = decode(source.data)
        split = split_front_matter(text)
        front = read_front_matter(split)
        meta, _ = parse_metadata(front.values, front.lines)
    except SourceError as exc:
        return exc.problem(shown)
    try:
        path = article_path(
            source.key,
            meta.slug,
            url=meta.url,
            pattern=config.permalink,
            date=meta.date,
            series=meta.series[0] if meta.series else None,
            named=named,
        )
    except BadUrl as exc:
        return error(shown, meta.lines.get("url", 1), str(exc))
    notes = (warning(shown, 1, note),) if note else ()
    return Head(source, split, meta, path, notes)


def parse_article(
    head: Head, links: LinkIndex, config: Config, renderer: MarkdownRenderer
) -> tuple[Article, list[Problem]]:
    """An Article from a source whose front matter is read, with its warnings."""
    source, split, meta, path = head.source, head.split, head.meta, head.path
    shown = source.shown
    problems: list[Problem] = list(head.notes)
    body, authors, title = split.body, meta.authors, meta.title
    plain = meta.format == "text" or (meta.format != "markdown" and _is_plain_text(source.key, body))
    if plain:
        document = plaintext_to_markdown(body)
        body, title = document.markdown, title or document.title
        authors = authors or document.authors
    request = RenderRequest(
        source_key=source.key,
        page_path=path,
        links=links,
        base_url=config.base_url,
        difficulty=partial(level_named, config.difficulty_levels),
        title=title,
        sections_are_topics=plain,
    )
    try:
        rendered = renderer.render(body, request)
    except NestedTooDeeply:
        line = split.body_line + nesting_line(body) - 1 if not plain else split.body_line
        problems.append(error(shown, line, "lists or quotes are nested too deeply (a hundred levels) to convert; flatten them"))
        rendered = renderer.render("", request)
    original_lines = split.body.split("\n")
    for issue in rendered.issues:
        line = issue.line
        if plain:  # the issue's line is in the generated Markdown; find it in the file
            wanted = body.split("\n")[line - 1].strip() if 0 < line <= body.count("\n") + 1 else ""
            line = next((n for n, text in enumerate(original_lines, 1) if wanted and wanted in text), 1)
        problems.append(warning(shown, split.body_line + line - 1, issue.message))

    difficulty = None
    if meta.difficulty:
        difficulty = level_named(config.difficulty_levels, meta.difficulty)
        if not difficulty.known:
            problems.append(warning(shown, meta.lines.get("difficulty", 1), f"unknown difficulty {meta.difficulty!r}"))
    title = title or rendered.title or _fallback_title(body, source.key)
    series_order, lines = meta.series_order, meta.lines
    if series_order is None:
        series_order = part_number(title)
        if series_order is not None and meta.title and "title" in lines:
            lines = {**lines, "series_order": lines["title"]}  # where the part number is written
    topics = tuple(
        topic if topic.difficulty is not None or difficulty is None else _with_difficulty(topic, difficulty)
        for topic in rendered.topics
    )
    extra = dict(meta.extra)
    if "resources" in extra:
        topics, notes = _with_front_matter_resources(topics, extra.pop("resources"))
        problems += [warning(shown, meta.lines.get("resources", 1), note) for note in notes]
    article = Article(
        key=source.key,
        source=shown,
        path=path,
        title=title,
        date=meta.date,
        updated=meta.updated,
        authors=authors,
        description=meta.description or _shortened(rendered.summary),
        tags=meta.tags,
        categories=meta.categories,
        series=meta.series,
        series_order=series_order,
        draft=meta.draft,
        difficulty=difficulty,
        aliases=meta.aliases,
        html=rendered.html if config.raw_html else sanitize_html(rendered.html),
        toc=rendered.toc,
        topics=tuple(_in_file_lines(topic, split.body_line) for topic in topics),
        tables=rendered.tables,
        word_count=rendered.word_count,
        anchors=rendered.anchors,
        title_anchor=rendered.title_anchor,
        link_keys=rendered.link_keys,
        links=tuple(replace(link, line=split.body_line + link.line - 1) for link in rendered.links),
        extra=extra,
        lines=lines,
    )
    return article, problems


def _is_plain_text(key: str, body: str) -> bool:
    return key.lower().endswith(".txt") and looks_like_plain_text(body)


def _with_difficulty(topic: Topic, difficulty: Difficulty) -> Topic:
    return replace(topic, difficulty=difficulty)


def _with_front_matter_resources(topics: tuple[Topic, ...], value: object) -> tuple[tuple[Topic, ...], list[str]]:
    """The topics with the resources front matter gives them (after those of the body), and
    a message for each entry that is not a resource or names no topic."""
    by_heading, notes = front_matter_resources(value)
    named = {name_key(topic.title) for topic in topics}
    notes += [f"resources for {heading!r}: there is no such topic" for heading in by_heading if heading not in named]
    return tuple(
        replace(topic, resources=topic.resources + by_heading[name_key(topic.title)])
        if name_key(topic.title) in by_heading else topic
        for topic in topics
    ), notes


def _in_file_lines(topic: Topic, body_line: int) -> Topic:
    return replace(topic, line=topic.line + body_line - 1 if topic.line else 0)


def _shortened(text: str, limit: int = 160) -> str:
    """A description from a first paragraph: whole words, at most about `limit` characters."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _fallback_title(body: str, key: str) -> str:
    """The first line when it reads like a title, else the file name made readable."""
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    first = first.strip("#*_ ").strip()
    if first and len(first) <= 80 and not first.endswith((".", ",", ";", ":")):
        return first
    stem = key.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    readable = " ".join(re.split(r"[-_\s]+", stem)).strip()
    return readable[:1].upper() + readable[1:] if readable else key

