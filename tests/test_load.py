"""load.py: YAML is composed, never constructed; positions survive; traps are refused."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import DATA
from dossiergen.core.errors import closest
from dossiergen.model.load import Map, Scalar, Seq, field_position, load_dossier, load_file, parse_text
from dossiergen.model.schema import MAX_FILE_BYTES


def codes(text: str) -> list[tuple[str, int, int]]:
    _, diags = parse_text(text, "x.yaml")
    return [(d.code, d.line, d.col) for d in diags]


def test_values_keep_text_type_and_position() -> None:
    root, diags = parse_text('title: "no"\nflag: no\nitems:\n  - 1.10\n', "x.yaml")
    assert diags == []
    assert isinstance(root, Map)
    (k1, v1), (k2, v2), (k3, v3) = root.items
    assert (k1.text, v1.text, v1.tag, v1.quoted, v1.line, v1.col) == ("title", "no", "str", True, 1, 8)
    assert (v2.tag, v2.quoted) == ("bool", False)
    assert isinstance(v3, Seq) and v3.items[0] == Scalar("1.10", "float", False, 4, 5)


def test_field_position_follows_the_path_or_stops_at_the_nearest_parent() -> None:
    root, _ = parse_text("title: x\nclaims:\n  - id: a\n    by: b\n  - id: c\n", "x.yaml")
    assert isinstance(root, Map)
    assert field_position(root, "claims[1].id") == (5, 5)
    assert field_position(root, "claims[0].by") == (4, 5)
    assert field_position(root, "claims[0].quote") == (3, 5)  # absent: the item that would hold it
    assert field_position(root, "claims[7].id") == (2, 1)  # no such item: the list's key
    assert field_position(root, "summary") == (1, 1)  # absent at the top: the record itself


def test_closest_suggests_only_a_close_candidate() -> None:
    assert closest("participnts", {"participants", "places", "sources"}) == "participants"
    assert closest("evnts", ("people", "events")) == "events"
    assert closest("zzz", ["participants"]) is None


def test_duplicate_key_is_reported_at_the_second_occurrence() -> None:
    assert codes("a: 1\nb: 2\na: 3\n") == [("duplicate-key", 3, 1)]


def test_aliases_and_merge_keys_are_refused() -> None:
    assert ("yaml-alias", 2, 1) in codes("a: &x [1, 2]\nb: *x\n")
    assert any(c[0] == "yaml-alias" for c in codes("base: &b {x: 1}\nother:\n  <<: *b\n"))


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i-1}"] * 9) + "]" for i in range(1, 9)]
    result = codes("\n".join(lines) + "\n")
    assert result and all(code == "yaml-alias" for code, _, _ in result)


@pytest.mark.parametrize("tag", ["!!python/object:os.system {}", "!!python/object/apply:os.system ['true']", "!custom 1", "!!binary aGk="])
def test_non_standard_tags_are_refused(tag: str) -> None:
    assert [c[0] for c in codes(f"title: {tag}\n")] == ["unsafe-tag"]


def test_top_level_must_be_a_mapping() -> None:
    assert codes("- a\n- b\n") == [("not-a-mapping", 1, 1)]
    assert codes("just text\n") == [("not-a-mapping", 1, 1)]


# Each YAML mistake a contributor makes, placed where it starts (line, column), told in French
# with what to do: (text, line, column, words of the message).
SYNTAX = [
    ('title: x\ndate: "2001-09-11\nkind: attack\nsummary: y\n', 2, 7, "guillemet fermant"),  # PyYAML: the end of the file
    ("title: 'x\nkind: a\n", 1, 8, "guillemet ' ouvert ici"),
    ("title: Rencontre: Helsinki\nsummary: ok\n", 1, 17, "deuxième « : » dans la valeur"),
    ("title x\nkind: y\n", 1, 1, "ligne sans « : »"),  # PyYAML: line 2
    ("title: x\n  kind: a\nsummary: y\n", 2, 3, "indentation"),
    ("places:\n  - place: a\n   basis: named\n", 3, 4, "élément de liste « - » aligné"),
    ("aliases: [a, b\nkind: x\n", 1, 10, "« ] »"),
    ("x: {a: b\nkind: x\n", 1, 4, "« } »"),
    ("title: @foo\n", 1, 8, "« @ »"),
    ("title: `foo`\n", 1, 8, "« ` »"),
    ('title: "a" b\n', 1, 12, "après une valeur entre guillemets"),
    ("summary: >-\nfoo\nkind: x\n", 2, 1, "indentée sous le champ du dessus"),
]


@pytest.mark.parametrize(("text", "line", "col", "words"), SYNTAX)
def test_syntax_errors_are_told_in_french_where_they_start(text: str, line: int, col: int, words: str) -> None:
    _, diags = parse_text(text, "events/x.yaml")
    [d] = diags
    assert (d.code, d.line, d.col) == ("yaml-syntax", line, col), d.format()
    assert words in d.message and d.message.startswith("attendu ") and "PyYAML" not in d.message, d.message


def test_empty_file() -> None:
    assert codes("") == [("empty-file", 1, 1)]
    assert codes("# only a comment\n") == [("empty-file", 1, 1)]


def test_deep_nesting_is_bounded() -> None:
    assert codes("a: " + "[" * 5000 + "]" * 5000 + "\n")[0][0] in ("too-deep", "yaml-syntax")


def test_several_documents_are_a_syntax_error() -> None:
    assert codes("a: 1\n---\nb: 2\n")[0][0] == "yaml-syntax"


def test_file_size_and_encoding(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (MAX_FILE_BYTES + 1) + "\n")
    assert [d.code for d in load_file(big, "topics", "big.yaml")[1]] == ["too-large"]
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Guérassimov\n".encode("latin-1"))
    assert [d.code for d in load_file(latin, "people", "latin.yaml")[1]] == ["encoding"]
    bom = tmp_path / "bom.yaml"
    bom.write_bytes("\ufeffname: ok\n".encode("utf-8"))
    raw, diags = load_file(bom, "people", "bom.yaml")
    assert raw is None and [(d.code, d.line, d.col) for d in diags] == [("bom", 1, 1)]


def test_layout_mistakes_are_reported(tmp_path: Path) -> None:
    data = tmp_path / "dossier"
    (data / "events").mkdir(parents=True)
    (data / "event").mkdir()
    (data / "stray.yaml").write_text("a: 1\n")
    (data / "events" / "x.yml").write_text("a: 1\n")
    (data / "events" / "notes.txt").write_text("hello\n")
    (data / "events" / "link.yaml").symlink_to(data / "stray.yaml")
    raws, diags = load_dossier(data, tmp_path)
    assert raws == []
    found = {(d.path, d.code, d.suggestion) for d in diags}
    assert ("dossier/event", "unknown-kind", "events") in found
    assert ("dossier/stray.yaml", "misplaced-file", None) in found
    assert ("dossier/events/x.yml", "bad-extension", "x.yaml") in found
    assert ("dossier/events/notes.txt", "bad-extension", None) in found
    assert ("dossier/events/link.yaml", "symlink", None) in found


def test_libyaml_and_pure_python_loaders_give_the_same_diagnostics(monkeypatch: pytest.MonkeyPatch) -> None:
    """libyaml (CSafeLoader) is used for speed; every located error must read the same as with PyYAML's own loader."""
    import yaml

    from dossiergen.model import load

    assert load.LOADER is getattr(yaml, "CSafeLoader", None), "libyaml is expected in the pinned PyYAML wheel"
    files = sorted((DATA / "hostile").rglob("*.y*ml")) + sorted((DATA / "invalid").rglob("*.yaml")) + sorted((DATA / "valid").rglob("*.yaml"))
    assert len(files) > 40
    for file in files:
        text = file.read_bytes().decode("utf-8", "replace")
        fast = load.parse_text(text, file.name)
        monkeypatch.setattr(load, "LOADER", yaml.SafeLoader)
        slow = load.parse_text(text, file.name)
        monkeypatch.setattr(load, "LOADER", yaml.CSafeLoader)
        if [d.code for d in slow[1]] == ["too-deep"] and slow[0] is None:
            # Extreme nesting overflows the pure-Python composer before our depth check can
            # place it: the same error, at the file's start instead of the deep line.
            assert "too-deep" in {d.code for d in fast[1]}, file
            continue
        assert fast == slow, file  # the same records and diagnostics, at the same lines and columns
