"""A topic's resources, in either of the two ways an author writes them: a "Resources" list
under the topic in the Markdown, or front matter `resources:` keyed by the topic's heading.
Pure: tokens or values in, Resources (and messages) out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from markdown_it.token import Token

from roadmap_site.model.models import RESOURCE_KINDS, Resource, name_key
from roadmap_site.model.urls import absolute_url
from roadmap_site.parse.links import Resolved, resolve_link
from roadmap_site.parse.markdown.text import list_contents

if TYPE_CHECKING:
    from roadmap_site.parse.markdown.conversion import RenderRequest

_KIND_NAMES = {
    **{kind: kind for kind in RESOURCE_KINDS},
    "docs": "official docs", "doc": "official docs", "documentation": "official docs",
    "official documentation": "official docs", "official doc": "official docs", "reference": "official docs",
    "articles": "article", "blog": "article", "post": "article", "blog post": "article",
    "videos": "video", "talk": "video", "courses": "course", "books": "book", "link": "link",
}
_MARKER = "resources"


def resource_kind(text: str) -> str:
    """The kind a label names ('Video', '(official docs)', 'Docs:'), or "link"."""
    cleaned = " ".join(text.strip(" \t:()[]-–—,.").replace("_", " ").split()).casefold()
    return _KIND_NAMES.get(cleaned, "link")


def is_resources_label(text: str) -> bool:
    """'Resources', 'Resources:', '**Resources**': the words that open a topic's resources."""
    return name_key(text.strip().rstrip(":").strip()) == _MARKER


def topic_resources(tokens: list[Token], start: int, heading_level: int, text_of: Callable[[Token], str]) -> tuple[Resource, ...]:
    """The resources of the topic whose section starts at start (after its heading and marker):
    the first list after a "Resources" heading or paragraph, before the next heading of the
    topic's level or higher. `text_of` reads an inline token's text."""
    marked = False
    for position in range(start, len(tokens)):
        token = tokens[position]
        if token.level != 0:
            continue
        if token.type == "heading_open":
            if int(token.tag[1]) <= heading_level:
                return ()
            marked = is_resources_label(text_of(tokens[position + 1]))
        elif token.type == "paragraph_open":
            marked = is_resources_label(text_of(tokens[position + 1]))
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            if marked:
                return tuple(_list_resources(tokens, position))
        elif token.type not in ("paragraph_close", "heading_close", "inline"):
            marked = False
    return ()


def resources_list_at(tokens: list[Token], position: int, text_of: Callable[[Token], str]) -> bool:
    """Whether the list opened at position is a resources list (a marker paragraph just before)."""
    return position >= 3 and tokens[position - 1].type == "paragraph_close" and is_resources_label(text_of(tokens[position - 2]))


def site_resources(resources: tuple[Resource, ...], request: RenderRequest) -> tuple[Resource, ...]:
    """Resources shown on other pages than their article's: a link to a content file becomes
    the target's address on the site when the site has a base URL (without one, no link could
    serve every page, so it is kept as written); other links are kept as written."""
    if not request.base_url:
        return resources
    kept = []
    for resource in resources:
        target = resolve_link(resource.url, request.source_key, request.links)
        if isinstance(target, Resolved):
            address = absolute_url(request.base_url, target.path)
            resource = Resource(resource.title, f"{address}#{target.fragment}" if target.fragment else address, resource.kind)
        kept.append(resource)
    return tuple(kept)


def _list_resources(tokens: list[Token], start: int) -> list[Resource]:
    level = tokens[start].level
    found: list[Resource] = []
    for token in list_contents(tokens, start):
        if token.type == "inline" and token.level == level + 3:  # an item's own paragraph
            resource = _item_resource(token)
            if resource is not None:
                found.append(resource)
    return found


def _item_resource(inline: Token) -> Resource | None:
    """'Video: [Title](url)', '[Title](url) (official docs)', '[Title](url)': the item's
    first link, its kind from the words around it."""
    children = inline.children or []
    start = next((i for i, child in enumerate(children) if child.type == "link_open"), None)
    if start is None:
        return None
    end = next((i for i in range(start + 1, len(children)) if children[i].type == "link_close"), len(children))
    title = " ".join(_words(children[start + 1 : end]).split())
    url = str(children[start].attrGet("href") or "")
    if not title or not url:
        return None
    before, after = _words(children[:start]).strip(), _words(children[end + 1 :]).strip()
    kind = resource_kind(before) if before else "link"
    if kind == "link" and after:
        kind = resource_kind(after.split("—")[0].split(" - ")[0])
    return Resource(title, url, kind)


def _words(children: list[Token]) -> str:
    return "".join(child.content if child.type in ("text", "code_inline") else " " if "break" in child.type else ""
                   for child in children)


def front_matter_resources(value: Any) -> tuple[dict[str, tuple[Resource, ...]], list[str]]:
    """`resources:` as {topic heading: [{title, url, type}]}: the resources by the heading's
    name key, and a message for each entry that is not one."""
    if not isinstance(value, dict):
        return {}, ["'resources' should map topic headings to lists of {title, url, type}"]
    found: dict[str, tuple[Resource, ...]] = {}
    messages: list[str] = []
    for heading, entries in value.items():
        if not isinstance(entries, list):
            entries = [entries]
        kept = []
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("url"), str) and entry["url"].strip():
                url = entry["url"].strip()
                title = str(entry.get("title") or url).strip()
                kept.append(Resource(title, url, resource_kind(str(entry.get("type") or entry.get("kind") or ""))))
            else:
                messages.append(f"resource {entry!r} of {str(heading)!r} needs at least a url")
        found[name_key(str(heading))] = tuple(kept)
    return found, messages
