import textwrap
from functools import partial

import pytest

from roadmap_site.config import Config
from roadmap_site.model.models import level_named
from roadmap_site.parse.comparison import find_comparison
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer, RenderRequest

CONFIG = Config()


def render(text: str, *, title: str | None = "Article", links: LinkIndex | None = None, key: str = "guide/a.md",
           base_url: str | None = None, sections_are_topics: bool = False):
    request = RenderRequest(
        source_key=key,
        page_path=key.rsplit(".", 1)[0] + "/index.html",
        links=links or LinkIndex(pages={}),
        base_url=base_url,
        difficulty=partial(level_named, CONFIG.difficulty_levels),
        title=title,
        sections_are_topics=sections_are_topics,
    )
    return MarkdownRenderer().render(textwrap.dedent(text), request)


TOPICS = """\
## Introduction
Some words.

### Docker Fundamentals
**Difficulty**:  <span style="color:green">Intermediate</span>

- Learn images
- Learn containers

### Kubernetes Basics
Difficulty: beginner
- Pods
- Services

### Service Meshes
Level: Advanced

Some text first.

1. Sidecars

### Plain section
- not a topic
"""


def test_topics_are_headings_followed_by_a_difficulty_marker():
    body = render(TOPICS)
    assert [(t.title, t.difficulty.name, t.objectives) for t in body.topics] == [
        ("Docker Fundamentals", "Intermediate", ("Learn images", "Learn containers")),
        ("Kubernetes Basics", "Beginner", ("Pods", "Services")),
        ("Service Meshes", "Advanced", ("Sidecars",)),
    ]
    assert [t.anchor for t in body.topics] == ["docker-fundamentals", "kubernetes-basics", "service-meshes"]
    assert [t.line for t in body.topics] == [4, 10, 15]


def test_marker_becomes_a_labelled_badge_and_the_authors_inline_colour_is_gone():
    html = render(TOPICS).html
    assert '<p class="topic-difficulty">Difficulty: <span class="badge badge-intermediate">Intermediate</span></p>' in html
    assert "color:green" not in html
    assert "RoadmapSiteTopicMarker" not in html
    assert "<li>Pods</li>" in html  # a list right under the marker is still a list


def test_marker_inside_code_or_far_from_a_heading_is_text():
    body = render(
        """\
        ## Setup

        Difficulty: Beginner

        ```yaml
        ## Not a heading
        Difficulty: Advanced
        ```
        """
    )
    assert [t.title for t in body.topics] == ["Setup"]
    body = render("Intro paragraph.\n\nDifficulty: Beginner\n")
    assert body.topics == () and "Difficulty: Beginner" in body.html


def test_unknown_difficulty_is_kept_with_a_warning_at_its_line():
    body = render("# T\n\n### Rust\n\nDifficulty: Expert\n")
    assert body.topics[0].difficulty.name == "Expert"
    assert body.topics[0].line == 3
    assert not body.topics[0].difficulty.known
    assert [(i.line, i.message) for i in body.issues] == [
        (5, "unknown difficulty 'Expert'; it is kept, ranked after the known levels")
    ]


def test_comparison_table_with_spacer_column_dropped():
    body = render(
        """\
        ### 3. Virtual Machines vs Docker Containers

        |Docker Containers||Virtual Machines|
        |:--:||:--:|
        |Fast||Slow|
        |Small||Big|
        """
    )
    [table] = body.tables
    assert table.subjects == ("Docker Containers", "Virtual Machines")
    assert table.rows == (("Fast", "Slow"), ("Small", "Big"))
    assert table.anchor == "3-virtual-machines-vs-docker-containers"
    assert "<th></th>" not in body.html and "<td></td>" not in body.html


def test_link_tables_are_not_comparisons():
    body = render("|Roadmap|Link|\n|:--|:--:|\n|1. Internet|[x](https://example.org)|\n")
    assert body.tables == ()


@pytest.mark.parametrize(
    "title, header, subjects",
    [
        ("SQL vs NoSQL", ["Aspect", "SQL", "NoSQL"], ("SQL", "NoSQL")),
        ("", ["Docker vs VMs", "Dockers", "Virtual Machines"], ("Dockers", "Virtual Machines")),
        ("REST vs GraphQL vs gRPC", ["Feature", "REST", "GraphQL", "gRPC"], ("REST", "GraphQL", "gRPC")),
        ("Containers versus VMs", ["Containers", "VMs"], ("Containers", "VMs")),
        ("Kafka vs RabbitMQ", ["", "Kafka", "RabbitMQ"], ("Kafka", "RabbitMQ")),
    ],
)
def test_comparison_subjects(title, header, subjects):
    table = find_comparison(title, "a", [header, ["x"] * len(header)])
    assert table is not None and table.subjects == subjects


def test_no_comparison_without_a_versus():
    assert find_comparison("Install steps", "a", [["Step", "Command"], ["1", "run"]]) is None


def test_fenced_code_is_highlighted_by_pygments():
    html = render("```python\ndef f():\n    return 1\n```\n").html
    assert '<div class="highlight">' in html
    assert '<span class="k">def</span>' in html


def test_title_heading_is_not_shown_twice_and_is_reported():
    body = render("# My Title\n\nText.\n\n## Part\n", title=None)
    assert body.title == "My Title"
    assert "My Title" not in body.html
    assert [entry.title for entry in body.toc] == ["Part"]
    body = render("# Other\n\nText.\n", title="My Title")
    assert "<h1" in body.html and "Other" in body.html


def test_table_of_contents_nests_and_ids_are_stable_for_any_script():
    body = render("## Βασικά\n\n### 기초\n\n## Next\n")
    assert [(e.title, e.anchor) for e in body.toc] == [("Βασικά", "βασικά"), ("Next", "next")]
    assert [(e.title, e.anchor) for e in body.toc[0].children] == [("기초", "기초")]


def test_links_to_articles_are_rewritten_and_missing_ones_warned():
    links = LinkIndex(pages={"guide/b.md": "guide/b/index.html", "intro.md": "intro/index.html"},
                      files=frozenset({"guide/img/x.png"}))
    body = render(
        """\
        See [b](b.md#usage), [intro](../intro.md), [web](https://example.org/a.md),
        [gone](missing.md) and ![pic](img/x.png).
        """,
        links=links,
    )
    assert 'href="../b/index.html#usage"' in body.html
    assert 'href="../../intro/index.html"' in body.html
    assert 'href="https://example.org/a.md"' in body.html
    assert 'href="missing.md"' in body.html
    assert 'src="../img/x.png"' in body.html
    assert [(i.line, i.message) for i in body.issues] == [(2, "link to 'missing.md' does not resolve")]


def test_pretty_links_with_a_base_url():
    links = LinkIndex(pages={"guide/b.md": "guide/b/index.html"})
    body = render("[b](b.md)", links=links, base_url="https://u.github.io/repo/")
    assert 'href="../b/"' in body.html


def test_plain_text_sections_are_unrated_topics():
    body = render("## One\n\nText.\n\n## Two\n\n- a\n", sections_are_topics=True)
    assert [(t.title, t.difficulty, t.objectives) for t in body.topics] == [("One", None, ()), ("Two", None, ("a",))]


def test_word_count():
    assert render("One two three.\n\n- four five\n").word_count == 5


def test_headings_never_take_the_themes_own_ids():
    body = render("## Main\n\n## Search\n\nText [up](#main-section).\n")
    assert [entry.anchor for entry in body.toc] == ["main-section", "search-section"]
    assert 'id="main"' not in body.html and body.issues == ()
