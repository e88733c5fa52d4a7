"""End to end: real sites written to disk, built, and read back as a browser would."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import REPO, SEEDS, h1
from linkcheck import broken_links
from roadmap_site.commands.build import build
from roadmap_site.errors import BuildFailed

SERIES_SITE = {
    "roadmap.yml": "title: Test Roadmaps\nbase_url:\n",
    "content/journey/one.md": """
        ---
        title: "Journey: Start"
        date: 2024-01-01
        series: ["Journey"]
        weight: 1
        tags: [docker]
        ---
        ## Intro

        See [the next part](two.md#containers) and [the end](three.md).

        ### Containers
        **Difficulty**: Beginner

        - Run one
        """,
    "content/journey/two.md": """
        ---
        title: "Journey: Middle"
        date: 2024-01-02
        series: journey
        weight: 2
        ---
        ### Containers
        Difficulty: Advanced
        """,
    "content/journey/three.md": """
        ---
        title: "Journey: End"
        date: 2024-01-03
        series: "Journey "
        weight: 3
        draft: true
        ---
        Text.
        """,
    "content/numbered/b.md": '---\ntitle: "Roadmap: 2. Second"\nseries: Numbered\n---\nText.\n',
    "content/numbered/a.md": '---\ntitle: "Roadmap: 10. Tenth"\nseries: Numbered\n---\nText.\n',
    "content/numbered/c.md": '---\ntitle: "Roadmap: 1. First"\nseries: Numbered\n---\nText.\n',
    "content/lone.md": "# Standalone & Alone\n\nNo front matter here.\n",
    "content/x.md": '---\ntitle: "<script>alert(1)</script> & co"\ntags: ["<b>t</b>"]\n---\nText.\n',
}


def texts(html: str, cls: str) -> list[str]:
    return re.findall(rf'<[^>]+class="{cls}"[^>]*>(.*?)</', html)


def test_series_navigation_in_reading_order(site):
    root = site(SERIES_SITE)
    report = build(root, drafts=True)
    out = report.out_dir
    middle = (out / "journey/two/index.html").read_text()
    assert "Journey</a> · Part 2 of 3" in middle
    assert '<a rel="prev" href="../one/index.html"><span class="pager-label">Previous</span> Journey: Start</a>' in middle
    assert '<a rel="next" href="../three/index.html"><span class="pager-label">Next</span> Journey: End</a>' in middle
    assert 'aria-current="page">Journey: Middle</a>' in middle
    series = (out / "series/numbered/index.html").read_text()
    # in the series' order (10 after 2), each part titled without the series name and its number
    assert re.findall(r'<h2><a [^>]+><span class="sr-text">Part (\d+): </span>([^<]+)</a>', series) == [
        ("1", "First"), ("2", "Second"), ("3", "Tenth")]
    assert broken_links(out) == []


def test_drafts_are_left_out_unless_asked(site):
    root = site(SERIES_SITE)
    out = build(root).out_dir
    assert not (out / "journey/three").exists()
    assert "Part 2 of 2" in (out / "journey/two/index.html").read_text()
    report = build(root)
    # one.md links to the draft: the link is left as written, and the build says so
    assert [str(w) for w in report.warnings] == [
        f"{root / 'content/journey/one.md'}:10: warning: link to 'three.md' does not resolve"]
    assert [link.split(" -> ")[1] for link in broken_links(out)] == ["three.md"]


def test_titles_are_escaped_and_untitled_articles_use_their_heading(site):
    out = build(site(SERIES_SITE)).out_dir
    page = (out / "lone/index.html").read_text()
    assert h1(page) == "Standalone &amp; Alone"
    assert "<title>Standalone &amp; Alone · Test Roadmaps</title>" in page
    assert "Standalone &amp; Alone" not in page[page.index('<div class="prose">'):]  # not repeated in the body
    hostile = (out / "x/index.html").read_text()
    assert "<script>alert" not in hostile and "<b>t</b>" not in hostile
    assert h1(hostile) == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"
    assert "&lt;b&gt;t&lt;/b&gt;" in (out / "tags/index.html").read_text()


def test_difficulty_pages_list_topics_across_the_site(site):
    out = build(site(SERIES_SITE)).out_dir
    beginner = (out / "difficulty/beginner/index.html").read_text()
    advanced = (out / "difficulty/advanced/index.html").read_text()
    assert '<a href="../../journey/one/index.html#containers">Containers</a>' in beginner
    assert '<a href="../../journey/two/index.html#containers">Containers</a>' in advanced
    assert "journey/two" not in beginner


def test_links_under_a_project_subpath(site):
    root = site(SERIES_SITE)
    out = build(root, base_url="https://user.github.io/repo/", drafts=True).out_dir
    page = (out / "journey/one/index.html").read_text()
    assert 'href="../two/#containers"' in page
    assert 'href="../../"' in page  # home
    not_found = (out / "404.html").read_text()
    assert 'href="/repo/assets/style.css"' in not_found
    assert broken_links(out, base_path="/repo/") == []


def test_site_templates_and_static_files_override_the_theme_file_by_file(site):
    root = site({**SERIES_SITE, "templates/404.html": "custom 404 {{ site.title }}",
                 "static/assets/theme.js": "// mine", "static/extra.txt": "hello"})
    out = build(root).out_dir
    assert (out / "404.html").read_text() == "custom 404 Test Roadmaps"
    assert (out / "assets/theme.js").read_text() == "// mine"
    assert (out / "assets/style.css").stat().st_size > 1000  # still the theme's
    assert (out / "extra.txt").read_text() == "hello"


def test_a_folder_of_articles_without_content_dir_is_the_content(tmp_path):
    (tmp_path / "post.md").write_text("---\ntitle: Direct\n---\nBody\n")
    out = build(tmp_path).out_dir
    assert out == tmp_path / "_site"
    assert h1((out / "post/index.html").read_text()) == "Direct"


def test_errors_of_all_files_are_reported_together_and_output_is_untouched(site):
    root = site(SERIES_SITE)
    out = build(root).out_dir
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    write = lambda rel, text: (root / rel).write_text(text)  # noqa: E731
    write("content/bad1.md", "---\ntitle: A\ndescription: Docker: the basics\n---\n")
    write("content/bad2.md", "---\ntitle: B\n")
    (root / "content/bad3.md").write_bytes(b"---\ntitle: C\xc3\xa9\n---\nok\n\xff\xfe bad\n")  # UTF-8, then not
    with pytest.raises(BuildFailed) as failed:
        build(root)
    shown = [str(p) for p in failed.value.problems if p.severity == "error"]
    content = root / "content"
    assert shown == [
        f"{content / 'bad1.md'}:3: a value contains ': '; put the whole value in quotes",
        f"{content / 'bad2.md'}:1: front matter opened with '---' is never closed",
        f"{content / 'bad3.md'}:5: this file is not UTF-8 text (byte 0xff); save it as UTF-8",
    ]
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_two_articles_with_the_same_output_path_is_an_error(site):
    root = site({"content/a.md": "---\nslug: same\n---\nA\n", "content/b.md": "---\nslug: Same\n---\nB\n"})
    with pytest.raises(BuildFailed) as failed:
        build(root)
    [problem] = failed.value.problems
    assert problem.path.endswith("b.md") and "writes same/index.html, which" in problem.message
    assert problem.line == 2 and problem.message.endswith("a.md:2 also writes")


def test_stale_pages_are_removed_but_files_we_did_not_write_are_kept(site):
    root = site(SERIES_SITE)
    out = build(root).out_dir
    (out / "CNAME").write_text("example.org")
    (out / ".git").mkdir()
    (out / ".git/HEAD").write_text("ref")
    (root / "content/lone.md").unlink()
    report = build(root)
    assert not (out / "lone").exists()
    assert report.removed == ["lone/index.html"]
    assert (out / "CNAME").read_text() == "example.org" and (out / ".git/HEAD").exists()


def test_the_output_folder_may_not_hold_the_sources_or_foreign_files(site, tmp_path):
    root = site(SERIES_SITE)
    with pytest.raises(BuildFailed, match="error"):
        build(root, out_dir=root)
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("precious")
    with pytest.raises(BuildFailed) as failed:
        build(root, out_dir=foreign)
    assert "holds files roadmap-site did not write (notes.txt)" in str(failed.value.problems[0])
    assert (foreign / "notes.txt").read_text() == "precious"


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "roadmap_site", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_reports_one_line_per_problem_without_traceback(site):
    root = site({"content/a.md": "---\ntitle: [unclosed\n---\n", "content/b.md": "---\n- x\n---\n"})
    result = run_cli("build", str(root), cwd=root)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert re.match(rf"^{re.escape(str(root))}/content/a\.md:\d+: ", lines[0])
    assert lines[1] == f"{root}/content/b.md:1: front matter must be a mapping of keys to values, found a list"
    assert lines[-1] == "build failed: 2 error(s); the previous output is unchanged"


def test_cli_builds_the_repository_sample_with_no_broken_link(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", "-o", str(out), cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # the sample content is warning-free
    assert re.match(r"built \d+ articles, \d+ pages in ", result.stdout)
    assert broken_links(out) == []
    home = (out / "index.html").read_text()
    assert "Cloud Native Journey" in home and "Backend Developer Roadmap" in home
    comparisons = (out / "comparisons/index.html").read_text()
    assert comparisons.count("<table>") >= 2


def test_cli_says_when_the_output_was_already_up_to_date(site):
    root = site({"content/a.md": "---\ntitle: A\n---\nSee [b](b.md).\n"})
    first = run_cli("build", str(root), cwd=root)
    again = run_cli("build", str(root), cwd=root)
    assert first.returncode == again.returncode == 0
    assert first.stdout.startswith("built 1 articles") and "warning: link to 'b.md'" in first.stderr
    assert again.stdout.startswith("up to date: 1 articles, ") and again.stderr == first.stderr


def test_an_empty_folder_builds_the_bundled_sample(tmp_path):
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "built the sample roadmap" in result.stderr
    assert (tmp_path / "_site/series/cloud-native-journey/index.html").is_file()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside the project")
def test_seed_articles(tmp_path):
    report = build(SEEDS, out_dir=tmp_path / "out")
    out = report.out_dir
    pages = {path.parent.name[:3]: path.read_text() for path in out.glob("0*/index.html")}
    assert sorted(pages) == ["000", "001", "002", "003", "004"]
    journey = pages["000"]
    assert h1(journey) == "Backend Journey: Embracing Docker and Kubernetes in the Era of Containerization and Virtualization"
    assert '<time datetime="2023-05-01">1 May 2023</time>' in journey
    assert "Shafikur Rahman Shaon" in journey
    assert "Backend Journey</a> · Part 1 of 1" in journey
    assert journey.count('<p class="topic-difficulty">Difficulty: <span class="badge badge-intermediate">') == 5
    roadmap = pages["001"]
    assert "[Roadmap] Backend Developer Roadmap: 13. Docker and Kubernetes" in roadmap
    assert '<time datetime="2023-07-12">12 July 2023</time>' in roadmap
    comparisons = (out / "comparisons/index.html").read_text()
    assert '<th scope="col">Docker Containers</th><th scope="col">Virtual Machines</th>' in comparisons
    assert "<th></th>" not in roadmap
    guide = pages["002"]
    assert h1(guide) == "Roadmap to Backend Programming Master: Containerization and Virtualization"
    assert '<div class="highlight"><pre tabindex="0"><span></span><code><span class="c"># Use the official Python runtime' in guide
    web, pdf = pages["003"], pages["004"]
    assert h1(web) == "Containerization in Backend Development: Best Practices with Docker &amp; Kubernetes"
    assert len(re.findall(r'<h2 id="[^"]+">', web)) == 15 + 2  # 15 sections, plus Topics and Contents
    assert h1(pdf) == "Building Scalable Applications using Docker and Kubernetes"
    for heading in ("What is Docker", "What is Kubernetes", "Docker and Kubernetes: better together", "Conclusion"):
        assert re.search(rf'<h2 id="([^"]+)">{re.escape(heading)} <a class="heading-link" href="#\1"', pdf), heading
    body = pdf[pdf.index('<div class="prose">'):].replace("\n", "")
    assert re.search(r"<li>(?:(?!</li>).)*<ul>", body)  # a list nested in a list item
    for furniture in ("Twitter Logo", "Min Read", "Table of Contents", "possi- bility", "Bu\tilding", "Hire Freelance"):
        assert furniture not in web and furniture not in pdf
    vms = comparisons[comparisons.index(">Dockers vs Virtual Machines</h2>"):]
    assert vms[: vms.index("</table>")].count("<tr>") == 7  # header and six rows


def test_listing_pages_are_paginated_so_no_page_grows_with_the_site(site):
    from roadmap_site.output.render import PER_PAGE

    count = PER_PAGE * 2 + 5
    files = {f"content/a{n:03d}.md": f"---\ntitle: Article {n}\ntags: [common]\ndate: 2024-01-01\n---\n### T{n}\n"
             f"Difficulty: Beginner\n\n- x\n" for n in range(count)}
    out = build(site(files)).out_dir
    pages = [out / "tags/common/index.html", out / "tags/common/page/2/index.html", out / "tags/common/page/3/index.html"]
    assert [page.read_text().count('class="card"') for page in pages] == [PER_PAGE, PER_PAGE, 5]
    assert not (out / "tags/common/page/4").exists()
    middle = pages[1].read_text()
    assert '<a rel="prev" href="../../index.html">Previous page</a>' in middle
    assert '<a rel="next" href="../3/index.html">Next page</a>' in middle and "Page 2 of 3" in middle
    assert (out / "page/3/index.html").is_file()  # the home page's standalone articles too
    assert broken_links(out) == []


def test_comparison_pages_hold_a_bounded_number_of_tables_even_of_one_subject(site):
    from roadmap_site.output.render import PER_PAGE

    per_page, count = PER_PAGE // 3, PER_PAGE // 3 * 2 + 3
    files = {f"content/c{n:03d}.md": f"---\ntitle: Compare {n}\n---\n## Docker vs VMs\n\n| Aspect | Docker | VMs |\n"
             f"| --- | --- | --- |\n| Boot {n} | fast | slow |\n" for n in range(count)}
    out = build(site(files)).out_dir
    pages = [out / "comparisons/index.html", out / "comparisons/page/2/index.html", out / "comparisons/page/3/index.html"]
    assert [page.read_text().count("<table>") for page in pages] == [per_page, per_page, 3]
    assert all(page.read_text().count("<h2 id=\"cmp-1\">Docker vs VMs</h2>") == 1 for page in pages)
    shown = "".join(page.read_text() for page in pages)
    assert all(f"Boot {n}<" in shown for n in range(count))
