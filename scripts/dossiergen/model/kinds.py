"""The record kinds, declared once: every per-kind name, label and address is read from here.

A new kind is one entry here, its dataclass in records.py, its fields in schema.py and its two
templates (pages/templates/page/<singular>.md.j2 and index/<singular>.md.j2).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # "events": its folder in dossier/, its key in the model and in the JSON download
    singular: str  # "event": its templates, its JSON Schema, `dossier new event`
    label: str  # "événement": what the site and the contributors' messages call one record
    folder: str  # "evenements": the folder of its pages in the site (their URL)
    title: str  # "Événements": its index page's title, and the heading of backlinks from it
    plural: str  # "Événements": many records of the kind (the search's filter)
    naming_field: str  # the field that names a record: "title" or "name"
    date_field: str | None = None  # the field `dossier new --date` fills
    feminine: bool = False  # the gender of `label`, for « un événement », « une source »
    og_type: str = "article"  # OpenGraph type of its pages
    alike_names: bool = False  # two records with close names are likely one (similar.py)

    @property
    def a_label(self) -> str:
        """« un événement », « une source »."""
        return ("une " if self.feminine else "un ") + self.label


REGISTRY: tuple[Kind, ...] = (
    Kind("events", "event", "événement", "evenements", "Événements", "Événements", "title", date_field="date"),
    Kind("sources", "source", "source", "sources", "Sources", "Sources", "title", date_field="published", feminine=True),
    Kind("people", "person", "personne", "personnes", "Personnes", "Personnes", "name", feminine=True, og_type="profile", alike_names=True),
    Kind("organisations", "organisation", "organisation", "organisations", "Organisations", "Organisations", "name", feminine=True, alike_names=True),
    Kind("places", "place", "lieu", "lieux", "Lieux", "Lieux", "name", alike_names=True),
    Kind("topics", "topic", "thème", "themes", "Thèmes", "Thèmes", "name"),
    Kind("contradictions", "contradiction", "contradiction", "contradictions", "Contradictions et tensions", "Contradictions", "title", feminine=True),
)
KINDS: tuple[str, ...] = tuple(kind.name for kind in REGISTRY)
_BY_NAME = {kind.name: kind for kind in REGISTRY}
_BY_SINGULAR = {kind.singular: kind for kind in REGISTRY}


def kind(name: str) -> Kind:
    """The kind called `name` ("events"); KeyError for any other name."""
    return _BY_NAME[name]


def by_singular(singular: str) -> Kind | None:
    """The kind whose singular is `singular` ("event"), or None."""
    return _BY_SINGULAR.get(singular)
