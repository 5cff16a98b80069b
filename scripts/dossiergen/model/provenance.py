"""Source criticism computed from the model: outlet labels, provenance chains, origins.

A citation is a `SourceRef`. Its chain runs from the outlet where the statement started to
the source the dossier read: the `via` outlets (recorded nearest first, so reversed here),
then the source's agency, then the outlet that published it. The chain's first outlet is
the citation's origin, counted at the level of its media group (`parent`). Citations that
share an origin are one origin: two sites republishing one wire story, or two papers
repeating the Wall Street Journal, count once.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

from ..model.dossier import Dossier
from . import records as r
from . import schema as s

STATE_STATUSES = ("state-owned", "state-affiliated")
STATE_ONLY_LABEL = "relayé uniquement par des médias d’État"
STATE_ONLY_TITLE = "Relayé uniquement par des médias d’État"  # the same, opening a sentence or a field
MEDIA_KINDS = ("news-agency", "newspaper", "broadcaster", "website")
UNIDENTIFIED = "unidentified"  # the label of a source whose publisher is not known
UNIDENTIFIED_LABEL = "média non identifié"


@dataclass(frozen=True, slots=True)
class Label:
    """What kind of outlet an organisation is and who stands behind it."""

    status: str  # an AFFILIATION_STATUSES key, or UNIDENTIFIED
    kind: Optional[str] = None  # an ORGANISATION_KINDS key
    country: Optional[r.RecordId] = None

    @property
    def state(self) -> bool:
        return self.status in STATE_STATUSES


def label_of(org: r.Organisation) -> Label:
    if org.affiliation is None:
        return Label("unknown", org.kind, org.country)
    return Label(org.affiliation.status, org.kind, org.affiliation.country or org.country)


@dataclass(frozen=True, slots=True)
class Chain:
    """How the dossier knows one cited statement: origin first, the source read last."""

    ref: r.SourceRef
    source: r.Source
    steps: tuple[r.RecordId, ...]  # organisations, from the origin to the publisher
    origin: str  # an organisation id, or "source:<id>" when nothing names the publisher


def chain_of(dossier: Dossier, ref: r.SourceRef) -> Chain:
    source = dossier.get("sources", ref.source)
    assert isinstance(source, r.Source)
    steps = list(reversed(ref.via))
    for org in (source.agency, source.outlet):
        if org and org not in steps:
            steps.append(org)
    origin = media_group(dossier, steps[0]) if steps else f"source:{source.id}"
    return Chain(ref, source, tuple(steps), origin)


def media_group(dossier: Dossier, org_id: r.RecordId) -> r.RecordId:
    """The topmost media organisation above an outlet: titles of one group are one origin."""
    seen = {org_id}
    node = dossier.get("organisations", org_id)
    assert isinstance(node, r.Organisation)
    while node.parent and node.parent not in seen:
        parent = dossier.get("organisations", node.parent)
        assert isinstance(parent, r.Organisation)
        if parent.kind not in MEDIA_KINDS:
            break
        seen.add(parent.id)
        node = parent
    return node.id


def distinct_origins(chains: Iterable[Chain]) -> list[str]:
    """The distinct origins of some chains, in order of first appearance."""
    out: list[str] = []
    for chain in chains:
        if chain.origin not in out:
            out.append(chain.origin)
    return out


def origins(dossier: Dossier, refs: Iterable[r.SourceRef]) -> list[str]:
    """The distinct origins behind some citations, in order of first citation."""
    return distinct_origins(chain_of(dossier, ref) for ref in refs)


def independent_origins(dossier: Dossier, refs: Iterable[r.SourceRef]) -> int:
    return len(origins(dossier, refs))


def state_only(dossier: Dossier, refs: Iterable[r.SourceRef]) -> bool:
    """True when every source cited is published by a state or state-affiliated outlet.

    The sources read count, not the outlets they say they relay: Sputnik citing the Wall
    Street Journal still rests on Sputnik alone.
    """
    found = False
    for ref in refs:
        source = dossier.get("sources", ref.source)
        assert isinstance(source, r.Source)
        if not publisher_label(dossier, source)[1].state:
            return False
        found = True
    return found


def publisher_label(dossier: Dossier, source: r.Source) -> tuple[Optional[r.Organisation], Label]:
    """The organisation a source is published by (outlet, else agency) and its label."""
    publisher = source.outlet or source.agency
    if publisher is None:
        return None, Label(UNIDENTIFIED)
    org = dossier.get("organisations", publisher)
    assert isinstance(org, r.Organisation)
    return org, label_of(org)


def is_outlet(org: r.Organisation) -> bool:
    """An organisation that publishes news (and so gets a label in citations)."""
    return org.kind in MEDIA_KINDS or org.affiliation is not None


def status_name(status: str) -> str:
    return UNIDENTIFIED_LABEL if status == UNIDENTIFIED else s.AFFILIATION_STATUSES[status]
