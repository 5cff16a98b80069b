"""The maps of the site: the places index's maps, and a small map on each place and theme page.

Which country plays which part in the story (it holds a cited base, an event took place there,
or it is only cited) and how important each place is (how many events name it) come from the
dossier; geo.py draws. Each map comes as a figure: a link to skip past its links, the picture
(a wide and a narrow drawing where the map is large, so its names stay readable on a phone),
and a legend.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Optional

from markupsafe import Markup

from ..addresses import page_path
from ..core.text import slugify
from ..model import records as r
from ..model.dossier import Dossier
from ..pictures import geo
from ..pictures.svg import text
from .views import Page

# The places index: the subject first (Central Asia and its neighbours), then the meetings'
# Europe and Middle East, then the whole story from Washington to Kabul.
MAPS = (
    ("Asie centrale et pays voisins", geo.Extent(west=44, south=28, east=84, north=56)),
    ("Europe, Moyen-Orient et Asie centrale", geo.Extent(west=-5, south=25, east=78, north=64)),
    ("Vue d’ensemble", geo.Extent(west=-125, south=15, east=95, north=70)),
)
# Wide drawings for a desktop column (about 700 px: 16 units read as 14 px), narrow ones for a
# phone (about 340 px: 14.5 units read as 12 px). Small maps are 26rem (420 px) at most.
WIDE, NARROW, SMALL = (800, 16.0), (400, 14.5), (420, 15.0)
MIN_SPAN = (14.0, 9.0)  # degrees of longitude and latitude a small map shows at least
NEIGHBOURS = 40.0  # degrees of longitude up to which a place's map names its neighbours too
# Places a small map shows at most: a locator, not an index (the places index maps them all).
# Past this, a crowd of names costs more to place than the page itself and reads as noise.
SMALL_MOST = 30


def country_of(dossier: Dossier, place_id: r.RecordId) -> Optional[r.RecordId]:
    """The country a place is in: itself, its `country`, or that of the places it lies within."""
    seen: set[str] = set()
    current: Optional[r.RecordId] = place_id
    while current is not None and current not in seen:
        seen.add(current)
        place = dossier.get("places", current)
        assert isinstance(place, r.Place)
        if place.kind == "country":
            return place.id
        if place.country:
            return place.country
        current = place.within
    return None


def _points(dossier: Dossier, page: Page, current: str = "") -> list[geo.MapPoint]:
    """Every place with coordinates, with its country's role and its weight (events naming it)."""
    return [geo.MapPoint(p.id, p.name, page.url(page_path("places", p.id)), at.lat, at.lon, p.kind, role, weight, p.id == current)
            for p, at, role, weight in _roles_and_weights(dossier)]


# The last dossier's places with their roles and weights: the same for every map of a build
# (each place and theme page draws one), so worked out once, not once per page.
_ROLES_AND_WEIGHTS: list[tuple[Dossier, list[tuple[r.Place, r.Coordinates, str, int]]]] = []


def _roles_and_weights(dossier: Dossier) -> list[tuple[r.Place, r.Coordinates, str, int]]:
    """(place, its coordinates, its country's role, how many events name it) for every place with coordinates."""
    if _ROLES_AND_WEIGHTS and _ROLES_AND_WEIGHTS[0][0] is dossier:
        return _ROLES_AND_WEIGHTS[0][1]
    weight: dict[str, int] = {}
    venues: set[str] = set()
    for event in dossier.all("events"):
        assert isinstance(event, r.Event)
        for pid in sorted(set(event.place_ids)):
            weight[pid] = weight.get(pid, 0) + 1
            country = country_of(dossier, pid)
            if country:
                venues.add(country)
                if country != pid:
                    weight[country] = weight.get(country, 0) + 1
    places = [p for p in dossier.all("places") if isinstance(p, r.Place)]
    bases = {country_of(dossier, p.id) for p in places if p.kind == "base"}
    out = [(p, p.coordinates, "base" if p.id in bases else "evenement" if p.id in venues else "", weight.get(p.id, 0)) for p in places if p.coordinates]
    _ROLES_AND_WEIGHTS[:] = [(dossier, out)]
    return out


def index_maps(dossier: Dossier, page: Page) -> list[tuple[str, Markup]]:
    """The places index's maps: (title, figure), each drawn wide and narrow."""
    points = _points(dossier, page)
    out = []
    for i, (title, extent) in enumerate(MAPS, 1):
        name = f"Carte des lieux du dossier : {title[0].lower()}{title[1:]}"
        wide = geo.draw_map(points, extent, name, WIDE[0], f"carte-{i}", WIDE[1])
        narrow = geo.draw_map(points, extent, name, NARROW[0], f"carte-{i}-etroite", NARROW[1])
        out.append((title, figure(f"carte-{i}", [wide, narrow], title)))
    return out


def place_map(dossier: Dossier, page: Page, place: r.Place) -> Markup:
    """A small map of the place and its neighbours, or nothing when it has no coordinates."""
    if not place.coordinates:
        return Markup("")
    points = _points(dossier, page, place.id)
    near = [p for p in points if p.id == place.id or p.id in _family(dossier, place)]
    country = geo.country_at(place.coordinates.lat, place.coordinates.lon) if place.kind == "country" else None
    boxes = [_main_bbox(country)] if country else []
    extent = _extent([(p.lat, p.lon) for p in near], boxes)
    # A close-up names every place of the dossier in sight; a map as wide as Russia only the
    # place and its own (the rest would be a crowd of leader lines at this size).
    only = None if extent.east - extent.west <= NEIGHBOURS else {p.id for p in near}
    return _small(points, extent, f"Carte : {place.name} et ses environs", f"carte-{place.id}", only, frozenset(p.id for p in near))


def topic_map(dossier: Dossier, page: Page, events: Iterable[r.Event], topic: r.Topic) -> Markup:
    """A small map of the places of a theme's events, or nothing when they have no coordinates."""
    ids = {pid for event in events for pid in event.place_ids}
    points = [p for p in _points(dossier, page) if p.id in ids]
    if not points:
        return Markup("")
    return _small(_points(dossier, page), _extent([(p.lat, p.lon) for p in points], []),
                  f"Carte des lieux du thème : {topic.name}", f"carte-{topic.id}", only={p.id for p in points})


def _family(dossier: Dossier, place: r.Place) -> set[str]:
    """The place's country and container, and the places that lie within it."""
    ids: set[str] = {i for i in (place.country, place.within) if i}
    ids |= {link.owner_id for link in dossier.backlinks_of("places", place.id) if link.owner_kind == "places" and link.field in ("within", "country")}
    return ids


def _main_bbox(country: geo.Country) -> tuple[float, float, float, float]:
    """West, south, east, north of the country's largest polygon (not its far islands)."""
    main = max(country.shapes, key=lambda s: (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]))
    return main.bbox


def _extent(latlons: list[tuple[float, float]], boxes: list[tuple[float, float, float, float]]) -> geo.Extent:
    """The smallest extent holding the points and boxes, padded, at least MIN_SPAN, inside the world."""
    west = min([lon for _, lon in latlons] + [b[0] for b in boxes])
    east = max([lon for _, lon in latlons] + [b[2] for b in boxes])
    south = min([lat for lat, _ in latlons] + [b[1] for b in boxes])
    north = max([lat for lat, _ in latlons] + [b[3] for b in boxes])
    padx, pady = max((east - west) * 0.15, (MIN_SPAN[0] - (east - west)) / 2), max((north - south) * 0.15, (MIN_SPAN[1] - (north - south)) / 2)
    west, east = max(-180.0, west - padx), min(180.0, east + padx)
    south, north = max(-85.0, south - pady), min(85.0, north + pady)
    return geo.Extent(west=math.floor(west), south=math.floor(south), east=math.ceil(east), north=math.ceil(north))


def _small(points: list[geo.MapPoint], extent: geo.Extent, title: str, key: str, only: Optional[set[str]] = None,
           first: frozenset[str] = frozenset()) -> Markup:
    """A small map: the given places (all of them, or `only` those) in the extent; past
    SMALL_MOST of them, the `first` ones and then those most events name."""
    shown = geo.points_in(extent, [p for p in points if only is None or p.id in only])
    caption = title
    if len(shown) > SMALL_MOST:
        kept = {p.id for p in sorted(shown, key=lambda p: (not p.current, p.id not in first, -p.weight, p.id))[:SMALL_MOST]}
        caption = f"{title} — {SMALL_MOST} des {len(shown)} lieux du dossier dans cette zone, ceux que nomment le plus d’événements"
        shown = [p for p in shown if p.id in kept]
    drawing = geo.draw_map(shown, extent, title, SMALL[0], slugify(key, 60) or "carte", SMALL[1])
    # Blank lines around: on a record page the figure is a raw HTML block of its own.
    return Markup("\n{}\n").format(figure(slugify(key, 60) or "carte", [drawing], caption, small=True))


def figure(key: str, drawings: list[geo.Drawing], caption: str, small: bool = False) -> Markup:
    """The skip link, the drawings (the first wide, the second for a phone), the legend, the skip target."""
    cls = "carte-figure carte-petite" if small else "carte-figure"
    parts = [Markup('<figure class="{}" data-pagefind-ignore="all">').format(cls),
             Markup('<a class="carte-sauter" href="#{}-fin">Passer les liens de la carte</a>').format(key)]
    for i, drawing in enumerate(drawings):
        variant = "" if len(drawings) == 1 else " carte-large" if i == 0 else " carte-etroite"
        parts.append(Markup('<div class="carte-cadre{}">{}</div>').format(variant, drawing.svg))
    parts.append(legend(drawings, caption if small else ""))
    parts.append(Markup('<span id="{}-fin" class="carte-fin" tabindex="-1"></span>').format(key))
    parts.append(Markup("</figure>"))
    return Markup("\n").join(parts)


def legend(drawings: list[geo.Drawing], caption: str) -> Markup:
    """The figure's caption: what the fills and markers mean, and any place left unnamed."""
    roles = [role for role in geo.ROLES if any(role in d.roles for d in drawings)]
    markers = [m for m in geo.MARKERS if any(m in d.markers for d in drawings)]
    items = []
    for role in roles:
        colour, opacity, label = geo.ROLES[role]
        swatch = Markup('<svg class="carte-pastille" viewBox="0 0 16 12" aria-hidden="true"><rect x=".5" y=".5" width="15" height="11" '
                        'fill="{}" fill-opacity="{}" stroke="currentColor" stroke-opacity=".7" class="carte-role-{}"/></svg>').format(colour, opacity, role or "cite")
        items.append(Markup("<li>{} {}</li>").format(swatch, label))
    shapes = {"city": '<circle cx="8" cy="6" r="4.5" fill="currentColor"/>',
              "base": '<rect x="3.5" y="1.5" width="9" height="9" fill="currentColor"/>',
              "region": '<circle cx="8" cy="6" r="3.6" fill="none" stroke="currentColor" stroke-width="1.8"/>'}
    for marker in markers:
        swatch = Markup('<svg class="carte-pastille" viewBox="0 0 16 12" aria-hidden="true">{}</svg>').format(Markup(shapes[marker]))
        items.append(Markup("<li>{} {}</li>").format(swatch, geo.MARKERS[marker]))
    head = Markup("<strong>{}</strong> ").format(caption) if caption else Markup("")
    out = [Markup('<figcaption class="carte-legende">{}<ul>{}</ul>').format(head, Markup("").join(items))]
    for i, drawing in enumerate(drawings):
        unnamed = sorted({(p.label, p.href) for p in drawing.unlabelled}, key=lambda t: (t[0].casefold(), t))
        if unnamed:  # told beside the drawing it concerns (the narrow one shows on a phone only)
            variant = "" if len(drawings) == 1 else " class=\"carte-large\"" if i == 0 else " class=\"carte-etroite\""
            out.append(Markup("<p{}>Sans nom sur la carte, faute de place : {}.</p>").format(Markup(variant),
                Markup(", ").join(Markup('<a href="{}">{}</a>').format(text(h), text(n)) for n, h in unnamed)))
    out.append(Markup("</figcaption>"))
    return Markup("").join(out)
