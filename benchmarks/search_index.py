"""The ways of feeding Pagefind, timed side by side on one built corpus, and whether each
gives the same index; then, with --hugo, roadmap-site's pages and index against Hugo's pages
and the Pagefind binary over them.

    python benchmarks/search_index.py [--sizes 1000 10000] [--runs 1] [--methods kept whole ...]
                                      [--api-max 1000] [--hugo] [--keep DIR] [--source TREE]

For each size the corpus (benchmarks/corpus.py) is generated and built once with --no-search
(its pages carry the search marks all the same). Then each method indexes those pages in a
process of its own, timed whole with the peak memory of its process tree (run.py's `measure`):

  whole      the Pagefind binary over the whole output folder (what roadmap-site did before)
  glob       the binary with --glob naming the top folders that hold article pages
  kept       roadmap-site's own `index_site` (Python start, finding the marked pages, linking
             them into a folder of their own, the binary over that folder)
  linked     the binary alone over that folder of linked article pages, made beforehand
  bare       the binary over the article elements alone, nothing else of the pages (a floor)
  api-html   the `pagefind` Python API, add_html_file with each page's text, gathered in chunks
  api-records  the Python API, add_custom_record with the text, title, filters and metadata
             Pagefind extracted (read back from the `whole` index: what a build could hold)
  api-dir    the Python API, add_directory with the glob of `glob`
  service    Pagefind's `--service` protocol spoken directly, every page's text sent at once

The Python API's client reads one reply every 0.1 s (an `asyncio.sleep(0.1)` in its loop),
so its add_* methods take at least 0.1 s per page however they are batched: they are run only
up to --api-max articles. Every index is compared with `whole`'s, page by page (URL, title,
filters, metadata, headings, text), decoded from the bundle's fragments. Figures print as a
table with the load average (`os.getloadavg`) beside each size: the machine may be shared.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import gzip
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from corpus import generate
from run import (ROOT, Sample, build_options, ensure_hugo, hugo_command, measure, phase, remove, roadmap_env,
                 roadmap_site_command, HUGO_SITE)

METHODS = ("whole", "glob", "kept", "linked", "bare", "api-html", "api-records", "api-dir", "service")
API_METHODS = frozenset({"api-html", "api-records"})
CHUNK = 500  # pages per asyncio.gather
MARK = b"data-pagefind-body"
FRAGMENT_SIGNATURE = b"pagefind_dcd"


# ---------------------------------------------------------------- the pages

def pagefind_binary() -> Path:
    from pagefind.service import get_executable

    found = get_executable()
    if found is None:
        raise SystemExit('Pagefind is missing: pip install "pagefind[bin]"')
    return Path(found)


def marked_pages(out: Path) -> list[str]:
    """The output's pages that carry the search mark, relative."""
    return sorted(str(path.relative_to(out)) for path in out.rglob("*.html")
                  if "pagefind" not in path.relative_to(out).parts[:1] and MARK in path.read_bytes())


def top_folders_glob(pages: list[str]) -> str:
    return "{" + ",".join(sorted({page.split("/", 1)[0] for page in pages})) + "}/**/*.html"


def link_into(out: Path, pages: list[str], folder: Path) -> None:
    for relative in pages:
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        os.link(out / relative, folder / relative)


def bare_into(out: Path, pages: list[str], folder: Path) -> None:
    """Each page cut down to its head and its <article> element."""
    for relative in pages:
        text = (out / relative).read_text(encoding="utf-8")
        start, end = text.index("<article"), text.rindex("</article>") + len("</article>")
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text[: text.index("<body")] + "<body>" + text[start:end] + "</body></html>",
                                       encoding="utf-8")


# ---------------------------------------------------------------- reading an index back

def bundle_pages(bundle: Path) -> dict[str, dict]:
    """url -> what Pagefind keeps of the page (title, filters, metadata, headings, text)."""
    pages = {}
    for fragment in (bundle / "fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        page = json.loads(data[len(FRAGMENT_SIGNATURE):] if data.startswith(FRAGMENT_SIGNATURE) else data)
        pages[page["url"]] = {"title": page["meta"].get("title"), "filters": page.get("filters"), "meta": page["meta"],
                              "anchors": [(a["id"], a["text"]) for a in page.get("anchors", [])], "content": page["content"]}
    return pages


def differences(reference: dict[str, dict], other: dict[str, dict]) -> str:
    """'same', or what differs from the reference, in a few words."""
    if reference == other:
        return "same"
    notes = []
    if set(reference) != set(other):
        notes.append(f"{len(set(reference) ^ set(other))} URLs differ")
    for field in ("title", "filters", "meta", "anchors", "content"):
        changed = sum(1 for url in set(reference) & set(other) if reference[url][field] != other[url][field])
        if changed:
            notes.append(f"{field} of {changed} pages")
    return "differs: " + ", ".join(notes)


# ---------------------------------------------------------------- the Python API and the service (worker side)

async def feed_api(method: str, out: Path, bundle: Path, reference: Path) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex({"output_path": str(bundle)}) as index:
        if method == "api-dir":
            await index.add_directory(str(out), glob=top_folders_glob(marked_pages(out)))
            return
        if method == "api-html":
            calls = [lambda page=page: index.add_html_file(content=(out / page).read_text(encoding="utf-8"), source_path=page)
                     for page in marked_pages(out)]
        else:
            calls = [lambda url=url, page=page: index.add_custom_record(
                url=url, content=page["content"], language="en", meta=page["meta"], filters=page["filters"])
                for url, page in bundle_pages(reference).items()]
        for start in range(0, len(calls), CHUNK):
            await asyncio.gather(*(call() for call in calls[start:start + CHUNK]))


def feed_service(out: Path, bundle: Path) -> None:
    """Pagefind's --service protocol (base64 JSON messages, each ended by ','), spoken without
    the Python client: every page is sent at once by a writer thread while replies are read."""
    pages = marked_pages(out)
    service = subprocess.Popen([str(pagefind_binary()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def send(message_id: int, payload: dict) -> None:
        service.stdin.write(base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode()) + b",")

    pending = bytearray()

    def reply() -> dict:
        while b"," not in pending:
            data = service.stdout.read1(1 << 16)
            if not data:
                raise SystemExit("Pagefind's service stopped")
            pending.extend(data)
        end = pending.index(b",")
        message = bytes(pending[:end])
        del pending[: end + 1]
        return json.loads(base64.b64decode(message))["payload"]

    send(1, {"type": "NewIndex", "config": None})
    service.stdin.flush()
    index_id = reply()["index_id"]

    def write_all() -> None:
        for number, page in enumerate(pages, start=2):
            send(number, {"type": "AddFile", "index_id": index_id, "file_path": page, "url": None,
                          "file_contents": (out / page).read_text(encoding="utf-8")})
        service.stdin.flush()

    writer = threading.Thread(target=write_all)
    writer.start()
    for _ in pages:
        if reply()["type"] == "Error":
            raise SystemExit("Pagefind's service refused a page")
    writer.join()
    send(len(pages) + 2, {"type": "WriteFiles", "index_id": index_id, "output_path": str(bundle)})
    service.stdin.flush()
    assert reply()["type"] == "WriteFiles"
    service.stdin.close()
    service.wait()


def worker(method: str, out: Path, bundle: Path, reference: Path) -> None:
    os.chdir(out)  # the API takes paths relative to its working folder
    if method == "service":
        feed_service(out, bundle)
    else:
        asyncio.run(feed_api(method, out, bundle, reference))


# ---------------------------------------------------------------- one method, measured

def command(method: str, out: Path, bundle: Path, work: Path, source: Path) -> list[str]:
    binary = pagefind_binary()
    if method == "whole":
        return [str(binary), "--site", str(out), "--output-path", str(bundle), "--silent"]
    if method == "glob":
        return [str(binary), "--site", str(out), "--glob", top_folders_glob(marked_pages(out)),
                "--output-path", str(bundle), "--silent"]
    if method in ("linked", "bare"):
        return [str(binary), "--site", str(work / method), "--output-path", str(bundle), "--silent"]
    if method == "kept":
        return [sys.executable, "-c", "import sys\nfrom pathlib import Path\nfrom roadmap_site.output.search import index_site\n"
                f"problem = index_site(Path({str(out)!r}))\nsys.exit(str(problem) if problem else 0)"]
    return [sys.executable, str(Path(__file__).resolve()), "--feed", method, str(out), str(bundle), str(work / "whole")]


def prepare(method: str, out: Path, work: Path) -> None:
    """What a method needs made beforehand, untimed."""
    if method in ("linked", "bare") and not (work / method).is_dir():
        (work / method).mkdir()
        (link_into if method == "linked" else bare_into)(out, marked_pages(out), work / method)
    if method == "kept":
        remove(out / "pagefind")


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_method(method: str, out: Path, work: Path, source: Path) -> tuple[Sample, float]:
    """The method's Sample and the CPU seconds of its whole process tree (every process in it
    is waited for, so the kernel adds them all to this process's children)."""
    bundle = work / method
    if method not in ("linked", "bare"):
        remove(bundle)
    else:
        bundle = work / f"{method}-bundle"
        remove(bundle)
    prepare(method, out, work)
    cpu = children_cpu()
    sample = measure(command(method, out, bundle, work, source), roadmap_env(source), source)
    cpu = children_cpu() - cpu
    if method == "kept":
        shutil.move(str(out / "pagefind"), str(bundle))
    return sample, cpu


# ---------------------------------------------------------------- the side-by-side with Hugo

def hugo_side_by_side(size: int, site: Path, work: Path, runs: int, source: Path) -> dict[str, list[float]]:
    """Hugo's cold build then the Pagefind binary over its public/, against roadmap-site's cold
    build with its index, run by run, each from nothing."""
    hugo, project = ensure_hugo(), work / f"hugo-{size}"
    if not project.is_dir():
        shutil.copytree(HUGO_SITE, project)
        shutil.copytree(site / "content", project / "content")
    options = build_options(source)
    times: dict[str, list[float]] = {"Hugo": [], "Pagefind over Hugo's output": [], "Hugo + Pagefind": [],
                                     "roadmap-site with index": [], "roadmap-site peak PSS": [], "Hugo + Pagefind peak PSS": []}
    for run in range(runs):
        remove(project / "public", project / "resources", work / "hugo-cache", work / "rs-out", work / "rs-cache")
        with phase(f"[{size:,}] run {run + 1}: Hugo, then Pagefind over its output"):
            built = measure(hugo_command(hugo, project, work / "hugo-cache"), cwd=project)
            indexed = measure([str(pagefind_binary()), "--site", str(project / "public"), "--silent"])
        with phase(f"[{size:,}] run {run + 1}: roadmap-site build with its index"):
            ours = measure(roadmap_site_command(site, work / "rs-out", options), roadmap_env(source, work / "rs-cache"), source)
        times["Hugo"].append(built.seconds)
        times["Pagefind over Hugo's output"].append(indexed.seconds)
        times["Hugo + Pagefind"].append(built.seconds + indexed.seconds)
        times["roadmap-site with index"].append(ours.seconds)
        times["roadmap-site peak PSS"].append(ours.peak_pss / 2**20)
        times["Hugo + Pagefind peak PSS"].append(max(built.peak_pss, indexed.peak_pss) / 2**20)
    return times


# ---------------------------------------------------------------- the whole run

def bench_size(size: int, args: argparse.Namespace, work: Path) -> list[str]:
    site, out = work / f"site-{size}", work / f"out-{size}"
    if not site.is_dir():
        with phase(f"[{size:,}] generating the corpus"):
            generate(site, size, 0)
    if not out.is_dir():
        with phase(f"[{size:,}] building it without the search index"):
            measure(roadmap_site_command(site, out, build_options(args.source), search=False),
                    roadmap_env(args.source, work / f"cache-{size}"), args.source)
    methods = [m for m in args.methods if m not in API_METHODS or size <= args.api_max]
    if "whole" not in methods:
        methods.insert(0, "whole")  # the reference every index is compared with
    samples: dict[str, list[tuple[Sample, float]]] = {m: [] for m in methods}
    method_work = work / f"indexes-{size}"
    method_work.mkdir(exist_ok=True)
    load = os.getloadavg()[0]
    for run in range(args.runs):
        for method in methods:
            with phase(f"[{size:,}] run {run + 1}/{args.runs}: {method}"):
                samples[method].append(run_method(method, out, method_work, args.source))
    reference = bundle_pages(method_work / "whole")
    lines = [f"{size:,} articles (load average {load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end)",
             "| method | seconds | x whole | CPU seconds | peak PSS MB | largest RSS MB | index |",
             "|---|---|---|---|---|---|---|"]
    whole = statistics.median(s.seconds for s, _ in samples["whole"])
    for method in methods:
        bundle = method_work / (f"{method}-bundle" if method in ("linked", "bare") else method)
        seconds = statistics.median(s.seconds for s, _ in samples[method])
        cpu = statistics.median(cpu for _, cpu in samples[method])
        pss = max(s.peak_pss for s, _ in samples[method]) / 2**20
        rss = max(s.max_rss for s, _ in samples[method]) / 2**20
        lines.append(f"| {method} | {seconds:.2f} | {seconds / whole:.2f} | {cpu:.1f} | {pss:.0f} | {rss:.0f} | "
                     f"{differences(reference, bundle_pages(bundle))} |")
    skipped = [m for m in args.methods if m in API_METHODS and size > args.api_max]
    if skipped:
        lines.append(f"not run at this size: {', '.join(skipped)} (at least {size * 0.1:.0f} s: one reply per 0.1 s)")
    if args.hugo:
        times = hugo_side_by_side(size, site, work, args.runs, args.source)
        lines += ["", "| side by side | median |", "|---|---|"]
        lines += [f"| {name} | {statistics.median(values):.2f} |" for name, values in times.items()]
        ratio = statistics.median(times["roadmap-site with index"]) / statistics.median(times["Hugo + Pagefind"])
        lines.append(f"roadmap-site pages + index / (Hugo + Pagefind): {ratio:.2f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--methods", nargs="+", choices=METHODS, default=list(METHODS))
    parser.add_argument("--api-max", type=int, default=1000, help="largest size the Python API's add_* methods run at")
    parser.add_argument("--hugo", action="store_true", help="also time Hugo + Pagefind against roadmap-site with its index")
    parser.add_argument("--keep", type=Path, help="work here and keep corpora, outputs and indexes")
    parser.add_argument("--source", type=Path, default=ROOT, help="the roadmap-site tree to measure")
    parser.add_argument("--feed", nargs=4, metavar=("METHOD", "OUT", "BUNDLE", "REFERENCE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.feed:
        method, out, bundle, reference = args.feed
        worker(method, Path(out), Path(bundle), Path(reference))
        return
    args.source = args.source.resolve()
    work = args.keep or Path(tempfile.mkdtemp(prefix="search-index-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        tables = [line for size in args.sizes for line in [*bench_size(size, args, work), ""]]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print("\n".join(tables))


if __name__ == "__main__":
    main()
