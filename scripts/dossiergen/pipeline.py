"""The stages in order, shared by the CLI and the MkDocs hook."""
from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import pickle
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .config import Settings
from .core.errors import Diagnostic, DossierError, is_error
from .core.write import WriteStats, close_tree, open_tree, write_changed, write_page, write_tree
from .downloads.export import json_chunks, to_json
from .downloads.feeds import download_files, each_download
from .downloads.feeds import download_paths as feed_paths
from .model.dossier import Dossier, Reads, build
from .model.load import load_dossier
from .model.similar import duplicate_urls, near_duplicates
from .model.validate import validate
from .pages.render import TEMPLATES, make_env, page_path, render


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Our stages allocate millions of small objects and make few reference cycles. With
    Python's default thresholds (700, 10, 10) the cyclic collector walks everything alive
    again and again: 3.4 s of 17 at 5,000 events. Collect rarely while they run."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*old)


@fewer_collections()
def review(settings: Settings, cache: dict | None = None, later: list[Callable[[], list[Diagnostic]]] | None = None) -> tuple[Dossier, list[Diagnostic]]:
    """Load, validate and build the model, with the warnings; raise DossierError on any error.

    `cache` keeps parsed files and their field checks between calls (see load_dossier and
    validate). With `later`, the checks that can only warn (near-duplicate names) are not
    run but appended to it, for a caller that runs them beside other work (Beside)."""
    files = cache.setdefault("files", {}) if cache is not None else None
    memo = cache.setdefault("checked", {}) if cache is not None else None
    on_disk: set[tuple[str, str]] = set()
    raws, diagnostics = load_dossier(settings.data_dir, settings.root, files, on_disk)
    unreadable = frozenset(on_disk - {(raw.kind, raw.id) for raw in raws})
    records, more = validate(raws, settings.today, unreadable, memo)
    if memo is not None:  # forget files that are gone or were re-read
        live = {id(raw) for raw in raws}
        for key in [k for k in memo if k not in live]:
            del memo[key]
    diagnostics += more + duplicate_urls(records, raws)
    if later is None:
        diagnostics += near_duplicates(records, raws)
    else:
        later.append(functools.partial(near_duplicates, records, raws))
    if any(is_error(d) for d in diagnostics):
        raise DossierError(diagnostics)
    return build(records), sorted(set(diagnostics))


def check(settings: Settings) -> Dossier:
    """Load, validate and build the model; raise DossierError with every problem."""
    return review(settings)[0]


@fewer_collections()
def pages(settings: Settings) -> tuple[Dossier, dict[PurePosixPath, str]]:
    """Check, then render every page in memory."""
    dossier = check(settings)
    return dossier, render(dossier, make_env(), settings.pages_url, settings.repo_url)


@dataclass(frozen=True)
class Generated:
    dossier: Dossier
    stats: WriteStats
    warnings: tuple[Diagnostic, ...] = ()


@fewer_collections()
def generate(settings: Settings, later: list[Callable[[], list[Diagnostic]]] | None = None) -> Generated:
    """Check everything first, so bad data writes nothing; then render and write each page
    (only if its text changed) as it is made, and remove the pages gone."""
    dossier, warnings = review(settings, later=later)
    open_tree(settings.out_dir, settings.root)
    written = render(dossier, make_env(), settings.pages_url, settings.repo_url, sink=functools.partial(write_page, settings.out_dir))
    return Generated(dossier, close_tree(settings.out_dir, written), tuple(warnings))


@fewer_collections()
def downloads(dossier: Dossier, settings: Settings) -> dict[PurePosixPath, bytes]:
    """Every file offered for download (JSON, CSV, Atom, CSL-JSON, BibTeX), by its path in the site."""
    files = {settings.export_name: to_json(dossier, settings.site_prefix).encode("utf-8")}
    files.update(download_files(dossier, settings.site_url, settings.site_prefix))
    return dict(sorted(files.items()))


def download_paths(settings: Settings) -> list[PurePosixPath]:
    """The paths of downloads(), known before they are made."""
    return sorted([settings.export_name, *feed_paths()])


class Beside:
    """The downloads and the warning-only checks, made in a forked process while MkDocs converts
    the pages: MkDocs uses one core, and this work needs none of its results.

    `start` forks (or, where forking is unsafe, works at once); the files appear under `dir`
    by their paths in the site; `join` waits and returns the warnings, or raises
    BesideFailed; `close` removes `dir`.
    """

    def __init__(self, folder: Path, process: Any = None) -> None:
        self.dir = folder
        self._process = process

    @classmethod
    def start(cls, dossier: Dossier, settings: Settings, checks: list[Callable[[], list[Diagnostic]]]) -> "Beside":
        folder = Path(tempfile.mkdtemp(prefix="dossier-downloads-"))
        if threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
            _make_beside(dossier, settings, checks, folder)  # under `mkdocs serve` (threads): at once
            return cls(folder)
        process = multiprocessing.get_context("fork").Process(target=_beside_process, args=(dossier, settings, checks, folder), daemon=True)
        process.start()
        return cls(folder, process)

    def join(self) -> list[Diagnostic]:
        if self._process is not None:
            self._process.join()
            code, self._process = self._process.exitcode, None
            if code:
                problem = self.dir / _FAILED
                raise BesideFailed(problem.read_text(encoding="utf-8") if problem.is_file() else f"the process stopped with code {code}")
        return pickle.loads((self.dir / _WARNINGS).read_bytes())

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._process = None
        shutil.rmtree(self.dir, ignore_errors=True)


class BesideFailed(Exception):
    """Making the downloads failed (a bug, not bad data: the data was checked before)."""


_WARNINGS, _FAILED = ".warnings.pickle", ".failed.txt"


def _make_beside(dossier: Dossier, settings: Settings, checks: list[Callable[[], list[Diagnostic]]], folder: Path) -> None:
    """The downloads of downloads(), written one by one as they are made (the JSON in pieces): never all in memory."""
    with fewer_collections():
        target = folder / settings.export_name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="") as out:
            out.writelines(json_chunks(dossier, settings.site_prefix))
        for path, content in each_download(dossier, settings.site_url, settings.site_prefix):
            target = folder / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    warnings = sorted({d for check in checks for d in check()})
    (folder / _WARNINGS).write_bytes(pickle.dumps(warnings))


def _beside_process(*args: Any) -> None:
    folder = args[-1]
    try:
        _make_beside(*args)
    except Exception as exc:  # join() in the parent reports it and fails the build
        (folder / _FAILED).write_text(f"{type(exc).__name__}: {exc}", encoding="utf-8")
        sys.exit(1)


class Preview:
    """The last build, kept by the MkDocs hook under `mkdocs serve`: an edit re-renders only
    the pages it can change, and re-parses only the files it touched.

    Each record page is rendered through a model that notes what the page reads (which
    records, whose backlinks, which whole kinds): after an edit, a page is rendered again
    when it read a changed record, listed the backlinks of a record that a changed record
    links to (before or after the edit), or read a changed record's kind whole. Index pages
    are always rendered again. `make site` never uses this: it always renders everything.
    """

    def __init__(self) -> None:
        self.cache: dict = {}
        self.dossier: Dossier | None = None
        self.pages: dict[PurePosixPath, str] = {}
        self.reads: dict[tuple[str, str], Reads] = {}
        self.templates: tuple = ()

    @fewer_collections()
    def generate(self, settings: Settings) -> Generated:
        dossier, warnings = review(settings, self.cache)
        env = make_env()
        old, self.dossier = self.dossier, dossier
        # An edited template changes every page of its kind: render everything again.
        templates = tuple(sorted((str(p), p.stat().st_mtime_ns) for p in TEMPLATES.rglob("*.j2")))
        fresh_templates, self.templates = templates != self.templates, templates
        changed = changed_records(old, dossier) if old is not None and not fresh_templates else None
        if changed is None:
            self.reads = {}
            pages = render(dossier, env, settings.pages_url, settings.repo_url, reads=self.reads)
        elif not changed:
            pages = self.pages
        else:
            assert old is not None
            affected = stale(changed, old, dossier, self.reads)
            fresh_reads: dict[tuple[str, str], Reads] = {}
            fresh = render(dossier, env, settings.pages_url, settings.repo_url, only=affected, reads=fresh_reads)
            gone = {key for key in changed if key[1] not in dossier.records[key[0]]}
            self.reads = {k: v for k, v in self.reads.items() if k not in gone} | fresh_reads
            pages = dict(sorted({**{p: t for p, t in self.pages.items() if p not in {page_path(*k) for k in gone}}, **fresh}.items()))
        if old is None:
            stats = write_tree(settings.out_dir, pages, settings.root)
        else:  # the files on disk are the last pages: compare in memory, touch only the changed ones
            stats = write_changed(settings.out_dir, self.pages, pages)
        self.pages = pages
        return Generated(dossier, stats, tuple(warnings))


def changed_records(old: Dossier, new: Dossier) -> set[tuple[str, str]]:
    """(kind, id) of every record added, removed or edited between two models."""
    out = set()
    for kind in new.records:
        before, after = old.records[kind], new.records[kind]
        out.update((kind, rid) for rid in before.keys() ^ after.keys())
        out.update((kind, rid) for rid in before.keys() & after.keys() if before[rid] != after[rid])
    return out


def stale(changed: set[tuple[str, str]], old: Dossier, new: Dossier, reads: dict[tuple[str, str], Reads]) -> set[tuple[str, str]]:
    """The record pages an edit makes stale, from what each page read when it was last rendered."""
    relinked = {(link.target_kind, link.target_id) for model in (old, new) for link in model.links if (link.owner_kind, link.owner_id) in changed}
    kinds = {kind for kind, _ in changed}
    out = {key for key in changed if key[1] in new.records[key[0]]}
    for key, read in reads.items():
        if key[1] in new.records[key[0]] and (read.records & changed or read.backlinks & (relinked | changed) or read.kinds & kinds):
            out.add(key)
    return out
