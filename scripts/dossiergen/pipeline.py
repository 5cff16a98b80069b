"""The stages in order, shared by the CLI and the MkDocs hook."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from .config import Settings
from .errors import Diagnostic, DossierError, is_error
from .export import to_json
from .feeds import download_files
from .load import load_dossier, record_ids
from .model import Dossier, build
from .render import make_env, render
from .similar import duplicate_urls, near_duplicates
from .validate import validate
from .write import WriteStats, write_tree


def review(settings: Settings) -> tuple[Dossier, list[Diagnostic]]:
    """Load, validate and build the model, with the warnings; raise DossierError on any error."""
    raws, diagnostics = load_dossier(settings.data_dir, settings.root)
    loaded = {(raw.kind, raw.id) for raw in raws}
    unreadable = frozenset(key for key in record_ids(settings.data_dir) if key not in loaded)
    records, more = validate(raws, settings.today, unreadable)
    diagnostics += more + near_duplicates(records, raws) + duplicate_urls(records, raws)
    if any(is_error(d) for d in diagnostics):
        raise DossierError(diagnostics)
    return build(records), sorted(set(diagnostics))


def check(settings: Settings) -> Dossier:
    """Load, validate and build the model; raise DossierError with every problem."""
    return review(settings)[0]


def pages(settings: Settings) -> tuple[Dossier, dict[PurePosixPath, str]]:
    """Check, then render every page in memory."""
    dossier = check(settings)
    return dossier, render(dossier, make_env(), settings.pages_url, settings.repo_url)


@dataclass(frozen=True)
class Generated:
    dossier: Dossier
    stats: WriteStats
    warnings: tuple[Diagnostic, ...] = ()


def generate(settings: Settings) -> Generated:
    """Check and render everything first; only then write, so bad data writes nothing."""
    dossier, warnings = review(settings)
    rendered = render(dossier, make_env(), settings.pages_url, settings.repo_url)
    return Generated(dossier, write_tree(settings.out_dir, rendered), tuple(warnings))


def downloads(dossier: Dossier, settings: Settings) -> dict[PurePosixPath, bytes]:
    """Every file offered for download (JSON, CSV, Atom, CSL-JSON, BibTeX), by its path in the site."""
    files = {settings.export_name: to_json(dossier, settings.site_prefix).encode("utf-8")}
    files.update(download_files(dossier, settings.site_url, settings.site_prefix))
    return dict(sorted(files.items()))
