import re

import pytest

try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # the property test is a bonus; everything else runs without hypothesis
    given = None

from helpers import IN_CI, SEEDS
from roadmap_site.parse.markdown.engine import markdown_parser
from roadmap_site.parse.plaintext import PlainTextDocument, looks_like_plain_text, plaintext_to_markdown


# A web page copied as text: site header, title with a breadcrumb slash, byline, reading time,
# share buttons, and the title repeated under every numbered section.
WEB_PAGE = """Find Remote Developers Fast

Table of Contents:

Our Blog / example.dev

Caching Strategies for Busy APIs: A Field Guide/



Sam is a staff engineer with ten years of platform experience.

4 Min Read

Twitter LogoLinkedIn LogoFacebook Logo
Caching Strategies for Busy APIs: A Field Guide

1. Why Caching Matters

Caching Strategies for Busy APIs: A Field Guide

Caching keeps hot data close to the code that needs it.

2. Choosing a Cache Layer

Caching Strategies for Busy APIs: A Field Guide

Pick a layer that fits your traffic, such as:

  \u2022 Local memory: Fastest, but per process.
  \u2022 Shared store: Redis or memcached for many processes.

Use the command cache get <key-name> to inspect an entry.

3. Conclusion

Caching Strategies for Busy APIs: A Field Guide

Measure first, then cache.
"""

# A PDF extracted to text: cover lines in another script, a tab-separated table of contents with
# page numbers, a tab table, several bullet styles, hyphenation, wrapped lines, stray tabs.
PDF_PAPER = """Practical Message Queues with RabbitMQ

\u03a3\u0397\u039c\u0395\u0399\u03a9\u03a3\u0395\u0399\u03a3 \u039c\u0391\u0398\u0397\u039c\u0391\u03a4\u039f\u03a3 - 01234

\u0395\u03b1\u03c1\u03b9\u03bd\u03cc \u0395\u03be\u03ac\u03bc\u03b7\u03bd\u03bf 24-25

Contents

Pr\tactical Message Queues with RabbitMQ\t1
1\tWhat is a Queue\t2
2\tRunning RabbitMQ\t5
\tSummary\t

1 What is a Queue

- Queue Overview

A queue stores messages until a consumer is ready. It decouples pro- ducers from consumers.

Delivery

Messages are delivered at least once, so consumers must be idempo-
tent and handle duplicates gracefully. The broker keeps them in
memory or on disk.

Queues vs Topics\tQueues\tTopics
Readers\tOne consumer per message\tEvery subscriber gets a copy
Ordering\tKept per queue\tKept per partition

- Core Parts

- **Broker** is the server that routes messages:
 - * Exchange: Receives messages and decides where they go.
 - * **Binding:** Links an exchange to a queue.
- Channel: A light connection inside a TCP connection.

\u2022 Durability

\u00b7 Persistent messages survive a restart.
\u00b7 Transient messages are faster.

Acknowledgements let the broker know that a message was
 
handled, so it can be removed from the queue.

2 Running RabbitMQ

Start the broker with Do\tcker and open the management page.

Difficulty: Intermediate

3 Summary

Queues make systems calmer under load.
"""


def render(markdown_text: str) -> str:
    """The Markdown as the site reads it."""
    return markdown_parser().render(markdown_text)


def lines_of(document: PlainTextDocument) -> list[str]:
    return document.markdown.splitlines()


# --- looks_like_plain_text ------------------------------------------------------------------------


def test_pasted_web_page_and_pdf_look_like_plain_text():
    assert looks_like_plain_text(WEB_PAGE)
    assert looks_like_plain_text(PDF_PAPER)


def test_pdf_text_with_bold_and_dash_star_bullets_is_still_plain_text():
    body = "Notes on Queues\n\n- * **Broker:** routes messages.\n- * Queue: stores them.\n\nSize\t10\t20\n"
    assert looks_like_plain_text(body)


@pytest.mark.parametrize(
    "body",
    [
        "## Setup\n\nInstall it.\n\nName\tValue\nPort\t5672\n",
        "Read [the docs](https://example.org) first.\n\n\u2022 pasted bullet\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n1. Intro\n\nText.\n",
        "Intro.\n\n```\ncode\there\n```\n",
        "---\ntitle: x\n---\nBody\twith tab\n",
        "Title\n=====\n\n\u2022 item\n",
    ],
)
def test_markdown_structure_wins_over_pasted_plain_text(body):
    assert not looks_like_plain_text(body)


def test_prose_without_any_plain_text_shape_is_not_claimed():
    assert not looks_like_plain_text("Just a sentence.\n\nAnd another one.\n")
    assert not looks_like_plain_text("")


# --- the web page shape ---------------------------------------------------------------------------


def test_web_page_title_is_the_repeated_line_without_its_breadcrumb_slash():
    document = plaintext_to_markdown(WEB_PAGE)
    assert document.title == "Caching Strategies for Busy APIs: A Field Guide"
    assert document.authors == ()


def test_web_page_furniture_is_removed():
    document = plaintext_to_markdown(WEB_PAGE)
    for furniture in ("Find Remote Developers", "Table of Contents", "Our Blog", "Min Read", "Logo", "Field Guide"):
        assert furniture not in document.markdown


def test_web_page_sections_become_h2_and_bullets_keep_bold_labels():
    assert lines_of(plaintext_to_markdown(WEB_PAGE)) == [
        "Sam is a staff engineer with ten years of platform experience.",
        "",
        "## Why Caching Matters",
        "",
        "Caching keeps hot data close to the code that needs it.",
        "",
        "## Choosing a Cache Layer",
        "",
        "Pick a layer that fits your traffic, such as:",
        "",
        "- **Local memory:** Fastest, but per process.",
        "- **Shared store:** Redis or memcached for many processes.",
        "",
        "Use the command cache get &lt;key-name> to inspect an entry.",
        "",
        "## Conclusion",
        "",
        "Measure first, then cache.",
    ]


def test_angle_brackets_show_as_text_not_html():
    html = render(plaintext_to_markdown(WEB_PAGE).markdown)
    assert "&lt;key-name&gt;" in html
    assert "<key-name>" not in html


# --- the PDF shape --------------------------------------------------------------------------------


def test_pdf_title_is_the_first_line_and_cover_and_contents_are_gone():
    document = plaintext_to_markdown(PDF_PAPER)
    assert document.title == "Practical Message Queues with RabbitMQ"
    assert not re.search("[\u0370-\u03ff]", document.markdown)
    assert "Contents" not in document.markdown
    assert "actical" not in document.markdown
    assert not re.search(r"\t|\s\d+$", document.markdown, re.M)


def test_pdf_structure_becomes_headings_lists_and_a_table():
    assert lines_of(plaintext_to_markdown(PDF_PAPER)) == [
        "## What is a Queue",
        "",
        "### Queue Overview",
        "",
        "A queue stores messages until a consumer is ready. It decouples producers from consumers.",
        "",
        "### Delivery",
        "",
        "Messages are delivered at least once, so consumers must be idempotent and handle duplicates"
        " gracefully. The broker keeps them in memory or on disk.",
        "",
        "| Queues vs Topics | Queues | Topics |",
        "|---|---|---|",
        "| Readers | One consumer per message | Every subscriber gets a copy |",
        "| Ordering | Kept per queue | Kept per partition |",
        "",
        "### Core Parts",
        "",
        "- **Broker** is the server that routes messages:",
        "    - **Exchange:** Receives messages and decides where they go.",
        "    - **Binding:** Links an exchange to a queue.",
        "- **Channel:** A light connection inside a TCP connection.",
        "",
        "#### Durability",
        "",
        "- Persistent messages survive a restart.",
        "- Transient messages are faster.",
        "",
        "Acknowledgements let the broker know that a message was handled, so it can be removed from the queue.",
        "",
        "## Running RabbitMQ",
        "",
        "Start the broker with Docker and open the management page.",
        "",
        "Difficulty: Intermediate",
        "",
        "## Summary",
        "",
        "Queues make systems calmer under load.",
    ]


def test_pdf_markdown_renders_nested_lists_and_the_table():
    html = render(plaintext_to_markdown(PDF_PAPER).markdown)
    assert re.search(r"<li><strong>Broker</strong> is the server that routes messages:\s*<ul>\s*<li>", html)
    assert html.count("<table>") == 1
    assert html.count("<tr>") == 3
    assert "<th>Queues vs Topics</th>" in html
    assert "Pr\tactical" not in html and "Do\tcker" not in html


# --- single rules ---------------------------------------------------------------------------------


def test_authors_come_only_from_explicit_statements():
    stated = plaintext_to_markdown("Scaling Postgres Safely\n\nBy Jane Doe and John Smith | March 3, 2024\n\nText here.\n")
    assert stated.authors == ("Jane Doe", "John Smith")
    assert stated.markdown == "Text here.\n"
    labelled = plaintext_to_markdown("Scaling Postgres Safely\n\nAuthor: Ana Lima\n\nText here.\n")
    assert labelled.authors == ("Ana Lima",)
    byline = plaintext_to_markdown("Scaling Postgres Safely\n\nJane is a senior engineer with ten years in ops.\n")
    assert byline.authors == ()
    sentence = plaintext_to_markdown("Scaling Postgres Safely\n\nBy following these steps you win.\n")
    assert sentence.authors == ()


def test_title_is_the_line_above_a_byline_when_nothing_repeats():
    text = "Home\nBlog\n\nHow We Halved Build Times\n\nBy Jane Doe \u00b7 5 min read\n\nOur CI took 40 minutes.\n"
    document = plaintext_to_markdown(text)
    assert (document.title, document.authors) == ("How We Halved Build Times", ("Jane Doe",))
    assert document.markdown == "Our CI took 40 minutes.\n"


def test_dot_leader_contents_and_running_headers_are_dropped():
    text = (
        "A Study of Queues\n\nIntroduction .......... 1\nMethod ................ 3\n\n"
        "Introduction\n\nQueues are everywhere.\n\nA Study of Queues\n4\n\nMethod\n\nWe measured them.\n"
    )
    document = plaintext_to_markdown(text)
    assert document.title == "A Study of Queues"
    assert document.markdown == "## Introduction\n\nQueues are everywhere.\n\n## Method\n\nWe measured them.\n"


def test_headings_are_found_inside_blocks_without_blank_lines():
    text = (
        "Docker Basics\n1 Introduction\nDocker packages applications and their dependencies into\n"
        "containers. It was released in 2013.\nContainers\nA container is a running image.\n"
        "2 Images\nImages are built from a Dockerfile.\n"
    )
    assert lines_of(plaintext_to_markdown(text)) == [
        "## Introduction",
        "",
        "Docker packages applications and their dependencies into containers. It was released in 2013.",
        "",
        "### Containers",
        "",
        "A container is a running image.",
        "",
        "## Images",
        "",
        "Images are built from a Dockerfile.",
    ]


def test_control_characters_go_but_tabs_and_newlines_stay_meaningful():
    document = plaintext_to_markdown("Clean Text Please\n\nHello\x07 wor\x00ld\x1b.\r\nSecond\x0bline here.\n")
    assert document.markdown == "Hello world. Second line here.\n"


def test_hyphens_join_only_between_lower_case_letters():
    text = "Hyphen Rules\n\nA possi- bility, but Docker- Compose stays, and pre- and post-processing too.\n"
    assert plaintext_to_markdown(text).markdown == (
        "A possibility, but Docker- Compose stays, and pre- and post-processing too.\n"
    )


def test_markdown_characters_in_plain_text_are_escaped():
    text = "Escaping Matters\n\n# not a heading, 5 * 3, snake_case, `tick`, [1](x), <b>x</b>, &copy; and **kept bold**.\n"
    document = plaintext_to_markdown(text)
    assert document.markdown == (
        "\\# not a heading, 5 \\* 3, snake\\_case, \\`tick\\`, \\[1\\](x), &lt;b>x&lt;/b>, &amp;copy; and **kept bold**.\n"
    )
    html = render(document.markdown)
    assert "<b>" not in html and "<h1>" not in html and "<a " not in html and "<code>" not in html
    assert "<strong>kept bold</strong>" in html
    assert "5 * 3, snake_case, `tick`, [1](x)" in html


def test_line_starts_that_markdown_would_read_as_blocks_are_escaped():
    document = plaintext_to_markdown("Line Starts\n\n-d runs it detached.\n\n> not a quote\n\n2024. A year.\n\n~~~ wave\n")
    assert document.markdown == "\\-d runs it detached.\n\n\\> not a quote\n\n2024\\. A year.\n\n\\~\\~\\~ wave\n"
    html = render(document.markdown)
    assert "<p>~~~ wave</p>" in html and "<code>" not in html and "<blockquote>" not in html


def test_what_the_site_reads_as_callouts_or_strikes_stays_text():
    document = plaintext_to_markdown("Notes\n\n!!! note this is shouted\n\n??? tip asked\n\nIt takes ~5 to ~10 minutes.\n")
    html = render(document.markdown)
    assert "<p>!!! note this is shouted</p>" in html and "<p>??? tip asked</p>" in html
    assert "<p>It takes ~5 to ~10 minutes.</p>" in html and "callout" not in html and "<s>" not in html


def test_pipes_in_table_cells_are_escaped():
    document = plaintext_to_markdown("Pipes\n\nCommand\tMeaning\nls | wc\tcount files\nps\tprocesses\n")
    assert document.markdown.splitlines() == [
        "| Command | Meaning |",
        "|---|---|",
        "| ls \\| wc | count files |",
        "| ps | processes |",
    ]
    assert "<td>ls | wc</td>" in render(document.markdown)


def test_difficulty_line_is_kept_as_is_and_never_a_heading():
    document = plaintext_to_markdown("Learning Queues\n\nDifficulty: Beginner\n\nStart here.\n")
    assert document.markdown == "Difficulty: Beginner\n\nStart here.\n"


def test_numbered_line_out_of_sequence_is_not_a_section():
    document = plaintext_to_markdown("Docker Notes\n\n10 Tips for Smaller Images\n\nUse slim bases.\n")
    assert "#" not in document.markdown


def test_spaced_out_short_bullets_are_a_list_not_headings():
    document = plaintext_to_markdown("Reading List\n\n- Broker Handbook\n\n- Queue Patterns Guide\n\nEnd.\n")
    assert "#" not in document.markdown
    assert render(document.markdown).count("<li>") == 2


def test_without_numbered_sections_the_top_heading_is_h2():
    document = plaintext_to_markdown("Short Guide\n\nContainers\n\nThey share a kernel.\n")
    assert document.markdown == "## Containers\n\nThey share a kernel.\n"


def test_running_header_repeated_many_times_is_dropped():
    text = "Queue Handbook\n\nAdvertisement\n\nIntro text.\n\nAdvertisement\n\nMore text.\n\nAdvertisement\n\nAdvertisement\n\nEnd.\n"
    assert plaintext_to_markdown(text).markdown == "Intro text.\n\nMore text.\n\nEnd.\n"


def test_no_title_when_the_text_starts_with_a_sentence():
    document = plaintext_to_markdown("This text starts with a sentence.\n\nAnd goes on.\n")
    assert document.title is None
    assert document.markdown == "This text starts with a sentence.\n\nAnd goes on.\n"


if given is not None:

    @settings(max_examples=300, deadline=None)
    @given(
        st.one_of(
            st.text(),
            st.lists(st.sampled_from([*"ab C1.:-*•·\t\n\x07#|<_[]`&Ύ", "Logo", "2 Min Read", "  ", "1. Intro\n"]))
            .map("".join),
        )
    )
    def test_any_text_gives_a_document(text):
        document = plaintext_to_markdown(text)
        assert isinstance(document, PlainTextDocument)
        assert isinstance(looks_like_plain_text(text), bool)
        render(document.markdown)


# --- acceptance on the real seeds -----------------------------------------------------------------


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.exists() and not IN_CI, reason="shared seeds not available")
def test_seeds_are_read_by_content():
    assert [looks_like_plain_text(seed(prefix)) for prefix in ("000", "001", "002", "003", "004")] == [
        False, False, False, True, True,
    ]


@pytest.mark.skipif(not SEEDS.exists() and not IN_CI, reason="shared seeds not available")
def test_seed_web_page():
    source = seed("003")
    document = plaintext_to_markdown(source)
    title = "Containerization in Backend Development: Best Practices with Docker & Kubernetes"
    assert document.title == title
    sections = [match[1] for match in re.finditer(r"^\d+\. (.+)$", source, re.M)]
    assert len(sections) == 15
    headings = [line[3:] for line in lines_of(document) if line.startswith("## ")]
    assert headings == sections
    assert title not in document.markdown
    for furniture in ("Twitter Logo", "Min Read", "Table of Contents", "Hire Freelance"):
        assert furniture not in document.markdown
    html = render(document.markdown)
    assert "&lt;image-name&gt;" in html and "<image-name>" not in html
    assert html.count("<ul>") >= 2


@pytest.mark.skipif(not SEEDS.exists() and not IN_CI, reason="shared seeds not available")
def test_seed_pdf():
    document = plaintext_to_markdown(seed("004"))
    assert document.title == "Building Scalable Applications using Docker and Kubernetes"
    lines = lines_of(document)
    for heading in ("What is Docker", "What is Kubernetes", "Docker and Kubernetes: better together", "Conclusion"):
        assert f"## {heading}" in lines
    assert "### Docker Overview" in lines and "### Containers" in lines
    header = lines.index("| Docker vs VMs | Dockers | Virtual Machines |")
    table = [line for line in lines[header:] if line.startswith("|")]
    assert len(table) == len(lines[header : header + len(table)]) == 8
    assert table[1] == "|---|---|---|"
    assert "possi- bility" not in document.markdown and "possibility" in document.markdown
    assert "\t" not in document.markdown
    assert not re.search(r"\s\d+$", document.markdown, re.M)
    assert not re.search("[\u0370-\u03ff]", document.markdown)
    html = render(document.markdown)
    assert html.count("<table>") == 1 and html.count("<tr>") == 7
    assert len(re.findall(r"<li>(?:(?!</li>).)*?<ul>", html, re.S)) >= 3
