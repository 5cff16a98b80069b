"""Shared fixtures: a valid dossier in a temp project, the Jinja env, one built site per run."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from dossiergen.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
SEEDS = ROOT.parent / "shared" / "seeds"


def seed_path(name: str) -> Path:
    """The working copy a source names, refused unless it is a plain file directly in SEEDS.

    `seed` is contributor text: validation allows only a file name, and this check stands
    behind it, so no record can make a test read (and print) a file from elsewhere.
    """
    path = SEEDS / name
    if "/" in name or "\\" in name or path.is_symlink() or path.resolve().parent != SEEDS.resolve() or not path.is_file():
        raise ValueError(f"seed {name!r} is not a file in {SEEDS}")
    return path
# A fixed "today" keeps the future-date check and every output reproducible.
TODAY = dt.date(2026, 11, 21)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def make_project(dest: Path, dossier: Path) -> Path:
    """A throwaway project: our mkdocs.yml, docs/ (hand-written part), scripts/, and a dossier."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("dossier", "data", "flux"))  # generated
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copytree(dossier, dest / "dossier")
    if dossier.resolve() != (ROOT / "dossier").resolve():
        # The real home page links to real records; a test dossier gets a neutral one.
        (dest / "docs" / "index.md").write_text("# Dossier de test\n\n[Chronologie](dossier/chronologie.md)\n", encoding="utf-8")
    return dest


@pytest.fixture
def valid_root(tmp_path: Path) -> Path:
    """The minimal valid dossier (every kind, every field), copied so tests may edit it."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copytree(DATA / "valid" / "dossier", root / "dossier")
    return root


@pytest.fixture
def settings(valid_root: Path) -> Settings:
    return Settings.from_root(valid_root, today=TODAY)


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a subprocess (no -v: MkDocs 1.6 skips anchor checks in debug)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dossier built once per test run into a temp folder; returns its site/."""
    project = make_project(tmp_path_factory.mktemp("real") / "project", ROOT / "dossier")
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "build.log").write_text(result.stdout + result.stderr, encoding="utf-8")  # what a contributor reads
    return site


# Pages carry our own <svg> pictures and filter <form>: those tags are allowed, but never
# with handlers or script URLs, and never the SVG elements that can load or animate links.
DANGEROUS_TAGS = {
    "script", "iframe", "img", "style", "object", "embed", "math", "input", "link", "meta", "base",
    "foreignobject", "use", "image", "feimage", "animate", "set", "handler", "listener",
}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
SCRIPT_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.I)


class _LiveTags(HTMLParser):
    """Collects the tags a browser would build that could run or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or tag
        if tag in DANGEROUS_TAGS:
            self.found.append(text)
        for name, value in attrs:
            if name.startswith("on") or (name in URL_ATTRS and SCRIPT_URL.match(value or "")):
                self.found.append(text)

    handle_startendtag = handle_starttag


# The Markdown extensions of mkdocs.yml, in its order (test_site checks they are the same): pages
# are rendered with these when a test looks for live markup.
SITE_EXTENSIONS = ["toc", "tables", "attr_list", "md_in_html", "admonition", "pymdownx.snippets"]


def live_markup(html: str) -> str | None:
    """The first real tag in `html` that could run or load something, or None.

    Parsed as a browser would: escaped text (&lt;script&gt;) and attribute values that merely
    contain "onclick=" never match; only real tags and real attributes count.
    """
    parser = _LiveTags()
    parser.feed(html)
    parser.close()
    return parser.found[0] if parser.found else None
