"""The public data download, built from the model (never from raw YAML)."""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import PurePosixPath
from typing import Any

from . import records as r
from . import schema as s
from .model import Dossier
from .render import claim_anchor, page_path

FORMAT_VERSION = 1


def record_url(prefix: PurePosixPath, kind: str, rid: str, anchor: str | None = None) -> str:
    """A record's page URL relative to the site root, as MkDocs serves it (directory URLs)."""
    url = f"{prefix / page_path(kind, rid).with_suffix('')}/"
    return f"{url}#{anchor}" if anchor else url


def to_data(value: Any, ftype: s.FieldType) -> Any:
    """A typed value as JSON data, with the YAML field names (`from`, `to`)."""
    if value is None:
        return None
    if isinstance(ftype, s.ListOf):
        return [to_data(item, ftype.item) for item in value]
    if isinstance(ftype, s.Struct):
        names = {f.name for f in fields(value)}
        return {key: to_data(getattr(value, spec.attr or key), spec.type) for key, spec in ftype.fields.items() if (spec.attr or key) in names}
    if isinstance(value, r.PartialDate):
        return value.iso()
    return value


def export(dossier: Dossier, prefix: PurePosixPath) -> dict[str, Any]:
    """One object with a list per kind, plus every claim; each entry has `id` and `url`."""
    data: dict[str, Any] = {"format": FORMAT_VERSION, "title": "Le dossier : chefs d’état-major américain et russe, bases en Asie centrale"}
    for kind in r.KINDS:
        entries = []
        for record in dossier.all(kind):
            fields_data = to_data(record, s.KIND_SPECS[kind])
            # `url` is the record's page on the site; a source's own web address moves aside.
            if "url" in fields_data:
                fields_data["original_url"] = fields_data.pop("url")
            entry = {"id": record.id, "url": record_url(prefix, kind, record.id), "file": record.path, **fields_data}
            entries.append(entry)
        data[kind] = entries
    claims = []
    for item in dossier.claims():
        fields_data = to_data(item.claim, s.CLAIM)
        del fields_data["id"]  # unique only within its event: the export's id says which event
        entry = {"id": f"{item.event.id}/{item.claim.id}", "event": item.event.id, "url": record_url(prefix, "events", item.event.id, claim_anchor(item.claim.id)), **fields_data}
        claims.append(entry)
    data["claims"] = claims
    return data


def to_json(dossier: Dossier, prefix: PurePosixPath) -> str:
    """Deterministic JSON text: same records, same bytes."""
    return json.dumps(export(dossier, prefix), ensure_ascii=False, indent=1) + "\n"
