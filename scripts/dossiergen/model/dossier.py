"""The dossier in memory: every record indexed, every reference with its backlink.

References are found by walking each record against its kind's spec (schema.py), so a
new reference field gets its backlink without code here.
"""
from __future__ import annotations

import operator
from dataclasses import dataclass, field, fields
from typing import Iterator, Optional, TypeVar

from . import records as r
from . import schema as s
from .history import UNAVAILABLE, History

R = TypeVar("R", r.Source, r.Person, r.Organisation, r.Place, r.Topic, r.Event, r.Contradiction)


@dataclass(frozen=True, slots=True, order=True)
class Link:
    """One reference: `owner` (kind, id) points at `target` (kind, id) through `field`."""

    owner_kind: str
    owner_id: r.RecordId
    field: str  # spec path without indexes, e.g. "claims.by", "participants.person"
    target_kind: str
    target_id: r.RecordId
    anchor: Optional[str] = None  # a claim id, when the reference sits inside a claim
    target_anchor: str = ""  # a claim id, when the reference names a claim of the target event


# The order of Link's own comparisons (its fields in turn), as a key: sorting 100,000 links
# through the generated __lt__ takes a second.
_LINK_ORDER = operator.attrgetter(*(f.name for f in fields(Link)))


@dataclass(frozen=True, slots=True)
class ClaimEntry:
    """A claim with the event that carries it."""

    event: r.Event
    claim: r.Claim


@dataclass(frozen=True)
class Dossier:
    records: dict[str, dict[r.RecordId, r.Record]]
    links: tuple[Link, ...]
    backlinks: dict[tuple[str, r.RecordId], tuple[Link, ...]]
    # The records' git history (gitlog.read_history, attached by the pipeline); not compared.
    history: History = field(default=UNAVAILABLE, compare=False)

    def get(self, kind: str, rid: r.RecordId) -> r.Record:
        return self.records[kind][rid]

    def get_as(self, cls: type[R], rid: str) -> R:
        """The record of class `cls` (r.Event, r.Person…) with this id, typed as such."""
        record = self.get(s.KIND_OF_CLASS[cls], r.RecordId(rid))
        assert isinstance(record, cls)
        return record

    def all(self, kind: str) -> list[r.Record]:
        """Records of a kind, by id."""
        return [self.records[kind][rid] for rid in sorted(self.records[kind])]

    def events_by_date(self) -> list[r.Event]:
        """Events in chronological order; a less precise date comes first within its span."""
        events = [e for e in self.all("events") if isinstance(e, r.Event)]
        # Ordered by the most precise date known (an outside refinement too): where a mark sits
        # is not what a reader is told; the text always shows the articles' precision.
        return sorted(events, key=lambda e: (e.when.best.sort_key(), e.until.best.sort_key() if e.until else (0, 0, 0), e.title, e.id))

    def claims(self) -> list[ClaimEntry]:
        """Every claim, in the order of their events then of their own dates."""
        out = []
        for event in self.events_by_date():
            for claim in event.claims:
                out.append(ClaimEntry(event, claim))
        return sorted(out, key=lambda c: (claim_dating(c).best.sort_key(), c.event.when.best.sort_key(), c.event.id, c.claim.id))

    def backlinks_of(self, kind: str, rid: r.RecordId) -> tuple[Link, ...]:
        return self.backlinks.get((kind, rid), ())

    def contradictions_about(self, event_id: r.RecordId) -> dict[str, list[r.RecordId]]:
        """Ids of the contradictions naming an event (key "") or one of its claims (key: claim id)."""
        out: dict[str, list[r.RecordId]] = {}
        for link in self.backlinks_of("events", event_id):
            if link.owner_kind == "contradictions":
                found = out.setdefault(link.target_anchor, [])
                if link.owner_id not in found:
                    found.append(link.owner_id)
        return out

    def kind_of(self, rid: r.RecordId, kinds: tuple[str, ...]) -> str:
        """Which of `kinds` holds this id (validation guarantees one does)."""
        for kind in kinds:
            if rid in self.records[kind]:
                return kind
        raise KeyError(rid)


@dataclass
class Reads:
    """What a page read from the model while it was rendered: the preview's dependencies.

    `records`: records fetched (get, kind_of); `backlinks`: records whose backlinks were
    listed (so every record that links to them, before or after an edit, counts too);
    `kinds`: kinds read whole (all, events_by_date, claims).
    """

    records: set[tuple[str, str]] = field(default_factory=set)
    backlinks: set[tuple[str, str]] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class TracedDossier(Dossier):
    """The same model, noting in `reads` everything a renderer asks of it."""

    reads: Reads = field(default_factory=Reads)

    def get(self, kind: str, rid: r.RecordId) -> r.Record:
        self.reads.records.add((kind, rid))
        return super().get(kind, rid)

    def all(self, kind: str) -> list[r.Record]:
        self.reads.kinds.add(kind)
        return super().all(kind)

    def backlinks_of(self, kind: str, rid: r.RecordId) -> tuple[Link, ...]:
        self.reads.backlinks.add((kind, rid))
        return super().backlinks_of(kind, rid)

    def kind_of(self, rid: r.RecordId, kinds: tuple[str, ...]) -> str:
        kind = super().kind_of(rid, kinds)
        self.reads.records.add((kind, rid))
        return kind


def traced(dossier: Dossier, reads: Reads) -> TracedDossier:
    """A view of `dossier` that records into `reads` what is read through it."""
    return TracedDossier(dossier.records, dossier.links, dossier.backlinks, dossier.history, reads)


def claim_dating(entry: ClaimEntry) -> r.Dating:
    """When a claim was made: its own date, or else its event's."""
    return r.dating(entry.claim, "date") or entry.event.when


def build(records: list[r.Record]) -> Dossier:
    """Index validated records and resolve every reference into links and backlinks."""
    index: dict[str, dict[r.RecordId, r.Record]] = {kind: {} for kind in r.KINDS}
    for record in records:
        index[s.KIND_OF_CLASS[type(record)]][record.id] = record
    index = {kind: dict(sorted(recs.items())) for kind, recs in index.items()}
    links: list[Link] = []
    for kind, recs in index.items():
        for record in recs.values():
            for path, ref, rid, anchor, target_anchor in _walk(record, s.KIND_SPECS[kind]):
                target_kind = next(k for k in ref.kinds if rid in index[k])
                links.append(Link(kind, record.id, path, target_kind, rid, anchor, target_anchor))
    links = sorted(set(links), key=_LINK_ORDER)
    backlinks: dict[tuple[str, r.RecordId], list[Link]] = {}
    for link in links:
        backlinks.setdefault((link.target_kind, link.target_id), []).append(link)
    return Dossier(index, tuple(links), {key: tuple(value) for key, value in backlinks.items()})


def _walk(record: r.Record, spec: s.Struct) -> Iterator[tuple[str, s.Ref, r.RecordId, Optional[str], str]]:
    """Yield (field, ref spec, id, claim anchor, target anchor) for every reference in a record."""
    claims = getattr(record, "claims", ())
    for path, ftype, value in s.walk(record, spec):
        anchor = claims[int(path[7:path.index("]")])].id if path.startswith("claims[") else None
        if isinstance(ftype, s.Ref):
            yield s.field_of(path), ftype, r.RecordId(str(value)), anchor, ""
        elif isinstance(ftype, s.ClaimRef):
            assert isinstance(value, r.ClaimKey)
            yield s.field_of(path), _EVENT_REF, value.event, anchor, value.claim


_EVENT_REF = s.Ref(("events",))
