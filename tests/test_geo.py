"""geo.py: decoded outlines sit where they should, maps link every place, and hostile text stays inert."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from typing import Any

import markdown
import pytest
from markupsafe import Markup

from conftest import SITE_EXTENSIONS
from dossiergen.pictures import geo
from dossiergen.pictures.svg import text_width

NS = "{http://www.w3.org/2000/svg}"
EUROPE_ASIA = geo.Extent(west=-10, south=28, east=80, north=66)
USA_ASIA = geo.Extent(west=-125, south=15, east=95, north=70)
ALLOWED_TAGS = {"svg", "title", "desc", "path", "g", "a", "circle", "rect", "text"}
ALLOWED_ATTRS = {
    "viewBox", "class", "role", "aria-labelledby", "aria-hidden", "id", "href", "tabindex", "d", "cx", "cy", "r",
    "x", "y", "text-anchor", "fill", "fill-opacity", "stroke", "stroke-opacity", "stroke-width", "stroke-linejoin",
    "paint-order", "font-size", "font-family", "font-weight", "font-style", "width", "height", "aria-current",
}


def point(id: str, label: str, lat: float, lon: float, kind: str = "city") -> geo.MapPoint:
    return geo.MapPoint(id=id, label=label, href=f"{id}/", lat=lat, lon=lon, kind=kind)


# Twelve places of the dossier: cities, bases, countries, one point far outside Europe.
PLACES = [
    point("helsinki", "Helsinki", 60.17, 24.94), point("moscou", "Moscou", 55.76, 37.62),
    point("bakou", "Bakou", 40.41, 49.87), point("geneve", "Genève", 46.2, 6.14),
    point("kaboul", "Kaboul", 34.53, 69.17), point("tachkent", "Tachkent", 41.3, 69.24),
    point("manas", "Manas", 43.06, 74.48, "base"), point("karshi-khanabad", "Karshi-Khanabad", 38.83, 65.92, "base"),
    point("washington", "Washington", 38.9, -77.04), point("ouzbekistan", "Ouzbékistan", 41.4, 64.6, "country"),
    point("finlande", "Finlande", 64.0, 26.0, "country"), point("kirghizistan", "Kirghizistan", 41.2, 74.8, "country"),
]


def parse(svg: Markup) -> ET.Element:
    """Parse as XML: proves the output is well-formed, so no text escaped its element."""
    return ET.fromstring(str(svg))


def tag(element: ET.Element) -> str:
    return element.tag.removeprefix(NS)


def links(root: ET.Element) -> list[ET.Element]:
    """The keyboard-reachable links (labels are aria-hidden duplicates)."""
    return [a for a in root.iter(NS + "a") if a.get("aria-hidden") != "true"]


def path_points(d: str) -> list[tuple[float, float]]:
    """Absolute points of path data written as `M x y l dx dy ... z` rings."""
    points: list[tuple[float, float]] = []
    for ring in re.findall(r"M([^Mlz]*)l([^Mz]*)z", d):
        numbers = [float(n) for n in re.findall(r"-?(?:\d+\.?\d*|\.\d+)", " l ".join(ring))]
        x, y = numbers[0], numbers[1]
        points.append((x, y))
        for dx, dy in zip(numbers[2::2], numbers[3::2]):
            x, y = x + dx, y + dy
            points.append((x, y))
    return points


def country(name: str) -> geo.Country:
    return next(c for c in geo.countries() if c.name == name)


def test_decoded_finland_has_its_real_bounding_box() -> None:
    (shape,) = country("Finland").shapes
    west, south, east, north = shape.bbox
    assert 20 < west < 21.5 and 59.5 < south < 60.2 and 31 < east < 32 and 69.8 < north < 70.5


def test_rings_crossing_the_antimeridian_are_unwrapped() -> None:
    russia = max(country("Russia").shapes, key=lambda s: len(s.rings[0]))
    steps = [abs(b[0] - a[0]) for a, b in zip(russia.rings[0], russia.rings[0][1:])]
    assert max(steps) < 20 and russia.bbox[2] > 185  # Chukotka continues east of 180
    assert geo.country_at(65.0, -175.0) == country("Russia")


def test_projection_puts_north_up_and_east_right() -> None:
    frame = geo.Frame.of(EUROPE_ASIA, 800)
    assert frame.xy(66, -10) == (0, 0)
    x, y = frame.xy(28, 80)
    assert x == pytest.approx(800) and y == pytest.approx(frame.height, abs=1)
    helsinki, athens = frame.xy(60.17, 24.94), frame.xy(37.98, 23.73)
    assert helsinki[1] < athens[1]  # north is up
    assert frame.xy(50, 30)[0] > frame.xy(50, 10)[0]  # east is right
    # A degree of longitude is cos(47°) of a degree of latitude at the middle of the extent.
    assert frame.kx / frame.ky == pytest.approx(0.682, abs=0.001)


@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [(41.4, 64.6, "Uzbekistan"), (61.9, 25.7, "Finland"), (46.8, 8.2, "Switzerland"), (-29.5, 28.2, "Lesotho"),
     (43.0, 35.0, None)],
)
def test_country_at_finds_the_containing_outline(lat: float, lon: float, name: str | None) -> None:
    found = geo.country_at(lat, lon)
    assert (found.name if found else None) == name


def test_a_hole_is_outside_its_polygon() -> None:
    # Lesotho is a hole in South Africa's outline.
    assert not country("South Africa").contains(-29.5, 28.2)
    assert country("South Africa").contains(-30.0, 22.0)


@pytest.mark.parametrize(("lat", "lon", "name"), [(41.4, 64.6, "Uzbekistan"), (61.9, 25.7, "Finland")])
def test_country_point_highlights_that_country_as_a_link(lat: float, lon: float, name: str) -> None:
    svg = geo.map_svg([point("pays", "Le pays", lat, lon, "country")], EUROPE_ASIA, "Carte")
    (link,) = links(parse(svg))
    assert link.get("href") == "pays/" and link.findtext(NS + "title") == "Le pays"
    (shape,) = link.iter(NS + "path")
    assert shape.get("class", "").split()[:2] == ["carte-pays-lie", "carte-role-cite"]
    xs, ys = zip(*path_points(shape.get("d", "")))
    frame = geo.Frame.of(EUROPE_ASIA, 800)
    west, south, east, north = country(name).shapes[0].bbox
    (x0, y0), (x1, y1) = frame.xy(north, west), frame.xy(south, east)
    assert min(xs) == pytest.approx(x0, abs=0.3) and max(xs) == pytest.approx(x1, abs=0.3)
    assert min(ys) == pytest.approx(max(y0, 0), abs=0.3) or min(ys) < 0  # Finland runs past the top edge
    assert max(ys) == pytest.approx(y1, abs=0.3)


def test_city_point_is_a_titled_link_with_a_marker() -> None:
    svg = geo.map_svg([point("helsinki", "Helsinki", 60.17, 24.94)], EUROPE_ASIA, "Carte")
    root = parse(svg)
    (link,) = links(root)
    assert link.get("href") == "helsinki/" and link.findtext(NS + "title") == "Helsinki"
    (dot,) = link.iter(NS + "circle")
    x, y = geo.Frame.of(EUROPE_ASIA, 800).xy(60.17, 24.94)
    assert float(dot.get("cx", "")) == pytest.approx(x, abs=0.1)
    assert float(dot.get("cy", "")) == pytest.approx(y, abs=0.1)
    assert float(dot.get("r", "")) >= 8  # a tappable target at 800 units
    labels = [t.text for t in root.iter(NS + "text")]
    assert labels == ["Helsinki"]


def test_labels_are_readable_on_a_phone() -> None:
    root = parse(geo.map_svg(PLACES, EUROPE_ASIA, "Carte"))
    (group,) = [g for g in root.iter(NS + "g") if g.get("class") == "carte-etiquettes"]
    assert float(group.get("font-size", "")) >= 18  # >= 8.4 px when 800 units are shown 375 px wide
    assert group.get("paint-order") == "stroke"


def test_every_point_in_the_extent_is_a_link_and_the_rest_are_left_out() -> None:
    root = parse(geo.map_svg(PLACES, EUROPE_ASIA, "Carte"))
    inside = {p.href for p in geo.points_in(EUROPE_ASIA, PLACES)}
    assert inside == {p.href for p in PLACES} - {"washington/"}
    titled = {a.get("href") for a in links(root) if a.findtext(NS + "title")}
    assert titled == inside


def test_country_outside_the_extent_still_links_its_visible_outline() -> None:
    russia = point("russie", "Russie", 61.5, 105.3, "country")  # the point is east of the map
    assert geo.points_in(EUROPE_ASIA, [russia]) == [russia]
    assert geo.points_in(geo.Extent(-10, 28, 20, 50), [russia]) == []
    (link,) = links(parse(geo.map_svg([russia], EUROPE_ASIA, "Carte")))
    assert link.get("href") == "russie/" and link.find(NS + "path") is not None


def test_country_missing_from_the_outlines_falls_back_to_a_marker() -> None:
    at_sea = point("large", "Au large", 43.0, 35.0, "country")
    (link,) = links(parse(geo.map_svg([at_sea], EUROPE_ASIA, "Carte")))
    assert link.find(NS + "circle") is not None


HOSTILE = [
    "<script>alert(1)</script>", '"onload="x', "' onmouseover='x", "a\n\nb", "&amp; &lt;",
    "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd", "nul\x00esc\x1b", "]]><x/>", "x" * 5000,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_label_and_title_stay_inert(text: str) -> None:
    places = [point("helsinki", text, 60.17, 24.94), point("ouzbekistan", text, 41.4, 64.6, "country")]
    svg = geo.map_svg(places, EUROPE_ASIA, text)
    root = parse(svg)
    for element in root.iter():
        assert tag(element) in ALLOWED_TAGS
        assert set(element.attrib) <= ALLOWED_ATTRS
    clean = " ".join(re.sub("[\x00-\x08\x0e-\x1f\u202a-\u202e]", "", text).split())
    assert root.findtext(NS + "title") == clean
    assert [a.findtext(NS + "title") for a in links(root)] == [clean, clean]
    assert "\n\n" not in str(svg) and "<script" not in str(svg)


def test_hostile_href_is_an_escaped_attribute_and_schemes_are_refused() -> None:
    odd = geo.MapPoint("x", "X", 'a"b<c>&d/', 60.17, 24.94, "city")
    (link,) = links(parse(geo.map_svg([odd], EUROPE_ASIA, "Carte")))
    assert link.get("href") == 'a"b<c>&d/'
    hrefs = ("javascript:alert(1)", " JavaScript:x", "java\x01script:x", "https://evil.example/", "//evil.example/")
    for href in hrefs:
        with pytest.raises(ValueError, match="must be relative"):
            geo.map_svg([geo.MapPoint("x", "X", href, 60.17, 24.94, "city")], EUROPE_ASIA, "Carte")


def test_output_has_no_blank_line_and_no_external_reference() -> None:
    svg = str(geo.map_svg(PLACES, USA_ASIA, "Carte"))
    assert all(line.strip() for line in svg.split("\n"))
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_ids_are_unique_deterministic_and_referenced() -> None:
    root = parse(geo.map_svg(PLACES, EUROPE_ASIA, "Europe et Asie centrale"))
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids == ["carte-europe-et-asie-centrale-titre", "carte-europe-et-asie-centrale-desc"]
    assert root.get("aria-labelledby", "").split() == ids
    other = parse(geo.map_svg(PLACES, EUROPE_ASIA, "Europe et Asie centrale", id_prefix="carte-2"))
    assert other.get("aria-labelledby") == "carte-2-titre carte-2-desc"


def test_same_input_gives_identical_bytes_whatever_the_order() -> None:
    first = geo.map_svg(PLACES, EUROPE_ASIA, "Carte")
    geo.countries.cache_clear()
    geo.country_at.cache_clear()
    assert geo.map_svg(list(reversed(PLACES)), EUROPE_ASIA, "Carte") == first


@pytest.mark.parametrize("extent", [EUROPE_ASIA, USA_ASIA])
def test_map_stays_small(extent: geo.Extent) -> None:
    size = len(str(geo.map_svg(PLACES, extent, "Carte")).encode())
    assert 10_000 < size < 60_000  # countries drawn, yet small enough to inline in a page


def label_boxes(root: ET.Element) -> list[tuple[float, float, float, float]]:
    """Each label's box, estimated as geo estimates it (svg.text_width, DejaVu Sans advances)."""
    (group,) = [g for g in root.iter(NS + "g") if g.get("class") == "carte-etiquettes"]
    font = float(group.get("font-size", ""))
    boxes = []
    for text in group.iter(NS + "text"):
        size = float(text.get("font-size", font))
        x, y = float(text.get("x", "")), float(text.get("y", ""))
        width = text_width(text.text or "", size) * (1.05 if text.get("font-weight") else 1)
        left = {"start": x, "end": x - width, "middle": x - width / 2}[text.get("text-anchor", "")]
        boxes.append((left, y - 0.9 * size, left + width, y + 0.3 * size))
    return boxes


def assert_apart(boxes: list[tuple[float, float, float, float]]) -> None:
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[2] - 0.2 and b[0] < a[2] - 0.2 and a[1] < b[3] - 0.2 and b[1] < a[3] - 0.2), (a, b)


def test_close_points_all_get_labels_that_never_overlap() -> None:
    # Kabul and its airport, 5 km apart, plus a tight cluster: labels step aside, with leader lines.
    cluster = [point(f"p{i}", f"Lieu {i}", 41.0 + 0.3 * (i % 3), 69.0 + 0.3 * (i // 3)) for i in range(9)]
    places = [point("kaboul", "Kaboul", 34.53, 69.17), point("aeroport", "Aéroport de Kaboul", 34.57, 69.21, "airport"), *cluster]
    drawing = geo.draw_map(places, EUROPE_ASIA, "Carte")
    root = parse(drawing.svg)
    boxes = label_boxes(root)
    assert len(boxes) == len(places) and drawing.unlabelled == ()
    assert_apart(boxes)
    assert any(p.get("class") == "carte-renvoi" for p in root.iter(NS + "path"))  # some label moved off its point
    assert len(links(root)) == len(places)


CENTRAL_ASIA = geo.Extent(west=44, south=28, east=84, north=56)
STORY = [
    point("afghanistan", "Afghanistan", 33.9, 67.7, "country"), point("ouzbekistan", "Ouzbékistan", 41.4, 64.6, "country"),
    point("kirghizistan", "Kirghizistan", 41.2, 74.8, "country"), point("tadjikistan", "Tadjikistan", 38.9, 71.3, "country"),
    point("kazakhstan", "Kazakhstan", 48.0, 66.9, "country"), point("tachkent", "Tachkent", 41.3, 69.24),
    point("k2", "Karshi-Khanabad", 38.83, 65.92, "base"), point("manas", "Manas", 43.06, 74.48, "base"),
    point("kaboul", "Kaboul", 34.53, 69.17), point("aeroport", "Aéroport de Kaboul", 34.57, 69.21, "airport"),
    point("asie-centrale", "Asie centrale", 43.0, 65.0, "region"), point("russie", "Russie", 61.5, 105.3, "country"),
]


@pytest.mark.parametrize(("width", "font"), [(800, 16.0), (400, 14.5), (420, 15.0)])
def test_every_place_of_a_central_asia_map_is_named_apart_and_inside(width: int, font: float) -> None:
    drawing = geo.draw_map(STORY, CENTRAL_ASIA, "Asie centrale", width, font=font)
    root = parse(drawing.svg)
    names = sorted(t.text or "" for t in root.iter(NS + "text"))
    assert drawing.unlabelled == ()
    assert names == sorted(p.label.upper() if p.kind == "country" else p.label for p in STORY)
    boxes = label_boxes(root)
    assert_apart(boxes)
    _, _, w, h = map(float, root.get("viewBox", "").split())
    for left, top, right, bottom in boxes:
        assert 0 <= left and right <= w and 0 <= top and bottom <= h
    for c in root.iter(NS + "circle"):
        assert 0 <= float(c.get("cx", "")) <= w and 0 <= float(c.get("cy", "")) <= h


def test_fills_follow_the_role_and_the_legend_lists_what_is_drawn() -> None:
    places = [geo.MapPoint("u", "Ouzbékistan", "u/", 41.4, 64.6, "country", "base"),
              geo.MapPoint("a", "Afghanistan", "a/", 33.9, 67.7, "country", "evenement"),
              geo.MapPoint("k", "Kaboul", "k/", 34.53, 69.17, "city")]
    drawing = geo.draw_map(places, CENTRAL_ASIA, "Carte")
    fills = {a.get("href"): a.find(NS + "path").get("fill") for a in links(parse(drawing.svg)) if a.find(NS + "path") is not None}
    assert fills == {"u/": geo.ROLES["base"][0], "a/": geo.ROLES["evenement"][0]}
    assert drawing.roles == ("base", "evenement") and drawing.markers == ("city",)


def test_a_full_map_lists_the_labels_it_could_not_place() -> None:
    crowd = [point(f"p{i:03}", f"Un lieu au nom assez long {i}", 41.0 + 0.02 * i, 69.0) for i in range(40)]
    drawing = geo.draw_map(crowd, geo.Extent(west=68, south=40, east=70, north=42), "Carte", 200)
    placed = label_boxes(parse(drawing.svg))
    assert drawing.unlabelled and len(placed) + len(drawing.unlabelled) == len(crowd)
    assert_apart(placed)


def test_bad_extent_is_refused() -> None:
    with pytest.raises(ValueError, match="west < east"):
        geo.Extent(west=80, south=28, east=-10, north=66)


def test_highlighted_country_is_drawn_once() -> None:
    def outline_points(places: list[geo.MapPoint]) -> int:
        root = parse(geo.map_svg(places, EUROPE_ASIA, "Carte"))
        return sum(len(path_points(p.get("d", ""))) for p in root.iter(NS + "path"))

    uzbekistan = point("ouzbekistan", "Ouzbékistan", 41.4, 64.6, "country")
    assert outline_points([]) > 1000
    assert outline_points([uzbekistan]) == outline_points([])


def test_markdown_outside_a_raw_block_cannot_activate_a_label() -> None:
    # Python-Markdown does not treat <svg> as a block tag: bare, the map is inline HTML in a <p>.
    label = "*em* _em_ [lien](javascript:alert(1)) `code` {: onclick=x }"
    svg = geo.map_svg([point("helsinki", label, 60.17, 24.94)], EUROPE_ASIA, label)
    html = markdown.markdown(f"Texte\n\n{svg}\n\nSuite", extensions=SITE_EXTENSIONS)
    assert "<em>" not in html and "<code>" not in html and "javascript:" not in html.replace("(javascript:", "")
    assert html.count("<a ") == str(svg).count("<a ")  # nothing made from the text
    assert parse(svg).findtext(NS + "title") == label


def test_a_row_of_crossings_says_what_contains_says() -> None:
    """_anchor tests a row of points against a parallel's crossings: the same answer as one
    ray cast per point, holes and far islands included."""
    import bisect
    import random
    rnd = random.Random(7)
    for name in ("Russia", "Uzbekistan", "Kyrgyzstan", "Italy", "South Africa"):
        for shape in country(name).shapes:
            west, south, east, north = shape.bbox
            for _ in range(40):
                lat = rnd.uniform(south - 1, north + 1)
                xs = shape.crossings(lat)
                for _ in range(20):
                    lon = rnd.uniform(west - 1, east + 1)
                    assert bool((len(xs) - bisect.bisect_right(xs, lon)) % 2) == shape.contains(lat, lon)


def test_spots_anywhere_come_nearest_first_as_a_full_sort_would() -> None:
    from dossiergen.pictures import labels as lb
    for x, y, em in ((5, 5, 3.0), (200, 120, 6.0), (399, 299, 1.5), (-30, 500, 2.0)):
        want = lb.Want(x, y, em, 12, 4)
        w, h, step = em * 12 * 0.72, 12 * 0.72 * 1.2, 4.32
        every = sorted(((1 + c * step + w / 2 - x) ** 2 + (1 + r * step + h / 2 - y) ** 2, 1 + c * step, 1 + r * step)
                       for r in range(int((300 - h) // step) + 1) for c in range(int((400 - w) // step) + 1))
        assert list(lb._nearest_spots(want, w, h, step, 400, 300)) == every[: lb.SEARCHED]


def test_a_crowd_stops_searching_the_whole_picture_once_it_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past FULL labels with no room anywhere, the rest try only the spots around their point:
    a thousand places cost in proportion to their number, and every label still ends placed or listed."""
    from dossiergen.pictures import labels as lb
    searched: list[int] = []
    nearest = lb._nearest_spots

    def counted(*args: object, **kwargs: object) -> object:
        searched.append(1)
        return nearest(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(lb, "_nearest_spots", counted)
    crowd = [point(f"p{i:03}", f"Un lieu au nom assez long {i}", 41.0 + 0.002 * i, 69.0 + 0.002 * (i % 7)) for i in range(300)]
    drawing = geo.draw_map(crowd, geo.Extent(west=68, south=40, east=70, north=42), "Carte", 200)
    placed = label_boxes(parse(drawing.svg))
    assert len(placed) + len(drawing.unlabelled) == len(crowd) and len(drawing.unlabelled) > 250
    assert len(searched) <= 2 * (lb.FULL + len(placed)) < len(crowd) / 2
    assert_apart(placed)


def test_a_small_map_shows_its_own_places_then_the_most_named_and_says_so() -> None:
    from dossiergen.pages import maps
    crowd = [geo.MapPoint(f"p{i:03}", f"Lieu {i}", f"p{i:03}/", 41.0 + 0.03 * i, 69.0, "city", weight=i) for i in range(45)]
    crowd[3] = geo.MapPoint("ici", "Ici", "ici/", 41.1, 69.1, "city", weight=0, current=True)
    extent = geo.Extent(west=68, south=40, east=71, north=43)
    html = str(maps._small(crowd, extent, "Carte : Ici et ses environs", "carte-ici", first=frozenset({"ici", "p001"})))
    shown = set(re.findall(r'<a href="([^"]+)"[^>]*><title>', html))
    assert len(shown) == maps.SMALL_MOST
    assert {"ici/", "p001/", "p044/"} <= shown and "p002/" not in shown  # its own, its family, then by weight
    assert f"{maps.SMALL_MOST} des 45 lieux du dossier dans cette zone" in html
    few = str(maps._small(crowd[:10], extent, "Carte : Ici et ses environs", "carte-ici"))
    assert len(set(re.findall(r'<a href="([^"]+)"[^>]*><title>', few))) == 10 and "lieux du dossier dans cette zone" not in few


def _two_searches(wants: list[Any], width: float, height: float, taken: list[Any]) -> tuple[list[Any], int]:
    """labels.place's loop as it was (around today's _first_free): when no spot had a leader clear
    of the other labels, a second search of the same spots without them (what place now takes
    from the first search); and how many second searches there were."""
    from dossiergen.pictures import labels as lb
    out, blocked, texts, full, again = [], lb._Grid(taken), lb._Grid([]), 0, 0
    for want in wants:
        spot, first_fit = lb._first_free(want, width, height, blocked, texts, anywhere=full < lb.FULL)
        if spot is None and first_fit is not None:
            spot, _ = lb._first_free(want, width, height, blocked, lb._Grid([]), anywhere=full < lb.FULL)
            again += 1
        full += spot is None
        if spot:
            taken.append(lb._padded(spot.box))
            blocked.add(taken[-1])
            texts.add(spot.box)
        out.append(spot)
    return out, again


@pytest.mark.parametrize("seed", range(12))
def test_a_label_whose_every_leader_crosses_a_label_takes_the_first_spot_that_fits(seed: int) -> None:
    """One search instead of two: the same placements as searching again without the labels."""
    from dossiergen.pictures import labels as lb
    rng = random.Random(seed)
    wants = [lb.Want(rng.uniform(60, 140), rng.uniform(40, 80), rng.uniform(2, 6), 11.0, 4.0, centred=rng.random() < 0.1) for _ in range(40)]
    markers = [(w.x - 3, w.y - 3, w.x + 3, w.y + 3) for w in wants]
    once, (twice, again) = lb.place(wants, 200, 120, list(markers)), _two_searches(wants, 200, 120, list(markers))
    assert once == twice
    assert again > 0 and any(p is None for p in once)  # the case arose, in a picture too small for every label
