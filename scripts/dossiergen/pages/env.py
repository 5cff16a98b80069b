"""The Jinja environment: strict, escaping every plain string, with the filters and names templates use."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..addresses import DATA_PAGE, DOSSIER_TITLE, FEED, LABELS, NETWORK, PRINT, STATE_ONLY, TIMELINE, claim_anchor, index_path
from ..core.text import escape_cell, escape_md, escape_paragraphs, fr_at, fr_date, fr_dating, fr_period, fr_span, from_language, url_attr
from ..model import kinds
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.records import name_of
from .search import TITLE_WEIGHT
from .views import event_title, phrase

TEMPLATES = Path(__file__).parent / "templates"
# Past this many items, a secondary list on a record page opens on demand (_record.md.j2).
LONG_LIST = 8


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


def _span_of(record: object, start: str = "date", end: str = "end_date") -> str:
    """An event's (or a role's) date or period as a reader sees it: see text.fr_span."""
    first = r.dating(record, start)
    assert first is not None
    return fr_span(first, r.dating(record, end))


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
    env.filters.update(upfirst=lambda text: text[:1].upper() + text[1:], fr_date=fr_date, fr_at=fr_at, fr_period=fr_period, md=escape_paragraphs, cell=escape_cell, url=url_attr)
    # Dates always reach a page through their basis: the articles' precision first, outside refinements marked.
    env.filters.update(when=lambda obj, key="date": fr_dating(r.dating(obj, key)), span=_span_of, from_language=from_language)
    # A name after a word of the template, in correct French: {{ author | de }} -> "du Département d’État".
    env.filters.update(de=lambda record: phrase(record, "de"), le=lambda record: phrase(record, "le"), dated_title=event_title)
    env.globals.update(
        LANGUAGES=s.LANGUAGES,
        SOURCE_KINDS=s.SOURCE_KINDS,
        NOTE_KINDS=s.NOTE_KINDS,
        NOTE_STYLES=NOTE_STYLES,
        ORGANISATION_KINDS=s.ORGANISATION_KINDS,
        AFFILIATION_STATUSES=s.AFFILIATION_STATUSES,
        PLACE_KINDS=s.PLACE_KINDS,
        PLACE_BASES=s.PLACE_BASES,
        DATE_BASES=s.DATE_BASES,
        EVENT_KINDS=s.EVENT_KINDS,
        CLAIM_KINDS=s.CLAIM_KINDS,
        CONTRADICTION_KINDS=s.CONTRADICTION_KINDS,
        STATUS_NAME=pv.status_name,
        STATE_ONLY_LABEL=pv.STATE_ONLY_LABEL,
        LABELS=LABELS,
        STATE_ONLY=STATE_ONLY,
        TIMELINE=TIMELINE,
        NETWORK=NETWORK,
        PRINT=PRINT,
        FEED=FEED,
        DATA_PAGE=DATA_PAGE,
        index_path=index_path,
        DOSSIER_TITLE=DOSSIER_TITLE,
        LONG_LIST=LONG_LIST,
        kind_label=lambda name: kinds.kind(name).label,
        name_of=name_of,
        claim_anchor=claim_anchor,
        heading_id=lambda anchor: Markup("{#%s}") % anchor,
        # Headings of sections that list other records, and labels and citation numbers that
        # repeat on every page: Pagefind leaves them out of the index.
        NOSEARCH=Markup('{ data-pagefind-ignore="all" }'),
        # A title (event, source, contradiction) weighs less than a name in the search: a reader
        # typing a name finds that person, place or organisation before the events that cite it.
        TITLE_WEIGHT=Markup('{ data-pagefind-weight="%s" }') % TITLE_WEIGHT,
    )
    return env
