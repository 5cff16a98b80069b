"""pictures/timeline.py and the home page's fragment: key events labelled, a colour-blind-safe
palette with a second cue, outside-corpus marks distinct, touch targets, nothing outside the
viewBox. Exact expectations on hand-made marks and the test dossier; invariants on the real one."""
from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

import pytest

from conftest import ROOT, TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.model.records import PartialDate
from dossiergen.pictures import timeline as tl

SVG = "{http://www.w3.org/2000/svg}"


def mark(mid: str, date: PartialDate, title: str = "Un événement", key: bool = False, outside: bool = False, end: PartialDate | None = None, topic: int = 0) -> tl.Mark:
    style = tl.styles([f"t{i}" for i in range(topic + 1)])[f"t{topic}"]
    return tl.Mark(mid, title, "une date", f"../evenements/{mid}/", date, end, style, {}, outside, key, (("Agence", ""), ("La Gazette", "média d’État, Nordland")))


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def view_box(root: ET.Element) -> tuple[float, float]:
    _, _, w, h = (float(v) for v in root.attrib["viewBox"].split())
    return w, h


def numbers(root: ET.Element) -> list[tuple[str, float, float]]:
    """Every x/y coordinate drawn (rects, circles, lines, text, path points), with its element."""
    out = []
    for el in root.iter():
        tag = el.tag.removeprefix(SVG)
        a = el.attrib
        if tag == "rect":
            x, y, w, h = (float(a[k]) for k in ("x", "y", "width", "height"))
            out += [(tag, x, y), (tag, x + w, y + h)]
        elif tag == "circle":
            cx, cy, r = (float(a[k]) for k in ("cx", "cy", "r"))
            out += [(tag, cx - r, cy - r), (tag, cx + r, cy + r)]
        elif tag == "line":
            out += [(tag, float(a["x1"]), float(a["y1"])), (tag, float(a["x2"]), float(a["y2"]))]
        elif tag == "path":
            pts = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", a["d"])]
            x, y = pts[0], pts[1]
            out.append((tag, x, y))
            if a["d"].startswith("M") and "l" in a["d"]:  # relative steps after the first point
                for dx, dy in zip(pts[2::2], pts[3::2]):
                    x, y = x + dx, y + dy
                    out.append((tag, x, y))
            else:
                out += [(tag, px, py) for px, py in zip(pts[2::2], pts[3::2])]
        elif tag == "tspan":
            out.append((tag, float(a["x"]), float(a["y"])))
    return out


MEETINGS = [
    mark("a-rencontre", PartialDate(2014, 1), "Rencontre des chefs d’état-major américain et russe à Sampleville", key=True),
    mark("b-rencontre", PartialDate(2014, 12, 20), "Rencontre très tardive dans l’année, au bord droit", key=True),
    mark("c-rencontre", PartialDate(2014, 12, 28), "Une autre rencontre presque le même jour", key=True, outside=True),
    mark("d-periode", PartialDate(2014, 11), end=PartialDate(2016), topic=5),
    mark("e-annee", PartialDate(2014), topic=7, outside=True),
    mark("f-suite", PartialDate(2019, 3, 2), topic=2),
]


def test_key_events_are_labelled_and_others_not() -> None:
    root = parse(tl.timeline_svg(MEETINGS, "Frise", "desc"))
    labelled = {g.attrib["data-event"] for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "frise-etiquette"}
    assert labelled == {"a-rencontre", "b-rencontre", "c-rencontre"}
    text = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "Une autre rencontre presque le même jour" in text


INTERLEAVED = [  # a label starting at its mark, another ending at its own just right of it
    mark("g-sommet", PartialDate(2021, 6, 16), "Sommet des deux présidents à Sampleville", key=True),
    mark("h-rencontre", PartialDate(2021, 9, 22), "Rencontre des deux chefs d’état-major à Autreville", key=True),
]


@pytest.mark.parametrize("marks", [MEETINGS, INTERLEAVED], ids=["bord-droit", "entrelacees"])
def test_labels_never_overlap_and_leaders_cross_no_label(marks: list[tl.Mark]) -> None:
    labels = [tl.Label(m, tl._span(m)[0]) for m in marks if m.key]
    tl._place_labels(labels)
    for i, a in enumerate(labels):
        assert tl.LEFT - 0.01 <= a.x and a.x + a.width <= tl.WIDTH, a.mark.id
        for b in labels[i + 1:]:
            rows_meet = not (a.top < b.slot or b.top < a.slot)
            apart = a.x + a.width <= b.x or b.x + b.width <= a.x
            assert not rows_meet or apart, (a.mark.id, b.mark.id)
            for low, high in ((a, b), (b, a)):
                if low.top < high.slot:  # high's leader runs down past low's line
                    assert not (low.x <= high.mx <= low.x + low.width), (high.mark.id, low.mark.id)


def _slots_one_by_one(labels: list[tl.Label]) -> int:
    """_slots as first written: every slot tried in turn against every placed label."""
    placed: list[tl.Label] = []
    crossings = 0
    limit = 2 * sum(len(lab.lines) for lab in labels) + 1
    for label in sorted(labels, key=lambda lab: (lab.end, lab.mx if lab.end else -lab.mx, lab.mark.id)):
        def clash(slot: int, strict: bool, label: tl.Label = label) -> bool:
            top = slot + len(label.lines) - 1
            for other in placed:
                apart = label.x + label.width + 6 <= other.x or other.x + other.width + 6 <= label.x
                if not (top < other.slot or other.top < slot) and not apart:
                    return True
                if strict and other.top < slot and other.x - 0.5 <= label.mx <= other.x + other.width + 0.5:
                    return True
                if strict and top < other.slot and label.x - 0.5 <= other.mx <= label.x + label.width + 0.5:
                    return True
            return False

        slot = next((k for k in range(limit) if not clash(k, True)), None)
        crossings += slot is None
        label.slot = slot if slot is not None else next(k for k in range(limit + 1) if not clash(k, False))
        placed.append(label)
    return crossings


@pytest.mark.parametrize("seed", range(12))
def test_slots_are_those_of_the_slot_by_slot_search(seed: int) -> None:
    """The slots found from each placed label's banned runs are those found by trying every
    slot in turn, on crowded rows (a busy year of a large dossier) with crossings forced."""
    rng = random.Random(seed)
    words = ["Rencontre", "des", "chefs", "d’état-major", "à", "Sampleville", "appel", "téléphonique", "sommet", "Autreville"]
    marks = [mark(f"m{i:03d}", PartialDate(2021, rng.randint(1, 12), rng.randint(1, 28)), " ".join(rng.choices(words, k=rng.randint(2, 14))), key=True)
             for i in range(rng.randint(3, 60))]
    ours = [tl.Label(m, tl._span(m)[0], flip=rng.random() < 0.2) for m in marks]
    theirs = [tl.Label(m, lab.mx, flip=lab.flip) for m, lab in zip(marks, ours)]
    assert tl._slots(ours) == _slots_one_by_one(theirs)
    assert [lab.slot for lab in ours] == [lab.slot for lab in theirs]


def test_long_titles_wrap_inside_the_picture_without_a_lone_last_word() -> None:
    assert tl.wrap("Rencontre Dempsey–Guérassimov de janvier 2014", 200) == ["Rencontre Dempsey–Guérassimov", "de janvier 2014"]
    assert all(len(line) * tl.CHAR_W <= 200 for line in tl.wrap("mot " * 40, 200))


def test_everything_is_inside_the_view_box() -> None:
    root = parse(tl.timeline_svg(MEETINGS, "Frise", "desc"))
    width, height = view_box(root)
    outside = [(tag, x, y) for tag, x, y in numbers(root) if not (-0.01 <= x <= width + 0.01 and -0.01 <= y <= height + 0.5)]
    assert not outside
    # A period running into a later year ends with an arrow, drawn inside too.
    assert root.find(f".//{SVG}a[@data-event='d-periode']/{SVG}path[@class='frise-fleche']") is not None


def test_palette_is_okabe_ito_with_a_shape_as_second_cue() -> None:
    assert tl.PALETTE == ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442")
    styles = tl.styles([f"t{i:02}" for i in range(28)])
    assert len({(s.colour, s.shape) for s in styles.values()}) == 28  # no two topics look alike
    assert {s.shape for s in styles.values()} == set(tl.SHAPES)


def test_outside_corpus_marks_are_hollow_and_key_marks_larger() -> None:
    root = parse(tl.timeline_svg(MEETINGS, "Frise", "desc"))
    marks = {a.attrib["data-event"]: a for a in root.iter(f"{SVG}a")}
    assert "frise-hors-corpus" in marks["c-rencontre"].attrib["class"].split()
    assert "frise-hors-corpus" not in marks["a-rencontre"].attrib["class"].split()
    assert marks["c-rencontre"].find(f"{SVG}*[@class='frise-lisere']") is not None  # the ring's edge
    assert "frise-cle" in marks["a-rencontre"].attrib["class"].split()
    legend = str(tl.legend_html([tl.Entry(tl.styles(["t"])["t"], "Un thème", "../themes/t/")], "une rencontre"))
    assert "frise-hors-corpus" in legend and "hors corpus" in legend and "Un thème" in legend


def test_every_mark_has_a_hit_area_of_a_touch_target() -> None:
    root = parse(tl.timeline_svg(MEETINGS, "Frise", "desc"))
    for a in root.iter(f"{SVG}a"):
        hit = a.find(f"{SVG}rect[@class='frise-cible']")
        assert hit is not None
        assert float(hit.attrib["width"]) >= tl.HIT and float(hit.attrib["height"]) >= tl.HIT
    # 24 CSS px on a 375 px phone, whose content column is 343 px wide.
    assert tl.HIT * 343 / tl.WIDTH >= 24


def test_hit_areas_of_one_row_do_not_overlap() -> None:
    crowded = [mark(f"m{i:02}", PartialDate(2021, 1 + i % 3, 1 + i)) for i in range(12)]
    root = parse(tl.timeline_svg(crowded, "Frise", "desc"))
    boxes = [tuple(float(h.attrib[k]) for k in ("x", "y", "width", "height")) for h in root.iter(f"{SVG}rect") if h.attrib.get("class") == "frise-cible"]
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1:]:
            assert x + w <= x2 + 0.01 or x2 + w2 <= x + 0.01 or y + h <= y2 + 0.01 or y2 + h2 <= y + 0.01


def test_card_data_names_the_sources_and_state_labels() -> None:
    svg = str(tl.timeline_svg(MEETINGS[:1], "Frise", "desc"))
    assert 'data-titre="Rencontre des chefs d’état-major américain et russe à Sampleville"' in svg
    assert "La Gazette" in svg and "média d’État, Nordland" in svg


def test_text_is_escaped() -> None:
    svg = str(tl.timeline_svg([mark("x", PartialDate(2020, 5), "<script>alert(1)</script> & co", key=True)], "<b>", "d"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    parse(svg)  # still well-formed


@pytest.fixture(scope="module")
def test_pages() -> dict[PurePosixPath, str]:
    from conftest import DATA

    return pipeline.pages(Settings.from_root(DATA / "valid", today=TODAY))[1]


def test_the_test_dossier_labels_its_meeting(test_pages: dict[PurePosixPath, str]) -> None:
    timeline = test_pages[PurePosixPath("chronologie.md")]
    assert '<g class="frise-etiquette" aria-hidden="true" data-event="2021-09-22-rencontre">' in timeline
    assert "Rencontre à Sampleville" in timeline.split('data-event="2021-09-22-rencontre">', 1)[1].split("</g>", 1)[0]


def test_home_fragment_counts_from_the_model(test_pages: dict[PurePosixPath, str]) -> None:
    home = test_pages[PurePosixPath("accueil.html")]
    assert '<a href="dossier/evenements/2021-09-22-rencontre/">Rencontre à Sampleville</a>' in home
    assert "Les 2 rencontres des chefs d’état-major du dossier, de 2019 à 2021" in home
    assert re.search(r'<a href="dossier/sources/"><strong>\d+</strong> sources?</a>', home)
    assert "hors corpus" in home  # the 2019 meeting is dated from outside the corpus


def test_real_dossier_invariants() -> None:
    """On the real dossier: every meeting is labelled, everything inside the picture."""
    dossier, pages = pipeline.pages(Settings.from_root(ROOT, today=TODAY))
    timeline = pages[PurePosixPath("chronologie.md")]
    svg = re.search(r"<svg class=\"frise\".*?</svg>", timeline, re.S)
    assert svg
    root = parse(svg.group(0))
    labelled = {g.attrib["data-event"] for g in root.iter(f"{SVG}g") if g.attrib.get("class") == "frise-etiquette"}
    meetings = {e.id for e in dossier.all("events") if getattr(e, "kind", None) == "meeting"}
    assert meetings and meetings <= labelled
    width, height = view_box(root)
    assert all(-0.01 <= x <= width + 0.01 and -0.01 <= y <= height + 0.5 for _, x, y in numbers(root))
