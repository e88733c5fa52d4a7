"""What the series map is given before a template runs: short part titles, topic numbers fixed
at build time and without gaps, the reading order "continue" follows, and topic details."""

import dataclasses
import json
import re

import pytest

from roadmap_site.commands.build import build
from roadmap_site.model.models import Resource
from roadmap_site.output import render
from roadmap_site.output.views import short_part_title


@pytest.mark.parametrize(("title", "short"), [
    ("Backend Developer Roadmap: 4. APIs", "APIs"),
    ("Backend Developer Roadmap - Part 2: Operating Systems", "Operating Systems"),
    ("[Backend Developer Roadmap] 3) Databases", "Databases"),
    ("backend developer roadmap — Caching", "Caching"),
    ("Part 5 - Containers", "Containers"),
    ("Backend Developer Roadmap: 2024 in Review", "2024 in Review"),  # a year is not a part number
    ("Backend Developer Roadmap: 1.5 Ways to Cache", "1.5 Ways to Cache"),
    ("Backend Developer Roadmapping Tips", "Backend Developer Roadmapping Tips"),  # the name must end there
    ("Backend Developer Roadmap", "Backend Developer Roadmap"),  # nothing would be left
])
def test_a_part_title_drops_the_series_name_and_the_part_number(title, short):
    assert short_part_title(title, "Backend Developer Roadmap") == short


SERIES = """\
    ---
    title: "Tiny Path: {number}. {name}"
    series: Tiny Path
    date: 2024-01-0{number}
    ---
    Intro.

    {topics}
    """

def tiny_site(site):
    return site({
        "content/tiny/one.md": SERIES.format(number=1, name="One", topics=(
            "### 1. Alpha\n    Difficulty: Beginner\n\n    - Learn alpha\n    - Use alpha\n\n"
            "    ### 2. Not a topic\n\n    No difficulty line.\n\n"
            "    ### 3. Gamma\n    Difficulty: Advanced\n\n    Text without a list.\n")),
        "content/tiny/two.md": SERIES.format(number=2, name="Two", topics="No topics here.\n"),
        "content/tiny/three.md": SERIES.format(number=3, name="Three", topics=(
            "### Delta\n    Difficulty: Intermediate\n\n    - Learn delta\n")),
    })


def series_page(out) -> str:
    return (out / "series" / "tiny-path" / "index.html").read_text(encoding="utf-8")


def test_the_map_numbers_topics_without_gaps_and_titles_parts_shortly(site, tmp_path):
    html = series_page(build(tiny_site(site), out_dir=tmp_path / "out").out_dir)
    parts = re.findall(r'<li class="series-part" value="(\d+)".*?<span class="sr-text">Part \d+: </span>([^<]*)</a>', html, re.S)
    assert parts == [("1", "One"), ("2", "Two"), ("3", "Three")]
    topics = re.findall(r'<li value="(\d+)" data-progress-id="[^"]*#([^"]*)".*?class="topic-title"[^>]*>([^<]*)<', html, re.S)
    assert topics == [("1", "1-alpha", "Alpha"), ("2", "3-gamma", "Gamma"), ("3", "delta", "Delta")]
    assert "Tiny Path:" not in html.split('<ol class="series-map"')[1]
    # "What you'll learn" only where a topic lists objectives
    assert re.findall(r"What you'll learn \((\d+)\)", html) == ["2", "1"]
    order = json.loads(re.search(r"<script type=\"application/json\" data-progress-order>(.*?)</script>", html).group(1))
    assert [step["label"] for step in order] == [
        "1. Alpha · Beginner · Part 1", "2. Gamma · Advanced · Part 1", "Part 2. Two", "3. Delta · Intermediate · Part 3"]
    assert order[0]["href"].endswith("one/index.html#1-alpha") and order[2]["href"].endswith("two/index.html")
    counted = re.search(r'data-progress-topics="([^"]*)"', html).group(1).split()
    assert counted == [step["id"] for step in order]  # a part without topics counts as one


def test_a_topics_resources_show_with_their_kind(site, tmp_path, monkeypatch):
    summarize = render.summarize_series

    def with_resources(*args, **kwargs):
        summary = summarize(*args, **kwargs)
        first = summary.stops[0]
        entry = first.topics[0]
        topic = dataclasses.replace(entry.topic, resources=(
            Resource("The manual", "https://example.org/manual", "official docs"),
            Resource("A talk", "https://example.org/talk", "video"),
        ))
        stops = (dataclasses.replace(first, topics=(dataclasses.replace(entry, topic=topic), *first.topics[1:])),
                 *summary.stops[1:])
        return dataclasses.replace(summary, stops=stops)

    monkeypatch.setattr(render, "summarize_series", with_resources)
    html = series_page(build(tiny_site(site), out_dir=tmp_path / "out", clean=True).out_dir)
    resources = re.findall(r'<span class="resource-kind">([^<]*)</span> <a href="([^"]*)">([^<]*)</a>', html)
    assert resources == [("Official docs", "https://example.org/manual", "The manual"),
                         ("Video", "https://example.org/talk", "A talk")]


def test_a_label_every_part_shares_is_dropped_too():
    from roadmap_site.output.views import shared_label

    titles = ("Roadmap: 1. First", "Roadmap: 2. Second")
    assert shared_label(titles) == "Roadmap"
    assert [short_part_title(t, "Numbered", shared_label(titles)) for t in titles] == ["First", "Second"]
    assert shared_label(("Roadmap: One", "Other: Two")) == ""
    assert shared_label(("Roadmap: One",)) == ""  # one part shares nothing
