"""Per-kind field specs: required fields, types, enums and reference targets.

The spec is data: `validate.py` walks it, the docs describe it, tests read it.
Enum values are the YAML spellings; their French labels are what pages show.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Iterator, Optional, Union, cast

from ..core.french import ARTICLES
from . import records as r
from .kinds import kind

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# Size bounds for untrusted input (see validate.py and load.py).
MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_LIST = 300
SHORT = 300  # names, titles, roles
LONG = 6000  # summaries, descriptions, notes
QUOTE = 500  # a quote is short by rule

LANGUAGES = {"fr": "français", "en": "anglais", "ru": "russe", "fa": "persan", "ar": "arabe"}

SOURCE_KINDS = {
    "article": "article",
    "dispatch": "dépêche d’agence",
    "republication": "reprise d’une dépêche",
    "press-release": "communiqué",
    "transcript": "transcription",
    "other": "autre",
}

NOTE_KINDS = {
    "error": "Erreur",
    "misspelling": "Graphie fautive",
    "date": "Date",
    "republication": "Republication",
    "unrelated-material": "Contenu sans rapport",
    "truncated": "Texte tronqué",
    "repetition": "Répétition",
    "no-byline": "Sans signature",
    "attribution": "Attribution",
    "translation": "Traduction",
    "disagreement": "Divergence entre sources",
    "unknown": "Inconnu",
    "inference": "Déduction",
    "context": "Contexte",
    "outside-corpus": "Hors corpus",
}

# How a date is known. What a reader sees first always has the articles' precision; an
# outside refinement (`*_outside`) or an outside date (`outside`) is marked as such.
DATE_BASES = {
    "printed": "imprimée par une source",
    "deduced": "déduite des articles",
    "outside": "hors corpus",
}

# How the dossier knows where an event took place.
PLACE_BASES = {
    "named": "nommé par une source",
    "inferred": "déduit par le dossier",
    "outside": "hors corpus",
}

ORGANISATION_KINDS = {
    "government": "gouvernement",
    "presidency": "présidence",
    "ministry": "ministère",
    "armed-forces": "forces armées",
    "military-staff": "état-major",
    "military-command": "commandement militaire",
    "security-council": "conseil de sécurité",
    "intelligence": "renseignement",
    "alliance": "alliance militaire",
    "international-organisation": "organisation internationale",
    "international-forum": "forum international",
    "coalition": "coalition",
    "armed-group": "groupe armé",
    "news-agency": "agence de presse",
    "newspaper": "journal",
    "broadcaster": "chaîne de radio-télévision",
    "website": "site d’information",
    "other": "autre",
}

AFFILIATION_STATUSES = {
    "state-owned": "média d’État",
    "state-affiliated": "média affilié à un État",
    "public-statute": "statut public autonome",
    "private": "privé",
    "cooperative": "coopérative",
    "unknown": "propriété non établie",
}

PLACE_KINDS = {
    "country": "pays",
    "city": "ville",
    "region": "région",
    "territory": "territoire",
    "base": "base militaire",
    "airport": "aéroport",
    "body-of-water": "étendue d’eau",
    "other": "autre",
}

EVENT_KINDS = {
    "meeting": "rencontre",
    "phone-call": "entretien téléphonique",
    "summit": "sommet",
    "conference": "conférence",
    "statement": "déclaration",
    "press-report": "révélation de presse",
    "military-operation": "opération militaire",
    "attack": "attentat",
    "evacuation": "évacuation",
    "withdrawal": "retrait",
    "base": "base militaire",
    "political": "événement politique",
    "negotiation": "négociation",
    "other": "autre",
}

CLAIM_KINDS = {
    "statement": "déclaration",
    "report": "information de presse",
    "proposal": "proposition",
    "warning": "mise en garde",
    "agreement": "accord",
    "assessment": "évaluation",
    "denial": "démenti",
    "refusal": "refus",
}

CONTRADICTION_KINDS = {
    "contradiction": "contradiction",
    "tension": "tension",
    "divergence": "divergence entre sources",
}


# --- field types -----------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    max_len: int = SHORT
    multiline: bool = False
    describe: str = "text"


@dataclass(frozen=True)
class Slug:
    describe: str = "a slug (a-z, 0-9 and single hyphens)"


@dataclass(frozen=True)
class Date:
    describe: str = "a date YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class Url:
    describe: str = "an http:// or https:// address"


@dataclass(frozen=True)
class Enum:
    values: dict[str, str]

    @property
    def describe(self) -> str:
        return "one of: " + ", ".join(self.values)


@dataclass(frozen=True)
class Number:
    low: float
    high: float

    @property
    def describe(self) -> str:
        return f"a number from {self.low:g} to {self.high:g}"


@dataclass(frozen=True)
class Ref:
    kinds: tuple[str, ...]
    # A narrower target: a place ref that must name a country, say.
    place_kind: Optional[str] = None
    # A citation may name its own record (a source's note citing that source).
    self_ok: bool = False

    @property
    def describe(self) -> str:
        return "the id of " + " or ".join(kind(k).noun for k in self.kinds)


@dataclass(frozen=True)
class ClaimRef:
    """A claim of an event, named `event-id/claim-id` (the claim's id in the export)."""

    describe: str = "a claim, written event-id/claim-id"


@dataclass(frozen=True)
class ListOf:
    item: "FieldType"
    min_len: int = 0
    max_len: int = MAX_LIST
    unique: bool = True

    @property
    def describe(self) -> str:
        return "a list"


@dataclass(frozen=True)
class Spec:
    """A field inside a Struct. `attr` is the dataclass field where the YAML key differs."""

    type: "FieldType"
    required: bool = False
    attr: Optional[str] = None
    help: str = ""


@dataclass(frozen=True)
class DateGroup:
    """A date field with its basis siblings (`date`, `date_basis`, `date_outside`, `date_printed`)
    and the field whose text explains a deduction or an outside date."""

    key: str
    attr: str
    note: str


@dataclass(frozen=True)
class Struct:
    cls: type
    fields: dict[str, Spec]
    # A struct that may also be written as a bare string for this field.
    shorthand: Optional[str] = None
    describe: str = "a mapping"
    dates: tuple[DateGroup, ...] = ()
    # The field that identifies an item in a list of these (a place named twice is a mistake).
    key: Optional[str] = None


FieldType = Union[Text, Slug, Date, Url, Enum, Number, Ref, ClaimRef, ListOf, Struct]

# --- shared pieces ---------------------------------------------------------------------


def dated(key: str, note: str, *, required: bool = False, attr: Optional[str] = None, help: str = "") -> dict[str, Spec]:
    """A date field and its basis siblings, in the order a contributor writes them."""
    base = attr or key
    return {
        key: Spec(Date(), required=required, attr=attr, help=help),
        f"{key}_basis": Spec(Enum(DATE_BASES), attr=f"{base}_basis", help=f"how '{key}' is known: printed by a source, deduced from the articles, or from outside the corpus (explained in '{note}')"),
        f"{key}_outside": Spec(Date(), attr=f"{base}_outside", help=f"a more precise date known only from outside the corpus, refining '{key}' (explained in '{note}')"),
        f"{key}_printed": Spec(Text(120), attr=f"{base}_printed", help="the articles' own words where they give no full date (« jeudi », « en juillet »)"),
    }


def date_groups(*pairs: tuple[str, str, Optional[str]]) -> tuple[DateGroup, ...]:
    return tuple(DateGroup(key, attr or key, note) for key, note, attr in pairs)

SOURCE_REF = Struct(
    r.SourceRef,
    {
        "source": Spec(Ref(("sources",), self_ok=True), required=True, help="id of the source record"),
        "via": Spec(ListOf(Ref(("organisations",)), max_len=5), help="outlets the source relays this through (\"selon le WSJ\")"),
        "note": Spec(Text(), help="where in the source, or a caveat"),
    },
    shorthand="source",
    describe="a source id, or a mapping with source and via",
)
SOURCES = ListOf(SOURCE_REF, max_len=30)
REQUIRED_SOURCES = ListOf(SOURCE_REF, min_len=1, max_len=30)

NOTE = Struct(
    r.Note,
    {
        "kind": Spec(Enum(NOTE_KINDS), required=True),
        "text": Spec(Text(LONG, multiline=True), required=True),
        "sources": Spec(SOURCES),
    },
)
NOTES = ListOf(NOTE, max_len=50, unique=False)
ALIASES = ListOf(Text(), max_len=50)
# Spellings a reader may type that no article prints ("Putin"): outside the corpus, indexed for
# the search only, never shown on a page nor offered as a source's spelling.
SEARCH_ONLY = Spec(
    ListOf(Text(80), max_len=20),
    help="spellings a reader may type that no article prints (outside the corpus): the search finds the record by them; never shown",
)
PLACE_REF = Ref(("places",))
COUNTRY_REF = Ref(("places",), place_kind="country")

# People, organisations and places share a sourced description (validate.py checks
# that a description comes with sources) and editorial notes.
DESCRIBED = {
    "description": Spec(Text(LONG, multiline=True)),
    "sources": Spec(SOURCES),
    "notes": Spec(NOTES),
}

CLAIM = Struct(
    r.Claim,
    {
        "id": Spec(Slug(), required=True, help="unique within the event; the anchor on its page"),
        "by": Spec(Ref(("people", "organisations")), required=True, help="who said or asserted it"),
        "kind": Spec(Enum(CLAIM_KINDS), required=True),
        **dated("date", "date_note", help="when it was said, with the precision the sources support"),
        "date_note": Spec(Text(LONG, multiline=True), help="how the date was established"),
        "text": Spec(Text(LONG, multiline=True), required=True, help="what was said, in our own words, in French"),
        "quote": Spec(Text(QUOTE), help="the exact short quote as printed, without quotation marks"),
        "quote_language": Spec(Enum(LANGUAGES)),
        "translation": Spec(
            Struct(
                r.Translation,
                {
                    "from": Spec(Enum(LANGUAGES), required=True, attr="source_language", help="the language the words were said or written in"),
                    "by": Spec(Ref(("organisations", "people")), help="who translated, only where the source says so or makes it plain"),
                    "note": Spec(Text(LONG, multiline=True), help="what the source tells of the translation"),
                },
            ),
            help="for a quote printed in translation",
        ),
        "sources": Spec(REQUIRED_SOURCES, required=True),
    },
    dates=date_groups(("date", "date_note", None)),
)

# --- the six kinds ---------------------------------------------------------------------

KIND_SPECS: dict[str, Struct] = {
    "sources": Struct(
        r.Source,
        {
            "title": Spec(Text(), required=True, help="the headline as published"),
            "outlet": Spec(Ref(("organisations",)), help="the site or paper where the text was published"),
            "agency": Spec(Ref(("organisations",)), help="the news agency whose dispatch it is"),
            "authors": Spec(ListOf(Text(), max_len=20)),
            **dated("published", "published_note"),
            **dated("first_published", "published_note", help="for a republication: when the story it repeats first appeared"),
            "published_note": Spec(Text(LONG, multiline=True), help="how the publication date was established"),
            "url": Spec(Url()),
            "archive_url": Spec(Url()),
            "language": Spec(Enum(LANGUAGES), required=True),
            "kind": Spec(Enum(SOURCE_KINDS), required=True),
            "seed": Spec(Text(), help="file name of the working copy in shared/seeds"),
            "summary": Spec(Text(LONG, multiline=True), required=True),
            "notes": Spec(NOTES),
        },
        dates=date_groups(("published", "published_note", None), ("first_published", "published_note", None)),
    ),
    "people": Struct(
        r.Person,
        {
            "name": Spec(Text(), required=True),
            "aliases": Spec(
                ListOf(
                    Struct(
                        r.Alias,
                        {
                            "name": Spec(Text(), required=True),
                            "sources": Spec(SOURCES),
                            "note": Spec(Text(LONG, multiline=True)),
                        },
                        shorthand="name",
                    ),
                    max_len=50,
                )
            ),
            "search_only": SEARCH_ONLY,
            "roles": Spec(
                ListOf(
                    Struct(
                        r.Role,
                        {
                            "title": Spec(Text(), required=True),
                            "organisation": Spec(Ref(("organisations",))),
                            **dated("from", "note", attr="start"),
                            **dated("to", "note", attr="end"),
                            **dated("attested", "note", help="a date at which the sources show the role held"),
                            "note": Spec(Text(LONG, multiline=True)),
                            "sources": Spec(REQUIRED_SOURCES, required=True),
                        },
                        dates=date_groups(("from", "note", "start"), ("to", "note", "end"), ("attested", "note", None)),
                    ),
                    max_len=50,
                    unique=False,
                )
            ),
            "country": Spec(COUNTRY_REF),
            **DESCRIBED,
        },
    ),
    "organisations": Struct(
        r.Organisation,
        {
            "name": Spec(Text(), required=True),
            "article": Spec(
                Enum(ARTICLES),
                help="l’article que prend le nom dans une phrase : le (le Département d’État, du Département d’État), la (la Coalition internationale ; l’Agence France-Presse, l’élision est automatique), les (les Talibans, des Talibans) ou aucun (Al-Qaïda, d’Al-Qaïda ; Sputnik). Sans ce champ, le nom est employé sans article",
            ),
            "kind": Spec(Enum(ORGANISATION_KINDS), required=True),
            "aliases": Spec(ALIASES),
            "search_only": SEARCH_ONLY,
            "country": Spec(COUNTRY_REF),
            "parent": Spec(Ref(("organisations",))),
            "affiliation": Spec(
                Struct(
                    r.Affiliation,
                    {
                        "status": Spec(Enum(AFFILIATION_STATUSES), required=True),
                        "country": Spec(COUNTRY_REF),
                        "note": Spec(Text(LONG, multiline=True)),
                    },
                )
            ),
            **DESCRIBED,
        },
    ),
    "places": Struct(
        r.Place,
        {
            "name": Spec(Text(), required=True),
            "kind": Spec(Enum(PLACE_KINDS), required=True),
            "aliases": Spec(ALIASES),
            "search_only": SEARCH_ONLY,
            "country": Spec(COUNTRY_REF),
            "within": Spec(PLACE_REF, help="a larger place: a region, a city"),
            "coordinates": Spec(
                Struct(
                    r.Coordinates,
                    {"lat": Spec(Number(-90, 90), required=True), "lon": Spec(Number(-180, 180), required=True)},
                )
            ),
            **DESCRIBED,
        },
    ),
    "topics": Struct(
        r.Topic,
        {
            "name": Spec(Text(), required=True),
            "description": Spec(Text(LONG, multiline=True), required=True),
            "related": Spec(ListOf(Ref(("topics",)), max_len=30)),
            "sources": Spec(SOURCES),
        },
    ),
    "events": Struct(
        r.Event,
        {
            "title": Spec(Text(), required=True),
            "kind": Spec(Enum(EVENT_KINDS), required=True),
            **dated("date", "date_note", required=True),
            **dated("end_date", "date_note", help="for a period: its end"),
            "date_note": Spec(Text(LONG, multiline=True), help="how the dates are known: the reasoning of a deduction, where an outside date comes from"),
            "places": Spec(
                ListOf(
                    Struct(
                        r.EventPlace,
                        {
                            "place": Spec(PLACE_REF, required=True),
                            "basis": Spec(Enum(PLACE_BASES), required=True, help="named: a cited source names it; inferred: the dossier infers it; outside: from outside the corpus"),
                            "sources": Spec(SOURCES, help="the sources that name or support this place, and only those"),
                            "note": Spec(Text(LONG, multiline=True), help="required for an inferred or outside place: the reasoning, or where it comes from"),
                        },
                        describe="a mapping with place and basis (named, inferred or outside)",
                        key="place",
                    ),
                    max_len=30,
                )
            ),
            "participants": Spec(
                ListOf(
                    Struct(
                        r.Participant,
                        {
                            "person": Spec(Ref(("people",)), required=True),
                            "role": Spec(Text()),
                            "sources": Spec(SOURCES),
                        },
                        shorthand="person",
                    ),
                    max_len=50,
                )
            ),
            "organisations": Spec(ListOf(Ref(("organisations",)), max_len=50)),
            "topics": Spec(ListOf(Ref(("topics",)), max_len=30)),
            "summary": Spec(Text(LONG, multiline=True), required=True),
            "sources": Spec(REQUIRED_SOURCES, required=True),
            "claims": Spec(ListOf(CLAIM, max_len=50, unique=False)),
            "notes": Spec(NOTES),
            "related": Spec(ListOf(Ref(("events",)), max_len=30)),
        },
        dates=date_groups(("date", "date_note", None), ("end_date", "date_note", None)),
    ),
    "contradictions": Struct(
        r.Contradiction,
        {
            "title": Spec(Text(), required=True, help="the disagreement in a few words"),
            "kind": Spec(Enum(CONTRADICTION_KINDS), required=True, help="contradiction: both cannot be true; tension: they sit uneasily together; divergence: sources tell one fact differently"),
            "summary": Spec(Text(LONG, multiline=True), required=True, help="what is at odds, in our own words"),
            "sides": Spec(
                ListOf(
                    Struct(
                        r.Side,
                        {
                            "label": Spec(Text(120), required=True, help="a few words naming this side (« Moscou refuse »)"),
                            "text": Spec(Text(LONG, multiline=True), required=True, help="what this side holds, in our own words"),
                            "claims": Spec(ListOf(ClaimRef(), max_len=20), help="the claims on this side, as event-id/claim-id"),
                            "events": Spec(ListOf(Ref(("events",)), max_len=20), help="the events on this side"),
                            "sources": Spec(REQUIRED_SOURCES, required=True),
                        },
                    ),
                    min_len=2,
                    max_len=6,
                ),
                required=True,
            ),
            "noted_by": Spec(SOURCES, help="sources that point out the disagreement themselves"),
            "assessment": Spec(Text(LONG, multiline=True), help="what can be said of it, with the precision the sources allow"),
            "topics": Spec(ListOf(Ref(("topics",)), max_len=30)),
        },
    ),
}


# Which kind a typed record belongs to.
KIND_OF_CLASS: dict[type, str] = {spec.cls: kind for kind, spec in KIND_SPECS.items()}


def walk(value: object, ftype: FieldType, path: str = "") -> Iterator[tuple[str, FieldType, object]]:
    """Every value inside a typed value, with its indexed path (`claims[2].sources[0]`)."""
    if value is None:
        return
    yield path, ftype, value
    if isinstance(ftype, ListOf):
        for i, item in enumerate(cast("tuple[object, ...]", value)):  # validate makes every list a tuple
            yield from walk(item, ftype.item, f"{path}[{i}]")
    elif isinstance(ftype, Struct):
        attrs = {f.name for f in fields(cast("DataclassInstance", value))}  # validate makes every struct its dataclass
        for key, spec in ftype.fields.items():
            attr = spec.attr or key
            if attr in attrs:
                yield from walk(getattr(value, attr), spec.type, f"{path}.{key}" if path else key)


_INDEX = re.compile(r"\[\d+\]")


def field_of(path: str) -> str:
    """`claims[2].sources[0].source` -> `claims.sources.source`."""
    return _INDEX.sub("", path)
