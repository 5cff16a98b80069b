"""Dossier -> {path: Markdown}: every page, record pages shared between forked workers when there
are many. Templates loop and branch; views.py, contexts.py and indexes.py prepare what they show."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Optional

from jinja2 import Environment

from ..addresses import (
    CONTRIBUTE,
    directory_url,
    page_path,
)
from ..core.text import tidy
from ..core.workers import Forked, InOrder, outcome, unwrapped, worker_count
from ..core.write import WriteStats, prune_tree, write_file, write_page
from ..model import kinds
from ..model import records as r
from ..model.dossier import Dossier, Reads, traced
from ..model.records import name_of
from . import metadata as meta
from .contexts import record_context
from .history import JOURNAL, modified_meta, record_history, render_journal
from .indexes import index_pages
from .views import CiteAs, Lookups, Page, lookups


def render(dossier: Dossier, env: Environment, base_url: str, repo_url: Optional[str] = None, only: Optional[set[tuple[str, str]]] = None,
           sink: Optional[Callable[[PurePosixPath, str], Any]] = None, reads: Optional[dict[tuple[str, str], Reads]] = None) -> dict[PurePosixPath, Any]:
    """Every generated page, keyed by its path inside the generated folder.

    `base_url` is the absolute URL of that folder on the published site (Settings.pages_url);
    `repo_url`, the repository (for "Modifier cette fiche"), when known. With `only`, the
    record pages rendered are those (kind, id) alone; the index pages always are. With
    `sink`, each page is handed to sink(path, text) as soon as it is made, in whichever
    process made it, and the result maps each path to what sink returned: the pages are
    never all held at once (at 5,000 events they take 280 MB). With `reads`, each record page's
    reads from the model are recorded there, under its (kind, id), for the preview to decide
    what an edit makes stale (in this process: the workers' reads would not come back).
    """
    look = lookups(dossier)

    wanted = [key for key in record_keys(dossier) if only is None or key in only]
    job = _RecordJob(dossier, env, look, base_url, repo_url)
    if reads is not None:
        done = []
        for kind, rid in wanted:
            reads[(kind, rid)] = Reads()
            done.append(_handed(sink, *job.render(kind, rid, reads[(kind, rid)])))
        pages = dict(done)
        pages.update(_handed(sink, path, text) for path, text in aggregate_pages(dossier, env, look, repo_url).items())
        return dict(sorted(pages.items()))
    workers = worker_count(len(wanted), PARALLEL_FROM)
    # Record pages are independent: forked workers inherit the model and render a share each,
    # while this process renders the index pages. The result is the same bytes.
    if workers > 1:
        _compile(env, wanted)
    shares = Forked(functools.partial(_render_share, job, sink), [wanted[i::workers] for i in range(workers)], workers if workers > 1 else 0)
    aggregates = aggregate_pages(dossier, env, look, repo_url)
    done = [item for share in shares.results() for item in share]
    pages = dict(done)
    pages.update(_handed(sink, path, text) for path, text in aggregates.items())
    return dict(sorted(pages.items()))


def record_keys(dossier: Dossier) -> list[tuple[str, str]]:
    """(kind, id) of every record page."""
    return [(kind, record.id) for kind in r.KINDS for record in dossier.all(kind)]


def aggregate_pages(dossier: Dossier, env: Environment, look: Lookups, repo_url: Optional[str]) -> dict[PurePosixPath, str]:
    """The pages that are not one record's: the indexes, the chronology, the journal…"""
    return {path: make() for path, make in aggregate_makers(dossier, env, look, repo_url).items()}


def aggregate_makers(dossier: Dossier, env: Environment, look: Lookups, repo_url: Optional[str]) -> dict[PurePosixPath, Callable[[], str]]:
    """aggregate_pages(), each page made when called."""
    makers = index_pages(dossier, env, look) | {JOURNAL: functools.partial(render_journal, dossier, env, repo_url)}
    return {path: functools.partial(_tidied, make) for path, make in makers.items()}


def _tidied(make: Callable[[], str]) -> str:
    return tidy(make())


def _compile(env: Environment, keys: list[tuple[str, str]]) -> None:
    """Compile the record templates once, before a fork, rather than once in each process."""
    for kind in sorted({kind for kind, _ in keys}):
        env.get_template(f"page/{kinds.kind(kind).singular}.md.j2")


class RecordsBeside:
    """The record pages and the index pages, rendered and written by one forked process while a
    builder converts the other pages (the MkDocs hook, under `build`: MkDocs uses one core). The
    files of pages gone are removed and an empty file put where a new page will be, so the builder
    lists the same pages in the same order as after generate; the pages are made in the order the
    builder reads them (`order`), and `wait_for` blocks only for one not made yet. The home page's
    fragment, which a page includes rather than a page the builder reads, is written here first.
    `finish` waits for the last and returns how many were written (a failure raises WorkFailed).
    The same files as generate's, byte for byte.

    `then`, if given, is called in the same process once the pages are written (the downloads:
    one process beside the builder at a time, so that the builder keeps a core of its own);
    `then_result` waits for it and returns what it returned, or raises WorkFailed; `all_made`
    tells, without waiting, whether the pages and `then` are done."""

    def __init__(self, dossier: Dossier, env: Environment, base_url: str, repo_url: Optional[str], out_dir: Path,
                 order: Callable[[PurePosixPath], Any], then: Optional[Callable[[], Any]] = None) -> None:
        look = lookups(dossier)
        job = _RecordJob(dossier, env, look, base_url, repo_url)
        keys = record_keys(dossier)
        makers: dict[PurePosixPath, Callable[[], str]] = {page_path(kind, rid): functools.partial(job.text, kind, rid) for kind, rid in keys}
        included: dict[PurePosixPath, Callable[[], str]] = {}
        for path, make in aggregate_makers(dossier, env, look, repo_url).items():
            (makers if path.suffix == ".md" else included)[path] = make
        self.removed = prune_tree(out_dir, set(makers) | set(included))
        self.included_written = sum(write_page(out_dir, path, make()) for path, make in included.items())
        self.paths = sorted(makers, key=order)
        for path in self.paths:  # a builder lists the pages before reading any: each is in place, if empty
            if not (out_dir / Path(*path.parts)).is_file():
                write_file(out_dir / Path(*path.parts), "")
        self._rank = {path: n + 1 for n, path in enumerate(self.paths)}
        self.pages = len(makers) + len(included)
        self.waited = 0.0
        _compile(env, keys)
        self._then: Optional[tuple[bool, Any]] = None
        self._work = InOrder(functools.partial(_write_in_order, out_dir, [(path, makers[path]) for path in self.paths], then))

    def wait_for(self, path: PurePosixPath) -> None:
        """Return once the page at `path` (inside the generated folder) is written; at once for any other page."""
        rank = self._rank.get(path)
        if rank is not None:
            self.waited += self._work.wait(rank)

    def all_made(self) -> bool:
        """Whether every page is written and `then` is done, without waiting (also from another forked process)."""
        return self._work.made(len(self.paths) + 1)

    def finish(self) -> WriteStats:
        written, self._then = self._work.result()
        written += self.included_written
        return WriteStats(written, self.pages - written, self.removed)

    def then_result(self) -> Any:
        if self._then is None:
            self.finish()
        assert self._then is not None
        return unwrapped(self._then)

    def close(self) -> None:
        self._work.close()


def _write_in_order(out_dir: Path, makers: list[tuple[PurePosixPath, Callable[[], str]]], then: Optional[Callable[[], Any]],
                    step: Callable[[], None]) -> tuple[int, tuple[bool, Any]]:
    """Write the pages, then do `then`: how many pages were written, and (True, then's result) or
    (False, its failure), told apart from a failure to make the pages."""
    written = 0
    for path, make in makers:
        written += write_page(out_dir, path, make())
        step()
    done = outcome(then if then is not None else lambda: None)
    step()  # one more step: all is made (all_made)
    return written, done


def _handed(sink: Optional[Callable[[PurePosixPath, str], Any]], path: PurePosixPath, text: str) -> tuple[PurePosixPath, Any]:
    return path, text if sink is None else sink(path, text)


# Parallel rendering pays off past this many record pages (a worker costs ~50 ms to start).
PARALLEL_FROM = 300


def _render_share(job: "_RecordJob", sink: Optional[Callable[[PurePosixPath, str], Any]], keys: list[tuple[str, str]]) -> list[tuple[PurePosixPath, Any]]:
    return [_handed(sink, *job.render(kind, rid)) for kind, rid in keys]


@dataclass
class _RecordJob:
    """Everything a record page needs, so that a worker process can render any of them."""

    dossier: Dossier
    env: Environment
    look: "Lookups"
    base_url: str
    repo_url: Optional[str]

    def url_of(self, kind: str, rid: str) -> str:
        return f"{self.base_url}{directory_url(page_path(kind, rid))}/"

    def text(self, kind: str, rid: str) -> str:
        return self.render(kind, rid)[1]

    def render(self, kind: str, rid: str, reads: Optional[Reads] = None) -> tuple[PurePosixPath, str]:
        """(path, front matter and Markdown) of one record page; with `reads`, what it read is noted there."""
        dossier = self.dossier if reads is None else traced(self.dossier, reads)
        record = dossier.get(kind, r.RecordId(rid))
        if reads is not None:  # the lookups list what names this record, through the untraced model
            reads.backlinks.add((kind, rid))
        path = page_path(kind, record.id)
        page = Page(dossier, path)
        cite_as = CiteAs(kind, name_of(record), self.url_of(kind, record.id), record.path, page.href(CONTRIBUTE), self.repo_url)
        context = record_context(record, dossier, page, self.look, cite_as)
        history = record_history(self.dossier.history, record.path, page, self.repo_url)
        text = self.env.get_template(f"page/{kinds.kind(kind).singular}.md.j2").render(context.variables() | {"history": history})
        front = meta.page_meta(dossier, kind, record, self.url_of) | modified_meta(self.dossier.history, record.path)
        return path, meta.front_matter(front) + tidy(text)
