"""JSON Schemas for editors, generated from the field specs (schema.py), never by hand.

One draft-07 schema per kind (yaml-language-server supports draft 7 and below): editors
complete field names, show each field's help and flag a mistake as it is typed. A schema
accepts what validate.py accepts field by field. What needs the other records (a reference
names an existing record, a claim exists) or several fields (an end after its start) is
left to the validator and only described; where a schema cannot say it, it is the more
lenient, so an editor never flags what the validator accepts.

The schema sees values as the editor parses them (YAML 1.2), not as written: the
validator's YAML 1.1 traps (an unquoted `no` in a text field) stay the validator's.
"""
from __future__ import annotations

import functools
import json
from pathlib import PurePosixPath
from typing import Any, Mapping, Sequence

from ..core import charset
from ..model import kinds
from ..model import records as r
from ..model import schema as s
from ..model import validate as v

SCHEMA_DIR = PurePosixPath("schemas")  # in the built site; the repo commits a copy in docs/schemas/
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


@functools.cache
def _refused() -> str:
    """The characters charset.py refuses in text, as far as a regex can name them (see there)."""
    return charset.refused_class_bmp()


_SLUG = v.SLUG_RE.pattern.removeprefix("^").removesuffix("$")
SLUG_PATTERN = v.SLUG_RE.pattern
CLAIM_PATTERN = f"^(?=[a-z0-9-]{{1,{v.MAX_SLUG}}}/){_SLUG}/(?=[a-z0-9-]{{1,{v.MAX_SLUG}}}$){_SLUG}$"
# PartialDate.parse: YYYY (1000 or later), YYYY-MM, YYYY-MM-DD with a day the month has.
_MONTH_DAY = "|".join((
    "(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])",
    "(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)",
    "02-(?:0[1-9]|1[0-9]|2[0-8])",
))
_LEAP_YEAR = "[1-9][0-9](?:0[48]|[2468][048]|[13579][26])|(?:[2468][048]|[13579][26])00"
DATE_PATTERN = rf"^\s*(?:[1-9][0-9]{{3}}(?:-(?:0[1-9]|1[0-2])|-(?:{_MONTH_DAY}))?|(?:{_LEAP_YEAR})-02-29)\s*$"
# check_url: http(s) in any case, a host, no space, control, quote, angle bracket or backslash.
_URL_CHAR = r"\s\x00-\x1f<>" + "\"'`" + r"\\"
URL_PATTERN = rf"^\s*(?=\S{{1,{v.MAX_URL}}}\s*$)[Hh][Tt][Tt][Pp][Ss]?://[^{_URL_CHAR}/?#][^{_URL_CHAR}]*\s*$"

# Checks validate.py makes across fields, described where they apply (by record class and YAML
# key; a test keeps the keys real).
CHECKED_ELSEWHERE: dict[tuple[type, str], str] = {
    (r.Event, "end_date"): "elle doit venir après date",
    (r.Role, "to"): "elle ne doit pas venir avant from",
    (r.Side, "claims"): "un côté demande claims ou events",
    (r.Side, "events"): "un côté demande claims ou events",
    (r.Person, "description"): "elle demande une liste sources",
    (r.Organisation, "description"): "elle demande une liste sources",
    (r.Place, "description"): "elle demande une liste sources",
    (r.Organisation, "parent"): "la chaîne des parents ne doit pas boucler",
    (r.Place, "within"): "la chaîne des lieux englobants ne doit pas boucler",
    (r.SourceRef, "via"): "pas le média ou l’agence qui publie la source elle-même",
}


def schema_name(kind: str) -> str:
    """`events` -> `event.json`."""
    return f"{kinds.kind(kind).singular}.json"


def modeline(kind: str, schema_dir_from_record: str = "../../docs/schemas") -> str:
    """The first line of a record file that points yaml-language-server at its schema."""
    return f"# yaml-language-server: $schema={schema_dir_from_record.rstrip('/')}/{schema_name(kind)}"


# Ids offered for completion in one reference field, at most: a large dossier's schema stays small.
MAX_IDS = 3000


def kind_schema(kind: str, ids: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
    """The JSON Schema of one kind's record files, fields in spec order. With `ids` (by kind,
    and "claims" for event-id/claim-id), each reference field offers the existing ids as
    `examples`, which editors using yaml-language-server propose as completions."""
    label = kinds.kind(kind).label
    builder = _Builder(kind, s.KIND_SPECS[kind], ids or {})
    body = builder.object(s.KIND_SPECS[kind])
    out: dict[str, Any] = {
        "$schema": DRAFT_07,
        "title": f"Fiche {label} du dossier",
        "description": (
            f"Une fiche {label} du dossier, dans dossier/{kind}/<id>.yaml : le nom du fichier, sans .yaml, "
            "est son identifiant (a-z, 0-9 et tirets simples, unique dans tout le dossier)."
        ),
        **body,
    }
    if builder.definitions:
        out["definitions"] = builder.definitions
    return out


def all_schemas(ids: Mapping[str, Sequence[str]] | None = None) -> dict[PurePosixPath, bytes]:
    """Every kind's schema as file bytes, keyed by its path in the site; byte-stable."""
    return {
        SCHEMA_DIR / schema_name(kind): (json.dumps(kind_schema(kind, ids), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        for kind in s.KIND_SPECS
    }


class _Builder:
    """Schemas for one kind's spec; a Struct met twice becomes a definition."""

    def __init__(self, kind: str, root: s.Struct, ids: Mapping[str, Sequence[str]]):
        self.kind = kind
        self.ids = ids
        self.names: dict[int, str] = {}
        self.definitions: dict[str, dict[str, Any]] = {}
        seen: dict[int, tuple[s.Struct, int]] = {}
        for spec in root.fields.values():
            _count(spec.type, seen)
        taken: set[str] = set()
        for struct, uses in seen.values():
            if uses > 1:
                name, n = struct.cls.__name__, 1
                while name in taken:  # two different structs of one class: number them in order met
                    n += 1
                    name = f"{struct.cls.__name__}{n}"
                taken.add(name)
                self.names[id(struct)] = name

    def schema_of(self, ftype: s.FieldType, text_only: bool = False) -> dict[str, Any]:
        """A type's schema, without description. `text_only`: the value must be YAML text."""
        if isinstance(ftype, s.Text):
            return {
                "type": "string",
                "minLength": 1,
                "pattern": _text_pattern(ftype),
                "patternErrorMessage": f"Attendu {ftype.max_len} caractères au plus"
                + ("" if ftype.multiline else " sur une ligne")
                + ", sans caractères invisibles ni de contrôle.",
            }
        # The validator reads ids and dates from the YAML text: an unquoted 2021 passes too,
        # except where a bare value stands for a mapping (a shorthand), which must be text.
        if isinstance(ftype, (s.Slug, s.Ref)):
            number: dict[str, Any] = {} if text_only else {"type": ["string", "integer"], "minimum": 0}
            return {
                "type": "string",
                **number,
                "maxLength": v.MAX_SLUG,
                "pattern": SLUG_PATTERN,
                "patternErrorMessage": f"Attendu un identifiant : a-z, 0-9 et traits d’union simples, {v.MAX_SLUG} caractères au plus.",
                **self.examples(ftype.kinds if isinstance(ftype, s.Ref) else ()),
            }
        if isinstance(ftype, s.Date):
            year: dict[str, Any] = {} if text_only else {"type": ["string", "integer"], "minimum": 1000, "maximum": 9999}
            return {
                "type": "string",
                **year,
                "pattern": DATE_PATTERN,
                "patternErrorMessage": "Attendu une date réelle AAAA, AAAA-MM ou AAAA-MM-JJ, à partir de l’an 1000.",
            }
        if isinstance(ftype, s.Url):
            return {
                "type": "string",
                "format": "uri",
                "pattern": URL_PATTERN,
                "patternErrorMessage": "Attendu une adresse http:// ou https://, sans espaces, guillemets, <, > ni barres obliques inverses.",
            }
        if isinstance(ftype, s.Enum):
            return {"type": "string", "enum": list(ftype.values), "enumDescriptions": list(ftype.values.values())}
        if isinstance(ftype, s.Number):
            return {"type": "number", "minimum": ftype.low, "maximum": ftype.high}
        if isinstance(ftype, s.ClaimRef):
            return {"type": "string", "pattern": CLAIM_PATTERN, "patternErrorMessage": "Attendu id-de-l-événement/id-de-l-affirmation : deux identifiants joints par '/'.",
                    **self.examples(("claims",))}
        if isinstance(ftype, s.ListOf):
            out: dict[str, Any] = {"type": "array"}
            if ftype.min_len:
                out["minItems"] = ftype.min_len
            out["maxItems"] = ftype.max_len
            # The validator compares scalar items only: two equal mappings pass.
            if ftype.unique and not isinstance(ftype.item, (s.Struct, s.ListOf)):
                out["uniqueItems"] = True
            item = self.schema_of(ftype.item)
            out["items"] = item if "$ref" in item else {"description": self.about_type(ftype.item), **item}
            return out
        if isinstance(ftype, s.Struct):
            name = self.names.get(id(ftype))
            if name is None:
                return self.struct(ftype)
            if name not in self.definitions:
                self.definitions[name] = {}  # keeps first-met order while the body is built
                self.definitions[name] = {"description": self.about_type(ftype), **self.struct(ftype)}
            return {"$ref": f"#/definitions/{name}"}
        raise TypeError(f"unknown field type {ftype!r}")  # a bug in schema.py, not in the data

    def struct(self, struct: s.Struct) -> dict[str, Any]:
        """A mapping; with a shorthand, also the bare string that stands for it."""
        body = self.object(struct)
        if struct.shorthand is None:
            return body
        short = struct.fields[struct.shorthand]
        about = f"Written alone, short for {struct.shorthand}: <this>. " + self.about(short, struct.cls, struct.shorthand)
        bare = {"description": about, **self.schema_of(short.type, text_only=True)}
        return {"anyOf": [bare, body]}

    def object(self, struct: s.Struct) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": False}
        required = [key for key, spec in struct.fields.items() if spec.required]
        if required:
            out["required"] = required
        out["properties"] = {key: self.property(key, spec, struct.cls) for key, spec in struct.fields.items()}
        # A date needs its basis, and a basis (or refinement) needs its date: editors underline both.
        # (Which bases need a note is left to the validator.)
        dependencies = {group.key: [f"{group.key}_basis"] for group in struct.dates}
        dependencies.update({f"{group.key}_{suffix}": [group.key] for group in struct.dates for suffix in ("basis", "outside", "printed")})
        if dependencies:
            out["dependencies"] = dict(sorted(dependencies.items()))
        return out

    def property(self, key: str, spec: s.Spec, cls: type) -> dict[str, Any]:
        schema = self.schema_of(spec.type)
        if not spec.required:
            schema = _nullable(schema)  # `key:` with no value is an absent field to the validator
        description = self.about(spec, cls, key)
        if "$ref" in schema:  # draft 7 ignores keywords beside $ref
            return {"description": description, "allOf": [schema]}
        return {"description": description, **schema}

    def about(self, spec: s.Spec, cls: type, key: str) -> str:
        """Help, type and what only the validator checks, as sentences."""
        extra = [CHECKED_ELSEWHERE[(cls, key)]] if (cls, key) in CHECKED_ELSEWHERE else []
        return self.about_type(spec.type, spec.help, extra)

    def about_type(self, ftype: s.FieldType, help_text: str = "", extra: list[str] | None = None) -> str:
        checks = self.checks(ftype) + (extra or [])
        parts = [help_text, self.text(ftype)]
        if checks:
            parts.append("Vérifié par `make check`, pas par l’éditeur : " + " ; ".join(checks))
        return " ".join(_sentence(p) for p in parts if p)

    def text(self, ftype: s.FieldType) -> str:
        """The type's describe text, with the bounds the spec gives it."""
        if isinstance(ftype, s.Text):
            return f"{ftype.describe}, {ftype.max_len} caractères au plus" + ("" if ftype.multiline else ", sur une ligne")
        if isinstance(ftype, s.Slug):
            return f"{ftype.describe}, {v.MAX_SLUG} caractères au plus"
        if isinstance(ftype, s.ListOf):
            size = f"de {ftype.min_len} à {ftype.max_len}" if ftype.min_len else f"d’au plus {ftype.max_len}"
            once = ", chacun une seule fois" if ftype.unique and not isinstance(ftype.item, (s.Struct, s.ListOf)) else ""
            return f"{ftype.describe} {size} éléments{once} ; chaque élément : {self.text(ftype.item)}"
        if isinstance(ftype, s.Struct) and ftype.shorthand and ftype.describe == _MAPPING:
            return f"{ftype.describe}, ou son champ {ftype.shorthand} seul"
        return ftype.describe

    def examples(self, wanted: Sequence[str]) -> dict[str, Any]:
        """The existing ids of the kinds a reference names, for completion (none without ids)."""
        found = sorted({rid for kind in wanted for rid in self.ids.get(kind, ())})[:MAX_IDS]
        return {"examples": found} if found else {}

    def checks(self, ftype: s.FieldType) -> list[str]:
        """What validate.py checks for this type beyond the schema (for a list: its items)."""
        if isinstance(ftype, s.ListOf):
            return self.checks(ftype.item)
        if isinstance(ftype, s.Date):
            return ["pas après aujourd’hui"]
        if isinstance(ftype, s.ClaimRef):
            return ["l’événement doit exister et avoir une affirmation de cet identifiant"]
        if isinstance(ftype, s.Ref):
            found = " ou ".join(kinds.kind(k).a_label for k in ftype.kinds) + " de cet identifiant doit exister"
            if ftype.place_kind:
                found += f" et être un lieu de type {ftype.place_kind}"
            if not ftype.self_ok and self.kind in ftype.kinds:
                found += " et ne pas être cette fiche"
            return [found]
        return []


_MAPPING = s.Struct.__dataclass_fields__["describe"].default  # a Struct's describe when the spec gives none


def _count(ftype: s.FieldType, seen: dict[int, tuple[s.Struct, int]]) -> None:
    """How often each Struct appears once shared ones are written once; in first-met order."""
    if isinstance(ftype, s.ListOf):
        _count(ftype.item, seen)
    elif isinstance(ftype, s.Struct):
        struct, uses = seen.get(id(ftype), (ftype, 0))
        seen[id(ftype)] = (struct, uses + 1)
        if not uses:
            for spec in ftype.fields.values():
                _count(spec.type, seen)


def _text_pattern(ftype: s.Text) -> str:
    """check_text: 1 to max_len characters once stripped, single-line unless multiline."""
    refused = _refused() if ftype.multiline else _refused() + r"\n"
    return rf"^\s*(?!\s)[^{refused}]{{1,{ftype.max_len}}}(?<!\s)\s*$"


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "enum" in schema or "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    if "anyOf" in schema:
        return {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}
    types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": [*types, "null"]}


def _sentence(text: str) -> str:
    text = text.strip()
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")
