"""What the search (Pagefind) reads on a record page besides its text: its kind and date to show
with each result, its filters, and every spelling a reader may type.

The block is hidden and raw HTML; Pagefind reads it when it indexes the built site:
- `data-pagefind-meta` and `data-pagefind-filter` inside a `data-pagefind-ignore` block:
  shown with results and offered as filters, never matched as text. No sort key: Pagefind
  loads every sort's order of all pages with its metadata before the first result (33 KB at
  10,000 events), and the dialog ranks by relevance;
- the record's own names and aliases (and its search-only spellings from outside the corpus)
  at the highest weight, so the record whose name matches comes first;
- on an event page, the other spellings of its participants, places, organisations and
  authors at a low weight, so "Gerasimov" finds the meetings whose text writes "Guérassimov".
"""
from __future__ import annotations

from markupsafe import Markup

from ..core.text import fr_span
from ..model import kinds
from ..model import provenance as pv
from ..model import records as r
from ..model.dossier import Dossier
from ..model.records import alias_names, name_of
from .metadata import description

STATE_FILTER = "Relayé uniquement par des médias d’État"
# The highest weight Pagefind allows (a word counts about 100 times a word of text), for the names
# of people, organisations, places and topics. A title (events, sources, contradictions) is the
# page's h1, given TITLE_WEIGHT (templates), and only its words split at dashes are added here.
NAME_WEIGHT = 10.0
TITLE_WEIGHT = 3.0
PEOPLE_WEIGHT = 2.0  # the spellings of an event's participants and authors
MENTION_WEIGHT = 0.5  # those of its places and organisations
NAMED_KINDS = ("people", "organisations", "places", "topics")
# Pagefind drops punctuation inside a word: "Milley–Guérassimov" would be one word.
_JOINERS = str.maketrans({"–": " ", "—": " ", "/": " ", "’": " ", "'": " "})


def spellings(record: r.Record) -> list[str]:
    """A record's name, aliases and search-only spellings, each once, in that order, with each
    one's words split where a dash or an apostrophe joins them."""
    found = [name_of(record), *alias_names(record), *getattr(record, "search_only", ())]
    return list(dict.fromkeys(variant for name in found for variant in (name, name.translate(_JOINERS))))


def search_block(dossier: Dossier, kind: str, record: r.Record) -> Markup:
    """The hidden block of a record page that Pagefind reads (see the module's docstring)."""
    meta = [("kind", kinds.kind(kind).label[:1].upper() + kinds.kind(kind).label[1:])]
    if kind in NAMED_KINDS:  # the search dialog puts records named so before pages that mention them
        meta.append(("noms", " · ".join(spellings(record))))
    # What a result shows under its title: the record's own summary, never an excerpt of this
    # hidden block (whose spellings from outside the corpus a reader must not be shown).
    text = getattr(record, "summary", None) or getattr(record, "description", None)
    if text:
        meta.append(("résumé", description(text, 200)))
    filters = [("type", kinds.kind(kind).plural)]
    dating = r.dating(record, "date") if isinstance(record, r.Event) else r.dating(record, "published") if isinstance(record, r.Source) else None
    if dating is not None:
        until = r.dating(record, "end_date") if isinstance(record, r.Event) else None
        meta.append(("date", fr_span(dating, until)))
        last = until.value.year if until is not None else dating.value.year
        filters += [("année", str(year)) for year in range(dating.value.year, last + 1)]
    if _state_only(dossier, record):
        filters.append(("sources", STATE_FILTER))
    lines = ['<div hidden data-pagefind-ignore>']
    lines += [Markup('<span data-pagefind-meta="{}">{}</span>').format(key, value) for key, value in meta]
    lines += [Markup('<span data-pagefind-filter="{}">{}</span>').format(key, value) for key, value in filters]
    lines.append("</div>")
    names = spellings(record)
    weight = NAME_WEIGHT if kind in NAMED_KINDS else TITLE_WEIGHT
    if kind not in NAMED_KINDS:
        names = [name for name in names if name != name_of(record)]  # the h1 already says it
    if names:
        lines.append(Markup('<div hidden data-pagefind-weight="{}">{}</div>').format(weight, " · ".join(names)))
    people, others = _mentions(dossier, record)
    for weight, found in ((PEOPLE_WEIGHT, people), (MENTION_WEIGHT, others)):
        if found:
            lines.append(Markup('<div hidden data-pagefind-weight="{}">{}</div>').format(weight, " · ".join(found)))
    return Markup("\n").join(Markup(line) if isinstance(line, str) else line for line in lines)


def _state_only(dossier: Dossier, record: r.Record) -> bool:
    if isinstance(record, r.Source):
        return pv.publisher_label(dossier, record)[1].state
    refs = getattr(record, "sources", ())
    return bool(refs) and pv.state_only(dossier, refs)


def _mentions(dossier: Dossier, record: r.Record) -> tuple[list[str], list[str]]:
    """Every spelling of the people an event names (participants, authors of its claims), and of
    its places and organisations."""
    if not isinstance(record, r.Event):
        return [], []
    people: list[r.Record] = [dossier.get_as(r.Person, p.person) for p in record.participants]
    people += [dossier.get(dossier.kind_of(c.by, ("people", "organisations")), c.by) for c in record.claims]
    others: list[r.Record] = [dossier.get_as(r.Place, p.place) for p in record.places]
    others += [dossier.get_as(r.Organisation, o) for o in record.organisations]
    return _spelt(people), _spelt(others)


def _spelt(named: list[r.Record]) -> list[str]:
    return sorted({spelling for other in named for spelling in spellings(other)}, key=lambda s: (s.casefold(), s))
