"""provenance.py: chains, labels and the count of independent origins."""
from __future__ import annotations

from typing import Optional

import pytest

from dossiergen.model import provenance as pv
from dossiergen.model import records as r
from dossiergen.model.dossier import Dossier, build

ID = r.RecordId


def org(rid: str, kind: str = "newspaper", status: Optional[str] = None, parent: Optional[str] = None) -> r.Organisation:
    affiliation = r.Affiliation(status, ID("pays")) if status else None
    return r.Organisation(ID(rid), f"{rid}.yaml", rid.upper(), kind, affiliation=affiliation, parent=ID(parent) if parent else None)


def source(rid: str, outlet: Optional[str] = None, agency: Optional[str] = None) -> r.Source:
    return r.Source(ID(rid), f"{rid}.yaml", rid, "fr", "article", "résumé", outlet=ID(outlet) if outlet else None, agency=ID(agency) if agency else None)


def ref(source_id: str, *via: str) -> r.SourceRef:
    return r.SourceRef(ID(source_id), tuple(ID(v) for v in via))


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return build(
        [
            r.Place(ID("pays"), "pays.yaml", "Pays", "country"),
            org("fil", "news-agency", "cooperative"),
            org("autre-fil", "news-agency", "public-statute"),
            org("site-a", "website"),
            org("site-b", "website"),
            org("wsj", status="private"),
            org("kommersant", status="private"),
            org("etat-tv", "broadcaster", "state-owned"),
            org("groupe", "newspaper", "private"),
            org("titre-1", parent="groupe"),
            org("titre-2", parent="groupe"),
            org("ministere", "ministry"),
            org("titre-public", parent="ministere"),
            source("depeche-fil", agency="fil"),
            source("reprise-a", outlet="site-a", agency="fil"),
            source("reprise-b", outlet="site-b", agency="fil"),
            source("depeche-autre", agency="autre-fil"),
            source("article-a", outlet="site-a"),
            source("article-etat", outlet="etat-tv"),
            source("article-wsj", outlet="wsj"),
            source("article-titre-1", outlet="titre-1"),
            source("article-titre-2", outlet="titre-2"),
            source("article-public", outlet="titre-public"),
            source("anonyme-1"),
            source("anonyme-2"),
        ]
    )


def count(dossier: Dossier, *refs: r.SourceRef) -> int:
    return pv.independent_origins(dossier, refs)


def test_wire_story_republished_by_two_sites_is_one_origin(dossier: Dossier) -> None:
    assert count(dossier, ref("reprise-a"), ref("reprise-b")) == 1
    assert count(dossier, ref("reprise-a"), ref("reprise-b"), ref("depeche-fil")) == 1
    assert pv.origins(dossier, [ref("reprise-a")]) == ["fil"]


def test_two_agencies_are_two_origins(dossier: Dossier) -> None:
    assert count(dossier, ref("reprise-a"), ref("depeche-autre")) == 2


def test_a_site_writing_its_own_story_is_not_the_wire(dossier: Dossier) -> None:
    # site-a republishes the wire in one source and reports on its own in another.
    assert count(dossier, ref("reprise-a"), ref("article-a")) == 2


def test_selon_x_counts_as_x(dossier: Dossier) -> None:
    assert pv.origins(dossier, [ref("article-etat", "wsj")]) == ["wsj"]
    # Two outlets repeating the WSJ, and the WSJ itself: one origin.
    assert count(dossier, ref("article-etat", "wsj"), ref("article-a", "wsj"), ref("article-wsj")) == 1
    # The relaying outlet's own reporting is a second origin.
    assert count(dossier, ref("article-etat", "wsj"), ref("article-etat")) == 2


def test_a_chain_of_relays_ends_at_the_last_via(dossier: Dossier) -> None:
    chain = pv.chain_of(dossier, ref("article-etat", "wsj", "kommersant"))
    assert chain.steps == ("kommersant", "wsj", "etat-tv")
    assert chain.origin == "kommersant"
    assert count(dossier, ref("article-etat", "wsj", "kommersant"), ref("reprise-a", "kommersant")) == 1


def test_chain_of_a_republished_wire_story(dossier: Dossier) -> None:
    assert pv.chain_of(dossier, ref("reprise-b")).steps == ("fil", "site-b")
    assert pv.chain_of(dossier, ref("depeche-fil")).steps == ("fil",)


def test_duplicates_count_once(dossier: Dossier) -> None:
    assert count(dossier, ref("article-wsj"), ref("article-wsj")) == 1
    assert count(dossier, ref("article-etat", "wsj"), ref("article-etat", "wsj")) == 1
    assert count(dossier, ref("anonyme-1"), ref("anonyme-1")) == 1


def test_unidentified_publishers_are_their_own_origins(dossier: Dossier) -> None:
    assert pv.origins(dossier, [ref("anonyme-1"), ref("anonyme-2")]) == ["source:anonyme-1", "source:anonyme-2"]
    assert pv.chain_of(dossier, ref("anonyme-1")).steps == ()


def test_titles_of_one_media_group_are_one_origin(dossier: Dossier) -> None:
    assert count(dossier, ref("article-titre-1"), ref("article-titre-2")) == 1
    assert pv.origins(dossier, [ref("article-titre-1")]) == ["groupe"]


def test_a_non_media_parent_does_not_merge_origins(dossier: Dossier) -> None:
    assert pv.origins(dossier, [ref("article-public")]) == ["titre-public"]


def test_labels(dossier: Dossier) -> None:
    etat = dossier.get("organisations", ID("etat-tv"))
    assert isinstance(etat, r.Organisation)
    assert pv.label_of(etat) == pv.Label("state-owned", "broadcaster", ID("pays")) and pv.label_of(etat).state
    site = dossier.get("organisations", ID("site-a"))
    assert isinstance(site, r.Organisation)
    assert pv.label_of(site).status == "unknown" and not pv.label_of(site).state
    anonyme = dossier.get("sources", ID("anonyme-1"))
    assert isinstance(anonyme, r.Source)
    assert pv.publisher_label(dossier, anonyme) == (None, pv.Label(pv.UNIDENTIFIED))
    reprise = dossier.get("sources", ID("reprise-a"))
    assert isinstance(reprise, r.Source)
    publisher, label = pv.publisher_label(dossier, reprise)
    assert publisher is not None and publisher.id == "site-a" and label.status == "unknown"
