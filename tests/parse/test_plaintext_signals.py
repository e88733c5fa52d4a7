"""The plain-text reader's general signals, one small pasted text each, and its score on a fixed
part of the generated corpus (benchmarks/plaintext_corpus) as a quality gate."""

import html
import re
import sys

import pytest

from helpers import REPO
from roadmap_site.config import Config
from roadmap_site.parse.article import parse_article, read_head
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer
from roadmap_site.parse.plaintext import looks_like_plain_text, plaintext_to_markdown
from roadmap_site.parse.sources import Source


def markdown_of(text: str) -> list[str]:
    return plaintext_to_markdown(text).markdown.splitlines()


def headings_of(text: str) -> list[str]:
    return [line for line in markdown_of(text) if line.startswith("#")]


def article_from_txt(text: str):
    head = read_head(Source("a.txt", "content/a.txt", text.encode()), Config())
    article, _ = parse_article(head, LinkIndex(pages={"a.txt": head.path}, files=frozenset()), Config(), MarkdownRenderer())
    return article


def shown_text(page_html: str) -> str:
    """What a reader sees: the text of the HTML, tags gone, references resolved."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page_html))


# --- plain text stays text ------------------------------------------------------------------------


def test_a_txt_article_with_an_html_tag_shows_the_tag_as_written():
    article = article_from_txt("Notes on Markup\n\nThis is <b>not bold</b> at all.\n")
    assert "<b>" not in article.html
    assert "&lt;b&gt;not bold&lt;/b&gt;" in article.html
    assert "<b>not bold</b>" in shown_text(article.html)


def test_html_tags_and_character_references_make_a_txt_body_plain_text():
    assert looks_like_plain_text("This is <b>not bold</b> at all.\n")
    assert looks_like_plain_text("Write &amp; or &#60; to escape.\n")
    assert not looks_like_plain_text("## Heading\n\nThis is <b>bold</b>.\n")  # Markdown structure wins


@pytest.mark.parametrize(
    "sentence",
    [
        "Compare a < b && c > d here.",
        "Write &amp; and &lt; and &#60; as they are.",
        "A tag <span class=\"x\">inside</span> and <!-- a comment --> stay.",
        "Generic types like List<String> & Map<K, V> are common.",
    ],
)
def test_every_angle_bracket_and_ampersand_shows_as_written(sentence):
    article = article_from_txt(f"Escaping in Plain Text\n\n{sentence}\n\nName\tValue\na<b\tx&y\nc&d\t<i>\n")
    shown = " ".join(shown_text(article.html).split())
    assert sentence in shown
    assert "a<b x&y" in shown and "c&d <i>" in shown
    assert "<i>" not in article.html and "<span" not in article.html


def test_headings_without_hash_numbered_sections_or_a_byline_reading_time_make_a_body_plain_text():
    headings = "Why Queues\nQueues decouple the work from the people who ask.\nDelivery\nBrokers retry every message until it is acknowledged.\n"
    assert looks_like_plain_text(headings)
    numbered = "1. Why Queues\nThey decouple work.\n2. Delivery\nBrokers retry.\n"
    assert looks_like_plain_text(numbered)
    assert looks_like_plain_text("Queues\nWritten by Ana Lima · 6 min read\nThey decouple work.\n")
    assert not looks_like_plain_text("A note.\n\n1. First step\n2. Second step\n")  # a Markdown list


# --- contents blocks ------------------------------------------------------------------------------


def test_a_contents_list_names_the_headings_and_its_indent_gives_their_levels():
    text = (
        "Home\nBlog\nQueues in Practice\nBy Ana Lima\nOn this page\nWhy Queues\nDelivery\n  At Least Once\n"
        "Why Queues\nThey decouple work.\nDelivery\nBrokers retry.\nAt Least Once\nDuplicates happen.\n"
    )
    document = plaintext_to_markdown(text)
    assert document.title == "Queues in Practice"
    assert markdown_of(text) == [
        "## Why Queues", "", "They decouple work.", "", "## Delivery", "", "Brokers retry.", "",
        "### At Least Once", "", "Duplicates happen.",
    ]


def test_a_paged_contents_with_numbers_and_tabs_gives_levels_by_depth():
    text = (
        "Queues in Practice\n\nContents\n1\tWhy Queues\t2\n2\tDelivery\t3\n2.1\tAt Least Once\t3\n\n"
        "1 Why Queues\nThey decouple work from\nthe people who ask for it.\n2 Delivery\nBrokers retry.\n"
        "2.1 At Least Once\nDuplicates happen.\n"
    )
    assert headings_of(text) == ["## Why Queues", "## Delivery", "### At Least Once"]
    assert "They decouple work from the people who ask for it." in markdown_of(text)


# --- numbered sections ----------------------------------------------------------------------------


def test_numbered_sections_in_order_are_headings_without_blank_lines_dotted_or_not():
    text = "Queues\n1. Why Queues\nThey decouple work.\n2. Delivery\nBrokers retry.\n2.1 Retries\nAgain.\n3. End\nDone.\n"
    assert headings_of(text) == ["## Why Queues", "## Delivery", "### Retries", "## End"]


def test_a_numbered_list_is_not_taken_for_sections():
    text = (
        "Queues\n\n1 Why Queues\n\nFollow these steps in order.\n\n1. Start the broker\n2. Start a consumer\n3. Send a message\n\n"
        "2 Delivery\n\nBrokers retry.\n"
    )
    assert headings_of(text) == ["## Why Queues", "## Delivery"]
    assert "3. Send a message" in markdown_of(text)


def test_a_wrapped_numbered_item_that_continues_its_list_is_not_a_section():
    text = (
        "Queues\n\n1. Basics\n\nIt starts here.\n\n2. Places\n\n1. A managed store for production.\n"
        "2. A file that is ignored by version control for\n   development.\n3. A local file ignored by version control for\n"
        "   laptops.\n\n3. Rotation\n\nRotate often.\n"
    )
    assert headings_of(text) == ["## Basics", "## Places", "## Rotation"]


# --- furniture ------------------------------------------------------------------------------------


def test_running_footers_with_page_numbers_and_running_titles_go():
    text = (
        "Queues in Practice\n\nAna Lima and Jo Park\nLakeside Institute\nMay 2024\n\nAbstract\nA short look at queues.\n\n"
        "1 Why Queues\n\nThey decouple work.\n\nAna Lima · Queues in Practice\t2\n\nQueues in Practice\n\n"
        "2 Delivery\n\nBrokers retry.\n\nAna Lima · Queues in Practice\t3\n"
    )
    document = plaintext_to_markdown(text)
    assert (document.title, document.authors) == ("Queues in Practice", ("Ana Lima", "Jo Park"))
    assert document.markdown == "A short look at queues.\n\n## Why Queues\n\nThey decouple work.\n\n## Delivery\n\nBrokers retry.\n"


def test_a_site_footer_run_goes_but_a_closing_line_alone_stays():
    footer = "Caching Notes\n\nCache hot data.\n\nRelated posts\nTen Lessons from Queues\n© 2024 Northwind Labs\nPrivacy Policy\n"
    assert plaintext_to_markdown(footer).markdown == "Cache hot data.\n"
    closing = "Caching Notes\n\nCache hot data.\n\nHappy caching\n"
    assert plaintext_to_markdown(closing).markdown == "Cache hot data.\n\nHappy caching\n"


def test_share_reading_time_subscribe_and_date_lines_go():
    text = (
        "Skip to content\nMenu\nCaching Notes\nMara Ellison\nMarch 3, 2024\nReading time: 5 minutes\nShare on LinkedIn\n"
        "Cache hot data.\nSubscribe\nKeep it fresh.\n"
    )
    document = plaintext_to_markdown(text)
    assert (document.title, document.authors) == ("Caching Notes", ("Mara Ellison",))
    assert document.markdown == "Cache hot data.\n\nKeep it fresh.\n"


# --- title ----------------------------------------------------------------------------------------


def test_a_title_over_two_lines_is_joined():
    after_a_word_that_goes_on = "A Practical Guide to\nContainer Images\n\nLayers are cached.\n"
    assert plaintext_to_markdown(after_a_word_that_goes_on).title == "A Practical Guide to Container Images"
    before_authors = "Learning SQL Joins\nStep by Step\n\nMara Ellison, Jo Park\n\nJoins combine rows.\n"
    assert plaintext_to_markdown(before_authors).title == "Learning SQL Joins Step by Step"
    two_menu_items = "Home\nBlog\n\nHow We Halved Build Times\n\nBy Jane Doe\n\nOur CI took 40 minutes.\n"
    assert plaintext_to_markdown(two_menu_items).title == "How We Halved Build Times"


def test_a_title_whose_part_comes_back_is_still_the_whole_title():
    part_is_a_section = "Structured Logging:\nLogs as Data\n\nAna Lima, Jo Park\n\nLogs as Data\n\nWrite each entry as fields.\n"
    assert plaintext_to_markdown(part_is_a_section).title == "Structured Logging: Logs as Data"
    part_is_a_running_header = (
        "Structured Logging: Logs as Data\n\nAna Lima\nLakeside Institute\nMay 2024\n\nStructured Logging\n\n"
        "1 Fields\n\nWrite each entry as fields.\n\nStructured Logging\n\n2 Levels\n\nErrors need someone.\n"
    )
    document = plaintext_to_markdown(part_is_a_running_header)
    assert document.title == "Structured Logging: Logs as Data"
    assert document.markdown == "## Fields\n\nWrite each entry as fields.\n\n## Levels\n\nErrors need someone.\n"


def test_a_heading_with_a_comma_is_not_a_list_of_names():
    document = plaintext_to_markdown("Writing Tests\n\nTest Behaviour, Not Code\n\nA test that mirrors code breaks.\n")
    assert document.authors == ()
    assert document.markdown.startswith("## Test Behaviour, Not Code\n")


# --- paragraphs and tables ------------------------------------------------------------------------


def test_a_web_copy_keeps_its_one_line_paragraphs_apart():
    text = (
        "Caching Notes\nA cache keeps hot data close to the code that reads it, so requests stay fast.\n"
        "Caches also smooth out bursts of traffic that would otherwise queue up behind slow queries.\n"
        "git switch main\ngit pull\n"
    )
    assert markdown_of(text) == [
        "A cache keeps hot data close to the code that reads it, so requests stay fast.", "",
        "Caches also smooth out bursts of traffic that would otherwise queue up behind slow queries.", "",
        "git switch main", "", "git pull",
    ]


def test_a_pdf_copy_joins_its_wrapped_lines_and_repairs_hyphens():
    text = "Caching Notes\n\nA cache keeps hot data close to the code that reads it, so every re-\nquest stays fast and the database\nrests.\n"
    assert markdown_of(text) == ["A cache keeps hot data close to the code that reads it, so every request stays fast and the database rests."]


def test_wrapped_text_without_blank_lines_ends_a_paragraph_where_the_next_word_would_have_fitted():
    text = (
        "Queues\n\nA queue stores messages until a consumer is ready for them, and it\ndecouples producers from consumers.\n"
        "Brokers keep messages on disk so that a restart loses nothing at\nall, and they\nretry.\n"
    )
    assert markdown_of(text) == [
        "A queue stores messages until a consumer is ready for them, and it decouples producers from consumers.", "",
        "Brokers keep messages on disk so that a restart loses nothing at all, and they retry.",
    ]


def test_a_tab_table_broken_by_a_page_keeps_all_its_rows():
    text = "Joins\n\nIntro text here.\n\nJoin\tLeft\tRight\nInner\tNo\tNo\n\nPage 2\n\nLeft\tYes\tNo\nFull\tYes\tYes\n\nEnd.\n"
    assert [line for line in markdown_of(text) if line.startswith("|")] == [
        "| Join | Left | Right |", "|---|---|---|", "| Inner | No | No |", "| Left | Yes | No |", "| Full | Yes | Yes |",
    ]


def test_a_heading_right_under_another_opens_a_subsection():
    text = "Git Notes\n\nIntro text.\n\nMerging and Rebasing\n\nMerging\n\nA merge joins histories.\n\nGood Habits\n\nKeep branches short.\n"
    assert headings_of(text) == ["## Merging and Rebasing", "### Merging", "## Good Habits"]


# --- the generated corpus -------------------------------------------------------------------------


def test_the_reader_scores_well_on_a_fixed_part_of_the_generated_corpus():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from plaintext_corpus import STYLES, variants
        from plaintext_corpus.score import score, summarise
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    corpus = variants(STYLES, range(0, 30, 4))
    summary = summarise([score(item.text, item.truth) for item in corpus])
    assert summary.variants == 8 * len(STYLES) >= 80
    assert summary.detected >= 0.95
    assert summary.title_exact >= 0.95
    assert summary.heading_f1 >= 0.95
    assert summary.clean >= 0.95
    assert summary.items >= 0.95 and summary.cells >= 0.95 and summary.paragraphs >= 0.9
    assert summary.words_lost_share <= 0.005
