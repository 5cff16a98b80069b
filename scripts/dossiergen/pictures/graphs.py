"""Build-time SVG pictures of relations: one person's ego graph and the whole network."""
from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .svg import clean, text_width
from .svg import ident as svg_ident

# Mid-tone colours: each has at least 3:1 contrast on white and on Material's slate (#1e2129).
COLOURS = {"person": "#3b82c4", "organisation": "#d2691e", "event": "#24998a"}
CLASSES = {"person": "graphe-personne", "organisation": "graphe-organisation", "event": "graphe-evenement"}
GREY = "#7b8597"  # edges, and nodes of any other kind
# Halo behind labels: the page background through Material's variable (white elsewhere), so
# labels stay readable over edges in both schemes. A style attribute, as var() is CSS only.
NODES_OPEN = ('<g class="graphe-noeuds" font-size="{}" fill="currentColor" style="stroke:var(--md-default-bg-color,#fff)"'
              ' stroke-width="3" stroke-linejoin="round" paint-order="stroke">')
SVG_OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" class="graphe {}" viewBox="0 0 {} {}" width="{}" height="{}"'
            ' role="group" aria-labelledby="{}-titre" aria-describedby="{}-desc">')

# Ego graph: about one unit per CSS pixel on a phone; columns person | events | others.
EGO_W, EGO_M, EGO_FS, EGO_LH = 360, 4, 12, 14
CENTRE_X, CENTRE_W, EVENT_X, EVENT_W = 4, 88, 106, 92
DOT_X, DOT_R, LABEL_X = 230, 6, 242
ROW_H, EVENT_GAP = 30, 6  # rows of 28 units or more stay tappable

# Network: scaled to the column (~700 px on a desktop), where 14 units read as ~12 px.
NET_M = 24
STEPS, PAIR_BUDGET, GRAVITY = 250, 600_000, 0.02  # 300 nodes get 50 steps: well under a second

_HALF = ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1))  # half the 3x3 block: each cell pair once
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)

@dataclass(frozen=True, slots=True)
class Node:
    """One node: a record's page, its label and its kind ("person", "organisation", "event")."""

    id: str
    label: str
    href: str
    kind: str
    title: str = ""


def person_graph(person: Node, events: list[tuple[Node, list[Node]]]) -> Markup:
    """Ego graph: the person, the events they took part in, and the other participants of each event.

    Events are sorted by id (ids start with the date); others by the mean rank of their
    events, then label, then id. So the input order never changes the output.
    """
    merged: dict[str, tuple[Node, dict[str, Node]]] = {}
    for event, participants in sorted(events, key=lambda pair: pair[0].id):
        seen = merged.setdefault(event.id, (event, {}))[1]
        for node in sorted(participants, key=lambda n: n.id):
            if node.id != person.id:
                seen.setdefault(node.id, node)
    if not merged:
        return Markup("")
    rows = list(merged.values())
    ranks: dict[str, list[int]] = {}
    others: dict[str, Node] = {}
    for rank, (_, seen) in enumerate(rows):
        for node in seen.values():
            ranks.setdefault(node.id, []).append(rank)
            others.setdefault(node.id, node)
    order = sorted(others.values(), key=lambda n: (sum(ranks[n.id]) / len(ranks[n.id]), _label(n).casefold(), n.id))
    other_lines = [_wrap(_label(n), EGO_W - EGO_M - LABEL_X, EGO_FS, 2) for n in order]
    other_h = [max(ROW_H, len(lines) * EGO_LH + 10) for lines in other_lines]
    event_lines = [_wrap(_label(e), EVENT_W - 8, EGO_FS, 2) for e, _ in rows]
    event_h = [len(lines) * EGO_LH + 14 for lines in event_lines]
    centre_lines = _wrap(_label(person), CENTRE_W - 8, EGO_FS, 3)
    centre_h = len(centre_lines) * EGO_LH + 14

    other_y = _stack([-math.inf] * len(order), other_h, 0)
    event_y = _stack(_means(rows, order, other_y), event_h, EVENT_GAP)
    shift = (event_y[-1] + event_h[-1] / 2 - (other_y[-1] + other_h[-1] / 2 if order else 0)) / 2
    if shift > 0:  # the events column is the taller one: centre the others beside it
        other_y = [y + shift for y in other_y]
        event_y = _stack(_means(rows, order, other_y), event_h, EVENT_GAP)
    centre_y = max((event_y[0] + event_y[-1]) / 2, EGO_M + centre_h / 2)
    bottoms = [centre_y + centre_h / 2, event_y[-1] + event_h[-1] / 2, *(y + h / 2 for y, h in zip(other_y, other_h))]
    row_of = {n.id: i for i, n in enumerate(order)}

    curves = [_curve(CENTRE_X + CENTRE_W, centre_y, EVENT_X, y) for y in event_y]
    for (_, seen), y in zip(rows, event_y):
        curves += [_curve(EVENT_X + EVENT_W, y, DOT_X - DOT_R - 1, other_y[row_of[i]]) for i in seen]
    out = [_open("graphe-ego", person.id, max(bottoms) + EGO_M, EGO_W, f"Graphe des relations de {_label(person)}",
                 f"{_label(person)} : {_counts(others.values(), len(rows))}")]
    out.append(_fmt('<g class="graphe-liens" fill="none" stroke="{}" stroke-width="1.5">', GREY))
    out += [_fmt('<path class="graphe-lien" d="{}"/>', d) for d in curves]
    out += [Markup("</g>"), _fmt(NODES_OPEN, EGO_FS)]
    centre = _box(person.kind, CENTRE_X, centre_y, CENTRE_W, centre_h, centre_lines, bold=True)
    out.append(_link(person, centre, centre=True))
    for (event, _), y, lines, h in zip(rows, event_y, event_lines, event_h):
        out.append(_link(event, _box(event.kind, EVENT_X, y, EVENT_W, h, lines)))
    target = '<rect class="graphe-cible" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="none" pointer-events="all"/>'
    for node, y, lines, h in zip(order, other_y, other_lines, other_h):
        inner = _fmt(target, DOT_X - DOT_R - 2, _n(y - h / 2), EGO_W - EGO_M - DOT_X + DOT_R + 2, _n(h))
        out.append(_link(node, inner + _shape(node.kind, DOT_X, y, DOT_R) + _text(lines, LABEL_X, y, EGO_FS, "start")))
    return Markup("\n").join([*out, Markup("</g>\n</svg>")])


# Edge kinds of the network, their look and their line in the legend.
EDGE_KINDS = {
    "evenements": ("", "Ont participé aux mêmes événements (plus épais : plusieurs)"),
    "fonction": ("6 4", "Fonction dans l’organisation"),
    "rattachement": ("2 3", "Organisation rattachée à une autre"),
}


@dataclass(frozen=True, slots=True)
class Sizes:
    """A drawing of the network: its width, type size, label width and the height it starts from."""

    width: int
    font: float
    label_w: float
    height: int


WIDE = Sizes(760, 13, 160, 560)  # a desktop column, about 700 px: 13 units read as 12 px
NARROW = Sizes(360, 12.5, 118, 0)  # a phone, about 340 px; the height grows with the nodes


def network_graph(nodes: list[Node], edges: list[tuple[str, str, int]] | list[tuple[str, str, int, str]], title: str,
                  sizes: Sizes = WIDE, key: str = "") -> Markup:
    """The whole network: people and organisations; an edge (a, b, weight[, kind]) joins two node ids.

    Every label is drawn in full, wrapped onto lines under its node, and no two nodes with their
    labels overlap: a force layout first, then overlapping nodes are pushed apart, and the
    drawing grows taller where it must. Nodes are sorted by id and edges by their pair of ids,
    so the input order never changes the output. Edges joining the same pair add their
    weights (the first kind in sorted order stays); self-loops are dropped.

    Raises:
        ValueError: a duplicate node id, an edge to an unknown id, or a weight below 1.
    """
    if not nodes:
        return Markup("")
    ordered = sorted(nodes, key=lambda n: n.id)
    index = {n.id: i for i, n in enumerate(ordered)}
    if len(index) != len(ordered):
        raise ValueError("network_graph: duplicate node ids")
    weights: dict[tuple[int, int], int] = {}
    kinds: dict[tuple[int, int], str] = {}
    for edge in sorted(edges, key=lambda e: tuple(str(v) for v in e)):
        a, b, weight = edge[0], edge[1], edge[2]
        if a not in index or b not in index or not isinstance(weight, int) or weight < 1:
            raise ValueError(f"network_graph: edge ({a!r}, {b!r}, {weight!r}) needs two known ids and a weight of 1 or more")
        if a != b:
            pair = (min(index[a], index[b]), max(index[a], index[b]))
            weights[pair] = weights.get(pair, 0) + weight
            kinds.setdefault(pair, str(edge[3]) if len(edge) > 3 else "evenements")
    pairs = sorted(weights.items())
    width = sizes.width
    height = sizes.height or max(480, 30 * len(ordered))
    xs, ys = _layout(len(ordered), [(i, j, math.sqrt(min(w, 9))) for (i, j), w in pairs], width, height)
    degree = [0] * len(ordered)
    for (i, j), _ in pairs:
        degree[i] += 1
        degree[j] += 1
    radius = [5 + 1.1 * math.sqrt(min(d, 25)) for d in degree]
    lines = [_wrap(_label(n), sizes.label_w, sizes.font, 12) for n in ordered]
    lh = sizes.font * 7 / 6
    boxes = _separate(xs, ys, radius, [max(max(_width(t, sizes.font) for t in ls), 2 * r) + 4 for ls, r in zip(lines, radius)],
                      [2 * r + 3 + len(ls) * lh + 2 for ls, r in zip(lines, radius)], radius, width)
    total_h = max(b[3] for b in boxes) + NET_M / 2
    xs = [(b[0] + b[2]) / 2 for b in boxes]
    ys = [b[1] + radius[i] for i, b in enumerate(boxes)]

    desc = f"{clean(title)} : {_counts(ordered, None)}, {_plural(len(pairs), 'lien', 'liens')}"
    cls = "graphe-reseau graphe-etroit" if sizes is not WIDE and sizes.width < WIDE.width else "graphe-reseau"
    out = [_open(cls, key or title, total_h, width, title, desc)]
    out.append(_fmt('<g class="graphe-liens" stroke="{}" stroke-opacity="0.7" stroke-linecap="round" fill="none">', GREY))
    line = '<line class="graphe-lien graphe-lien-{}" x1="{}" y1="{}" x2="{}" y2="{}" stroke-width="{}"{}/>'
    for (i, j), w in pairs:
        kind = kinds[(i, j)] if kinds[(i, j)] in EDGE_KINDS else "evenements"
        dash = _fmt(' stroke-dasharray="{}"', EDGE_KINDS[kind][0]) if EDGE_KINDS[kind][0] else Markup("")
        out.append(_fmt(line, kind, _n(xs[i]), _n(ys[i]), _n(xs[j]), _n(ys[j]), _n(min(1.2 + 0.8 * (w - 1), 5)), dash))
    out += [Markup("</g>"), _fmt(NODES_OPEN, _n(sizes.font))]
    for i, node in enumerate(ordered):
        label = _text(lines[i], xs[i], ys[i] + radius[i] + 3 + len(lines[i]) * lh / 2 - lh * 0.1, sizes.font, "middle")
        out.append(_link(node, _shape(node.kind, xs[i], ys[i], radius[i]) + label))
    return Markup("\n").join([*out, Markup("</g>\n</svg>")])


def network_legend() -> Markup:
    """What the network's shapes, colours and lines mean, as an HTML list."""
    items = []
    for kind, word in (("person", "Personne"), ("organisation", "Organisation")):
        items.append(Markup('<li><svg class="graphe-pastille" viewBox="0 0 16 16" aria-hidden="true">{}</svg> {}</li>')
                     .format(_shape(kind, 8, 8, 5.5), word))
    for kind, (dash, words) in EDGE_KINDS.items():
        extra = _fmt(' stroke-dasharray="{}"', dash) if dash else Markup("")
        items.append(_fmt('<li><svg class="graphe-pastille graphe-pastille-trait" viewBox="0 0 28 16" aria-hidden="true">'
                          '<line x1="1" y1="8" x2="27" y2="8" stroke="{}" stroke-width="2"{}/></svg> {}</li>', GREY, extra, words))
    return Markup('<ul class="graphe-legende">{}</ul>').format(Markup("").join(items))


def network_figure(nodes: list[Node], edges: list[tuple[str, str, int, str]], title: str) -> Markup:
    """The network drawn twice (a desktop column, a phone: CSS shows one) with its legend."""
    if not nodes:
        return Markup("")
    wide = network_graph(nodes, edges, title, WIDE, "reseau")
    narrow = network_graph(nodes, edges, title, NARROW, "reseau-etroit")
    return Markup('<figure class="graphe-figure" data-pagefind-ignore="all">\n<figcaption>{}</figcaption>\n'
                  '<div class="graphe-cadre graphe-large">\n{}\n</div>\n<div class="graphe-cadre graphe-etroite">\n{}\n</div>\n</figure>').format(
                      network_legend(), wide, narrow)


def _separate(xs: list[float], ys: list[float], radius: list[float], widths: list[float], heights: list[float],
              _: list[float], frame_w: int) -> list[tuple[float, float, float, float]]:
    """Boxes (node and label under it) pushed apart until none overlaps, inside the width.

    A few rounds push overlapping pairs apart along their smaller overlap; then a sweep from
    the top moves any box still overlapping below the one it meets, which always ends.
    """
    n = len(xs)
    cx = [min(max(x, w / 2 + 2), frame_w - w / 2 - 2) for x, w in zip(xs, widths)]
    top = [y - r for y, r in zip(ys, radius)]
    gap = 4.0
    for _round in range(40 if n <= 40 else max(2, 1200 // n)):  # each round costs n²: fewer for big networks
        moved = False
        for i in range(n):
            for j in range(i + 1, n):
                ox = (widths[i] + widths[j]) / 2 + gap - abs(cx[i] - cx[j])
                oy = min(top[i] + heights[i], top[j] + heights[j]) + gap - max(top[i], top[j])
                if ox <= 0 or oy <= 0:
                    continue
                moved = True
                if ox < oy:
                    sign = 1 if (cx[i], i) < (cx[j], j) else -1
                    cx[i] -= sign * ox / 2
                    cx[j] += sign * ox / 2
                else:
                    sign = 1 if (top[i], i) < (top[j], j) else -1
                    top[i] -= sign * oy / 2
                    top[j] += sign * oy / 2
        for i in range(n):
            cx[i] = min(max(cx[i], widths[i] / 2 + 2), frame_w - widths[i] / 2 - 2)
        if not moved:
            break
    done: list[int] = []
    for i in sorted(range(n), key=lambda k: (top[k], cx[k], k)):
        # The sweep moves boxes down only: those beside it (in x) are found once.
        beside = [j for j in done if abs(cx[i] - cx[j]) < (widths[i] + widths[j]) / 2 + gap]
        while True:
            hit = [j for j in beside if top[i] < top[j] + heights[j] + gap and top[j] < top[i] + heights[i] + gap]
            if not hit:
                break
            top[i] = max(top[j] + heights[j] + gap for j in hit)
        done.append(i)
    shift = NET_M / 2 - min(top)
    return [(cx[i] - widths[i] / 2, top[i] + shift, cx[i] + widths[i] / 2, top[i] + shift + heights[i]) for i in range(n)]


def _fmt(template: str, *args: object) -> Markup:
    """Markup(template).format(*args), without its slow formatter: each argument is escaped, then placed."""
    return Markup(template.format(*map(escape, args)))


def _open(kind_class: str, key: str, height: float, width: int, title: str, desc: str) -> Markup:
    """The <svg> start tag with its accessible <title> and <desc>; ids come from key."""
    ident = f"graphe-{svg_ident(key)}"
    return Markup("\n").join([
        _fmt(SVG_OPEN, kind_class, width, _n(height), width, _n(height), ident, ident),
        _fmt('<title id="{}-titre">{}</title>', ident, clean(title)),
        _fmt('<desc id="{}-desc">{}</desc>', ident, desc),
    ])


def _means(rows: list[tuple[Node, dict[str, Node]]], order: list[Node], other_y: list[float]) -> list[float]:
    """Where each event would like to sit: level with the mean of its participants."""
    at = {n.id: y for n, y in zip(order, other_y)}
    return [sum(at[i] for i in seen) / len(seen) if seen else -math.inf for _, seen in rows]


def _stack(wants: list[float], heights: list[int], gap: float) -> list[float]:
    """Centres in order, each at its wanted height or just below the previous box."""
    centres: list[float] = []
    top = float(EGO_M)
    for want, h in zip(wants, heights):
        start = max(want - h / 2, top)
        centres.append(start + h / 2)
        top = start + h + gap
    return centres


def _curve(x1: float, y1: float, x2: float, y2: float) -> str:
    mid = (x1 + x2) / 2
    return f"M{_n(x1)} {_n(y1)}C{_n(mid)} {_n(y1)} {_n(mid)} {_n(y2)} {_n(x2)} {_n(y2)}"


def _layout(n: int, edges: list[tuple[int, int, float]], width: int = 800, height: int = 600) -> tuple[list[float], list[float]]:
    """Fruchterman–Reingold with gravity, stretched onto the viewBox; no randomness.

    Nodes start on a circle in id order, then take a fixed number of steps under linear
    cooling. Repulsion reaches 2k only (FR's grid variant), so a step costs ~n, not n².
    After the rounded start only + - * / and sqrt touch positions, so no libm differences.
    """
    if n == 1:
        return [width / 2], [height / 2]
    k = math.sqrt(width * height / n)
    reach, k2, pull = 2 * k, k * k, GRAVITY * k
    xs = [round(width / 3 * math.cos(2 * math.pi * i / n), 6) for i in range(n)]
    ys = [round(height / 3 * math.sin(2 * math.pi * i / n), 6) for i in range(n)]
    steps = max(40, min(STEPS, PAIR_BUDGET // (n * min(n, 40))))
    for step in range(steps):
        dx, dy = [0.0] * n, [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            grid.setdefault((int(xs[i] // reach), int(ys[i] // reach)), []).append(i)
        for (cx, cy), cell in grid.items():
            for ox, oy in _HALF:
                other = grid.get((cx + ox, cy + oy))
                if other is None:
                    continue
                for a, i in enumerate(cell):
                    xi, yi = xs[i], ys[i]
                    for j in cell[a + 1:] if other is cell else other:
                        ddx, ddy = xi - xs[j], yi - ys[j]
                        d2 = ddx * ddx + ddy * ddy
                        if d2 >= 4 * k2:
                            continue
                        if d2 < 1e-4:  # coincident nodes: part them along x, the same way each time
                            ddx, ddy, d2 = 0.01, 0.0, 1e-4
                        f = k2 / d2
                        dx[i], dy[i], dx[j], dy[j] = dx[i] + ddx * f, dy[i] + ddy * f, dx[j] - ddx * f, dy[j] - ddy * f
        for i, j, w in edges:
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            f = math.sqrt(ddx * ddx + ddy * ddy) * w / k
            dx[i], dy[i], dx[j], dy[j] = dx[i] - ddx * f, dy[i] - ddy * f, dx[j] + ddx * f, dy[j] + ddy * f
        t = width / 10 * (1 - step / steps)
        for i in range(n):
            # Gravity toward the centre keeps small components and lone nodes close.
            fx, fy = dx[i] - pull * xs[i], dy[i] - pull * ys[i]
            d = math.sqrt(fx * fx + fy * fy)
            if d > 0:
                s = min(d, t) / d
                xs[i] = min(width / 2, max(-width / 2, xs[i] + fx * s))
                ys[i] = min(height / 2, max(-height / 2, ys[i] + fy * s))
    return _stretch(xs, width), _stretch(ys, height)


def _stretch(values: list[float], size: int) -> list[float]:
    """Map one axis onto [margin, size - margin]."""
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return [size / 2] * len(values)
    return [round(NET_M + (v - low) * (size - 2 * NET_M) / (high - low), 1) for v in values]


def _link(node: Node, inner: Markup, centre: bool = False) -> Markup:
    """A node: a link to its page, except the centre of an ego graph, which is the page itself."""
    kind, title = CLASSES.get(node.kind, "graphe-autre"), clean(node.title) or _label(node)
    if centre:
        return _fmt('<g class="graphe-noeud graphe-centre {}"><title>{}</title>{}</g>', kind, title, inner)
    return _fmt('<a href="{}" class="graphe-noeud {}"><title>{}</title>{}</a>', _href(node.href), kind, title, inner)


def _box(kind: str, x: float, cy: float, w: float, h: float, lines: list[str], bold: bool = False) -> Markup:
    """A tinted box with its label inside."""
    colour = COLOURS.get(kind, GREY)
    rect = '<rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" fill-opacity="0.15" stroke="{}" stroke-width="1.5"/>'
    # No halo inside a box: no edge crosses it, and its tint is not the page background.
    extra = Markup(' stroke="none" font-weight="600"' if bold else ' stroke="none"')
    return _fmt(rect, _n(x), _n(cy - h / 2), w, h, colour, colour) + _text(lines, x + w / 2, cy, EGO_FS, "middle", extra)


def _shape(kind: str, x: float, y: float, r: float) -> Markup:
    """Circle for a person, rounded square for anything else."""
    colour = COLOURS.get(kind, GREY)
    if kind == "person":
        return _fmt('<circle cx="{}" cy="{}" r="{}" fill="{}"/>', _n(x), _n(y), _n(r), colour)
    side = r * 1.8  # a square looks bigger than a circle of the same width
    return _fmt('<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}"/>',
        _n(x - side / 2), _n(y - side / 2), _n(side), _n(side), colour)


def _text(lines: list[str], x: float, cy: float, size: float, anchor: str, extra: Markup = Markup("")) -> Markup:
    """A label vertically centred on cy; one <tspan> per line when it wraps."""
    step = size * 7 / 6
    first = cy - (len(lines) - 1) * step / 2 + 0.35 * size  # 0.35em: baseline of a centred line
    attrs = (_fmt(' text-anchor="{}"', anchor) if anchor != "start" else Markup("")) + extra
    if len(lines) == 1:
        return _fmt('<text class="graphe-etiquette" x="{}" y="{}"{}>{}</text>', _n(x), _n(first), attrs, lines[0])
    spans = Markup("").join(_fmt('<tspan x="{}" y="{}">{}</tspan>', _n(x), _n(first + n * step), line)
                            for n, line in enumerate(lines))
    return _fmt('<text class="graphe-etiquette"{}>{}</text>', attrs, spans)


def _counts(nodes: Iterable[Node], events: int | None) -> str:
    """French counts such as "3 événements, 4 personnes, 1 organisation"."""
    kinds = [n.kind for n in nodes]
    parts = [] if events is None else [_plural(events, "événement", "événements")]
    parts.append(_plural(kinds.count("person"), "personne", "personnes"))
    if kinds.count("organisation"):
        parts.append(_plural(kinds.count("organisation"), "organisation", "organisations"))
    return ", ".join(parts)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count < 2 else many}"


def _wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """Break text into at most max_lines lines that fit width; a cut last line ends with "…"."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        joined = f"{line} {word}" if line else word
        if _width(joined, size) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word
        while _width(line, size) > width:  # a word wider than the line is cut
            cut = _fit(line, width, size)
            lines.append(line[:cut])
            line = line[cut:]
    lines.append(line)
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1]
    return [*lines[:max_lines - 1], last[:_fit(last, width - _width("…", size), size)].rstrip() + "…"]


def _fit(text: str, width: float, size: float) -> int:
    """How many leading characters fit in width (at least one, so wrapping ends)."""
    used = 0.0
    for count, ch in enumerate(text):
        used += _width(ch, size)
        if used > width:
            return max(count, 1)
    return len(text)


def _width(text: str, size: float) -> float:
    """Estimated width (svg.text_width: DejaVu Sans, never short for the usual sans-serif fonts)."""
    return text_width(text, size)


def _label(node: Node) -> str:
    return clean(node.label) or clean(node.id)


def _href(href: str) -> str:
    """A relative URL, a fragment or http(s); any other scheme (javascript:, data:) becomes "#"."""
    url = clean(href).replace(" ", "%20")
    return "#" if _SCHEME.match(url) and not url.lower().startswith(("http:", "https:")) else url


def _n(value: float) -> str:
    """A coordinate with one decimal at most, never "-0"."""
    text = f"{value:.1f}".removesuffix(".0")
    return "0" if text == "-0" else text
