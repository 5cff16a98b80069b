"""cli.py: exit codes, the contributor-facing report (golden), nothing written on error."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, GOLDEN, ROOT, TODAY
from dossiergen.cli import main

ARGS = ["--today", TODAY.isoformat()]


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *ARGS, *args])


def add_invalid(root: Path) -> None:
    for file in sorted((DATA / "invalid").rglob("*.yaml")):
        target = root / "dossier" / file.relative_to(DATA / "invalid")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(file, target)


def test_check_ok(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(valid_root, "check") == 0
    assert capsys.readouterr().out == "ok: 2 événements, 3 sources, 2 personnes, 5 organisations, 2 lieux, 2 thèmes, 1 contradictions, 2 affirmations\n"


def test_every_mistake_is_reported_at_once(valid_root: Path, capsys: pytest.CaptureFixture[str], update_golden: bool) -> None:
    """The whole report for tests/data/invalid/ is pinned: codes, positions, wording, suggestions."""
    add_invalid(valid_root)
    assert run(valid_root, "check") == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    golden = GOLDEN / "invalid-report.txt"
    if update_golden:
        golden.write_text(captured.err, encoding="utf-8")
    assert captured.err == golden.read_text(encoding="utf-8")
    # Each invalid file contributes at least one diagnostic.
    for file in (DATA / "invalid").rglob("*.yaml"):
        assert f"dossier/{file.relative_to(DATA / 'invalid').as_posix()}:" in captured.err


def test_report_format(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(DATA / "invalid" / "events" / "typo-key.yaml", valid_root / "dossier" / "events" / "typo-key.yaml")
    assert run(valid_root, "check") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0].startswith("dossier/events/typo-key.yaml:7:1: erreur[unknown-field] participnts — attendu l’un des champs : title, kind, date,")
    assert err.splitlines()[1] == "    vouliez-vous dire 'participants' ?"
    assert err.splitlines()[-1] == "1 erreur dans 1 fichier ; rien n’a été écrit."


def test_nothing_is_written_on_error(valid_root: Path) -> None:
    out = valid_root / "docs" / "dossier"
    assert run(valid_root, "build") == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (valid_root / "dossier" / "topics" / "canal.yaml").write_text("name: Renommé\ndescription: D\nrelated: [nope]\n")
    (valid_root / "dossier" / "topics" / "nouveau.yaml").write_text("name: Nouveau\ndescription: D\n")
    assert run(valid_root, "build") == 1
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_build_then_rebuild_writes_nothing(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(valid_root, "build") == 0
    assert run(valid_root, "build") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "ok: 0 written, 45 unchanged, 0 removed in docs/dossier/, docs/data/, docs/flux/"  # with the journal and the home fragment


def test_export_writes_every_download(valid_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(valid_root, "--site-url", "https://exemple.org/dossier/", "export", "--out", str(out)) == 0
    assert len(json.loads((out / "data" / "dossier.json").read_text())["events"]) == 2
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == [
        "data/csv/claims.csv", "data/csv/contradictions.csv", "data/csv/events.csv", "data/csv/organisations.csv",
        "data/csv/people.csv", "data/csv/places.csv", "data/csv/sources.csv", "data/csv/topics.csv",
        "data/dossier.json", "data/sources.bib", "data/sources.csl.json", "flux/evenements.xml",
    ]
    assert "https://exemple.org/dossier/dossier/evenements/" in (out / "flux" / "evenements.xml").read_text()


def test_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["frobnicate"]) == 2
    assert main(["--root", str(tmp_path), "check"]) == 2
    assert "pas de dossier dossier/" in capsys.readouterr().err


def test_fmt_check_fails_on_an_unformatted_file_then_fmt_fixes_it(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(valid_root, "fmt", "--check") == 0
    path = valid_root / "dossier" / "places" / "sampleville.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    # Move the name below the other fields, with a comment and a single-quoted value.
    body = [line for line in lines[1:] if not line.startswith("name:")]
    name = next(line for line in lines if line.startswith("name:"))
    path.write_text("\n".join([lines[0], *body, "# le nom", name.replace("name: ", "name: '", 1) + "'"]) + "\n", encoding="utf-8")
    before = path.read_bytes()
    assert run(valid_root, "fmt", "--check") == 1
    captured = capsys.readouterr()
    assert "à remettre en forme : dossier/places/sampleville.yaml" in captured.out and "lancez `make fmt`" in captured.err
    assert path.read_bytes() == before  # --check writes nothing
    assert run(valid_root, "fmt") == 0
    text = path.read_text(encoding="utf-8").splitlines()
    assert text[1] == "# le nom" and text[2] == name  # back in first place, comment kept, quotes gone
    assert run(valid_root, "fmt", "--check") == 0 and run(valid_root, "check") == 0


def test_fmt_leaves_a_broken_file_alone_and_says_so(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = valid_root / "dossier" / "topics" / "canal.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "name: encore\n", encoding="utf-8")
    before = path.read_bytes()
    assert run(valid_root, "fmt") == 1
    assert "dossier/topics/canal.yaml : pas mis en forme :" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_check_writes_the_editor_schemas_with_the_dossiers_ids(valid_root: Path) -> None:
    """Completion follows the data: `dossier check` offers every existing id in each reference field."""
    assert run(valid_root, "check") == 0
    event = json.loads((valid_root / "docs" / "schemas" / "event.json").read_text(encoding="utf-8"))
    source = json.dumps(event["definitions"]["SourceRef"])  # `- id` or `- {source: id, via: [...]}`
    assert '"examples": ["agence-2021-rencontre", "journal-2021-relais", "temoin-2021"]' in source
    assert event["properties"]["related"]["items"]["examples"] == ["2019-12-rencontre-precedente", "2021-09-22-rencontre"]
    contradiction = (valid_root / "docs" / "schemas" / "contradiction.json").read_text(encoding="utf-8")
    assert '"2021-09-22-rencontre/communique"' in contradiction  # claims: event-id/claim-id
    # A new record's id is offered after the next check.
    shutil.copy(valid_root / "dossier" / "topics" / "canal.yaml", valid_root / "dossier" / "topics" / "canal-bis.yaml")
    run(valid_root, "check")
    assert '"canal-bis"' in (valid_root / "docs" / "schemas" / "event.json").read_text(encoding="utf-8")


def test_schemas_check_fails_when_stale_and_schemas_rewrites(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (valid_root / "docs").mkdir()
    assert run(valid_root, "schemas", "--check") == 1
    assert "docs/schemas/event.json n’est plus à jour" in capsys.readouterr().err
    assert run(valid_root, "schemas") == 0
    assert run(valid_root, "schemas", "--check") == 0
    event = valid_root / "docs" / "schemas" / "event.json"
    event.write_text(event.read_text(encoding="utf-8").replace('"title"', '"titre"', 1), encoding="utf-8")
    assert run(valid_root, "schemas", "--check") == 1


def test_every_real_record_is_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(ROOT), "fmt", "--check"]) == 0, capsys.readouterr()


def test_links_reports_dead_addresses_as_annotations(valid_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nothing answers for the reserved .invalid domain (RFC 6761): both addresses are unreachable, offline and at once."""
    path = valid_root / "dossier" / "sources" / "agence-2021-rencontre.yaml"
    text = re.sub(r"(?m)^url: .*$", "url: http://dossier-test.invalid/article", path.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^archive_url: .*$", "archive_url: http://dossier-test.invalid/archive", text)
    path.write_text(text, encoding="utf-8")
    report = tmp_path / "summary.md"
    code = run(valid_root, "links", "--timeout", "2", "--format", "github", "--report", str(report), "--wayback-api", "http://dossier-test.invalid/wayback")
    assert code == 1
    out = capsys.readouterr().out
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.startswith("url:"))
    assert f"::warning file=dossier/sources/agence-2021-rencontre.yaml,line={line},title=Lien mort::http://dossier-test.invalid/article" in out
    assert "dossier-test.invalid/archive" in report.read_text(encoding="utf-8")
