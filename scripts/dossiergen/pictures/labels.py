"""Label placement for the maps: every label gets a free spot, by importance, instead of being dropped.

Each label tries spots around its point (right, left, above, below, then the diagonals), first
at its own size, then farther out with a leader line, then in smaller type, then anywhere free in
the picture, nearest first. Only when the picture is full does a label stay off it; the caller
then names it beside the picture. Boxes are estimated from the font (svg.text_width), with a
margin, so the browser's real text never overlaps another label.
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

PAD = 1.5  # units kept free around each label box
SMALLER = (1.0, 0.85, 0.72)  # type sizes tried, as a share of the label's own size
SEARCHED = 1500  # spots tried anywhere in the picture, nearest first: bounds the cost of a crowd
# After this many labels found no room anywhere, the picture is full: the labels after them try
# only the spots around their point (a crowd of a thousand places costs seconds, not minutes).
# Nine keeps every map of the real dossier as it was (its fullest, the phone overview, has eight).
FULL = 9


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
    blocked, texts = _Grid(taken), _Grid([])
    full = 0  # labels for which the whole picture had no room: past FULL, no more searches of it
    for want in wants:
        spot, first_fit = _first_free(want, width, height, blocked, texts, anywhere=full < FULL)
        # A leader line through another label only when there is no other way to name the place:
        # then the first spot that fits, in the same order of preference.
        spot = spot if spot is not None else first_fit
        full += spot is None
        if spot:
            taken.append(_padded(spot.box))
            blocked.add(taken[-1])
            texts.add(spot.box)
        out.append(spot)
    return out


class _Grid:
    """Boxes filed by the cells of a square grid they touch: a box is tested only against its
    neighbours, so a map of a thousand places costs in proportion to its labels, not their square."""

    CELL = 24.0

    def __init__(self, boxes: list[Box]) -> None:
        self.cells: dict[tuple[int, int], list[Box]] = {}
        for box in boxes:
            self.add(box)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        return [(i, j) for i in range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
                for j in range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)

    def near(self, box: Box) -> list[Box]:
        """Every box that touches `box`'s cells (a superset of those it overlaps)."""
        found: list[Box] = []
        for key in self._keys(box):
            found.extend(self.cells.get(key, ()))
        return found

    def hits(self, box: Box) -> bool:
        c, cells = self.CELL, self.cells
        x0, y0, x1, y1 = box
        for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1):
            for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1):
                for o in cells.get((i, j), ()):
                    if x0 < o[2] and o[0] < x1 and y0 < o[3] and o[1] < y1:  # overlaps(box, o)
                        return True
        return False


def _padded(box: Box) -> Box:
    return (box[0] - PAD, box[1] - PAD, box[2] + PAD, box[3] + PAD)


def _fits(box: Box, width: float, height: float, taken: _Grid) -> bool:
    inside = box[0] >= 1 and box[1] >= 1 and box[2] <= width - 1 and box[3] <= height - 1
    return inside and not taken.hits(box)


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


def _clear(spot: Placed, texts: _Grid) -> bool:
    """A leader line must not run through another label (it may pass a marker, as a road would)."""
    if spot.leader is None:
        return True
    x1, y1, x2, y2 = spot.leader
    return not any(crosses(spot.leader, b) for b in texts.near((min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))))


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


def _first_free(want: Want, width: float, height: float, taken: _Grid, texts: _Grid, anywhere: bool = True) -> tuple[Placed | None, Placed | None]:
    """The first free spot whose leader crosses none of `texts`, and the first free spot (None if
    no spot was free at all); `anywhere`: when none around the point is, the rest of the picture
    is searched too."""
    first_fit: Placed | None = None
    for share in SMALLER:
        size = want.size * share
        for ring, distance in enumerate((want.gap, want.gap + size * 1.2, want.gap + size * 2.6, want.gap + size * 4.2)):
            for left, top, anchor in _candidates(want, size, distance):
                box = (left, top, left + want.em_width * size, top + size * 1.2)
                if _fits(box, width, height, taken):
                    spot = _make(want, size, left, top, anchor, leader=ring > 0)
                    if first_fit is None:
                        first_fit = spot
                    if _clear(spot, texts):
                        return spot, first_fit
    if not anywhere:
        return None, first_fit
    # Anywhere free in the picture, nearest first, in the smallest type, with a leader line.
    size = want.size * SMALLER[-1]
    w, h = want.em_width * size, size * 1.2
    step = max(size / 2, 2.0)
    for _, left, top in _nearest_spots(want, w, h, step, width, height):
        box = (left, top, left + w, top + h)
        if _fits(box, width, height, taken):
            spot = _make(want, size, left, top, "start", leader=True)
            if first_fit is None:
                first_fit = spot
            if _clear(spot, texts):
                return spot, first_fit
    return None, first_fit


def _nearest_spots(want: Want, w: float, h: float, step: float, width: float, height: float) -> Iterator[tuple[float, float, float]]:
    """The SEARCHED grid spots (distance², left, top) whose box centres lie nearest the point, in
    that order: the first SEARCHED of all the picture's spots sorted, made lazily. Spots come by
    rings around the point, each sorted, the radius doubling; a ring holds the spots farther than
    the last radius and no farther than its own, so the rings follow on in the sorted order."""
    rows, cols = int((height - h) // step) + 1, int((width - w) // step) + 1
    given, inner, radius = 0, -1.0, step * 4
    while given < SEARCHED:
        # Box centres: cx = 1 + col * step + w / 2, cy = 1 + row * step + h / 2.
        c0 = max(0, math.floor((want.x - radius - 1 - w / 2) / step))
        c1 = min(cols - 1, math.ceil((want.x + radius - 1 - w / 2) / step))
        r0 = max(0, math.floor((want.y - radius - 1 - h / 2) / step))
        r1 = min(rows - 1, math.ceil((want.y + radius - 1 - h / 2) / step))
        whole = c0 == 0 and r0 == 0 and c1 == cols - 1 and r1 == rows - 1
        outer = math.inf if whole else radius * radius
        ring = []
        for row in range(r0, r1 + 1):
            top = 1 + row * step
            for col in range(c0, c1 + 1):
                left = 1 + col * step
                distance = (left + w / 2 - want.x) ** 2 + (top + h / 2 - want.y) ** 2
                if inner < distance <= outer:
                    ring.append((distance, left, top))
        ring.sort()
        for spot in ring[: SEARCHED - given]:
            yield spot
        given += len(ring)
        if whole:
            return
        inner, radius = outer, radius * 2
