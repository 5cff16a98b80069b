"""`dossier new`: a fresh record file with every field present or commented.

The file is built from the same specs the validator uses (schema.py), so a new field
appears here by itself. Required fields without a value are left empty: `dossier check`
then points at each one, with its line, until it is filled in. Messages are in French:
this is the first command a contributor runs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from ..contrib.editor_schema import modeline
from ..contrib.fmt import format_text
from ..core import charset
from ..core.errors import closest, visible
from ..model import kinds
from ..model import records as r
from ..model import schema as s
from ..model.load import Map, Scalar, Seq, load_file
from ..model.similar import THRESHOLD, canonical_url, normalise, similarity
from ..model.validate import MAX_SLUG, SLUG_RE, id_problem, public_url_problem, slugify

# `dossier new person` or `dossier new people`: both name the folder.
KIND_NAMES = {**{k.singular: k.name for k in kinds.REGISTRY}, **{k.name: k.name for k in kinds.REGISTRY}}
COMMENT_COLUMN = 34
_STOPWORDS = {
    "a", "apres", "au", "aux", "avant", "avec", "c", "ce", "ces", "chez", "contre", "d", "dans", "de", "des", "du", "en", "entre", "est",
    "et", "il", "l", "la", "le", "les", "leur", "leurs", "lors", "n", "ne", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "s",
    "sa", "se", "selon", "ses", "son", "sont", "ont", "ete", "sur", "un", "une", "vers", "the", "of", "in", "and", "to", "on", "for",
}
# The labels of an address's host that do not name the outlet (www.lapresse.ca -> lapresse).
_HOST_NOISE = {"www", "m", "amp", "fr", "en", "www2", "news", "actu", "info"}

# What each field is for, in French, where the type alone does not say it.
HELP = {
    "title": "le titre, en français",
    "sources.title": "le titre tel qu’il est publié",
    "name": "le nom usuel en français",
    "summary": "résumé en français, avec vos mots",
    "description": "en français, avec vos mots ; sourcée (sources)",
    "date_note": "comment la date a été établie (requis si déduite ou hors corpus)",
    "date_basis": "(requis avec date) printed : imprimée par une source ; deduced : déduite des articles ; outside : hors corpus",
    "published_basis": "(requis avec published) printed : imprimée ; deduced : déduite du texte ; outside : hors corpus",
    "places.basis": "named : nommé par une source ; inferred : déduit ; outside : hors corpus",
    "published_note": "comment la date de publication a été établie",
    "end_date": "pour une période : sa fin",
    "outlet": "le site ou le journal qui publie (organisation)",
    "agency": "l’agence dont c’est la dépêche (organisation)",
    "authors": "signatures imprimées",
    "seed": "nom de la copie de travail dans shared/seeds",
    "archive_url": "copie archivée (web.archive.org…)",
    "aliases": "autres graphies, telles que les sources les impriment",
    "aliases.name": "une autre graphie, telle que la source l’imprime",
    "roles.title": "la fonction, telle que la source la nomme",
    "participants": "les personnes présentes",
    "claims": "déclarations rapportées par les sources",
    "notes": "erreurs, divergences, déductions : visibles sur la page",
    "related": "autres fiches liées",
    "within": "lieu plus grand (région, ville)",
    "roles": "fonctions attestées par les sources",
    "affiliation": "propriété ou tutelle du média",
    "noted_by": "sources qui relèvent elles-mêmes le désaccord",
    "assessment": "ce qu’on peut en dire, avec la précision des sources",
    "sides": "les positions en présence (deux au moins)",
    "sources": "identifiants des sources ; {source: x, via: [y]} pour un relais",
}


class NewRefused(Exception):
    """The file would overwrite a record, repeat a source or duplicate a name: nothing was written."""


@dataclass(frozen=True)
class Request:
    kind: str  # a folder name: events, sources, …
    name: str
    date: Optional[str] = None
    url: Optional[str] = None
    sources: tuple[str, ...] = ()
    id: Optional[str] = None
    allow_similar: bool = False


def describe(ftype: s.FieldType) -> str:
    """The French description of a field type, for the comment beside it."""
    if isinstance(ftype, s.Date):
        return "date AAAA, AAAA-MM ou AAAA-MM-JJ, entre guillemets"
    if isinstance(ftype, s.Url):
        return "adresse http:// ou https://"
    if isinstance(ftype, s.Enum):
        return "un de : " + ", ".join(ftype.values)
    if isinstance(ftype, s.Number):
        return f"nombre de {ftype.low:g} à {ftype.high:g}"
    if isinstance(ftype, s.Ref):
        extra = " (un pays)" if ftype.place_kind == "country" else ""
        return "identifiant d’" + " ou d’".join(_article(k) for k in ftype.kinds) + extra
    if isinstance(ftype, s.ClaimRef):
        return "déclaration, écrite id-événement/id-déclaration"
    if isinstance(ftype, s.ListOf):
        return "liste : " + describe(ftype.item)
    if isinstance(ftype, s.Struct):
        return "bloc de champs"
    if isinstance(ftype, s.Slug):
        return "identifiant (a-z, 0-9, tirets)"
    return "texte" if not getattr(ftype, "multiline", False) else "texte en français"


def _article(kind: str) -> str:
    return kinds.kind(kind).a_label


def _comment(path: str, spec: s.Spec) -> str:
    key = path.rsplit(".", 1)[-1]
    inner = path.split(".", 1)[-1]  # without the kind: `aliases.name`
    helped = HELP.get(path) or HELP.get(inner) or HELP.get(key)
    text = helped or describe(spec.type)
    if helped:
        if isinstance(spec.type, (s.Enum, s.Date, s.Url, s.Ref)) or (isinstance(spec.type, s.ListOf) and isinstance(spec.type.item, s.Ref)):
            text += " ; " + describe(spec.type)
    return ("(requis) " if spec.required else "") + text


def _line(indent: str, body: str, comment: str, commented: bool) -> str:
    # A commented-out field keeps its indentation after the "#": "#   - person:".
    text = f"{'# ' if commented else ''}{indent}{body}"
    return f"{text.ljust(COMMENT_COLUMN - 1)} # {comment}".rstrip() if comment else text


def _flow(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(values) + "]"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def struct_lines(struct: s.Struct, path: str, indent: str, values: dict[str, str], commented: bool, first_prefix: str = "") -> list[str]:
    """One line per field of a struct (nested structs and lists below their key), in spec order."""
    out: list[str] = []
    for key, spec in struct.fields.items():
        fpath = f"{path}.{key}" if path else key
        ind = first_prefix if (first_prefix and not out) else indent
        is_commented = commented or (not spec.required and key not in values)
        ftype = spec.type
        if key in values:
            out.append(_line(ind, f"{key}: {values[key]}", _comment(fpath, spec), False))
        elif isinstance(ftype, s.ListOf) and isinstance(ftype.item, s.Struct) and ftype.item is not s.SOURCE_REF:
            # A list of blocks (participants, claims, notes…): one item shown in full, or as
            # many as the list needs at least when it is required (a contradiction's sides).
            out.append(_line(ind, f"{key}:", _comment(fpath, spec), is_commented))
            item_commented = is_commented or bool(ftype.item.shorthand)
            for _ in range(max(1, ftype.min_len) if spec.required else 1):
                out += struct_lines(ftype.item, fpath, indent + "    ", {}, item_commented, indent + "  - ")
        elif isinstance(ftype, s.ListOf):
            out.append(_line(ind, f"{key}: []", _comment(fpath, spec), is_commented))
        elif isinstance(ftype, s.Struct):
            out.append(_line(ind, f"{key}:", _comment(fpath, spec), is_commented))
            out += struct_lines(ftype, fpath, indent + "  ", {}, is_commented)
        else:
            empty = '""' if isinstance(ftype, (s.Text, s.Date, s.Url)) else ""
            out.append(_line(ind, f"{key}: {empty}".rstrip(), _comment(fpath, spec), is_commented))
    return out


def scaffold(req: Request) -> str:
    """The text of a new record: modeline, a short guide, then every field of the kind."""
    kind = kinds.kind(req.kind)
    values: dict[str, str] = {kind.naming_field: _quoted(req.name)}
    if req.date and kind.date_field:
        values[kind.date_field] = _quoted(req.date)
        values[kind.date_field + "_basis"] = ""  # left for the contributor: how the articles give the date
    if req.url and req.kind == "sources":
        values["url"] = _quoted(req.url)
    if req.kind == "sources":
        values["language"] = "fr"
    if req.sources:
        values["sources"] = _flow(req.sources)
    head = [
        modeline(req.kind),
        f"# Nouvelle fiche ({kinds.kind(req.kind).label}). Remplissez les champs (requis) laissés vides, décommentez",
        "# ceux qui servent (retirez « # ») et supprimez les autres ; puis lancez `make check`.",
    ]
    # Paths start with the kind, so HELP can say `sources.title` apart from other titles.
    body = struct_lines(s.KIND_SPECS[req.kind], req.kind, "", values, False)
    text, problem = format_text("\n".join(head + body) + "\n", req.kind)
    assert problem is None, problem  # a scaffold is always well-formed YAML
    return text


def derive_id(req: Request) -> str:
    """The id from the name (and date): events `2021-09-22-rencontre-helsinki`, sources `…-2021`."""
    if req.id:
        return req.id
    # Apostrophes and dashes separate words (l’annonce, Milley–Guérassimov) before accents go.
    slug = slugify(re.sub(r"[\W_]+", " ", req.name))
    words = [w for w in slug.split("-") if w and w not in _STOPWORDS] or slug.split("-")
    if req.kind == "events":
        base = "-".join(([req.date] if req.date else []) + words[:6])
    elif req.kind == "sources":  # the house style: outlet, subject, year (afp-helsinki-2021)
        outlet = _outlet(req.url)
        base = "-".join(([outlet] if outlet else []) + [w for w in words if w != outlet][: 3 if outlet else 4] + ([req.date[:4]] if req.date else []))
    else:
        base = "-".join(words[:8])
    return base[:MAX_SLUG].rstrip("-")


def _outlet(url: Optional[str]) -> Optional[str]:
    """The outlet a source's address names, as an id word: https://www.algerie24.com/… -> algerie24."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return None
    labels = [label for label in host.split(".")[:-1] if label not in _HOST_NOISE]  # the top-level domain aside
    return slugify(labels[-1]) or None if labels else None


def _scalar(root: Map, key: str) -> Optional[str]:
    for k, v in root.items:
        if k.text == key and isinstance(v, Scalar):
            return v.text
    return None


def _names(root: Map) -> list[str]:
    out = [_scalar(root, "name") or ""]
    for k, v in root.items:
        if k.text == "aliases" and isinstance(v, Seq):
            for item in v.items:  # a plain alias, or a mapping with a name (a nested list names nothing)
                if isinstance(item, Scalar):
                    out.append(item.text)
                elif isinstance(item, Map):
                    out.append(_scalar(item, "name") or "")
    return [n for n in out if n]


def existing(data_dir: Path, root: Path, kind: str) -> list[tuple[str, Map]]:
    """The parsable records of one kind, as (display path, mapping); broken files are skipped."""
    out = []
    for file in sorted((data_dir / kind).glob("*.yaml")) if (data_dir / kind).is_dir() else []:
        raw, _ = load_file(file, kind, file.relative_to(root).as_posix())
        if raw is not None:
            out.append((raw.path, raw.root))
    return out


def problems(req: Request, data_dir: Path, root: Path, rid: str) -> list[str]:
    """Why the new file should not be written: id taken, URL already recorded, a near-duplicate name."""
    out = []
    for kind in r.KINDS:
        path = data_dir / kind / f"{rid}.yaml"
        if not path.exists():
            continue
        shown = path.relative_to(root).as_posix()
        if kind == req.kind and not req.id:
            out.append(f"cette fiche existe déjà : {shown} ; citez-la par son identifiant « {rid} » (ou, si c’est une autre {kinds.kind(kind).label}, choisissez un identifiant avec --id)")
            return out
        out.append(f"l’identifiant « {rid} » existe déjà : {shown} ; choisissez-en un autre avec --id")
    if req.kind == "sources" and req.url:
        wanted = canonical_url(req.url)
        for where, rec in existing(data_dir, root, "sources"):
            for key in ("url", "archive_url"):
                found = _scalar(rec, key)
                if found and canonical_url(found) == wanted:
                    out.append(f"déjà présent : {where} ({key}: {found}) ; complétez cette fiche plutôt que d’en créer une autre")
    if req.kind in ("people", "organisations", "places") and not req.allow_similar:
        key = normalise(req.name)
        for where, rec in existing(data_dir, root, req.kind):
            close = [n for n in _names(rec) if similarity(key, normalise(n), people=req.kind == "people") >= THRESHOLD]
            if close:
                out.append(
                    f"nom proche d’une fiche existante : {where} (« {close[0]} ») ; si c’est la même {kinds.kind(req.kind).label}, "
                    "ajoutez la graphie à ses aliases ; sinon relancez avec --allow-similar"
                )
    return out


def create(req: Request, data_dir: Path, root: Path) -> Path:
    """Write the new record and return its path; raise NewRefused, writing nothing, on any problem."""
    if not req.name.strip():
        raise NewRefused("--name est vide : donnez le titre ou le nom de la fiche")
    for option, value in (("--name", req.name), ("--url", req.url or ""), ("--id", req.id or ""), *(("--source", x) for x in req.sources)):
        bad = charset.first_refused(value, allow_newline=False)
        if bad:
            raise NewRefused(f"{option} contient le caractère invisible ou de contrôle {bad} : retirez-le")
    if charset.looks_empty(req.name):
        raise NewRefused("--name ne montre aucun caractère visible : donnez le titre ou le nom de la fiche")
    known = {f.stem for f in (data_dir / "sources").glob("*.yaml")} if (data_dir / "sources").is_dir() else set()
    for source in req.sources:  # written into the file as they are: ids only, never YAML
        if not SLUG_RE.fullmatch(source):
            raise NewRefused(f"--source {visible(source)!r} : un identifiant de source est attendu (minuscules, chiffres, tirets), par exemple agence-2021-rencontre")
        if source not in known:
            hint = closest(source, known)
            raise NewRefused(f"--source {source} : aucune source n’a cet identifiant" + (f" ; vouliez-vous dire {hint} ?" if hint else " ; créez d’abord la fiche de la source (dossier new source)"))
    if req.kind == "events" and not req.date:
        raise NewRefused("un événement a besoin d’une date : --date AAAA, AAAA-MM ou AAAA-MM-JJ")
    if req.date:
        try:
            r.PartialDate.parse(req.date)
        except ValueError as exc:
            raise NewRefused(f"--date {req.date!r} : {exc}") from None
    if req.url:
        try:
            parts = urlsplit(req.url.strip())
            well_formed = parts.scheme in ("http", "https") and bool(parts.hostname)
        except ValueError:
            parts, well_formed = None, False
        if not well_formed or parts is None:
            raise NewRefused(f"--url {visible(req.url)!r} : une adresse http:// ou https:// complète est attendue")
        if public_url_problem(parts):
            raise NewRefused(f"--url {visible(req.url)!r} : il faut l’adresse publique de la page (sans identifiants, ni machine locale, ni réseau privé, ni port autre que 80 ou 443)")
    rid = derive_id(req)
    if id_problem(rid) is not None:
        raise NewRefused(f"identifiant « {rid} » invalide : minuscules sans accents, chiffres et tirets simples, et pas un nom réservé (index, con, nul, aux, prn, com1…, lpt1…) (--id)")
    found = problems(req, data_dir, root, rid)
    if found:
        raise NewRefused("\n".join(found))
    text = scaffold(req)  # made before the file is created: a failure leaves no empty file behind
    path = data_dir / req.kind / f"{rid}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    return path
