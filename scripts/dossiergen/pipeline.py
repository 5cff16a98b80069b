"""The stages in order, shared by the CLI and the MkDocs hook."""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .addresses import page_path
from .config import Settings
from .contrib.decap import ADMIN_DIR, CONFIG_NAME, config_yaml
from .contrib.editor_schema import all_schemas
from .core import write
from .core.errors import Diagnostic, DossierError, is_error
from .core.workers import Forked, WorkFailed, fork_safe
from .core.write import WriteStats, close_tree, open_tree, write_changed, write_chunks, write_file, write_page, write_tree
from .downloads.export import json_chunks, to_json
from .downloads.feeds import download_files, each_download
from .downloads.feeds import download_paths as feed_paths
from .gitlog import read_history
from .model.dossier import Dossier, Reads, build
from .model.load import FileCache, load_dossier
from .model.quotes import check_quotes, source_texts
from .model.records import Source
from .model.similar import duplicate_urls, near_duplicates
from .model.validate import CheckMemo, validate
from .pages.env import TEMPLATES, make_env
from .pages.render import RecordsBeside, render


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


@dataclass
class ReviewCache:
    """What review() keeps between calls: parsed files (load_dossier) and field checks (validate)."""

    files: FileCache = field(default_factory=dict)
    checked: CheckMemo = field(default_factory=dict)


@fewer_collections()
def review(settings: Settings, cache: ReviewCache | None = None, later: list[Callable[[], list[Diagnostic]]] | None = None) -> tuple[Dossier, list[Diagnostic]]:
    """Load, validate and build the model, with the warnings; raise DossierError on any error.

    `cache` keeps parsed files and their field checks between calls (see load_dossier and
    validate). With `later`, the checks that can only warn (near-duplicate names) are not
    run but appended to it, for a caller that runs them beside other work (Beside)."""
    files = cache.files if cache is not None else None
    memo = cache.checked if cache is not None else None
    on_disk: set[tuple[str, str]] = set()
    raws, diagnostics = load_dossier(settings.data_dir, settings.root, files, on_disk)
    unreadable = frozenset(on_disk - {(raw.kind, raw.id) for raw in raws})
    records, more = validate(raws, settings.today, unreadable, memo)
    if memo is not None:  # forget files that are gone or were re-read
        live = {id(raw) for raw in raws}
        for key in [k for k in memo if k not in live]:
            del memo[key]
    diagnostics += more + duplicate_urls(records, raws)
    sources = [rec for rec in records if isinstance(rec, Source)]
    diagnostics += check_quotes(records, raws, source_texts(settings.data_dir, settings.seeds_dir, sources))
    if later is None:
        diagnostics += near_duplicates(records, raws)
    else:
        later.append(functools.partial(near_duplicates, records, raws))
    if any(is_error(d) for d in diagnostics):
        raise DossierError(diagnostics)
    # One `git log` over the dossier folder: each record's changes, for its page and the feed.
    dossier = dataclasses.replace(build(records), history=read_history(settings.root, settings.data_dir))
    return dossier, sorted(set(diagnostics))


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
    write_schemas(dossier, settings)
    write_editor_config(settings)
    return Generated(dossier, close_tree(settings.out_dir, written), tuple(warnings))


def editor_config_path(settings: Settings) -> Path:
    """The web editor's configuration in the docs folder (docs/admin/config.yml): generated, not committed."""
    return settings.docs_dir / ADMIN_DIR / CONFIG_NAME


def write_editor_config(settings: Settings) -> bool:
    """Write the web editor's configuration (contrib/decap.py) from the schema and the deployment's
    repository, beside the committed admin page; only if it changed. Skipped when the docs
    folder has no admin page (a builder's own docs)."""
    path = editor_config_path(settings)
    if not path.parent.is_dir():
        return False
    return write_file(path, config_yaml(repo_url=settings.repo_url, auth_url=settings.editor_auth_url, site_url=settings.site_url))


@fewer_collections()
def downloads(dossier: Dossier, settings: Settings) -> dict[PurePosixPath, bytes]:
    """Every file offered for download (JSON, CSV, Atom, CSL-JSON, BibTeX), by its path in the site."""
    files = {settings.export_name: to_json(dossier, settings.site_prefix).encode("utf-8")}
    files.update(download_files(dossier, settings.site_url, settings.site_prefix))
    return dict(sorted(files.items()))


def download_paths(settings: Settings) -> list[PurePosixPath]:
    """The paths of downloads(), known before they are made."""
    return sorted([settings.export_name, *feed_paths()])


def download_folders(settings: Settings) -> list[Path]:
    """The folders of the docs folder that hold the downloads (data/, flux/): the generator owns them."""
    return sorted({settings.docs_dir / path.parts[0] for path in download_paths(settings)})


def generated_folders(settings: Settings) -> list[Path]:
    """Every folder the generator owns in the docs folder: the pages' and the downloads'."""
    return [settings.out_dir, *download_folders(settings)]


@fewer_collections()
def write_schemas(dossier: Dossier | None, settings: Settings) -> int:
    """Write the editors' JSON Schemas into docs/schemas/, with the dossier's ids for completion
    (regenerated with the data: `dossier check`, `dossier build`, the MkDocs hook); the number
    of files rewritten. Without a dossier (it does not read), the schemas name no ids."""
    ids: dict[str, list[str]] = {}
    if dossier is not None:
        ids = {kind: sorted(str(rec.id) for rec in dossier.all(kind)) for kind in dossier.records}
        ids["claims"] = sorted(f"{entry.event.id}/{entry.claim.id}" for entry in dossier.claims())
    return sum(write_file(settings.docs_dir / Path(*rel.parts), content) for rel, content in all_schemas(ids).items())


def write_downloads(dossier: Dossier, settings: Settings) -> WriteStats:
    """Write downloads() into the docs folder, each file as it is made (the JSON in pieces:
    never all in memory), rewriting only the files that changed and removing those gone."""
    folders = download_folders(settings)
    for folder in folders:
        open_tree(folder, settings.root)
    written = {settings.export_name: write_chunks(settings.docs_dir / settings.export_name, json_chunks(dossier, settings.site_prefix))}
    for path, content in each_download(dossier, settings.site_url, settings.site_prefix):
        written[path] = write_file(settings.docs_dir / path, content)
    stats = [close_tree(folder, {path.relative_to(folder.name): done for path, done in written.items() if path.parts[0] == folder.name}) for folder in folders]
    return functools.reduce(WriteStats.__add__, stats, WriteStats(0, 0, 0))


@fewer_collections()
def build_site_files(settings: Settings) -> Generated:
    """`dossier build`: check, then write every file the site needs into the docs folder (the
    pages and the downloads), so that any builder reading mkdocs.yml can build the site."""
    generated = generate(settings)
    downloads = write_downloads(generated.dossier, settings)
    return Generated(generated.dossier, generated.stats + downloads, generated.warnings)


class Beside:
    """The downloads and the warning-only checks, made in a forked process while the builder
    converts the pages: MkDocs uses one core, and this work needs none of its results.

    The downloads are written into the docs folder (write_downloads); `join` waits and returns
    the warnings, or raises BesideFailed; `close` lets the process go. Where forking is unsafe
    (under `mkdocs serve`) the work is done at once.
    """

    def __init__(self, dossier: Dossier, settings: Settings, checks: list[Callable[[], list[Diagnostic]]]) -> None:
        self._work = Forked(functools.partial(_make_beside, dossier, settings, checks), [None], 1)

    def join(self) -> list[Diagnostic]:
        try:
            return self._work.results()[0]
        except Exception as exc:  # a bug, not bad data: the data was checked before
            raise BesideFailed(f"{type(exc).__name__}: {exc}") from exc

    def close(self) -> None:
        self._work.close()


class RecordsFailed(Exception):
    """Making the pages beside the builder failed (a bug, not bad data: the data was checked before)."""


class BesideFailed(Exception):
    """Making the downloads failed (a bug, not bad data: the data was checked before)."""


def _make_beside(dossier: Dossier, settings: Settings, checks: list[Callable[[], list[Diagnostic]]], _: None) -> list[Diagnostic]:
    write_downloads(dossier, settings)
    with fewer_collections():
        return sorted({d for check in checks for d in check()})


# Pagefind's folder in the built site: the index, in chunks a query loads one by one.
SEARCH_FOLDER = "pagefind"


class SearchIndexFailed(Exception):
    """Pagefind could not index the built site."""


def _search_command(site: Path) -> list[str]:
    # The "¶" after each heading (a link to it) is not text: out of titles and excerpts.
    return [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", SEARCH_FOLDER, "--exclude-selectors", ".headerlink", "--quiet"]


def index_search(site: Path) -> float:
    """Index the built site for search with Pagefind (pinned in requirements.txt); the seconds it took.

    Pagefind reads the HTML, not the records: it indexes what each page marks with
    `data-pagefind-body` (the record pages and a few reader pages, see overrides/main.html),
    in French (the pages' `lang`), and writes its index and its script under SEARCH_FOLDER.
    """
    start = time.perf_counter()
    try:
        done = subprocess.run(_search_command(site), capture_output=True, text=True, timeout=1800, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexFailed(str(exc)) from None
    if done.returncode or not (site / SEARCH_FOLDER / "pagefind.js").is_file():
        raise SearchIndexFailed((done.stderr or done.stdout).strip()[-2000:] or f"pagefind exited with code {done.returncode}")
    return time.perf_counter() - start


class Transaction:
    """A build that replaces the last good site, and the generated folders, only when it succeeds.

    The builder writes the site into `staged`, beside the last good one; the generated
    folders are kept first (hard links, see write.keep_copy). `commit` swaps the new site in;
    `abort` leaves the last good site and puts the generated folders back as they were.
    """

    def __init__(self, site: Path, folders: list[Path], copies: Path) -> None:
        self.site, self.staged = site, site.with_name(site.name + ".building")
        self.folders, self.copies = folders, copies
        write.discard(self.staged)

    def keep(self) -> None:
        for folder in self.folders:
            write.keep_copy(folder, self.copies / folder.name)

    def commit(self) -> None:
        write.swap_in(self.staged, self.site)
        write.discard(self.copies)

    def abort(self) -> None:
        write.discard(self.staged)
        for folder in self.folders:
            if (self.copies / folder.name).exists():
                write.put_back(self.copies / folder.name, folder)
        write.discard(self.copies)


class Run:
    """One build of the site driven by a builder's plug-in (the MkDocs hook): the pages first,
    then the downloads and the warning-only checks beside the builder, and under `build` a
    Transaction. The hook only adapts the builder's events to these calls."""

    def __init__(self, settings: Settings, site: Path | None = None, preview: Preview | None = None) -> None:
        self.settings, self.preview = settings, preview
        self.transaction = Transaction(site, generated_folders(settings), settings.root / "build" / "last-good") if site and not preview else None
        self.generated: Generated | None = None
        self.beside: Beside | None = None
        self.seconds: dict[str, float] = {}
        # Under `build`, a builder that reads pages one by one and says so (record_page) sets the
        # order it reads them in: the record and index pages are then made beside it (RecordsBeside).
        self.records_order: Callable[[PurePosixPath], Any] | None = None
        self.records: RecordsBeside | None = None

    def generate(self) -> Generated:
        """Check and write the pages (raises DossierError, WriteRefused); under `build` the
        downloads are then made beside the builder, under `serve` the preview makes them."""
        start = time.perf_counter()
        if self.transaction:
            self.transaction.keep()
        if self.preview:
            self.generated = self.preview.generate(self.settings)
        else:
            later: list[Callable[[], list[Diagnostic]]] = []
            if self.records_order is not None and fork_safe():  # the downloads follow the pages, in their process
                self.generated = self._generate_beside(later, self.records_order)
            else:
                self.generated = generate(self.settings, later=later)
                self.beside = Beside(self.generated.dossier, self.settings, later)
        self.seconds["generate"] = time.perf_counter() - start
        return self.generated

    @fewer_collections()
    def _generate_beside(self, later: list[Callable[[], list[Diagnostic]]], order: Callable[[PurePosixPath], Any]) -> Generated:
        """generate(), but the record and index pages are left to a process beside the builder (RecordsBeside)."""
        settings = self.settings
        dossier, warnings = review(settings, later=later)
        open_tree(settings.out_dir, settings.root)
        self.records = RecordsBeside(dossier, make_env(), settings.pages_url, settings.repo_url, settings.out_dir, order,
                                     then=functools.partial(_make_beside, dossier, settings, later, None))
        write_schemas(dossier, settings)
        write_editor_config(settings)
        return Generated(dossier, WriteStats(self.records.included_written, 0, self.records.removed), tuple(warnings))

    def record_page(self, uri: str) -> None:
        """The builder is about to read the page at `uri` (from the docs folder, "dossier/…"):
        under `build`, wait until the process beside has written it, if it is a generated page."""
        folder = f"{self.settings.site_prefix}/"
        if self.records and uri.startswith(folder):
            try:
                self.records.wait_for(PurePosixPath(uri.removeprefix(folder)))
            except WorkFailed as exc:
                raise RecordsFailed(str(exc)) from None

    def made_beside(self) -> bool:
        """Whether what is made beside the builder (the pages, then the downloads) is all made;
        never waits, and may be asked from a process forked from the builder's."""
        return self.records is None or self.records.all_made()

    def records_made(self) -> WriteStats | None:
        """Once the builder has read every page: wait for the pages' process to end, and
        how many pages it wrote (RecordsFailed); None when the pages were all made before."""
        if not self.records:
            return None
        try:
            stats = self.records.finish()
        except WorkFailed as exc:
            raise RecordsFailed(str(exc)) from None
        self.seconds["records_wait"] = self.records.waited
        return stats

    def wait(self) -> list[Diagnostic]:
        """The warnings made beside the builder, once the downloads are written (BesideFailed)."""
        start = time.perf_counter()
        if self.records:  # made after the pages, in their process: records_made waited for both
            try:
                warnings: list[Diagnostic] = self.records.then_result()
            except WorkFailed as exc:
                raise BesideFailed(str(exc)) from None
        else:
            warnings = self.beside.join() if self.beside else []
        self.seconds["wait"] = time.perf_counter() - start
        return warnings

    @property
    def downloads_beside(self) -> bool:
        """Whether the downloads and the warning-only checks are being made beside the builder (wait)."""
        return self.beside is not None or self.records is not None

    def index_search(self, site: Path) -> None:
        """Index the site just built (SearchIndexFailed); under `serve`, beside the preview."""
        if self.preview:
            self.preview.index_search(site)
        else:
            self.seconds["search"] = index_search(site)

    def finish(self, success: bool) -> None:
        """Swap the new site in, or leave the last good one; let the process beside go."""
        if self.beside:
            self.beside.close()
        if self.records:
            self.records.close()
            self.records = None
        if self.transaction:
            self.transaction.commit() if success else self.transaction.abort()


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
        self.indexing: subprocess.Popen[bytes] | None = None
        self.cache = ReviewCache()
        self.dossier: Dossier | None = None
        self.pages: dict[PurePosixPath, str] = {}
        self.reads: dict[tuple[str, str], Reads] = {}
        self.templates: tuple[tuple[str, int], ...] = ()

    def index_search(self, site: Path) -> None:
        """Index the preview's site in the background: the edited page shows at once, the search
        follows a few seconds later (the whole site is indexed again; an older run is stopped)."""
        self.stop_indexing()
        self.indexing = subprocess.Popen(_search_command(site), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop_indexing(self) -> None:
        if self.indexing is not None and self.indexing.poll() is None:
            self.indexing.kill()
            self.indexing.wait()
        self.indexing = None

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
        if old is None:  # the downloads are made once: a preview needs no fresh JSON after each keystroke
            stats = write_tree(settings.out_dir, pages, settings.root)
            write_downloads(dossier, settings)
            write_editor_config(settings)  # `make serve` shows the editor too (with decap-server)
        else:  # the files on disk are the last pages: compare in memory, touch only the changed ones
            stats = write_changed(settings.out_dir, self.pages, pages)
        write_schemas(dossier, settings)  # a new record's id is offered at once (written only when it changes)
        self.pages = pages
        return Generated(dossier, stats, tuple(warnings))


def changed_records(old: Dossier, new: Dossier) -> set[tuple[str, str]]:
    """(kind, id) of every record added, removed or edited between two models."""
    out: set[tuple[str, str]] = set()
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
