"""What each record page receives: one typed context per kind, made by record_context."""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, fields
from typing import Any, Optional

from markupsafe import Markup

from ..core.text import fr_dating, fr_short_dating
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import ClaimEntry, Dossier
from ..model.records import name_of
from ..pictures import graphs
from . import maps
from .search import search_block
from .views import LARGE_EVENT, BacklinkGroup, CiteAs, ClaimView, Lookups, Page, SideView, backlink_groups, claim_view, node


@dataclass(frozen=True)
class RecordContext:
    """What every record page shows: the record, what refers to it, how to cite it."""

    page: Page
    record: r.Record
    backlinks: list[BacklinkGroup]
    cite_as: CiteAs
    search: Markup  # what the search reads besides the text (pages/search.py)

    def variables(self) -> dict[str, Any]:
        """The template's variables: the fields, by name (not copied, unlike dataclasses.asdict)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class EventContext(RecordContext):
    record: r.Event
    notes_by_kind: dict[str, list[r.Note]]
    claims: list[ClaimView]
    headings: dict[str, str]  # claim id -> its heading, unique on the page
    related: list[r.Event]
    claim_contradictions: dict[str, list[r.Contradiction]]
    contradictions: list[r.Contradiction]  # those not already listed under one of the claims


@dataclass(frozen=True)
class SourceContext(RecordContext):
    record: r.Source
    reported: list[ClaimView]
    events: list[r.Event]
    outlet: Optional[r.Organisation]
    label: pv.Label


@dataclass(frozen=True)
class PersonContext(RecordContext):
    record: r.Person
    said: list[ClaimView]
    event_roles: list[tuple[r.Event, r.Participant]]
    graph: Markup


@dataclass(frozen=True)
class OrganisationContext(RecordContext):
    record: r.Organisation
    said: list[ClaimView]
    events: list[r.Event]
    label: Optional[pv.Label]  # for an outlet
    published: list[r.Source]


@dataclass(frozen=True)
class PlaceContext(RecordContext):
    record: r.Place
    events: list[r.Event]
    coordinates: Optional[str]
    contains: list[r.Place]
    map: Markup  # the place and its neighbours (pages/maps.py)


@dataclass(frozen=True)
class TopicContext(RecordContext):
    record: r.Topic
    events: list[r.Event]
    related_topics: list[str]
    map: Markup  # the places of the theme's events (pages/maps.py)


@dataclass(frozen=True)
class ContradictionContext(RecordContext):
    record: r.Contradiction
    sides: list[SideView]


def record_context(record: r.Record, dossier: Dossier, page: Page, look: Lookups, cite_as: CiteAs) -> RecordContext:
    """The context of a record's page, by the record's class."""
    kind = s.KIND_OF_CLASS[type(record)]
    page.once = True  # a record page says each outlet's label once (views.Page.label_tag)
    base = {"page": page, "record": record, "backlinks": backlink_groups(page, kind, record.id), "cite_as": cite_as, "search": search_block(dossier, kind, record)}
    return _context(record, dossier, page, look, base)


@functools.singledispatch
def _context(record: r.Record, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    raise TypeError(f"no page context for {type(record).__name__}")


@_context.register
def _(record: r.Event, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    notes_by_kind = {
        "unknown": [n for n in record.notes if n.kind == "unknown"],
        "disagreement": [n for n in record.notes if n.kind == "disagreement"],
        "other": [n for n in record.notes if n.kind not in ("unknown", "disagreement")],
    }
    claims = [claim_view(dossier, ClaimEntry(record, c)) for c in record.claims]
    about = {anchor: [dossier.get_as(r.Contradiction, i) for i in ids] for anchor, ids in dossier.contradictions_about(record.id).items()}
    under_claims = {c.id for anchor, found in about.items() if anchor is not None for c in found}
    contradictions = sorted({c for found in about.values() for c in found if c.id not in under_claims}, key=lambda c: c.id)
    return EventContext(**base, notes_by_kind=notes_by_kind, claims=claims, headings=claim_headings(claims), related=_related_events(dossier, record),
                        claim_contradictions=about, contradictions=contradictions)


# A heading made unique by the first words of the quote (or of the text): about ten words.
FIRST_WORDS = 8


def claim_headings(claims: list[ClaimView]) -> dict[str, str]:
    """Each claim's heading: speaker, kind and date; where two would read the same, the first
    words of what was said are added ("Dave Butler — déclaration, 22 septembre 2021 : « poursuivre
    des discussions… »"), and a number if even those agree."""
    base = {c.claim.id: _claim_heading(c) for c in claims}
    counts = Counter(base.values())
    headings: dict[str, str] = {}
    for c in claims:
        text = base[c.claim.id]
        if counts[text] > 1:
            text = f"{text} : « {_first_words(c.claim.quote or c.claim.text)} »"
        headings[c.claim.id] = text
    seen: Counter[str] = Counter()
    for c in claims:
        text = headings[c.claim.id]
        seen[text] += 1
        if seen[text] > 1:
            headings[c.claim.id] = f"{text} ({seen[text]})"
    return headings


def _claim_heading(c: ClaimView) -> str:
    date = f", {fr_dating(r.dating(c.claim, 'date'))}" if c.claim.date else ""
    return f"{name_of(c.author)} — {s.CLAIM_KINDS[c.claim.kind]}{date}"


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:FIRST_WORDS]).rstrip(",;:.") + ("…" if len(words) > FIRST_WORDS else "")


@_context.register
def _(record: r.Source, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    reported = look.claims_citing("sources", record.id, "claims.sources.source")
    events = look.events_citing("sources", record.id, "sources.source")
    outlet = dossier.get_as(r.Organisation, record.outlet) if record.outlet else None
    return SourceContext(**base, reported=reported, events=events, outlet=outlet, label=pv.publisher_label(dossier, record)[1])


@_context.register
def _(record: r.Person, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    said = look.claims_citing("people", record.id, "claims.by")
    events = look.events_citing("people", record.id, "participants.person")
    event_roles = [(e, next(p for p in e.participants if p.person == record.id)) for e in events]
    return PersonContext(**base, said=said, event_roles=event_roles, graph=_person_graph(dossier, page, record, events))


@_context.register
def _(record: r.Organisation, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    said = look.claims_citing("organisations", record.id, "claims.by")
    events = look.events_citing("organisations", record.id, "organisations")
    label = pv.label_of(record) if pv.is_outlet(record) else None
    published = {link.owner_id for link in dossier.backlinks_of("organisations", record.id) if link.owner_kind == "sources" and link.field in ("outlet", "agency")}
    return OrganisationContext(**base, said=said, events=events, label=label, published=[dossier.get_as(r.Source, i) for i in sorted(published)])


@_context.register
def _(record: r.Place, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    events = look.events_citing("places", record.id, "places.place")
    coordinates = _coordinates(record.coordinates) if record.coordinates else None
    inside = {link.owner_id for link in dossier.backlinks_of("places", record.id) if link.owner_kind == "places" and link.field in ("within", "country")}
    contains = sorted((dossier.get_as(r.Place, pid) for pid in inside), key=lambda p: (name_of(p).casefold(), p.id))
    return PlaceContext(**base, events=events, coordinates=coordinates, contains=contains, map=maps.place_map(dossier, page, record))


@_context.register
def _(record: r.Topic, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    events = look.events_citing("topics", record.id, "topics")
    related = sorted({str(t) for t in record.related} | {str(link.owner_id) for link in dossier.backlinks_of("topics", record.id) if link.owner_kind == "topics"})
    return TopicContext(**base, events=events, related_topics=related, map=maps.topic_map(dossier, page, events, record))


@_context.register
def _(record: r.Contradiction, dossier: Dossier, page: Page, look: Lookups, base: dict[str, Any]) -> RecordContext:
    sides = [
        SideView(
            side,
            [claim_view(dossier, ClaimEntry(dossier.get_as(r.Event, key.event), _claim(dossier, key))) for key in side.claims],
            [dossier.get_as(r.Event, e) for e in side.events],
        )
        for side in record.sides
    ]
    return ContradictionContext(**base, sides=sides)


def _claim(dossier: Dossier, key: r.ClaimKey) -> r.Claim:
    return next(c for c in dossier.get_as(r.Event, key.event).claims if c.id == key.claim)


def _coordinates(c: r.Coordinates) -> str:
    """60,170° N, 24,938° E: French decimal comma, hemispheres spelt out."""
    lat = f"{abs(c.lat):.3f}".replace(".", ",") + ("° N" if c.lat >= 0 else "° S")
    lon = f"{abs(c.lon):.3f}".replace(".", ",") + ("° E" if c.lon >= 0 else "° O")
    return f"{lat}, {lon}"


def _related_events(dossier: Dossier, event: r.Event) -> list[r.Event]:
    ids = set(event.related) | {link.owner_id for link in dossier.backlinks_of("events", event.id) if link.owner_kind == "events" and link.field == "related"}
    ids.discard(event.id)
    return sorted((dossier.get_as(r.Event, i) for i in ids), key=lambda e: (e.date.sort_key(), e.id))


def _person_graph(dossier: Dossier, page: Page, person: r.Person, events: list[r.Event]) -> Markup:
    """The person, the events they took part in, and who else took part in each."""
    rows = []
    for event in events:
        others = [dossier.get_as(r.Person, p.person) for p in event.participants if p.person != person.id] if len(event.participants) <= LARGE_EVENT else []
        rows.append((node(page, "events", event, fr_short_dating(event.when)), [node(page, "people", o) for o in others]))
    return graphs.person_graph(node(page, "people", person), rows)
