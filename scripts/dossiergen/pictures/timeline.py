"""The chronology as a picture: an SVG drawn at build time, one row per year, one mark per event.

Rows are the years that have events (empty years are skipped and the gap is marked), the
horizontal axis is the twelve months, and an event known only to the year sits in a
column of its own ("année") instead of being placed at a month the sources don't give.
A period is a bar from its start to its end (to the row's edge, with an arrow drawn inside
the picture, when it ends in a later year). The viewBox is designed at phone width (1 unit
≈ 1 CSS pixel at 360 px) and scales up on larger screens, so labels stay legible everywhere.

Reading aids: key events (`Mark.key`, decided by the caller from the data) are drawn larger
and labelled above their row, labels never overlapping one another nor leaving the picture;
each topic has a colour from a colour-blind-safe palette *and* a shape, so colour is never the
only cue; a date from outside the corpus is a hollow mark; every mark has an invisible hit
area of at least HIT units, a 24 px touch target on a 375 px phone.
"""
from __future__ import annotations

import calendar
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from markupsafe import Markup, escape

from ..model.records import PartialDate

# Okabe & Ito's colour-blind-safe palette (without black, which vanishes in dark mode). The
# colours live in the stylesheet (.frise-c0 … .frise-c6) so that dark mode can adjust them;
# these are the light-mode values, for the tests and for anyone reading the SVG alone.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442")
SHAPES = ("rond", "carre", "losange", "triangle")
NO_TOPIC = "#8a8a8a"

WIDTH = 360
LEFT = 38  # year labels
YEAR_COL = 28  # the "année" column
MONTHS_X = LEFT + YEAR_COL
RIGHT = 14  # room for a continuing period's arrow, and half a hit area: all inside the picture
MONTH_W = (WIDTH - MONTHS_X - RIGHT) / 12
HEAD = 22
HIT = 27  # hit area side: 27 units are 25.7 px when the picture is 343 px wide (a 375 px phone)
LANE = HIT
PAD = 3
R = 7  # a mark's radius
R_KEY = 9.5
BAR = 8  # a period's bar height
LABEL_SIZE = 11
LABEL_LINE = 13
CHAR_W = 0.62 * LABEL_SIZE  # a generous average advance of bold text, so estimates never undershoot
MONTH_LETTERS = "JFMAMJJASOND"


@dataclass(frozen=True, slots=True)
class Style:
    """How a topic is drawn: a palette index and a shape, never the same pair twice."""

    colour: int  # index into PALETTE, or -1 for "no topic"
    shape: str


NO_STYLE = Style(-1, "rond")


@dataclass(frozen=True, slots=True)
class Mark:
    """One event as the timeline needs it; text fields are untrusted and escaped here."""

    id: str
    title: str
    when: str  # the date or period, in French
    href: str
    date: PartialDate
    end: Optional[PartialDate] = None
    style: Style = NO_STYLE
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # data-* attributes: topics, people, countries
    outside: bool = False  # placed with a date (or a precision) from outside the corpus: drawn hollow
    key: bool = False  # drawn larger and labelled on the picture
    sources: tuple[tuple[str, str], ...] = ()  # for the card: each source's name, and its label if a state medium


def styles(topic_ids: Sequence[str]) -> dict[str, Style]:
    """A style per topic, in the order given (sorted ids give stable styles): colour and shape
    cycle at different lengths (7 and 4), so 28 topics get distinct pairs."""
    return {tid: Style(i % len(PALETTE), SHAPES[i % len(SHAPES)]) for i, tid in enumerate(topic_ids)}


def _x(date: PartialDate, end: bool = False) -> float:
    """Where a date sits on its row: day precision inside its month, month at its centre."""
    if date.month is None:
        return LEFT + YEAR_COL / 2
    start = MONTHS_X + (date.month - 1) * MONTH_W
    if date.day is None:
        return start + MONTH_W * (0.85 if end else 0.5)
    days = calendar.monthrange(date.year, date.month)[1]
    return start + MONTH_W * (date.day - 0.5) / days


def _span(mark: Mark) -> tuple[float, float, bool]:
    """Left and right x of a mark, and whether it runs on past its row's year."""
    x0 = _x(mark.date)
    if mark.end is None:
        return x0, x0, False
    if mark.end.year != mark.date.year:
        return x0, WIDTH - RIGHT - 8, True
    if mark.date.month is None or mark.end.month is None:
        return x0, x0, False
    return x0, max(x0, _x(mark.end, end=True)), False


def _lanes(marks: list[Mark]) -> list[int]:
    """Stack marks whose hit areas would overlap onto lanes below, first fit; key marks are
    placed first, so they take the top lane, nearest their labels."""
    ends: list[float] = []
    out = [0] * len(marks)
    order = sorted(range(len(marks)), key=lambda i: (not marks[i].key, i))
    for i in order:
        x0, x1, runs_on = _span(marks[i])
        right = (x1 + 8) if runs_on else x1 + HIT / 2
        for lane, end in enumerate(ends):
            if x0 - HIT / 2 >= end:
                ends[lane] = right
                out[i] = lane
                break
        else:
            ends.append(right)
            out[i] = len(ends) - 1
    return out


@dataclass(slots=True)
class Label:
    """A key event's label: its lines, where its leader meets the mark, and its slot above the row.

    A label starts just left of its mark, or, past the picture's middle, ends just right of it
    (text-anchor end), so it always reads from or to its leader; `x` is its estimated left edge.
    """

    mark: Mark
    mx: float
    lines: list[str] = field(default_factory=list)
    x: float = 0.0
    slot: int = 0  # 0 is the line nearest the marks
    flip: bool = False  # on the other side of its mark than its half of the picture suggests
    width: float = 0.0  # estimated, from its longest line

    def __post_init__(self) -> None:
        self.lines = wrap(self.mark.title, self.anchor - LEFT if self.end else WIDTH - 2 - self.anchor)
        self.width = max(len(line) for line in self.lines) * CHAR_W
        self.x = self.anchor - self.width if self.end else self.anchor

    @property
    def end(self) -> bool:
        return (self.mx > MONTHS_X + 6 * MONTH_W) != self.flip

    @property
    def fits(self) -> bool:
        return LEFT - 0.01 <= self.x and self.x + self.width <= WIDTH - 1.99

    @property
    def anchor(self) -> float:
        return min(self.mx + 5, WIDTH - 2) if self.end else max(self.mx - 5, LEFT)

    @property
    def top(self) -> int:
        return self.slot + len(self.lines) - 1


def wrap(text: str, width: float = WIDTH - LEFT - 4) -> list[str]:
    """Words on lines no wider than `width` units (as estimated), balanced so that the last line
    is not a lone word; a word longer than the width stands alone."""
    most = max(1, int(width // CHAR_W))
    lines = _fill(text, most)
    while most > 1 and len(_fill(text, most - 1)) == len(lines):
        most -= 1
    return _fill(text, most)


def _fill(text: str, most: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _place_labels(labels: list[Label]) -> None:
    """Sides and slots for labels so that no two overlap and no leader crosses another label.

    A leader runs down from a label to its mark, so it must not pass through a label in a lower
    slot. Each label's side (starting or ending at its mark) is tried both ways when a row has
    few labels; the placement with the fewest crossings, then the lowest, wins.
    """
    if not labels:
        return
    best: Optional[tuple[tuple[int, int, int], list[bool], list[int]]] = None
    sides = range(2 ** len(labels)) if len(labels) <= 6 else range(1)
    for combo in sides:
        trial = [Label(lab.mark, lab.mx, flip=bool(combo >> i & 1)) for i, lab in enumerate(labels)]
        if not all(lab.fits for lab in trial):
            continue
        crossings = _slots(trial)
        score = (crossings, max(lab.top for lab in trial), bin(combo).count("1"))
        if best is None or score < best[0]:
            best = (score, [lab.flip for lab in trial], [lab.slot for lab in trial])
    flips, slots = (best[1], best[2]) if best else ([False] * len(labels), [0] * len(labels))
    for label, flip, slot in zip(labels, flips, slots):
        if label.flip != flip:
            label.flip = flip
            label.__post_init__()
        label.slot = slot
    if best is None:
        _slots(labels)


def _slots(labels: list[Label]) -> int:
    """Each label in the lowest slot where it overlaps nothing and its leader crosses no label;
    returns how many had to accept a crossing. Labels that start at their mark are placed right
    to left, those that end at it left to right: that order leaves their leaders clear."""
    placed: list[Label] = []
    crossings = 0
    limit = 2 * sum(len(lab.lines) for lab in labels) + 1
    for label in sorted(labels, key=lambda lab: (lab.end, lab.mx if lab.end else -lab.mx, lab.mark.id)):
        slot = _lowest(label, placed, limit, strict=True)
        if slot is None:  # no slot clear of every leader: the lowest that overlaps nothing
            crossings += 1
            slot = _lowest(label, placed, limit + 1, strict=False)
        label.slot = slot if slot is not None else limit  # (the labels take fewer than `limit` lines)
        placed.append(label)
    return crossings


def _lowest(label: Label, placed: list[Label], limit: int, strict: bool) -> Optional[int]:
    """The lowest slot below `limit` where `label` overlaps no placed label (and, if strict, its
    leader crosses none and none crosses it), or None. Each placed label bans a run of slots:
    those where the two overlap (when they are not apart sideways); if the label's leader would
    pass through it, every slot above it; if its leader would pass through the label, every slot
    from which the label would reach it."""
    lines = len(label.lines)
    left, right = label.x, label.x + label.width
    bans: list[tuple[int, int]] = []
    for other in placed:
        o_left, o_right = other.x, other.x + other.width
        if not (right + 6 <= o_left or o_right + 6 <= left):
            bans.append((other.slot - lines + 1, other.top))
        if strict and o_left - 0.5 <= label.mx <= o_right + 0.5:
            bans.append((other.top + 1, limit))
        if strict and left - 0.5 <= other.mx <= right + 0.5:
            bans.append((-limit - lines, other.slot - lines))
    slot = 0
    for first, last in sorted(bans):
        if first > slot:
            break
        slot = max(slot, last + 1)
    return slot if slot < limit else None


def timeline_svg(marks: list[Mark], title: str, desc: str) -> Markup:
    """The SVG: marks in date order, each a link to its event with its title as accessible name."""
    years: dict[int, list[Mark]] = {}
    for mark in sorted(marks, key=lambda m: (m.date.sort_key(), m.id)):  # `date` is where the mark sits
        years.setdefault(mark.date.year, []).append(mark)
    parts: list[str] = []
    y: float = HEAD
    previous: Optional[int] = None
    for year, row in years.items():
        lanes = _lanes(row)
        labels = [Label(m, _span(m)[0]) for m in row if m.key]
        _place_labels(labels)
        label_h = (max(lab.top for lab in labels) + 1) * LABEL_LINE + 4 if labels else 0
        height = PAD + label_h + max(lanes) * LANE + HIT + PAD
        if previous is not None and year > previous + 1:
            # Skipped years: say so instead of pretending the rows are evenly spaced.
            parts.append(f'<text class="frise-saut" x="{LEFT - 8}" y="{y + 8:.1f}" text-anchor="end" font-size="11">⋮</text>')
            y += 11
        parts.append(f'<rect class="frise-bande" x="0" y="{y:.1f}" width="{WIDTH}" height="{height:.1f}" rx="3"/>')
        first = y + PAD + label_h + HIT / 2
        parts.append(f'<text class="frise-annee" x="4" y="{first + 4:.1f}" font-size="12" font-weight="bold">{year}</text>')
        base = y + PAD + label_h  # the labels' bottom line
        drawn = [_label(label, base, first) for label in labels]
        # Leaders first, texts over them: where a leader must cross a label (marks too close
        # for any placement), the text's halo keeps the label readable.
        parts.extend(leader for leader, _ in drawn)
        parts.extend(text for _, text in drawn)
        for mark, lane in zip(row, lanes):
            parts.append(_mark(mark, first + lane * LANE))
        y += height + 3
        previous = year
    head = [f'<text class="frise-mois" x="{LEFT + YEAR_COL / 2:.1f}" y="14" text-anchor="middle" font-size="9">année</text>']
    for i, letter in enumerate(MONTH_LETTERS):
        head.append(f'<text class="frise-mois" x="{MONTHS_X + (i + 0.5) * MONTH_W:.1f}" y="14" text-anchor="middle" font-size="10">{letter}</text>')
    rules = [f'<line class="frise-repere" x1="{MONTHS_X + i * MONTH_W:.1f}" y1="18" x2="{MONTHS_X + i * MONTH_W:.1f}" y2="{y:.1f}"/>' for i in range(13)]
    return Markup(
        f'<svg class="frise" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {y:.0f}" role="group" aria-labelledby="frise-titre frise-desc">'
        f'<title id="frise-titre">{escape(title)}</title><desc id="frise-desc">{escape(desc)}</desc>'
        + "".join(rules + head + parts)
        + "</svg>"
    )


def _label(label: Label, base: float, first: float) -> tuple[str, str]:
    """A key event's label above its row, and its leader down to its mark (both decorative:
    the mark itself carries the name)."""
    bottom = base - 4 - label.slot * LABEL_LINE  # baseline of the label's last line
    lines = "".join(
        f'<tspan x="{label.anchor:.1f}" y="{bottom - (len(label.lines) - 1 - i) * LABEL_LINE:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(label.lines)
    )
    anchor = ' text-anchor="end"' if label.end else ""
    leader = f'<line class="frise-renvoi" x1="{label.mx:.1f}" y1="{bottom + 3:.1f}" x2="{label.mx:.1f}" y2="{first - R_KEY - 1:.1f}" aria-hidden="true"/>'
    text = f'<g class="frise-etiquette" aria-hidden="true" data-event="{escape(label.mark.id)}"><text font-size="{LABEL_SIZE}" font-weight="600"{anchor}>{lines}</text></g>'
    return leader, text


def shape_svg(shape: str, cx: float, cy: float, r: float, extra: str = "") -> str:
    """One mark's shape of about the same area whatever the shape (`extra`: more attributes)."""
    if shape == "carre":
        s = r * 0.89
        return f'<rect x="{cx - s:.1f}" y="{cy - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"{extra}/>'
    if shape == "losange":
        s = r * 1.2
        return f'<path d="M{cx:.1f} {cy - s:.1f}L{cx + s:.1f} {cy:.1f}L{cx:.1f} {cy + s:.1f}L{cx - s:.1f} {cy:.1f}Z"{extra}/>'
    if shape == "triangle":
        s = r * 1.25
        return f'<path d="M{cx:.1f} {cy - s:.1f}L{cx + s * 0.95:.1f} {cy + s * 0.7:.1f}L{cx - s * 0.95:.1f} {cy + s * 0.7:.1f}Z"{extra}/>'
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}"{extra}/>'


def _mark(mark: Mark, cy: float) -> str:
    x0, x1, runs_on = _span(mark)
    facets = "".join(f' data-{name}="{escape(" ".join(values))}"' for name, values in sorted(mark.facets.items()))
    r = R_KEY if mark.key else R
    shapes = []
    right = x1 + HIT / 2
    if x1 > x0:
        shapes.append(f'<rect class="frise-barre" x="{x0:.1f}" y="{cy - BAR / 2:.1f}" width="{x1 - x0:.1f}" height="{BAR}" rx="{BAR / 2}"/>')
        if runs_on:
            shapes.append(f'<path class="frise-fleche" d="M{x1 + 1:.1f} {cy - 6:.1f}l7 6-7 6z"/>')
            right = x1 + 8
    if mark.outside:
        # A hollow mark's ring, edged in the text colour so that pale hues still show.
        shapes.append(shape_svg(mark.style.shape, x0, cy, r, ' class="frise-lisere"'))
    shapes.append(shape_svg(mark.style.shape, x0, cy, r, ' class="frise-forme"'))
    # The hit area: transparent, yet painted, so it takes the pointer; the touch target.
    left = x0 - HIT / 2
    hit = f'<rect class="frise-cible" x="{left:.1f}" y="{cy - HIT / 2:.1f}" width="{right - left:.1f}" height="{HIT}" fill="transparent"/>'
    kind = ["frise-evenement", f"frise-c{mark.style.colour}" if mark.style.colour >= 0 else "frise-sans-theme"]
    kind += ["frise-hors-corpus"] if mark.outside else []
    kind += ["frise-cle"] if mark.key else []
    label = escape(f"{mark.title} ({mark.when})")
    card = (
        f' data-titre="{escape(mark.title)}" data-date="{escape(mark.when)}"'
        f' data-carte-sources="{escape(json.dumps([list(pair) for pair in mark.sources], ensure_ascii=False))}"'
    )
    return (
        f'<a class="{" ".join(kind)}" href="{escape(mark.href)}" aria-label="{label}" data-event="{escape(mark.id)}"{facets}{card}>'
        + hit + "".join(shapes) + "</a>"
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One topic of the legend: its style, its name and the address of its page."""

    style: Style
    name: str
    href: str


def swatch(style: Style, outside: bool = False, key: bool = False) -> str:
    """A legend's sample of a mark: the same shape and colour class as on the picture."""
    classes = ["frise-evenement", f"frise-c{style.colour}" if style.colour >= 0 else "frise-sans-theme"]
    classes += ["frise-hors-corpus"] if outside else []
    classes += ["frise-cle"] if key else []
    r = 6.5 if key else 5
    shape = (shape_svg(style.shape, 8, 8, r, ' class="frise-lisere"') if outside else "") + shape_svg(style.shape, 8, 8, r, ' class="frise-forme"')
    return (
        f'<svg class="frise-pastille" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">'
        f'<g class="{" ".join(classes)}">{shape}</g></svg>'
    )


def legend_html(entries: list[Entry], key_kinds: str) -> Markup:
    """The legend, next to the picture: each topic's colour and shape, then what the other cues mean."""
    items = [
        f'<li>{swatch(e.style)}<a href="{escape(e.href)}">{escape(e.name)}</a></li>'
        for e in entries
    ]
    items.append(f"<li>{swatch(NO_STYLE)}<span>sans thème</span></li>")
    items.append(f'<li>{swatch(Style(0, "rond"), key=True)}<span>plus grande et nommée : {escape(key_kinds)}</span></li>')
    items.append(f'<li>{swatch(Style(0, "rond"), outside=True)}<span>creuse : date, ou précision, connue <strong>hors corpus</strong></span></li>')
    items.append(
        '<li><svg class="frise-pastille" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">'
        '<g class="frise-evenement frise-c0"><rect class="frise-barre" x="1" y="5" width="14" height="6" rx="3"/>'
        '<path class="frise-fleche" d="M16 3l6 5-6 5z"/></g></svg><span>barre : période ; flèche : elle se poursuit l’année suivante</span></li>'
    )
    return Markup('<ul class="frise-legende" aria-label="Légende de la frise">' + "".join(items) + "</ul>")


@dataclass(frozen=True, slots=True)
class Facet:
    """One filter of the chronology: a data-* name, its French label, and its (id, name) options."""

    name: str
    label: str
    everything: str  # the first option, "Tous les thèmes"
    options: tuple[tuple[str, str], ...]


def filters_html(facets: list[Facet], total: int) -> Markup:
    """The filter form; hidden until the page's script runs, since without it nothing would filter."""
    parts = ['<form class="frise-filtres" hidden aria-label="Filtrer la chronologie">']
    for facet in facets:
        ident = f"filtre-{facet.name}"
        options = "".join(f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in facet.options)
        parts.append(
            f'<label for="{ident}">{escape(facet.label)}</label>'
            f'<select id="{ident}" data-facet="{escape(facet.name)}"><option value="">{escape(facet.everything)}</option>{options}</select>'
        )
    parts.append('<button type="reset">Tout afficher</button>')
    parts.append(f'<output class="frise-compte" aria-live="polite" data-total="{total}">{total} événements</output>')
    parts.append("</form>")
    return Markup("".join(parts))
