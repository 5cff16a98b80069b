"""The context of each record page, one function per kind, typed."""
from __future__ import annotations

from markupsafe import Markup

from ..core.text import fr_short_dating
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import ClaimEntry, Dossier
from ..model.records import name_of
from ..pictures import graphs
from .views import LARGE_EVENT, Lookups, Page, SideView, backlink_groups, claim_view, node


def record_context(dossier: Dossier, record: r.Record, page: Page, look: Lookups) -> dict:
    context: dict = {"page": page, "record": record, "backlinks": backlink_groups(page, s.KIND_OF_CLASS[type(record)], record.id)}
    if isinstance(record, r.Event):
        context["notes_by_kind"] = {
            "unknown": [n for n in record.notes if n.kind == "unknown"],
            "disagreement": [n for n in record.notes if n.kind == "disagreement"],
            "other": [n for n in record.notes if n.kind not in ("unknown", "disagreement")],
        }
        context["claims"] = [claim_view(dossier, ClaimEntry(record, c)) for c in record.claims]
        context["related"] = _related_events(dossier, record)
        about = {anchor: [dossier.get("contradictions", i) for i in ids] for anchor, ids in dossier.contradictions_about(record.id).items()}
        context["claim_contradictions"] = about
        context["contradictions"] = sorted({c for found in about.values() for c in found}, key=lambda c: c.id)
    elif isinstance(record, r.Source):
        context["reported"] = look.claims_citing("sources", record.id, "claims.sources.source")
        context["events"] = look.events_citing("sources", record.id, "sources.source")
        context["outlet"] = dossier.get("organisations", record.outlet) if record.outlet else None
        context["label"] = pv.publisher_label(dossier, record)[1]
    elif isinstance(record, r.Person):
        context["said"] = look.claims_citing("people", record.id, "claims.by")
        events = look.events_citing("people", record.id, "participants.person")
        context["event_roles"] = [(e, next(p for p in e.participants if p.person == record.id)) for e in events]
        context["graph"] = _person_graph(dossier, page, record, events)
    elif isinstance(record, r.Organisation):
        context["said"] = look.claims_citing("organisations", record.id, "claims.by")
        context["events"] = look.events_citing("organisations", record.id, "organisations")
        context["label"] = pv.label_of(record) if pv.is_outlet(record) else None
        published = {link.owner_id for link in dossier.backlinks_of("organisations", record.id) if link.owner_kind == "sources" and link.field in ("outlet", "agency")}
        context["published"] = [dossier.get("sources", i) for i in sorted(published)]
    elif isinstance(record, r.Place):
        context["events"] = look.events_citing("places", record.id, "places.place")
        context["coordinates"] = _coordinates(record.coordinates) if record.coordinates else None
        inside = {link.owner_id for link in dossier.backlinks_of("places", record.id) if link.owner_kind == "places" and link.field in ("within", "country")}
        context["contains"] = sorted((dossier.get("places", pid) for pid in inside), key=lambda p: (name_of(p).casefold(), p.id))
    elif isinstance(record, r.Contradiction):
        context["sides"] = [
            SideView(
                side,
                [claim_view(dossier, ClaimEntry(_event(dossier, key.event), _claim(dossier, key))) for key in side.claims],
                [_event(dossier, e) for e in side.events],
            )
            for side in record.sides
        ]
    elif isinstance(record, r.Topic):
        context["events"] = look.events_citing("topics", record.id, "topics")
        context["related_topics"] = sorted(
            {t for t in record.related} | {link.owner_id for link in dossier.backlinks_of("topics", record.id) if link.owner_kind == "topics"}
        )
    return context


def _event(dossier: Dossier, rid: str) -> r.Event:
    event = dossier.get("events", r.RecordId(rid))
    assert isinstance(event, r.Event)
    return event


def _claim(dossier: Dossier, key: r.ClaimKey) -> r.Claim:
    return next(c for c in _event(dossier, key.event).claims if c.id == key.claim)


def _coordinates(c: r.Coordinates) -> str:
    """60,170° N, 24,938° E: French decimal comma, hemispheres spelt out."""
    lat = f"{abs(c.lat):.3f}".replace(".", ",") + ("° N" if c.lat >= 0 else "° S")
    lon = f"{abs(c.lon):.3f}".replace(".", ",") + ("° E" if c.lon >= 0 else "° O")
    return f"{lat}, {lon}"


def _related_events(dossier: Dossier, event: r.Event) -> list[r.Event]:
    ids = set(event.related) | {link.owner_id for link in dossier.backlinks_of("events", event.id) if link.owner_kind == "events" and link.field == "related"}
    ids.discard(event.id)
    return sorted((dossier.get("events", i) for i in ids), key=lambda e: (e.date.sort_key(), e.id))  # type: ignore[union-attr]


def _person_graph(dossier: Dossier, page: Page, person: r.Person, events: list[r.Event]) -> Markup:
    """The person, the events they took part in, and who else took part in each."""
    rows = []
    for event in events:
        others = [dossier.get("people", p.person) for p in event.participants if p.person != person.id] if len(event.participants) <= LARGE_EVENT else []
        rows.append((node(page, "events", event, fr_short_dating(event.when)), [node(page, "people", o) for o in others]))
    return graphs.person_graph(node(page, "people", person), rows)
