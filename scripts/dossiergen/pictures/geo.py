"""Build-time SVG maps: Natural Earth country outlines with linked places; no tiles, no JS."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from .svg import clean, ident, text

# 110m: about 100 KB for the whole world, detailed enough at 800 units for a region as
# small as Western Europe; the 50m file would multiply the SVG size by ten for no gain.
ATLAS = Path(__file__).parent / "data" / "world-atlas" / "countries-110m.json"

Ring = tuple[tuple[float, float], ...]  # (lon, lat) in degrees, closed (first == last)
Piece = tuple["Shape", float]  # a polygon and the longitude shift (0 or ±360) it is drawn with
Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in SVG units

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: str
    label: str  # untrusted display text
    href: str  # relative URL of the place's page
    lat: float
    lon: float
    kind: str  # "country" highlights the country that contains the point


@dataclass(frozen=True, slots=True)
class Extent:
    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        if not (-180 <= self.west < self.east <= 180 and -90 <= self.south < self.north <= 90):
            raise ValueError(f"bad extent {self}: need west < east and south < north, in degrees")

    def contains(self, lat: float, lon: float) -> bool:
        """True if the point lies inside the extent (edges included)."""
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def meets(self, west: float, south: float, east: float, north: float) -> bool:
        """True if a lon/lat bounding box intersects the extent."""
        return west <= self.east and east >= self.west and south <= self.north and north >= self.south


@dataclass(frozen=True, slots=True)
class Shape:
    """One polygon: its exterior ring, then its holes."""

    rings: tuple[Ring, ...]
    bbox: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, lat: float, lon: float) -> bool:
        """Even-odd ray casting over every ring, so a point in a hole is outside."""
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # Natural Earth English short name, e.g. "Uzbekistan"
    shapes: tuple[Shape, ...]

    def contains(self, lat: float, lon: float) -> bool:
        """True if one of the country's polygons contains the point."""
        return any(s.contains(lat, x) for s in self.shapes for x in (lon, lon + 360, lon - 360)
                   if s.bbox[0] <= x <= s.bbox[2] and s.bbox[1] <= lat <= s.bbox[3])


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Decode the vendored TopoJSON once: delta-decoded, transformed arcs stitched into rings."""
    topo = json.loads(ATLAS.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        points: list[tuple[float, float]] = []
        for i in indexes:
            arc = arcs[i] if i >= 0 else arcs[~i][::-1]
            points.extend(arc[1:] if points else arc)  # consecutive arcs share an end point
        # Rings crossing the antimeridian (Chukotka, Fiji) jump from 180 to -180: unwrap them
        # past 180 so no edge crosses the whole map. A ring round a pole (Antarctica) does
        # not close once unwrapped; its jump runs along the map's edge, so it stays.
        unwrapped, shift = points[:1], 0.0
        for (x0, _), (x, y) in zip(points, points[1:]):
            shift += 360 if x0 - x > 180 else -360 if x - x0 > 180 else 0
            unwrapped.append((x + shift, y))
        return tuple(unwrapped if shift == 0 else points)

    result = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}.get(geometry["type"], [])
        shapes = []
        for polygon in polygons:
            rings = tuple(ring(r) for r in polygon)
            lons, lats = [p[0] for p in rings[0]], [p[1] for p in rings[0]]
            shapes.append(Shape(rings, (min(lons), min(lats), max(lons), max(lats))))
        result.append(Country(str(geometry["properties"]["name"]), tuple(shapes)))
    return tuple(result)


@lru_cache(maxsize=4096)
def country_at(lat: float, lon: float) -> Country | None:
    """The country whose outline contains the point, or None (sea, or too small for 110m)."""
    return next((c for c in countries() if c.contains(lat, lon)), None)


@dataclass(frozen=True, slots=True)
class Frame:
    """Equirectangular projection: a degree of longitude is cos(mid latitude) of a degree of latitude."""

    extent: Extent
    width: int
    height: int
    kx: float  # SVG units per degree of longitude
    ky: float  # SVG units per degree of latitude

    @classmethod
    def of(cls, extent: Extent, width: int) -> Frame:
        """Fit the extent into `width` units; the height follows from the projection."""
        kx = width / (extent.east - extent.west)
        ky = kx / math.cos(math.radians((extent.south + extent.north) / 2))
        return cls(extent, width, max(1, round((extent.north - extent.south) * ky)), kx, ky)

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """SVG coordinates of a point: east is right, north is up."""
        return (lon - self.extent.west) * self.kx, (self.extent.north - lat) * self.ky


def points_in(extent: Extent, points: list[MapPoint]) -> list[MapPoint]:
    """The points map_svg draws: inside the extent, or countries whose outline reaches into it."""
    return [p for p in points if extent.contains(p.lat, p.lon) or _visible_shapes(extent, p)]


def _visible(extent: Extent, shapes: tuple[Shape, ...]) -> tuple[Piece, ...]:
    """The polygons, or their copies a turn of the globe away, whose bounding box meets the extent."""
    return tuple((s, shift) for s in shapes for shift in (0.0, -360.0, 360.0)
                 if extent.meets(s.bbox[0] + shift, s.bbox[1], s.bbox[2] + shift, s.bbox[3]))


def _visible_shapes(extent: Extent, point: MapPoint) -> tuple[Piece, ...]:
    country = country_at(point.lat, point.lon) if point.kind == "country" else None
    return _visible(extent, country.shapes) if country else ()


def _num(tenths: int) -> str:
    """Format tenths of a unit as compactly as SVG allows: 5 -> ".5", -12 -> "-1.2", 30 -> "3"."""
    whole, frac = divmod(abs(tenths), 10)
    sign = "-" if tenths < 0 else ""
    return f"{sign}{whole}" if not frac else f"{sign}{whole or ''}.{frac}"


def _join(numbers: list[str]) -> str:
    """Join path numbers, dropping the separator where "-" or a second "." already splits them."""
    out: list[str] = []
    for n in numbers:
        if out and n[0] != "-" and not (n[0] == "." and "." in out[-1]):
            out.append(" ")
        out.append(n)
    return "".join(out)


def _path(frame: Frame, pieces: tuple[Piece, ...]) -> str:
    """Path data in tenths of a unit: absolute move per ring, then relative lines."""
    parts = []
    for shape, shift in pieces:
        for ring in shape.rings:
            pts: list[tuple[int, int]] = []
            for lon, lat in ring:
                x, y = frame.xy(lat, lon + shift)
                p = (round(x * 10), round(y * 10))
                if not pts or p != pts[-1]:
                    pts.append(p)
            if len(pts) > 1 and pts[0] == pts[-1]:
                pts.pop()  # "z" closes the ring
            if len(pts) < 3:
                continue  # an island or lake smaller than a tenth of a unit
            deltas = [_num(v) for a, b in zip(pts, pts[1:]) for v in (b[0] - a[0], b[1] - a[1])]
            parts.append(f"M{_join([_num(pts[0][0]), _num(pts[0][1])])}l{_join(deltas)}z")
    return "".join(parts)


def _attr(value: float) -> str:
    return _num(round(value * 10))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _place_label(x: float, y: float, gap: float, text_width: float, font: float, frame: Frame,
                 taken: list[Box], centred: bool) -> tuple[float, float, str] | None:
    """First free spot right, left, above, below the point (centred first for a country), or None."""
    w, half = text_width, font / 2
    # (left, top) of each candidate box, anchor x, text-anchor.
    spots = [((x + gap, y - half), x + gap, "start"), ((x - gap - w, y - half), x - gap, "end"),
             ((x - w / 2, y - gap - font), x, "middle"), ((x - w / 2, y + gap), x, "middle")]
    if centred:
        spots.insert(0, ((x - w / 2, y - half), x, "middle"))
    for (left, top), anchor_x, anchor in spots:
        box = (left, top, left + w, top + font)
        inside = left >= 0 and top >= 0 and box[2] <= frame.width and box[3] <= frame.height
        if inside and not any(_overlaps(box, other) for other in taken):
            taken.append(box)
            return anchor_x, top + 0.8 * font, anchor  # baseline leaves 0.2 em for descenders
    return None


def map_svg(points: list[MapPoint], extent: Extent, title: str, width: int = 800, id_prefix: str = "") -> Markup:
    """An inline SVG map of `extent`: country outlines, highlighted countries and place markers, all linked.

    Points outside the extent are left out (see points_in). A country point whose outline is
    not in the 110m data (a microstate, or a point at sea) gets a marker like a city.
    Raises:
        ValueError: an href with a scheme or host; only relative links to the site's pages.
    """
    frame = Frame.of(extent, width)
    prefix = ident(id_prefix or f"carte-{title}", "carte")
    font, radius = width / 36, width / 80  # 22 and 10 at 800: 10 px text and a 9 px dot at 375 px
    # Label priority: places with a dot first, then vague regions, then countries (their shape names them).
    rank = {"region": 1, "country": 2}
    shown = sorted(points_in(extent, points), key=lambda p: (rank.get(p.kind, 0), p.id, p.label, p.href, p.lat, p.lon))
    for p in shown:
        if _SCHEME.match(clean(p.href)):  # checked as written out, after control characters go
            raise ValueError(f"map link for {p.id!r} must be relative, got {p.href!r}")
    placed = [(p, _visible_shapes(extent, p), *frame.xy(p.lat, p.lon)) for p in shown]
    lit = {id(s) for _, pieces, _, _ in placed for s, _ in pieces}
    base = tuple(piece for c in countries() for piece in _visible(extent, c.shapes) if id(piece[0]) not in lit)
    names = ", ".join(sorted({clean(p.label) for p in shown} - {""}, key=lambda n: (n.casefold(), n)))  # total: "Ville" and "VILLE" too
    desc = f"Lieux : {names}. Fond de carte : Natural Earth." if names else "Fond de carte : Natural Earth."
    # role="group", not "img": an img's children are presentational, which would hide the links
    # from screen readers.
    lines = [
        Markup('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" class="carte" role="group" '
               'aria-labelledby="{p}-titre {p}-desc">').format(frame.width, frame.height, p=prefix),
        Markup('<title id="{}-titre">{}</title>').format(prefix, text(title)),
        Markup('<desc id="{}-desc">{}</desc>').format(prefix, text(desc)),
        # currentColor follows the page's text colour, so the fallback works in light and dark mode.
        Markup('<path class="carte-pays" fill="currentColor" fill-opacity=".12" stroke="currentColor" '
               'stroke-opacity=".45" stroke-width=".8" stroke-linejoin="round" d="{}"/>').format(_path(frame, base)),
        Markup('<g class="carte-liens-pays" fill="#e8710a" fill-opacity=".45" stroke="currentColor" '
               'stroke-opacity=".6" stroke-width="1" stroke-linejoin="round">'),
    ]
    for p, pieces, _, _ in placed:
        if pieces:
            lines.append(Markup('<a href="{}"><title>{}</title><path class="carte-pays-lie" d="{}"/></a>')
                         .format(text(p.href), text(p.label), _path(frame, pieces)))
    lines.append(Markup('</g>\n<g class="carte-points" fill="#d93025" stroke="#fff" stroke-width="2.5">'))
    taken: list[Box] = []
    for p, pieces, x, y in placed:
        if not pieces:
            taken.append((x - radius, y - radius, x + radius, y + radius))  # labels must not hide a dot
            lines.append(Markup('<a href="{}"><title>{}</title><circle class="carte-point" cx="{}" cy="{}" r="{}"/>'
                                '</a>').format(text(p.href), text(p.label), _attr(x), _attr(y), _attr(radius)))
    # The halo is the system background colour (Canvas), which Material's dark scheme turns dark.
    lines.append(Markup('</g>\n<g class="carte-etiquettes" fill="currentColor" stroke="Canvas" stroke-width="{}" '
                        'stroke-linejoin="round" paint-order="stroke" font-size="{}" '
                        'font-family="system-ui,sans-serif">').format(_attr(font / 5), _attr(font)))
    for p, pieces, x, y in placed:
        label = clean(p.label)
        # Average sans-serif advance is about 0.55 em; 0.6 errs towards fewer, safer labels.
        spot = _place_label(x, y, 0 if pieces else radius + 3, len(label) * 0.6 * font,
                            font, frame, taken, centred=bool(pieces)) if label else None
        if spot:
            # The dot or shape is the keyboard stop; the label is a second, mouse-only target.
            lines.append(Markup('<a href="{}" tabindex="-1" aria-hidden="true"><text class="carte-etiquette" '
                                'x="{}" y="{}" text-anchor="{}">{}</text></a>')
                         .format(text(p.href), _attr(spot[0]), _attr(spot[1]), spot[2], text(label)))
    lines.append(Markup("</g>\n</svg>"))
    return Markup("\n").join(lines)
