"""editor_schema.py: the editors' JSON Schemas follow schema.py and agree with validate.py."""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import jsonschema
import pytest
import yaml

from conftest import DATA, ROOT, TODAY
from dossiergen.contrib import editor_schema as es
from dossiergen.core.errors import is_error
from dossiergen.model import kinds
from dossiergen.model import records as r
from dossiergen.model import schema as s
from dossiergen.model.load import load_dossier
from dossiergen.model.validate import validate

VALID = DATA / "valid" / "dossier"
DELETE = object()


def schema_ok(kind: str, data: Any) -> bool:
    return jsonschema.Draft7Validator(es.kind_schema(kind)).is_valid(data)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def mutate(data: Any, path: tuple[str | int, ...], value: Any) -> Any:
    """A deep copy of data with the value at path replaced, added, or deleted (DELETE)."""
    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return out


def real_record(kind: str, *needs: str) -> tuple[str, Any]:
    """The first record of the real dossier with all the given fields, as (id, data)."""
    for file in sorted((ROOT / "dossier" / kind).glob("*.yaml")):
        data = load(file)
        if all(data.get(key) for key in needs):
            return file.stem, data
    pytest.skip(f"no {kind} record with {needs} in the dossier")


def validator_ok(root: Path, kind: str, rid: str, data: Any) -> bool:
    """Write data over dossier/<kind>/<rid>.yaml in a test project, validate it all: no error in that file?

    Errors elsewhere are left out: a changed claim id leaves a contradiction's reference dangling.
    """
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6)
    assert yaml.safe_load(text) == data  # the file says what the schema was given
    (root / "dossier" / kind / f"{rid}.yaml").write_text(text, encoding="utf-8")
    raws, diags = load_dossier(root / "dossier", root)
    _, more = validate(raws, TODAY)
    return not any(is_error(d) and d.path == f"dossier/{kind}/{rid}.yaml" for d in diags + more)


def walk(schema: Any) -> Iterator[tuple[str, Any]]:
    """Every (keyword, value) pair anywhere in a schema."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            yield key, value
            yield from walk(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from walk(value)


# --- the schemas themselves ----------------------------------------------------------


@pytest.mark.parametrize("kind", list(s.KIND_SPECS))
def test_schema_is_valid_draft_7(kind: str) -> None:
    schema = es.kind_schema(kind)
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$id" not in schema  # host-independent: the same file works from the repo and the site
    assert schema["title"].startswith("Fiche ") and f"dossier/{kind}/<id>.yaml" in schema["description"]
    for key, value in walk(schema):
        if key == "$ref":
            assert value.removeprefix("#/definitions/") in schema["definitions"]


def test_titles_are_french() -> None:
    assert es.kind_schema("events")["title"] == "Fiche événement du dossier"
    assert es.kind_schema("people")["title"] == "Fiche personne du dossier"


def test_shared_structs_become_definitions_named_after_their_class() -> None:
    event = es.kind_schema("events")
    assert list(event["definitions"]) == ["SourceRef"]
    for kind in s.KIND_SPECS:
        schema = es.kind_schema(kind)
        refs = [value for key, value in walk(schema) if key == "$ref"]
        for name in schema.get("definitions", {}):
            assert refs.count(f"#/definitions/{name}") >= 2, f"{kind}: {name} is used once, it should be inline"


def test_all_schemas_are_stable_and_cover_every_kind() -> None:
    files = es.all_schemas()
    assert files == es.all_schemas()
    assert list(files) == [PurePosixPath("schemas") / f"{kinds.kind(kind).singular}.json" for kind in s.KIND_SPECS]
    for kind, data in zip(s.KIND_SPECS, files.values()):
        text = data.decode("utf-8")
        assert text == json.dumps(es.kind_schema(kind), ensure_ascii=False, indent=2) + "\n"
        assert list(json.loads(text)["properties"]) == list(s.KIND_SPECS[kind].fields)  # spec order, not sorted
    assert "événement" in files[PurePosixPath("schemas/event.json")].decode("utf-8")  # not \u00e9


def test_names_and_modeline() -> None:
    assert es.SCHEMA_DIR == PurePosixPath("schemas")
    assert es.schema_name("events") == "event.json"
    assert es.schema_name("people") == "person.json"
    assert es.modeline("events") == "# yaml-language-server: $schema=../../docs/schemas/event.json"
    assert es.modeline("places", "../../site/schemas/") == "# yaml-language-server: $schema=../../site/schemas/place.json"
    # The default is relative to a record file: dossier/<kind>/<id>.yaml -> docs/schemas/.
    record = ROOT / "dossier" / "events" / "x.yaml"
    target = es.modeline("events").split("$schema=")[1]
    assert (record.parent / target).resolve() == (ROOT / "docs" / "schemas" / "event.json").resolve()


# --- the schemas follow schema.py ----------------------------------------------------


def _leaves(node: dict[str, Any], schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives a value may match: through $ref, allOf and anyOf."""
    if "$ref" in node:
        return _leaves(schema["definitions"][node["$ref"].removeprefix("#/definitions/")], schema)
    branches = node.get("allOf", []) + node.get("anyOf", [])
    return [leaf for branch in branches for leaf in _leaves(branch, schema)] if branches else [node]


def _check_follows(ftype: s.FieldType, node: dict[str, Any], schema: dict[str, Any], where: str) -> None:
    leaves = _leaves(node, schema)
    if isinstance(ftype, s.Struct):
        [obj] = [leaf for leaf in leaves if "properties" in leaf]
        assert obj["additionalProperties"] is False, where
        assert list(obj["properties"]) == list(ftype.fields), where
        assert obj.get("required", []) == [k for k, spec in ftype.fields.items() if spec.required], where
        for key, spec in ftype.fields.items():
            prop = obj["properties"][key]
            if spec.help:
                assert prop["description"].startswith(spec.help[0].upper() + spec.help[1:]), f"{where}.{key}"
            _check_follows(spec.type, prop, schema, f"{where}.{key}")
        bare = [leaf for leaf in leaves if leaf.get("type") == "string"]
        assert len(bare) == (1 if ftype.shorthand else 0), where
    elif isinstance(ftype, s.ListOf):
        [array] = [leaf for leaf in leaves if "items" in leaf]
        assert array.get("minItems", 0) == ftype.min_len and array["maxItems"] == ftype.max_len, where
        _check_follows(ftype.item, array["items"], schema, f"{where}[]")
    elif isinstance(ftype, s.Enum):
        [enum] = [leaf for leaf in leaves if "enum" in leaf]
        assert enum["enum"] == list(ftype.values) and enum["enumDescriptions"] == list(ftype.values.values()), where
    elif isinstance(ftype, s.Number):
        assert (node["minimum"], node["maximum"]) == (ftype.low, ftype.high), where
    elif isinstance(ftype, s.Text):
        assert f"{{1,{ftype.max_len}}}" in node["pattern"], where


@pytest.mark.parametrize("kind", list(s.KIND_SPECS))
def test_schema_follows_the_spec(kind: str) -> None:
    schema = es.kind_schema(kind)
    _check_follows(s.KIND_SPECS[kind], schema, schema, kind)


def test_a_new_field_in_the_spec_appears(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = s.KIND_SPECS["topics"]
    fields = {**spec.fields, "stance": s.Spec(s.Enum({"pro": "pour", "con": "contre"}), required=True, help="which side")}
    monkeypatch.setitem(s.KIND_SPECS, "topics", s.Struct(spec.cls, fields))
    schema = es.kind_schema("topics")
    assert list(schema["properties"])[-1] == "stance" and "stance" in schema["required"]
    assert schema["properties"]["stance"]["enumDescriptions"] == ["pour", "contre"]
    assert schema["properties"]["stance"]["description"].startswith("Which side.")
    base = load(VALID / "topics" / "canal.yaml")
    assert not schema_ok("topics", base) and schema_ok("topics", {**base, "stance": "pro"})


def test_checks_elsewhere_name_real_fields() -> None:
    structs: dict[type, s.Struct] = {}

    def collect(ftype: s.FieldType) -> None:
        if isinstance(ftype, s.ListOf):
            collect(ftype.item)
        elif isinstance(ftype, s.Struct):
            structs[ftype.cls] = ftype
            for spec in ftype.fields.values():
                collect(spec.type)

    for spec in s.KIND_SPECS.values():
        collect(spec)
    for cls, key in es.CHECKED_ELSEWHERE:
        assert key in structs[cls].fields, (cls, key)
    event = es.kind_schema("events")["properties"]
    assert "doit venir après date" in event["end_date"]["description"]
    assert "un événement de cet identifiant doit exister et ne pas être cette fiche" in event["related"]["description"]
    place = es.kind_schema("places")["properties"]
    assert "un lieu de cet identifiant doit exister et être un lieu de type country et ne pas être cette fiche" in place["country"]["description"]
    assert "une personne ou une organisation de cet identifiant doit exister" in event["claims"]["items"]["properties"]["by"]["description"]


# --- real records --------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(s.KIND_SPECS))
@pytest.mark.parametrize("dossier", [ROOT / "dossier", VALID], ids=["real", "fixture"])
def test_every_record_file_is_valid(dossier: Path, kind: str) -> None:
    validator = jsonschema.Draft7Validator(es.kind_schema(kind))
    problems = [
        f"{file.name}: {list(err.absolute_path)} {err.message[:120]}"
        for file in sorted((dossier / kind).glob("*.yaml"))
        for err in validator.iter_errors(load(file))
    ]
    assert problems == []


EVENT_MISTAKES = [
    (("participnts",), ["x"]),
    (("summary",), DELETE),
    (("kind",), "meeeting"),
    (("date",), "2021-13"),
    (("date",), "21-09-2021"),
    (("title",), "x" * 301),
    (("places",), [f"lieu-{i}" for i in range(31)]),
    (("related",), ["Rencontre-2021"]),
    (("claims", 0, "by"), DELETE),
    (("participants", 0), {"role": "chef"}),
]


@pytest.mark.parametrize(("path", "value"), EVENT_MISTAKES, ids=lambda x: str(x)[:30])
def test_mistakes_in_a_real_event_are_rejected(path: tuple[Any, ...], value: Any) -> None:
    _, event = real_record("events", "participants", "claims")
    assert schema_ok("events", event)
    assert not schema_ok("events", mutate(event, path, value))


def test_a_participant_may_be_a_bare_id() -> None:
    _, event = real_record("events", "participants", "claims")
    assert schema_ok("events", mutate(event, ("participants", 0), "quelqu-un"))
    assert not schema_ok("events", mutate(event, ("participants", 0), "Quelqu’un"))


@pytest.mark.parametrize(
    ("kind", "needs", "path", "value"),
    [
        ("sources", "url", ("url",), "javascript:alert(1)"),
        ("sources", "url", ("language",), "de"),
        ("sources", "url", ("titel",), "x"),
        ("people", "roles", ("name",), DELETE),
        ("people", "roles", ("roles", 0, "from"), "2019-00"),
        ("people", "roles", ("roles", 0, "sources"), []),
        ("people", "roles", ("country",), "Russie"),
    ],
)
def test_mistakes_in_a_real_source_or_person_are_rejected(kind: str, needs: str, path: tuple[Any, ...], value: Any) -> None:
    _, data = real_record(kind, needs)
    assert schema_ok(kind, data)
    assert not schema_ok(kind, mutate(data, path, value))


# --- the schema and the validator agree -----------------------------------------------

LONG_TEXT = "x" * s.LONG

# (kind, id, path, value, accepted): on the fixture dossier, where the validator's only errors
# can come from the mutated field.
FIELD_CASES = [
    ("events", "2021-09-22-rencontre", ("participnts",), ["paul-porte-parole"], False),
    ("events", "2021-09-22-rencontre", ("summary",), DELETE, False),
    ("events", "2021-09-22-rencontre", ("summary",), None, False),
    ("events", "2021-09-22-rencontre", ("date_printed",), None, True),
    ("events", "2021-09-22-rencontre", ("date_basis",), DELETE, False),
    ("events", "2021-09-22-rencontre", ("date_basis",), "imprimée", False),
    ("events", "2019-12-rencontre-precedente", ("end_date_basis",), DELETE, False),
    ("events", "2021-09-22-rencontre", ("kind",), "meeeting", False),
    ("events", "2021-09-22-rencontre", ("kind",), "Meeting", False),
    ("events", "2021-09-22-rencontre", ("date",), "2021-13", False),
    ("events", "2021-09-22-rencontre", ("date",), "21-09-2021", False),
    ("events", "2021-09-22-rencontre", ("date",), "2021-9-22", False),
    ("events", "2021-09-22-rencontre", ("date",), "2021-02-30", False),
    ("events", "2021-09-22-rencontre", ("date",), "0999", False),
    ("events", "2021-09-22-rencontre", ("date",), " 2021-09-22 ", True),
    ("events", "2021-09-22-rencontre", ("date",), 2021, True),
    ("events", "2021-09-22-rencontre", ("date",), 999, False),
    ("events", "2021-09-22-rencontre", ("title",), "x" * 300, True),
    ("events", "2021-09-22-rencontre", ("title",), "x" * 301, False),
    ("events", "2021-09-22-rencontre", ("title",), "  " + "x" * 300 + "  ", True),
    ("events", "2021-09-22-rencontre", ("title",), "", False),
    ("events", "2021-09-22-rencontre", ("title",), "   ", False),
    ("events", "2021-09-22-rencontre", ("title",), "deux\nlignes", False),
    ("events", "2021-09-22-rencontre", ("title",), "tab\tulation", True),
    ("events", "2021-09-22-rencontre", ("title",), "in\u200bvisible", False),
    ("events", "2021-09-22-rencontre", ("title",), "re\u202eversed", False),
    ("events", "2021-09-22-rencontre", ("title",), "cr\rlf", False),
    ("events", "2021-09-22-rencontre", ("title",), True, False),
    ("events", "2021-09-22-rencontre", ("title",), 1.5, False),
    ("events", "2021-09-22-rencontre", ("summary",), "deux\nlignes", True),
    ("events", "2021-09-22-rencontre", ("summary",), LONG_TEXT + "\n", True),  # a `|` block's final newline
    ("events", "2021-09-22-rencontre", ("summary",), LONG_TEXT + "x", False),
    ("events", "2021-09-22-rencontre", ("places",), [f"lieu-{i}" for i in range(31)], False),
    ("events", "2021-09-22-rencontre", ("places",), ["sampleville", "sampleville"], False),
    ("events", "2021-09-22-rencontre", ("places",), "sampleville", False),
    ("events", "2021-09-22-rencontre", ("places",), [], True),
    ("events", "2021-09-22-rencontre", ("related",), ["2019-12-Rencontre-precedente"], False),
    ("events", "2021-09-22-rencontre", ("related",), ["2019-12--rencontre-precedente"], False),
    ("events", "2021-09-22-rencontre", ("sources",), [], False),
    ("events", "2021-09-22-rencontre", ("sources",), [{"source": "agence-2021-rencontre"}, {"source": "agence-2021-rencontre"}], True),
    ("events", "2021-09-22-rencontre", ("sources", 0), {"source": "agence-2021-rencontre", "via": ["gazette"], "page": 3}, False),
    ("events", "2021-09-22-rencontre", ("participants", 1), "paul-porte-parole", True),
    ("events", "2021-09-22-rencontre", ("participants", 0), {"role": "cheffe"}, False),
    ("events", "2021-09-22-rencontre", ("participants", 0), 12, False),
    ("events", "2021-09-22-rencontre", ("claims", 0, "by"), DELETE, False),
    ("events", "2021-09-22-rencontre", ("claims", 0, "id"), "Communique", False),
    ("events", "2021-09-22-rencontre", ("claims", 0, "id"), "c" * 81, False),
    ("events", "2021-09-22-rencontre", ("claims", 0, "id"), 1, True),
    ("events", "2021-09-22-rencontre", ("claims", 0, "quote"), "q" * 501, False),
    ("events", "2021-09-22-rencontre", ("claims", 0, "quote_language"), None, True),
    ("events", "2021-09-22-rencontre", ("claims", 0, "quote_language"), "de", False),
    ("events", "2021-09-22-rencontre", ("notes", 0, "kind"), "Unknown", False),
    ("events", "2021-09-22-rencontre", ("notes",), None, True),
    ("sources", "agence-2021-rencontre", ("url",), "javascript:alert(1)", False),
    ("sources", "agence-2021-rencontre", ("url",), "ftp://example.org", False),
    ("sources", "agence-2021-rencontre", ("url",), "http://", False),
    ("sources", "agence-2021-rencontre", ("url",), "https://exa mple.org", False),
    ("sources", "agence-2021-rencontre", ("url",), "//example.org/x", False),
    ("sources", "agence-2021-rencontre", ("url",), 'https://e.org/"onmouseover=x', False),
    ("sources", "agence-2021-rencontre", ("url",), "https://e.org/" + "x" * 2000, False),
    ("sources", "agence-2021-rencontre", ("url",), "HTTPS://Example.org/a?b=c#d", True),
    ("sources", "agence-2021-rencontre", ("url",), " https://example.org/ ", True),
    ("sources", "agence-2021-rencontre", ("authors",), ["A", "A"], False),
    ("sources", "agence-2021-rencontre", ("authors",), [f"A{i}" for i in range(21)], False),
    ("people", "jeanne-general", ("roles", 0, "from"), "2019-00", False),
    ("people", "jeanne-general", ("roles", 0, "sources"), [], False),
    ("people", "jeanne-general", ("aliases", 1), "Jeanne G.", True),
    ("people", "jeanne-general", ("aliases", 1), {"note": "sans nom"}, False),
    ("places", "sampleville", ("coordinates", "lat"), 91, False),
    ("places", "sampleville", ("coordinates", "lat"), -90, True),
    ("places", "sampleville", ("coordinates", "lat"), "45", False),
    ("places", "sampleville", ("coordinates", "lon"), True, False),
    ("places", "sampleville", ("coordinates",), None, True),
    ("places", "sampleville", ("coordinates",), {"lat": 1}, False),
    ("organisations", "gazette", ("affiliation", "status"), "public", False),
    ("organisations", "gazette", ("affiliation",), "state-owned", False),
    ("topics", "canal", ("description",), None, False),
    ("contradictions", "teneur-des-echanges", ("sides",), [], False),
    ("contradictions", "teneur-des-echanges", ("sides", 0, "claims"), ["2021-09-22-rencontre"], False),
    ("contradictions", "teneur-des-echanges", ("sides", 0, "claims"), ["2021-09-22-rencontre/Communique"], False),
    ("contradictions", "teneur-des-echanges", ("sides", 0, "label"), "l" * 121, False),
]


@pytest.mark.parametrize(("kind", "rid", "path", "value", "accepted"), FIELD_CASES, ids=lambda x: str(x)[:40])
def test_schema_and_validator_agree(valid_root: Path, kind: str, rid: str, path: tuple[Any, ...], value: Any, accepted: bool) -> None:
    data = mutate(load(VALID / kind / f"{rid}.yaml"), path, value)
    by_schema = schema_ok(kind, data)
    by_validator = validator_ok(valid_root, kind, rid, data)
    if not by_schema:
        assert not by_validator, "the schema rejects what the validator accepts"
    assert (by_schema, by_validator) == (accepted, accepted)


@pytest.mark.parametrize(
    ("kind", "rid", "path", "value"),
    [
        ("events", "2021-09-22-rencontre", ("date",), "2099"),  # future: depends on the day
        ("events", "2021-09-22-rencontre", ("places",), [{"place": "atlantide", "basis": "inferred", "note": "N"}]),  # dangling
        ("events", "2021-09-22-rencontre", ("places",), [{"place": "gazette", "basis": "inferred", "note": "N"}]),  # wrong kind
        ("events", "2021-09-22-rencontre", ("date_note",), None),  # a deduced date without its reasoning
        ("events", "2021-09-22-rencontre", ("places",), [{"place": "nordland", "basis": "inferred"}]),  # inferred without a note
        ("events", "2019-12-rencontre-precedente", ("date_outside",), "2019-11-05"),  # outside the articles' month
        ("events", "2021-09-22-rencontre", ("related",), ["2021-09-22-rencontre"]),  # itself
        ("events", "2019-12-rencontre-precedente", ("end_date",), "2018"),  # before date
        ("contradictions", "teneur-des-echanges", ("sides", 0, "claims"), ["2021-09-22-rencontre/inconnue"]),
        ("contradictions", "teneur-des-echanges", ("sides", 0, "claims"), DELETE),  # neither claims nor events
        ("people", "jeanne-general", ("sources",), DELETE),  # a description without sources
    ],
)
def test_checks_left_to_the_validator(valid_root: Path, kind: str, rid: str, path: tuple[Any, ...], value: Any) -> None:
    data = mutate(load(VALID / kind / f"{rid}.yaml"), path, value)
    assert schema_ok(kind, data)
    assert not validator_ok(valid_root, kind, rid, data)


def test_date_pattern_agrees_with_the_parser() -> None:
    texts = [f"{y}" for y in (999, 1000, 2021, 9999)] + ["21", "20210", "2021-1", "2021-001", " 2021 ", "2021-09-22T00", "2021/09"]
    for year in (1600, 1800, 1900, 1996, 2000, 2001, 2021, 2024, 2100, 2400):
        for month in range(0, 14):
            texts.append(f"{year}-{month:02d}")
            texts += [f"{year}-{month:02d}-{day:02d}" for day in range(0, 33)]
    for text in texts:
        try:
            r.PartialDate.parse(text.strip())
            parsed = True
        except ValueError:
            parsed = False
        assert bool(re.search(es.DATE_PATTERN, text)) == parsed, text


def test_patterns_work_as_javascript_regexes() -> None:
    """Editors run the patterns as JavaScript regexes with the u flag."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    patterns = sorted({value for kind in s.KIND_SPECS for key, value in walk(es.kind_schema(kind)) if key == "pattern"})
    samples = ["abc", " abc ", "a\nb", "a\tb", "", "   ", "x" * 300, "x" * 301, "a\u200bb", "\u00a0a", "🙂 ok", "https://e.org/x",
               "HTTP://e.org", "javascript:x", "2021", "2000-02-29", "1900-02-29", "2021-13", "a-b/c-d", "a/b/c", "Abc", "a--b"]
    script = (
        "const [pats, samples] = JSON.parse(process.argv[1]);"
        "console.log(JSON.stringify(pats.map(p => samples.map(t => new RegExp(p, 'u').test(t)))));"
    )
    result = subprocess.run([node, "-e", script, json.dumps([patterns, samples])], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [[bool(re.search(p, t)) for t in samples] for p in patterns]
