"""Lines travel with the values: pure functions raise SourceError with a file line, and an
Article carries the line of each front-matter key it was given."""

from __future__ import annotations

import pickle

import pytest

from roadmap_site.config import Config
from roadmap_site.errors import Problem, SourceError
from roadmap_site.parse.article import parse_article, read_head
from roadmap_site.parse.frontmatter import FrontMatterError, key_lines, read_front_matter, split_front_matter
from roadmap_site.parse.links import LinkIndex
from roadmap_site.parse.markdown import MarkdownRenderer
from roadmap_site.parse.metadata import FieldError, parse_metadata
from roadmap_site.parse.sources import Source, decode


def lines_of(text: str) -> dict[str, int]:
    return read_front_matter(split_front_matter(text)).lines


def test_a_source_error_becomes_a_problem_for_its_path_and_survives_pickling():
    error = SourceError(3, "broken")
    assert error.problem("a.md") == Problem("a.md", 3, "broken", "error")
    again = pickle.loads(pickle.dumps(error))
    assert (again.line, again.message, str(again)) == (3, "broken", "broken")


def test_decode_raises_a_source_error_at_the_line_of_the_bad_byte():
    with pytest.raises(SourceError) as caught:
        decode(b"one\n\xc3\xa9 two\nthree \xff\n")
    assert (caught.value.line, caught.value.message) == (3, "this file is not UTF-8 text (byte 0xff); save it as UTF-8")


def test_front_matter_errors_are_source_errors():
    with pytest.raises(SourceError) as caught:
        split_front_matter("---\ntitle: A\n")
    assert isinstance(caught.value, FrontMatterError) and caught.value.line == 1


def test_a_field_error_carries_its_key_and_the_line_it_is_given():
    with pytest.raises(FieldError) as caught:
        parse_metadata({"title": "A", "weight": "first"}, {"title": 2, "weight": 5})
    error = caught.value
    assert (error.key, error.line, str(error)) == ("weight", 5, "weight: expected a whole number, found 'first'")
    assert error.problem("a.md") == Problem("a.md", 5, "weight: expected a whole number, found 'first'")
    assert pickle.loads(pickle.dumps(error)).key == "weight"


def test_metadata_lines_are_by_field_name_and_by_key_for_the_rest():
    meta, _ = parse_metadata(
        {"title": "A", "weight": 2, "part": 3, "prerequisites": ["b"], "redirect_from": ["/old/"]},
        {"title": 2, "weight": 3, "part": 4, "prerequisites": 5, "redirect_from": 7},
    )
    # the first spelling of a field wins, and so does its line
    assert meta.lines == {"title": 2, "series_order": 3, "prerequisites": 5, "aliases": 7}


def test_yaml_key_lines_come_from_the_parser():
    text = (
        "---\n"
        "# a comment\n"
        '"title": "A: quoted"\n'
        "description: >\n  tags: not a key\n  still the description\n"
        "base: &base {weight: 2}\n"
        "<<: *base\n"
        "tags: [a,\n  b]\n"
        "---\n"
    )
    assert lines_of(text) == {"title": 3, "description": 4, "base": 7, "weight": 7, "tags": 9}


def test_toml_key_lines_skip_multi_line_strings_and_tables():
    text = '+++\ntitle = "T"\ndescription = """\nweight = 3\n"""\n  weight = 4\n[params]\nseries = "x"\n+++\n'
    assert lines_of(text) == {"title": 2, "description": 3, "weight": 6}
    assert key_lines('title = "T"\n[[menu.main]]\nname = "x"', 2) == {"title": 2}


def test_json_key_lines_are_the_top_level_keys():
    text = '{\n  "title": "J",\n  "extra": {"title": 1,\n    "x": [{"y": 2}]},\n  "a\\"b": true\n}\nBody'
    assert lines_of(text) == {"title": 2, "extra": 3, 'a"b': 5}


def test_the_article_carries_the_line_of_each_key():
    text = "---\ntitle: Part 2: Docker\nlevel: Beginner\nprerequisites: [x]\naliases: [/old/]\n---\nText.\n"
    head = read_head(Source("a.md", "content/a.md", text.replace("Part 2: Docker", "'Part 2: Docker'").encode()), Config())
    article, problems = parse_article(head, LinkIndex(pages={"a.md": head.path}, files=frozenset()), Config(), MarkdownRenderer())
    assert problems == []
    assert article.series_order == 2
    assert dict(article.lines) == {"title": 2, "difficulty": 3, "prerequisites": 4, "aliases": 5, "series_order": 2}


def test_a_bad_value_is_reported_by_read_head_at_its_keys_line():
    source = Source("a.md", "content/a.md", b"---\ntitle: A\n\ndraft: maybe\n---\nText.\n")
    assert read_head(source, Config()) == Problem("content/a.md", 4, "draft: expected true or false, found 'maybe'")
