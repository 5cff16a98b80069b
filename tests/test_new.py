"""`dossier new` (scaffolder) and the near-duplicate warning (similar.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import ROOT, TODAY
from dossiergen import pipeline
from dossiergen.cli import main
from dossiergen.config import Settings
from dossiergen.contrib.editor_schema import modeline
from dossiergen.contrib.fmt import format_text
from dossiergen.contrib.new import Request, canonical_url, derive_id, scaffold
from dossiergen.core.errors import DossierError
from dossiergen.model import schema as s
from dossiergen.model.similar import THRESHOLD, normalise, similarity

ARGS = ["--today", TODAY.isoformat()]


def run(root: Path, *args: str) -> int:
    return main(["--root", str(root), *ARGS, *args])


def check(root: Path) -> list:
    """Every diagnostic of the dossier at root (errors and warnings)."""
    try:
        return pipeline.review(Settings.from_root(root, today=TODAY))[1]
    except DossierError as exc:
        return exc.diagnostics


# --- ids ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("req", "expected"),
    [
        (Request("events", "Rencontre Milley–Guérassimov à Helsinki", "2021-09-22"), "2021-09-22-rencontre-milley-guerassimov-helsinki"),
        (Request("events", "L’annonce du retrait", "2021-04"), "2021-04-annonce-retrait"),
        (Request("sources", "Les USA interrogent la Russie sur l’idée d’utiliser ses bases", "2021-09-28"), "usa-interrogent-russie-idee-2021"),
        (Request("people", "Valeri Guérassimov"), "valeri-guerassimov"),
        (Request("places", "Karshi-Khanabad (K2)"), "karshi-khanabad-k2"),
        (Request("people", "X", id="mon-id"), "mon-id"),
        (Request("events", "Appel téléphonique entre Milley et Guérassimov", "2022-02-11"), "2022-02-11-appel-telephonique-milley-guerassimov"),
        (Request("sources", "Rencontre des chefs d’état-major à Helsinki", "2021-09-22", "https://www.lapresse.ca/international/2021-09-22/x.php"),
         "lapresse-rencontre-chefs-etat-2021"),
        (Request("sources", "Milley et Guérassimov se sont parlé", "2022-02", "https://fr.sputniknews.africa/20220211/x.html"), "sputniknews-milley-guerassimov-parle-2022"),
    ],
)
def test_ids_come_from_the_name_and_date(req: Request, expected: str) -> None:
    assert derive_id(req) == expected


def test_long_names_give_ids_within_bounds() -> None:
    rid = derive_id(Request("organisations", "Organisation " * 40))
    assert 0 < len(rid) <= 80 and not rid.endswith("-")


# --- the scaffold ---------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(s.KIND_SPECS))
def test_scaffold_names_every_field_and_is_canonical(kind: str) -> None:
    text = scaffold(Request(kind, "Nom d’essai : « citation »", "2021-09" if kind in ("events", "sources") else None, sources=("src-a",) if kind == "events" else ()))
    assert text.splitlines()[0] == modeline(kind)
    for key in s.KIND_SPECS[kind].fields:
        assert f"{key}:" in text, key
    assert format_text(text, kind) == (text, None)  # already as `dossier fmt` writes it
    data = yaml.safe_load(text)
    assert set(data) == {k for k, spec in s.KIND_SPECS[kind].fields.items() if spec.required} | ({"language", "published", "published_basis"} if kind == "sources" else set()) | ({"sources", "date_basis"} if kind == "events" else set())
    name_key = "title" if kind in ("events", "sources", "contradictions") else "name"
    assert data[name_key] == "Nom d’essai : « citation »"


def test_new_event_then_check_points_at_each_field_left_empty(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(valid_root, "new", "event", "--name", "Rencontre à Genève", "--date", "2021-10-04", "--source", "agence-2021-rencontre") == 0
    out = capsys.readouterr().out
    path = valid_root / "dossier" / "events" / "2021-10-04-rencontre-geneve.yaml"
    assert "créé : dossier/events/2021-10-04-rencontre-geneve.yaml" in out
    assert "Graphies : pour chaque personne, organisation ou lieu que nomme l’article" in out  # the source's spelling of each name
    lines = path.read_text(encoding="utf-8").splitlines()
    assert run(valid_root, "check") == 1
    err = capsys.readouterr().err
    kind_line = next(i for i, line in enumerate(lines, 1) if line.startswith("kind:"))
    summary_line = next(i for i, line in enumerate(lines, 1) if line.startswith("summary:"))
    assert f"dossier/events/2021-10-04-rencontre-geneve.yaml:{kind_line}:1: erreur[missing-field] kind" in err
    assert f"dossier/events/2021-10-04-rencontre-geneve.yaml:{summary_line}:" in err and "erreur[empty] summary" in err
    assert err.count("erreur[") == 2
    # Filled in, the record passes and formats as it stands, once its date says how it is known.
    text = path.read_text(encoding="utf-8").replace("kind:  ", "kind: meeting", 1).replace('summary: ""', "summary: Une rencontre.", 1)
    path.write_text(text, encoding="utf-8")
    assert run(valid_root, "check") == 1
    date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
    assert f"dossier/events/2021-10-04-rencontre-geneve.yaml:{date_line}:1: erreur[missing-basis] date" in capsys.readouterr().err
    text = text.replace("date_basis:  ", "date_basis: printed", 1)
    path.write_text(text, encoding="utf-8")
    assert run(valid_root, "check") == 0, capsys.readouterr().err
    assert run(valid_root, "fmt", "--check") == 0


def test_new_refuses_to_overwrite_or_reuse_an_id(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = valid_root / "dossier" / "people" / "jeanne-general.yaml"
    before = existing.read_bytes()
    assert run(valid_root, "new", "person", "--name", "Quelqu’un", "--id", "jeanne-general", "--allow-similar") == 1
    assert existing.read_bytes() == before
    err = capsys.readouterr().err
    assert "existe déjà : dossier/people/jeanne-general.yaml" in err and "rien n’a été écrit" in err
    # Ids are unique across kinds: a place may not take a person's id either.
    assert run(valid_root, "new", "place", "--name", "Jeanne General") == 1
    assert not (valid_root / "dossier" / "places" / "jeanne-general.yaml").exists()


def test_a_recorded_url_is_detected(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    recorded = next(
        (p, yaml.safe_load(p.read_text(encoding="utf-8"))["url"])
        for p in sorted((valid_root / "dossier" / "sources").glob("*.yaml"))
        if "url" in yaml.safe_load(p.read_text(encoding="utf-8"))
    )
    path, url = recorded
    variant = url.replace("https://", "http://www.", 1) + "#haut"
    assert run(valid_root, "new", "source", "--name", "Autre titre", "--date", "2021", "--url", variant) == 1
    err = capsys.readouterr().err
    assert f"déjà présent : dossier/sources/{path.name}" in err
    assert len(list((valid_root / "dossier" / "sources").glob("*.yaml"))) == 3


def test_canonical_url() -> None:
    assert canonical_url("https://www.Example.org/a/?utm_source=x&id=3#top") == canonical_url("http://example.org/a?id=3")
    assert canonical_url("https://example.org/a") != canonical_url("https://example.org/b")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["event", "--name", "Sans date"], "a besoin d’une date"),
        (["event", "--name", "X", "--date", "2021-02-30"], "--date"),
        (["source", "--name", "X", "--url", "javascript:alert(1)"], "http:// ou https://"),
        (["person", "--name", "   "], "--name est vide"),
        (["person", "--name", "X", "--id", "Pas_Un_Id"], "invalide"),
    ],
)
def test_bad_requests_write_nothing(valid_root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    before = sorted(p for p in (valid_root / "dossier").rglob("*"))
    assert run(valid_root, "new", *args) == 1
    assert message in capsys.readouterr().err
    assert sorted(p for p in (valid_root / "dossier").rglob("*")) == before


def test_unknown_kind_is_a_usage_error(valid_root: Path) -> None:
    assert run(valid_root, "new", "evenement", "--name", "X") == 2


def test_new_person_close_to_an_existing_one_is_refused_then_allowed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    (root / "dossier").mkdir(parents=True)
    import shutil

    shutil.copytree(ROOT / "dossier" / "people", root / "dossier" / "people")
    assert run(root, "new", "person", "--name", "Valery Gerasimov") == 1
    err = capsys.readouterr().err
    assert "nom proche d’une fiche existante : dossier/people/valeri-guerassimov.yaml" in err
    # The same name gives the same id: the record exists, cite it.
    assert run(root, "new", "person", "--name", "Valeri Guérassimov") == 1
    assert "cette fiche existe déjà : dossier/people/valeri-guerassimov.yaml ; citez-la par son identifiant « valeri-guerassimov »" in capsys.readouterr().err
    assert run(root, "new", "person", "--name", "Valery Gerasimov", "--allow-similar") == 0
    assert (root / "dossier" / "people" / "valery-gerasimov.yaml").exists()


# --- near-duplicates ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "people", "close"),
    [
        ("Valeri Guérassimov", "Valeri Guerassimov", True, True),
        ("Gerasimov", "Guérassimov", True, True),
        ("général Valery Gerasimov", "Valeri Guérassimov", True, True),
        ("Valery Gerasimov", "Guérassimov", True, True),  # a full name against a bare surname
        ("Mark Milley", "Mark Miley", True, True),
        ("Sergueï Lavrov", "Serguei Lavrov", True, True),
        ("Joe Biden", "Joe Dunford", True, False),
        ("Organisation A", "Organisation B", False, False),
        ("AFP", "AP", False, False),
        ("Département d’État des États-Unis", "Département de la Défense des États-Unis", False, False),
        ("Kaboul", "aéroport de Kaboul", False, False),
        ("les Américains", "forces américaines", False, False),
        ("Ministère de la Défense de l’Iran", "Ministère de la Défense du Liban", False, False),  # l’Iran is not "liran"
        ("Валерий Герасимов", "Сергей Лавров", True, False),  # other scripts keep their letters
        ("Валерий Герасимов", "Валерий Герасимов", True, True),
    ],
)
def test_similarity(a: str, b: str, people: bool, close: bool) -> None:
    assert (similarity(normalise(a), normalise(b), people=people) >= THRESHOLD) is close
    assert similarity(normalise(a), normalise(b), people=people) == similarity(normalise(b), normalise(a), people=people)  # symmetric


def test_the_real_dossier_has_no_near_duplicates() -> None:
    warnings = pipeline.review(Settings.from_root(ROOT, today=TODAY))[1]
    assert [w for w in warnings if w.code == "near-duplicate"] == []


def test_a_near_duplicate_is_a_warning_with_the_other_id_and_line(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jeanne = yaml.safe_load((valid_root / "dossier" / "people" / "jeanne-general.yaml").read_text(encoding="utf-8"))
    twin = valid_root / "dossier" / "people" / "jeanne-bis.yaml"
    twin.write_text(f"# la même ?\nname: {jeanne['name'].upper()}\n", encoding="utf-8")
    found = [d for d in check(valid_root) if d.code == "near-duplicate"]
    assert {(d.path, d.severity) for d in found} == {("dossier/people/jeanne-bis.yaml", "warning"), ("dossier/people/jeanne-general.yaml", "warning")}
    here = next(d for d in found if d.path.endswith("jeanne-bis.yaml"))
    assert here.line == 2 and "people/jeanne-general" in here.message
    # A warning does not stop the build; the CLI shows it and still says ok.
    assert run(valid_root, "check") == 0
    captured = capsys.readouterr()
    assert "avertissement[near-duplicate]" in captured.err and captured.out.startswith("ok:")
    assert run(valid_root, "check", "--format", "github") == 0
    assert "::warning file=dossier/people/jeanne-bis.yaml,line=2," in capsys.readouterr().out


def test_errors_become_github_annotations(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = valid_root / "dossier" / "events" / "2021-09-22-rencontre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("summary:", "sumary:", 1), encoding="utf-8")
    assert run(valid_root, "check", "--format", "github") == 1
    captured = capsys.readouterr()
    annotation = next(line for line in captured.out.splitlines() if "unknown-field" in line)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("sumary:"))
    assert annotation.startswith(f"::error file=dossier/events/2021-09-22-rencontre.yaml,line={line},col=1,title=erreur[unknown-field] sumary::")
    assert "vouliez-vous dire 'summary'" in annotation
    assert "erreur[unknown-field]" in captured.err  # the readable report is still there, for the log


def test_a_source_url_recorded_twice_is_an_error(valid_root: Path) -> None:
    sources = sorted((valid_root / "dossier" / "sources").glob("*.yaml"))
    url = next(yaml.safe_load(p.read_text(encoding="utf-8"))["url"] for p in sources if "url" in yaml.safe_load(p.read_text(encoding="utf-8")))
    copy = valid_root / "dossier" / "sources" / "zz-copie.yaml"
    copy.write_text(f'title: Copie\nlanguage: fr\nkind: article\nurl: "{url.replace("https://", "http://www.")}"\nsummary: Une copie.\n', encoding="utf-8")
    found = [d for d in check(valid_root) if d.code == "duplicate-url"]
    assert [(d.path, d.line, d.severity) for d in found] == [("dossier/sources/zz-copie.yaml", 4, "error")]


def test_french_enum_labels_and_quote_marks(valid_root: Path) -> None:
    path = valid_root / "dossier" / "events" / "2021-09-22-rencontre.yaml"
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    path.write_text(text.replace(f"kind: {data['kind']}", "kind: Déclaration", 1), encoding="utf-8")
    found = {d.code: d for d in check(valid_root)}
    assert found["bad-enum"].suggestion == "statement"  # the French label leads to its value
    quote = data["claims"][0]["quote"]
    path.write_text(text.replace(quote, f"« {quote} »", 1), encoding="utf-8")
    found = {d.code: d for d in check(valid_root)}
    assert found["quote-marks"].suggestion == quote


def test_a_broken_file_is_not_also_a_dangling_reference(valid_root: Path) -> None:
    """A tab in one record must not make every reference to it look dangling elsewhere."""
    path = valid_root / "dossier" / "people" / "jeanne-general.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("\nname:", "\n\tname:", 1), encoding="utf-8")
    codes = [(d.path, d.code) for d in check(valid_root)]
    assert ("dossier/people/jeanne-general.yaml", "yaml-tab") in codes or ("dossier/people/jeanne-general.yaml", "yaml-syntax") in codes
    assert not [c for c in codes if c[1] == "dangling-ref"], codes


def test_a_new_person_is_reminded_to_record_each_sources_spelling(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(valid_root, "new", "person", "--name", "Sergueï Choïgou") == 0
    out = capsys.readouterr().out
    assert "créé : dossier/people/serguei-choigou.yaml" in out and "ajoutez à `aliases` chaque graphie" in out and "search_only" in out
