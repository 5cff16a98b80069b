"""write.py: only changed files are written, stale ones removed, foreign folders refused."""
from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

import pytest

from dossiergen.core.write import MARKER, WriteRefused, write_tree


def test_rewrites_only_changes_and_removes_stale(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    assert write_tree(out, {PurePosixPath("a/x.md"): "x", PurePosixPath("b.md"): "b"}).written == 2
    os.utime(out / "b.md", (1, 1))
    stats = write_tree(out, {PurePosixPath("b.md"): "b", PurePosixPath("c.md"): "c"})
    assert (stats.written, stats.unchanged, stats.removed) == (1, 1, 1)
    assert (out / "b.md").stat().st_mtime == 1  # untouched
    assert not (out / "a").exists()
    assert sorted(p.name for p in out.iterdir()) == sorted([MARKER, "b.md", "c.md"])


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("hand-written")
    with pytest.raises(WriteRefused):
        write_tree(tmp_path / "docs", {PurePosixPath("x.md"): "x"})
    assert (tmp_path / "docs" / "index.md").read_text() == "hand-written"


def test_a_second_run_touches_nothing(tmp_path: Path) -> None:
    """`mkdocs serve` watches docs/: a run with no change must not touch any file, marker included."""
    out = tmp_path / "gen"
    pages = {PurePosixPath("a.md"): "a"}
    write_tree(out, pages)
    for path in out.iterdir():
        os.utime(path, (1, 1))
    write_tree(out, pages)
    assert {p.name: p.stat().st_mtime for p in out.iterdir()} == {MARKER: 1, "a.md": 1}
