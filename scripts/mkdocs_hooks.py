"""MkDocs hook: a thin adapter over the dossier pipeline (see scripts/dossiergen).

Before each build it validates dossier/ and regenerates docs/dossier/ (only changed
files are rewritten); it adds the downloads (JSON, CSV, Atom, CSL-JSON, BibTeX) to the
site's files, so links to them are checked like any other (under `mkdocs build` they are
made by a forked process while MkDocs converts the pages, see pipeline.Beside); it keeps
MkDocs' copy of each page small (on_page_content); under `mkdocs serve` it watches
dossier/ and the templates so that editing a record reloads the page.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

try:
    import resource  # peak memory, logged for scripts/benchmarks/bench.py; Unix only
except ImportError:  # Windows
    resource = None  # type: ignore[assignment]

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402

from dossiergen import pipeline  # noqa: E402
from dossiergen.config import Settings  # noqa: E402
from dossiergen.core import write
from dossiergen.core.errors import DossierError, format_report, visible  # noqa: E402
from dossiergen.core.text import compact_html  # noqa: E402
from dossiergen.core.write import WriteRefused  # noqa: E402
from dossiergen.pages.render import TEMPLATES  # noqa: E402

_generated: dict[str, pipeline.Generated] = {}
# Likely duplicates are shown at INFO: a WARNING log would fail the strict build.
log = logging.getLogger("mkdocs.hooks.dossier")


def _settings(config) -> Settings:
    return Settings.from_root(Path(config.config_file_path).parent, docs_dir=Path(config.docs_dir), site_url=config.site_url, repo_url=config.extra.get("dossier_repo_url") or None)


_seconds: dict[str, float] = {}
# Under `mkdocs serve`, the last build stays in memory and an edit re-renders only what it touches.
_preview: dict[str, pipeline.Preview] = {}
_downloads: dict[str, dict] = {}
# Under `mkdocs build`, the downloads and the warning-only checks are made beside MkDocs.
_beside: dict[str, pipeline.Beside] = {}


def on_startup(command, dirty):
    if command == "serve":
        _preview["serve"] = pipeline.Preview()


class _Warnings(logging.Handler):
    """Counts what MkDocs' strict mode counts, so the hook knows before MkDocs aborts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


# Under `mkdocs build`: the site is built beside the last good one and swapped in only on
# success; the generated pages are kept (hard links) and put back if the build fails.
_transaction: dict[str, object] = {}


def on_config(config):
    if "serve" in _preview or config.site_dir is None:
        return config
    site = Path(config.site_dir)
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    _transaction.update(site=site, staged=site.with_name(site.name + ".building"), warnings=warnings, strict=bool(config.strict))
    write.discard(_transaction["staged"])
    config.site_dir = str(_transaction["staged"])
    return config


def on_pre_build(config) -> None:
    start = time.perf_counter()
    settings = _settings(config)
    if _transaction:
        _transaction.update(out_dir=settings.out_dir, copy=settings.root / "build" / "last-good-pages")
        write.keep_copy(settings.out_dir, _transaction["copy"])
    try:
        preview = _preview.get("serve")
        if preview:
            _generated["last"] = preview.generate(settings)
        else:
            later: list = []
            _generated["last"] = pipeline.generate(settings, later=later)
            _beside["build"] = pipeline.Beside.start(_generated["last"].dossier, settings, later)
        for warning in _generated["last"].warnings:
            log.info("dossier: %s", warning.format())
        _seconds["generate"] = time.perf_counter() - start
    except DossierError as exc:
        raise PluginError("the dossier has errors:\n" + format_report(exc.diagnostics)) from None
    except WriteRefused as exc:
        raise PluginError(visible(str(exc))) from None


def on_files(files, config):
    start = time.perf_counter()
    beside = _beside.get("build")
    if beside:  # the files are being made: MkDocs copies them after converting the pages
        for path in pipeline.download_paths(_settings(config)):
            files.append(File.generated(config, str(path), abs_src_path=str(beside.dir / path)))
    else:
        # Under `mkdocs serve` the downloads are made once, at the first build: a preview does not
        # need a fresh JSON or CSV after every keystroke. `make site` always makes them anew.
        downloads = _downloads.get("serve")
        if downloads is None:
            downloads = _downloads["serve"] = pipeline.downloads(_generated["last"].dossier, _settings(config))
        for path, content in downloads.items():
            files.append(File.generated(config, str(path), content=content))
    stats = _generated["last"].stats
    if beside:  # the model is no longer needed here: MkDocs gets its memory
        _generated.clear()
    # scripts/benchmarks/bench.py reads this line (and the one in on_env) to tell our time from MkDocs' own.
    log.info("dossier: %d pages generated in %.2f s; downloads in %.2f s", stats.written + stats.unchanged, _seconds["generate"], time.perf_counter() - start)
    return files


def on_env(env, config, files):
    beside = _beside.get("build")
    if beside:
        start = time.perf_counter()
        try:
            warnings = beside.join()
        except pipeline.BesideFailed as exc:
            raise PluginError(f"dossier: making the downloads failed: {exc}") from None
        for warning in warnings:
            log.info("dossier: %s", warning.format())
        log.info("dossier: downloads made beside MkDocs; waited %.2f s for them", time.perf_counter() - start)
    return env


def on_page_content(html, page, config, files):
    """MkDocs keeps every page's Markdown and HTML until the last page is written: at 10,000
    events that is most of the build's memory. The Markdown is converted by now, and nothing
    after reads it (the title comes from the HTML); the HTML is kept in one byte a character."""
    page.markdown = ""
    return compact_html(html)


def on_post_page(output, page, config):
    """The page is written and its text indexed: MkDocs need not hold its HTML while it
    writes the others (one run each at 10,000 events: 839 MB at the peak without this,
    823 MB with it)."""
    page.content = ""
    return output


def on_post_build(config):
    if _transaction:
        failed = _transaction["strict"] and _transaction["warnings"].count  # MkDocs aborts right after this
        _end_transaction(config, success=not failed)
    if _close() and resource:  # `mkdocs build` (not each preview of `mkdocs serve`), on Unix
        # scripts/benchmarks/bench.py reads this line: the build's processes peak apart (forked ones share pages).
        own, forked = (resource.getrusage(who).ru_maxrss / 1024 for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        log.info("dossier: peak memory %.0f MB in MkDocs' process, %.0f MB in the largest forked one", own, forked)


def on_build_error(error):
    if _transaction:
        _end_transaction(None, success=False)
    _close()


def _end_transaction(config, success: bool) -> None:
    """Swap the new site in, or leave the last good site and pages as they were."""
    staged, site = Path(_transaction["staged"]), Path(_transaction["site"])
    copy = _transaction.get("copy")
    logging.getLogger("mkdocs").removeHandler(_transaction["warnings"])
    if success:
        write.swap_in(staged, site)
        if copy is not None:
            write.discard(copy)
        if config is not None:
            config.site_dir = str(site)
    else:
        write.discard(staged)
        if copy is not None and copy.exists():
            write.put_back(copy, _transaction["out_dir"])
        log.info("dossier: the build failed; %s and the generated pages are left as they were", site.name)
    _transaction.clear()


def _close() -> bool:
    """Remove the downloads made beside MkDocs (copied into the site by now); True if there were."""
    beside = _beside.pop("build", None)
    if beside:
        beside.close()
    return beside is not None


def on_serve(server, config, builder):
    settings = _settings(config)
    server.watch(str(settings.data_dir))
    server.watch(str(TEMPLATES))
    return server
