"""Downloads for other tools: CSV per kind, an Atom feed of events, CSL-JSON and BibTeX.

Built from the model, like export.py. Record text is untrusted: every format has its own
escaping, and characters XML 1.0 forbids (controls, U+FFFE/U+FFFF, lone surrogates) are
dropped everywhere. Output is deterministic: sorted records, dates taken from the data,
never the build time.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath
from typing import Iterable, Iterator, Optional, Union

from ..addresses import BIB_PATH, CSL_PATH, FEED_PATH, TIMELINE, claim_anchor, csv_path, folder, page_url, record_url
from ..core.text import clean_text, fr_span
from ..downloads.bibtex import MONTHS as BIB_MONTHS
from ..downloads.bibtex import bibtex_entry, bibtex_names, bibtex_url, split_name
from ..downloads.export import DATA_TITLE
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import Dossier
from ..model.history import UNAVAILABLE, History

FEED_TITLE = DATA_TITLE
FEED_AUTHOR = "Le dossier"
ATOM_NS = "http://www.w3.org/2005/Atom"

_SOURCES = ("sources",)
_PAGE = ("url", "file")
# One row per record; list cells join ids (or names) with "; ". Ids never contain ";",
# so id lists split back exactly; lists of names are for reading.
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("id", "title", "kind", "date", "date_basis", "date_outside", "date_printed", "end_date", "end_date_basis",
               "end_date_outside", "date_note", "summary", "places", "places_not_named", "participants",
               "organisations", "topics", "related", "claims", "independent_origins", "state_media_only", *_SOURCES, *_PAGE),
    "sources": ("id", "title", "kind", "language", "outlet", "agency", "publisher_status", "authors", "published",
                "published_basis", "published_outside", "published_note", "original_url", "archive_url", "seed", "summary", *_PAGE),
    "people": ("id", "name", "aliases", "roles", "country", "description", *_SOURCES, *_PAGE),
    "organisations": ("id", "name", "kind", "aliases", "country", "parent", "affiliation", "affiliation_country",
                      "description", *_SOURCES, *_PAGE),
    "places": ("id", "name", "kind", "aliases", "country", "within", "lat", "lon", "description", *_SOURCES, *_PAGE),
    "topics": ("id", "name", "description", "related", *_SOURCES, *_PAGE),
    "contradictions": ("id", "title", "kind", "summary", "sides", "claims", "events", "assessment", "topics",
                       "noted_by", *_SOURCES, *_PAGE),
    "claims": ("id", "event", "by", "kind", "date", "date_basis", "date_outside", "date_note", "text", "quote", "quote_language",
               "translated_from", "translated_by", "independent_origins", "state_media_only", *_SOURCES, *_PAGE),
}

Cell = Union[str, int, float, None]
# Chars XML 1.0 forbids; nothing in a record needs them (validation rejects them too).


def download_paths() -> list[PurePosixPath]:
    """The paths of download_files(), known before any is made."""
    return [*(csv_path(kind) for kind in CSV_COLUMNS), FEED_PATH, CSL_PATH, BIB_PATH]


def download_files(dossier: Dossier, site_url: str, site_prefix: PurePosixPath) -> dict[PurePosixPath, bytes]:
    """Every downloadable file, keyed by its path in the built site."""
    return dict(each_download(dossier, site_url, site_prefix))


def each_download(dossier: Dossier, site_url: str, site_prefix: PurePosixPath) -> Iterator[tuple[PurePosixPath, bytes]]:
    """The downloadable files one at a time (path in the built site, content), each made when asked for."""
    for kind in CSV_COLUMNS:
        yield csv_path(kind), to_csv(kind, csv_rows_of(dossier, site_url, site_prefix, kind))
    yield FEED_PATH, to_atom(dossier, site_url, site_prefix)
    pages_url = f"{site_url}{site_prefix}/"
    yield CSL_PATH, to_csl_json(dossier, pages_url)
    yield BIB_PATH, to_bibtex(dossier, pages_url)


# --- CSV ---------------------------------------------------------------------------------


def to_csv(kind: str, rows: list[dict[str, Cell]]) -> bytes:
    """RFC 4180 CSV (comma, "" quoting, CRLF) in UTF-8 with a BOM.

    The BOM is what makes Excel read UTF-8 instead of Windows-1252 (no mojibake in
    "état-major"); csv, pandas and LibreOffice skip it (in Python, open with "utf-8-sig").
    Comma rather than ";" keeps the file standard for every other tool: in French Excel,
    open it with Données > À partir d'un fichier texte/CSV.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS[kind])
    writer.writerows([_cell(row[column]) for column in CSV_COLUMNS[kind]] for row in rows)
    return buf.getvalue().encode("utf-8-sig")


# Where a spreadsheet may start a new cell: the file is comma-separated, but a French
# spreadsheet splits on ";", others on tabs, and a pasted cell splits on line breaks.
_SEGMENT_FORMULA = re.compile(r"""((?:^|[,;\t\n\r|])[ "']*)(?=[=+\-@\t\r\n])""")


def _cell(value: Cell) -> str:
    """A cell no spreadsheet runs as a formula, however it splits the line.

    Wherever a cell could begin (the start of the text, or after , ; tab, a line break or |,
    under any delimiter a reader's spreadsheet may choose), a = + - @ tab or CR gets a quote
    mark before it (OWASP's guard, plus LF, applied at every boundary, not only the first character).
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return repr(value)  # our own numbers: "-69.21" must stay a number
    return _SEGMENT_FORMULA.sub(r"\1'", clean_text(value))


def _join(items: Iterable[str]) -> str:
    return "; ".join(dict.fromkeys(items))


def _refs(refs: Iterable[r.SourceRef]) -> str:
    return _join(ref.source for ref in refs)


def _date(date: Optional[r.PartialDate]) -> Optional[str]:
    return date.iso() if date else None


def _yes(flag: bool) -> str:
    """A yes/no cell a spreadsheet reads as text in any locale."""
    return "oui" if flag else "non"


def csv_rows_of(dossier: Dossier, site_url: str, prefix: PurePosixPath, kind: str) -> list[dict[str, Cell]]:
    """The rows of one CSV file: a kind's records in id order, or the claims in the model's order."""
    if kind != "claims":
        return [{"id": rec.id, **_fields(dossier, rec), "url": site_url + record_url(prefix, kind, rec.id), "file": rec.path}
                for rec in dossier.all(kind)]
    return [{
        "id": f"{item.event.id}/{item.claim.id}", "event": item.event.id, "by": item.claim.by, "kind": item.claim.kind,
        "date": _date(item.claim.date), "date_basis": item.claim.date_basis, "date_outside": _date(item.claim.date_outside),
        "date_note": item.claim.date_note, "text": item.claim.text,
        "quote": item.claim.quote, "quote_language": item.claim.quote_language,
        "translated_from": item.claim.translation.source_language if item.claim.translation else None,
        "translated_by": item.claim.translation.by if item.claim.translation else None,
        "independent_origins": pv.independent_origins(dossier, item.claim.sources),
        "state_media_only": _yes(pv.state_only(dossier, item.claim.sources)), "sources": _refs(item.claim.sources),
        "url": site_url + record_url(prefix, "events", item.event.id, claim_anchor(item.claim.id)), "file": item.event.path,
    } for item in dossier.claims()]


def _fields(dossier: Dossier, rec: r.Record) -> dict[str, Cell]:
    """A record's own columns, between `id` and `url`."""
    if isinstance(rec, r.Event):
        return {"title": rec.title, "kind": rec.kind, "date": rec.date.iso(), "date_basis": rec.date_basis,
                "date_outside": _date(rec.date_outside), "date_printed": rec.date_printed, "end_date": _date(rec.end_date),
                "end_date_basis": rec.end_date_basis, "end_date_outside": _date(rec.end_date_outside),
                "date_note": rec.date_note, "summary": rec.summary, "places": _join(rec.place_ids),
                "places_not_named": _join(p.place for p in rec.places if p.basis != "named"),
                "state_media_only": _yes(pv.state_only(dossier, rec.sources)),
                "participants": _join(p.person for p in rec.participants), "organisations": _join(rec.organisations),
                "topics": _join(rec.topics), "related": _join(rec.related),
                "claims": _join(f"{rec.id}/{c.id}" for c in rec.claims),
                "independent_origins": pv.independent_origins(dossier, rec.sources), "sources": _refs(rec.sources)}
    if isinstance(rec, r.Source):
        return {"title": rec.title, "kind": rec.kind, "language": rec.language, "outlet": rec.outlet, "agency": rec.agency,
                "publisher_status": pv.publisher_label(dossier, rec)[1].status, "authors": _join(rec.authors),
                "published": _date(rec.published), "published_basis": rec.published_basis,
                "published_outside": _date(rec.published_outside), "published_note": rec.published_note, "original_url": rec.url,
                "archive_url": rec.archive_url, "seed": rec.seed, "summary": rec.summary}
    if isinstance(rec, r.Person):
        roles = (f"{role.title} ({role.organisation})" if role.organisation else role.title for role in rec.roles)
        return {"name": rec.name, "aliases": _join(a.name for a in rec.aliases), "roles": _join(roles),
                "country": rec.country, "description": rec.description, "sources": _refs(rec.sources)}
    if isinstance(rec, r.Organisation):
        aff = rec.affiliation
        return {"name": rec.name, "kind": rec.kind, "aliases": _join(rec.aliases), "country": rec.country,
                "parent": rec.parent, "affiliation": aff.status if aff else None,
                "affiliation_country": aff.country if aff else None, "description": rec.description,
                "sources": _refs(rec.sources)}
    if isinstance(rec, r.Place):
        coords = rec.coordinates
        return {"name": rec.name, "kind": rec.kind, "aliases": _join(rec.aliases), "country": rec.country,
                "within": rec.within, "lat": coords.lat if coords else None, "lon": coords.lon if coords else None,
                "description": rec.description, "sources": _refs(rec.sources)}
    if isinstance(rec, r.Topic):
        return {"name": rec.name, "description": rec.description, "related": _join(rec.related), "sources": _refs(rec.sources)}
    assert isinstance(rec, r.Contradiction)
    return {"title": rec.title, "kind": rec.kind, "summary": rec.summary, "sides": _join(side.label for side in rec.sides),
            "claims": _join(str(key) for side in rec.sides for key in side.claims),
            "events": _join(e for side in rec.sides for e in side.events), "assessment": rec.assessment,
            "topics": _join(rec.topics), "noted_by": _refs(rec.noted_by),
            "sources": _refs(ref for side in rec.sides for ref in side.sources)}


# --- Atom --------------------------------------------------------------------------------


def _atom_time(event: r.Event, history: History = UNAVAILABLE) -> str:
    """An event's `updated`: its record's last change in git, so that a new record about an old
    event shows as new; without a history, the last day it covers, at midnight UTC (the data,
    never the build time)."""
    last = history.last(event.path)
    if last is not None:
        return _utc(last.when)
    return f"{(event.end_date or event.date).last_day().isoformat()}T00:00:00Z"


def _utc(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_atom(dossier: Dossier, site_url: str, prefix: PurePosixPath) -> bytes:
    """An Atom 1.0 feed of events, the latest `updated` first.

    Ids are the absolute page URLs, as the entries' links: a `tag:` URI needs an authority
    (a domain or e-mail owned at a date) the project does not have, and a made-up one is
    worse than an address that at least resolves. Record ids are file names and stay put.
    """
    events = sorted((e for e in dossier.all("events") if isinstance(e, r.Event)), key=lambda e: e.id)
    history = dossier.history
    events.sort(key=lambda e: (_atom_time(e, history), e.date.sort_key()), reverse=True)  # stable: ties by id
    feed_url = f"{site_url}{FEED_PATH}"
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "fr"})
    _sub(feed, "id", feed_url)
    _sub(feed, "title", f"{FEED_TITLE} — événements")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=f"{site_url}{prefix / TIMELINE.with_suffix('')}/")
    # An empty feed still needs a fixed `updated`.
    _sub(feed, "updated", max((_atom_time(e, history) for e in events), default="1970-01-01T00:00:00Z"))
    _sub(_sub(feed, "author"), "name", FEED_AUTHOR)
    topics_url = f"{site_url}{prefix / folder('topics')}/"
    for event in events:
        url = site_url + record_url(prefix, "events", event.id)
        entry = _sub(feed, "entry")
        _sub(entry, "id", url)
        _sub(entry, "title", event.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=url)
        _sub(entry, "updated", _atom_time(event, history))
        first = history.first(event.path)
        if first is not None:  # when the record was first committed
            _sub(entry, "published", _utc(first.when))
        # The date as the page gives it (the articles' precision, outside dates marked) and
        # the state-media flag travel with the entry: a feed reader sees no page header.
        flag = f" ({pv.STATE_ONLY_LABEL})" if pv.state_only(dossier, event.sources) else ""
        _sub(entry, "summary", f"{fr_span(event.when, event.until)}{flag}. {event.summary}")
        for topic_id in event.topics:
            _sub(entry, "category", term=topic_id, label=_name(dossier, "topics", topic_id), scheme=topics_url)
    ET.indent(feed, space="  ")
    # ElementTree escapes & < > (and " in attributes); clean_text drops what XML cannot hold.
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n").encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: Optional[str] = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: clean_text(value) for key, value in attrs.items()})
    if text is not None:
        element.text = clean_text(text)
    return element


# --- citations: CSL-JSON and BibTeX ------------------------------------------------------

_BABEL = {"fr": "french", "en": "english", "ru": "russian", "fa": "persian", "ar": "arabic"}



def _name(dossier: Dossier, kind: str, rid: r.RecordId) -> str:
    return r.name_of(dossier.get(kind, rid))


def _org_name(dossier: Dossier, rid: Optional[r.RecordId]) -> Optional[str]:
    return _name(dossier, "organisations", rid) if rid else None


def _note(dossier: Dossier, source: r.Source, page_url: str = "") -> Optional[str]:
    """What kind of text it is, the agency behind an outlet's text, and what is unknown:
    "reprise d’une dépêche ; agence : AP", "site de publication non identifié ; adresse d’origine inconnue"."""
    parts = [] if source.kind == "article" else [s.SOURCE_KINDS[source.kind]]
    if source.outlet and source.agency:
        parts.append(f"agence : {_org_name(dossier, source.agency)}")
    if not source.outlet and not source.agency:
        parts.append("site de publication non identifié")
    if not source.url:
        # The dossier's page describes the text; it is not where the outlet published it.
        parts.append(f"adresse d’origine inconnue ; fiche du dossier : {page_url}" if page_url else "adresse d’origine inconnue")
    return " ; ".join(parts) or None


# CSL has no wire-story or press-release type: a dispatch is a newspaper article whose
# container is its agency (with its genre); a press release, a report. "article" is never
# used: Zotero and citeproc read it as a preprint.
_CSL_TYPES = {"article": "article-newspaper", "dispatch": "article-newspaper", "republication": "article-newspaper",
              "press-release": "report", "transcript": "document", "other": "document"}


def citation_types(dossier: Dossier, source: r.Source) -> tuple[str, str]:
    """(CSL type, BibTeX entry type) of a source: news with a known outlet or agency is an
    @article of that "journal"; a transcript from a broadcaster is a broadcast; the rest @misc."""
    container = source.outlet or source.agency
    csl = _CSL_TYPES[source.kind]
    if source.kind == "transcript" and container:
        org = dossier.get("organisations", container)
        if isinstance(org, r.Organisation) and org.kind == "broadcaster":
            csl = "broadcast"
    bib = "article" if csl == "article-newspaper" and container else "misc"
    return csl, bib


def to_csl_json(dossier: Dossier, pages_url: str = "") -> bytes:
    """CSL-JSON (an array of items), for Zotero, Pandoc and citeproc; no access dates.

    With `pages_url` (the generated pages' address), a source whose own address is unknown
    names its page in the dossier in its note, never as its URL."""
    items = []
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        container = _org_name(dossier, source.outlet or source.agency)
        item: dict[str, object] = {"id": source.id, "title": clean_text(source.title), "language": source.language,
                                   "abstract": clean_text(source.summary)}
        item["type"] = citation_types(dossier, source)[0]
        if source.kind != "article":
            item["genre"] = s.SOURCE_KINDS[source.kind]
        if container:
            item["container-title"] = clean_text(container)
        if source.outlet and source.agency:
            item["publisher"] = clean_text(_org_name(dossier, source.agency) or "")
        if source.authors:
            names = [(split_name(clean_text(a)), clean_text(a)) for a in source.authors]
            item["author"] = [{"family": n[0], "given": n[1]} if n else {"literal": a} for n, a in names]
        published = r.dating(source, "published")
        if published and published.attested:  # a date from outside the corpus is not the article's
            d = published.value
            item["issued"] = {"date-parts": [[part for part in (d.year, d.month, d.day) if part]]}
        if source.url:
            item["URL"] = clean_text(source.url)
        note = _note(dossier, source, _page_url(pages_url, source))
        if note:
            item["note"] = clean_text(note)
        items.append(item)
    text = json.dumps(items, sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    # Inert even if pasted into an HTML page or a <script>, like export.to_json.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e").encode("utf-8")


def _page_url(pages_url: str, source: r.Source) -> str:
    return page_url(pages_url, "sources", source.id) if pages_url else ""


def to_bibtex(dossier: Dossier, pages_url: str = "") -> bytes:
    """A UTF-8 .bib (for biber/biblatex or bibtex): @article when an outlet or agency published
    a news text, @misc otherwise (see citation_types)."""
    entries = []
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        container = _org_name(dossier, source.outlet or source.agency)
        published = r.dating(source, "published")
        d = published.value if published and published.attested else None
        fields: list[tuple[str, str]] = [
            ("author", bibtex_names(source.authors)),
            ("title", source.title),
            ("journal", container or ""),
            ("publisher", (_org_name(dossier, source.agency) or "") if source.outlet else ""),
            ("date", d.iso() if d else ""),
            ("year", str(d.year) if d else ""),
            ("month", BIB_MONTHS[d.month - 1] if d and d.month else ""),
            ("day", str(d.day) if d and d.day else ""),
            ("url", bibtex_url(source.url) if source.url else ""),
            ("language", _BABEL.get(source.language, source.language)),
            ("langid", _BABEL.get(source.language, source.language)),
            ("note", _note(dossier, source, _page_url(pages_url, source)) or ""),
        ]
        kind = citation_types(dossier, source)[1]
        if kind == "misc":  # @misc has no journal: the outlet or agency publishes it
            fields = [("publisher", container or "") if name == "publisher" else (name, value) for name, value in fields if name != "journal"]
        entries.append(bibtex_entry(kind, source.id, fields))
    return "\n".join(entries).encode("utf-8")
