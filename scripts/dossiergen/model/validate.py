"""RawRecord -> typed records, or diagnostics. Raw values never leave this module.

Each file is checked against its kind's spec (schema.py); then the records are checked
together: references resolve to the right kind, no record points at itself, periods end
after they start, and containment chains have no cycles.
"""
from __future__ import annotations

import datetime as dt
import ipaddress
import math
import re
import socket
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import SplitResult, urlsplit

from ..core import charset, codes
from ..core.dates import suggest_date
from ..core.errors import Diagnostic, closest
from ..core.text import slugify as text_slugify
from ..model.load import Map, Raw, RawRecord, Scalar, Seq, field_position
from . import kinds
from . import records as r
from . import schema as s
from .quotes import unbalanced
from .suggest import enum_suggestion

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80
# A working copy's file name: a name in one folder, never a path (tests read the file it names).
SEED_RE = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*\.txt")
# Ids that are not record names: `index` is each kind's listing page (a record called so would
# replace it), and Windows cannot check out a file named after a device, whatever its extension.
RESERVED_IDS = frozenset({"index", "con", "prn", "aux", "nul", *(f"{d}{n}" for d in ("com", "lpt") for n in range(10))})


def id_problem(rid: str) -> Optional[str]:
    """Why a string cannot be a record id (file name), or None."""
    if not SLUG_RE.fullmatch(rid) or len(rid) > MAX_SLUG:
        return f"attendu un nom de fichier fait de a-z, 0-9 et traits d’union simples ({MAX_SLUG} caractères au plus), trouvé {rid!r}"
    if rid in RESERVED_IDS:
        return f"attendu un nom propre à la fiche, trouvé {rid!r}, qui est réservé (" + ("la page qui liste chaque type de fiche" if rid == "index" else "un nom de périphérique que Windows ne sait pas enregistrer") + ")"
    return None
MAX_URL = 2000
QUOTE_MARKS = "«»\"“”„‘’'"


_INVALID: Any = object()
_EVENT_REF = s.Ref(("events",))


@dataclass(frozen=True, slots=True)
class _PendingRef:
    """A reference seen in a file, resolved once every record is known."""

    target: s.Ref
    id: str
    path: str
    line: int
    col: int
    field: str
    owner_kind: str
    owner_id: str
    claim: Optional[str] = None  # for a claim reference: the claim id inside the event


class _FileChecker:
    """Check one file against its spec; collect diagnostics and references."""

    def __init__(self, raw: RawRecord, today: dt.date):
        self.raw = raw
        self.today = today
        self.diagnostics: list[Diagnostic] = []
        self.refs: list[_PendingRef] = []
        self.relays: list[tuple[str, r.SourceRef]] = []  # citations with `via`, checked once every source is known

    def error(self, at: Raw | Scalar, code: str, field: str, message: str, suggestion: Optional[str] = None) -> None:
        self.diagnostics.append(Diagnostic(self.raw.path, at.line, at.col, code, field, message, suggestion))

    # --- per type --------------------------------------------------------------------

    def check(self, raw: Raw, ftype: s.FieldType, field: str) -> Any:
        if isinstance(ftype, s.Struct):
            return self.check_struct(raw, ftype, field)
        if isinstance(ftype, s.ListOf):
            return self.check_list(raw, ftype, field)
        if not isinstance(raw, Scalar):
            found = "une liste" if isinstance(raw, Seq) else "un groupe de champs"
            self.error(raw, codes.BAD_TYPE, field, f"attendu {ftype.describe}, trouvé {found}")
            return _INVALID
        if isinstance(ftype, s.Text):
            return self.check_text(raw, ftype, field)
        if isinstance(ftype, s.Slug):
            return self.check_slug(raw, field)
        if isinstance(ftype, s.Date):
            return self.check_date(raw, field)
        if isinstance(ftype, s.Url):
            return self.check_url(raw, field)
        if isinstance(ftype, s.Enum):
            return self.check_enum(raw, ftype, field)
        if isinstance(ftype, s.Number):
            return self.check_number(raw, ftype, field)
        if isinstance(ftype, s.Ref):
            return self.check_ref(raw, ftype, field)
        if isinstance(ftype, s.ClaimRef):
            return self.check_claim_ref(raw, ftype, field)
        raise TypeError(f"unknown field type {ftype!r}")  # a bug in schema.py, not in the data

    def check_text(self, raw: Scalar, ftype: s.Text, field: str) -> Any:
        if raw.tag != "str" and not raw.quoted:
            self.error(raw, codes.YAML_TRAP, field, f"attendu du texte, trouvé {_describe_scalar(raw)} ; mettez-le entre guillemets : \"{raw.text}\"")
            return _INVALID
        text = raw.text.strip()
        if not text:
            self.error(raw, codes.EMPTY, field, "attendu du texte, trouvé un texte vide")
            return _INVALID
        if len(text) > ftype.max_len:
            self.error(raw, codes.TOO_LONG, field, f"attendu {ftype.max_len} caractères au plus, trouvé {len(text)}")
            return _INVALID
        if not ftype.multiline and "\n" in text:
            self.error(raw, codes.MULTILINE, field, "attendu une seule ligne, trouvé un saut de ligne")
            return _INVALID
        bad = charset.first_refused(text, allow_newline=ftype.multiline)
        if bad:
            self.error(raw, codes.BAD_CHAR, field, f"attendu du texte visible, trouvé le caractère invisible ou de contrôle {bad} ; supprimez-le")
            return _INVALID
        problem = unbalanced(text)
        if problem:
            self.error(raw, codes.UNBALANCED_QUOTES, field, f"attendu des guillemets qui vont par paires, trouvé {problem}")
            return _INVALID
        if charset.looks_empty(text):
            self.error(raw, codes.EMPTY, field, "attendu un texte qui montre quelque chose, trouvé seulement des caractères invisibles, des signes diacritiques seuls ou des caractères de remplissage")
            return _INVALID
        return unicodedata.normalize("NFC", text)

    def check_slug(self, raw: Scalar, field: str) -> Any:
        if not SLUG_RE.fullmatch(raw.text) or len(raw.text) > MAX_SLUG:
            self.error(raw, codes.BAD_ID, field, f"attendu un identifiant fait de a-z, 0-9 et traits d’union simples ({MAX_SLUG} caractères au plus), trouvé {raw.text!r}", slugify(raw.text) or None)
            return _INVALID
        return r.RecordId(raw.text)

    def check_date(self, raw: Scalar, field: str) -> Any:
        try:
            date = r.PartialDate.parse(raw.text.strip())
        except ValueError as exc:
            self.error(raw, codes.BAD_DATE, field, f"attendu une date réelle AAAA, AAAA-MM ou AAAA-MM-JJ, trouvé {raw.text!r} ({exc})", suggest_date(raw.text))
            return _INVALID
        if date.first_day() > self.today:
            self.error(raw, codes.FUTURE_DATE, field, f"attendu une date qui ne dépasse pas aujourd’hui ({self.today.isoformat()}), trouvé {raw.text}")
            return _INVALID
        return date

    def check_url(self, raw: Scalar, field: str) -> Any:
        text = raw.text.strip()
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.hostname
            or len(text) > MAX_URL
            or any(c.isspace() or ord(c) < 32 or c in "<>\"'`\\" for c in text)
        ):
            self.error(raw, codes.BAD_URL, field, f"attendu une adresse http:// ou https://, trouvé {_clip(text)!r}")
            return _INVALID
        bad = charset.first_refused(text, allow_newline=False)
        if bad:
            self.error(raw, codes.BAD_CHAR, field, f"attendu une adresse visible, trouvé le caractère invisible ou de contrôle {bad} ; supprimez-le")
            return _INVALID
        problem = public_url_problem(parts)
        if problem:
            self.error(raw, codes.BAD_URL, field, f"attendu l’adresse publique d’une page publiée, trouvé {_clip(text)!r} : {problem}")
            return _INVALID
        return text

    def check_enum(self, raw: Scalar, ftype: s.Enum, field: str) -> Any:
        if raw.text not in ftype.values:
            hint = enum_suggestion(raw.text, ftype)
            self.error(raw, codes.BAD_ENUM, field, f"attendu {ftype.describe} ; trouvé {_clip(raw.text)!r}", hint)
            return _INVALID
        return raw.text

    def check_number(self, raw: Scalar, ftype: s.Number, field: str) -> Any:
        value: float | None = None
        if raw.tag in ("int", "float") and not raw.quoted:
            try:
                value = float(raw.text.replace("_", ""))
            except ValueError:
                value = None
        if value is None or not math.isfinite(value) or not ftype.low <= value <= ftype.high:
            self.error(raw, codes.BAD_NUMBER, field, f"attendu {ftype.describe}, trouvé {_clip(raw.text)!r}")
            return _INVALID
        return value

    def check_ref(self, raw: Scalar, ftype: s.Ref, field: str) -> Any:
        if not SLUG_RE.fullmatch(raw.text) or len(raw.text) > MAX_SLUG:
            self.error(raw, codes.BAD_REF, field, f"attendu {ftype.describe}, trouvé {_clip(raw.text)!r}, qui n’est pas un identifiant (a-z, 0-9, traits d’union)", slugify(raw.text) or None)
            return _INVALID
        self.refs.append(_PendingRef(ftype, raw.text, self.raw.path, raw.line, raw.col, field, self.raw.kind, self.raw.id))
        return r.RecordId(raw.text)

    def check_claim_ref(self, raw: Scalar, ftype: s.ClaimRef, field: str) -> Any:
        event, sep, claim = raw.text.partition("/")
        if not sep or not all(SLUG_RE.fullmatch(part) and len(part) <= MAX_SLUG for part in (event, claim)):
            self.error(raw, codes.BAD_REF, field, f"attendu {ftype.describe} (deux identifiants joints par '/'), trouvé {_clip(raw.text)!r}")
            return _INVALID
        self.refs.append(_PendingRef(_EVENT_REF, event, self.raw.path, raw.line, raw.col, field, self.raw.kind, self.raw.id, claim))
        return r.ClaimKey(r.RecordId(event), claim)

    def check_list(self, raw: Raw, ftype: s.ListOf, field: str) -> Any:
        if not isinstance(raw, Seq):
            found = f"{_describe_scalar(raw)} {_clip(raw.text)!r}" if isinstance(raw, Scalar) else "un groupe de champs"
            self.error(raw, codes.BAD_TYPE, field, f"attendu une liste (un '- élément' par ligne, ou [a, b]), trouvé {found}")
            return _INVALID
        if len(raw.items) < ftype.min_len:
            self.error(raw, codes.TOO_FEW, field, f"attendu au moins {ftype.min_len} élément(s), trouvé {len(raw.items)}")
            return _INVALID
        if len(raw.items) > ftype.max_len:
            self.error(raw, codes.TOO_MANY, field, f"attendu {ftype.max_len} éléments au plus, trouvé {len(raw.items)}")
            return _INVALID
        values = []
        seen: dict[str, int] = {}
        ok = True
        for i, item in enumerate(raw.items):
            value = self.check(item, ftype.item, f"{field}[{i}]")
            if value is _INVALID:
                ok = False
                continue
            identity = item if isinstance(item, Scalar) else _key_of(item, ftype.item)
            if ftype.unique and identity is not None:
                if identity.text in seen:
                    self.error(identity, codes.DUPLICATE_ITEM, f"{field}[{i}]", f"attendu chaque élément une seule fois, trouvé {_clip(identity.text)!r} une nouvelle fois (déjà en {field}[{seen[identity.text]}])")
                    ok = False
                    continue
                seen[identity.text] = i
            values.append(value)
        return tuple(values) if ok else _INVALID

    def check_struct(self, raw: Raw, ftype: s.Struct, field: str, extra: Optional[dict[str, Any]] = None) -> Any:
        if isinstance(raw, Scalar) and ftype.shorthand and raw.tag != "str" and not raw.quoted:
            self.error(raw, codes.YAML_TRAP, field, f"attendu du texte, trouvé {_describe_scalar(raw)} ; mettez-le entre guillemets : \"{raw.text}\"")
            return _INVALID
        shorthand = isinstance(raw, Scalar) and ftype.shorthand is not None and raw.tag == "str"
        if shorthand:
            assert isinstance(raw, Scalar) and ftype.shorthand
            raw = Map(((Scalar(ftype.shorthand, "str", False, raw.line, raw.col), raw),), raw.line, raw.col)
        if not isinstance(raw, Map):
            found = "une liste" if isinstance(raw, Seq) else f"{_describe_scalar(raw)} {_clip(raw.text)!r}"
            self.error(raw, codes.BAD_TYPE, field, f"attendu {ftype.describe}, trouvé {found}")
            return _INVALID
        kwargs: dict[str, Any] = dict(extra or {})
        ok = True
        present = set()
        empty: dict[str, Scalar] = {}  # keys written with no value: a missing field is reported there
        for key, value in raw.items:
            # A shorthand value is reported at the path the contributor wrote: sources[0].
            sub = field if shorthand else (f"{field}.{key.text}" if field else key.text)
            spec = ftype.fields.get(key.text)
            if spec is None:
                self.error(key, codes.UNKNOWN_FIELD, sub, "attendu l’un des champs : " + ", ".join(ftype.fields) + f" ; trouvé {_clip(key.text)!r}", closest(key.text, ftype.fields))
                ok = False
                continue
            if isinstance(value, Scalar) and value.tag == "null" and not value.quoted:
                empty[key.text] = key
                continue  # an empty value is an absent one; required fields are checked below
            present.add(key.text)
            checked = self.check(value, spec.type, sub)
            if checked is _INVALID:
                ok = False
                continue
            kwargs[spec.attr or key.text] = checked
        for name, spec in ftype.fields.items():
            if spec.required and name not in present:
                where = f"{field}.{name}" if field else name
                if name in empty:
                    self.error(empty[name], codes.MISSING_FIELD, where, f"attendu {name!r} ({spec.type.describe}), trouvé une valeur vide")
                else:
                    self.error(raw, codes.MISSING_FIELD, where, f"attendu {name!r} ({spec.type.describe}), champ absent")
                ok = False
        if not ok:
            return _INVALID
        value = ftype.cls(**kwargs)
        if isinstance(value, r.SourceRef) and value.via:
            self.relays.append((field, value))
        return value


# What validate keeps between calls: by id() of a parsed file, that file, the day it was checked
# on, and its field checks (the record or _INVALID, diagnostics, references, relayed citations).
CheckMemo = dict[int, tuple[RawRecord, dt.date, Any, list[Diagnostic], list[_PendingRef], list[tuple[str, r.SourceRef]]]]


def validate(raws: list[RawRecord], today: dt.date, unreadable: frozenset[tuple[str, str]] = frozenset(), memo: Optional[CheckMemo] = None) -> tuple[list[r.Record], list[Diagnostic]]:
    """Check every file, then every reference; return the records that passed and all diagnostics.

    `unreadable` names the (kind, id) of files that exist but could not be parsed: they are
    reported on their own, and references to them are not reported as dangling too. With
    `memo` (a dict kept by the caller, as `mkdocs serve` does), a file whose parsed content is
    the same object as last time is not checked field by field again.
    """
    records: list[r.Record] = []
    diagnostics: list[Diagnostic] = []
    refs: list[_PendingRef] = []
    relays: list[tuple[RawRecord, str, r.SourceRef]] = []
    owner: dict[str, RawRecord] = {}
    folded = {raw.id.casefold(): raw for raw in raws if SLUG_RE.fullmatch(raw.id)}
    for raw in raws:
        checker = _FileChecker(raw, today)
        hit = memo.get(id(raw)) if memo is not None else None
        if hit is not None and hit[0] is raw and hit[1] == today:
            record, struct_diags, struct_refs, struct_relays = hit[2:]
        else:
            record = checker.check_struct(raw.root, s.KIND_SPECS[raw.kind], "", {"id": r.RecordId(raw.id), "path": raw.path})
            struct_diags, struct_refs, struct_relays = list(checker.diagnostics), list(checker.refs), list(checker.relays)
            if memo is not None:
                memo[id(raw)] = (raw, today, record, struct_diags, struct_refs, struct_relays)
            checker = _FileChecker(raw, today)
        problem = id_problem(raw.id)
        if problem is not None:
            twin = folded.get(raw.id.casefold())
            if twin is not None and twin is not raw:
                problem += f" ; il se confondrait avec {twin.path} sur les systèmes de fichiers qui ignorent la casse (macOS, Windows)"
            hint = slugify(raw.id)
            hint = f"{hint}-{kinds.kind(raw.kind).singular}" if hint in RESERVED_IDS else hint
            checker.error(raw.root, codes.RESERVED_ID if raw.id in RESERVED_IDS else codes.BAD_ID, "(nom du fichier)", problem, (hint + ".yaml") if hint else None)
        elif raw.id in owner:
            # One id, one record: `by: x` may name a person or an organisation, so ids are unique across kinds.
            first = owner[raw.id]
            checker.error(raw.root, codes.DUPLICATE_ID, "(nom du fichier)", f"attendu un identifiant unique dans tout le dossier, trouvé {raw.id!r} une nouvelle fois (déjà {first.path}) ; les références ne pourraient pas les distinguer", f"{raw.id}-{kinds.kind(raw.kind).singular}.yaml")
        else:
            owner[raw.id] = raw
        diagnostics.extend(checker.diagnostics + struct_diags)
        refs.extend(struct_refs)
        if record is not _INVALID and not checker.diagnostics and not struct_diags:
            diagnostics.extend(_check_record(record, raw))
            records.append(record)
            relays.extend((raw, field, ref) for field, ref in struct_relays)
    diagnostics.extend(_resolve(refs, raws, records, unreadable))
    diagnostics.extend(_check_cycles(records, raws))
    diagnostics.extend(_check_provenance(relays, records))
    return records, diagnostics


def _key_of(item: Raw, ftype: s.FieldType) -> Optional[Scalar]:
    """The identifying scalar of a mapping in a list (`place: x`), when its struct names one."""
    if not isinstance(ftype, s.Struct) or ftype.key is None or not isinstance(item, Map):
        return None
    return next((v for k, v in item.items if k.text == ftype.key and isinstance(v, Scalar)), None)


# Names that never reach a public web server (RFC 6761, 6762, 8375 and common private zones).
_PRIVATE_SUFFIXES = ("localhost", "local", "internal", "intranet", "lan", "home", "corp", "home.arpa", "localdomain")


def public_url_problem(parts: SplitResult) -> Optional[str]:
    """Why a well-formed http(s) URL is not one a source can have, or None.

    A source's address is fetched by `dossier links` on CI: it must not carry credentials,
    name this machine or a private network (in any of the forms an IP address can be
    written), or use a port other than the web's own.
    """
    if parts.username is not None or parts.password is not None:
        return "elle contient un nom d’utilisateur ou un mot de passe (user@hôte) ; donnez l’adresse sans eux"
    try:
        port = parts.port
    except ValueError:
        return "son port n’est pas un nombre de 0 à 65535"
    if port not in (None, 80, 443):
        return f"le port {port} n’est pas un port web (80 ou 443)"
    host = (parts.hostname or "").rstrip(".")
    address = _ip_of(host)
    if address is not None:
        return None if address.is_global else "elle désigne cette machine ou un réseau privé"
    if "." not in host or host.endswith(tuple("." + s for s in _PRIVATE_SUFFIXES)) or host in _PRIVATE_SUFFIXES:
        return "son hôte n’est pas un nom de domaine public (exemple.org)"
    return None


def _ip_of(host: str) -> Optional[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The address a host names if it is an IP literal, in any form (127.1, 0x7f.0.0.1, 2130706433, [::1])."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    if re.fullmatch(r"[0-9a-fA-FxX.]+", host):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def _check_record(record: r.Record, raw: RawRecord) -> list[Diagnostic]:
    """Checks inside one record that involve several fields."""
    out: list[Diagnostic] = []

    def at(field: str) -> tuple[int, int]:
        return field_position(raw.root, field)

    if isinstance(record, r.Event):
        if record.end_date and (record.end_date.last_day() <= record.date.first_day() or record.end_date == record.date):
            line, col = at("end_date")
            out.append(Diagnostic(raw.path, line, col, codes.END_BEFORE_START, "end_date", f"attendu une fin après le début ({record.date}), trouvé {record.end_date}"))
        seen: dict[str, int] = {}
        for i, claim in enumerate(record.claims):
            if claim.id in seen:
                line, col = at(f"claims[{i}].id")
                out.append(Diagnostic(raw.path, line, col, codes.DUPLICATE_ID, f"claims[{i}].id", f"attendu des identifiants d’affirmation uniques dans l’événement, trouvé {claim.id!r} une nouvelle fois (déjà en claims[{seen[claim.id]}])"))
            seen.setdefault(claim.id, i)
    if isinstance(record, r.Event):
        for i, claim in enumerate(record.claims):
            if claim.quote and claim.quote[0] in QUOTE_MARKS and claim.quote[-1] in QUOTE_MARKS:
                line, col = at(f"claims[{i}].quote")
                out.append(Diagnostic(raw.path, line, col, codes.QUOTE_MARKS, f"claims[{i}].quote", f"attendu les mots cités seuls (le site ajoute les guillemets), trouvé des guillemets autour : {_clip(claim.quote)!r}", claim.quote.strip(QUOTE_MARKS + " \u00a0\u202f")))
    if isinstance(record, r.Person):
        for i, role in enumerate(record.roles):
            if role.start and role.end and role.end.last_day() < role.start.first_day():
                line, col = at(f"roles[{i}].to")
                out.append(Diagnostic(raw.path, line, col, codes.END_BEFORE_START, f"roles[{i}].to", f"attendu une fin après le début ({role.start}), trouvé {role.end}"))
    if isinstance(record, r.Contradiction):
        for i, side in enumerate(record.sides):
            if not side.claims and not side.events:
                line, col = at(f"sides[{i}]")
                out.append(Diagnostic(raw.path, line, col, codes.EMPTY_SIDE, f"sides[{i}]", "attendu 'claims' (id-de-l-événement/id-de-l-affirmation) ou 'events', ce sur quoi repose ce côté, trouvé ni l’un ni l’autre"))
    if isinstance(record, r.Source) and record.seed and not SEED_RE.fullmatch(record.seed):
        line, col = at("seed")
        out.append(Diagnostic(raw.path, line, col, codes.BAD_SEED, "seed", f"attendu le nom d’un fichier texte de shared/seeds (lettres, chiffres, . _ -, terminé par .txt), trouvé {_clip(record.seed)!r}"))
    if isinstance(record, (r.Person, r.Organisation, r.Place)) and record.description and not record.sources:
        line, col = at("description")
        out.append(Diagnostic(raw.path, line, col, codes.UNSOURCED, "description", "attendu une liste 'sources' qui appuie la description, aucune trouvée ; toute affirmation demande une source"))
    out.extend(_check_bases(record, raw))
    return out


def _check_bases(record: r.Record, raw: RawRecord) -> list[Diagnostic]:
    """Every date says how it is known, and every event place too; deductions and outside facts are explained."""
    out: list[Diagnostic] = []

    def report(field: str, code: str, message: str, suggestion: Optional[str] = None) -> None:
        line, col = field_position(raw.root, field)
        out.append(Diagnostic(raw.path, line, col, code, field, message, suggestion))

    for path, ftype, value in s.walk(record, s.KIND_SPECS[s.KIND_OF_CLASS[type(record)]]):
        if not isinstance(ftype, s.Struct):
            continue
        prefix = f"{path}." if path else ""
        for group in ftype.dates:
            _check_dating(value, group, prefix, report)
        if isinstance(value, r.EventPlace):
            if value.basis != "named" and not value.note:
                report(f"{prefix}basis", codes.MISSING_NOTE, f"attendu une 'note' qui explique un lieu {s.PLACE_BASES[value.basis]}, aucune trouvée ; dites comment le dossier le sait")
            if value.basis == "named" and not value.sources:
                report(f"{prefix}place", codes.UNSOURCED, "attendu 'sources', la ou les sources qui nomment ce lieu, aucune trouvée")
    return out


def _check_dating(value: Any, group: s.DateGroup, prefix: str, report: Any) -> None:
    """One date group of a struct: basis present, outside refinement consistent, reasoning written."""
    date = getattr(value, group.attr)
    basis = getattr(value, f"{group.attr}_basis")
    outside = getattr(value, f"{group.attr}_outside")
    printed = getattr(value, f"{group.attr}_printed")
    key = f"{prefix}{group.key}"
    if date is None:
        for suffix, present in (("basis", basis), ("outside", outside), ("printed", printed)):
            if present is not None:
                report(f"{key}_{suffix}", codes.ORPHAN_FIELD, f"attendu '{group.key}' à côté de '{group.key}_{suffix}', aucun '{group.key}' trouvé")
        return
    if basis is None:
        report(key, codes.MISSING_BASIS, f"attendu '{group.key}_basis' à côté de '{group.key}' : printed (une source l’imprime), deduced (déduite des articles) ou outside (hors corpus) ; champ absent", f"{group.key}_basis: printed")
        return
    if outside is not None:
        if basis == "outside":
            report(f"{key}_outside", codes.BAD_REFINEMENT, f"attendu '{group.key}_outside' seulement à côté d’une date que les articles appuient ; '{group.key}' est elle-même hors corpus : gardez une seule date")
        elif outside.precision == date.precision or not (date.first_day() <= outside.first_day() and outside.last_day() <= date.last_day()):
            report(f"{key}_outside", codes.BAD_REFINEMENT, f"attendu une date plus précise comprise dans {date} (la date des articles), trouvé {outside}")
    needs_note = basis != "printed" or outside is not None
    if needs_note and not getattr(value, group.note):
        why = "une précision hors corpus" if basis == "printed" else ("une date déduite" if basis == "deduced" else "une date hors corpus")
        report(f"{key}_basis" if basis != "printed" else f"{key}_outside", codes.MISSING_NOTE, f"attendu '{prefix}{group.note}' qui explique {why}, aucune trouvée")


def _resolve(refs: list[_PendingRef], raws: list[RawRecord], records: list[r.Record], unreadable: frozenset[tuple[str, str]] = frozenset()) -> list[Diagnostic]:
    """Every reference must name an existing record of the right kind (and place kind)."""
    by_kind: dict[str, set[str]] = {kind: set() for kind in r.KINDS}
    for raw in raws:  # ids of files that failed still exist: don't report them as dangling too
        by_kind[raw.kind].add(raw.id)
    for kind, rid in unreadable:
        by_kind[kind].add(rid)
    # Keyed by plain str: a pending reference holds the id as written, not yet a RecordId.
    place_kinds: dict[str, str] = {rec.id: rec.kind for rec in records if isinstance(rec, r.Place)}
    claims_of: dict[str, list[str]] = {rec.id: [c.id for c in rec.claims] for rec in records if isinstance(rec, r.Event)}
    out: list[Diagnostic] = []
    for ref in refs:
        wanted = ref.target.kinds
        if any(ref.id in by_kind[k] for k in wanted):
            if ref.claim is not None and ref.id in claims_of and ref.claim not in claims_of[ref.id]:
                msg = f"attendu une affirmation de l’événement {ref.id!r}, trouvé {ref.claim!r} : cet événement n’a pas d’affirmation de cet identifiant"
                known = claims_of[ref.id]
                hint = closest(ref.claim, known)
                if hint is None and known:
                    msg += " (ses affirmations : " + ", ".join(known[:8]) + ("…" if len(known) > 8 else "") + ")"
                out.append(Diagnostic(ref.path, ref.line, ref.col, codes.DANGLING_REF, ref.field, msg, f"{ref.id}/{hint}" if hint else None))
            elif ref.owner_id == ref.id and ref.owner_kind in wanted and not ref.target.self_ok:
                out.append(Diagnostic(ref.path, ref.line, ref.col, codes.SELF_REF, ref.field, f"attendu une autre fiche, trouvé l’identifiant de cette fiche même, {ref.id!r}"))
            elif ref.target.place_kind and place_kinds.get(ref.id, ref.target.place_kind) != ref.target.place_kind:
                out.append(Diagnostic(ref.path, ref.line, ref.col, codes.WRONG_KIND, ref.field, f"attendu un lieu de type {ref.target.place_kind!r}, trouvé {ref.id!r}, un lieu de type {place_kinds[ref.id]!r}"))
            continue
        elsewhere = [k for k in r.KINDS if ref.id in by_kind[k]]
        candidates = sorted(set().union(*(by_kind[k] for k in wanted)))
        if elsewhere:
            msg = f"attendu {ref.target.describe}, trouvé {ref.id!r}, qui est {kinds.kind(elsewhere[0]).a_label}"
            out.append(Diagnostic(ref.path, ref.line, ref.col, codes.WRONG_KIND, ref.field, msg, closest(ref.id, candidates)))
        else:
            noun = " ni ".join(("aucune " if kinds.kind(k).feminine else "aucun ") + kinds.kind(k).label for k in wanted)
            msg = f"attendu {ref.target.describe}, trouvé {ref.id!r} : {noun} n’a cet identifiant"
            out.append(Diagnostic(ref.path, ref.line, ref.col, codes.DANGLING_REF, ref.field, msg, closest(ref.id, candidates)))
    return out


def _check_cycles(records: list[r.Record], raws: list[RawRecord]) -> list[Diagnostic]:
    """Containment (organisation parent, place within) must not loop."""
    out: list[Diagnostic] = []
    raw_by = {(raw.kind, raw.id): raw for raw in raws}
    for kind, cls, attr in (("organisations", r.Organisation, "parent"), ("places", r.Place, "within")):
        links: dict[str, str] = {rec.id: getattr(rec, attr) for rec in records if isinstance(rec, cls) and getattr(rec, attr)}
        # Each record is walked once (linear even on a chain of thousands): a walk stops at a
        # record already settled, and a loop is found when it meets its own steps.
        settled: set[str] = set()
        for start in sorted(links):
            path: dict[str, int] = {}
            node: str | None = start
            while node is not None and node not in settled and node not in path:
                path[node] = len(path)
                node = links.get(node)
            if node is not None and node in path:  # a loop: report it on each of its records
                loop = list(path)[path[node]:]
                for member in loop:
                    raw = raw_by[(kind, member)]
                    line, col = field_position(raw.root, attr)
                    at = loop.index(member)
                    chain = " → ".join(loop[at:] + loop[:at] + [member])
                    out.append(Diagnostic(raw.path, line, col, codes.CYCLE, attr, f"attendu une chaîne qui s’arrête, trouvé une boucle : {chain}"))
            settled.update(path)
    return out


def _check_provenance(relays: list[tuple[RawRecord, str, r.SourceRef]], records: list[r.Record]) -> list[Diagnostic]:
    """A citation's `via` chain may not loop back to the outlet or agency that publishes the source."""
    out: list[Diagnostic] = []
    sources = {rec.id: rec for rec in records if isinstance(rec, r.Source)}
    for raw, path, ref in relays:
        source = sources.get(ref.source)
        if source is None:
            continue  # a dangling or refused source is reported on its own
        own = [o for o in (source.outlet, source.agency) if o]
        for i, outlet in enumerate(ref.via):
            if outlet in own:
                line, col = field_position(raw.root, f"{path}.via[{i}]")
                out.append(Diagnostic(raw.path, line, col, codes.PROVENANCE_LOOP, f"{path}.via[{i}]", f"attendu les médias que {ref.source!r} relaie, trouvé {outlet!r}, qui publie {ref.source!r} lui-même ; une source ne peut pas se citer comme son origine", "retirez-le de via"))
    return out


def slugify(text: str) -> str:
    """A suggestion for a bad id: text.slugify within the ids' length."""
    return text_slugify(text, MAX_SLUG)


def _describe_scalar(raw: Scalar) -> str:
    if raw.quoted or raw.tag == "str":
        return "du texte"
    if raw.tag == "bool":
        value = "true" if raw.text.lower() in ("true", "yes", "on", "y") else "false"
        return f"le booléen {value} (sans guillemets, YAML lit {raw.text} comme {value})"
    if raw.tag == "int":
        return f"le nombre {raw.text}"
    if raw.tag == "float":
        try:
            shown = repr(float(raw.text.replace("_", "")))
        except ValueError:
            shown = raw.text
        return f"le nombre {shown} (sans guillemets, YAML lit {raw.text} comme un nombre)"
    if raw.tag == "timestamp":
        return f"une date (sans guillemets, YAML lit {raw.text} comme une date)"
    if raw.tag == "null":
        return "null"
    return raw.tag


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
