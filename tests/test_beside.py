"""pipeline.Beside: the downloads and the warning-only checks, made in a forked process while
MkDocs converts the pages; the same files and warnings as when they are made in line."""
from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
import yaml

from conftest import DATA, make_project, mkdocs_build
from dossiergen import pipeline
from dossiergen.config import Settings


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
    beside = pipeline.Beside.start(dossier_later, settings, later)
    try:
        assert (beside._process is None) == (mode == "in line")
        assert beside.join() == expected
        made = _files(beside.dir)
    finally:
        beside.close()
    assert not beside.dir.exists()
    assert made == {str(path): content for path, content in pipeline.downloads(dossier, settings).items()}
    assert sorted(made) == [str(p) for p in pipeline.download_paths(settings)]


def test_a_failure_beside_is_reported_without_a_traceback(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = pipeline.check(settings)

    def broken(*args: object) -> dict:
        raise ValueError("boom")

    monkeypatch.setattr(pipeline, "each_download", broken)
    beside = pipeline.Beside.start(dossier, settings, [])
    try:
        with pytest.raises(pipeline.BesideFailed, match=r"^ValueError: boom$"):
            beside.join()
    finally:
        beside.close()


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
    assert "warning[near-duplicate]" in log and "jeanne-bis.yaml" in log
    assert "downloads made beside MkDocs" in log
    assert (project / "site" / "data" / "dossier.json").is_file()
