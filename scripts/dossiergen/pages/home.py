"""The home page's visual entry: the story's meetings on a small timeline, and a few key figures.

docs/index.md is written by hand; the generator may only write into its own folder. So this is
a fragment (HOME_FRAGMENT, in the generated folder) that the home page includes with
pymdownx.snippets (`--8<--`, see mkdocs.yml): `dossier build` followed by any MkDocs build
gives the same page as the hook. Its links are written as seen from the home page, at the
root of the site, so they go through the generated folder's prefix (config.PAGES_PREFIX).
Every number is counted from the model; nothing is typed by hand.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from markupsafe import escape

from ..addresses import CLAIMS, TIMELINE, directory_url, index_path, page_path
from ..config import PAGES_PREFIX
from ..core.text import fr_span
from ..model import records as r
from ..model.dossier import Dossier
from .views import Lookups

HOME_FRAGMENT = PurePosixPath("accueil.html")
# The event kind the home page's timeline shows: the chiefs of staff's meetings, the story's spine.
SPINE_KIND = "meeting"
SPINE_SHOWN = 8

WIDTH = 360
AXIS_Y = 14
MARGIN = 18


@dataclass(frozen=True, slots=True)
class Figure:
    count: int
    one: str
    many: str
    target: PurePosixPath

    @property
    def text(self) -> str:
        return self.one if self.count == 1 else self.many


def _href(target: PurePosixPath, anchor: str = "") -> str:
    """A page's URL as the browser resolves it from the home page (directory URLs)."""
    url = f"{PAGES_PREFIX}/{directory_url(target)}/"
    return f"{url}#{anchor}" if anchor else url


def _axis(events: list[r.Event]) -> str:
    """The meetings on a line of years: a decorative picture (the list below says it all)."""
    first = min(e.when.best.year for e in events)
    last = max(e.when.best.year for e in events) + 1
    step = (WIDTH - 2 * MARGIN) / (last - first)

    def x(event: r.Event) -> float:
        d = event.when.best
        return MARGIN + (d.year - first + ((d.month or 6.5) - 0.5) / 12) * step

    parts = [f'<line class="accueil-axe" x1="{MARGIN}" y1="{AXIS_Y}" x2="{WIDTH - MARGIN}" y2="{AXIS_Y}"/>']
    for year in range(first, last + 1):
        px = MARGIN + (year - first) * step
        parts.append(f'<line class="accueil-graduation" x1="{px:.1f}" y1="{AXIS_Y - 4}" x2="{px:.1f}" y2="{AXIS_Y + 4}"/>')
        if year < last:
            parts.append(f'<text x="{px + step / 2:.1f}" y="{AXIS_Y + 17}" text-anchor="middle" font-size="12">{year}</text>')
    for number, event in enumerate(events, 1):
        hollow = " accueil-hors-corpus" if event.when.marked else ""
        parts.append(
            f'<circle class="accueil-point{hollow}" cx="{x(event):.1f}" cy="{AXIS_Y}" r="9"/>'
            f'<text class="accueil-numero{hollow}" x="{x(event):.1f}" y="{AXIS_Y + 4}" text-anchor="middle" font-size="11" font-weight="bold">{number}</text>'
        )
    return (
        f'<svg class="accueil-frise" viewBox="0 0 {WIDTH} {AXIS_Y + 22}" aria-hidden="true" focusable="false">'
        + "".join(parts) + "</svg>"
    )


def render_home(dossier: Dossier, look: Lookups) -> str:
    """The fragment: a figure with the meetings, then the key figures, each a link."""
    every = [e for e in look.events if e.kind == SPINE_KIND]
    spine = every[-SPINE_SHOWN:]  # past a handful the line would be a blur: the latest ones
    out = ['<div class="accueil-visuel" data-pagefind-ignore="all">']
    if spine:
        out.append('<figure class="accueil-rencontres">')
        if len(every) > len(spine):
            caption = f"Les {len(spine)} dernières rencontres des chefs d’état-major du dossier (sur {len(every)}), de {spine[0].when.best.year} à {spine[-1].when.best.year}"
        elif len(spine) > 1:
            caption = f"Les {len(spine)} rencontres des chefs d’état-major du dossier, de {spine[0].when.best.year} à {spine[-1].when.best.year}"
        else:
            caption = "La rencontre des chefs d’état-major du dossier"
        out.append(f"<figcaption>{caption}</figcaption>")
        out.append(_axis(spine))
        out.append("<ol>")
        for event in spine:
            out.append(
                f'<li><a href="{escape(_href(page_path("events", event.id)))}">{escape(event.title)}</a>'
                f'<span class="accueil-date">{escape(fr_span(event.when, event.until))}</span></li>'
            )
        out.append("</ol>")
        if any(e.when.marked for e in spine):
            out.append('<p class="accueil-note">Numéro dans un cercle évidé : la date, ou sa précision, est connue hors corpus.</p>')
        out.append(f'<p class="accueil-suite"><a href="{_href(TIMELINE)}">Toute la chronologie ({len(look.events)} événements)</a></p>')
        out.append("</figure>")
    figures = [
        Figure(len(dossier.all("sources")), "source", "sources", index_path("sources")),
        Figure(len(look.events), "événement", "événements", TIMELINE),
        Figure(len(look.claims), "déclaration", "déclarations", CLAIMS),
        Figure(len(dossier.all("people")), "personne", "personnes", index_path("people")),
        Figure(len(dossier.all("contradictions")), "contradiction ou tension", "contradictions et tensions", index_path("contradictions")),
    ]
    out.append('<ul class="accueil-chiffres" aria-label="Le dossier en chiffres">')
    out.extend(f'<li><a href="{_href(f.target)}"><strong>{f.count}</strong> {escape(f.text)}</a></li>' for f in figures)
    out.append("</ul>")
    out.append("</div>")
    return "\n".join(out) + "\n"
