"""The public data download, built from the model (never from raw YAML)."""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import PurePosixPath
from typing import Any, Iterator

from ..addresses import claim_anchor, record_url
from ..model import provenance as pv
from ..model import records as r
from ..model import schema as s
from ..model.dossier import Dossier

FORMAT_VERSION = 2
DATA_TITLE = "Le dossier : chefs d’état-major américain et russe, bases en Asie centrale"  # of the downloads



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
    if isinstance(value, r.ClaimKey):
        return str(value)
    return value


def export(dossier: Dossier, prefix: PurePosixPath) -> dict[str, Any]:
    """One object with a list per kind, plus every claim; each entry has `id` and `url`.

    Source criticism is computed, not stored: every event and claim carries
    `independent_origins` and `origins`, every citation its `chain`, every outlet its `label`.
    """
    data: dict[str, Any] = {"format": FORMAT_VERSION, "title": DATA_TITLE}
    for kind in r.KINDS:
        entries = []
        for record in dossier.all(kind):
            fields_data = to_data(record, s.KIND_SPECS[kind])
            # `url` is the record's page on the site; a source's own web address moves aside.
            if "url" in fields_data:
                fields_data["original_url"] = fields_data.pop("url")
            entry = {"id": record.id, "url": record_url(prefix, kind, record.id), "file": record.path, **fields_data}
            _criticism(dossier, record, entry)
            entries.append(entry)
        data[kind] = entries
    claims = []
    for item in dossier.claims():
        fields_data = to_data(item.claim, s.CLAIM)
        del fields_data["id"]  # unique only within its event: the export's id says which event
        author_kind = dossier.kind_of(item.claim.by, ("people", "organisations"))
        entry = {
            "id": f"{item.event.id}/{item.claim.id}",
            "event": item.event.id,
            "url": record_url(prefix, "events", item.event.id, claim_anchor(item.claim.id)),
            "speaker": {"id": item.claim.by, "kind": author_kind, "name": r.name_of(dossier.get(author_kind, item.claim.by))},
            **fields_data,
        }
        entry.update(_origins(dossier, item.claim.sources))
        entry["contradictions"] = dossier.contradictions_about(item.event.id).get(item.claim.id, [])
        claims.append(entry)
    data["claims"] = claims
    return data


def _origins(dossier: Dossier, refs: tuple[r.SourceRef, ...]) -> dict[str, Any]:
    chains = [pv.chain_of(dossier, ref) for ref in refs]
    origins = pv.distinct_origins(chains)
    return {
        "independent_origins": len(origins),
        "origins": origins,
        "state_media_only": pv.state_only(dossier, refs),
        "chains": [{"source": c.source.id, "steps": list(c.steps), "origin": c.origin} for c in chains],
    }


def _label(label: pv.Label) -> dict[str, Any]:
    return {"status": label.status, "status_label": pv.status_name(label.status), "kind": label.kind, "country": label.country, "state": label.state}


def _criticism(dossier: Dossier, record: r.Record, entry: dict[str, Any]) -> None:
    """Add the computed source criticism to one exported record."""
    if isinstance(record, r.Event):
        entry.update(_origins(dossier, record.sources))
        about = dossier.contradictions_about(record.id)
        entry["contradictions"] = about.get("", [])
        elements: list[tuple[r.EventPlace | r.Participant, dict[str, Any]]] = [*zip(record.places, entry.get("places") or []), *zip(record.participants, entry.get("participants") or [])]
        for element, element_data in elements:
            if element.sources:
                element_data["independent_origins"] = pv.independent_origins(dossier, element.sources)
                element_data["state_media_only"] = pv.state_only(dossier, element.sources)
        for claim, claim_data in zip(record.claims, entry.get("claims") or []):
            claim_data.update(_origins(dossier, claim.sources))
            claim_data["contradictions"] = about.get(claim.id, [])
    elif isinstance(record, r.Source):
        entry["label"] = _label(pv.publisher_label(dossier, record)[1])
        entry["chain"] = list(pv.chain_of(dossier, r.SourceRef(record.id)).steps)
    elif isinstance(record, r.Organisation) and pv.is_outlet(record):
        entry["label"] = _label(pv.label_of(record))
    elif isinstance(record, r.Contradiction):
        entry["involves"] = {
            "claims": sorted({str(key) for side in record.sides for key in side.claims}),
            "events": sorted({e for side in record.sides for e in side.events}),
        }
        for side, side_data in zip(record.sides, entry["sides"]):
            side_data.update(_origins(dossier, side.sources))


def to_json(dossier: Dossier, prefix: PurePosixPath) -> str:
    """Deterministic JSON text: same records, same bytes."""
    return "".join(json_chunks(dossier, prefix))


def json_chunks(dossier: Dossier, prefix: PurePosixPath) -> Iterator[str]:
    """to_json's text in pieces, for writing it without holding it whole (tens of MB at 10,000 events)."""
    for chunk in json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(export(dossier, prefix)):
        # Same data, but inert even if someone pastes the file into an HTML page or <script>.
        yield chunk.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    yield "\n"
