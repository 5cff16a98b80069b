"""The site's address scheme, in one place: where each generated page lives, its URL as the
builder serves it, the anchors inside pages, the titles of the kinds' pages.

Pages, downloads and metadata all read addresses from here. Paths are relative to the folder of
generated pages (Settings.out_dir, served at Settings.site_prefix).
"""
from __future__ import annotations

import functools
import posixpath
from pathlib import PurePosixPath

from .model import kinds

# mkdocs.yml site_name (a test keeps them equal)
DOSSIER_TITLE = "Le dossier : chefs d’état-major et bases en Asie centrale"

# The pages that are not one record's.
TIMELINE = PurePosixPath("chronologie.md")
CLAIMS = PurePosixPath("declarations.md")
LABELS = PurePosixPath("etiquettes.md")
PROBLEMS = PurePosixPath("problemes-des-sources.md")
PRINT = PurePosixPath("complet.md")
STATE_ONLY = PurePosixPath("medias-d-etat.md")
NETWORK = PurePosixPath("reseau.md")
# Hand-written pages, beside the generated folder.
CONTRIBUTE = PurePosixPath("../contribuer.md")
DATA_PAGE = PurePosixPath("../donnees.md")

# The downloads, by their paths in the site (outside the generated folder).
FEED_PATH = PurePosixPath("flux/evenements.xml")
CSL_PATH = PurePosixPath("data/sources.csl.json")
BIB_PATH = PurePosixPath("data/sources.bib")
FEED = PurePosixPath("..") / FEED_PATH  # seen from the generated folder


def csv_path(kind_name: str) -> PurePosixPath:
    """A kind's CSV download."""
    return PurePosixPath(f"data/csv/{kind_name}.csv")


def folder(kind_name: str) -> str:
    """The folder of a kind's pages: "evenements"."""
    return kinds.kind(kind_name).folder


def title(kind_name: str) -> str:
    """The title of a kind's index page: "Événements"."""
    return kinds.kind(kind_name).title


@functools.lru_cache(maxsize=None)
def page_path(kind_name: str, rid: str) -> PurePosixPath:
    """A record's page: evenements/<id>.md."""
    return PurePosixPath(kinds.kind(kind_name).folder) / f"{rid}.md"


def index_path(kind_name: str) -> PurePosixPath:
    """A kind's index page: evenements/index.md."""
    return PurePosixPath(kinds.kind(kind_name).folder) / "index.md"


@functools.lru_cache(maxsize=None)
def directory_url(path: PurePosixPath) -> PurePosixPath:
    """Where the builder serves a page: `x/index.md` at `x/`, `x/y.md` at `x/y/`."""
    return path.parent if path.name == "index.md" else path.with_suffix("")


def claim_anchor(claim_id: str) -> str:
    """The anchor of a claim on its event's page."""
    return f"declaration-{claim_id}"


def record_url(prefix: PurePosixPath, kind_name: str, rid: str, anchor: str | None = None) -> str:
    """A record's page URL relative to the site root (`prefix`: the generated folder's)."""
    url = f"{prefix / directory_url(page_path(kind_name, rid))}/"
    return f"{url}#{anchor}" if anchor else url


def page_url(base_url: str, kind_name: str, rid: str, anchor: str | None = None) -> str:
    """A record's absolute URL (`base_url`: the generated folder's, ending with a slash)."""
    url = f"{base_url}{directory_url(page_path(kind_name, rid))}/"
    return f"{url}#{anchor}" if anchor else url


def relative(target: str, start: str) -> str:
    """The link from the folder `start` to the file `target`: posixpath.relpath, computed once
    per pair of folders (pages link to thousands of targets)."""
    where, name = posixpath.split(target)
    up = _relative_folder(where or ".", start or ".")
    return name if up == "." else f"{up}/{name}"


@functools.lru_cache(maxsize=1 << 16)
def record_href(kind_name: str, rid: str, start: str) -> str:
    """relative(page_path(kind, rid), start), remembered."""
    return relative(str(page_path(kind_name, rid)), start)


@functools.lru_cache(maxsize=4096)
def _relative_folder(where: str, start: str) -> str:
    return posixpath.relpath(where, start)
