"""Feeds, sitemap, robots.txt and roadmap.json: parsed back as a reader would."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from helpers import REPO, write_files
from roadmap_site.incremental.loading import load_site
from roadmap_site.config import Config
from roadmap_site.model.graph import prerequisite_graph
from roadmap_site.parse.sources import list_content
from roadmap_site.model.urls import absolute_url
from roadmap_site.output.feeds import site_outputs

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCHEMA = json.loads((REPO / "static/roadmap.schema.json").read_text())
BASE = "https://example.org/learn/"
FILES = {
    "path/one.md": """
        ---
        title: "One & <Only>"
        date: 2024-01-01T10:00:00+02:00
        series: Path
        weight: 1
        tags: [docker]
        description: First steps.
        ---
        ### Containers
        Difficulty: Beginner

        - Run one

        [next](two.md)
        """,
    "path/two.md": """
        ---
        title: Two
        date: 2024-02-01
        updated: 2024-03-05
        series: Path
        weight: 2
        prerequisites: [extra]
        ---
        ## Docker vs VMs

        | | Docker | VM |
        |---|---|---|
        | Boot | fast | slow |
        """,
    "extra.md": "---\ntitle: Extra\n---\nUndated.\n",
}


def outputs(tmp_path: Path, base_url: str | None = BASE) -> dict[str, bytes]:
    root = write_files(tmp_path / "content", FILES)
    config = Config(title="Learn", author="Team", base_url=base_url)
    loaded = load_site(list_content(root), config)
    site, problems = loaded.site, loaded.problems
    assert [p for p in problems if p.severity == "error"] == []
    return {planned.path: planned.data() for planned in site_outputs(site, config, prerequisite_graph(site)[0])}


def test_absolute_urls_keep_the_subpath_and_drop_index_html():
    assert absolute_url("https://example.org/learn", "path/one/index.html") == "https://example.org/learn/path/one/"
    assert absolute_url(BASE, "index.html") == BASE
    assert absolute_url(BASE, "tags/c#/index.html") == BASE + "tags/c%23/"


def test_site_feed_is_valid_atom_with_absolute_links_newest_first(tmp_path):
    feed = ET.fromstring(outputs(tmp_path)["atom.xml"])
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert feed.find(f"{ATOM}updated").text == "2024-03-05T00:00:00Z"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == BASE + "atom.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Two", "One & <Only>", "Extra"]
    first_part = entries[1]
    assert first_part.find(f"{ATOM}id").text == BASE + "path/one/"
    assert first_part.find(f"{ATOM}published").text == "2024-01-01T10:00:00+02:00"
    assert first_part.find(f"{ATOM}summary").text == "First steps."
    assert first_part.find(f"{ATOM}category").get("term") == "docker"
    assert 'href="../two/' in first_part.find(f"{ATOM}content").text
    assert entries[2].find(f"{ATOM}updated").text == "1970-01-01T00:00:00Z"  # undated, never the clock


def test_each_series_has_its_own_feed_beside_its_page(tmp_path):
    feed = ET.fromstring(outputs(tmp_path)["series/path/atom.xml"])
    assert feed.find(f"{ATOM}title").text == "Path · Learn"
    assert feed.find(f"{ATOM}link[@rel='alternate']").get("href") == BASE + "series/path/"
    assert [e.find(f"{ATOM}title").text for e in feed.findall(f"{ATOM}entry")] == ["Two", "One & <Only>"]


def test_sitemap_lists_every_page_with_absolute_urls(tmp_path):
    files = outputs(tmp_path)
    urlset = ET.fromstring(files["sitemap.xml"])
    locations = {u.find(f"{SITEMAP}loc").text: u.find(f"{SITEMAP}lastmod") for u in urlset}
    assert BASE in locations and BASE + "series/path/" in locations and BASE + "tags/docker/" in locations
    assert locations[BASE + "path/two/"].text == "2024-03-05"
    assert all(loc.startswith(BASE) for loc in locations)
    assert files["robots.txt"] == f"User-agent: *\nAllow: /\nSitemap: {BASE}sitemap.xml\n".encode()


def test_without_a_base_url_feeds_and_sitemap_are_skipped(tmp_path):
    files = outputs(tmp_path, base_url=None)
    assert sorted(files) == ["roadmap.json", "robots.txt"]
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n"
    assert json.loads(files["roadmap.json"])["articles"][0]["url"] is None


def test_roadmap_json_matches_its_schema_and_holds_the_roadmap(tmp_path):
    data = json.loads(outputs(tmp_path)["roadmap.json"])
    assert validate(data, SCHEMA) == []
    [series] = data["series"]
    assert series["articles"] == ["path/one.md", "path/two.md"]
    articles = {a["key"]: a for a in data["articles"]}
    assert articles["path/two.md"]["prerequisites"] == ["extra.md", "path/one.md"]
    assert articles["path/one.md"]["topics"] == [
        {"title": "Containers", "anchor": "containers", "difficulty": "Beginner", "objectives": ["Run one"], "resources": []}]
    assert articles["path/two.md"]["tables"][0]["subjects"] == ["Docker", "VM"]
    assert articles["extra.md"]["next_up"] == ["path/two.md"]


def test_the_schema_catches_a_wrong_shape():
    broken = {"version": 2, "title": "t", "articles": [{"key": 1}]}
    assert validate(broken, SCHEMA)  # a validator that finds nothing wrong here is no validator


def validate(data, schema) -> list[str]:
    """jsonschema when it is installed, else the small validator below."""
    try:
        import jsonschema
    except ImportError:
        return small_validate(data, schema, schema, "$")
    return [error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(data)]


_TYPES = {"object": dict, "array": list, "string": str, "integer": int, "null": type(None)}


def small_validate(value, rule, root, where) -> list[str]:
    """The part of JSON Schema that roadmap.schema.json uses."""
    if "$ref" in rule:
        rule = root["$defs"][rule["$ref"].rsplit("/", 1)[-1]]
    errors = []
    types = rule.get("type")
    if types is not None:
        wanted = tuple(_TYPES[t] for t in ([types] if isinstance(types, str) else types))
        if not isinstance(value, wanted) or isinstance(value, bool):
            return [f"{where}: not {types}"]
    if "const" in rule and value != rule["const"]:
        errors.append(f"{where}: not {rule['const']!r}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {key}" for key in rule.get("required", []) if key not in value]
        properties = rule.get("properties", {})
        if rule.get("additionalProperties") is False:
            errors += [f"{where}: unexpected {key}" for key in value if key not in properties]
        for key, item in value.items():
            if key in properties:
                errors += small_validate(item, properties[key], root, f"{where}.{key}")
    if isinstance(value, list):
        if len(value) < rule.get("minItems", 0):
            errors.append(f"{where}: too few items")
        for index, item in enumerate(value):
            errors += small_validate(item, rule.get("items", {}), root, f"{where}[{index}]")
    if isinstance(value, int) and value < rule.get("minimum", value):
        errors.append(f"{where}: below {rule['minimum']}")
    return errors


@pytest.mark.parametrize("validator", ["small", "jsonschema"])
def test_both_validators_accept_the_sample_roadmap(validator):
    if validator == "jsonschema":
        pytest.importorskip("jsonschema")
    config = Config(base_url=BASE)
    site = load_site(list_content(REPO / "content"), config).site
    made = {planned.path: planned for planned in site_outputs(site, config, prerequisite_graph(site)[0])}
    data = json.loads(made["roadmap.json"].data())
    check = validate if validator == "jsonschema" else (lambda d, s: small_validate(d, s, s, "$"))
    assert check(data, SCHEMA) == []
    assert {s["name"] for s in data["series"]} == {"Cloud Native Journey", "Backend Developer Roadmap"}
