"""The stages in order, shared by the CLI and the MkDocs hook."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .config import Settings
from .errors import DossierError
from .export import to_json
from .feeds import download_files
from .load import load_dossier
from .model import Dossier, build
from .render import make_env, render
from .validate import validate
from .write import WriteStats, write_tree


def check(settings: Settings) -> Dossier:
    """Load, validate and build the model; raise DossierError with every problem."""
    raws, diagnostics = load_dossier(settings.data_dir, settings.root)
    records, more = validate(raws, settings.today)
    diagnostics += more
    if diagnostics:
        raise DossierError(diagnostics)
    return build(records)


def pages(settings: Settings) -> tuple[Dossier, dict[PurePosixPath, str]]:
    """Check, then render every page in memory."""
    dossier = check(settings)
    return dossier, render(dossier, make_env(), settings.pages_url)


@dataclass(frozen=True)
class Generated:
    dossier: Dossier
    stats: WriteStats


def generate(settings: Settings) -> Generated:
    """Check and render everything first; only then write, so bad data writes nothing."""
    dossier, rendered = pages(settings)
    return Generated(dossier, write_tree(settings.out_dir, rendered))


def downloads(dossier: Dossier, settings: Settings) -> dict[PurePosixPath, bytes]:
    """Every file offered for download (JSON, CSV, Atom, CSL-JSON, BibTeX), by its path in the site."""
    files = {settings.export_name: to_json(dossier, settings.site_prefix).encode("utf-8")}
    files.update(download_files(dossier, settings.site_url, settings.site_prefix))
    return dict(sorted(files.items()))
