"""MkDocs hook: an adapter from MkDocs' events to the dossier pipeline (see scripts/dossiergen).

The pipeline does the work (pipeline.Run): before each build it checks dossier/ and writes the
pages and the downloads into the docs folder, as `dossier build` does, so that a builder without
this hook builds the same site after `dossier build`. This file only adapts: it turns MkDocs'
configuration into Settings and errors into PluginError, redirects the site to a staging folder
(the Run swaps it in on success), tells MkDocs about downloads still being written, watches
dossier/ under `mkdocs serve` (where a pipeline.Preview re-renders only what an edit touches),
holds MkDocs' own memory measures (on_page_content, on_post_page), and under `mkdocs build`
lends MkDocs the second core to convert pages (_Converted).
"""
from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
from pathlib import Path, PurePosixPath
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import resource  # peak memory, logged for `make bench`; Unix only
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402

from dossiergen import pipeline  # noqa: E402
from dossiergen.config import Settings  # noqa: E402
from dossiergen.core import workers  # noqa: E402
from dossiergen.core.errors import DossierError, format_report, visible  # noqa: E402
from dossiergen.core.text import compact_html  # noqa: E402
from dossiergen.core.write import WriteRefused  # noqa: E402
from dossiergen.pages.env import TEMPLATES  # noqa: E402
from dossiergen.pages.history import site_updated  # noqa: E402

# Likely duplicates are shown at INFO: a WARNING log would fail the strict build.
log = logging.getLogger("mkdocs.hooks.dossier")
# The state between MkDocs' events: the preview kept by `mkdocs serve`, and the run in progress.
_preview: dict[str, pipeline.Preview] = {}
_run: dict[str, pipeline.Run] = {}
# Under `mkdocs build`: the pages converted by a copy of MkDocs' process, beside it (_Converted).
_converted: dict[str, _Converted] = {}


def _settings(config: MkDocsConfig) -> Settings:
    return Settings.from_root(Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir), site_url=config.site_url, repo_url=config.extra.get("dossier_repo_url") or None,
        editor_auth_url=config.extra.get("dossier_editor_auth_url") or None,
    )


def mkdocs_order(path: PurePosixPath) -> tuple[tuple[Any, ...], ...]:
    """The order in which MkDocs reads the pages of a folder (mkdocs.structure.files.get_files):
    the folder walked top-down, its subfolders in name order after its own files, and among these
    `index` and `README` first, then the others in name order."""
    *folders, name = path.parts
    return (*((1, folder) for folder in folders), (0, Path(name).stem not in ("index", "README"), name))


class _Warnings(logging.Handler):
    """Counts what MkDocs' strict mode counts, so the run knows before MkDocs aborts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


_warnings = _Warnings()


class _Converted:
    """MkDocs converts the pages' Markdown one after another, on one core. Under `build`, once the
    pages and downloads made beside it are written (one process beside MkDocs at a time), a forked
    copy of MkDocs' process (workers.FromTheEnd) converts the pages from the last, with the same
    Page.render, while MkDocs goes on from the first; for a page converted over there, MkDocs'
    render is replaced by what it made (`offer`): the same HTML, table of contents, title, anchors
    and messages, in the same order. A page whose Markdown differs from what was converted (a
    plug-in changed it) is converted again here."""

    def __init__(self, run: pipeline.Run, config: MkDocsConfig, files: Files) -> None:
        self.config, self.files = config, files
        self.pages = [file.page for file in files.documentation_pages() if file.page is not None]
        self.index = {page.file.src_uri: i for i, page in enumerate(self.pages)}
        self.taken = 0
        self.work = workers.FromTheEnd(len(self.pages), self._convert, run.made_beside)

    def _convert(self, i: int) -> dict[str, Any]:
        """In the forked process: read and convert page i as MkDocs' _populate_page does."""
        page, logs = self.pages[i], _kept_logs()
        self.config._current_page = page
        page.read_source(self.config)  # MkDocs reads it again, with its own messages
        logs.clear()
        page.render(self.config, self.files)
        assert page.markdown is not None
        links = page.links_to_anchors
        return {"markdown": _digest(page.markdown), "content": page.content, "toc": page.toc, "title": page._title_from_render,
                "anchors": page.present_anchor_ids, "links": None if links is None else [(file.src_uri, anchors) for file, anchors in links.items()],
                "logs": [_portable(record) for record in logs]}

    def offer(self, page: Page) -> None:
        """MkDocs is about to read `page`: if it was converted beside, its render will use that."""
        i = self.index.get(page.file.src_uri)
        done = None if i is None else self.work.take(i)
        if done is not None:
            setattr(page, "render", functools.partial(self._rendered, page, done))

    def _rendered(self, page: Page, done: dict[str, Any], config: MkDocsConfig, files: Files) -> None:
        delattr(page, "render")  # Page.render again
        links = [(files.get_file_from_path(uri), anchors) for uri, anchors in done["links"] or ()]
        if page.markdown is None or _digest(page.markdown) != done["markdown"] or any(file is None for file, _ in links):
            page.render(config, files)
            return
        self.taken += 1
        for record in done["logs"]:
            logging.getLogger(record.name).handle(record)
        page.content, page.toc, page._title_from_render, page.present_anchor_ids = done["content"], done["toc"], done["title"], done["anchors"]
        if done["links"] is not None:
            page.links_to_anchors = {file: anchors for file, anchors in links if file is not None}

    def close(self) -> None:
        self.work.close()


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class _Keep(logging.Handler):
    """In the forked process that converts pages: every message, kept to be told by MkDocs' process."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not self.records or self.records[-1] is not record:  # once, though it reaches two loggers
            self.records.append(record)


def _kept_logs() -> list[logging.LogRecord]:
    """The messages of this process are kept, not shown (the handlers of every logger replaced)."""
    keep = _keep.get("handler")
    if keep is None:
        keep = _keep["handler"] = _Keep()
        loggers = [logging.getLogger(), *(logger for logger in logging.Logger.manager.loggerDict.values() if isinstance(logger, logging.Logger))]
        for logger in loggers:
            if logger.handlers:
                logger.handlers = [keep]
    return keep.records


_keep: dict[str, _Keep] = {}


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """The record with its message made, to cross to the other process."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    return record


def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        _preview["serve"] = pipeline.Preview()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    preview = _preview.get("serve")
    site = None if preview or config.site_dir is None else Path(config.site_dir)
    run = _run["now"] = pipeline.Run(_settings(config), site, preview)
    if run.transaction:  # under `mkdocs build`: the site is built beside the last good one
        config.site_dir = str(run.transaction.staged)
        # The record and index pages are made beside MkDocs, in the order it reads them
        # (mkdocs_order); MkDocs waits for one not made yet in on_page_read_source.
        run.records_order = mkdocs_order
        _warnings.count = 0
        logging.getLogger("mkdocs").addHandler(_warnings)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        generated = _run["now"].generate()
    except DossierError as exc:
        raise PluginError("the dossier has errors:\n" + format_report(exc.diagnostics)) from None
    except WriteRefused as exc:
        raise PluginError(visible(str(exc))) from None
    for warning in generated.warnings:
        log.info("dossier: %s", warning.format())
    # The footer and the data page show when the records last changed (from git).
    config.extra["dossier_updated"] = site_updated(generated.dossier.history)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """The downloads are in the docs folder, or being written there beside MkDocs (which copies
    them after converting the pages): MkDocs is told of each, and of no stale one."""
    start = time.perf_counter()
    run = _run["now"]
    wanted = {str(path) for path in pipeline.download_paths(run.settings)}
    folders = tuple(f"{folder.name}/" for folder in pipeline.download_folders(run.settings))
    for file in list(files):
        if file.src_uri.startswith(folders) and file.src_uri not in wanted:
            files.remove(file)
    for path in sorted(wanted - {file.src_uri for file in files}):
        files.append(File(path, config.docs_dir, config.site_dir, config.use_directory_urls))
    assert run.generated is not None
    stats = run.generated.stats
    pages = run.records.pages if run.records else stats.written + stats.unchanged
    # `make bench` reads this line (and the ones in on_env) to tell our time from MkDocs' own.
    log.info("dossier: %d pages generated in %.2f s; downloads in %.2f s", pages, run.seconds["generate"], time.perf_counter() - start)
    if run.downloads_beside:  # the model is no longer needed here: MkDocs gets its memory
        run.generated = None
    return files


def on_nav(nav: Any, config: MkDocsConfig, files: Files) -> Any:
    run = _run["now"]
    if run.records is not None and not _others_read_pages(config):
        _converted["now"] = _Converted(run, config, files)
    return nav


def _others_read_pages(config: MkDocsConfig) -> bool:
    """Whether a plug-in other than this hook acts before a page is converted, or the builder
    does not tell (then MkDocs converts every page)."""
    events = getattr(config.plugins, "events", None)
    if not isinstance(events, dict):
        return True
    return any(getattr(handler, "__module__", None) != __name__ for event in ("pre_page", "page_read_source") for handler in events.get(event, ()))


def _stop_converting() -> _Converted | None:
    """MkDocs has converted every page, or failed: the copy converting beside it is stopped."""
    converted = _converted.pop("now", None)
    if converted is not None:
        converted.close()
    return converted


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    converted = _converted.get("now")
    if converted is not None:
        converted.offer(page)
    return page


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """MkDocs is about to read a page: if it is a record or index page still being made beside it, wait
    for it (then MkDocs reads the file as usual)."""
    try:
        _run["now"].record_page(page.file.src_uri)
    except pipeline.RecordsFailed as exc:
        raise PluginError(f"dossier: making the pages failed: {exc}") from None
    return None


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    run = _run["now"]
    converted = _stop_converting()
    if converted is not None:
        log.info("dossier: %d of %d pages converted beside MkDocs", converted.taken, len(converted.pages))
    try:
        made = run.records_made()
    except pipeline.RecordsFailed as exc:
        raise PluginError(f"dossier: making the pages failed: {exc}") from None
    if made is not None:  # `make bench` reads this line
        log.info("dossier: record and index pages made beside MkDocs (%d written, %d unchanged, %d removed); waited %.2f s for them",
                 made.written, made.unchanged, made.removed, run.seconds["records_wait"])
    if run.downloads_beside:
        try:
            warnings = run.wait()
        except pipeline.BesideFailed as exc:
            raise PluginError(f"dossier: making the downloads failed: {exc}") from None
        for warning in warnings:
            log.info("dossier: %s", warning.format())
        log.info("dossier: downloads made beside MkDocs; waited %.2f s for them", run.seconds["wait"])
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """MkDocs keeps every page's Markdown and HTML until the last page is written: at 10,000
    events that is most of the build's memory. The Markdown is converted by now, and nothing
    after reads it (the title comes from the HTML); the HTML is kept in one byte a character."""
    page.markdown = ""
    return compact_html(html)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """The page is made (MkDocs writes it next; Pagefind indexes the written site after the
    build): MkDocs need not hold its HTML while it writes the others (one run each at 10,000
    events: 839 MB at the peak without this, 823 MB with it)."""
    page.content = ""
    return output


def on_post_build(config: MkDocsConfig) -> None:
    run = _run.pop("now", None)
    if run is None:
        return
    failed = bool(run.transaction and config.strict and _warnings.count)  # MkDocs aborts right after this
    if not failed:
        try:
            run.index_search(Path(config.site_dir))
        except pipeline.SearchIndexFailed as exc:
            _finish(run, success=False)
            raise PluginError(f"dossier: the search index could not be made: {visible(str(exc))}") from None
        if "search" in run.seconds:  # `make bench` reads this line
            log.info("dossier: search index in %.2f s", run.seconds["search"])
        else:
            log.info("dossier: search index being made beside the preview")
    _finish(run, success=not failed)
    if run.transaction and not failed:
        config.site_dir = str(run.transaction.site)
    if not run.preview and resource:  # `mkdocs build` (not each preview of `mkdocs serve`), on Unix
        # `make bench` reads this line: the build's processes peak apart (forked ones share pages).
        own, forked = (resource.getrusage(who).ru_maxrss / 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        log.info("dossier: peak memory %.0f MB in MkDocs' process, %.0f MB in the largest forked one", own, forked)


def on_build_error(error: Exception) -> None:
    _stop_converting()
    run = _run.pop("now", None)
    if run is not None:
        _finish(run, success=False)


def _finish(run: pipeline.Run, success: bool) -> None:
    logging.getLogger("mkdocs").removeHandler(_warnings)
    run.finish(success)
    if run.transaction and not success:
        log.info("dossier: the build failed; %s and the generated files are left as they were", run.transaction.site.name)


def on_shutdown() -> None:
    preview = _preview.pop("serve", None)
    if preview is not None:
        preview.stop_indexing()


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    settings = _settings(config)
    server.watch(str(settings.data_dir))
    server.watch(str(TEMPLATES))
    return server
