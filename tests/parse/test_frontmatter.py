import datetime as dt

import pytest

from roadmap_site.parse.frontmatter import FrontMatterError, key_lines, parse_front_matter, split_front_matter
from roadmap_site.parse.metadata import FieldError, parse_date, parse_metadata


def front(text: str) -> dict:
    return parse_front_matter(split_front_matter(text))


def test_yaml_front_matter_and_body_line():
    split = split_front_matter("---\ntitle: A\ntags: [x]\n---\n# Body\n")
    assert split.kind == "yaml"
    assert split.body == "# Body\n"
    assert split.body_line == 5
    assert parse_front_matter(split) == {"title": "A", "tags": ["x"]}


def test_hugo_flow_list_over_several_lines_and_multiline_description():
    data = front('---\ndescription: "\nTwo words.\n"\ntags: [\n"a", "b"\n]\nseries: ["S"]\n---\n')
    assert data["tags"] == ["a", "b"]
    assert data["series"] == ["S"]
    assert data["description"].strip() == "Two words."


def test_toml_and_json_front_matter():
    assert front('+++\ntitle = "T"\nweight = 3\n+++\nbody') == {"title": "T", "weight": 3}
    split = split_front_matter('{\n  "title": "J",\n  "draft": true\n}\nBody text')
    assert split.kind == "json"
    assert parse_front_matter(split) == {"title": "J", "draft": True}
    assert split.body == "Body text"
    assert split.body_line == 5


def test_no_front_matter():
    split = split_front_matter("# Title\n\ntext")
    assert split.kind == "none" and split.body_line == 1 and parse_front_matter(split) == {}


def test_unclosed_fence_is_an_error_at_line_1():
    with pytest.raises(FrontMatterError) as caught:
        split_front_matter("---\ntitle: A\n\n# never closed\n")
    assert caught.value.line == 1
    assert "never closed" in caught.value.message


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("---\ntitle: A\ndescription: Docker: the basics\n---\n", 3, "put the whole value in quotes"),
        ("---\ntitle: A\ntags:\n\t- x\n---\n", 4, "indent with spaces"),
        ('---\ntitle: "open\nauthor: b\n---\n', 2, "never closed"),
        ("---\ntitle: !!python/object:os.system x\n---\n", 2, "not allowed"),
        ('+++\ntitle = "A"\nweight = \n+++\n', 3, "not valid TOML"),
    ],
)
def test_bad_front_matter_names_the_file_line_in_a_writers_words(text, line, words):
    with pytest.raises(FrontMatterError) as caught:
        front(text)
    assert caught.value.line == line
    assert words in caught.value.message


@pytest.mark.parametrize("text, found", [("---\n- a\n- b\n---\n", "a list"), ("---\njust text\n---\n", "a single text value")])
def test_front_matter_must_be_a_mapping(text, found):
    with pytest.raises(FrontMatterError, match=f"must be a mapping of keys to values, found {found}"):
        front(text)


def test_yaml_1_1_booleans_and_dates_stay_text():
    data = front("---\ntitle: Off\ntags: [yes, no]\ndate: 2023-05-01\ndraft: false\n---\n")
    assert data == {"title": "Off", "tags": ["yes", "no"], "date": "2023-05-01", "draft": False}


def test_metadata_aliases_map_to_one_field_and_unknown_keys_are_kept():
    meta, fields = parse_metadata(
        {
            "title": "T",
            "excerpt": "Short.",
            "lastmod": "2024-01-02",
            "weight": "4",
            "author": {"name": "Ana"},
            "tags": "docker",
            "series": "Backend Journey",
            "toc": False,
        }
    )
    assert meta.description == "Short."
    assert meta.updated == dt.datetime(2024, 1, 2)
    assert meta.series_order == 4
    assert meta.authors == ("Ana",)
    assert meta.tags == ("docker",)  # one tag, not one per character
    assert meta.series == ("Backend Journey",)
    assert meta.extra == {"toc": False}
    assert fields["series_order"] == "weight"


def test_metadata_wrong_shapes_name_the_key():
    with pytest.raises(FieldError, match="^weight: expected a whole number"):
        parse_metadata({"weight": "first"})
    with pytest.raises(FieldError, match="^date: '2023-02-30' is not a real date"):
        parse_metadata({"date": "2023-02-30"})
    with pytest.raises(FieldError, match="^draft: expected true or false"):
        parse_metadata({"draft": "maybe"})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-7-12", dt.datetime(2023, 7, 12)),
        ("2023-07-12", dt.datetime(2023, 7, 12)),
        ("2023-07-12 08:30", dt.datetime(2023, 7, 12, 8, 30)),
        ("2023-05-01T16:00:00+06:00", dt.datetime(2023, 5, 1, 16, tzinfo=dt.timezone(dt.timedelta(hours=6)))),
        ("2023-05-01T23:30:00-05:00", dt.datetime(2023, 5, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        ("2023-05-01T10:00:00Z", dt.datetime(2023, 5, 1, 10, tzinfo=dt.timezone.utc)),
    ],
)
def test_dates_in_every_shape_keep_the_authors_day(text, expected):
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed.day == expected.day and parsed.utcoffset() == expected.utcoffset()


def test_key_lines_are_file_lines():
    assert key_lines("title: A\ntags:\n  - x\ndate: 2024-01-01", 2) == {"title": 2, "tags": 3, "date": 5}
