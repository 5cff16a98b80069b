"""Per-kind field specs: required fields, types, enums and reference targets.

The spec is data: `validate.py` walks it, the docs describe it, tests read it.
Enum values are the YAML spellings; their French labels are what pages show.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
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

# Words for an event's kind that are not its label, for the validator's suggestion.
EVENT_KIND_WORDS = {
    "réunion": "meeting", "rendez-vous": "meeting", "entrevue": "meeting", "rencontres": "meeting", "visite": "meeting",
    "appel": "phone-call", "appel téléphonique": "phone-call", "téléphone": "phone-call", "coup de fil": "phone-call",
    "entretien": "phone-call", "conversation téléphonique": "phone-call", "sommet international": "summit",
    "colloque": "conference", "forum": "conference", "annonce": "statement", "discours": "statement", "communiqué": "statement",
    "article": "press-report", "révélation": "press-report", "enquête": "press-report", "fuite": "press-report",
    "opération": "military-operation", "intervention": "military-operation", "frappe": "military-operation",
    "guerre": "military-operation", "attaque": "attack", "attentats": "attack", "évacuations": "evacuation",
    "départ": "withdrawal", "retrait militaire": "withdrawal", "base": "base", "installation militaire": "base",
    "élection": "political", "politique": "political", "accord": "negotiation", "pourparlers": "negotiation",
    "traité": "negotiation", "négociations": "negotiation", "autres": "other", "divers": "other",
}
CLAIM_KIND_WORDS = {
    "propos": "statement", "citation": "statement", "affirmation": "statement", "information": "report",
    "avertissement": "warning", "menace": "warning", "démentir": "denial", "rejet": "refusal", "analyse": "assessment",
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
    describe: str = "du texte"


@dataclass(frozen=True)
class Slug:
    describe: str = "un identifiant (a-z, 0-9 et traits d’union simples)"


@dataclass(frozen=True)
class Date:
    describe: str = "une date AAAA, AAAA-MM ou AAAA-MM-JJ"


@dataclass(frozen=True)
class Url:
    describe: str = "une adresse http:// ou https://"


@dataclass(frozen=True)
class Enum:
    values: dict[str, str]
    # Other French words a contributor may write for a value (« réunion » for meeting): the
    # validator suggests the value; the labels in `values` are suggested the same way.
    also: dict[str, str] = field(default_factory=dict)

    @property
    def describe(self) -> str:
        return "l’une des valeurs : " + ", ".join(f"{value} ({label.lower() if label[1:2].islower() else label})" for value, label in self.values.items())


@dataclass(frozen=True)
class Number:
    low: float
    high: float

    @property
    def describe(self) -> str:
        return f"un nombre de {self.low:g} à {self.high:g}"


@dataclass(frozen=True)
class Ref:
    kinds: tuple[str, ...]
    # A narrower target: a place ref that must name a country, say.
    place_kind: Optional[str] = None
    # A citation may name its own record (a source's note citing that source).
    self_ok: bool = False

    @property
    def describe(self) -> str:
        return "l’identifiant " + " ou ".join("d’" + kind(k).a_label for k in self.kinds)


@dataclass(frozen=True)
class ClaimRef:
    """A claim of an event, named `event-id/claim-id` (the claim's id in the export)."""

    describe: str = "une affirmation, écrite id-de-l-événement/id-de-l-affirmation"


@dataclass(frozen=True)
class ListOf:
    item: "FieldType"
    min_len: int = 0
    max_len: int = MAX_LIST
    unique: bool = True

    @property
    def describe(self) -> str:
        return "une liste"


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
    describe: str = "un groupe de champs"
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
        f"{key}_basis": Spec(Enum(DATE_BASES), attr=f"{base}_basis", help=f"comment '{key}' est connue : printed (imprimée par une source), deduced (déduite des articles) ou outside (hors corpus), expliqué dans '{note}'"),
        f"{key}_outside": Spec(Date(), attr=f"{base}_outside", help=f"une date plus précise connue seulement hors corpus, qui précise '{key}' (expliquée dans '{note}')"),
        f"{key}_printed": Spec(Text(120), attr=f"{base}_printed", help="les mots mêmes des articles quand ils ne donnent pas de date complète (« jeudi », « en juillet »)"),
    }


def date_groups(*pairs: tuple[str, str, Optional[str]]) -> tuple[DateGroup, ...]:
    return tuple(DateGroup(key, attr or key, note) for key, note, attr in pairs)

SOURCE_REF = Struct(
    r.SourceRef,
    {
        "source": Spec(Ref(("sources",), self_ok=True), required=True, help="identifiant de la fiche source"),
        "via": Spec(ListOf(Ref(("organisations",)), max_len=5), help="médias par lesquels la source relaie l’information (« selon le WSJ »)"),
        "note": Spec(Text(), help="où dans la source, ou une réserve"),
    },
    shorthand="source",
    describe="l’identifiant d’une source, ou un groupe de champs source et via",
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
    help="graphies qu’un lecteur peut taper et qu’aucun article n’imprime (hors corpus) : la recherche trouve la fiche par elles ; jamais affichées",
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
        "id": Spec(Slug(), required=True, help="unique dans l’événement ; l’ancre sur sa page"),
        "by": Spec(Ref(("people", "organisations")), required=True, help="qui l’a dit ou affirmé"),
        "kind": Spec(Enum(CLAIM_KINDS, CLAIM_KIND_WORDS), required=True),
        **dated("date", "date_note", help="quand cela a été dit, avec la précision que permettent les sources"),
        "date_note": Spec(Text(LONG, multiline=True), help="comment la date a été établie"),
        "text": Spec(Text(LONG, multiline=True), required=True, help="ce qui a été dit, avec nos mots, en français"),
        "quote": Spec(Text(QUOTE), help="la citation courte exacte, telle qu’imprimée, sans guillemets"),
        "quote_language": Spec(Enum(LANGUAGES)),
        "translation": Spec(
            Struct(
                r.Translation,
                {
                    "from": Spec(Enum(LANGUAGES), required=True, attr="source_language", help="la langue dans laquelle les mots ont été dits ou écrits"),
                    "by": Spec(Ref(("organisations", "people")), help="qui a traduit, seulement si la source le dit ou le montre clairement"),
                    "note": Spec(Text(LONG, multiline=True), help="ce que la source dit de la traduction"),
                },
            ),
            help="pour une citation imprimée en traduction",
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
            "title": Spec(Text(), required=True, help="le titre tel que publié"),
            "outlet": Spec(Ref(("organisations",)), help="le site ou le journal où le texte a été publié"),
            "agency": Spec(Ref(("organisations",)), help="l’agence de presse dont c’est la dépêche"),
            "authors": Spec(ListOf(Text(), max_len=20)),
            **dated("published", "published_note"),
            **dated("first_published", "published_note", help="pour une reprise : quand l’article repris a paru la première fois"),
            "published_note": Spec(Text(LONG, multiline=True), help="comment la date de publication a été établie"),
            "url": Spec(Url()),
            "archive_url": Spec(Url()),
            "language": Spec(Enum(LANGUAGES), required=True),
            "kind": Spec(Enum(SOURCE_KINDS), required=True),
            "seed": Spec(Text(), help="nom du fichier de la copie de travail dans shared/seeds"),
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
                            **dated("attested", "note", help="une date à laquelle les sources montrent la fonction occupée"),
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
            "within": Spec(PLACE_REF, help="un lieu plus grand : une région, une ville"),
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
            "kind": Spec(Enum(EVENT_KINDS, EVENT_KIND_WORDS), required=True),
            **dated("date", "date_note", required=True),
            **dated("end_date", "date_note", help="pour une période : sa fin"),
            "date_note": Spec(Text(LONG, multiline=True), help="comment les dates sont connues : le raisonnement d’une déduction, l’origine d’une date hors corpus"),
            "places": Spec(
                ListOf(
                    Struct(
                        r.EventPlace,
                        {
                            "place": Spec(PLACE_REF, required=True),
                            "basis": Spec(Enum(PLACE_BASES), required=True, help="named : une source citée le nomme ; inferred : le dossier le déduit ; outside : hors corpus"),
                            "sources": Spec(SOURCES, help="les sources qui nomment ou appuient ce lieu, et seulement elles"),
                            "note": Spec(Text(LONG, multiline=True), help="obligatoire pour un lieu déduit ou hors corpus : le raisonnement, ou son origine"),
                        },
                        describe="un groupe de champs place et basis (named, inferred ou outside)",
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
            "title": Spec(Text(), required=True, help="le désaccord en quelques mots"),
            "kind": Spec(Enum(CONTRADICTION_KINDS), required=True, help="contradiction : les deux ne peuvent être vrais ; tension : ils s’accordent mal ; divergence : les sources racontent un même fait autrement"),
            "summary": Spec(Text(LONG, multiline=True), required=True, help="ce qui ne concorde pas, avec nos mots"),
            "sides": Spec(
                ListOf(
                    Struct(
                        r.Side,
                        {
                            "label": Spec(Text(120), required=True, help="quelques mots qui nomment ce côté (« Moscou refuse »)"),
                            "text": Spec(Text(LONG, multiline=True), required=True, help="ce que soutient ce côté, avec nos mots"),
                            "claims": Spec(ListOf(ClaimRef(), max_len=20), help="les affirmations de ce côté, en id-de-l-événement/id-de-l-affirmation"),
                            "events": Spec(ListOf(Ref(("events",)), max_len=20), help="les événements de ce côté"),
                            "sources": Spec(REQUIRED_SOURCES, required=True),
                        },
                    ),
                    min_len=2,
                    max_len=6,
                ),
                required=True,
            ),
            "noted_by": Spec(SOURCES, help="les sources qui relèvent elles-mêmes le désaccord"),
            "assessment": Spec(Text(LONG, multiline=True), help="ce qu’on peut en dire, avec la précision que permettent les sources"),
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
