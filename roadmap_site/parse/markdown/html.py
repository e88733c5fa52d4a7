"""How the site writes the blocks markdown-it-py finds: highlighted code, callouts (GitHub
alerts and MkDocs admonitions alike), headings with their permalink, labelled task-list
checkboxes and footnotes, and the difficulty badge of a topic."""

from __future__ import annotations

import html
from typing import Any, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from roadmap_site.parse.markdown.code import code_block, read_info

CALLOUT_FAMILIES = ("note", "tip", "important", "warning", "caution")
# MkDocs Material's kinds, by the GitHub alert they look like.
_FAMILY_OF = {
    "abstract": "note", "summary": "note", "tldr": "note", "info": "note", "todo": "note", "quote": "note",
    "cite": "note", "example": "note", "seealso": "note", "hint": "tip", "success": "tip", "check": "tip",
    "done": "tip", "question": "important", "help": "important", "faq": "important", "attention": "warning",
    "failure": "caution", "fail": "caution", "missing": "caution", "danger": "caution", "error": "caution",
    "bug": "caution",
}
HEADING_LINK = '<a class="heading-link" href="#{0}" aria-label="Link to this section" data-pagefind-ignore="">#</a>'


def callout_family(kind: str) -> str:
    kind = kind.lower()
    return kind if kind in CALLOUT_FAMILIES else _FAMILY_OF.get(kind, "note")


def install(md: MarkdownIt) -> None:
    """Give md the site's way of writing these blocks."""
    rules = {
        "fence": _fence,
        "code_block": _code_block,
        "heading_close": _heading_close,
        "alert_open": _alert_open,
        "alert_close": _close_div,
        "alert_title_open": _title_open,
        "alert_title_close": _title_close,
        "admonition_open": _admonition_open,
        "admonition_close": _admonition_close,
        "admonition_title_open": _admonition_title_open,
        "admonition_title_close": _admonition_title_close,
        "list_item_open": _list_item_open,
        "footnote_ref": _footnote_ref,
        "footnote_anchor": _footnote_anchor,
        "footnote_block_open": _footnote_block_open,
        "roadmap_difficulty": _difficulty,
    }
    for name, rule in rules.items():
        md.add_render_rule(name, rule)


Tokens = Sequence[Token]


def _fence(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    return code_block(token.content, read_info(token.info))


def _code_block(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return code_block(tokens[idx].content, read_info(""))


def _heading_close(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    """The permalink goes inside the heading, after its text, so that it is found with it."""
    anchor = tokens[idx].meta.get("anchor")
    link = " " + HEADING_LINK.format(html.escape(anchor, quote=True)) if anchor else ""
    return f"{link}</{tokens[idx].tag}>\n"


def _callout_open(family: str, collapsible: bool = False, opened: bool = False) -> str:
    if collapsible:
        state = ' open=""' if opened else ""
        return f'<details class="callout callout-{family}"{state}>\n'
    return f'<div class="callout callout-{family}" role="note">\n'


def _alert_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return _callout_open(callout_family(tokens[idx].meta.get("kind", "note")))


def _close_div(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return "</div>\n"


def _title_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return '<p class="callout-title">'


def _title_close(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return "</p>\n"


def _collapsible(token: Token) -> bool:
    return token.markup.startswith("?")


def _admonition_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    family = callout_family(token.meta.get("tag", "note"))
    opened = _callout_open(family, _collapsible(token), token.markup.endswith("+"))
    untitled = idx + 1 < len(tokens) and tokens[idx + 1].type != "admonition_title_open"
    if _collapsible(token) and untitled:  # a <details> needs its <summary>
        opened += f'<summary class="callout-title">{html.escape((token.meta.get("tag") or family).capitalize())}</summary>\n'
    return opened


def _admonition_close(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return "</details>\n" if _collapsible(tokens[idx]) else "</div>\n"


def _admonition_title_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return '<summary class="callout-title">' if _collapsible(tokens[idx]) else '<p class="callout-title">'


def _admonition_title_close(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    # The title's close token carries no markup; its open token, three back, does.
    return "</summary>\n" if _collapsible(tokens[idx - 2]) else "</p>\n"


def _list_item_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    opened = self.renderToken(tokens, idx, options, env)
    if not (token.meta and "checked" in token.meta):
        return opened
    checked = ' checked=""' if token.meta["checked"] else ""
    label = html.escape(token.meta.get("label", ""), quote=True)
    return f'{opened}<input class="task-list-item-checkbox" type="checkbox" disabled=""{checked} aria-label="{label}"> '


def _footnote_ids(token: Token) -> tuple[str, str]:
    """(its number, the id of its reference): a note referred to twice has fnref1, fnref1:1."""
    number = str(token.meta["id"] + 1)
    again = token.meta.get("subId", 0)
    return number, f"fnref{number}" + (f":{again}" if again > 0 else "")


def _footnote_ref(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    number, reference = _footnote_ids(tokens[idx])
    return (f'<sup class="footnote-ref"><a href="#fn{number}" id="{reference}" '
            f'aria-label="Footnote {number}">[{number}]</a></sup>')


def _footnote_anchor(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    number, reference = _footnote_ids(tokens[idx])
    return f' <a href="#{reference}" class="footnote-backref" aria-label="Back to reference {number}">↩︎</a>'


def _footnote_block_open(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    return '<section class="footnotes" aria-label="Footnotes">\n<ol class="footnotes-list">\n'


def _difficulty(self: Any, tokens: Tokens, idx: int, options: Any, env: Any) -> str:
    level = tokens[idx].meta["difficulty"]
    unknown = "" if level.known else " badge-unknown"
    return (f'<p class="topic-difficulty">Difficulty: <span class="badge badge-{html.escape(level.slug, quote=True)}'
            f'{unknown}">{html.escape(level.name)}</span></p>\n')
