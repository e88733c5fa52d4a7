"""A deterministic corpus of roadmap articles for benchmarks, read alike by roadmap-site and Hugo.

    python benchmarks/corpus.py ROOT --count 1000 [--seed 0]

writes ROOT/roadmap.yml and ROOT/content/<series-slug>/part-<N>.md: series of 8-15 parts,
each article about 5 KB with Hugo-style YAML front matter (title, date with an offset,
description, three tags, series as a list, weight, draft), 5-8 topics rated by difficulty
with their objectives, one comparison table, one fenced code block and two links to its
neighbours in the series, written as relative `.md` links. `large_article` makes one article
of about a megabyte out of an ordinary one's body, for the conversion benchmark."""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

SUBJECTS = [
    "Backend", "Frontend", "DevOps", "Data Engineering", "Security", "Cloud", "Mobile", "Platform",
    "Site Reliability", "Machine Learning", "Database", "Networking", "Distributed Systems",
    "API Design", "Testing", "Observability", "Embedded", "Game Server", "Search", "Streaming",
]
KINDS = ["Roadmap", "Journey", "Path", "Field Guide", "Bootcamp", "Track", "Handbook", "Primer"]
TOPICS = [
    "Version Control Basics", "Shell Scripting", "HTTP Semantics", "DNS Resolution", "TLS Handshakes",
    "Process Scheduling", "Memory Management", "File Systems", "Relational Modelling", "Query Planning",
    "Indexing Strategies", "Transactions and Isolation", "Schema Migrations", "Caching Layers",
    "Message Queues", "Event Sourcing", "Container Images", "Container Runtimes", "Cluster Scheduling",
    "Service Discovery", "Load Balancing", "Rate Limiting", "Authentication Flows", "Access Control",
    "Secrets Handling", "Unit Testing", "Integration Testing", "Contract Testing", "Load Testing",
    "Continuous Integration", "Release Pipelines", "Infrastructure as Code", "Configuration Drift",
    "Structured Logging", "Metrics and Alerts", "Distributed Tracing", "Incident Response",
    "Capacity Planning", "Cost Control", "Data Pipelines", "Batch Processing", "Stream Processing",
    "Search Indexes", "Full-Text Ranking", "API Versioning", "Pagination Patterns", "Concurrency Models",
    "Async I/O", "Profiling", "Benchmarking", "Dependency Management", "Packaging", "Code Review",
]
TAGS = [
    "backend", "frontend", "devops", "linux", "networking", "http", "dns", "tls", "databases", "sql",
    "nosql", "postgresql", "redis", "kafka", "rabbitmq", "docker", "kubernetes", "helm", "terraform",
    "ansible", "ci-cd", "github-actions", "testing", "security", "oauth", "observability", "logging",
    "tracing", "metrics", "performance", "caching", "python", "go", "rust", "java", "typescript",
    "graphql", "grpc", "rest", "microservices", "serverless", "aws", "gcp", "azure", "search",
    "streaming", "data", "architecture", "career", "fundamentals",
]
PAIRS = [
    ("Threads", "Processes"), ("SQL", "NoSQL"), ("REST", "gRPC"), ("Containers", "Virtual Machines"),
    ("Monolith", "Microservices"), ("Push", "Pull"), ("Batch", "Streaming"), ("Polling", "Webhooks"),
    ("Sessions", "Tokens"), ("Blue-Green", "Canary"), ("Queues", "Logs"), ("Vertical", "Horizontal"),
    ("Row Store", "Column Store"), ("Optimistic Locking", "Pessimistic Locking"), ("TCP", "UDP"),
]
ASPECTS = ["Latency", "Throughput", "Operational cost", "Learning curve", "Failure modes",
           "Tooling", "Scaling", "Debugging", "Typical use"]
QUALITIES = ["low", "high", "moderate", "predictable", "variable", "excellent", "limited", "mature",
             "young", "simple", "involved", "cheap at first", "costly at scale"]
LEVELS = ["Beginner", "Intermediate", "Advanced"]
VERBS = ["Learn", "Explain", "Compare", "Practise", "Measure", "Configure", "Debug", "Design",
         "Automate", "Review", "Sketch", "Estimate"]
OBJECTS = ["the failure modes", "the default settings", "a small working example", "the trade-offs",
           "the common mistakes", "a checklist for production", "the vocabulary", "the metrics that matter",
           "a rollback plan", "the limits", "the moving parts", "a minimal set-up"]
CONTEXTS = ["in a team of five", "on a laptop", "under load", "before the first release",
            "with real traffic", "across two regions", "in a code review", "during an outage",
            "for a side project", "with a tight budget"]
OPENERS = [
    "This part builds on the previous one and adds", "Most teams meet this early, usually through",
    "Before going further it helps to understand", "A useful way to think about this is in terms of",
    "Experienced engineers tend to reach for", "The hard part here is rarely the syntax; it is",
]
FILLERS = [
    "the way small decisions compound over months", "how the defaults behave when something fails",
    "what the tooling hides from you", "the cost of changing your mind later",
    "the difference between a demo and a service", "which numbers to watch once it runs",
    "how the pieces talk to each other", "the habits that keep it maintainable",
]
OFFSETS = ["+00:00", "+01:00", "+02:00", "+05:30", "+06:00", "+09:00", "-05:00", "-08:00"]
CODE_LANGUAGES = ["python", "go", "yaml", "bash"]
SERIES_SIZES = (8, 15)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def series_sizes(count: int, rng: random.Random) -> list[int]:
    """Sizes of 8-15 adding up to count (only a corpus under 8 articles has a shorter series)."""
    sizes, remaining = [], count
    low, high = SERIES_SIZES
    while remaining:
        size = remaining if remaining <= high else rng.randint(low, min(high, remaining - low))
        sizes.append(size)
        remaining -= size
    return sizes


def series_names(total: int, rng: random.Random) -> list[str]:
    combos = [f"{subject} {kind}" for subject in SUBJECTS for kind in KINDS]
    rng.shuffle(combos)
    # past the pool's size the names repeat with an edition number, keeping every slug unique
    return [combos[i % len(combos)] + (f" {i // len(combos) + 1}" if i >= len(combos) else "") for i in range(total)]


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(OPENERS)} {rng.choice(FILLERS)}, {rng.choice(CONTEXTS)}."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def objective(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}"


def code_block(language: str, topic: str, rng: random.Random) -> str:
    name = slugify(topic).replace("-", "_")
    n = rng.randint(2, 9)
    if language == "python":
        body = (f"def check_{name}(samples: list[float], limit: float = {n}.0) -> bool:\n"
                f"    \"\"\"True when the median sample stays under the limit.\"\"\"\n"
                f"    ordered = sorted(samples)\n"
                f"    middle = ordered[len(ordered) // 2]\n"
                f"    return middle < limit\n\n\n"
                f"print(check_{name}([0.{n}, 1.{n}, 2.{n}]))")
    elif language == "go":
        body = ("package main\n\nimport \"fmt\"\n\n"
                f"func check(samples []float64, limit float64) bool {{\n"
                f"\tfor _, s := range samples {{\n\t\tif s > limit {{\n\t\t\treturn false\n\t\t}}\n\t}}\n"
                f"\treturn true\n}}\n\n"
                f"func main() {{\n\tfmt.Println(\"{name}\", check([]float64{{0.{n}, 1.{n}}}, {n}))\n}}")
    elif language == "yaml":
        body = (f"service: {slugify(topic)}\nreplicas: {n}\nresources:\n  limits:\n    cpu: \"{n}00m\"\n"
                f"    memory: {n * 64}Mi\nprobes:\n  readiness:\n    path: /healthz\n    period_seconds: {n}\n"
                f"labels:\n  team: platform\n  tier: backend")
    else:
        body = (f"#!/usr/bin/env bash\nset -euo pipefail\n\n# {topic}: a quick local check\n"
                f"for attempt in $(seq 1 {n}); do\n  if curl -fsS http://localhost:8080/healthz >/dev/null; then\n"
                f"    echo \"ready after $attempt tries\"\n    exit 0\n  fi\n  sleep 1\ndone\n"
                f"echo \"not ready\" >&2\nexit 1")
    return f"```{language}\n{body}\n```"


def comparison_table(rng: random.Random) -> tuple[str, str]:
    left, right = rng.choice(PAIRS)
    rows = [f"| {left} vs {right} | {left} | {right} |", "| --- | --- | --- |"]
    for aspect in rng.sample(ASPECTS, rng.randint(4, 6)):
        rows.append(f"| {aspect} | {rng.choice(QUALITIES)} | {rng.choice(QUALITIES)} |")
    return f"{left} vs {right}", "\n".join(rows)


def neighbour_links(part: int, size: int) -> list[int]:
    """Two other parts of the same series: the nearest ones, previous and next when both exist."""
    candidates = [part - 1, part + 1, part - 2, part + 2]
    return sorted(p for p in candidates if 1 <= p <= size)[:2] if size > 1 else []


def article(series: str, series_index: int, part: int, size: int, number: int, rng: random.Random) -> str:
    topics = rng.sample(TOPICS, rng.randint(5, 8))
    # all in the past, even at 100,000 articles: Hugo leaves future-dated pages out by default
    start = dt.datetime(2015, 1, 5, 9, 0) + dt.timedelta(hours=series_index * 5, minutes=part * 17)
    date = start.strftime("%Y-%m-%dT%H:%M:%S") + OFFSETS[(series_index + part) % len(OFFSETS)]
    tags = ", ".join(f'"{tag}"' for tag in rng.sample(TAGS, 3))
    title = f"{series}: {part}. {topics[0]}"
    description = f"Part {part} of {size}: {topics[0].lower()}, {topics[1].lower()} and {topics[2].lower()}."
    links = " and ".join(f"[part {p}](part-{p}.md)" for p in neighbour_links(part, size)) or "the rest of the series"
    heading, table = comparison_table(rng)
    language = CODE_LANGUAGES[number % len(CODE_LANGUAGES)]
    sections = []
    with_code = rng.randrange(len(topics))
    for index, topic in enumerate(topics):
        bullets = "\n".join(f"- {objective(rng)}" for _ in range(rng.randint(3, 4)))
        section = f"### {topic}\n**Difficulty**: {rng.choice(LEVELS)}\n\n{paragraph(rng, 3)}\n\n{bullets}"
        if index == with_code:
            section += f"\n\nA small example to try:\n\n{code_block(language, topic, rng)}"
        sections.append(section)
    return "\n".join([
        "---",
        f'title: "{title}"',
        f"date: {date}",
        f'description: "{description}"',
        f"tags: [{tags}]",
        f'series: ["{series}"]',
        f"weight: {part}",
        "draft: false",
        "---",
        "## Introduction",
        "",
        f"{paragraph(rng, 2)} Read it together with {links}.",
        "",
        "## Topics",
        "",
        "\n\n".join(sections),
        "",
        "## Choosing Between Them",
        "",
        f"### {heading}",
        "",
        table,
        "",
        paragraph(rng, 1),
        "",
        "## Summary",
        "",
        paragraph(rng, 2),
        "",
    ])


def generate(root: Path, count: int, seed: int = 0) -> Path:
    """Write root/roadmap.yml and count articles under root/content/; returns root.
    The same count and seed always give the same bytes."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "roadmap.yml").write_text(
        f"title: Benchmark Roadmaps ({count} articles)\nbase_url: https://example.org/\n", encoding="utf-8")
    sizes = series_sizes(count, rng)
    number = 0
    for series_index, (name, size) in enumerate(zip(series_names(len(sizes), rng), sizes)):
        folder = root / "content" / slugify(name)
        folder.mkdir(parents=True, exist_ok=True)
        for part in range(1, size + 1):
            text = article(name, series_index, part, size, number, rng)
            (folder / f"part-{part}.md").write_text(text, encoding="utf-8", newline="\n")
            number += 1
    return root


LARGE_ARTICLE_BYTES = 1_000_000
LARGE_SERIES, LARGE_PART, LARGE_SERIES_SIZE = "Large Article Roadmap", 2, 10  # links to parts 1 and 3


def large_article(target_bytes: int = LARGE_ARTICLE_BYTES, seed: int = 0) -> str:
    """One article of about target_bytes (UTF-8): the front matter of an ordinary corpus
    article, then its body (paragraphs, topics with their difficulty lines, a comparison
    table, code, two links to parts 1 and 3 of its series) repeated, each copy ending with a
    link back to its own first heading, so that no two copies are the same text (as in a
    real long article, where every section links elsewhere). The same arguments give the
    same text."""
    text = article(LARGE_SERIES, 0, LARGE_PART, LARGE_SERIES_SIZE, 0, random.Random(seed))
    end = text.index("\n---\n", 3) + len("\n---\n")
    head, body = text[:end], text[end:]
    anchor = re.sub(r"[^\w\s-]", "", body.split("\n", 1)[0].lstrip("# ")).strip().lower().replace(" ", "-")
    copies = max(1, round((target_bytes - len(head.encode())) / len(body.encode() + b"\n")))
    return head + "\n".join(f"{body}\n[Back to the start of this copy](#{anchor}{f'_{number}' if number else ''})\n"
                             for number in range(copies))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.root, args.count, args.seed)
    print(f"{args.count} articles in {args.root / 'content'}")


if __name__ == "__main__":
    main()
