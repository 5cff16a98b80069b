"""The Makefile a contributor meets first: `make help`, the port of `make serve`, the first install."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import ROOT


def make(*args: str) -> str:
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def targets() -> list[str]:
    return re.findall(r"^([a-z-]+):.*## ", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)


def test_help_is_the_default_and_lists_every_documented_target_in_french() -> None:
    shown = make()
    assert shown == make("help")
    listed = re.findall(r"^  ([a-z-]+) {2,}\S", shown, re.M)
    assert listed == targets() and {"serve", "site", "check", "fmt", "test", "help"} <= set(listed)
    assert "Commandes" in shown and "aperçu" in shown


def test_serve_listens_on_the_port_given() -> None:
    assert "--dev-addr 127.0.0.1:8000" in make("-n", "serve")
    assert "--dev-addr 127.0.0.1:8123" in make("-n", "serve", "PORT=8123")


def test_the_first_install_says_what_it_does(tmp_path: Path) -> None:
    """With no .venv, make prints in French what it installs, before pip's silence."""
    plan = subprocess.run(["make", "--no-print-directory", "-n", "-C", str(ROOT), "VENV=" + str(tmp_path / "venv"), "check"],
                          capture_output=True, text=True, timeout=60, check=True).stdout
    assert "Installation de l’environnement Python" in plan and "1/2" in plan and "2/2" in plan
