"""The pages that are not one record's: each kind's index, the chronology, the declarations, the
labels, the problems of the sources, the network, the print edition, the state-media page."""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from ..addresses import (
    CLAIMS,
    LABELS,
    NETWORK,
    PRINT,
    PROBLEMS,
    STATE_ONLY,
    TIMELINE,
    index_path,
    page_path,
)
from ..core.text import fr_span
from ..model import kinds
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import ClaimEntry, Dossier
from ..model.records import name_of
from ..pictures import graphs
from ..pictures import timeline as tl
from . import home
from .maps import country_of, index_maps
from .views import LARGE_EVENT, Element, LabelGroup, Lookups, MapView, Page, ProblemGroup, Tie, YearGroup, claim_view, node

# Past these sizes a one-page edition and a drawing of the whole network stop being readable
# (and their cost grows faster than the dossier): see _print_context and _network_context.
PRINT_LIMIT = 400


NETWORK_DRAWN = 150


def index_pages(dossier: Dossier, env: Environment, look: "Lookups") -> dict[PurePosixPath, Callable[[], str]]:
    """The index pages, each made when called: one per kind, the chronology, claims, labels,
    problems, network, print, state media, and the home page's fragment. Each is made from the
    model alone, in any order (RecordsBeside makes them in the order a builder reads them)."""
    pages: dict[PurePosixPath, Callable[[], str]] = {
        index_path(kind): functools.partial(_kind_index, dossier, env, look, kind) for kind in r.KINDS
    }
    pages[TIMELINE] = functools.partial(_timeline_page, dossier, env, look)
    pages[CLAIMS] = lambda: env.get_template("index/claims.md.j2").render(page=Page(dossier, CLAIMS), claims=look.claims)
    pages[LABELS] = lambda: env.get_template("index/labels.md.j2").render(page=Page(dossier, LABELS), groups=_label_groups(dossier))
    pages[PROBLEMS] = lambda: env.get_template("index/problems.md.j2").render(page=Page(dossier, PROBLEMS), groups=_problem_groups(dossier))
    pages[NETWORK] = functools.partial(_network_page, dossier, env, look)
    pages[PRINT] = lambda: env.get_template("index/print.md.j2").render(page=Page(dossier, PRINT), **_print_context(dossier, look))
    pages[STATE_ONLY] = lambda: env.get_template("index/state.md.j2").render(page=Page(dossier, STATE_ONLY), **_state_only_context(dossier, look))
    pages[home.HOME_FRAGMENT] = functools.partial(home.render_home, dossier, look)
    return pages


def _kind_index(dossier: Dossier, env: Environment, look: Lookups, kind: str) -> str:
    path = index_path(kind)
    return env.get_template(f"index/{kinds.kind(kind).singular}.md.j2").render(_index_context(dossier, kind, Page(dossier, path), look))


def _timeline_page(dossier: Dossier, env: Environment, look: Lookups) -> str:
    years: dict[int, list[r.Event]] = {}
    for event in look.events:
        years.setdefault(event.date.year, []).append(event)
    timeline = Page(dossier, TIMELINE)
    return env.get_template("index/timeline.md.j2").render(
        page=timeline, years=[YearGroup(y, evs) for y, evs in sorted(years.items())], **_timeline_context(dossier, timeline, look)
    )


def _network_page(dossier: Dossier, env: Environment, look: Lookups) -> str:
    network = Page(dossier, NETWORK)
    return env.get_template("index/network.md.j2").render(page=network, **_network_context(dossier, network, look))


def _index_context(dossier: Dossier, kind: str, page: Page, look: Lookups) -> dict[str, Any]:
    if kind == "events":
        records: list[r.Record] = list(look.events)
    elif kind == "sources":
        records = sorted(dossier.all(kind), key=_source_order)
    else:
        records = sorted(dossier.all(kind), key=lambda rec: (name_of(rec).casefold(), rec.id))
    counts = {rec.id: len({(link.owner_kind, link.owner_id) for link in dossier.backlinks_of(kind, rec.id)}) for rec in records}
    context = {"page": page, "records": records, "counts": counts, "kind": kind}
    if kind == "places":
        context.update(_maps(page, records))
    if kind == "sources":
        # Who published each source and under which label: the reader chooses by outlet.
        context["publishers"] = {rec.id: pv.publisher_label(dossier, rec) for rec in records if isinstance(rec, r.Source)}
    return context


def _source_order(record: r.Record) -> tuple[int, tuple[int, int, int], str, str]:
    """Sources from the oldest to the newest publication, the undated ones last."""
    assert isinstance(record, r.Source)
    published = r.dating(record, "published")
    if published is None:
        return (1, (0, 0, 0), record.title.casefold(), record.id)
    return (0, published.best.sort_key(), record.title.casefold(), record.id)


def _maps(page: Page, places: list[r.Record]) -> dict[str, Any]:
    """The maps (pages/maps.py); the places without coordinates are listed beneath."""
    maps = [MapView(title, figure) for title, figure in index_maps(page.dossier, page)]
    return {"maps": maps, "unmapped": [p for p in places if isinstance(p, r.Place) and not p.coordinates]}


# Event kinds drawn larger and named on the chronology: the meetings are the story's spine.
KEY_KINDS = ("meeting", "summit")
KEY_KINDS_TEXT = "une rencontre ou un sommet"


def _timeline_context(dossier: Dossier, page: Page, look: Lookups) -> dict[str, Any]:
    """The picture, its legend and its filters: topics, people and countries of the events."""
    topic_ids = [t.id for t in dossier.all("topics")]
    style = tl.styles(topic_ids)
    marks: list[tl.Mark] = []
    people: set[str] = set()
    countries: set[str] = set()
    for event in look.events:
        who = tuple(sorted({p.person for p in event.participants}))
        where = tuple(sorted({c for c in (country_of(dossier, p) for p in event.place_ids) if c}))
        people.update(who)
        countries.update(where)
        outside = event.when.marked or bool(event.until and event.until.marked)
        marks.append(
            tl.Mark(
                event.id, event.title, fr_span(event.when, event.until), page.url(page_path("events", event.id)),
                event.when.best, event.until.best if event.until else None, style[event.topics[0]] if event.topics else tl.NO_STYLE,
                {
                    "topics": tuple(sorted(event.topics)), "people": who, "countries": where,
                    "datation": ("hors-corpus" if outside else "articles",),
                    "sources": ("etat",) if pv.state_only(dossier, event.sources) else ("autres",),
                },
                outside, event.kind in KEY_KINDS, source_names(dossier, page, event.sources),
            )
        )
    def options(kind: str, ids: Iterable[str]) -> tuple[tuple[str, str], ...]:
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
    keys = sum(m.key for m in marks)
    desc = (
        f"{len(marks)} événements de {look.events[0].date.year} à {max(e.date.year for e in look.events)}, une ligne par année, "
        f"une couleur et une forme par thème ; les rencontres et sommets ({keys}) sont nommés sur la frise."
    ) if marks else "Aucun événement."
    entries = [tl.Entry(style[tid], name_of(dossier.get("topics", tid)), page.url(page_path("topics", tid))) for tid in topic_ids]
    return {
        "picture": tl.timeline_svg(marks, title, desc),
        "filters": tl.filters_html(facets, len(marks)),
        "legend": tl.legend_html(entries, KEY_KINDS_TEXT),
    }


def source_names(dossier: Dossier, page: Page, refs: Iterable[r.SourceRef]) -> tuple[tuple[str, str], ...]:
    """Each source cited once, as (its publisher's name, or its title when none is known; the
    label of a state medium, else ""): ("Sputnik France", "média d’État, Russie")."""
    names: dict[tuple[str, str], None] = {}
    for source_id in dict.fromkeys(ref.source for ref in refs):
        source = dossier.get("sources", source_id)
        assert isinstance(source, r.Source)
        publisher, label = pv.publisher_label(dossier, source)
        names[(publisher.name if publisher else source.title, page.label_text(label, with_kind=False) if label.state else "")] = None
    return tuple(names)


def _network_context(dossier: Dossier, page: Page, look: Lookups) -> dict[str, Any]:
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
        for org_id in sorted({role.organisation for role in person.roles if role.organisation}):
            key = (f"people:{person.id}", f"organisations:{org_id}")
            ties.setdefault(key, Tie(("people", person), ("organisations", dossier.get("organisations", org_id)), [], "fonction"))
    for org in dossier.all("organisations"):
        assert isinstance(org, r.Organisation)
        if org.parent:
            key = (f"organisations:{org.id}", f"organisations:{org.parent}")
            ties.setdefault(key, Tie(("organisations", org), ("organisations", dossier.get("organisations", org.parent)), [], "rattachement"))
    nodes = {}
    for tie in ties.values():
        for kind, record in (tie.a, tie.b):
            nodes[f"{kind}:{record.id}"] = node(page, kind, record)
    why = {"mêmes événements": "evenements", "fonction": "fonction", "rattachement": "rattachement"}
    edges = [(a, b, max(1, len(tie.events)), why.get(tie.why, "evenements")) for (a, b), tie in sorted(ties.items())]
    title = "Réseau des personnes et des organisations du dossier"
    drawn = nodes
    if len(nodes) > NETWORK_DRAWN:
        # The most connected records only: the layout grows with the square of the nodes.
        degree: dict[str, int] = {}
        for one, other, *_ in edges:
            degree[one] = degree.get(one, 0) + 1
            degree[other] = degree.get(other, 0) + 1
        keep = set(sorted(nodes, key=lambda k: (-degree.get(k, 0), k))[:NETWORK_DRAWN])
        drawn = {k: v for k, v in nodes.items() if k in keep}
        edges = [e for e in edges if e[0] in keep and e[1] in keep]
        title += f" (les {NETWORK_DRAWN} plus reliées)"
    picture = _network_picture(tuple(drawn.values()), tuple(edges), title) if drawn else Markup("")
    by_kind: dict[str, list[str]] = {"people": [], "organisations": []}
    for name in sorted(nodes, key=lambda k: (nodes[k].label.casefold(), k)):
        kind, rid = name.split(":", 1)
        by_kind[kind].append(rid)
    listed = sorted(ties.values(), key=lambda t: (name_of(t.a[1]).casefold(), name_of(t.b[1]).casefold(), t.a[1].id, t.b[1].id))
    alone = [o for o in dossier.all("organisations") if f"organisations:{o.id}" not in nodes]
    return {"picture": picture, "drawn": len(drawn) if len(drawn) < len(nodes) else None, "ties": listed, "groups": groups, "large": LARGE_EVENT, "counts": {k: len(v) for k, v in by_kind.items()}, "alone": sorted(alone, key=lambda o: (name_of(o).casefold(), o.id))}


@functools.lru_cache(maxsize=2)
def _network_picture(nodes: tuple[graphs.Node, ...], edges: tuple[tuple[str, str, int, str], ...], title: str) -> Markup:
    """The network drawing, laid out again only when its nodes or ties change (an edit to a
    summary leaves them alone: `mkdocs serve` then skips the quadratic layout)."""
    return graphs.network_figure(list(nodes), list(edges), title)


def _print_context(dossier: Dossier, look: Lookups) -> dict[str, Any]:
    """Every record for the one-page edition: events by date, the rest by name.

    Past PRINT_LIMIT events one page would be too heavy to open, let alone print: the page
    then says so and points to the chronology and the downloads.
    """
    if len(look.events) > PRINT_LIMIT:
        return {"too_large": True, "limit": PRINT_LIMIT, "events": look.events, "claims_of": {}, **{kind: dossier.all(kind) for kind in r.KINDS if kind != "events"}}
    claims_of = {e.id: [claim_view(dossier, ClaimEntry(e, c)) for c in e.claims] for e in look.events}
    by_name = {kind: sorted(dossier.all(kind), key=lambda rec: (name_of(rec).casefold(), rec.id)) for kind in r.KINDS if kind != "events"}
    return {"too_large": False, "events": look.events, "claims_of": claims_of, **by_name}


def _state_only_context(dossier: Dossier, look: "Lookups") -> dict[str, Any]:
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


def _problem_groups(dossier: Dossier) -> list[ProblemGroup]:
    """Every editorial note on a source, grouped by the kind of problem."""
    found: dict[str, list[tuple[r.Source, r.Note]]] = {}
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        for note in source.notes:
            found.setdefault(note.kind, []).append((source, note))
    return [ProblemGroup(kind, found[kind]) for kind in s.NOTE_KINDS if kind in found]
