"""Properties: any bytes as an article, any text as front matter, give a page or clean
`path:line` errors; never another exception, never a write outside the output folder."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmap_site.commands.build import build
from roadmap_site.errors import BuildFailed
from roadmap_site.parse.frontmatter import FrontMatterError, parse_front_matter, split_front_matter
from roadmap_site.safe_yaml import check_expanded_size
from roadmap_site.parse.sanitize import sanitize_html, strip_control_characters

# A build takes ~0.1 s, so builds get fewer examples than the pure functions.
BUILDS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BOUNDED = settings(max_examples=200, deadline=None)


def snapshot(root: Path, out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else b"")
        for p in root.rglob("*")
        if not p.is_relative_to(out) and ".roadmap-cache" not in p.parts
    }


def build_is_clean(article: bytes) -> None:
    root = Path(tempfile.mkdtemp(prefix="roadmap-prop-"))
    try:
        content = root / "site/content"
        content.mkdir(parents=True)
        (content / "a.md").write_bytes(article)
        (content / "ok.md").write_text("---\ntitle: Fine\n---\nFine.\n")
        out = root / "out"
        before = snapshot(root, out)
        try:
            build(root / "site", out)
        except BuildFailed as failed:
            assert failed.problems
            for problem in failed.problems:
                assert problem.path == str(content / "a.md"), problem
                assert isinstance(problem.line, int) and problem.line >= 1, problem
                assert problem.message and "\n" not in problem.message and "Traceback" not in problem.message
            assert not out.exists()
        assert snapshot(root, out) == before
        if out.exists():
            assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    finally:
        shutil.rmtree(root)


YAMLISH = st.lists(
    st.sampled_from(list("ab:-[]{}&*!|>\"'#%@`,? \t\n\\/.0123456789")
                    + ["\x07", "é", "\u2028", "\ufeff", "yes", "..", "slug: ", "title: ", "date: ", "\n  ", "&a ", "*a", "!!"]),
    max_size=60,
).map("".join)


@BUILDS
@given(st.binary(max_size=400))
def test_any_bytes_as_an_article(data):
    build_is_clean(data)


@BUILDS
@given(YAMLISH)
def test_any_text_as_yaml_front_matter(text):
    build_is_clean(f"---\n{text}\n---\nBody.\n".encode("utf-8", "surrogatepass"))


@BOUNDED
@given(st.text(max_size=200))
def test_front_matter_parsing_raises_only_front_matter_errors(text):
    for fence in ("---", "+++", ""):
        try:
            data = parse_front_matter(split_front_matter(f"{fence}\n{text}\n{fence}\n" if fence else text))
        except FrontMatterError as exc:
            assert exc.line >= 1
        else:
            assert isinstance(data, dict)
            check_expanded_size(data)


@BOUNDED
@given(st.text(max_size=300))
def test_sanitized_html_is_stable_and_free_of_controls(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once
    assert "<script" not in once.lower()
    stripped = strip_control_characters(html)
    assert stripped.count("\n") == html.count("\n")
    assert not any(ord(c) < 32 and c not in "\t\n\r" for c in stripped)
