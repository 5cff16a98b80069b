"""pipeline.Beside and `dossier build`: the downloads and the warning-only checks, made in a forked
process while MkDocs converts the pages, are the same files and warnings as when made in line,
and `dossier build` writes every file the site needs into the docs folder."""
from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import DATA, make_project, mkdocs_build
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core.write import WriteRefused


def _twin(root: Path) -> None:
    """A second record for the same person: a near-duplicate warning."""
    jeanne = yaml.safe_load((root / "dossier" / "people" / "jeanne-general.yaml").read_text(encoding="utf-8"))
    (root / "dossier" / "people" / "jeanne-bis.yaml").write_text(f"name: {jeanne['name'].upper()}\n", encoding="utf-8")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


@pytest.mark.parametrize("mode", ["fork", "in line"])
def test_beside_makes_the_downloads_and_the_warnings(settings: Settings, valid_root: Path, mode: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _twin(valid_root)
    dossier, warnings = pipeline.review(settings)
    expected = [w for w in warnings if w.code == "near-duplicate"]
    assert len(expected) == 2

    later: list = []
    dossier_later, warnings_now = pipeline.review(settings, later=later)
    assert [w for w in warnings_now if w.code == "near-duplicate"] == []  # left for later
    if mode == "in line":  # as under `mkdocs serve`, whose server threads make forking unsafe
        monkeypatch.setattr(threading, "active_count", lambda: 2)
    pid = os.getpid()
    monkeypatch.setattr(pipeline, "write_downloads", _noting_pid(pipeline.write_downloads, settings.root / "pid"))
    beside = pipeline.Beside(dossier_later, settings, later)
    try:
        assert beside.join() == expected
    finally:
        beside.close()
    assert (int((settings.root / "pid").read_text()) == pid) == (mode == "in line")
    made = {path: (settings.docs_dir / path).read_bytes() for path in pipeline.download_paths(settings)}
    assert made == pipeline.downloads(dossier, settings)
    on_disk = sorted(p.relative_to(settings.docs_dir).as_posix() for folder in pipeline.download_folders(settings) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert on_disk == [str(p) for p in pipeline.download_paths(settings)]


def _noting_pid(write: Callable[..., object], note: Path) -> Callable[..., object]:
    def noted(*args: object) -> object:
        note.write_text(str(os.getpid()))
        return write(*args)
    return noted


def test_a_failure_beside_is_reported_without_a_traceback(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = pipeline.check(settings)

    def broken(*args: object) -> dict:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "each_download", broken)
    beside = pipeline.Beside(dossier, settings, [])
    try:
        with pytest.raises(pipeline.BesideFailed, match=r"^ValueError: boom$"):
            beside.join()
    finally:
        beside.close()


def test_dossier_build_writes_the_pages_and_the_downloads_into_docs(settings: Settings) -> None:
    """Every file the site needs, in the docs folder; a second build rewrites nothing, and a
    download that is no longer made is removed."""
    first = pipeline.build_site_files(settings)
    pages = {p for p in settings.out_dir.rglob("*") if p.is_file() and not p.name.startswith(".")}  # pages and the home fragment
    assert (settings.out_dir / "accueil.html").is_file()
    assert first.stats.written == len(pages) + len(pipeline.download_paths(settings)) and first.stats.removed == 0
    stale = settings.docs_dir / "data" / "csv" / "gone.csv"
    stale.write_text("x\n", encoding="utf-8")
    again = pipeline.build_site_files(settings)
    assert (again.stats.written, again.stats.removed) == (0, 1) and not stale.exists()
    for path, content in pipeline.downloads(again.dossier, settings).items():
        assert (settings.docs_dir / path).read_bytes() == content


def test_downloads_are_not_written_over_foreign_files(settings: Settings) -> None:
    """A docs/data/ folder the generator did not make (no marker) is refused, never emptied."""
    mine = settings.docs_dir / "data" / "mine.txt"
    mine.parent.mkdir(parents=True)
    mine.write_text("à moi\n", encoding="utf-8")
    with pytest.raises(WriteRefused):
        pipeline.build_site_files(settings)
    assert mine.read_text(encoding="utf-8") == "à moi\n"


@pytest.mark.slow
def test_the_build_reports_the_warnings_made_beside(tmp_path: Path) -> None:
    """`mkdocs build` shows the near-duplicate warning (made beside MkDocs) and still succeeds."""
    dossier = tmp_path / "dossier"
    shutil.copytree(DATA / "valid" / "dossier", dossier)
    project = make_project(tmp_path / "project", dossier)
    _twin(project)
    result = mkdocs_build(project, project / "site")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "avertissement[near-duplicate]" in log and "jeanne-bis.yaml" in log
    assert "downloads made beside MkDocs" in log
    assert (project / "site" / "data" / "dossier.json").is_file()
