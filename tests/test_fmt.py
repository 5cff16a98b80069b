"""fmt.py: canonical key order and quoting, comments kept, meaning never changed, idempotent."""
from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from conftest import DATA, ROOT
from dossiergen.contrib import fmt as f
from dossiergen.contrib.editor_schema import modeline
from dossiergen.contrib.fmt import dump_record, format_paths, format_text, record_files

REAL = record_files(ROOT / "dossier")
VALID = record_files(DATA / "valid" / "dossier")
EVENT = modeline("events")


def fmt(text: str, kind: str = "events") -> str:
    out, problem = format_text(text, kind)
    assert problem is None, problem
    return out


def test_there_are_real_records_to_format() -> None:
    assert len(REAL) > 100 and len(VALID) >= 7


@pytest.mark.parametrize("path", REAL + VALID, ids=lambda p: f"{p.parent.parent.parent.name}/{p.parent.name}/{p.name}")
def test_every_record_formats_to_the_same_value_and_is_stable(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    out = fmt(text, path.parent.name)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert fmt(out, path.parent.name) == out
    assert out.startswith(modeline(path.parent.name) + "\n")
    assert out.endswith("\n") and not out.endswith("\n\n")


SCRAMBLED = """\
# Fiche de test : l'ordre des champs est mélangé.

summary: Un résumé.
kind: meeting  # le type
# Le titre vient en premier.
title: 'Rencontre'
participants:
  - sources: [agence]
    # Le rôle.
    role: cheffe
    person: jeanne
  - role: "porte-parole"
    # Paul parle.
    person: paul
date: 2021-09-22
claims:
  - text: >-
      Le porte-parole
      parle.
    kind: statement
    by: paul
    id: communique
    sources:
      - agence
    # - autre (une source mise de côté)
sources: [agence]
"""

SORTED = EVENT + """
# Fiche de test : l'ordre des champs est mélangé.

# Le titre vient en premier.
title: Rencontre
kind: meeting  # le type
date: "2021-09-22"
participants:
  - person: jeanne
    # Le rôle.
    role: cheffe
    sources: [agence]
  # Paul parle.
  - person: paul
    role: porte-parole
summary: Un résumé.
sources: [agence]
claims:
  - id: communique
    by: paul
    kind: statement
    text: >-
      Le porte-parole
      parle.
    sources:
      - agence
    # - autre (une source mise de côté)
"""


def test_keys_follow_the_spec_order_and_comments_travel_with_them() -> None:
    assert fmt(SCRAMBLED) == SORTED
    assert fmt(SORTED) == SORTED


def test_unknown_keys_go_last_in_their_order() -> None:
    assert fmt("zeta: 1\ntitle: x\nalpha: 2\nkind: meeting\n") == EVENT + "\ntitle: x\nkind: meeting\nzeta: 1\nalpha: 2\n"


def test_nested_structs_of_other_kinds_are_ordered() -> None:
    person = "roles:\n  - sources: [a]\n    to: 2021\n    title: chef\nname: X\n"
    assert fmt(person, "people") == modeline("people") + '\nname: X\nroles:\n  - title: chef\n    to: "2021"\n    sources: [a]\n'
    org = "affiliation:\n  note: n\n  status: private\nname: Y\nkind: newspaper\n"
    assert fmt(org, "organisations") == modeline("organisations") + "\nname: Y\nkind: newspaper\naffiliation:\n  status: private\n  note: n\n"


@pytest.mark.parametrize(
    "line, expected",
    [
        ("title: 'Rencontre'", "title: Rencontre"),
        ('title: "Rencontre à Genève"', "title: Rencontre à Genève"),
        ("title: 'il a dit \"oui\"'", 'title: il a dit "oui"'),
        ("title: 'it''s'", "title: it's"),
        ("date: 2021", 'date: "2021"'),
        ("date: '2021-09'", 'date: "2021-09"'),
        ("date: 2021-09-22", 'date: "2021-09-22"'),
        ('title: "no"', 'title: "no"'),
        ("title: 'no'", 'title: "no"'),
        ("title: '1.10'", 'title: "1.10"'),
        ("title: '2021'", 'title: "2021"'),
        ("title: '~'", 'title: "~"'),
        ("title: ''", 'title: ""'),
        ("title: ' x'", 'title: " x"'),
        ('title: "a: b"', 'title: "a: b"'),
        ("title: '- a'", 'title: "- a"'),
        ("title: 'C#'", "title: C#"),
        ("title: 'a #b'", 'title: "a #b"'),
        ("title: '#b'", 'title: "#b"'),
        ("title: x # un commentaire", "title: x # un commentaire"),
        ("title: 'x'  # un commentaire", "title: x  # un commentaire"),
        ('title: "a\\u200bb"', 'title: "a\\u200bb"'),  # an invisible character stays visible
        ("title: a\u200bb", 'title: "a\\u200bb"'),
        ('title: "tab\\there"', 'title: "tab\\there"'),
        ("url: 'https://example.org/a?b=1#c'", "url: https://example.org/a?b=1#c"),
    ],
)
def test_single_line_scalars_get_one_quoting(line: str, expected: str) -> None:
    out = fmt(line + "\n")
    assert out == EVENT + "\n" + expected + "\n"
    assert yaml.safe_load(out) == yaml.safe_load(line) or line.startswith("date:")


def test_list_items_and_shorthands_are_quoted_like_values() -> None:
    text = "places:\n  - 'a'\n  - \"b c\"\nparticipants:\n  - 'jeanne'\nsources:\n  - \"agence\"\n  - source: 'x'\n    note: 'yes'\n"
    assert fmt(text) == EVENT + '\nplaces:\n  - a\n  - b c\nparticipants:\n  - jeanne\nsources:\n  - agence\n  - source: x\n    note: "yes"\n'


def test_block_scalars_flow_collections_numbers_and_multiline_scalars_are_untouched() -> None:
    body = (
        "title: 'a\n  b'\n"
        "date_note: >-\n  a\n  b\n"
        "summary: |\n  'quoted' \"x\"   \n\n   # pas un commentaire  \n\n\n\n  fin\n"
        "sources: ['a', \"b\"]\n"
        "claims:\n  - id: c\n    sources:\n      - {source: 'a', note: \"x\"}\n"
    )
    assert fmt(body) == EVENT + "\n" + body
    place = "name: P\ncoordinates:\n  lon: 69\n  lat: 34.570\n"
    assert fmt(place, "places") == modeline("places") + "\nname: P\ncoordinates:\n  lat: 34.570\n  lon: 69\n"
    flow = "name: P\ncoordinates: {lon: 1.50, lat: '2'}\n"
    assert fmt(flow, "places") == modeline("places") + "\n" + flow


def test_kept_trailing_lines_of_a_block_scalar_move_with_it() -> None:
    out = fmt("summary: |+\n  a\n\n\ntitle: x\n")
    assert out == EVENT + "\ntitle: x\nsummary: |+\n  a\n\n\n"
    assert yaml.safe_load(out)["summary"] == "a\n\n\n"


def test_modeline_is_inserted_replaced_or_kept() -> None:
    assert fmt("title: x\n") == EVENT + "\ntitle: x\n"
    assert fmt("# yaml-language-server: $schema=../../docs/schemas/source.json\ntitle: x\n") == EVENT + "\ntitle: x\n"
    assert fmt("\n\n# yaml-language-server: $schema=x.json\n# Note.\ntitle: x\n") == EVENT + "\n# Note.\ntitle: x\n"
    assert fmt(EVENT + "\n# Note.\ntitle: x\n") == EVENT + "\n# Note.\ntitle: x\n"
    assert fmt("title: x\n", "topics").startswith("# yaml-language-server: $schema=../../docs/schemas/topic.json\n")


def test_line_ends_trailing_spaces_and_blank_runs_are_normalised() -> None:
    text = "title: x  \r\nkind: meeting\t\r\n\r\n\r\n\r\nsummary: >-\r\n  a \r\n\r\n\r\n"
    assert fmt(text) == EVENT + "\ntitle: x\nkind: meeting\n\nsummary: >-\n  a \n"
    assert fmt("title: x\n\n\nkind: meeting") == EVENT + "\ntitle: x\n\n\nkind: meeting\n"  # two blank lines stay


@pytest.mark.parametrize(
    "text, line",
    [
        ("title: x\nkind: [meeting\n", 3),
        ("title: x\nsummary: 'open\n", 3),
        ("title: &t x\nsummary: *t\n", 1),
        ("title: x\nsummary: &s y\n", 2),
        ("title: x\nkind: meeting\ntitle: y\n", 3),
        ("claims:\n  - id: a\n    id: b\n", 3),
        ("title: !!str x\n", 1),
        ("- title\n", 1),
        ("", 1),
        ("\ufefftitle: x\n", 1),
        ("title: x\nsummary: a\u2028b\n", 2),
        ("title: x\n---\ntitle: y\n", 2),
    ],
)
def test_files_with_errors_are_left_untouched(text: str, line: int) -> None:
    out, problem = format_text(text, "events")
    assert out == text
    assert problem and problem.startswith(f"ligne {line} : ") and "make check" in problem


def test_a_change_of_meaning_is_caught_and_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(f, "_plain_ok", lambda value: True)  # a broken rule: `"no"` would become the boolean no
    text = 'title: "no"\nkind: meeting\n'
    out, problem = format_text(text, "events")
    assert out == text and problem and "change what the file means" in problem


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The valid dossier with its modelines taken out: every file then needs formatting."""
    shutil.copytree(DATA / "valid" / "dossier", tmp_path / "dossier")
    for file in (tmp_path / "dossier").rglob("*.yaml"):
        text = file.read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server:")
        file.write_text(text.split("\n", 1)[1], encoding="utf-8")
    return tmp_path


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_ino) for p in sorted(root.rglob("*")) if p.is_file()}


def test_record_files_skips_hidden_and_foreign_files(project: Path) -> None:
    events = project / "dossier" / "events"
    (events / ".draft.yaml").write_text("title: x\n", encoding="utf-8")
    (events / "notes.txt").write_text("x\n", encoding="utf-8")
    files = record_files(project / "dossier")
    assert files == sorted(files) and len(files) == len(VALID)
    assert all(p.suffix == ".yaml" and not p.name.startswith(".") for p in files)


def test_check_writes_nothing_and_reports_changed_files(project: Path) -> None:
    files = record_files(project / "dossier")
    broken = project / "dossier" / "events" / "broken.yaml"
    broken.write_text("title: [x\n", encoding="utf-8")
    before = snapshot(project)
    results = format_paths(files + [broken, project / "dossier" / "misc.yaml"], project, check=True)
    assert snapshot(project) == before
    by_path = {r.path: r for r in results}
    assert all(by_path[p.relative_to(project).as_posix()].changed for p in files)  # the modeline is missing
    assert by_path["dossier/events/broken.yaml"].problem.startswith("ligne 2 : ")
    assert not by_path["dossier/events/broken.yaml"].changed
    assert "dossiers" in by_path["dossier/misc.yaml"].problem


def test_fmt_writes_only_changed_files_then_nothing(project: Path) -> None:
    files = record_files(project / "dossier")
    done, mode_file = files[0], files[1]
    done.write_text(fmt(done.read_text(encoding="utf-8"), done.parent.name), encoding="utf-8")
    os.chmod(mode_file, 0o640)
    before = snapshot(project)
    results = format_paths(files, project, check=False)
    after = snapshot(project)
    assert [r.path for r in results if r.changed] == [p.relative_to(project).as_posix() for p in files[1:]]
    assert after[done.relative_to(project).as_posix()] == before[done.relative_to(project).as_posix()]  # same inode: not rewritten
    assert set(after) == set(before)  # no temp file left behind
    assert mode_file.stat().st_mode & 0o777 == 0o640
    for result in results:
        assert (project / result.path).read_text(encoding="utf-8") == result.text
    again = format_paths(files, project, check=True)
    assert not any(r.changed or r.problem for r in again)


def top_level_chunks(text: str) -> tuple[str, list[str]]:
    """The lines before the first key, and one chunk per top-level key (key line to the next key)."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"[a-z_]+:", line)]
    bounds = starts + [len(lines)]
    return "".join(lines[: starts[0]]), ["".join(lines[a:b]) for a, b in zip(bounds, bounds[1:])]


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REAL), st.randoms(use_true_random=False))
def test_top_level_key_order_does_not_matter(path: Path, rnd: random.Random) -> None:
    text = path.read_text(encoding="utf-8")
    head, chunks = top_level_chunks(text)
    rnd.shuffle(chunks)
    assert fmt(head + "".join(chunks), path.parent.name) == fmt(text, path.parent.name)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=20), st.sampled_from([None, '"', "'"]))
def test_any_string_keeps_its_value(value: str, style: str | None) -> None:
    text = yaml.safe_dump({"kind": "meeting", "title": value, "places": [value]}, allow_unicode=True, default_style=style, width=10**6)
    assume(not any(c in text for c in "\x85\u2028\u2029"))  # raw YAML line breaks: refused, tested above
    out = fmt(text)
    assert yaml.safe_load(out) == yaml.safe_load(text)
    assert fmt(out) == out


# --- dump_record: a record written from its values -------------------------------------

DUMPED = EVENT + """
title: Rencontre à Genève
kind: meeting
date: "2021"
date_basis: printed
places:
  - place: geneve
    basis: named
    sources: [agence-2021]
participants:
  - person: jeanne-dupont
    role: "yes"
  - paul-martin
summary: >-
  Les deux délégations se sont vues à huis clos ; les sources ne disent presque rien de la
  rencontre : « ni le lieu exact, ni la durée », selon l’agence.
sources:
  - agence-2021
  - source: journal-2021
    via: [journal, radio]
claims:
  - id: declaration
    by: jeanne-dupont
    kind: statement
    date: "2021-09"
    text: "Elle a dit : rien"
    quote: "0x1f"
"""


def test_dump_record_writes_what_fmt_leaves_as_it_is() -> None:
    """Keys in the spec's order, absent fields left out, dates and ambiguous text quoted, long text
    folded without breaking « ni, tuples of ids on their key's line, lists one item a line."""
    record = {
        "summary": "Les deux délégations se sont vues à huis clos ; les sources ne disent presque rien de la rencontre : "
                   "« ni le lieu exact, ni la durée », selon l’agence.",
        "sources": ["agence-2021", {"via": ("journal", "radio"), "source": "journal-2021"}],
        "title": "Rencontre à Genève", "kind": "meeting", "date": "2021", "date_basis": "printed",
        "end_date": None, "date_note": "", "topics": [],
        "places": [{"place": "geneve", "basis": "named", "sources": ("agence-2021",)}],
        "participants": [{"role": "yes", "person": "jeanne-dupont"}, "paul-martin"],
        "claims": [{"text": "Elle a dit : rien", "quote": "0x1f", "id": "declaration", "by": "jeanne-dupont", "kind": "statement", "date": "2021-09"}],
    }
    assert dump_record("events", record) == DUMPED
    assert fmt(DUMPED) == DUMPED


def test_dump_record_writes_numbers_as_a_flow_mapping_and_long_tuples_as_lists() -> None:
    record = {"name": "Genève", "kind": "city", "coordinates": {"lon": 6.14, "lat": 46.2}, "sources": tuple(f"source-{i:02d}" for i in range(12))}
    text = dump_record("places", record)
    assert "\ncoordinates: {lat: 46.2, lon: 6.14}\n" in text
    assert "\nsources:\n  - source-00\n" in text
    assert yaml.safe_load(text)["sources"] == list(record["sources"])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(min_size=1, max_size=40), st.integers(1, 6))
def test_dump_record_gives_back_any_text(value: str, times: int) -> None:
    """Plain, quoted or folded, every string reads back as itself, and fmt changes nothing."""
    record = {"name": value, "description": " ".join([value] * times), "related": (value,), "sources": [value]}
    text = dump_record("topics", record)
    assert yaml.safe_load(text) == {**record, "related": [value]}
    assert format_text(text, "topics") == (text, None)
