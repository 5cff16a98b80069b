"""Quotation marks that pair up, and quotes checked against the texts of their sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core.errors import Diagnostic, DossierError
from dossiergen.model.quotes import closest_passage, normalise, unbalanced

EVENT = "dossier/events/2021-09-22-rencontre.yaml"
# The fixture's agency dispatch, as a contributor keeps a copy of it beside its record.
DISPATCH = "Le porte-parole a dit vouloir « poursuivre des discussions » avec Moscou.\nFin de la dépêche.\n"


def diagnostics(root: Path, seeds: Path | None = None) -> list[Diagnostic]:
    settings = Settings.from_root(root, today=TODAY)
    if seeds is not None:
        settings = Settings(**{**{f: getattr(settings, f) for f in settings.__slots__}, "seeds_dir": seeds})
    try:
        return pipeline.review(settings)[1]
    except DossierError as exc:
        return exc.diagnostics


@pytest.mark.parametrize(("text", "problem"), [
    ("Il parle de « bases » et de « retrait ».", None),
    ("« Citation « imbriquée » fermée »", None),
    ("“Straight” and “curly”", None),
    ('Un "mot" entre guillemets droits', None),
    ("Il dit « sans fermer la citation.", "guillemet ouvrant («) jamais refermé (»)"),
    ("Il dit » à l’envers « ici.", "guillemet fermant (») sans guillemet ouvrant («)"),
    ("“open only", "guillemet ouvrant (“) jamais refermé (”)"),
    ('Un "mot seul', 'guillemet droit (") sans son pendant'),
])
def test_quotation_marks_must_pair_up(text: str, problem: str | None) -> None:
    found = unbalanced(text)
    assert (found is None) if problem is None else (found is not None and problem in found), found


def test_an_unbalanced_mark_is_an_error_located_with_the_words_around_it(valid_root: Path) -> None:
    event = valid_root / EVENT
    event.write_text(event.read_text(encoding="utf-8").replace("text: Le porte-parole décrit la rencontre.", "text: Le porte-parole « décrit la rencontre."), encoding="utf-8")
    [d] = [d for d in diagnostics(valid_root) if d.code == "unbalanced-quotes"]
    assert (d.path, d.field, d.line) == (EVENT, "claims[0].text", 35)
    assert "« décrit la rencontre" in d.message and d.message.startswith("attendu des guillemets qui vont par paires")


def test_a_quote_is_checked_against_a_local_copy_of_its_source(valid_root: Path) -> None:
    copy = valid_root / "dossier" / "sources" / "agence-2021-rencontre.txt"
    copy.write_text(DISPATCH, encoding="utf-8")
    assert not [d for d in diagnostics(valid_root) if d.code == "quote-not-in-source"]  # and the .txt is no stray file
    copy.write_text(DISPATCH.replace("poursuivre des discussions", "poursuivre les discussions"), encoding="utf-8")
    [d] = diagnostics(valid_root)
    assert (d.code, d.path, d.field, d.line, d.severity) == ("quote-not-in-source", EVENT, "claims[0].quote", 36, "error")
    assert "dossier/sources/agence-2021-rencontre.txt" in d.message
    assert d.suggestion == "poursuivre les discussions"  # the passage closest to the quote, as the text writes it


def test_a_quote_is_checked_against_the_seed_and_spacing_or_apostrophes_do_not_count(valid_root: Path, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "000_0000000000000000.txt").write_text("Il veut « poursuivre\u00a0des\n  discussions ».", encoding="utf-8")
    assert not diagnostics(valid_root, seeds)
    (seeds / "000_0000000000000000.txt").write_text("Rien de tel ici.", encoding="utf-8")
    [d] = diagnostics(valid_root, seeds)
    assert d.code == "quote-not-in-source" and "shared/seeds/000_0000000000000000.txt" in d.message and d.suggestion is None


def test_no_text_at_hand_no_check_and_links_are_not_followed(valid_root: Path, tmp_path: Path) -> None:
    assert not diagnostics(valid_root, tmp_path / "no-seeds")
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("Rien de tel ici.", encoding="utf-8")
    (valid_root / "dossier" / "sources" / "agence-2021-rencontre.txt").symlink_to(elsewhere)
    assert [d.code for d in diagnostics(valid_root, tmp_path / "no-seeds")] == ["symlink"]  # refused, never read


def test_normalise_and_closest_passage() -> None:
    assert normalise("l’horizon\u00a0— ici") == "l'horizon - ici"
    assert closest_passage("capacité au-delà de l'horizon", "des « capacités au-delà de l’horizon » pour") == "capacités au-delà de l’horizon"
    assert closest_passage("tout autre chose", "des « capacités au-delà de l’horizon » pour") is None
    assert closest_passage("mot " * 200, "texte") is None  # bounded: a long quote is not searched
