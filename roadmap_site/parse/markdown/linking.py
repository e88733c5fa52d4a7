"""Links as the author wrote them ('../linux/tar.md#usage', 'img/a.png', in Markdown or in
raw HTML) pointed at the pages and files they mean; warnings, at their line, for the ones
that lead nowhere."""

from __future__ import annotations

import html
import re
from typing import Sequence
from urllib.parse import unquote

from markdown_it.token import Token

from roadmap_site.model.models import LinkRef
from roadmap_site.model.urls import Linker
from roadmap_site.parse.links import Resolved, Unresolved, link_key, resolve_link
from roadmap_site.parse.markdown.conversion import Document, Issue, RenderRequest

_RAW_LINK = re.compile(r"""\b(?P<attr>href|src)\s*=\s*(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE)


def resolve_links(tokens: list[Token], request: RenderRequest, document: Document, lines: Sequence[str]) -> None:
    """Point links at the pages and files the author meant, in Markdown and in raw HTML;
    warn about the ones that lead nowhere."""
    linker = Linker(request.page_path, request.base_url)
    for token in tokens:
        span = token.map
        if token.type == "html_block":
            token.content = _raw_links(token.content, request, linker, document, lines, span)
        for child in token.children or ():
            if child.type in ("link_open", "image"):
                attribute = "href" if child.type == "link_open" else "src"
                written = str(child.attrGet(attribute) or "")
                if written:
                    link = _link_for(written, child.type == "image", request, linker, document, _line_of(written, lines, span))
                    if link is not None:
                        child.attrSet(attribute, link)
            elif child.type == "html_inline":
                child.content = _raw_links(child.content, request, linker, document, lines, span)


def _raw_links(raw: str, request: RenderRequest, linker: Linker, document: Document, lines: Sequence[str],
               span: list[int] | None) -> str:
    if "href" not in raw and "src" not in raw:
        return raw

    def replace(match: re.Match) -> str:
        written = html.unescape(match.group("url"))
        is_image = match.group("attr").lower() == "src"
        link = _link_for(written, is_image, request, linker, document, _line_of(match.group("url"), lines, span))
        return match.group(0) if link is None else f'{match.group("attr")}="{html.escape(link)}"'

    return _RAW_LINK.sub(replace, raw)


def _link_for(href: str, is_image: bool, request: RenderRequest, linker: Linker, document: Document, line: int) -> str | None:
    """The link to write instead of href, or None to leave it as the author wrote it."""
    if href.startswith("#"):
        fragment = unquote(href[1:])
        if fragment:
            document.fragments.append((href, fragment, line))
        return None
    key = link_key(href, request.source_key)
    if key is not None:
        document.link_keys.add(key)
    target = resolve_link(href, request.source_key, request.links)
    if isinstance(target, Resolved):
        if target.is_page and target.fragment:
            document.links.append(LinkRef(target.key, target.fragment, line, href))
        return linker(target.path, target.fragment) if target.is_page else linker.asset(target.path)
    if isinstance(target, Unresolved):
        message = f"image {target.written!r} not found" if is_image else f"link to {target.written!r} does not resolve"
        document.issues.append(Issue(line, message))
    return None


def _line_of(needle: str, lines: Sequence[str], span: list[int] | None) -> int:
    """The body line (1-based) of the block's lines that holds needle; the block's first."""
    start, end = (span[0], span[1]) if span else (0, len(lines))
    return next((number + 1 for number in range(start, min(end, len(lines))) if needle in lines[number]), start + 1)
