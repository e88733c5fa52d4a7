"""The Markdown the site reads: CommonMark, GitHub's extensions (tables, strikethrough, bare
links, task lists, footnotes, alerts), MkDocs admonitions (`!!!`, collapsible `???`) and
definition lists, on markdown-it-py and mdit-py-plugins.

`markdown_parser()` is that syntax alone, rendered as markdown-it-py renders it, so that it
can be measured against the CommonMark spec (benchmarks/commonmark_spec.py). The site's own
rules (topics, ids, links, highlighting) are added on top of it by roadmap_site.parse.markdown.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.gfm import gfm_plugin


# The parser recurses once per level of nesting, and about 400 levels exhaust Python's stack.
# Past this many it stops: inline markup is kept as text, blocks are left out (which
# roadmap_site.parse.markdown reports as an error rather than lose the text silently).
MAX_NESTING = 200


def markdown_parser() -> MarkdownIt:
    """A new parser for the site's Markdown (raw HTML passes through; it is sanitised after)."""
    md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "maxNesting": MAX_NESTING})
    md.use(gfm_plugin)
    md.use(admon_plugin)
    md.use(deflist_plugin)
    return md
