"""Dossier -> {path: Markdown}. Jinja templates loop and branch; this module prepares views.

Every page gets its own `Page` helper: relative links from that page, and numbered
citations in order of first use, so "[1]" always means the same source on one page.
"""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Optional
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from ..config import EDIT_BRANCH
from ..core.text import escape_cell, escape_md, escape_paragraphs, fold_accents, fr_at, fr_date, fr_dating, fr_period, fr_short_dating, fr_span, from_language, tidy, url_attr
from ..core.workers import Forked, worker_count
from ..downloads.bibtex import bibtex_entry
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import ClaimEntry, Dossier, Reads, traced
from ..model.records import name_of
from ..pictures import geo, graphs
from ..pictures import timeline as tl
from . import metadata as meta

TEMPLATES = Path(__file__).parent / "templates"

FOLDERS = {
    "events": "evenements",
    "sources": "sources",
    "people": "personnes",
    "organisations": "organisations",
    "places": "lieux",
    "topics": "themes",
    "contradictions": "contradictions",
}
TITLES = {
    "events": "Événements",
    "sources": "Sources",
    "people": "Personnes",
    "organisations": "Organisations",
    "places": "Lieux",
    "topics": "Thèmes",
    "contradictions": "Contradictions et tensions",
}
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
TIMELINE = PurePosixPath("chronologie.md")
CLAIMS = PurePosixPath("declarations.md")
LABELS = PurePosixPath("etiquettes.md")
PROBLEMS = PurePosixPath("problemes-des-sources.md")
PRINT = PurePosixPath("complet.md")
STATE_ONLY = PurePosixPath("medias-d-etat.md")
CONTRIBUTE = PurePosixPath("../contribuer.md")  # a hand-written page, beside the generated folder
NETWORK = PurePosixPath("reseau.md")
# Past these sizes a one-page edition and a drawing of the whole network stop being readable
# (and their cost grows faster than the dossier): see _print_context and _network_context.
PRINT_LIMIT = 400
NETWORK_DRAWN = 150
# Past this many participants an event ties no pairs of people (that is the square of its size:
# 300 participants would be 44,850 lines); the network lists it as a group, person pages link to it.
LARGE_EVENT = 12

# How a reference reads on the page it points to ("Apparaît dans … comme lieu").
_RELATIONS = {
    "places.place": "lieu",
    "places.sources.source": "source d’un lieu",
    "participants.person": "participant",
    "organisations": "organisation concernée",
    "topics": "thème",
    "related": "événement lié",
    "by": "auteur",
    "source": "source",
    "via": "relais cité (« selon … »)",
    "outlet": "média de publication",
    "agency": "agence",
    "organisation": "organisation d’un rôle",
    "country": "pays",
    "parent": "organisation de tutelle",
    "within": "lieu englobant",
    "sides.claims": "déclaration en cause",
    "sides.events": "événement en cause",
    "noted_by": "source qui relève la contradiction",
}


def relation(field: str) -> str:
    """A French label for a reference field, from the target's point of view."""
    in_claim = field.startswith("claims.")
    key = field.removeprefix("claims.")
    label = _RELATIONS.get(key) or _RELATIONS.get(key.rsplit(".", 1)[-1], key)
    if key.startswith("roles."):
        label += " (rôle)"
    elif key.startswith("aliases."):
        label += " (graphie)"
    elif key.startswith("notes."):
        label += " (note éditoriale)"
    elif key.startswith("affiliation."):
        label += " (affiliation)"
    return f"{label} d’une déclaration" if in_claim else label


@functools.lru_cache(maxsize=None)
def page_path(kind: str, rid: str) -> PurePosixPath:
    return PurePosixPath(FOLDERS[kind]) / f"{rid}.md"


def index_path(kind: str) -> PurePosixPath:
    return PurePosixPath(FOLDERS[kind]) / "index.md"


@functools.lru_cache(maxsize=None)
def directory_url(path: PurePosixPath) -> PurePosixPath:
    """Where MkDocs serves a page: `x/index.md` at `x/`, `x/y.md` at `x/y/`."""
    return path.parent if path.name == "index.md" else path.with_suffix("")


def claim_anchor(claim_id: str) -> str:
    return f"declaration-{claim_id}"


@dataclass
class Citation:
    number: int
    source: r.Source
    href: str
    publisher: Optional[r.Organisation]  # the outlet, or the agency when the outlet is unknown
    label: pv.Label


DOSSIER_TITLE = "Le dossier : chefs d’état-major et bases en Asie centrale"  # mkdocs.yml site_name (a test keeps them equal)
KIND_LABELS = s.KIND_LABELS


@dataclass(frozen=True)
class CiteAs:
    """How to cite a record page: one line of text, and a BibTeX entry."""

    kind: str
    title: str
    url: str
    file: str  # the YAML record, relative to the project root: what a contributor edits
    contribute_href: str = ""
    repo_url: Optional[str] = None  # the repository on GitHub, when the build knows it

    @property
    def edit_url(self) -> Optional[str]:
        """The repository's editor for the YAML record (never the generated Markdown)."""
        return f"{self.repo_url}/edit/{EDIT_BRANCH}/{quote(self.file)}" if self.repo_url else None

    @property
    def issue_url(self) -> Optional[str]:
        """A new "Signaler une erreur" issue with the page and the title filled in."""
        if not self.repo_url:
            return None
        query = urlencode({"template": "signaler-une-erreur.yml", "title": f"Erreur : {self.title}", "page": self.url})
        return f"{self.repo_url}/issues/new?{query}"

    @property
    def link(self) -> Markup:
        # An autolink: the URL is built from the site URL and a validated id.
        return Markup(f"<{self.url}>")

    @property
    def bibtex(self) -> Markup:
        """The entry as an indented code block (Markdown shows it verbatim, escaped)."""
        key = "dossier-" + self.kind + "-" + self.url.rstrip("/").rsplit("/", 1)[-1]
        entry = bibtex_entry("misc", key, [
            ("title", self.title),
            ("note", f"{DOSSIER_TITLE}, fiche {KIND_LABELS[self.kind]}"),
            ("language", "french"),
            ("url", self.url),
        ])
        return Markup("\n".join("    " + line for line in entry.rstrip("\n").split("\n")))


def search_terms(record: r.Record) -> Markup:
    """The record's names without accents, for search only: Material's search matches accents exactly.

    A reader typing "Guerassimov" then finds "Guérassimov". A hidden block (no box, not read
    aloud) in the page's first section, escaped for HTML; nothing when no name has an accent.
    """
    names = [name_of(record), *r.alias_names(record)]
    folded = sorted({fold_accents(n) for n in names} - set(names))
    if not folded:
        return Markup("")
    return Markup('<div hidden data-dossier-terms>%s</div>') % " · ".join(folded)


def _relative(target: str, start: str) -> str:
    """posixpath.relpath, computed once per pair of folders: pages link to thousands of targets."""
    folder, name = posixpath.split(target)
    up = _relative_folder(folder or ".", start or ".")
    return name if up == "." else f"{up}/{name}"


@functools.lru_cache(maxsize=1 << 16)
def _record_href(kind: str, rid: str, start: str) -> str:
    return _relative(str(page_path(kind, rid)), start)


@functools.lru_cache(maxsize=4096)
def _relative_folder(folder: str, start: str) -> str:
    return posixpath.relpath(folder, start)


@dataclass
class Page:
    """Links and citations as seen from one generated page."""

    dossier: Dossier
    path: PurePosixPath
    _numbers: dict[str, Citation] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._folder = str(self.path.parent)

    def href(self, target: PurePosixPath, anchor: Optional[str] = None) -> str:
        rel = _relative(str(target), self._folder)
        return f"{rel}#{anchor}" if anchor else rel

    def record_href(self, kind: str, rid: str, anchor: Optional[str] = None) -> str:
        """href of a record's page: the same as href(page_path(kind, rid)), remembered per folder."""
        rel = _record_href(kind, rid, self._folder)
        return f"{rel}#{anchor}" if anchor else rel

    def url(self, target: PurePosixPath, anchor: Optional[str] = None) -> str:
        """A relative URL as the browser resolves it (directory URLs), for raw HTML and SVG links."""
        rel = _relative(str(directory_url(target)), str(directory_url(self.path))) + "/"
        return f"{rel}#{anchor}" if anchor else rel

    def link(self, kind: str, rid: str, text: object = None, anchor: Optional[str] = None) -> Markup:
        """A Markdown link to a record's page; the text is escaped."""
        record = self.dossier.get(kind, r.RecordId(rid))
        shown = escape_cell(name_of(record) if text is None else text)
        return Markup(f"[{shown}]({self.record_href(kind, rid, anchor)})")

    def actor(self, rid: str) -> Markup:
        """A link to a person or an organisation, whichever holds the id."""
        return self.link(self.dossier.kind_of(r.RecordId(rid), ("people", "organisations")), rid)

    def citation(self, source_id: str) -> Citation:
        """The source's number on this page, given at its first citation."""
        cit = self._numbers.get(source_id)
        if cit is None:
            source = self.dossier.get("sources", r.RecordId(source_id))
            assert isinstance(source, r.Source)
            publisher, label = pv.publisher_label(self.dossier, source)
            cit = Citation(len(self._numbers) + 1, source, self.record_href("sources", source_id), publisher, label)
            self._numbers[source_id] = cit
        return cit

    def cite(self, refs: tuple[r.SourceRef, ...]) -> Markup:
        """Numbered references to source pages; state media carry their label wherever cited."""
        parts = []
        for ref in refs:
            cit = self.citation(ref.source)
            text = f"[\\[{cit.number}\\]]({cit.href}){{ data-search-exclude }}"
            if cit.label.state and cit.publisher:
                text += " " + self.label_tag(cit.label, name=cit.publisher.name)
            if ref.via:
                names = ", ".join(self._relay(v) for v in ref.via)
                text += f" (selon {names})"
            if ref.note:
                text += f" ({escape_cell(ref.note)})"
            parts.append(text)
        return Markup(" ".join(parts))

    def _relay(self, org_id: str) -> str:
        org = self.dossier.get("organisations", r.RecordId(org_id))
        assert isinstance(org, r.Organisation)
        label = pv.label_of(org)
        return str(self.link("organisations", org_id)) + (" " + self.label_tag(label, name=org.name) if label.state else "")

    def label_text(self, label: pv.Label, with_kind: bool = True, name: Optional[str] = None) -> str:
        """"agence de presse, média d’État, Russie" (plain text, escaped by the caller)."""
        parts = [name] if name else []
        parts += [s.ORGANISATION_KINDS[label.kind]] if with_kind and label.kind else []
        parts.append(pv.status_name(label.status))
        if label.country:
            parts.append(name_of(self.dossier.get("places", label.country)))
        return ", ".join(parts)

    def label_tag(self, label: pv.Label, with_kind: bool = False, name: Optional[str] = None) -> Markup:
        """A label as a link to its explanation on the labels page."""
        # Labels and reference numbers repeat on every page: the search index leaves them out.
        classes = ".etiquette .etiquette-etat data-search-exclude" if label.state else ".etiquette data-search-exclude"
        text = escape_cell(self.label_text(label, with_kind, name))
        return Markup(f"[{text}]({self.href(LABELS, label.status)}){{ {classes} }}")

    def outlet(self, org_id: str) -> Markup:
        """An outlet's link followed by its full label."""
        org = self.dossier.get("organisations", r.RecordId(org_id))
        assert isinstance(org, r.Organisation)
        return Markup(f"{self.link('organisations', org_id)} {self.label_tag(pv.label_of(org), with_kind=True)}")

    def chain(self, ref: r.SourceRef) -> Markup:
        """Origin → relays → the source read, each outlet with its label."""
        chain = pv.chain_of(self.dossier, ref)
        steps = [str(self.outlet(org)) for org in chain.steps] or [str(self.label_tag(pv.Label(pv.UNIDENTIFIED)))]
        cit = self.citation(ref.source)
        return Markup(" → ".join(steps) + f" → [\\[{cit.number}\\]]({cit.href})")

    def chains(self, refs: tuple[r.SourceRef, ...]) -> list[Markup]:
        seen: list[Markup] = []
        for ref in refs:
            line = self.chain(ref)
            if line not in seen:
                seen.append(line)
        return seen

    def origins(self, refs: tuple[r.SourceRef, ...]) -> Markup:
        """"une seule origine (X)" or "confirmé par 3 origines indépendantes (X, Y, Z)", linked to how they are counted."""
        names = []
        for origin in pv.origins(self.dossier, refs):
            if origin.startswith("source:"):
                cit = self.citation(origin.removeprefix("source:"))
                names.append(f"{pv.UNIDENTIFIED_LABEL} ([\\[{cit.number}\\]]({cit.href}))")
            else:
                names.append(str(self.link("organisations", origin)))
        count = len(names)
        how = self.href(LABELS, "origines")
        head = f"une seule [origine]({how})" if count == 1 else f"confirmé par {count} [origines indépendantes]({how})"
        return Markup(f"{head} ({', '.join(names)}){self.state_flag(refs, lead=' — ')}")

    def state_flag(self, refs: tuple[r.SourceRef, ...], lead: str = " ") -> Markup:
        """"relayé uniquement par des médias d’État", linked to the page listing them, where it holds."""
        if not pv.state_only(self.dossier, refs):
            return Markup("")
        return Markup(f"{lead}[{pv.STATE_ONLY_LABEL}]({self.href(STATE_ONLY)}){{ .etiquette .etiquette-etat .seul-etat data-search-exclude }}")

    def element(self, refs: tuple[r.SourceRef, ...]) -> Markup:
        """The citations of one element of a record (a participant, a place) and how many origins it rests on."""
        if not refs:
            return Markup("")
        count = len(pv.origins(self.dossier, refs))
        single = " *(une seule origine)*" if count == 1 else ""
        return Markup(f"{self.cite(refs)}{single}{self.state_flag(refs)}")

    @property
    def citations(self) -> list[Citation]:
        return sorted(self._numbers.values(), key=lambda c: c.number)


@dataclass(frozen=True)
class BacklinkGroup:
    title: str
    items: list[tuple[Markup, str]]  # (link to the referring record, how it refers)


def backlink_groups(page: Page, kind: str, rid: r.RecordId) -> list[BacklinkGroup]:
    """Everything that references a record, grouped by the kind of the referring record."""
    grouped: dict[str, dict[tuple[str, Optional[str]], list[str]]] = {}
    for link in page.dossier.backlinks_of(kind, rid):
        if (link.owner_kind, link.owner_id) == (kind, rid):
            continue
        labels = grouped.setdefault(link.owner_kind, {}).setdefault((link.owner_id, link.anchor), [])
        label = relation(link.field)
        if label not in labels:
            labels.append(label)
    groups = []
    for owner_kind in r.KINDS:
        if owner_kind not in grouped:
            continue
        items = []
        entries = grouped[owner_kind]
        owners = sorted(entries, key=lambda key: _owner_sort(page.dossier, owner_kind, key[0]) + (key[1] or "",))
        for owner_id, anchor in owners:
            owner = page.dossier.get(owner_kind, r.RecordId(owner_id))
            text = name_of(owner)
            if isinstance(owner, r.Event):
                text = f"{text} ({fr_span(owner.when, owner.until)})"
            if anchor and isinstance(owner, r.Event):
                claim = next(c for c in owner.claims if c.id == anchor)
                author = page.dossier.get(page.dossier.kind_of(claim.by, ("people", "organisations")), claim.by)
                text = f"Déclaration de {name_of(author)} — {text}"
            link = page.link(owner_kind, owner_id, text, claim_anchor(anchor) if anchor else None)
            items.append((link, ", ".join(entries[(owner_id, anchor)])))
        groups.append(BacklinkGroup(TITLES[owner_kind], items))
    return groups


def _owner_sort(dossier: Dossier, kind: str, rid: str) -> tuple:
    record = dossier.get(kind, r.RecordId(rid))
    if isinstance(record, r.Event):
        return (record.date.sort_key(), rid)
    return ((0, 0, 0), name_of(record).casefold(), rid)


@dataclass(frozen=True)
class ClaimView:
    claim: r.Claim
    event: r.Event
    author_kind: str
    author: r.Record


def claim_view(dossier: Dossier, entry: ClaimEntry) -> ClaimView:
    kind = dossier.kind_of(entry.claim.by, ("people", "organisations"))
    return ClaimView(entry.claim, entry.event, kind, dossier.get(kind, entry.claim.by))


@dataclass(frozen=True)
class YearGroup:
    year: int
    events: list[r.Event]


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
        TITLES=TITLES,
        CONTRADICTION_KINDS=s.CONTRADICTION_KINDS,
        STATUS_NAME=pv.status_name,
        STATE_ONLY_LABEL=pv.STATE_ONLY_LABEL,
        LABELS=LABELS,
        STATE_ONLY=STATE_ONLY,
        FOLDERS=FOLDERS,
        DOSSIER_TITLE=DOSSIER_TITLE,
        KIND_LABELS=KIND_LABELS,
        name_of=name_of,
        claim_anchor=claim_anchor,
        heading_id=lambda anchor: Markup("{#%s}") % anchor,
        # Sections that list other records (their own pages carry the text) stay out of the
        # search index: it then grows with what readers search for, not with cross-references.
        NOSEARCH=Markup("{ data-search-exclude }"),
        search_terms=search_terms,
    )
    return env


@dataclass(frozen=True)
class _Lookups:
    """Record pages list what refers to them, from the model's backlinks, in date order."""

    dossier: Dossier
    events: list[r.Event]
    claims: list[ClaimView]
    _event_rank: dict[str, int]
    _claim_at: dict[tuple[str, str], tuple[int, ClaimView]]  # (event, claim) -> (rank, view)

    def events_citing(self, kind: str, rid: str, field: str) -> list[r.Event]:
        """Events whose `field` names this record, in date order."""
        ids = {link.owner_id for link in self.dossier.backlinks_of(kind, r.RecordId(rid)) if link.owner_kind == "events" and link.field == field}
        return sorted((self.dossier.get("events", i) for i in ids), key=lambda e: self._event_rank[e.id])  # type: ignore[misc]

    def claims_citing(self, kind: str, rid: str, field: str) -> list[ClaimView]:
        """Claims whose `field` names this record, in the declarations page's order."""
        keys = {(link.owner_id, link.anchor) for link in self.dossier.backlinks_of(kind, r.RecordId(rid)) if link.owner_kind == "events" and link.field == field}
        return [view for _, view in sorted(self._claim_at[key] for key in keys if key[1] is not None)]


def _lookups(dossier: Dossier) -> _Lookups:
    events = dossier.events_by_date()
    claims = [claim_view(dossier, entry) for entry in dossier.claims()]
    return _Lookups(
        dossier,
        events,
        claims,
        {e.id: i for i, e in enumerate(events)},
        {(c.event.id, c.claim.id): (i, c) for i, c in enumerate(claims)},
    )


def render(dossier: Dossier, env: Environment, base_url: str, repo_url: Optional[str] = None, only: Optional[set[tuple[str, str]]] = None,
           sink: Optional[Callable[[PurePosixPath, str], Any]] = None, reads: Optional[dict[tuple[str, str], Reads]] = None) -> dict[PurePosixPath, Any]:
    """Every generated page, keyed by its path inside the generated folder.

    `base_url` is the absolute URL of that folder on the published site (Settings.pages_url);
    `repo_url`, the repository (for "Modifier cette fiche"), when known. With `only`, the
    record pages rendered are those (kind, id) alone; the index pages always are. With
    `sink`, each page is handed to sink(path, text) as soon as it is made, in whichever
    process made it, and the result maps each path to what sink returned: the pages are
    never all held at once (at 5,000 events they take 280 MB). With `reads`, each record page's
    reads from the model are recorded there, under its (kind, id), for the preview to decide
    what an edit makes stale (in this process: the workers' reads would not come back).
    """
    look = _lookups(dossier)

    wanted = [(kind, record.id) for kind in r.KINDS for record in dossier.all(kind) if only is None or (kind, record.id) in only]
    job = _RecordJob(dossier, env, look, base_url, repo_url)
    if reads is not None:
        aggregates = _render_aggregates(dossier, env, look)
        done = []
        for kind, rid in wanted:
            reads[(kind, rid)] = Reads()
            done.append(_handed(sink, *job.render(kind, rid, reads[(kind, rid)])))
        pages = dict(done)
        pages.update(_handed(sink, path, tidy(text)) for path, text in aggregates.items())
        return dict(sorted(pages.items()))
    workers = worker_count(len(wanted), PARALLEL_FROM)
    # Record pages are independent: forked workers inherit the model and render a share each,
    # while this process renders the index pages. The result is the same bytes.
    if workers > 1:
        for kind in {kind for kind, _ in wanted}:
            env.get_template(f"page/{s.KIND_SINGULAR[kind]}.md.j2")  # compiled once, before the fork
    shares = Forked(functools.partial(_render_share, job, sink), [wanted[i::workers] for i in range(workers)], workers if workers > 1 else 0)
    aggregates = _render_aggregates(dossier, env, look)
    done = [item for share in shares.results() for item in share]
    pages = dict(done)
    pages.update(_handed(sink, path, tidy(text)) for path, text in aggregates.items())
    return dict(sorted(pages.items()))


def _handed(sink: Optional[Callable[[PurePosixPath, str], Any]], path: PurePosixPath, text: str) -> tuple[PurePosixPath, Any]:
    return path, text if sink is None else sink(path, text)


# Parallel rendering pays off past this many record pages (a worker costs ~50 ms to start).
PARALLEL_FROM = 300


def _render_share(job: "_RecordJob", sink: Optional[Callable[[PurePosixPath, str], Any]], keys: list[tuple[str, str]]) -> list[tuple[PurePosixPath, Any]]:
    return [_handed(sink, *job.render(kind, rid)) for kind, rid in keys]


@dataclass
class _RecordJob:
    """Everything a record page needs, so that a worker process can render any of them."""

    dossier: Dossier
    env: Environment
    look: "_Lookups"
    base_url: str
    repo_url: Optional[str]

    def url_of(self, kind: str, rid: str) -> str:
        return f"{self.base_url}{directory_url(page_path(kind, rid))}/"

    def render(self, kind: str, rid: str, reads: Optional[Reads] = None) -> tuple[PurePosixPath, str]:
        """(path, front matter and Markdown) of one record page; with `reads`, what it read is noted there."""
        dossier = self.dossier if reads is None else traced(self.dossier, reads)
        record = dossier.get(kind, r.RecordId(rid))
        if reads is not None:  # the lookups list what names this record, through the untraced model
            reads.backlinks.add((kind, rid))
        path = page_path(kind, record.id)
        page = Page(dossier, path)
        context = _record_context(dossier, record, page, self.look)
        context["cite_as"] = CiteAs(kind, name_of(record), self.url_of(kind, record.id), record.path, page.href(CONTRIBUTE), self.repo_url)
        text = self.env.get_template(f"page/{s.KIND_SINGULAR[kind]}.md.j2").render(context)
        return path, meta.front_matter(meta.page_meta(dossier, kind, record, self.url_of)) + tidy(text)


def _render_aggregates(dossier: Dossier, env: Environment, look: "_Lookups") -> dict[PurePosixPath, str]:
    """The index pages: one per kind, the chronology, claims, labels, problems, network, print."""
    pages: dict[PurePosixPath, str] = {}
    for kind in r.KINDS:
        path = index_path(kind)
        pages[path] = env.get_template(f"index/{s.KIND_SINGULAR[kind]}.md.j2").render(_index_context(dossier, kind, Page(dossier, path), look))
    years: dict[int, list[r.Event]] = {}
    for event in look.events:
        years.setdefault(event.date.year, []).append(event)
    timeline = Page(dossier, TIMELINE)
    pages[TIMELINE] = env.get_template("index/timeline.md.j2").render(
        page=timeline, years=[YearGroup(y, evs) for y, evs in sorted(years.items())], **_timeline_context(dossier, timeline, look)
    )
    pages[CLAIMS] = env.get_template("index/claims.md.j2").render(page=Page(dossier, CLAIMS), claims=look.claims)
    pages[LABELS] = env.get_template("index/labels.md.j2").render(page=Page(dossier, LABELS), groups=_label_groups(dossier))
    pages[PROBLEMS] = env.get_template("index/problems.md.j2").render(page=Page(dossier, PROBLEMS), groups=_problem_groups(dossier))
    network = Page(dossier, NETWORK)
    pages[NETWORK] = env.get_template("index/network.md.j2").render(page=network, **_network_context(dossier, network, look))
    pages[PRINT] = env.get_template("index/print.md.j2").render(page=Page(dossier, PRINT), **_print_context(dossier, look))
    pages[STATE_ONLY] = env.get_template("index/state.md.j2").render(page=Page(dossier, STATE_ONLY), **_state_only_context(dossier, look))
    return pages


@dataclass(frozen=True)
class Element:
    """A place or a participant of an event, with the citations that attribute it to the event."""

    event: r.Event
    what: str  # "lieu", "participant"
    kind: str
    id: r.RecordId
    sources: tuple[r.SourceRef, ...]


def _state_only_context(dossier: Dossier, look: "_Lookups") -> dict:
    """Events, claims, elements and contradiction sides whose every source is a state medium."""
    def alone(refs: tuple[r.SourceRef, ...]) -> bool:
        return pv.state_only(dossier, refs)
    elements = [
        Element(event, what, kind, rid, refs)
        for event in look.events
        for what, kind, rid, refs in [
            *(("lieu", "places", p.place, p.sources) for p in event.places),
            *(("participant", "people", p.person, p.sources) for p in event.participants),
        ]
        if alone(refs)
    ]
    outlets = [o for o in dossier.all("organisations") if isinstance(o, r.Organisation) and pv.label_of(o).state and pv.is_outlet(o)]
    return {
        "events": [e for e in look.events if alone(e.sources)],
        "claims": [c for c in look.claims if alone(c.claim.sources)],
        "elements": elements,
        "sides": [(x, side) for x in dossier.all("contradictions") if isinstance(x, r.Contradiction) for side in x.sides if alone(side.sources)],
        "outlets": sorted(outlets, key=lambda o: (o.name.casefold(), o.id)),
    }


def _node(page: Page, kind: str, record: r.Record, label: Optional[str] = None) -> graphs.Node:
    title = f"{name_of(record)} ({fr_span(record.when, record.until)})" if isinstance(record, r.Event) else name_of(record)
    node_kind = {"people": "person", "organisations": "organisation", "events": "event"}[kind]
    return graphs.Node(f"{kind}:{record.id}", label or name_of(record), page.url(page_path(kind, record.id)), node_kind, title)


def _person_graph(dossier: Dossier, page: Page, person: r.Person, events: list[r.Event]) -> Markup:
    """The person, the events they took part in, and who else took part in each."""
    rows = []
    for event in events:
        others = [dossier.get("people", p.person) for p in event.participants if p.person != person.id] if len(event.participants) <= LARGE_EVENT else []
        rows.append((_node(page, "events", event, fr_short_dating(event.when)), [_node(page, "people", o) for o in others]))
    return graphs.person_graph(_node(page, "people", person), rows)


@dataclass(frozen=True)
class Tie:
    """One line of the network, as text: two records and what joins them."""

    a: tuple[str, r.Record]
    b: tuple[str, r.Record]
    events: list[r.Event]
    why: str


def _network_context(dossier: Dossier, page: Page, look: _Lookups) -> dict:
    """People who took part in the same events, people and the organisations of their roles,
    organisations and their parent: drawn once, and listed as text for every reader."""
    ties: dict[tuple[str, str], Tie] = {}
    groups = [e for e in look.events if len(e.participants) > LARGE_EVENT]
    for event in look.events:
        if len(event.participants) > LARGE_EVENT:
            continue  # listed as a group (see LARGE_EVENT)
        people = sorted({p.person for p in event.participants})
        for i, a in enumerate(people):
            for b in people[i + 1:]:
                key = (f"people:{a}", f"people:{b}")
                tie = ties.setdefault(key, Tie(("people", dossier.get("people", a)), ("people", dossier.get("people", b)), [], "mêmes événements"))
                tie.events.append(event)
    for person in dossier.all("people"):
        assert isinstance(person, r.Person)
        for org in sorted({role.organisation for role in person.roles if role.organisation}):
            key = (f"people:{person.id}", f"organisations:{org}")
            ties.setdefault(key, Tie(("people", person), ("organisations", dossier.get("organisations", org)), [], "fonction"))
    for org in dossier.all("organisations"):
        assert isinstance(org, r.Organisation)
        if org.parent:
            key = (f"organisations:{org.id}", f"organisations:{org.parent}")
            ties.setdefault(key, Tie(("organisations", org), ("organisations", dossier.get("organisations", org.parent)), [], "rattachement"))
    nodes = {}
    for tie in ties.values():
        for kind, record in (tie.a, tie.b):
            nodes[f"{kind}:{record.id}"] = _node(page, kind, record)
    edges = [(a, b, max(1, len(tie.events))) for (a, b), tie in sorted(ties.items())]
    title = "Réseau des personnes et des organisations du dossier"
    drawn = nodes
    if len(nodes) > NETWORK_DRAWN:
        # The most connected records only: the layout grows with the square of the nodes.
        degree: dict[str, int] = {}
        for a, b, _ in edges:
            degree[a] = degree.get(a, 0) + 1
            degree[b] = degree.get(b, 0) + 1
        keep = set(sorted(nodes, key=lambda k: (-degree.get(k, 0), k))[:NETWORK_DRAWN])
        drawn = {k: v for k, v in nodes.items() if k in keep}
        edges = [e for e in edges if e[0] in keep and e[1] in keep]
        title += f" (les {NETWORK_DRAWN} plus reliées)"
    picture = _network_picture(tuple(drawn.values()), tuple(edges), title) if drawn else Markup("")
    by_kind = {"people": [], "organisations": []}
    for key in sorted(nodes, key=lambda k: (nodes[k].label.casefold(), k)):
        kind, rid = key.split(":", 1)
        by_kind[kind].append(rid)
    listed = sorted(ties.values(), key=lambda t: (name_of(t.a[1]).casefold(), name_of(t.b[1]).casefold(), t.a[1].id, t.b[1].id))
    alone = [o for o in dossier.all("organisations") if f"organisations:{o.id}" not in nodes]
    return {"picture": picture, "drawn": len(drawn) if len(drawn) < len(nodes) else None, "ties": listed, "groups": groups, "large": LARGE_EVENT, "counts": {k: len(v) for k, v in by_kind.items()}, "alone": sorted(alone, key=lambda o: (name_of(o).casefold(), o.id))}


@functools.lru_cache(maxsize=2)
def _network_picture(nodes: tuple[graphs.Node, ...], edges: tuple[tuple[str, str, int], ...], title: str) -> Markup:
    """The network drawing, laid out again only when its nodes or ties change (an edit to a
    summary leaves them alone: `mkdocs serve` then skips the quadratic layout)."""
    return graphs.network_graph(list(nodes), list(edges), title)


def _print_context(dossier: Dossier, look: _Lookups) -> dict:
    """Every record for the one-page edition: events by date, the rest by name.

    Past PRINT_LIMIT events one page would be too heavy to open, let alone print: the page
    then says so and points to the chronology and the downloads.
    """
    if len(look.events) > PRINT_LIMIT:
        return {"too_large": True, "limit": PRINT_LIMIT, "events": look.events, "claims_of": {}, **{kind: dossier.all(kind) for kind in r.KINDS if kind != "events"}}
    claims_of = {e.id: [claim_view(dossier, ClaimEntry(e, c)) for c in e.claims] for e in look.events}
    by_name = {kind: sorted(dossier.all(kind), key=lambda rec: (name_of(rec).casefold(), rec.id)) for kind in r.KINDS if kind != "events"}
    return {"too_large": False, "events": look.events, "claims_of": claims_of, **by_name}


def country_of(dossier: Dossier, place_id: r.RecordId) -> Optional[r.RecordId]:
    """The country a place is in: itself, its `country`, or that of the places it lies within."""
    seen: set[str] = set()
    current: Optional[r.RecordId] = place_id
    while current is not None and current not in seen:
        seen.add(current)
        place = dossier.get("places", current)
        assert isinstance(place, r.Place)
        if place.kind == "country":
            return place.id
        if place.country:
            return place.country
        current = place.within
    return None


def _timeline_context(dossier: Dossier, page: Page, look: _Lookups) -> dict:
    """The picture, its legend and its filters: topics, people and countries of the events."""
    topic_ids = [t.id for t in dossier.all("topics")]
    colour = tl.colours(topic_ids)
    marks, people, countries = [], set(), set()
    for event in look.events:
        who = tuple(sorted({p.person for p in event.participants}))
        where = tuple(sorted({c for c in (country_of(dossier, p) for p in event.place_ids) if c}))
        people.update(who)
        countries.update(where)
        outside = event.when.marked or bool(event.until and event.until.marked)
        marks.append(
            tl.Mark(
                event.id, event.title, fr_span(event.when, event.until), page.url(page_path("events", event.id)),
                event.when.best, event.until.best if event.until else None, colour[event.topics[0]] if event.topics else tl.NO_TOPIC,
                {
                    "topics": tuple(sorted(event.topics)), "people": who, "countries": where,
                    "datation": ("hors-corpus" if outside else "articles",),
                    "sources": ("etat",) if pv.state_only(dossier, event.sources) else ("autres",),
                },
                outside,
            )
        )
    def options(kind: str, ids: set[str] | list[str]) -> tuple[tuple[str, str], ...]:
        named = [(i, name_of(dossier.get(kind, r.RecordId(i)))) for i in ids]
        return tuple(sorted(named, key=lambda item: (item[1].casefold(), item[0])))
    facets = [
        tl.Facet("topics", "Thème", "Tous les thèmes", options("topics", topic_ids)),
        tl.Facet("people", "Personne", "Toutes les personnes", options("people", people)),
        tl.Facet("countries", "Pays", "Tous les pays", options("places", countries)),
        tl.Facet("sources", "Sources", "Toutes les sources", (("etat", pv.STATE_ONLY_TITLE), ("autres", "Confirmé hors des médias d’État"))),
        tl.Facet("datation", "Datation", "Toutes les datations", (("articles", "Date donnée par les articles"), ("hors-corpus", "Date précisée hors corpus"))),
    ]
    title = "Frise chronologique des événements du dossier"
    desc = f"{len(marks)} événements de {look.events[0].date.year} à {max(e.date.year for e in look.events)}, une ligne par année, colorés par thème." if marks else "Aucun événement."
    return {
        "picture": tl.timeline_svg(marks, title, desc),
        "filters": tl.filters_html(facets, len(marks)),
        # Colours are our own constants, not record text: attribute-safe as they are.
        "legend": [(dossier.get("topics", tid), Markup(colour[tid])) for tid in topic_ids],
        "no_topic_colour": Markup(tl.NO_TOPIC),
    }


def _record_context(dossier: Dossier, record: r.Record, page: Page, look: _Lookups) -> dict:
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


@dataclass(frozen=True)
class SideView:
    side: r.Side
    claims: list[ClaimView]
    events: list[r.Event]


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


@dataclass(frozen=True)
class LabelGroup:
    status: str
    outlets: list[r.Organisation]
    sources: list[r.Source]  # sources published under this label


def _label_groups(dossier: Dossier) -> list[LabelGroup]:
    """Outlets and the sources they publish, under each label, in the order of the labels."""
    outlets: dict[str, list[r.Organisation]] = {}
    for org in dossier.all("organisations"):
        assert isinstance(org, r.Organisation)
        if pv.is_outlet(org):
            outlets.setdefault(pv.label_of(org).status, []).append(org)
    sources: dict[str, list[r.Source]] = {}
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        sources.setdefault(pv.publisher_label(dossier, source)[1].status, []).append(source)
    groups = []
    for status in (*s.AFFILIATION_STATUSES, pv.UNIDENTIFIED):
        found = sorted(outlets.get(status, []), key=lambda o: (o.name.casefold(), o.id))
        groups.append(LabelGroup(status, found, sources.get(status, [])))
    return groups


@dataclass(frozen=True)
class ProblemGroup:
    kind: str
    items: list[tuple[r.Source, r.Note]]


def _problem_groups(dossier: Dossier) -> list[ProblemGroup]:
    """Every editorial note on a source, grouped by the kind of problem."""
    found: dict[str, list[tuple[r.Source, r.Note]]] = {}
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        for note in source.notes:
            found.setdefault(note.kind, []).append((source, note))
    return [ProblemGroup(kind, found[kind]) for kind in s.NOTE_KINDS if kind in found]


def _index_context(dossier: Dossier, kind: str, page: Page, look: _Lookups) -> dict:
    if kind == "events":
        records: list = look.events
    else:
        records = sorted(dossier.all(kind), key=lambda rec: (name_of(rec).casefold(), rec.id))
    counts = {rec.id: len({(link.owner_kind, link.owner_id) for link in dossier.backlinks_of(kind, rec.id)}) for rec in records}
    context = {"page": page, "records": records, "counts": counts, "kind": kind}
    if kind == "places":
        context.update(_maps(page, records))
    return context


@dataclass(frozen=True)
class MapView:
    title: str
    svg: Markup


# Two views: the whole story (Washington to Central Asia), then the crowded part of it.
MAPS = (
    ("Vue d’ensemble", geo.Extent(west=-125, south=15, east=95, north=70)),
    ("Europe, Moyen-Orient et Asie centrale", geo.Extent(west=-5, south=25, east=78, north=64)),
)


def _maps(page: Page, places: list[r.Record]) -> dict:
    """The places with coordinates on each map; the others are listed beneath."""
    points = [
        geo.MapPoint(p.id, p.name, page.url(page_path("places", p.id)), p.coordinates.lat, p.coordinates.lon, p.kind)
        for p in places
        if isinstance(p, r.Place) and p.coordinates
    ]
    maps = [MapView(title, geo.map_svg(points, extent, f"Carte des lieux du dossier : {title.lower()}", id_prefix=f"carte-{i}")) for i, (title, extent) in enumerate(MAPS, 1)]
    return {"maps": maps, "unmapped": [p for p in places if isinstance(p, r.Place) and not p.coordinates]}
