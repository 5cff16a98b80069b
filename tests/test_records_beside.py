"""Record and index pages made beside the builder (render.RecordsBeside, workers.InOrder, the hook's
on_page_read_source): the same files as generate's, whether the docs folder is empty, up to date
or stale; the builder waits only for a page not made yet; a failure of the process beside is an
error of the build, which keeps the last good site."""
from __future__ import annotations

import importlib
import os
import re
import shutil
import threading
import time
from pathlib import Path, PurePosixPath

import pytest

from conftest import DATA, make_project, mkdocs_build
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core import workers
from dossiergen.pages import render as rendering
from dossiergen.pages.env import make_env


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _slow_steps(note: Path, count: int, step: workers.Callable[[], None]) -> list[int]:
    made = []
    for i in range(count):
        time.sleep(0.02)
        made.append(os.getpid())
        step()
    note.write_text(str(len(made)))
    return made


def test_in_order_waits_for_the_items_it_needs_and_returns_the_result(tmp_path: Path) -> None:
    work = workers.InOrder(lambda step: _slow_steps(tmp_path / "n", 10, step))
    try:
        assert work.wait(0) < 0.01
        work.wait(3)
        assert work.result() != [os.getpid()] * 10  # made in another process
        assert (tmp_path / "n").read_text() == "10"
    finally:
        work.close()


def test_in_order_is_done_at_once_where_forking_is_unsafe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # as under `mkdocs serve`
    work = workers.InOrder(lambda step: _slow_steps(tmp_path / "n", 3, step))
    assert (tmp_path / "n").read_text() == "3"  # before any wait
    assert work.wait(3) < 0.01 and work.result() == [os.getpid()] * 3


def _fails_after(count: int, step: workers.Callable[[], None]) -> None:
    for _ in range(count):
        step()
    raise ValueError("boom")


@pytest.mark.parametrize("unsafe", [False, True], ids=["fork", "in line"])
def test_in_order_reports_a_failure(unsafe: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if unsafe:
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    work = workers.InOrder(lambda step: _fails_after(2, step))
    try:
        work.wait(2)  # made before the failure
        with pytest.raises(workers.WorkFailed, match=r"^ValueError: boom$"):
            work.wait(3)
        with pytest.raises(workers.WorkFailed, match=r"^ValueError: boom$"):
            work.result()
    finally:
        work.close()


def test_in_order_reports_a_process_that_died(monkeypatch: pytest.MonkeyPatch) -> None:
    work = workers.InOrder(lambda step: os._exit(3))
    try:
        with pytest.raises(workers.WorkFailed, match="exit code 3"):
            work.wait(1)
    finally:
        work.close()


def _beside(settings: Settings) -> rendering.RecordsBeside:
    dossier = pipeline.check(settings)
    pipeline.open_tree(settings.out_dir, settings.root)
    return rendering.RecordsBeside(dossier, make_env(), settings.pages_url, settings.repo_url, settings.out_dir, lambda path: path.parts)


@pytest.mark.parametrize("before", ["empty", "up to date", "stale"])
def test_records_beside_writes_the_files_generate_writes(settings: Settings, tmp_path: Path, before: str) -> None:
    pipeline.generate(settings)
    expected = _files(settings.out_dir)
    if before == "empty":
        shutil.rmtree(settings.out_dir)
    elif before == "stale":
        (settings.out_dir / "evenements" / "gone.md").write_text("# Parti\n", encoding="utf-8")
        some = sorted((settings.out_dir / "personnes").glob("*.md"))[-1]
        some.write_text("vieux\n", encoding="utf-8")
    records = _beside(settings)
    try:
        assert not (settings.out_dir / "evenements" / "gone.md").exists()  # removed before the builder lists the files
        listed = sorted(p.relative_to(settings.out_dir).as_posix() for p in settings.out_dir.rglob("*") if p.is_file())
        assert listed == sorted(expected)  # every page in place before the builder lists them
        assert records.paths == sorted(records.paths, key=lambda path: path.parts) and len(records.paths) > 3
        for path in records.paths:
            records.wait_for(path)
            assert (settings.out_dir / path).read_bytes() == expected[path.as_posix()]
        records.wait_for(PurePosixPath("ailleurs.md"))  # not a generated page: no wait
        assert {"chronologie.md", "lieux/index.md"} <= {path.as_posix() for path in records.paths}  # index pages too
        assert PurePosixPath("accueil.html") not in records.paths  # included by the home page, written first
        stats = records.finish()
    finally:
        records.close()
    assert _files(settings.out_dir) == expected
    assert stats.written + stats.unchanged == records.pages == len(expected) - 1  # (the marker file is not a page)
    assert stats.written == {"empty": len(expected) - 1, "up to date": 0, "stale": 1}[before]
    assert stats.removed == (1 if before == "stale" else 0)


def _broken(*args: object, **kwargs: object) -> tuple[PurePosixPath, str]:
    raise ValueError("boom")


def test_a_failure_beside_the_builder_is_raised_where_it_waits(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rendering._RecordJob, "render", _broken)  # inherited by the forked process
    run = pipeline.Run(settings, settings.root / "site")
    run.records_order = lambda path: path.parts
    try:
        run.generate()
        assert run.records is not None
        with pytest.raises(pipeline.RecordsFailed, match=r"^ValueError: boom$"):
            run.record_page(f"{settings.site_prefix}/{run.records.paths[-1]}")
    finally:
        run.finish(success=False)


def _noting(note: Path, settings: Settings, write: workers.Callable[..., object]) -> workers.Callable[..., object]:
    """write_downloads, noting its process and whether every page was written before it ran."""
    def noted(*args: object) -> object:
        pages = [p for p in settings.out_dir.rglob("*.md") if "downloads" not in p.parts]
        note.write_text(f"{os.getpid()} {all(p.stat().st_size for p in pages)}")
        return write(*args)
    return noted


def test_the_downloads_follow_the_pages_in_their_process(settings: Settings, valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `build`, one process beside the builder at a time: the downloads and the
    warning-only checks are made after the last page, in the pages' process, and give the
    same files and warnings as in line."""
    jeanne = (valid_root / "dossier" / "people" / "jeanne-general.yaml").read_text(encoding="utf-8")
    name = re.search(r"(?m)^name: (.*)$", jeanne)
    assert name
    (valid_root / "dossier" / "people" / "jeanne-bis.yaml").write_text(f"name: {name.group(1).strip().upper()}\n", encoding="utf-8")
    dossier, warnings = pipeline.review(settings)
    expected = [w for w in warnings if w.code == "near-duplicate"]
    assert expected
    note = settings.root / "downloads-made"
    monkeypatch.setattr(pipeline, "write_downloads", _noting(note, settings, pipeline.write_downloads))
    run = pipeline.Run(settings, settings.root / "site")
    run.records_order = lambda path: path.parts
    try:
        run.generate()
        assert run.records is not None and run.beside is None and run.downloads_beside
        assert run.wait() == expected  # waits for the pages' process itself
        assert run.records_made() is not None
    finally:
        run.finish(success=False)
    pid, all_written = note.read_text().split()
    assert int(pid) != os.getpid() and all_written == "True"
    made = {path: (settings.docs_dir / path).read_bytes() for path in pipeline.download_paths(settings)}
    assert made == pipeline.downloads(dossier, settings)


def test_a_failure_of_the_downloads_after_the_pages_is_reported_as_theirs(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> dict:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "each_download", broken)
    run = pipeline.Run(settings, settings.root / "site")
    run.records_order = lambda path: path.parts
    try:
        run.generate()
        made = run.records_made()  # the pages were made
        assert made is not None and made.written > 3
        with pytest.raises(pipeline.BesideFailed, match=r"^ValueError: boom$"):
            run.wait()
    finally:
        run.finish(success=False)


@pytest.mark.slow
def test_a_build_from_an_empty_generated_folder_is_the_build_after_dossier_build(tmp_path: Path) -> None:
    """`mkdocs build` with no page on disk yet (each made beside MkDocs as it reads them) gives
    the same site, file for file and in the same order (the sitemap), as after `dossier build`."""
    dossier = tmp_path / "dossier"
    shutil.copytree(DATA / "valid" / "dossier", dossier)
    project = make_project(tmp_path / "project", dossier)
    sites = []
    for before in ("nothing", "dossier build"):
        if before == "dossier build":
            pipeline.build_site_files(Settings.from_root(project))
            shutil.rmtree(project / "site")
        result = mkdocs_build(project, project / "site")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-3000:]
        made = re.search(r"record and index pages made beside MkDocs \((\d+) written, (\d+) unchanged", log)
        assert made, log[-3000:]
        assert (int(made.group(1)) > 0) == (before == "nothing")
        sites.append({k: v for k, v in _files(project / "site").items() if not k.startswith("pagefind/")})
    assert sites[0] == sites[1]


def test_the_hook_orders_the_pages_as_mkdocs_reads_them(tmp_path: Path) -> None:
    """The pages are made in the order MkDocs lists them (get_files): else it would wait for
    pages made late, the index pages of each folder and the top-level pages first of all."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    project = make_project(tmp_path / "project", DATA / "valid" / "dossier")
    settings = Settings.from_root(project)
    pipeline.build_site_files(settings)
    config = load_config(str(project / "mkdocs.yml"))
    folder = f"{settings.site_prefix}/"
    read = [PurePosixPath(f.src_uri.removeprefix(folder)) for f in get_files(config).documentation_pages() if f.src_uri.startswith(folder)]
    hook = importlib.import_module("mkdocs_hooks")
    assert len({path.parent for path in read}) > 3 and PurePosixPath("lieux/index.md") in read
    assert read == sorted(read, key=hook.mkdocs_order)
    assert read != sorted(read, key=lambda path: path.parts)  # the order of the names alone is not it
