"""Dossier -> {path: Markdown}. Jinja templates loop and branch; this module prepares views.

Every page gets its own `Page` helper: relative links from that page, and numbered
citations in order of first use, so "[1]" always means the same source on one page.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Optional

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import records as r
from . import schema as s
from .model import ClaimEntry, Dossier, Link
from .text import escape_cell, escape_md, escape_paragraphs, fr_at, fr_date, fr_period, tidy, url_attr

TEMPLATES = Path(__file__).parent / "templates"

FOLDERS = {
    "events": "evenements",
    "sources": "sources",
    "people": "personnes",
    "organisations": "organisations",
    "places": "lieux",
    "topics": "themes",
}
TITLES = {
    "events": "Événements",
    "sources": "Sources",
    "people": "Personnes",
    "organisations": "Organisations",
    "places": "Lieux",
    "topics": "Thèmes",
}
# Material admonition types: problems in a source warn; deductions and context inform.
NOTE_STYLES = {kind: "warning" for kind in s.NOTE_KINDS} | {
    "date": "note",
    "inference": "note",
    "context": "abstract",
    "translation": "note",
    "attribution": "note",
    "disagreement": "question",
    "unknown": "info",
}
TIMELINE = PurePosixPath("chronologie.md")
CLAIMS = PurePosixPath("declarations.md")

# How a reference reads on the page it points to ("Apparaît dans … comme lieu").
_RELATIONS = {
    "places": "lieu",
    "participants.person": "participant",
    "organisations": "organisation concernée",
    "topics": "thème",
    "related": "événement lié",
    "by": "auteur",
    "source": "source",
    "via": "relais cité (« selon … »)",
    "outlet": "média de publication",
    "agency": "agence",
    "organisation": "organisation d’un rôle",
    "country": "pays",
    "parent": "organisation de tutelle",
    "within": "lieu englobant",
}


def relation(field: str) -> str:
    """A French label for a reference field, from the target's point of view."""
    in_claim = field.startswith("claims.")
    key = field.removeprefix("claims.")
    label = _RELATIONS.get(key) or _RELATIONS.get(key.rsplit(".", 1)[-1], key)
    if key.startswith("roles."):
        label += " (rôle)"
    elif key.startswith("aliases."):
        label += " (graphie)"
    elif key.startswith("notes."):
        label += " (note éditoriale)"
    elif key.startswith("affiliation."):
        label += " (affiliation)"
    return f"{label} d’une déclaration" if in_claim else label


def page_path(kind: str, rid: str) -> PurePosixPath:
    return PurePosixPath(FOLDERS[kind]) / f"{rid}.md"


def index_path(kind: str) -> PurePosixPath:
    return PurePosixPath(FOLDERS[kind]) / "index.md"


def claim_anchor(claim_id: str) -> str:
    return f"declaration-{claim_id}"


def name_of(record: r.Record) -> str:
    """What a record is called on the page."""
    if isinstance(record, (r.Event, r.Source)):
        return record.title
    return record.name


@dataclass
class Citation:
    number: int
    source: r.Source
    href: str
    outlet: Optional[str]  # the outlet's name, or the agency's when the outlet is unknown


@dataclass
class Page:
    """Links and citations as seen from one generated page."""

    dossier: Dossier
    path: PurePosixPath
    _numbers: dict[str, Citation] = field(default_factory=dict)

    def href(self, target: PurePosixPath, anchor: Optional[str] = None) -> str:
        rel = posixpath.relpath(str(target), str(self.path.parent))
        return f"{rel}#{anchor}" if anchor else rel

    def link(self, kind: str, rid: str, text: object = None, anchor: Optional[str] = None) -> Markup:
        """A Markdown link to a record's page; the text is escaped."""
        record = self.dossier.get(kind, r.RecordId(rid))
        shown = escape_cell(name_of(record) if text is None else text)
        return Markup(f"[{shown}]({self.href(page_path(kind, rid), anchor)})")

    def cite(self, refs: tuple[r.SourceRef, ...]) -> Markup:
        """Numbered references, each a link to its source page; "selon …" for relayed outlets."""
        parts = []
        for ref in refs:
            cit = self._numbers.get(ref.source)
            if cit is None:
                source = self.dossier.get("sources", ref.source)
                assert isinstance(source, r.Source)
                publisher = source.outlet or source.agency
                outlet = name_of(self.dossier.get("organisations", publisher)) if publisher else None
                cit = Citation(len(self._numbers) + 1, source, self.href(page_path("sources", ref.source)), outlet)
                self._numbers[ref.source] = cit
            text = f"[\\[{cit.number}\\]]({cit.href})"
            if ref.via:
                names = ", ".join(str(self.link("organisations", v)) for v in ref.via)
                text += f" (selon {names})"
            if ref.note:
                text += f" ({escape_cell(ref.note)})"
            parts.append(text)
        return Markup(" ".join(parts))

    @property
    def citations(self) -> list[Citation]:
        return sorted(self._numbers.values(), key=lambda c: c.number)


@dataclass(frozen=True)
class BacklinkGroup:
    title: str
    items: list[tuple[Markup, str]]  # (link to the referring record, how it refers)


def backlink_groups(page: Page, kind: str, rid: r.RecordId) -> list[BacklinkGroup]:
    """Everything that references a record, grouped by the kind of the referring record."""
    grouped: dict[str, dict[tuple[str, Optional[str]], list[str]]] = {}
    for link in page.dossier.backlinks_of(kind, rid):
        if (link.owner_kind, link.owner_id) == (kind, rid):
            continue
        labels = grouped.setdefault(link.owner_kind, {}).setdefault((link.owner_id, link.anchor), [])
        label = relation(link.field)
        if label not in labels:
            labels.append(label)
    groups = []
    for owner_kind in r.KINDS:
        if owner_kind not in grouped:
            continue
        items = []
        entries = grouped[owner_kind]
        owners = sorted(entries, key=lambda key: _owner_sort(page.dossier, owner_kind, key[0]) + (key[1] or "",))
        for owner_id, anchor in owners:
            owner = page.dossier.get(owner_kind, r.RecordId(owner_id))
            text = name_of(owner)
            if isinstance(owner, r.Event):
                text = f"{text} ({fr_period(owner.date, owner.end_date)})"
            if anchor and isinstance(owner, r.Event):
                claim = next(c for c in owner.claims if c.id == anchor)
                author = page.dossier.get(page.dossier.kind_of(claim.by, ("people", "organisations")), claim.by)
                text = f"Déclaration de {name_of(author)} — {text}"
            link = page.link(owner_kind, owner_id, text, claim_anchor(anchor) if anchor else None)
            items.append((link, ", ".join(entries[(owner_id, anchor)])))
        groups.append(BacklinkGroup(TITLES[owner_kind], items))
    return groups


def _owner_sort(dossier: Dossier, kind: str, rid: str) -> tuple:
    record = dossier.get(kind, r.RecordId(rid))
    if isinstance(record, r.Event):
        return (record.date.sort_key(), rid)
    return ((0, 0, 0), name_of(record).casefold(), rid)


@dataclass(frozen=True)
class ClaimView:
    claim: r.Claim
    event: r.Event
    author_kind: str
    author: r.Record


def claim_view(dossier: Dossier, entry: ClaimEntry) -> ClaimView:
    kind = dossier.kind_of(entry.claim.by, ("people", "organisations"))
    return ClaimView(entry.claim, entry.event, kind, dossier.get(kind, entry.claim.by))


@dataclass(frozen=True)
class YearGroup:
    year: int
    events: list[r.Event]


def make_env() -> Environment:
    """The Jinja environment: strict, escaping every plain string for Markdown and HTML."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        finalize=escape_md,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(fr_date=fr_date, fr_at=fr_at, fr_period=fr_period, md=escape_paragraphs, cell=escape_cell, url=url_attr)
    env.globals.update(
        LANGUAGES=s.LANGUAGES,
        SOURCE_KINDS=s.SOURCE_KINDS,
        NOTE_KINDS=s.NOTE_KINDS,
        NOTE_STYLES=NOTE_STYLES,
        ORGANISATION_KINDS=s.ORGANISATION_KINDS,
        AFFILIATION_STATUSES=s.AFFILIATION_STATUSES,
        PLACE_KINDS=s.PLACE_KINDS,
        EVENT_KINDS=s.EVENT_KINDS,
        CLAIM_KINDS=s.CLAIM_KINDS,
        TITLES=TITLES,
        FOLDERS=FOLDERS,
        name_of=name_of,
        claim_anchor=claim_anchor,
        heading_id=lambda anchor: Markup("{#%s}") % anchor,
    )
    return env


@dataclass(frozen=True)
class _Lookups:
    """Record pages list what refers to them, from the model's backlinks, in date order."""

    dossier: Dossier
    events: list[r.Event]
    claims: list[ClaimView]
    _event_rank: dict[str, int]
    _claim_at: dict[tuple[str, str], tuple[int, ClaimView]]  # (event, claim) -> (rank, view)

    def events_citing(self, kind: str, rid: str, field: str) -> list[r.Event]:
        """Events whose `field` names this record, in date order."""
        ids = {l.owner_id for l in self.dossier.backlinks_of(kind, r.RecordId(rid)) if l.owner_kind == "events" and l.field == field}
        return sorted((self.dossier.get("events", i) for i in ids), key=lambda e: self._event_rank[e.id])  # type: ignore[misc]

    def claims_citing(self, kind: str, rid: str, field: str) -> list[ClaimView]:
        """Claims whose `field` names this record, in the declarations page's order."""
        keys = {(l.owner_id, l.anchor) for l in self.dossier.backlinks_of(kind, r.RecordId(rid)) if l.owner_kind == "events" and l.field == field}
        return [view for _, view in sorted(self._claim_at[key] for key in keys if key[1] is not None)]


def _lookups(dossier: Dossier) -> _Lookups:
    events = dossier.events_by_date()
    claims = [claim_view(dossier, entry) for entry in dossier.claims()]
    return _Lookups(
        dossier,
        events,
        claims,
        {e.id: i for i, e in enumerate(events)},
        {(c.event.id, c.claim.id): (i, c) for i, c in enumerate(claims)},
    )


def render(dossier: Dossier, env: Environment) -> dict[PurePosixPath, str]:
    """Every generated page, keyed by its path inside the generated folder."""
    pages: dict[PurePosixPath, str] = {}
    look = _lookups(dossier)
    for kind in r.KINDS:
        for record in dossier.all(kind):
            path = page_path(kind, record.id)
            page = Page(dossier, path)
            context = _record_context(dossier, record, page, look)
            pages[path] = env.get_template(f"page/{s.KIND_SINGULAR[kind]}.md.j2").render(context)
        path = index_path(kind)
        pages[path] = env.get_template(f"index/{s.KIND_SINGULAR[kind]}.md.j2").render(_index_context(dossier, kind, Page(dossier, path), look))
    years: dict[int, list[r.Event]] = {}
    for event in look.events:
        years.setdefault(event.date.year, []).append(event)
    pages[TIMELINE] = env.get_template("index/timeline.md.j2").render(
        page=Page(dossier, TIMELINE), years=[YearGroup(y, evs) for y, evs in sorted(years.items())]
    )
    pages[CLAIMS] = env.get_template("index/claims.md.j2").render(page=Page(dossier, CLAIMS), claims=look.claims)
    return {path: tidy(text) for path, text in sorted(pages.items())}


def _record_context(dossier: Dossier, record: r.Record, page: Page, look: _Lookups) -> dict:
    context: dict = {"page": page, "record": record, "backlinks": backlink_groups(page, s.KIND_OF_CLASS[type(record)], record.id)}
    if isinstance(record, r.Event):
        context["notes_by_kind"] = {
            "unknown": [n for n in record.notes if n.kind == "unknown"],
            "disagreement": [n for n in record.notes if n.kind == "disagreement"],
            "other": [n for n in record.notes if n.kind not in ("unknown", "disagreement")],
        }
        context["claims"] = [claim_view(dossier, ClaimEntry(record, c)) for c in record.claims]
        context["related"] = _related_events(dossier, record)
    elif isinstance(record, r.Source):
        context["reported"] = look.claims_citing("sources", record.id, "claims.sources.source")
        context["events"] = look.events_citing("sources", record.id, "sources.source")
        context["outlet"] = dossier.get("organisations", record.outlet) if record.outlet else None
    elif isinstance(record, r.Person):
        context["said"] = look.claims_citing("people", record.id, "claims.by")
        events = look.events_citing("people", record.id, "participants.person")
        context["event_roles"] = [(e, next(p for p in e.participants if p.person == record.id)) for e in events]
    elif isinstance(record, r.Organisation):
        context["said"] = look.claims_citing("organisations", record.id, "claims.by")
        context["events"] = look.events_citing("organisations", record.id, "organisations")
    elif isinstance(record, r.Place):
        context["events"] = look.events_citing("places", record.id, "places")
        context["coordinates"] = _coordinates(record.coordinates) if record.coordinates else None
        inside = {l.owner_id for l in dossier.backlinks_of("places", record.id) if l.owner_kind == "places" and l.field in ("within", "country")}
        context["contains"] = sorted((dossier.get("places", pid) for pid in inside), key=lambda p: (name_of(p).casefold(), p.id))
    elif isinstance(record, r.Topic):
        context["events"] = look.events_citing("topics", record.id, "topics")
        context["related_topics"] = sorted(
            {t for t in record.related} | {l.owner_id for l in dossier.backlinks_of("topics", record.id) if l.owner_kind == "topics"}
        )
    return context


def _coordinates(c: r.Coordinates) -> str:
    """60,170° N, 24,938° E: French decimal comma, hemispheres spelt out."""
    lat = f"{abs(c.lat):.3f}".replace(".", ",") + ("° N" if c.lat >= 0 else "° S")
    lon = f"{abs(c.lon):.3f}".replace(".", ",") + ("° E" if c.lon >= 0 else "° O")
    return f"{lat}, {lon}"


def _related_events(dossier: Dossier, event: r.Event) -> list[r.Event]:
    ids = set(event.related) | {l.owner_id for l in dossier.backlinks_of("events", event.id) if l.owner_kind == "events" and l.field == "related"}
    ids.discard(event.id)
    return sorted((dossier.get("events", i) for i in ids), key=lambda e: (e.date.sort_key(), e.id))  # type: ignore[union-attr]


def _index_context(dossier: Dossier, kind: str, page: Page, look: _Lookups) -> dict:
    if kind == "events":
        records: list = look.events
    else:
        records = sorted(dossier.all(kind), key=lambda rec: (name_of(rec).casefold(), rec.id))
    counts = {rec.id: len({(l.owner_kind, l.owner_id) for l in dossier.backlinks_of(kind, rec.id)}) for rec in records}
    return {"page": page, "records": records, "counts": counts, "kind": kind}
