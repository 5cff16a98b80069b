"""`.pre-commit-config.yaml` works as written: on a copy of the project, in a throwaway git repository."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
GIT = shutil.which("git")

pytestmark = pytest.mark.skipif(GIT is None or not PRE_COMMIT.exists(), reason="needs git and pre-commit (requirements-dev.txt)")


def git(repo: Path, *args: str) -> None:
    subprocess.run([GIT, *args], cwd=repo, check=True, capture_output=True)  # type: ignore[list-item]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in (".pre-commit-config.yaml", ".yamllint.yaml", "mkdocs.yml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "dossier", repo / "dossier")
    # The hooks run the project's tools from .venv, as after `make check`.
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent, target_is_directory=True)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    return repo


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PRE_COMMIT_HOME=str(repo.parent / "cache"), NO_COLOR="1")
    return subprocess.run([str(PRE_COMMIT), "run", "--color", "never", *args], cwd=repo, env=env, capture_output=True, text=True, timeout=300)


def test_every_hook_passes_on_the_dossier(repo: Path) -> None:
    result = run(repo, "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in ("YAML lint", "Format des fiches", "Validation des fiches"):
        assert hook in result.stdout


def test_hooks_catch_a_contributors_mistakes(repo: Path) -> None:
    path = repo / "dossier" / "events" / "2021-09-22-rencontre-milley-guerassimov-helsinki.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("title:"))
    kind = next(i for i, line in enumerate(lines) if line.startswith("kind:"))
    lines[title], lines[kind] = lines[kind] + "   ", lines[title]  # fields swapped, trailing spaces
    lines.append("participnts: []")  # a typo
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    git(repo, "add", "-A")
    result = run(repo, "--files", str(path.relative_to(repo)))
    out = result.stdout
    assert result.returncode == 1
    assert f"{path.relative_to(repo).as_posix()}:{title + 1}:" in out and "trailing-spaces" in out  # yamllint, with the line
    assert "à remettre en forme : dossier/events/2021-09-22-rencontre-milley-guerassimov-helsinki.yaml" in out  # dossier fmt --check
    assert f"2021-09-22-rencontre-milley-guerassimov-helsinki.yaml:{len(lines)}:1: erreur[unknown-field] participnts" in out  # dossier check
    assert "vouliez-vous dire 'participants' ?" in out
