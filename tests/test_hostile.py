"""Hostile records: each gives a diagnostic or inert text; never a crash, never live markup."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown
import pytest

from conftest import DATA, TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.errors import DossierError

HOSTILE = DATA / "hostile"
CASES = sorted(p.relative_to(HOSTILE).as_posix() for p in HOSTILE.rglob("*.yaml"))
# Valid YAML whose text must come out inert; every other case must be refused.
INERT = {
    "events/script-tag.yaml", "events/javascript-link.yaml", "events/image-beacon.yaml", "events/pipe-in-title.yaml",
    "events/block-starts.yaml", "events/jinja-in-text.yaml", "events/attr-list.yaml", "events/html-comment.yaml",
    "events/quote-with-html.yaml", "sources/url-with-markdown.yaml", "contradictions/script-in-sides.yaml",
}
# Live markup is a real tag or attribute: escaped text shows "&lt;img", never "<img".
LIVE = re.compile(r"<(script|iframe|img|style|object|embed)\b|<[a-z][^>]*\son\w+\s*=|href=\"javascript:|src=\"https://evil", re.I)


def with_case(root: Path, case: str) -> Settings:
    target = root / "dossier" / case
    shutil.copy(HOSTILE / case, target)
    return Settings.from_root(root, today=TODAY)


def test_every_case_is_classified() -> None:
    assert INERT <= set(CASES) and len(CASES) >= 20


@pytest.mark.parametrize("case", sorted(set(CASES) - INERT))
def test_refused_with_a_diagnostic(valid_root: Path, case: str) -> None:
    settings = with_case(valid_root, case)
    with pytest.raises(DossierError) as info:
        pipeline.generate(settings)
    assert any(d.path == f"dossier/{case}" for d in info.value.diagnostics)
    assert not settings.out_dir.exists()  # nothing written
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize("case", sorted(INERT))
def test_rendered_inert(valid_root: Path, case: str) -> None:
    settings = with_case(valid_root, case)
    _, pages = pipeline.pages(settings)
    for path, text in pages.items():
        html = markdown.markdown(text, extensions=["toc", "tables", "attr_list", "admonition"])
        assert not LIVE.search(html), f"{case}: live markup in {path}: {LIVE.search(html).group(0)}"
        assert "<h1" not in html.split("</h1>", 1)[1], f"{case}: a second heading 1 in {path}"
        assert "49" not in re.sub(r"\d{2,}", "", html) or "{{ 7*7 }}" not in text


def test_inert_text_is_still_shown(valid_root: Path) -> None:
    _, pages = pipeline.pages(with_case(valid_root, "events/jinja-in-text.yaml"))
    html = markdown.markdown(next(t for p, t in pages.items() if p.name == "jinja-in-text.md"), extensions=["attr_list"])
    assert "{{ 7*7 }}" in html and "{% for x in range(9) %}" in html


def test_table_rows_survive_pipes(valid_root: Path) -> None:
    _, pages = pipeline.pages(with_case(valid_root, "events/pipe-in-title.yaml"))
    index = next(t for p, t in pages.items() if p.as_posix() == "evenements/index.md")
    html = markdown.markdown(index, extensions=["tables"])
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert all(row.count("<td>") == 4 for row in rows[1:])
