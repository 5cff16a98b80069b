"""export.py: one object, a list per kind, every record with id and url to an existing page."""
from __future__ import annotations

import json
from pathlib import PurePosixPath

from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.downloads.export import export, to_json


def test_shape_and_urls(settings: Settings) -> None:
    dossier, pages = pipeline.pages(settings)
    data = export(dossier, settings.site_prefix)
    assert set(data) == {"format", "title", "events", "sources", "people", "organisations", "places", "topics", "contradictions", "claims"}
    for kind in ("events", "sources", "people", "organisations", "places", "topics", "contradictions"):
        assert len(data[kind]) == len(dossier.records[kind])
        for entry in data[kind]:
            assert entry["url"].startswith("dossier/") and entry["url"].endswith("/")
            page = PurePosixPath(entry["url"].removeprefix("dossier/").rstrip("/") + ".md")
            assert page in pages
    person = next(p for p in data["people"] if p["id"] == "jeanne-general")
    assert person["roles"][0]["from"] == "2019" and person["roles"][0]["to"] == "2021-12"
    claim = next(c for c in data["claims"] if c["id"] == "2021-09-22-rencontre/selon-autre-journal")
    assert claim["url"] == "dossier/evenements/2021-09-22-rencontre/#declaration-selon-autre-journal"
    assert claim["sources"] == [{"source": "journal-2021-relais", "via": ["autre-journal"], "note": "dernier paragraphe"}]


def test_json_is_deterministic(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    text = to_json(dossier, settings.site_prefix)
    assert text == to_json(pipeline.check(settings), settings.site_prefix)
    assert json.loads(text)["format"] == 2


def test_source_web_address_does_not_hide_the_page_url(settings: Settings) -> None:
    data = export(pipeline.check(settings), settings.site_prefix)
    source = next(s for s in data["sources"] if s["id"] == "agence-2021-rencontre")
    assert source["url"] == "dossier/sources/agence-2021-rencontre/"
    assert source["original_url"] == "https://example.org/articles/rencontre?id=1&lang=fr"


def test_source_criticism_is_exported(settings: Settings) -> None:
    data = export(pipeline.check(settings), settings.site_prefix)
    nested = [c for e in data["events"] for c in e["claims"] or []]
    for entry in data["events"] + data["claims"] + nested:
        assert type(entry["independent_origins"]) is int and entry["independent_origins"] >= 1
        assert entry["independent_origins"] == len(entry["origins"])
    event = next(e for e in data["events"] if e["id"] == "2021-09-22-rencontre")
    assert (event["independent_origins"], event["origins"]) == (2, ["agence", "gazette"])
    assert event["contradictions"] == ["teneur-des-echanges"]
    claim = next(c for c in data["claims"] if c["id"] == "2021-09-22-rencontre/selon-autre-journal")
    assert claim["speaker"] == {"id": "autre-journal", "kind": "organisations", "name": "L’Autre Journal"}
    assert claim["chains"] == [{"source": "journal-2021-relais", "steps": ["autre-journal", "gazette"], "origin": "autre-journal"}]
    assert claim["contradictions"] == ["teneur-des-echanges"]
    [contra] = data["contradictions"]
    assert contra["involves"] == {"claims": ["2021-09-22-rencontre/communique", "2021-09-22-rencontre/selon-autre-journal"], "events": ["2021-09-22-rencontre"]}
    claim_ids = {c["id"] for c in data["claims"]}
    assert set(contra["involves"]["claims"]) <= claim_ids
    assert [side["origins"] for side in contra["sides"]] == [["agence"], ["autre-journal"]]
    source = next(s for s in data["sources"] if s["id"] == "agence-2021-rencontre")
    assert source["label"] == {"status": "state-owned", "status_label": "média d’État", "kind": "newspaper", "country": "nordland", "state": True}
    assert source["chain"] == ["agence", "gazette"]
    assert [n["kind"] for n in source["notes"]] == ["no-byline", "misspelling"]
