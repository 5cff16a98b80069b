"""Label placement for the maps: every label gets a free spot, by importance, instead of being dropped.

Each label tries spots around its point (right, left, above, below, then the diagonals), first
at its own size, then farther out with a leader line, then in smaller type, then anywhere free in
the picture, nearest first. Only when the picture is full does a label stay off it; the caller
then names it beside the picture. Boxes are estimated from the font (svg.text_width), with a
margin, so the browser's real text never overlaps another label.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

PAD = 1.5  # units kept free around each label box
SMALLER = (1.0, 0.85, 0.72)  # type sizes tried, as a share of the label's own size
SEARCHED = 1500  # spots tried anywhere in the picture, nearest first: bounds the cost of a crowd


@dataclass(frozen=True, slots=True)
class Want:
    """One label to place: its point, its one-line text width per unit of font size, its size."""

    x: float
    y: float
    em_width: float  # text_width(label, 1)
    size: float
    gap: float  # distance from the point to the nearest spot (the marker's radius and a little)
    centred: bool = False  # a country's or region's name: on its point first


@dataclass(frozen=True, slots=True)
class Placed:
    x: float  # the text's anchor point
    y: float  # its baseline
    anchor: str  # "start", "middle" or "end"
    size: float
    box: Box
    leader: tuple[float, float, float, float] | None  # a line from the point to the label


def overlaps(a: Box, b: Box) -> bool:
    """True if two boxes share more than an edge."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place(wants: list[Want], width: float, height: float, taken: list[Box]) -> list[Placed | None]:
    """Place each label in the given order (the caller sorts by importance); `taken` holds the
    markers the labels must not hide and receives every placed box."""
    out: list[Placed | None] = []
    texts: list[Box] = []
    for want in wants:
        # A leader line through another label only when there is no other way to name the place.
        spot, room = _first_free(want, width, height, taken, texts)
        if spot is None and room:
            spot, _ = _first_free(want, width, height, taken, [])
        if spot:
            taken.append(_padded(spot.box))
            texts.append(spot.box)
        out.append(spot)
    return out


def _padded(box: Box) -> Box:
    return (box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD)


def _fits(box: Box, width: float, height: float, taken: list[Box]) -> bool:
    inside = box[0] >= 1 and box[1] >= 1 and box[2] <= width - 1 and box[3] <= height - 1
    return inside and not any(overlaps(box, other) for other in taken)


def crosses(line: tuple[float, float, float, float], box: Box) -> bool:
    """True if the segment passes through the box's inside (Liang–Barsky clipping)."""
    x1, y1, x2, y2 = line
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - box[0]), (dx, box[2] - x1), (-dy, y1 - box[1]), (dy, box[3] - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def _clear(spot: Placed, texts: list[Box]) -> bool:
    """A leader line must not run through another label (it may pass a marker, as a road would)."""
    return spot.leader is None or not any(crosses(spot.leader, b) for b in texts)


def _candidates(want: Want, size: float, distance: float) -> list[tuple[float, float, str]]:
    """(left, top, anchor) of the spots at `distance` from the point, in order of preference."""
    w, h = want.em_width * size, size * 1.2
    x, y, d = want.x, want.y, distance
    diag = d * 0.72
    spots = [(x + d, y - h / 2, "start"), (x - d - w, y - h / 2, "end"), (x - w / 2, y - d - h, "middle"),
             (x - w / 2, y + d, "middle"), (x + diag, y - diag - h, "start"), (x + diag, y + diag, "start"),
             (x - diag - w, y - diag - h, "end"), (x - diag - w, y + diag, "end")]
    if want.centred and distance == want.gap:
        spots.insert(0, (x - w / 2, y - h / 2, "middle"))
    return spots


def _make(want: Want, size: float, left: float, top: float, anchor: str, leader: bool) -> Placed:
    w, h = want.em_width * size, size * 1.2
    ax = {"start": left, "middle": left + w / 2, "end": left + w}[anchor]
    line = None
    if leader:
        # From the point to the nearest point of the box, stopped short of both.
        nx, ny = min(max(want.x, left), left + w), min(max(want.y, top), top + h)
        length = math.hypot(nx - want.x, ny - want.y)
        if length > want.gap + 2:
            ux, uy = (nx - want.x) / length, (ny - want.y) / length
            start = want.gap if not want.centred else 0.0
            line = (want.x + ux * start, want.y + uy * start, nx - ux * 1.5, ny - uy * 1.5)
    # The baseline sits 0.85 em below the top: the box holds ascenders and descenders.
    return Placed(ax, top + size * 0.9, anchor, size, (left, top, left + w, top + h), line)


def _first_free(want: Want, width: float, height: float, taken: list[Box], texts: list[Box]) -> tuple[Placed | None, bool]:
    """The first free spot whose leader crosses none of `texts`, and whether any spot was free at all."""
    room = False
    for share in SMALLER:
        size = want.size * share
        for ring, distance in enumerate((want.gap, want.gap + size * 1.2, want.gap + size * 2.6, want.gap + size * 4.2)):
            for left, top, anchor in _candidates(want, size, distance):
                box = (left, top, left + want.em_width * size, top + size * 1.2)
                if _fits(box, width, height, taken):
                    room = True
                    spot = _make(want, size, left, top, anchor, leader=ring > 0)
                    if _clear(spot, texts):
                        return spot, True
    # Anywhere free in the picture, nearest first, in the smallest type, with a leader line.
    size = want.size * SMALLER[-1]
    w, h = want.em_width * size, size * 1.2
    step = max(size / 2, 2.0)
    spots = []
    for row in range(int((height - h) // step) + 1):
        for col in range(int((width - w) // step) + 1):
            left, top = 1 + col * step, 1 + row * step
            cx, cy = left + w / 2, top + h / 2
            spots.append(((cx - want.x) ** 2 + (cy - want.y) ** 2, left, top))
    for _, left, top in sorted(spots)[:SEARCHED]:
        box = (left, top, left + w, top + h)
        if _fits(box, width, height, taken):
            room = True
            spot = _make(want, size, left, top, "start", leader=True)
            if _clear(spot, texts):
                return spot, True
    return None, room
