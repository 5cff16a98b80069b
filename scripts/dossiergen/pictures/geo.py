"""Build-time SVG maps: Natural Earth country outlines with linked places; no tiles, no JS."""
from __future__ import annotations

import bisect
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

from . import labels as lb
from .svg import clean, ident, text, text_width

# 110m: about 100 KB for the whole world, detailed enough at 800 units for a region as
# small as Western Europe; the 50m file would multiply the SVG size by ten for no gain.
ATLAS = Path(__file__).parent / "data" / "world-atlas" / "countries-110m.json"

Ring = tuple[tuple[float, float], ...]  # (lon, lat) in degrees, closed (first == last)
Piece = tuple["Shape", float]  # a polygon and the longitude shift (0 or ±360) it is drawn with

_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*:|//)")


@dataclass(frozen=True, slots=True)
class MapPoint:
    id: str
    label: str  # untrusted display text
    href: str  # relative URL of the place's page
    lat: float
    lon: float
    kind: str  # "country" highlights the country that contains the point
    role: str = ""  # a country's part in the story, a key of ROLES ("" for a cited country)
    weight: int = 0  # importance: heavier places are labelled first
    current: bool = False  # the page the map sits on: drawn stronger, not a link away


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
        """Even-odd ray casting over every ring, so a point in a hole is outside. A point outside
        the bounding box crosses the rings an even number of times: it is out, without casting."""
        if not (self.bbox[0] <= lon <= self.bbox[2] and self.bbox[1] <= lat <= self.bbox[3]):
            return False
        inside = False
        for ring in self.rings:
            for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
                if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                    inside = not inside
        return inside

    def crossings(self, lat: float) -> list[float]:
        """Where the parallel `lat` crosses the rings, west to east: a point of that parallel is
        inside (as `contains` says) when an odd number of them lie east of it. For a whole row
        of points, one pass over the edges instead of one per point."""
        if not self.bbox[1] <= lat <= self.bbox[3]:
            return []
        return sorted(x1 + (lat - y1) * (x2 - x1) / (y2 - y1) for ring in self.rings
                      for (x1, y1), (x2, y2) in zip(ring, ring[1:]) if (y1 > lat) != (y2 > lat))


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


# A country's part in the story: its fill and its line in the legend, strongest first. Okabe and
# Ito's colour-blind-safe hues (orange and blue never merge, whatever the colour vision), told
# apart by lightness too; dark mode lightens them in dossier.css.
ROLES = {
    "base": ("#e69f00", ".75", "Pays où se trouve une base militaire citée"),
    "evenement": ("#0072b2", ".5", "Pays où a eu lieu un événement du dossier"),
    "": ("#56b4e9", ".3", "Autre pays cité dans le dossier"),
}
MARKERS = {"city": "Ville", "base": "Base militaire ou aéroport", "region": "Région (nom en italique)"}


@dataclass(frozen=True, slots=True)
class Drawing:
    """One map: its SVG, the roles and markers it shows (for the legend), the labels left off."""

    svg: Markup
    roles: tuple[str, ...]
    markers: tuple[str, ...]
    unlabelled: tuple[MapPoint, ...]


def _marker(kind: str) -> str:
    return "base" if kind in ("base", "airport") else "region" if kind == "region" else "city"


def map_svg(points: list[MapPoint], extent: Extent, title: str, width: int = 800, id_prefix: str = "",
            font: float = 0) -> Markup:
    """The SVG of draw_map."""
    return draw_map(points, extent, title, width, id_prefix, font).svg


def draw_map(points: list[MapPoint], extent: Extent, title: str, width: int = 800, id_prefix: str = "",
             font: float = 0) -> Drawing:
    """An inline SVG map of `extent`: country outlines filled by role, place markers, all linked, every label placed.

    Points outside the extent are left out (see points_in). A country point whose outline is
    not in the 110m data (a microstate, or a point at sea) gets a marker like a city. Labels
    are placed by importance (current page, then places with a marker, then countries, then
    regions; heavier first) beside their point, farther out with a leader line, or smaller;
    only a label for which the picture has no room left is listed in `unlabelled`.
    Raises:
        ValueError: an href with a scheme or host; only relative links to the site's pages.
    """
    frame = Frame.of(extent, width)
    prefix = ident(id_prefix or f"carte-{title}", "carte")
    font = font or width / 36  # 22 at 800 units
    radius = max(font * 0.42, width / 90)
    rank = {"region": 2, "country": 1}
    shown = sorted(points_in(extent, points), key=lambda p: (not p.current, rank.get(p.kind, 0), -p.weight, p.id, p.label, p.href, p.lat, p.lon))
    for p in shown:
        if _SCHEME.match(clean(p.href)):  # checked as written out, after control characters go
            raise ValueError(f"map link for {p.id!r} must be relative, got {p.href!r}")
    placed = [(p, pieces, *_anchor(frame, p, pieces)) for p in shown for pieces in [_visible_shapes(extent, p)]]
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
        Markup('<path class="carte-pays" fill="currentColor" fill-opacity=".1" stroke="currentColor" '
               'stroke-opacity=".4" stroke-width=".8" stroke-linejoin="round" d="{}"/>').format(_path(frame, base)),
        Markup('<g class="carte-liens-pays" stroke="currentColor" stroke-opacity=".7" stroke-width="1" stroke-linejoin="round">'),
    ]
    roles: set[str] = set()
    for p, pieces, _, _ in placed:
        if pieces:
            role = p.role if p.role in ROLES else ""
            roles.add(role)
            colour, opacity, _ = ROLES[role]
            extra = Markup(' aria-current="page"') if p.current else Markup("")
            cls = f"carte-pays-lie carte-role-{role or 'cite'}" + (" carte-courant" if p.current else "")
            lines.append(Markup('<a href="{}"{}><title>{}</title><path class="{}" fill="{}" fill-opacity="{}" d="{}"/></a>')
                         .format(text(p.href), extra, text(p.label), cls, colour, opacity, _path(frame, pieces)))
    # Markers: the text colour with a halo of the page's background (Canvas turns dark in dark mode).
    lines.append(Markup('</g>\n<g class="carte-points" fill="currentColor" stroke="Canvas" stroke-width="{}">').format(_attr(radius / 3)))
    placed = _apart(placed, radius)
    taken: list[lb.Box] = []
    markers: set[str] = set()
    for p, pieces, x, y in placed:
        if pieces:
            continue
        kind = _marker(p.kind)
        markers.add(kind)
        r = radius * (1.3 if p.current else 1)
        taken.append((x - r - 1, y - r - 1, x + r + 1, y + r + 1))  # labels must not hide a marker
        extra = Markup(' aria-current="page"') if p.current else Markup("")
        cls = f"carte-point carte-{kind}" + (" carte-courant" if p.current else "")
        if kind == "base":
            shape = Markup('<rect class="{}" x="{}" y="{}" width="{}" height="{}"/>').format(cls, _attr(x - r), _attr(y - r), _attr(2 * r), _attr(2 * r))
        elif kind == "region":
            shape = Markup('<circle class="{}" cx="{}" cy="{}" r="{}" fill="none" stroke="currentColor" stroke-width="{}"/>').format(
                cls, _attr(x), _attr(y), _attr(r * 0.8), _attr(r / 2.5))
        else:
            shape = Markup('<circle class="{}" cx="{}" cy="{}" r="{}"/>').format(cls, _attr(x), _attr(y), _attr(r))
        lines.append(Markup('<a href="{}"{}><title>{}</title>{}</a>').format(text(p.href), extra, text(p.label), shape))
    wants, owners = [], []
    for p, pieces, x, y in placed:
        label = clean(p.label)
        if not label:
            continue
        size = font * (0.85 if pieces else 0.9 if p.kind == "region" else 1)
        style = _style(p, bool(pieces))
        em = text_width(label.upper() if "majuscules" in style else label, 1) * (1.05 if "gras" in style else 1)
        gap = 0 if pieces else radius * (1.3 if p.current else 1) + 2
        wants.append(lb.Want(x, y, em, size, gap, centred=bool(pieces)))
        owners.append((p, label, style))
    spots = lb.place(wants, frame.width, frame.height, taken)
    lines.append(Markup('</g>\n<g class="carte-etiquettes" fill="currentColor" stroke="Canvas" stroke-width="{}" '
                        'stroke-linejoin="round" paint-order="stroke" font-size="{}" '
                        'font-family="system-ui,sans-serif">').format(_attr(font / 5), _attr(font)))
    unlabelled = []
    for (p, label, style), spot in zip(owners, spots):
        if spot is None:
            unlabelled.append(p)
            continue
        if spot.leader:
            x1, y1, x2, y2 = spot.leader
            lines.append(Markup('<path class="carte-renvoi" d="M{} {}L{} {}" fill="none" stroke="currentColor" stroke-width="1"/>')
                         .format(_attr(x1), _attr(y1), _attr(x2), _attr(y2)))
        shown_text = label.upper() if "majuscules" in style else label
        sized = Markup(' font-size="{}"').format(_attr(spot.size)) if abs(spot.size - font) > 0.05 else Markup("")
        # The marker or shape is the keyboard stop; the label is a second, mouse-only target.
        look = Markup("").join(Markup(attr) for key, attr in _LOOKS.items() if key in style.split())
        lines.append(Markup('<a href="{}" tabindex="-1" aria-hidden="true"><text class="carte-etiquette {}" '
                            'x="{}" y="{}" text-anchor="{}"{}{}>{}</text></a>')
                     .format(text(p.href), style, _attr(spot.x), _attr(spot.y), spot.anchor, sized, look, text(shown_text)))
    lines.append(Markup("</g>\n</svg>"))
    ordered_roles = tuple(r for r in ROLES if r in roles)
    ordered_markers = tuple(m for m in MARKERS if m in markers)
    return Drawing(Markup("\n").join(lines), ordered_roles, ordered_markers, tuple(unlabelled))


def _apart(placed: list[tuple[MapPoint, tuple[Piece, ...], float, float]], radius: float
           ) -> list[tuple[MapPoint, tuple[Piece, ...], float, float]]:
    """Markers that would cover a more important one (Kabul and its airport, 5 km apart) are
    moved aside, just clear of it, away from it (east when they coincide)."""
    out: list[tuple[MapPoint, tuple[Piece, ...], float, float]] = []
    for p, pieces, x, y in placed:
        if not pieces:
            for _ in range(8):
                near = next(((ox, oy) for q, qp, ox, oy in out if not qp and math.hypot(x - ox, y - oy) < 2.4 * radius), None)
                if near is None:
                    break
                dx, dy = x - near[0], y - near[1]
                d = math.hypot(dx, dy)
                ux, uy = (dx / d, dy / d) if d > 0.5 else (1.0, 0.0)
                x, y = near[0] + ux * 2.6 * radius, near[1] + uy * 2.6 * radius
        out.append((p, pieces, x, y))
    return out


def _anchor(frame: Frame, p: MapPoint, pieces: tuple[Piece, ...]) -> tuple[float, float]:
    """Where the point is drawn; for a country whose point is off the map, the spot of its visible
    part farthest from its edges and the map's (a grid's distance transform: cheap and exact enough)."""
    x, y = frame.xy(p.lat, p.lon)
    if not pieces or frame.extent.contains(p.lat, p.lon):
        return x, y
    step = max(frame.width / 50, 1.0)
    cols, rows = int(frame.width // step), int(frame.height // step)
    inside = set()
    for row in range(rows):
        cy = (row + 0.5) * step
        lat = frame.extent.north - cy / frame.ky
        rows_crossed = [(xs, shift) for shape, shift in pieces for xs in [shape.crossings(lat)] if xs]
        for col in range(cols):
            cx = (col + 0.5) * step
            lon = frame.extent.west + cx / frame.kx
            # Inside one piece: an odd number of its crossings east of the point (Shape.contains).
            if any((len(xs) - bisect.bisect_right(xs, lon - shift)) % 2 for xs, shift in rows_crossed):
                inside.add((col, row))
    if not inside:
        return min(max(x, 0.0), frame.width), min(max(y, 0.0), frame.height)
    depth = {cell: 1 for cell in inside if any(n not in inside for n in _around(cell))}
    ring = list(depth)
    while ring:  # breadth first, inwards from the edge cells
        nxt = []
        for cell in ring:
            for n in _around(cell):
                if n in inside and n not in depth:
                    depth[n] = depth[cell] + 1
                    nxt.append(n)
        ring = nxt
    col, row = max(sorted(depth), key=lambda c: depth[c])
    return (col + 0.5) * step, (row + 0.5) * step


def _around(cell: tuple[int, int]) -> tuple[tuple[int, int], ...]:
    col, row = cell
    return ((col + 1, row), (col - 1, row), (col, row + 1), (col, row - 1))


# As attributes, so the map reads the same without the site's CSS.
_LOOKS = {"gras": ' font-weight="700"', "carte-etiquette-region": ' font-style="italic"',
          "carte-etiquette-pays": ' fill-opacity=".85"'}


def _style(p: MapPoint, country: bool) -> str:
    """The label's classes: a country in capitals, a region in italics, the current place in bold."""
    parts = ["carte-etiquette-pays majuscules"] if country else ["carte-etiquette-region"] if p.kind == "region" else []
    if p.current:
        parts.append("carte-etiquette-courante gras")
    return " ".join(parts) or "carte-etiquette-lieu"
