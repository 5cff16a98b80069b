"""pipeline.Preview (what `mkdocs serve` runs): after any edit, the same pages as a full render."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.synth import synthesize


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("preview") / "project"
    synthesize(root, 120)
    return root


def full(settings: Settings) -> dict:
    return dict(pipeline.pages(settings)[1])


def first(root: Path, kind: str, pattern: str) -> Path:
    return next(p for p in sorted((root / "dossier" / kind).glob("*.yaml")) if re.search(pattern, p.read_text(encoding="utf-8"), re.M))


EDITS = {
    "event summary": lambda root: _replace(first(root, "events", r"^summary:"), r"(?m)^summary: *(>-\n\s*)?", lambda m: m.group(0) + "Modifié. "),
    "event title": lambda root: _replace(first(root, "events", r"^participants:"), r"(?m)^title: .*$", lambda m: 'title: "Titre changé"'),
    "person name": lambda root: _replace(first(root, "people", r"^roles:"), r"(?m)^name: .*$", lambda m: 'name: "Nom Changé Ailleurs"'),
    "outlet label": lambda root: _replace(first(root, "organisations", r"^  status: "), r"(?m)^  status: .*$", lambda m: "  status: private"),
    "source title": lambda root: _replace(first(root, "sources", r"^title:"), r"(?m)^title: .*$", lambda m: 'title: "Autre titre"'),
    "place name": lambda root: _replace(first(root, "places", r"^kind: city"), r"(?m)^name: .*$", lambda m: 'name: "Ville renommée"'),
    "new topic": lambda root: (root / "dossier" / "topics" / "zz-nouveau.yaml").write_text("name: Nouveau thème\ndescription: Un thème de plus.\n", encoding="utf-8"),
}


def _replace(path: Path, pattern: str, repl) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, repl, text, count=1)
    assert changed != text, (path, pattern)
    path.write_text(changed, encoding="utf-8")


@pytest.mark.parametrize("edit", list(EDITS))
def test_preview_after_an_edit_equals_a_full_render(base: Path, tmp_path: Path, edit: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(base, root)
    settings = Settings.from_root(root, today=TODAY)
    preview = pipeline.Preview()
    first_build = preview.generate(settings)
    assert first_build.stats.written > 0
    EDITS[edit](root)
    again = preview.generate(settings)
    assert preview.pages == full(settings), edit
    assert 0 < again.stats.written < first_build.stats.written  # only what the edit touches is rewritten
    # Nothing changed: nothing rendered, nothing written.
    assert preview.generate(settings).stats.written == 0


def test_preview_drops_the_page_of_a_deleted_record(base: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(base, root)
    settings = Settings.from_root(root, today=TODAY)
    extra = root / "dossier" / "topics" / "zz-passager.yaml"
    extra.write_text("name: Thème passager\ndescription: Ajouté puis retiré.\n", encoding="utf-8")
    preview = pipeline.Preview()
    preview.generate(settings)
    page = root / "docs" / "dossier" / "themes" / "zz-passager.md"
    assert page.exists()
    extra.unlink()
    stats = preview.generate(settings).stats
    assert preview.pages == full(settings)
    assert stats.removed == 1 and not page.exists()


def test_an_edited_template_renders_everything_again(base: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` watches the templates too: a template edit must reach every page it shapes."""
    from dossiergen import render

    root = tmp_path / "project"
    shutil.copytree(base, root)
    templates = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, templates)
    monkeypatch.setattr(render, "TEMPLATES", templates)
    monkeypatch.setattr(pipeline, "TEMPLATES", templates)
    settings = Settings.from_root(root, today=TODAY)
    preview = pipeline.Preview()
    preview.generate(settings)
    page = templates / "page" / "place.md.j2"
    page.write_text(page.read_text(encoding="utf-8").replace("# {{ record.name }}", "# {{ record.name }} (lieu)", 1), encoding="utf-8")
    preview.generate(settings)
    places = [text for path, text in preview.pages.items() if path.parts[0] == "lieux" and path.name != "index.md"]
    assert places and all(" (lieu)\n" in text for text in places)
