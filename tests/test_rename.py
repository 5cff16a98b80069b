"""`dossier rename OLD NEW`: the file, every reference, nothing else; refusals write nothing."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY
from dossiergen import pipeline
from dossiergen.cli import main
from dossiergen.config import Settings


def files(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "dossier").rglob("*")) if p.is_file()}


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), "--today", TODAY.isoformat(), *args])


def test_renaming_a_source_rewrites_every_reference_and_only_them(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    event = valid_root / "dossier" / "events" / "2021-09-22-rencontre.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("sources: [agence-2021-rencontre, journal-2021-relais]\n",
                                                               "sources: ['agence-2021-rencontre', journal-2021-relais]  # l’agence-2021-rencontre d’abord\n", 1), encoding="utf-8")
    (valid_root / "dossier" / "sources" / "agence-2021-rencontre.txt").write_text("Il veut « poursuivre des discussions ».", encoding="utf-8")
    before = files(valid_root)
    assert run(valid_root, "rename", "agence-2021-rencontre", "agence-2021-09-22") == 0
    after = files(valid_root)
    out = capsys.readouterr().out
    assert "renommé : dossier/sources/agence-2021-rencontre.yaml → dossier/sources/agence-2021-09-22.yaml" in out and out.rstrip().endswith("(make serve)")
    assert "dossier/sources/agence-2021-rencontre.yaml" not in after and "dossier/sources/agence-2021-rencontre.txt" not in after
    assert after["dossier/sources/agence-2021-09-22.txt"] == "Il veut « poursuivre des discussions »."
    # Each file differs from before only by the id, where a reference field writes it: a quoted
    # id keeps its quotes, the comment naming it stays as written.
    for path, text in before.items():
        moved = path.replace("agence-2021-rencontre.", "agence-2021-09-22.")
        assert after[moved] == text.replace("agence-2021-rencontre,", "agence-2021-09-22,").replace("agence-2021-rencontre]", "agence-2021-09-22]") \
            .replace("'agence-2021-rencontre'", "'agence-2021-09-22'"), path
    assert "# l’agence-2021-rencontre d’abord" in after["dossier/events/2021-09-22-rencontre.yaml"]
    pipeline.check(Settings.from_root(valid_root, today=TODAY))


def test_renaming_an_event_rewrites_its_claim_references(valid_root: Path) -> None:
    assert run(valid_root, "rename", "2021-09-22-rencontre", "2021-09-22-rencontre-helsinki") == 0
    contradiction = (valid_root / "dossier" / "contradictions" / "teneur-des-echanges.yaml").read_text(encoding="utf-8")
    assert "claims: [2021-09-22-rencontre-helsinki/communique]" in contradiction
    assert "events: [2021-09-22-rencontre-helsinki]" in contradiction


@pytest.mark.parametrize(("old", "new", "words"), [
    ("absente", "x", "aucune fiche n’a l’identifiant 'absente'"),
    ("temoin-2021", "Témoin", "nouvel identifiant refusé"),
    ("temoin-2021", "index", "nouvel identifiant refusé"),
    ("temoin-2021", "journal-2021-relais", "déjà pris"),
])
def test_a_refused_rename_says_why_in_french_and_writes_nothing(valid_root: Path, old: str, new: str, words: str, capsys: pytest.CaptureFixture[str]) -> None:
    before = files(valid_root)
    assert run(valid_root, "rename", old, new) == 1
    err = capsys.readouterr().err
    assert words in err and "rien n’a été écrit" in err and "Traceback" not in err
    assert files(valid_root) == before


def test_a_dossier_that_does_not_read_is_not_renamed(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (valid_root / "dossier" / "events" / "casse.yaml").write_text('title: "ouvert\n', encoding="utf-8")
    before = files(valid_root)
    assert run(valid_root, "rename", "temoin-2021", "temoin") == 1
    assert "make check" in capsys.readouterr().err and files(valid_root) == before


def test_root_after_the_command_and_usage_errors_in_french(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--today", TODAY.isoformat(), "check", "--root", str(valid_root)]) == 0
    assert main(["--root", str(valid_root), "chek"]) == 2
    err = capsys.readouterr().err
    assert "erreur d’utilisation" in err and "choix inconnu" in err and "'check'" in err
