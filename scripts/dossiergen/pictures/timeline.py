"""The chronology as a picture: an SVG drawn at build time, one row per year, one mark per event.

Rows are the years that have events (empty years are skipped and the gap is marked), the
horizontal axis is the twelve months, and an event known only to the year sits in a
column of its own ("année") instead of being placed at a month the sources don't give.
A period is a bar from its start to its end (to the row's edge, with an arrow, when it
ends in a later year). The viewBox is designed at phone width (1 unit ≈ 1 CSS pixel at
360 px) and scales up on larger screens, so labels stay legible everywhere.
"""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from markupsafe import Markup, escape

from ..model.records import PartialDate

# Colour-blind-safe (Okabe–Ito, without its yellow) then two more; each keeps a 3:1
# contrast as a mark on white and on Material's dark slate background.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6d31", "#7b68ee")
NO_TOPIC = "#8a8a8a"

WIDTH = 360
LEFT = 40  # year labels
YEAR_COL = 30  # the "année" column
MONTHS_X = LEFT + YEAR_COL
MONTH_W = (WIDTH - MONTHS_X - 6) / 12
HEAD = 24
LANE = 17
PAD = 7
R = 6.5
MONTH_LETTERS = "JFMAMJJASOND"


@dataclass(frozen=True, slots=True)
class Mark:
    """One event as the timeline needs it; text fields are untrusted and escaped here."""

    id: str
    title: str
    when: str  # the date or period, in French
    href: str
    date: PartialDate
    end: Optional[PartialDate] = None
    colour: str = NO_TOPIC
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)  # data-* attributes: topics, people, countries
    outside: bool = False  # placed with a date (or a precision) from outside the corpus: drawn hollow, dashed


def colours(topic_ids: Sequence[str]) -> dict[str, str]:
    """A colour per topic, in the order given (sorted ids give stable colours)."""
    return {tid: PALETTE[i % len(PALETTE)] for i, tid in enumerate(topic_ids)}


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
        return x0, WIDTH - 4, True
    if mark.date.month is None or mark.end.month is None:
        return x0, x0, False
    return x0, max(x0, _x(mark.end, end=True)), False


def _lanes(marks: list[Mark]) -> list[int]:
    """Stack marks that would overlap onto lanes below, first fit."""
    ends: list[float] = []
    out = []
    for mark in marks:
        x0, x1, _ = _span(mark)
        for lane, right in enumerate(ends):
            if x0 - R > right + 2:
                ends[lane] = x1 + R
                out.append(lane)
                break
        else:
            ends.append(x1 + R)
            out.append(len(ends) - 1)
    return out


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
        height = (max(lanes) + 1) * LANE + 2 * PAD - LANE + 2 * R
        if previous is not None and year > previous + 1:
            # Skipped years: say so instead of pretending the rows are evenly spaced.
            parts.append(f'<text class="frise-saut" x="{LEFT - 6}" y="{y + 7:.1f}" text-anchor="end" font-size="10">⋮</text>')
            y += 10
        parts.append(f'<rect class="frise-bande" x="0" y="{y:.1f}" width="{WIDTH}" height="{height:.1f}" rx="3"/>')
        parts.append(f'<text class="frise-annee" x="4" y="{y + PAD + R + 4:.1f}" font-size="12" font-weight="bold">{year}</text>')
        for mark, lane in zip(row, lanes):
            parts.append(_mark(mark, y + PAD + R + lane * LANE))
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


def _mark(mark: Mark, cy: float) -> str:
    x0, x1, runs_on = _span(mark)
    facets = "".join(f' data-{name}="{escape(" ".join(values))}"' for name, values in sorted(mark.facets.items()))
    label = escape(f"{mark.title} ({mark.when})")
    # An outside-corpus date is drawn as an outline: its position is not what an article says.
    paint = f'fill="none" stroke="{mark.colour}" stroke-width="2" stroke-dasharray="3 2"' if mark.outside else f'fill="{mark.colour}"'
    inset = 1 if mark.outside else 0
    if x1 > x0:
        shape = f'<rect x="{x0 - R + inset:.1f}" y="{cy - R + inset:.1f}" width="{x1 - x0 + 2 * (R - inset):.1f}" height="{2 * (R - inset):.1f}" rx="{R - inset:.1f}" {paint}/>'
        if runs_on:
            shape += f'<path d="M{x1 + R - 1:.1f} {cy - R:.1f}l5 {R:.1f}-5 {R:.1f}z" fill="{mark.colour}"/>'
    else:
        shape = f'<circle cx="{x0:.1f}" cy="{cy:.1f}" r="{R - inset}" {paint}/>'
    kind = "frise-evenement frise-hors-corpus" if mark.outside else "frise-evenement"
    return (
        f'<a class="{kind}" href="{escape(mark.href)}" aria-label="{label}" data-event="{escape(mark.id)}"{facets}>'
        f"<title>{label}</title>{shape}</a>"
    )


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
