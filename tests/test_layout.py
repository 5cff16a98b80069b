"""The generator's layout holds: each folder imports only from the layers before it, no module
grows past 600 lines, and no module imports another's private names."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "scripts" / "dossiergen"
# What each part of the package may import from the package (besides itself).
ALLOWED = {
    "core": set(),
    "model": {"core"},
    "addresses": {"model"},
    "config": set(),
    "pictures": {"core", "model", "addresses"},
    "downloads": {"core", "model", "addresses"},
    "pages": {"core", "model", "addresses", "pictures", "downloads", "config"},
    "contrib": {"core", "model"},
}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _part(path: Path) -> str:
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(the part of the package imported, the names taken) for each `from … import` of ours."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(PACKAGE).parts[:-1] if path.is_relative_to(PACKAGE) else ()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(here[: len(here) - node.level + 1]) + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "dossiergen":
                base = node.module.split(".")[1:]
            else:
                continue
            names = [alias.name for alias in node.names]
            target = base[0] if base else names[0]
            out.append((target.removesuffix(".py"), names))
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_part_imports_only_the_layers_before_it(path: Path) -> None:
    part = _part(path)
    if part not in ALLOWED:  # cli, pipeline, __main__: the top
        return
    wrong = sorted({target for target, _ in _imports(path) if target != part and target not in ALLOWED[part]})
    assert not wrong, f"{path.relative_to(PACKAGE)} ({part}) imports {wrong}"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_600_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 600


@pytest.mark.parametrize("path", [*MODULES, ROOT / "scripts" / "mkdocs_hooks.py"], ids=lambda p: p.name)
def test_no_private_name_is_imported_from_another_module(path: Path) -> None:
    private = sorted(name for _, names in _imports(path) for name in names if name.startswith("_") and not name.startswith("__"))
    assert not private, f"{path.name} imports {private}"
