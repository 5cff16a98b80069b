"""Hostile pull requests, round 2: attacks built at test time and run through the real commands.

Each class of attack (issue 16) has its variants here; the files are made in a copy of the
fixture dossier, so the repository itself never holds a file some systems cannot check out.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY
from dossiergen import cli

DOSSIER = [sys.executable, "-m", "dossiergen"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The `dossier` command in a fresh process: a crash shows as a signal, not as a passing test."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    return subprocess.run([*DOSSIER, "--root", str(project), "--today", TODAY.isoformat(), *args],
                          capture_output=True, text=True, timeout=120, env=env, cwd=project)


def plant(project: Path, rel: str, text: str | bytes) -> Path:
    path = project / "dossier" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- 1. the parser cannot be killed ------------------------------------------------------

DEEP = {
    "flow-sequences": ("events/deep.yaml", "title: T\nkind: " + "[" * 30000 + "\n", 2),
    "flow-mappings": ("events/deep.yaml", "title: T\nkind: " + "{a: " * 30000 + "\n", 2),
    "closed-flow": ("events/deep.yaml", "title: T\nkind: " + "[" * 30000 + "]" * 30000 + "\n", 2),
    "block-sequences": ("events/deep.yaml", "title: T\nsummary:\n" + "- " * 30000 + "x\n", 3),
    "block-mappings": ("places/deep.yaml", "name: X\n" + "".join(" " * i + f"k{i}:\n" for i in range(400)) + " " * 400 + "v: 1\n", 2),
}


@pytest.mark.parametrize("case", sorted(DEEP))
def test_deep_nesting_is_refused_before_the_parser_recurses(valid_root: Path, case: str) -> None:
    rel, text, line = DEEP[case]
    plant(valid_root, rel, text)
    for command in (["check"], ["fmt", "--check"], ["build"]):
        result = run(valid_root, *command)
        assert result.returncode == 1, (command, result.returncode, result.stderr[-500:])  # not -11 (SIGSEGV)
        assert "Traceback" not in result.stderr
    check = run(valid_root, "check")
    assert f"dossier/{rel}:{line}:" in check.stderr and "error[too-deep]" in check.stderr, check.stderr


# --- 2. ids that are not record names ----------------------------------------------------

@pytest.mark.parametrize("rel", ["people/index.yaml", "events/index.yaml", "places/con.yaml", "organisations/nul.yaml", "topics/aux.yaml", "sources/com1.yaml", "people/lpt9.yaml", "places/prn.yaml"])
def test_reserved_ids_are_refused(valid_root: Path, rel: str, capsys: pytest.CaptureFixture[str]) -> None:
    kind = rel.split("/")[0]
    body = {"people": "name: X\n", "places": "name: X\nkind: city\n", "organisations": "name: X\nkind: other\n",
            "topics": "name: X\ndescription: D\n", "sources": "title: T\nlanguage: fr\nkind: other\nsummary: S\n",
            "events": 'title: T\nkind: other\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'}[kind]
    plant(valid_root, rel, body)
    assert cli.main(["--root", str(valid_root), "--today", TODAY.isoformat(), "check"]) == 1
    err = capsys.readouterr().err
    assert f"dossier/{rel}:1:1: error[reserved-id] (file name)" in err, err
    assert "did you mean" in err
