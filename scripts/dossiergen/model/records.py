"""Typed records: what validation produces and every later stage reads."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import NewType, Optional

from .kinds import KINDS as KINDS  # the kinds' order, for the modules that read records

RecordId = NewType("RecordId", str)


_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError with a reason."""
        m = _DATE_RE.fullmatch(text)
        if not m:
            raise ValueError("not in the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if year < 1000:
            raise ValueError(f"year {year} is out of range")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month:02d} does not exist")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"day {day:02d} does not exist in {year}-{month:02d} (it has {last} days)")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


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
class Dating:
    """How one date is known: its value, its basis, and what lies beyond the articles.

    `value` has the precision the dossier uses for ordering; `basis` says whether an article
    prints it, the dossier deduces it from the articles, or it comes from outside them.
    `outside` is a more precise date known only from outside the corpus; `printed` is the
    articles' own words (« jeudi ») where they give no full date.
    """

    value: PartialDate
    basis: str
    outside: Optional[PartialDate] = None
    printed: Optional[str] = None

    @property
    def attested(self) -> bool:
        """True when the articles themselves support the value (printed or deduced)."""
        return self.basis != "outside"

    @property
    def marked(self) -> bool:
        """True when a reader must be told that part of this date comes from outside the corpus."""
        return self.basis == "outside" or self.outside is not None

    @property
    def best(self) -> PartialDate:
        """The most precise date known, whatever its basis: for ordering and placing marks."""
        return self.outside or self.value


def dating(record: object, key: str) -> Optional[Dating]:
    """The `Dating` of a date field (`date`, `end_date`, `published`, `start`...) of a typed value."""
    value = getattr(record, key)
    if value is None:
        return None
    basis = getattr(record, f"{key}_basis")
    assert basis is not None, "validation requires a basis beside every date"
    return Dating(value, basis, getattr(record, f"{key}_outside"), getattr(record, f"{key}_printed"))


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
