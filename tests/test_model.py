"""model.py: every reference has its backlink; order is chronological and stable."""
from __future__ import annotations

from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.model import records as r


def test_every_reference_has_a_backlink(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    assert dossier.links
    for link in dossier.links:
        assert link in dossier.backlinks_of(link.target_kind, link.target_id)
        assert link.target_id in dossier.records[link.target_kind]


def test_backlinks_know_their_field_and_claim(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    fields = {(link.owner_id, link.field, link.anchor) for link in dossier.backlinks_of("organisations", r.RecordId("autre-journal"))}
    assert ("2021-09-22-rencontre", "claims.by", "selon-autre-journal") in fields
    assert ("2021-09-22-rencontre", "claims.sources.via", "selon-autre-journal") in fields
    people = {(link.owner_id, link.field) for link in dossier.backlinks_of("people", r.RecordId("jeanne-general"))}
    assert people == {("2021-09-22-rencontre", "participants.person")}


def test_events_and_claims_in_order(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    assert [e.id for e in dossier.events_by_date()] == ["2019-12-rencontre-precedente", "2021-09-22-rencontre"]
    assert [c.claim.id for c in dossier.claims()] == ["communique", "selon-autre-journal"]


def test_real_dossier_invariants() -> None:
    from conftest import ROOT, TODAY

    dossier = pipeline.check(Settings.from_root(ROOT, today=TODAY))
    for link in dossier.links:
        assert link in dossier.backlinks_of(link.target_kind, link.target_id)
    # Every source is used by at least one event or claim.
    cited = {link.target_id for link in dossier.links if link.target_kind == "sources" and link.owner_kind == "events"}
    assert cited == set(dossier.records["sources"])
