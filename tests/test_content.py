"""The real dossier: valid, faithful to the five articles, and able to answer readers' questions."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS, TODAY
from dossiergen import pipeline, records as r
from dossiergen.config import Settings
from dossiergen.model import Dossier


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return pipeline.check(Settings.from_root(ROOT, today=TODAY))


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seeds(dossier: Dossier) -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    out = {}
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        if source.seed:
            out[source.id] = norm((SEEDS / source.seed).read_text(encoding="utf-8"))
    return out


def event(dossier: Dossier, rid: str) -> r.Event:
    e = dossier.get("events", r.RecordId(rid))
    assert isinstance(e, r.Event)
    return e


def test_every_seed_article_is_a_source(dossier: Dossier, seeds: dict[str, str]) -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(s.seed for s in dossier.all("sources") if isinstance(s, r.Source) and s.seed)


def test_every_quote_is_exact_in_every_source_cited(dossier: Dossier, seeds: dict[str, str]) -> None:
    quotes = 0
    for entry in dossier.claims():
        if not entry.claim.quote:
            continue
        quotes += 1
        for ref in entry.claim.sources:
            assert norm(entry.claim.quote) in seeds[ref.source], f"{entry.event.id}/{entry.claim.id}: quote not in {ref.source}"
    assert quotes >= 15


def test_no_summary_copies_an_article(dossier: Dossier, seeds: dict[str, str]) -> None:
    """Our own words: no run of 12 words from an article outside quotes."""
    corpus = " ".join(seeds.values()).lower()
    texts = []
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        texts += [(e.id, e.summary)] + [(e.id, c.text) for c in e.claims] + [(e.id, n.text) for n in e.notes]
    for s in dossier.all("sources"):
        assert isinstance(s, r.Source)
        texts += [(s.id, s.summary)]
    for x in dossier.all("contradictions"):
        assert isinstance(x, r.Contradiction)
        texts += [(x.id, x.summary), (x.id, x.assessment or "")] + [(x.id, side.text) for side in x.sides]
    for rid, text in texts:
        plain = re.sub(r"«[^»]*»|\"[^\"]*\"|“[^”]*”", " ", text).lower().split()
        for i in range(len(plain) - 11):
            assert " ".join(plain[i : i + 12]) not in corpus, f"{rid}: copies '{' '.join(plain[i:i+12])}'"


def test_helsinki(dossier: Dossier) -> None:
    e = event(dossier, "2021-09-22-rencontre-milley-guerassimov-helsinki")
    assert e.date == r.PartialDate(2021, 9, 22) and "helsinki" in e.places
    assert {"mark-milley", "valeri-guerassimov"} <= {p.person for p in e.participants}
    cited = {ref.source for ref in e.sources} | {ref.source for c in e.claims for ref in c.sources}
    assert {"afp-helsinki-2021", "algerie24-helsinki-2021", "sputnik-wsj-bases-2021"} <= cited


def test_baku(dossier: Dossier) -> None:
    e = event(dossier, "2017-02-16-rencontre-dunford-guerassimov-bakou")
    assert e.date == r.PartialDate(2017, 2, 16) and "bakou" in e.places and e.date_note
    assert {"joe-dunford", "valeri-guerassimov"} <= {p.person for p in e.participants}
    assert any(c.quote and "augmenter les communications" in c.quote for c in e.claims)


def test_ryabkov_july_2021(dossier: Dossier) -> None:
    said = [c for c in dossier.claims() if c.claim.by == "serguei-riabkov"]
    assert said and all((c.claim.date or c.event.date).iso().startswith("2021-07") for c in said)
    assert {ref.source for c in said for ref in c.claim.sources} >= {"algerie24-helsinki-2021", "sputnik-wsj-bases-2021"}


def test_wsj_is_known_through_sputnik(dossier: Dossier) -> None:
    relayed = [c for c in dossier.claims() if any(ref.source == "sputnik-wsj-bases-2021" and "wall-street-journal" in ref.via for ref in c.claim.sources)]
    assert any(c.claim.by == "wall-street-journal" for c in relayed)


def test_manas_and_k2(dossier: Dossier) -> None:
    assert event(dossier, "2014-depart-americain-manas").date.year == 2014
    assert event(dossier, "2005-fermeture-k2").date.year == 2005


def test_misnamed_gerasimov(dossier: Dossier) -> None:
    person = dossier.get("people", r.RecordId("valeri-guerassimov"))
    assert isinstance(person, r.Person)
    wrong = [a for a in person.aliases if a.name == "Sergueï Guérassimov"]
    assert wrong and wrong[0].note and {ref.source for ref in wrong[0].sources} == {"sputnik-wsj-bases-2021"}
    sputnik = dossier.get("sources", r.RecordId("sputnik-wsj-bases-2021"))
    assert isinstance(sputnik, r.Source) and any("Sergueï" in n.text for n in sputnik.notes)


def test_every_source_records_its_problems(dossier: Dossier) -> None:
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source) and source.notes, source.id


def test_tensions_the_articles_point_out_are_recorded(dossier: Dossier) -> None:
    """Sputnik contrasts the offer with Moscow's refusal; the WSJ has "productive" and a dilatory answer."""
    by_claims = {}
    for x in dossier.all("contradictions"):
        assert isinstance(x, r.Contradiction)
        by_claims[x.id] = [{str(k) for k in side.claims} for side in x.sides]
    refusal = by_claims["refus-russe-ou-offre-de-bases"]
    assert "2021-07-declarations-riabkov/riabkov-deploiement-inacceptable" in refusal[0]
    assert "2021-06-16-sommet-poutine-biden-geneve/poutine-proposition-bases-selon-kommersant" in refusal[1]
    assert by_claims["rencontre-productive-reponse-evasive"] == [
        {"2021-09-22-rencontre-milley-guerassimov-helsinki/milley-rencontre-productive"},
        {"2021-09-22-rencontre-milley-guerassimov-helsinki/wsj-reponse-dilatoire-guerassimov"},
    ]
    noted = dossier.get("contradictions", r.RecordId("refus-russe-ou-offre-de-bases"))
    assert isinstance(noted, r.Contradiction) and [s.source for s in noted.noted_by] == ["sputnik-wsj-bases-2021"]


def test_origin_counts_on_the_real_dossier(dossier: Dossier) -> None:
    from dossiergen import provenance as pv

    helsinki = event(dossier, "2021-09-22-rencontre-milley-guerassimov-helsinki")
    assert pv.origins(dossier, helsinki.sources) == ["afp", "associated-press", "wall-street-journal"]
    geneva = event(dossier, "2021-06-16-sommet-poutine-biden-geneve")
    # PressTV citing Kommersant and Sputnik citing the WSJ citing Kommersant: one origin.
    assert pv.origins(dossier, geneva.sources) == ["kommersant"]
    baku = event(dossier, "2017-02-16-rencontre-dunford-guerassimov-bakou")
    assert pv.origins(dossier, baku.sources) == ["source:bakou-2017-pentagone"]


def test_state_media_carry_their_label_wherever_cited() -> None:
    """Every citation of a Sputnik or PressTV source, on every page (generated or written), is followed by its label."""
    _, pages = pipeline.pages(Settings.from_root(ROOT, today=TODAY))
    texts = {str(path): text for path, text in pages.items()}
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")})
    labels = {"sputnik-wsj-bases-2021": "Sputnik, média d’État, Russie", "presstv-bases-russes-2021": "Press TV, média d’État, Iran"}
    seen = 0
    for path, text in texts.items():
        for m in re.finditer(r"\[\\\[\d+\\\]\]\(([^)\s]*/)?([a-z0-9-]+)\.md\)(?:\{ data-search-exclude \})?", text):
            folder = m.group(1) or ""
            # A source page links its sibling sources without the folder: "afp-helsinki-2021.md".
            to_source = folder.endswith("sources/") or (not folder and path.startswith("sources/"))
            if m.group(2) in labels and to_source:
                seen += 1
                label = labels[m.group(2)]
                after = text[m.end() : m.end() + 80]
                # In a provenance chain the outlet and its full label stand just before: "… → [3]".
                before = text[max(0, m.start() - 120) : m.start()]
                in_chain = before.endswith(" } → ") and label.split(", ", 1)[1] in before
                assert after.startswith(f" [{label}](") or in_chain, f"{path}: {m.group(0)} then {after!r}"
    assert seen > 100


def test_open_questions_are_listed_not_filled(dossier: Dossier) -> None:
    helsinki = event(dossier, "2021-09-22-rencontre-milley-guerassimov-helsinki")
    assert any(n.kind == "unknown" and "contenu" in n.text for n in helsinki.notes)
