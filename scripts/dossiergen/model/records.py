"""Typed records: what validation produces and every later stage reads."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NewType, Optional

from ..core.dates import Dating as Dating
from ..core.dates import PartialDate as PartialDate
from ..core.dates import dating as dating
from .kinds import KINDS as KINDS  # the kinds' order, for the modules that read records

RecordId = NewType("RecordId", str)


@dataclass(frozen=True, slots=True)
class Coordinates:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True, order=True)
class ClaimKey:
    """A claim named from outside its event: written `event-id/claim-id` in YAML."""

    event: RecordId
    claim: str

    def __str__(self) -> str:
        return f"{self.event}/{self.claim}"


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A citation: the source, and the outlets it relays the statement through."""

    source: RecordId
    # Outlets the source relays this through, nearest first: Sputnik citing the WSJ citing
    # Kommersant is `via: [wall-street-journal, kommersant]`; the last one is the origin.
    via: tuple[RecordId, ...] = ()
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Note:
    """An editorial note: an error, a disagreement, an unknown, a deduction."""

    kind: str
    text: str
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Alias:
    name: str
    sources: tuple[SourceRef, ...] = ()
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    sources: tuple[SourceRef, ...]
    organisation: Optional[RecordId] = None
    start: Optional[PartialDate] = None
    start_basis: Optional[str] = None
    start_outside: Optional[PartialDate] = None
    start_printed: Optional[str] = None
    end: Optional[PartialDate] = None
    end_basis: Optional[str] = None
    end_outside: Optional[PartialDate] = None
    end_printed: Optional[str] = None
    attested: Optional[PartialDate] = None
    attested_basis: Optional[str] = None
    attested_outside: Optional[PartialDate] = None
    attested_printed: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Affiliation:
    status: str
    country: Optional[RecordId] = None
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class EventPlace:
    """Where an event happened, and how the dossier knows: named by a source, or inferred."""

    place: RecordId
    basis: str
    sources: tuple[SourceRef, ...] = ()
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Translation:
    """A quote printed in translation: from which language, and by whom as far as the source tells."""

    source_language: str
    by: Optional[RecordId] = None
    note: Optional[str] = None


@dataclass(frozen=True, slots=True)
class Participant:
    person: RecordId
    role: Optional[str] = None
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """Something someone said or asserted, as reported by sources."""

    id: RecordId
    by: RecordId
    kind: str
    text: str
    sources: tuple[SourceRef, ...]
    date: Optional[PartialDate] = None
    date_basis: Optional[str] = None
    date_outside: Optional[PartialDate] = None
    date_printed: Optional[str] = None
    date_note: Optional[str] = None
    quote: Optional[str] = None
    quote_language: str = "fr"
    translation: Optional[Translation] = None


@dataclass(frozen=True, slots=True)
class Source:
    id: RecordId
    path: str
    title: str
    language: str
    kind: str
    summary: str
    outlet: Optional[RecordId] = None
    agency: Optional[RecordId] = None
    authors: tuple[str, ...] = ()
    published: Optional[PartialDate] = None
    published_basis: Optional[str] = None
    published_outside: Optional[PartialDate] = None
    published_printed: Optional[str] = None
    first_published: Optional[PartialDate] = None
    first_published_basis: Optional[str] = None
    first_published_outside: Optional[PartialDate] = None
    first_published_printed: Optional[str] = None
    published_note: Optional[str] = None
    url: Optional[str] = None
    archive_url: Optional[str] = None
    seed: Optional[str] = None
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    id: RecordId
    path: str
    name: str
    aliases: tuple[Alias, ...] = ()
    roles: tuple[Role, ...] = ()
    country: Optional[RecordId] = None
    description: Optional[str] = None
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[Note, ...] = ()
    search_only: tuple[str, ...] = ()  # spellings from outside the corpus, for the search only


@dataclass(frozen=True, slots=True)
class Organisation:
    id: RecordId
    path: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: Optional[RecordId] = None
    parent: Optional[RecordId] = None
    affiliation: Optional[Affiliation] = None
    description: Optional[str] = None
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[Note, ...] = ()
    search_only: tuple[str, ...] = ()  # spellings from outside the corpus, for the search only
    article: Optional[str] = None  # "le", "la", "les" or "aucun": how the name reads after "de" (core/french.py)


@dataclass(frozen=True, slots=True)
class Place:
    id: RecordId
    path: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: Optional[RecordId] = None
    within: Optional[RecordId] = None
    coordinates: Optional[Coordinates] = None
    description: Optional[str] = None
    sources: tuple[SourceRef, ...] = ()
    notes: tuple[Note, ...] = ()
    search_only: tuple[str, ...] = ()  # spellings from outside the corpus, for the search only


@dataclass(frozen=True, slots=True)
class Topic:
    id: RecordId
    path: str
    name: str
    description: str
    related: tuple[RecordId, ...] = ()
    sources: tuple[SourceRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Event:
    id: RecordId
    path: str
    title: str
    kind: str
    date: PartialDate
    summary: str
    sources: tuple[SourceRef, ...]
    date_basis: Optional[str] = None  # required by validation (a located error), so never None in a Dossier
    date_outside: Optional[PartialDate] = None
    date_printed: Optional[str] = None
    end_date: Optional[PartialDate] = None
    end_date_basis: Optional[str] = None
    end_date_outside: Optional[PartialDate] = None
    end_date_printed: Optional[str] = None
    date_note: Optional[str] = None
    places: tuple[EventPlace, ...] = ()
    participants: tuple[Participant, ...] = ()
    organisations: tuple[RecordId, ...] = ()
    topics: tuple[RecordId, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: tuple[Note, ...] = ()
    related: tuple[RecordId, ...] = ()

    @property
    def place_ids(self) -> tuple[RecordId, ...]:
        return tuple(p.place for p in self.places)

    @property
    def when(self) -> Dating:
        when = dating(self, "date")
        assert when is not None
        return when

    @property
    def until(self) -> Optional[Dating]:
        return dating(self, "end_date")


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a contradiction: what it holds, the claims and events that say so."""

    label: str
    text: str
    sources: tuple[SourceRef, ...]
    claims: tuple[ClaimKey, ...] = ()
    events: tuple[RecordId, ...] = ()


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Statements that disagree, or sit uneasily together, each side with its sources."""

    id: RecordId
    path: str
    title: str
    kind: str
    summary: str
    sides: tuple[Side, ...]
    noted_by: tuple[SourceRef, ...] = ()
    assessment: Optional[str] = None
    topics: tuple[RecordId, ...] = ()


Record = Source | Person | Organisation | Place | Topic | Event | Contradiction


def name_of(record: Record) -> str:
    """What a record is called on its page: an event, source or contradiction's title, or a name."""
    if isinstance(record, (Event, Source, Contradiction)):
        return record.title
    return record.name


def alias_names(record: Record) -> tuple[str, ...]:
    """A record's other spellings as text: a person's aliases carry sources, the others' are plain."""
    return tuple(a.name if isinstance(a, Alias) else a for a in getattr(record, "aliases", ()))
