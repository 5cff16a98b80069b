"""What templates receive: a `Page` helper per page (relative links, citations numbered in order of
first use, so "[1]" always means the same source on one page) and small view objects."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Optional
from urllib.parse import quote, urlencode

from markupsafe import Markup, escape

from ..addresses import (
    DOSSIER_TITLE,
    LABELS,
    STATE_ONLY,
    claim_anchor,
    directory_url,
    page_path,
    record_href,
    relative,
    title,
)
from ..config import EDIT_BRANCH
from ..core.french import split_a, split_article, split_de
from ..core.text import escape_cell, fr_span, title_with_date
from ..downloads.bibtex import bibtex_entry
from ..model import kinds
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import ClaimEntry, Dossier
from ..model.records import name_of
from ..pictures import graphs

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


@dataclass
class Citation:
    number: int
    source: r.Source
    href: str
    publisher: Optional[r.Organisation]  # the outlet, or the agency when the outlet is unknown
    label: pv.Label


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
            ("note", f"{DOSSIER_TITLE}, fiche {kinds.kind(self.kind).label}"),
            ("language", "french"),
            ("url", self.url),
        ])
        return Markup("\n".join("    " + line for line in entry.rstrip("\n").split("\n")))


# How a name follows a word of the template: "de" (du, de l’, d’, des), "à" (au, aux, à l’) or
# "le" (the article alone: "selon le Wall Street Journal"); core/french.py makes the forms.
_PREPOSITIONS = {"de": split_de, "à": split_a, "le": split_article}


def article_of(record: r.Record) -> Optional[str]:
    """The article a record's name takes in a sentence: an organisation's `article`, else none."""
    return record.article if isinstance(record, r.Organisation) else None


def phrase(record: r.Record, prep: str) -> str:
    """"du Département d’État", "d’Al-Qaïda", "de Mark Milley": a name after "de", "à" or "le"."""
    return "".join(_PREPOSITIONS[prep](name_of(record), article_of(record)))


def event_title(event: r.Event) -> str:
    """An event's title with its date, unless the title already says it: "Sommet de Genève, 16 juin 2021"."""
    return title_with_date(event.title, event.date, event.end_date, fr_span(event.when, event.until))


@dataclass
class Page:
    """Links and citations as seen from one generated page.

    On a record page (`once`), each outlet's label is printed in full at its first mention and
    then only as a short marker where it is a state medium; the page also remembers every
    record it links to, so that "Apparaît dans" lists only what the page has not linked.
    """

    dossier: Dossier
    path: PurePosixPath
    once: bool = False
    _numbers: dict[str, Citation] = field(default_factory=dict)
    _labelled: set[str] = field(default_factory=set)
    _linked: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._folder = str(self.path.parent)

    def href(self, target: PurePosixPath, anchor: Optional[str] = None) -> str:
        rel = relative(str(target), self._folder)
        return f"{rel}#{anchor}" if anchor else rel

    def record_href(self, kind: str, rid: str, anchor: Optional[str] = None) -> str:
        """href of a record's page: the same as href(page_path(kind, rid)), remembered per folder."""
        rel = record_href(kind, rid, self._folder)
        href = f"{rel}#{anchor}" if anchor else rel
        self._linked.update((rel, href))
        return href

    def linked(self, href: str) -> bool:
        """Whether the page already links there: the same anchor, or the record's page at all for a link without one."""
        return href in self._linked

    def unseen(self, groups: list["BacklinkGroup"]) -> list["BacklinkGroup"]:
        """The backlink groups without the records the page has already linked to (each said once).

        The sources list, which closes the page, links every cited source's outlet and agency:
        they count as linked too.
        """
        for cit in self._numbers.values():
            for org in (cit.source.outlet, cit.source.agency):
                if org:
                    self.record_href("organisations", org)
        kept = [BacklinkGroup(g.title, [item for item in g.items if not self.linked(item.href)]) for g in groups]
        return [g for g in kept if g.items]

    def url(self, target: PurePosixPath, anchor: Optional[str] = None) -> str:
        """A relative URL as the browser resolves it (directory URLs), for raw HTML and SVG links."""
        rel = relative(str(directory_url(target)), str(directory_url(self.path))) + "/"
        return f"{rel}#{anchor}" if anchor else rel

    def link(self, kind: str, rid: str, text: object = None, anchor: Optional[str] = None, prep: Optional[str] = None) -> Markup:
        """A Markdown link to a record's page; the text is escaped. With `prep` ("de", "à", "le"),
        the name follows that word in correct French, outside the link: "du [Département d’État](…)"."""
        record = self.dossier.get(kind, r.RecordId(rid))
        lead = ""
        if prep is not None and text is None:
            lead, text = _PREPOSITIONS[prep](name_of(record), article_of(record))
        shown = escape_cell(name_of(record) if text is None else text)
        # `lead` is the helper's own words ("du ", "de l’"), never record text; escape() keeps its space.
        return Markup(f"{escape(lead)}[{shown}]({self.record_href(kind, rid, anchor)})")

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
            text = f"[\\[{cit.number}\\]]({cit.href}){{ data-pagefind-ignore=\"all\" }}"
            if cit.label.state and cit.publisher:
                text += " " + str(self.label_tag(cit.label, name=cit.publisher.name, key=cit.publisher.id))  # a str: Markup would escape `text`
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
        return str(self.link("organisations", org_id, prep="le")) + (" " + self.label_tag(label, name=org.name, key=org_id) if label.state else "")

    def label_text(self, label: pv.Label, with_kind: bool = True, name: Optional[str] = None) -> str:
        """"agence de presse, média d’État, Russie" (plain text, escaped by the caller)."""
        parts = [name] if name else []
        parts += [s.ORGANISATION_KINDS[label.kind]] if with_kind and label.kind else []
        parts.append(pv.status_name(label.status))
        if label.country:
            parts.append(name_of(self.dossier.get("places", label.country)))
        return ", ".join(parts)

    def label_tag(self, label: pv.Label, with_kind: bool = False, name: Optional[str] = None, key: Optional[str] = None, always: bool = False) -> Markup:
        """A label as a link to its explanation on the labels page.

        On a record page, the label of one outlet (`key`) is printed in full once, at its first
        mention; after that a state medium keeps a short marker ("média d’État") and any other
        outlet none: the label is said once, the state stays visible wherever it is cited.
        """
        # Labels and reference numbers repeat on every page: the search index leaves them out.
        classes = ".etiquette .etiquette-etat data-pagefind-ignore=\"all\"" if label.state else ".etiquette data-pagefind-ignore=\"all\""
        seen = not always and self.once and (key or "status:" + label.status) in self._labelled
        if self.once:
            self._labelled.add(key or "status:" + label.status)
        if seen and label.state:
            marker = escape_cell(pv.status_name(label.status))
            return Markup(f"[{marker}]({self.href(LABELS, label.status)}){{ .etiquette .etiquette-etat .marque-etat data-pagefind-ignore=\"all\" }}")
        if seen:
            return Markup("")
        text = escape_cell(self.label_text(label, with_kind, name))
        return Markup(f"[{text}]({self.href(LABELS, label.status)}){{ {classes} }}")

    def outlet(self, org_id: str, prep: Optional[str] = None, always: bool = False) -> Markup:
        """An outlet's link (after `prep`, as in Page.link) followed by its label (in full at its
        first mention on a record page; `always` in the page's list of sources, which a citation's
        preview shows)."""
        org = self.dossier.get("organisations", r.RecordId(org_id))
        assert isinstance(org, r.Organisation)
        tag = self.label_tag(pv.label_of(org), with_kind=True, key=org_id, always=always)
        link = self.link("organisations", org_id, prep=prep)
        return Markup(f"{link} {tag}") if tag else link

    def chain(self, ref: r.SourceRef) -> Markup:
        """Origin → relays → the source read, each outlet with its label."""
        chain = pv.chain_of(self.dossier, ref)
        steps = [str(self.outlet(org)) for org in chain.steps] or [str(self.label_tag(pv.Label(pv.UNIDENTIFIED)))]
        cit = self.citation(ref.source)
        return Markup(" → ".join(steps) + f" → [\\[{cit.number}\\]]({cit.href})")

    def provenance(self, refs: tuple[r.SourceRef, ...]) -> Markup:
        """How a statement reached us, said once: "une seule origine : AFP → [1]", or the count
        of independent origins followed by one line per chain (the origins open the chains)."""
        chains = self.chains(refs)
        count = len(pv.origins(self.dossier, refs))
        how = self.href(LABELS, "origines")
        flag = self.state_flag(refs, lead=" — ")
        if count == 1 and len(chains) == 1:
            return Markup(f"une seule [origine]({how}) : {chains[0]}{flag}")
        head = f"une seule [origine]({how})" if count == 1 else f"confirmé par {count} [origines indépendantes]({how})"
        lines = "\n".join(f"- {line}" for line in chains)
        return Markup(f"{head}{flag} :\n\n{lines}\n")

    @staticmethod
    def by_kind(notes: tuple[r.Note, ...] | list[r.Note]) -> list[tuple[str, list[r.Note]]]:
        """Notes grouped by kind, each kind where its first note stands, notes in their order."""
        groups: dict[str, list[r.Note]] = {}
        for note in notes:
            groups.setdefault(note.kind, []).append(note)
        return list(groups.items())

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
        return Markup(f"{lead}[{pv.STATE_ONLY_LABEL}]({self.href(STATE_ONLY)}){{ .etiquette .etiquette-etat .seul-etat data-pagefind-ignore=\"all\" }}")

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
class BacklinkItem:
    link: Markup  # to the referring record
    label: str  # how it refers
    href: str  # where the link points, to leave out what the page links already


@dataclass(frozen=True)
class BacklinkGroup:
    title: str
    items: list[BacklinkItem]


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
            text = event_title(owner) if isinstance(owner, r.Event) else name_of(owner)
            if anchor and isinstance(owner, r.Event):
                claim = next(c for c in owner.claims if c.id == anchor)
                author = page.dossier.get(page.dossier.kind_of(claim.by, ("people", "organisations")), claim.by)
                text = f"Déclaration {phrase(author, 'de')} — {text}"
            # Made without Page.link: these links are not yet on the page, and may never be (Page.unseen).
            href = record_href(owner_kind, owner_id, str(page.path.parent))
            if anchor:
                href = f"{href}#{claim_anchor(anchor)}"
            items.append(BacklinkItem(Markup(f"[{escape_cell(text)}]({href})"), ", ".join(entries[(owner_id, anchor)]), href))
        groups.append(BacklinkGroup(title(owner_kind), items))
    return groups


def _owner_sort(dossier: Dossier, kind: str, rid: str) -> tuple[Any, ...]:
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


@dataclass(frozen=True)
class Lookups:
    """Record pages list what refers to them, from the model's backlinks, in date order."""

    dossier: Dossier
    events: list[r.Event]
    claims: list[ClaimView]
    _event_rank: dict[str, int]
    _claim_at: dict[tuple[str, str], tuple[int, ClaimView]]  # (event, claim) -> (rank, view)

    def events_citing(self, kind: str, rid: str, field: str) -> list[r.Event]:
        """Events whose `field` names this record, in date order."""
        ids = {link.owner_id for link in self.dossier.backlinks_of(kind, r.RecordId(rid)) if link.owner_kind == "events" and link.field == field}
        return sorted((self.dossier.get_as(r.Event, i) for i in ids), key=lambda e: self._event_rank[e.id])

    def claims_citing(self, kind: str, rid: str, field: str) -> list[ClaimView]:
        """Claims whose `field` names this record, in the declarations page's order."""
        keys = {(link.owner_id, link.anchor) for link in self.dossier.backlinks_of(kind, r.RecordId(rid)) if link.owner_kind == "events" and link.field == field}
        return [view for _, view in sorted(self._claim_at[(event, claim)] for event, claim in keys if claim is not None)]


def lookups(dossier: Dossier) -> Lookups:
    events = dossier.events_by_date()
    claims = [claim_view(dossier, entry) for entry in dossier.claims()]
    return Lookups(
        dossier,
        events,
        claims,
        {e.id: i for i, e in enumerate(events)},
        {(c.event.id, c.claim.id): (i, c) for i, c in enumerate(claims)},
    )


@dataclass(frozen=True)
class Element:
    """A place or a participant of an event, with the citations that attribute it to the event."""

    event: r.Event
    what: str  # "lieu", "participant"
    kind: str
    id: r.RecordId
    sources: tuple[r.SourceRef, ...]


@dataclass(frozen=True)
class SideView:
    side: r.Side
    claims: list[ClaimView]
    events: list[r.Event]


@dataclass(frozen=True)
class Tie:
    """One line of the network, as text: two records and what joins them."""

    a: tuple[str, r.Record]
    b: tuple[str, r.Record]
    events: list[r.Event]
    why: str


@dataclass(frozen=True)
class LabelGroup:
    status: str
    outlets: list[r.Organisation]
    sources: list[r.Source]  # sources published under this label


@dataclass(frozen=True)
class ProblemGroup:
    kind: str
    items: list[tuple[r.Source, r.Note]]


@dataclass(frozen=True)
class MapView:
    title: str
    svg: Markup


def node(page: Page, kind: str, record: r.Record, label: Optional[str] = None) -> graphs.Node:
    title = event_title(record) if isinstance(record, r.Event) else name_of(record)
    node_kind = {"people": "person", "organisations": "organisation", "events": "event"}[kind]
    return graphs.Node(f"{kind}:{record.id}", label or name_of(record), page.url(page_path(kind, record.id)), node_kind, title)
