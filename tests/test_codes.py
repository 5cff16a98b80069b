"""Diagnostic codes: each registered once, each used, each explained in the contributor guide."""
from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

from dossiergen.core import codes
from dossiergen.core.codes import CODES, ERROR, WARNING
from dossiergen.core.errors import Diagnostic

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "scripts" / "dossiergen"
GUIDE = ROOT / "CONTRIBUTING.md"
# Where contributors read codes as the CLI prints them: every `erreur[x]` there must be real.
QUOTING = (GUIDE, ROOT / "docs" / "contribuer.md", ROOT / "tests" / "golden" / "invalid-report.txt")
# A row of the guide's table of codes: | `code` | erreur | ce qu'il veut dire | que faire |
ROW = re.compile(r"^\| `([a-z][a-z-]*)` \| (erreur|avertissement) \| (.+?) \| (.+?) \|$", re.MULTILINE)
SEVERITY_FR = {ERROR: "erreur", WARNING: "avertissement"}


def constant(name: str) -> str:
    """The module constant a code is written as: unknown-field -> UNKNOWN_FIELD."""
    return name.upper().replace("-", "_")


@functools.cache
def package_trees() -> dict[str, ast.Module]:
    """Every module of the package but the registry itself, parsed."""
    return {
        path.relative_to(PACKAGE).as_posix(): ast.parse(path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != PACKAGE / "core" / "codes.py"
    }


def names_used() -> dict[str, list[str]]:
    """`codes.X` attributes read in the package, with the modules that read each."""
    used: dict[str, list[str]] = {}
    for module, tree in package_trees().items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "codes":
                used.setdefault(node.attr, []).append(module)
    return used


def guide_rows() -> list[tuple[str, str, str, str]]:
    return ROW.findall(GUIDE.read_text(encoding="utf-8"))


def test_registry_is_well_formed() -> None:
    assert len(CODES) >= 50
    for name, code in CODES.items():
        assert code.name == name and re.fullmatch(r"[a-z]+(-[a-z]+)*", name), name
        assert getattr(codes, constant(name)) == name, f"core/codes.py: {name!r} should be the constant {constant(name)}"
        assert code.severity in (ERROR, WARNING), name
        summary = code.summary_fr
        assert summary.strip() == summary and summary and "\n" not in summary and "|" not in summary, name
        assert not summary.endswith("."), f"{name}: a table cell, without a final period"


def test_a_diagnostic_needs_a_registered_code() -> None:
    with pytest.raises(ValueError, match="'no-such-code' is not registered"):
        Diagnostic("dossier/x.yaml", 1, 1, "no-such-code", "title", "expected …, found …")


def test_the_registry_sets_the_severity() -> None:
    assert Diagnostic("x.yaml", 1, 1, codes.NEAR_DUPLICATE, "name", "m").severity == WARNING
    assert Diagnostic("x.yaml", 1, 1, codes.UNKNOWN_FIELD, "name", "m").severity == ERROR
    with pytest.raises(TypeError):
        Diagnostic("x.yaml", 1, 1, codes.UNKNOWN_FIELD, "name", "m", None, WARNING)  # type: ignore[call-arg]


def test_every_code_the_package_names_is_registered() -> None:
    """A typo in a branch no fixture reaches (`codes.DANGLNG_REF`) fails here, not in a contributor's PR."""
    unknown = {attr: where for attr, where in names_used().items() if getattr(codes, attr, None) not in CODES}
    assert not unknown, f"not registered in core/codes.py: {unknown}"


def test_diagnostics_take_their_code_from_the_registry() -> None:
    """No code is written as a string where a diagnostic is made: only `codes.X`, or a parameter passing one on."""
    literals = []
    emitters = {m: t for m, t in package_trees().items() if any(isinstance(n, ast.Name) and n.id in ("Diagnostic", "codes") for n in ast.walk(t))}
    assert {"model/load.py", "model/validate.py", "model/similar.py"} <= set(emitters)
    for module, tree in emitters.items():
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            arguments = [*call.args, *(k.value for k in call.keywords)]
            # Arguments and the arms of `a if c else b`: where a code is chosen.
            arguments += [arm for a in arguments if isinstance(a, ast.IfExp) for arm in (a.body, a.orelse)]
            literals += [f"{module}:{a.lineno}: {a.value!r}" for a in arguments if isinstance(a, ast.Constant) and a.value in CODES]
            if isinstance(call.func, ast.Name) and call.func.id == "Diagnostic":
                code = call.args[3] if len(call.args) > 3 else next((k.value for k in call.keywords if k.arg == "code"), None)
                ok = isinstance(code, ast.Name) or (isinstance(code, ast.Attribute) and isinstance(code.value, ast.Name) and code.value.id == "codes")
                assert ok, f"{module}:{call.lineno}: give Diagnostic a code as codes.X"
    assert not literals, "write these as codes.X: " + "; ".join(literals)


def test_no_code_is_registered_but_unused() -> None:
    used = names_used()
    unused = sorted(name for name in CODES if constant(name) not in used)
    assert not unused, f"registered in core/codes.py but never emitted: {unused}"


def test_the_guide_writes_every_code() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = [name for name in CODES if f"`{name}`" not in text]
    assert not missing, f"CONTRIBUTING.md does not explain: {missing}"


def test_the_guide_has_one_row_per_code_worded_as_the_registry() -> None:
    rows = guide_rows()
    names = [name for name, *_ in rows]
    assert len(names) == len(set(names)), "a code has two rows in CONTRIBUTING.md"
    assert set(names) == set(CODES), f"rows without a code: {sorted(set(names) - set(CODES))}; codes without a row: {sorted(set(CODES) - set(names))}"
    for name, severity, meaning, fix in rows:
        code = CODES[name]
        assert severity == SEVERITY_FR[code.severity], f"{name}: the guide says {severity}, core/codes.py says {code.severity}"
        assert meaning == code.summary_fr, f"{name}: the guide and core/codes.py word it differently:\n  {meaning}\n  {code.summary_fr}"
        assert fix.strip(), name


@pytest.mark.parametrize("path", QUOTING, ids=lambda p: p.name)
def test_quoted_codes_exist_with_their_severity(path: Path) -> None:
    quoted = set(re.findall(r"\b(erreur|avertissement)\[([a-z-]+)\]", path.read_text(encoding="utf-8")))
    assert quoted, f"{path.name} quotes no code: has the format changed?"
    quoted.discard(("erreur", "code"))  # the format itself: `erreur[code] champ — …`
    wrong = sorted(f"{severity}[{name}]" for severity, name in quoted if name not in CODES or SEVERITY_FR[CODES[name].severity] != severity)
    assert not wrong, f"{path.name} quotes codes that do not exist as such: {wrong}"
