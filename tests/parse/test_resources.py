"""A topic's resources, from a "Resources" list under it and from front matter `resources:`."""

from __future__ import annotations

import json

from helpers import REPO, write_files
from roadmap_site.config import Config
from roadmap_site.errors import warning
from roadmap_site.incremental.loading import load_site
from roadmap_site.model.graph import prerequisite_graph
from roadmap_site.model.models import Resource
from roadmap_site.output.feeds import site_outputs
from roadmap_site.parse.article import parse_article, read_head
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer
from roadmap_site.parse.resources import resource_kind
from roadmap_site.parse.sources import Source, list_content

BODY = """---
title: Containers
---
## Docker Fundamentals

Difficulty: Beginner

- Run a container

**Resources**

- Video: [Docker in 100 seconds](https://www.youtube.com/watch?v=Gjnup-PuquQ)
- [Dockerfile reference](https://docs.docker.com/reference/dockerfile/) (official docs)
- Podcast: [Ship It](https://changelog.com/shipit)
- No link here

## Images

Difficulty: Intermediate

Resources:

1. Book: [Docker Deep Dive](https://example.com/book)
2. Course — [Images in depth](https://example.com/course)

### Resources

- [Only the first resources list counts](https://example.com/2)

## Networking

Difficulty: Advanced

- Publish a port

### Resources

- Docs: [Networking overview](https://docs.docker.com/network/)

## Volumes

Difficulty: Beginner

- Mount a folder
- [Not a resource: no Resources label](https://example.com/volumes)
"""


def parsed(text: str, base_url: str | None = None, pages: dict[str, str] | None = None):
    head = read_head(Source("a.md", "content/a.md", text.encode()), Config(base_url=base_url))
    links = LinkIndex(pages={"a.md": head.path, **(pages or {})}, files=frozenset())
    return parse_article(head, links, Config(base_url=base_url), MarkdownRenderer())


def test_a_resources_list_under_a_topic_gives_its_resources_with_their_kinds():
    article, problems = parsed(BODY)
    assert problems == []
    topics = {topic.title: topic for topic in article.topics}
    assert topics["Docker Fundamentals"].resources == (
        Resource("Docker in 100 seconds", "https://www.youtube.com/watch?v=Gjnup-PuquQ", "video"),
        Resource("Dockerfile reference", "https://docs.docker.com/reference/dockerfile/", "official docs"),
        Resource("Ship It", "https://changelog.com/shipit", "link"),
    )
    assert topics["Docker Fundamentals"].objectives == ("Run a container",)
    assert topics["Images"].resources == (
        Resource("Docker Deep Dive", "https://example.com/book", "book"),
        Resource("Images in depth", "https://example.com/course", "course"),
    )
    assert topics["Images"].objectives == ()  # a resources list is not the objectives
    assert topics["Networking"].resources == (Resource("Networking overview", "https://docs.docker.com/network/", "official docs"),)
    assert topics["Networking"].objectives == ("Publish a port",)
    assert topics["Volumes"].resources == ()
    assert topics["Volumes"].objectives == ("Mount a folder", "Not a resource: no Resources label")


def test_front_matter_resources_are_added_by_heading_and_unknown_kinds_become_links():
    text = BODY.replace("title: Containers\n", """title: Containers
resources: {"docker  fundamentals": [{title: "Docker docs", url: "https://docs.docker.com/", type: "Official Docs"}],
  "Volumes": [{title: "Volumes", url: "https://docs.docker.com/storage/volumes/", type: podcast}, {url: "https://x.test/"}],
  "Nowhere": [{title: "Lost", url: "https://x.test/lost"}], "Images": [{title: "No url"}]}
""")
    article, problems = parsed(text)
    topics = {topic.title: topic for topic in article.topics}
    assert topics["Docker Fundamentals"].resources[-1] == Resource("Docker docs", "https://docs.docker.com/", "official docs")
    assert len(topics["Docker Fundamentals"].resources) == 4  # after the three of the body
    assert topics["Volumes"].resources == (
        Resource("Volumes", "https://docs.docker.com/storage/volumes/", "link"),
        Resource("https://x.test/", "https://x.test/", "link"),
    )
    assert len(topics["Images"].resources) == 2
    assert problems == [
        warning("content/a.md", 3, "resource {'title': 'No url'} of 'Images' needs at least a url"),
        warning("content/a.md", 3, "resources for 'nowhere': there is no such topic"),
    ]
    assert "resources" not in article.extra


def test_front_matter_resources_must_be_a_mapping():
    article, problems = parsed(BODY.replace("title: Containers\n", "title: Containers\nresources: [a, b]\n"))
    assert problems == [warning("content/a.md", 3, "'resources' should map topic headings to lists of {title, url, type}")]


def test_a_resource_linking_to_a_content_file_gets_its_address_when_there_is_a_base_url():
    text = "---\ntitle: A\n---\n## T\n\nDifficulty: Beginner\n\nResources:\n\n- Article: [Other](b.md#x)\n- [Ext](https://e.test/)\n"
    pages = {"b.md": "b/index.html"}
    without, _ = parsed(text, pages=pages)
    assert without.topics[0].resources == (Resource("Other", "b.md#x", "article"), Resource("Ext", "https://e.test/", "link"))
    with_base, _ = parsed(text, "https://site.test/sub/", pages)
    assert with_base.topics[0].resources == (
        Resource("Other", "https://site.test/sub/b/#x", "article"), Resource("Ext", "https://e.test/", "link"))


def test_kind_names_and_their_spellings():
    assert [resource_kind(text) for text in ("Video:", "(official docs)", "Docs", "documentation", "BOOK", "course —",
                                             "Article", "blog post", "podcast", "")] == [
        "video", "official docs", "official docs", "official docs", "book", "course", "article", "article", "link", "link"]


def test_roadmap_json_lists_each_topics_resources(tmp_path):
    root = write_files(tmp_path / "content", {"a.md": BODY})
    config = Config(title="Learn")
    site = load_site(list_content(root), config).site
    outputs = {planned.path: planned.data() for planned in site_outputs(site, config, prerequisite_graph(site)[0])}
    data = json.loads(outputs["roadmap.json"])
    import sys

    sys.path.insert(0, str(REPO / "tests" / "output"))
    from test_feeds import SCHEMA, validate

    assert validate(data, SCHEMA) == []
    [article] = data["articles"]
    assert article["topics"][1]["resources"] == [
        {"title": "Docker Deep Dive", "url": "https://example.com/book", "type": "book"},
        {"title": "Images in depth", "url": "https://example.com/course", "type": "course"},
    ]
