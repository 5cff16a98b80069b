"""The web editor's configuration (Decap CMS at /admin/), generated from the field specs.

One folder collection per kind (dossier/<kind>/*.yaml), one form field per spec field, in the
spec's order (Decap writes keys in the order of its fields, so `dossier fmt` moves nothing):
closed lists become `select` widgets, references to one kind `relation` widgets (the record's
id is its file name: Decap's `{{slug}}`), lists of structures `list` widgets, dates strings
with the validator's pattern (a date picker would write a full timestamp, never « 2021-09 »).
Labels and hints are French, from new.py's help. What a form cannot say (a reference to two
kinds, a claim `event/claim`) is a text field with the id's pattern; the validator has the
last word, as for every file.

The backend: GitHub with the editorial workflow and open authoring (a contributor without
write access works in a fork and opens a pull request), on the repository the site links to
(DOSSIER_REPO_URL); `local_backend` lets `decap-server` write to a working tree instead. The
file is written at each build (pipeline.generate), beside the committed admin page.
"""
from __future__ import annotations

import re
from typing import Any, Optional
from urllib.parse import urlsplit

import yaml

from ..contrib.editor_schema import DATE_PATTERN, SLUG_PATTERN, URL_PATTERN, modeline
from ..contrib.new import HELP, describe
from ..model import kinds
from ..model import schema as s
from ..model.validate import MAX_SLUG

# The admin page and its generated configuration, in the docs folder and the built site.
ADMIN_DIR = "admin"
CONFIG_NAME = "config.yml"
# Where decap-server listens unless told otherwise (Decap's own default).
LOCAL_BACKEND_URL = "http://localhost:8081/api/v1"

# French labels of the fields, by YAML key (or `parent.key` where one key means two things).
LABELS = {
    "title": "Titre",
    "sources.title": "Titre (tel que publié)",
    "roles.title": "Fonction",
    "name": "Nom",
    "kind": "Type",
    "date": "Date",
    "date_basis": "Origine de la date",
    "date_outside": "Date précisée hors corpus",
    "date_printed": "Date telle qu’imprimée",
    "date_note": "Note sur la date",
    "end_date": "Date de fin",
    "end_date_basis": "Origine de la date de fin",
    "end_date_outside": "Date de fin précisée hors corpus",
    "end_date_printed": "Date de fin telle qu’imprimée",
    "published": "Date de publication",
    "published_basis": "Origine de la date de publication",
    "published_outside": "Date de publication précisée hors corpus",
    "published_printed": "Date de publication telle qu’imprimée",
    "first_published": "Première publication",
    "first_published_basis": "Origine de la date de première publication",
    "first_published_outside": "Première publication précisée hors corpus",
    "first_published_printed": "Première publication telle qu’imprimée",
    "published_note": "Note sur la date de publication",
    "from": "Depuis",
    "from_basis": "Origine de « depuis »",
    "from_outside": "« Depuis » précisé hors corpus",
    "from_printed": "« Depuis » tel qu’imprimé",
    "to": "Jusqu’à",
    "to_basis": "Origine de « jusqu’à »",
    "to_outside": "« Jusqu’à » précisé hors corpus",
    "to_printed": "« Jusqu’à » tel qu’imprimé",
    "attested": "Attestée le",
    "attested_basis": "Origine de la date d’attestation",
    "attested_outside": "Attestation précisée hors corpus",
    "attested_printed": "Attestation telle qu’imprimée",
    "outlet": "Média (site ou journal)",
    "agency": "Agence",
    "authors": "Auteurs",
    "url": "Adresse (URL)",
    "archive_url": "Copie archivée (URL)",
    "language": "Langue",
    "seed": "Copie de travail (shared/seeds)",
    "summary": "Résumé",
    "notes": "Notes",
    "text": "Texte",
    "sources": "Sources",
    "source": "Source",
    "via": "Par l’intermédiaire de",
    "note": "Note",
    "aliases": "Autres graphies",
    "article": "Article devant le nom (le, la, les, aucun)",
    "search_only": "Graphies pour la recherche seulement",
    "roles": "Fonctions",
    "organisation": "Organisation",
    "country": "Pays",
    "description": "Description",
    "parent": "Organisation parente",
    "affiliation": "Propriété ou tutelle",
    "status": "Statut",
    "within": "Situé dans",
    "coordinates": "Coordonnées",
    "lat": "Latitude",
    "lon": "Longitude",
    "related": "Fiches liées",
    "places": "Lieux",
    "place": "Lieu",
    "basis": "Origine",
    "participants": "Participants",
    "person": "Personne",
    "role": "Rôle",
    "organisations": "Organisations",
    "topics": "Thèmes",
    "claims": "Déclarations",
    "id": "Identifiant",
    "by": "Auteur (identifiant d’une personne ou d’une organisation)",
    "quote": "Citation exacte",
    "quote_language": "Langue de la citation",
    "translation": "Traduction",
    "translation.from": "Langue d’origine",
    "translation.by": "Traduit par (identifiant)",
    "sides": "Positions",
    "label": "Intitulé",
    "events": "Événements",
    "noted_by": "Relevée par",
    "assessment": "Évaluation",
}
_DATE_HINT = "AAAA, AAAA-MM ou AAAA-MM-JJ (2021, 2021-09 ou 2021-09-22)"


def label(path: str) -> str:
    """The French label of a field at `path` (`claims.translation.from`), or its key made readable."""
    parts = path.split(".")
    for size in range(min(len(parts), 2), 0, -1):
        found = LABELS.get(".".join(parts[-size:]))
        if found:
            return found
    return parts[-1].replace("_", " ").capitalize()


# Where new.py's help speaks of the YAML (`{source: x, via: [y]}`), the form's own words.
FORM_HELP = {
    "sources": "les sources qui l’appuient : tapez une partie de leur titre",
    "participants": "les personnes présentes : tapez une partie du nom (le rôle s’ajoute dans le fichier)",
    "noted_by": "sources qui relèvent elles-mêmes le désaccord : tapez une partie de leur titre",
    "via": "le média qui relaie (« selon le WSJ ») : tapez une partie du nom",
}


def hint(path: str, ftype: s.FieldType) -> str:
    """The French help of a field: the form's or new.py's, else the description of its type."""
    parts = path.split(".")
    helps = {**HELP, **FORM_HELP}
    helped = next((helps[".".join(parts[-size:])] for size in (2, 1) if ".".join(parts[-size:]) in helps), "")
    if _is_relation(ftype):
        return helped or "tapez une partie du nom ou du titre, puis choisissez"
    if isinstance(ftype, s.Date):
        return f"{helped} ; {_DATE_HINT}" if helped else _DATE_HINT
    if isinstance(ftype, s.Enum):  # the select shows the values
        return helped
    if isinstance(ftype, (s.Text, s.Struct)) or (isinstance(ftype, s.ListOf) and isinstance(ftype.item, s.Struct) and ftype.item.shorthand is None):
        return helped
    return f"{helped} ; {describe(ftype)}" if helped else describe(ftype)


def repo_name(repo_url: Optional[str]) -> Optional[str]:
    """`https://github.com/owner/name` -> `owner/name`; None for any other address."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git").split("/")
    if parts.hostname not in ("github.com", "www.github.com") or len(path) != 2 or not all(path):
        return None
    return "/".join(path)


def config(
    repo_url: Optional[str] = None, auth_url: Optional[str] = None, branch: str = "main", local_backend: str | bool = True, site_url: str = "../",
) -> dict[str, Any]:
    """The whole Decap configuration. Without a GitHub repository the editor works only
    against `decap-server` (the proxy backend), as on a contributor's machine."""
    repo = repo_name(repo_url)
    if repo:
        backend: dict[str, Any] = {"name": "github", "repo": repo, "branch": branch, "open_authoring": True}
        if auth_url:
            backend["base_url"] = auth_url.rstrip("/")
    else:
        backend = {"name": "proxy", "proxy_url": local_backend if isinstance(local_backend, str) else LOCAL_BACKEND_URL, "branch": branch}
    backend["commit_messages"] = {
        "create": "Ajoute {{collection}} « {{slug}} » (éditeur web)",
        "update": "Modifie {{collection}} « {{slug}} » (éditeur web)",
        "delete": "Retire {{collection}} « {{slug}} » (éditeur web)",
        "uploadMedia": "Ajoute « {{path}} »",
        "deleteMedia": "Retire « {{path}} »",
        "openAuthoring": "{{message}}",
    }
    out: dict[str, Any] = {
        "backend": backend,
        "local_backend": {"url": local_backend} if isinstance(local_backend, str) else local_backend,
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        # The "back to the site" link in the editor's header.
        "site_url": site_url,
        "display_url": site_url,
        # No media: records are text; Decap requires the setting all the same.
        "media_folder": "docs/admin/media",
        "public_folder": "/admin/media",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection(k.name) for k in kinds.REGISTRY],
    }
    return out


def collection(kind: str) -> dict[str, Any]:
    """One kind's folder collection."""
    k = kinds.kind(kind)
    spec = s.KIND_SPECS[kind]
    naming = k.naming_field
    # The id house style (new.derive_id): events start with their date, sources end with their year.
    room = MAX_SLUG - 16
    if kind == "events":
        slug = f"{{{{fields.date}}}}-{{{{fields.{naming} | truncate({room}, '')}}}}"
    elif kind == "sources":
        slug = f"{{{{fields.{naming} | truncate({room}, '')}}}}-{{{{fields.published | truncate(4, '')}}}}"
    else:
        slug = f"{{{{fields.{naming} | truncate({room}, '')}}}}"
    summary = f"{{{{fields.date}}}} · {{{{fields.{naming}}}}}" if kind == "events" else f"{{{{fields.{naming}}}}}"
    return {
        "name": kind,
        "label": k.title,
        "label_singular": k.label,
        "description": f"Les fiches {k.plural.lower()} du dossier (dossier/{kind}/). L’identifiant d’une nouvelle fiche, le nom de son fichier, est tiré du {'titre' if naming == 'title' else 'nom'} à l’enregistrement.",
        "folder": f"dossier/{kind}",
        "format": "yaml",
        "extension": "yaml",
        "create": True,
        "delete": False,
        "identifier_field": naming,
        "slug": slug,
        "summary": summary,
        "sortable_fields": [f for f in ("date", naming) if f in spec.fields],
        "editor": {"preview": False},
        "fields": _with_modeline(fields(spec, kind), kind),
    }


def _with_modeline(form: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    """Decap writes a field's `comment` above its key: on the first field, the editor modeline
    `dossier fmt` puts on a record's first line."""
    form[0] = {**form[0], "comment": modeline(kind).removeprefix("# ")}
    return form


def fields(struct: s.Struct, parent: str) -> list[dict[str, Any]]:
    # A required date needs its basis (the validator says so): the form asks for both.
    needed = {f"{group.key}_basis" for group in struct.dates if struct.fields[group.key].required}
    return [field(key, spec, f"{parent}.{key}" if parent else key, key in needed) for key, spec in struct.fields.items()]


def field(key: str, spec: s.Spec, path: str, needed: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {"label": label(path), "name": key}
    if not (spec.required or needed):
        out["required"] = False
    about = hint(path, spec.type)
    if about:
        out["hint"] = about
    out.update(widget(spec.type, path, spec.required))
    return out


def widget(ftype: s.FieldType, path: str, required: bool = False) -> dict[str, Any]:
    """The widget options of a type."""
    if isinstance(ftype, s.Text):
        return {"widget": "text" if ftype.multiline else "string", "pattern": [f"^[\\s\\S]{{0,{ftype.max_len}}}$", f"{ftype.max_len} caractères au plus"]}
    if isinstance(ftype, s.Slug):
        return {"widget": "string", "pattern": [SLUG_PATTERN, "minuscules sans accents, chiffres et tirets simples"]}
    if isinstance(ftype, s.Date):
        return {"widget": "string", "pattern": [_js(DATE_PATTERN), f"une date {_DATE_HINT}"]}
    if isinstance(ftype, s.Url):
        return {"widget": "string", "pattern": [_js(URL_PATTERN), "une adresse http:// ou https://"]}
    if isinstance(ftype, s.Enum):
        return {"widget": "select", "options": [{"label": f"{text} ({value})", "value": value} for value, text in ftype.values.items()]}
    if isinstance(ftype, s.Number):
        return {"widget": "number", "value_type": "float", "min": ftype.low, "max": ftype.high}
    if isinstance(ftype, s.Ref):
        return _relation(ftype, multiple=False)
    if isinstance(ftype, s.ClaimRef):
        return {"widget": "string", "pattern": [_js(_claim_pattern()), "id-événement/id-déclaration"]}
    if isinstance(ftype, s.Struct):
        return {"widget": "object", "collapsed": False, "fields": fields(ftype, path)}
    if isinstance(ftype, s.ListOf):
        return _list(ftype, path, required)
    raise TypeError(f"unknown field type {ftype!r}")  # a bug in schema.py


def _list(ftype: s.ListOf, path: str, required: bool) -> dict[str, Any]:
    item = ftype.item
    # A struct written by its shorthand (a source's id, a participant's id, an alias's name):
    # the form offers the shorthand, the short form the dossier writes most.
    if isinstance(item, s.Struct) and item.shorthand is not None:
        item = item.fields[item.shorthand].type
    if isinstance(item, s.Ref) and len(item.kinds) == 1:
        out = _relation(item, multiple=True)
        if ftype.min_len:
            out["min"] = ftype.min_len
        out["max"] = ftype.max_len
        return out
    out = {"widget": "list", "max": ftype.max_len}
    if ftype.min_len:
        out["min"] = ftype.min_len
    if isinstance(item, s.Struct):
        out.update({"collapsed": False, "fields": fields(item, path)})
        first = next(iter(item.fields))
        out["summary"] = f"{{{{fields.{first}}}}}"
    else:
        out["field"] = {"label": label(path), "name": path.rsplit(".", 1)[-1], **widget(item, path)}
    return out


def _is_relation(ftype: s.FieldType) -> bool:
    """A field the form fills with a relation widget (one kind's records, by name)."""
    if isinstance(ftype, s.ListOf):
        ftype = ftype.item
        if isinstance(ftype, s.Struct) and ftype.shorthand is not None:
            ftype = ftype.fields[ftype.shorthand].type
    return isinstance(ftype, s.Ref) and len(ftype.kinds) == 1


def _relation(ref: s.Ref, multiple: bool) -> dict[str, Any]:
    if len(ref.kinds) != 1:  # Decap's relation widget reads one collection: the id is typed
        return {"widget": "string", "pattern": [SLUG_PATTERN, "l’identifiant de la fiche (le nom de son fichier, sans .yaml)"]}
    target = kinds.kind(ref.kinds[0])
    name = target.naming_field
    out: dict[str, Any] = {
        "widget": "relation",
        "collection": target.name,
        "value_field": "{{slug}}",
        "search_fields": [name],
        "display_fields": [name],
        "options_length": 50,
        "multiple": multiple,
    }
    if ref.place_kind:
        out["filters"] = [{"field": "kind", "values": [ref.place_kind]}]
    return out


def _claim_pattern() -> str:
    body = SLUG_PATTERN.removeprefix("^").removesuffix("$")
    return f"^{body}/{body}$"


def _js(pattern: str) -> str:
    """A Python pattern as a JavaScript RegExp reads it (no inline flags, no possessives here)."""
    return re.sub(r"\\Z", "$", pattern)


def config_yaml(**options: Any) -> str:
    """The configuration file's text: generated, deterministic, with a header saying so."""
    header = (
        "# Generated by `dossier build` (and the MkDocs hook) from scripts/dossiergen/model/schema.py:\n"
        "# do not edit; see scripts/dossiergen/contrib/decap.py.\n"
    )
    return header + yaml.safe_dump(config(**options), allow_unicode=True, sort_keys=False, width=120)
