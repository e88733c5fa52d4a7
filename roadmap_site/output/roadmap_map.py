"""A series drawn as a roadmap diagram: node boxes, text lines and edges, computed from a
series' summary so the template only draws them. Pure and deterministic.

Three layouts of the same series: `wide` (parts down a central spine, their topics branching
left and right in turn), `narrow` (one column for a phone: each part's topics stacked under
it), and `compact` (parts only, for a card on the home page).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Callable

from markupsafe import Markup, escape

from roadmap_site.model.models import Difficulty

if TYPE_CHECKING:  # views imports this module
    from roadmap_site.output.views import PartStop, TopicStop

THEMED_LEVELS = ("beginner", "intermediate", "advanced")  # the levels the theme has colours for
ELLIPSIS = "…"


@dataclass(frozen=True)
class MapLine:
    x: float
    y: float  # the baseline
    text: str
    role: str  # "title", "level" or "count": the class that styles it


@dataclass(frozen=True)
class MapNode:
    kind: str  # "part" or "topic"
    x: float
    y: float
    width: float
    height: float
    lines: tuple[MapLine, ...]
    label: str  # the whole name, for the tooltip and the link's accessible name
    path: str  # the output path the node links to
    fragment: str  # "" for a part, the topic's anchor
    progress_id: str
    tone: str  # "part", a themed level's slug, or "other"
    check_x: float  # where the done glyph sits
    check_y: float


@dataclass(frozen=True)
class MapEdge:
    kind: str  # "spine" (part to next part), "branch" (part to topic), "requires" (prerequisite)
    d: str  # SVG path data


@dataclass(frozen=True)
class RoadmapMap:
    width: float
    height: float
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]


class RoadmapMaps:
    """The three layouts of one series, each laid out when first asked for: a series' page
    draws the wide and narrow ones, the home page only the compact one."""

    def __init__(self, label: str, stops: tuple[PartStop, ...]):
        self.label = label  # what the diagram shows, in one sentence
        self._stops = stops

    @cached_property
    def wide(self) -> RoadmapMap:
        return wide_layout(self._stops)

    @cached_property
    def narrow(self) -> RoadmapMap:
        return narrow_layout(self._stops)

    @cached_property
    def compact(self) -> RoadmapMap:
        return compact_layout(self._stops)


# Approximate advance widths in em of a system sans-serif: good enough to wrap before the
# edge of a box, and the box keeps a margin for the error.
_NARROW = set("iljtfrI.,;:'!|()[] ")
_WIDE = set("mwMW@%")


def char_width(char: str) -> float:
    if char in _NARROW:
        return 0.32
    if char in _WIDE:
        return 0.86
    if char.isupper() or char.isdigit():
        return 0.64
    return 0.56 if ord(char) < 0x2E80 else 1.0  # CJK and friends are square


def text_width(text: str, size: float) -> float:
    return sum(char_width(char) for char in text) * size


@lru_cache(maxsize=8192)  # a series' titles are wrapped for its page and for the home page
def wrap(text: str, width: float, size: float, max_lines: int) -> tuple[str, ...]:
    """The text in at most max_lines lines no wider than width, broken between words (inside
    a word only when it alone is too wide); what does not fit ends in an ellipsis."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = word
        while text_width(current, size) > width:  # a word wider than the box
            cut = _fitting(current, width, size)
            lines.append(current[:cut])
            current = current[cut:]
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return tuple(lines)
    last = lines[max_lines - 1]
    while last and text_width(last.rstrip() + ELLIPSIS, size) > width:
        last = last[:-1]
    return (*lines[: max_lines - 1], last.rstrip() + ELLIPSIS)


def _fitting(word: str, width: float, size: float) -> int:
    used = 0.0
    for index, char in enumerate(word):
        used += char_width(char) * size
        if used > width:
            return max(1, index)
    return len(word)


def tone(level: Difficulty | None) -> str:
    return level.slug if level is not None and level.slug in THEMED_LEVELS else "other"


def _fmt(value: float) -> str:
    return f"{value:g}"


# Sizes in SVG user units (the viewBox); the SVG is drawn at the width it is given.
PART_SIZE, TOPIC_SIZE, SMALL_SIZE = 15.0, 13.0, 11.0
LINE_GAP = 1.3  # line height, in font sizes
BOLD = 1.2  # how much wider bold text runs
PAD = 8.0  # inside a box
GAP = 8.0  # between stacked boxes
ROW_GAP = 28.0  # between one part's block and the next


def _text_box(
    kind: str, x: float, y: float, width: float, title: str, extra: str, size: float, max_lines: int
) -> tuple[float, tuple[MapLine, ...]]:
    """The box's height and its lines: the title wrapped, then one small line if extra."""
    x, y = round(x, 2), round(y, 2)
    bold = BOLD if kind == "part" else 1.0
    titles = wrap(title, (width - 2 * PAD - SMALL_SIZE) / bold, size, max_lines)  # room for the ✓
    lines = []
    baseline = y + PAD + size
    for text in titles:
        lines.append(MapLine(x + PAD, round(baseline, 2), text, "title"))
        baseline += size * LINE_GAP
    if extra:
        baseline += SMALL_SIZE * LINE_GAP - size * LINE_GAP
        lines.append(MapLine(x + PAD, round(baseline + 2, 2), extra, "level" if kind == "topic" else "count"))
        baseline += SMALL_SIZE * LINE_GAP
    height = baseline - y - size * LINE_GAP + PAD + size * 0.3
    return round(height, 2), tuple(lines)


def _part_node(stop: PartStop, x: float, y: float, width: float, extra: str, max_lines: int = 2) -> MapNode:
    name = stop.title or stop.article.title  # as the list shows it: without the series' name
    x, y = round(x, 2), round(y, 2)
    height, lines = _text_box("part", x, y, width, f"{stop.number}. {name}", extra, PART_SIZE, max_lines)
    return MapNode(
        "part", x, y, width, height, lines, f"Part {stop.number}: {name}", stop.article.path, "",
        stop.progress_id, "part", x + width - PAD - SMALL_SIZE * 0.8, y + PAD + SMALL_SIZE,
    )


def _topic_node(stop: PartStop, entry: TopicStop, x: float, y: float, width: float) -> MapNode:
    level = entry.topic.difficulty
    extra = level.name if level is not None else ""
    x, y = round(x, 2), round(y, 2)
    name = entry.title or entry.topic.title  # as the list shows it: without a number of its own
    height, lines = _text_box("topic", x, y, width, name, extra, TOPIC_SIZE, 2)
    label = f"{name} ({level.name})" if level is not None else name
    return MapNode(
        "topic", x, y, width, height, lines, label, stop.article.path, entry.topic.anchor,
        entry.progress_id, tone(level), x + width - PAD - SMALL_SIZE * 0.8, y + PAD + SMALL_SIZE,
    )


def _requires_edges(stops: tuple[PartStop, ...], parts: dict[str, MapNode], side: float, reach: float) -> list[MapEdge]:
    """Prerequisites beyond the previous part, as arcs beside the parts on one side: from the
    earlier part's edge out (a step further per arc, so they do not overlap, at most reach)."""
    edges = []
    step = 0
    for stop in stops:
        target = parts[stop.article.key]
        for other in stop.requires:
            source = parts.get(other.key)
            if source is None:  # outside the series: the list names it
                continue
            step += 1
            x0 = source.x + (source.width if side > 0 else 0)
            x1 = target.x + (target.width if side > 0 else 0)
            out = x0 + side * min(reach, 10 + 6 * step)
            y0, y1 = source.y + source.height / 2, target.y + target.height / 2
            edges.append(MapEdge("requires", f"M{_fmt(x0)} {_fmt(y0)}C{_fmt(out)} {_fmt(y0)} {_fmt(out)} {_fmt(y1)} {_fmt(x1)} {_fmt(y1)}"))
    return edges


def _spine(nodes: list[MapNode], x: float) -> list[MapEdge]:
    return [
        MapEdge("spine", f"M{_fmt(x)} {_fmt(a.y + a.height)}V{_fmt(b.y)}")
        for a, b in zip(nodes, nodes[1:])
    ]


WIDE_WIDTH = 760.0
WIDE_PART = (255.0, 250.0)  # x, width
WIDE_TOPIC_WIDTH = 215.0
WIDE_LEFT, WIDE_RIGHT = 8.0, WIDE_WIDTH - 8.0 - WIDE_TOPIC_WIDTH


def wide_layout(stops: tuple[PartStop, ...]) -> RoadmapMap:
    """Parts down the middle; each part's topics beside it, first left, then right, in turn."""
    nodes: list[MapNode] = []
    edges: list[MapEdge] = []
    parts: dict[str, MapNode] = {}
    y = 8.0
    part_x, part_width = WIDE_PART
    for stop in stops:
        part = _part_node(stop, part_x, y, part_width, _count(stop), max_lines=3)
        parts[stop.article.key] = part
        nodes.append(part)
        heights = {WIDE_LEFT: y, WIDE_RIGHT: y}
        for index, entry in enumerate(stop.topics):
            column = WIDE_LEFT if index % 2 == 0 else WIDE_RIGHT
            topic = _topic_node(stop, entry, column, heights[column], WIDE_TOPIC_WIDTH)
            heights[column] = topic.y + topic.height + GAP
            nodes.append(topic)
            mid = topic.y + topic.height / 2
            if column == WIDE_LEFT:
                start, end = part_x, column + WIDE_TOPIC_WIDTH
            else:
                start, end = part_x + part_width, column
            start_y = min(max(mid, part.y + 6), part.y + part.height - 6)
            edges.append(MapEdge("branch", _branch(start, start_y, end, mid)))
        y = max(part.y + part.height + GAP, *heights.values()) - GAP + ROW_GAP
    part_nodes = list(parts.values())
    edges = _spine(part_nodes, part_x + part_width / 2) + edges
    edges += _requires_edges(stops, parts, 1.0, WIDE_RIGHT - part_x - part_width - 2)
    return RoadmapMap(WIDE_WIDTH, round(max(y - ROW_GAP + 8, 16), 2), tuple(nodes), tuple(edges))


def _branch(x0: float, y0: float, x1: float, y1: float) -> str:
    middle = (x0 + x1) / 2
    return f"M{_fmt(x0)} {_fmt(y0)}C{_fmt(middle)} {_fmt(y0)} {_fmt(middle)} {_fmt(y1)} {_fmt(x1)} {_fmt(y1)}"


NARROW_WIDTH = 340.0
NARROW_PART_X, NARROW_TOPIC_X = 16.0, 44.0


def narrow_layout(stops: tuple[PartStop, ...]) -> RoadmapMap:
    """One column for a phone: each part, then its topics stacked under it, indented; the
    spine runs down the left, prerequisites arc along the left edge."""
    nodes: list[MapNode] = []
    edges: list[MapEdge] = []
    parts: dict[str, MapNode] = {}
    spine_x = NARROW_PART_X + 14
    y = 8.0
    for stop in stops:
        part = _part_node(stop, NARROW_PART_X, y, NARROW_WIDTH - NARROW_PART_X - 4, _count(stop), max_lines=3)
        parts[stop.article.key] = part
        nodes.append(part)
        y = part.y + part.height + GAP
        for entry in stop.topics:
            topic = _topic_node(stop, entry, NARROW_TOPIC_X, y, NARROW_WIDTH - NARROW_TOPIC_X - 4)
            nodes.append(topic)
            mid = topic.y + topic.height / 2
            edges.append(MapEdge("branch", f"M{_fmt(spine_x)} {_fmt(part.y + part.height)}V{_fmt(mid)}H{_fmt(NARROW_TOPIC_X)}"))
            y = topic.y + topic.height + GAP
        y += ROW_GAP - GAP
    edges = _spine(list(parts.values()), spine_x) + edges
    edges += _requires_edges(stops, parts, -1.0, NARROW_PART_X - 2)
    return RoadmapMap(NARROW_WIDTH, round(max(y - ROW_GAP + 8, 16), 2), tuple(nodes), tuple(edges))


COMPACT_WIDTH = 300.0


def compact_layout(stops: tuple[PartStop, ...]) -> RoadmapMap:
    """Parts only, down a spine, each with its topic count by level initial: for a card."""
    nodes: list[MapNode] = []
    y = 4.0
    for stop in stops:
        part = _part_node(stop, 4.0, y, COMPACT_WIDTH - 8, _count(stop, initials=True))
        nodes.append(part)
        y = part.y + part.height + 14
    edges = _spine(nodes, COMPACT_WIDTH / 2)
    return RoadmapMap(COMPACT_WIDTH, round(max(y - 14 + 4, 8), 2), tuple(nodes), tuple(edges))


def _count(stop: PartStop, initials: bool = False) -> str:
    """'3 topics', or with the levels' initials '3 topics: 2 B · 1 A' where the topics
    themselves are not drawn."""
    total = len(stop.topics)
    if not total:
        return ""
    noun = "topic" if total == 1 else "topics"
    if not initials or not stop.spread:
        return f"{total} {noun}"
    return f"{total} {noun}: " + " · ".join(f"{count} {level.name[:1].upper()}" for level, count in stop.spread)


def roadmap_maps(name: str, stops: tuple[PartStop, ...]) -> RoadmapMaps:
    topics = sum(len(stop.topics) for stop in stops)
    parts = "1 part" if len(stops) == 1 else f"{len(stops)} parts"
    label = f"Roadmap diagram of {name}: {parts}, {topics} {'topic' if topics == 1 else 'topics'}"
    return RoadmapMaps(label, stops)


def map_svg(drawn: RoadmapMap, variant: str, url: Callable[[str, str], str]) -> Markup:
    """The map as an SVG element, every value escaped. Written here rather than in a template:
    a series' page draws a hundred nodes or more, and a template spends most of a series' page
    looking up and escaping their dozen attributes one by one."""
    out = [
        f'<svg class="roadmap-map roadmap-map-{escape(variant)}" viewBox="0 0 {drawn.width} {drawn.height}" '
        f'width="{drawn.width}" height="{drawn.height}" xmlns="http://www.w3.org/2000/svg">\n'
    ]
    out += [f'  <path class="map-edge map-edge-{escape(edge.kind)}" d="{escape(edge.d)}"/>\n' for edge in drawn.edges]
    for node in drawn.nodes:
        lines = "".join(
            f'<text class="map-{escape(line.role)}" x="{line.x}" y="{line.y}">{escape(line.text)}</text>' for line in node.lines
        )
        out.append(
            f'  <a href="{escape(url(node.path, node.fragment))}" class="map-node map-{escape(node.kind)} '
            f'map-tone-{escape(node.tone)}" data-progress-id="{escape(node.progress_id)}">\n'
            f"    <title>{escape(node.label)}</title>\n"
            f'    <rect x="{node.x}" y="{node.y}" width="{node.width}" height="{node.height}" rx="6"/>\n'
            f'{lines}    <text class="map-check" x="{node.check_x}" y="{node.check_y}">✓</text>\n'
            "  </a>\n"
        )
    out.append("</svg>")
    return Markup("".join(out))
