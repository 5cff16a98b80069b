"""The whole site: strict build, nothing from third-party hosts, export and pages agree."""
from __future__ import annotations

import gzip
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA, ROOT, SITE_EXTENSIONS, TODAY, live_markup, make_project, mkdocs_build
from dossiergen import pipeline
from dossiergen.cli import main
from dossiergen.config import Settings
from dossiergen.downloads.export import to_json
from test_hostile import INERT

# What a page loads by itself: scripts, stylesheets, images, fonts, frames, CSS imports.
LOADS = re.compile(r"<(?:script|img|iframe|source|embed)\b[^>]*\bsrc=[\"']([^\"']+)|<link\b(?![^>]*\brel=[\"']?(?:canonical|alternate)\b)[^>]*\bhref=[\"']([^\"']+)|url\(\s*[\"']?([^\"')]+)|@import\s+[\"']([^\"']+)", re.I)


def test_strict_build_of_the_real_dossier(built_site: Path) -> None:
    assert (built_site / "index.html").is_file()
    assert (built_site / "dossier" / "chronologie" / "index.html").is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file() and not (built_site / "search").exists()


def test_the_build_log_is_short_and_lists_no_page_left_out_of_the_nav(built_site: Path) -> None:
    """A contributor reads the build's log: the record pages are reached from the indexes, never
    from the nav, and MkDocs must not list them one by one."""
    log = (built_site.parent / "build.log").read_text(encoding="utf-8")
    assert '"nav" configuration' not in log and "dossier/evenements/" not in log
    assert len(log.splitlines()) < 30, log


def test_nothing_is_loaded_from_another_host(built_site: Path) -> None:
    offenders = []
    for file in built_site.rglob("*"):
        if file.suffix not in (".html", ".css", ".js") or not file.is_file():
            continue
        for match in LOADS.finditer(file.read_text(encoding="utf-8", errors="replace")):
            target = next(g for g in match.groups() if g)
            if re.match(r"(?:[a-z]+:)?//", target, re.I) and not target.startswith("data:"):
                offenders.append(f"{file.relative_to(built_site)}: {target}")
    # Material's bundled JS mentions hosts in code paths we don't enable (e.g. repo facts); pages and CSS must not.
    offenders = [o for o in offenders if not o.split(":")[0].endswith(".js")]
    assert offenders == []
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert '<html lang="fr"' in html


def test_export_lists_every_record_and_each_has_its_page(built_site: Path) -> None:
    data = json.loads((built_site / "data" / "dossier.json").read_text(encoding="utf-8"))
    dossier = pipeline.check(Settings.from_root(ROOT, today=TODAY))
    for kind, records in dossier.records.items():
        assert {e["id"] for e in data[kind]} == set(records)
    for kind in ("events", "sources", "people", "organisations", "places", "topics", "claims"):
        for entry in data[kind]:
            page = built_site / entry["url"].split("#")[0] / "index.html"
            assert page.is_file(), entry["url"]
            if "#" in entry["url"]:
                assert f'id="{entry["url"].split("#")[1]}"' in page.read_text(encoding="utf-8")


def test_generation_is_deterministic() -> None:
    settings = Settings.from_root(ROOT, today=TODAY)
    first_dossier, first = pipeline.pages(settings)
    second_dossier, second = pipeline.pages(settings)
    assert first == second
    assert to_json(first_dossier, settings.site_prefix) == to_json(second_dossier, settings.site_prefix)


@pytest.mark.slow
def test_hostile_text_builds_strict_and_inert(tmp_path: Path) -> None:
    """Every inert hostile case in one strict build: no live markup in any page, the search index or the export."""
    dossier = tmp_path / "dossier"
    shutil.copytree(DATA / "valid" / "dossier", dossier)
    for case in sorted(INERT):
        shutil.copy(DATA / "hostile" / case, dossier / case)
    project = make_project(tmp_path / "project", dossier)
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    page = (site / "dossier" / "evenements" / "script-tag" / "index.html").read_text(encoding="utf-8")
    BASE_HEAD = page.split("</head>", 1)[0]
    article = page.split('<article', 1)[1].split("</article>", 1)[0]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article
    for html_file in site.rglob("*.html"):
        if html_file.relative_to(site).parts[0] == "admin":
            continue  # the web editor's own page, a vendored file that holds no record text
        html = html_file.read_text(encoding="utf-8")
        article = html.split("<article", 1)[1].split("</article>", 1)[0] if "<article" in html else html
        assert live_markup(article) is None, f"{html_file}: {live_markup(article)}"
        # The head carries record text too (title, description, OpenGraph, JSON-LD): the same
        # tags as on any page, and JSON-LD that parses and holds no angle bracket.
        head = html.split("</head>", 1)[0]
        assert head.count("<title") == 1 and head.count("<script") <= BASE_HEAD.count("<script"), html_file
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S):
            assert "<" not in block and ">" not in block
            json.loads(block)
        for attr in re.findall(r'<meta [^>]*content="([^"]*)"', head):
            assert "<" not in attr and ">" not in attr, (html_file, attr)
    # Pagefind keeps each page's text and metadata as text (its fragments, gzipped JSON): the search
    # dialog shows titles and kinds through textContent, and Pagefind escapes the excerpts.
    fragments = [json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd")) for f in (site / "pagefind" / "fragment").iterdir()]
    assert any("<script>" in fragment["meta"].get("title", "") for fragment in fragments)
    exported = (site / "data" / "dossier.json").read_text(encoding="utf-8")
    assert "<" not in exported and ">" not in exported


@pytest.mark.slow
def test_a_data_error_fails_the_build_with_the_report(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(DATA / "valid" / "dossier", dossier)
    shutil.copy(DATA / "invalid" / "events" / "typo-key.yaml", dossier / "events" / "typo-key.yaml")
    project = make_project(tmp_path / "project", dossier)
    result = mkdocs_build(project, project / "site")
    assert result.returncode != 0
    assert "dossier/events/typo-key.yaml:7:1: erreur[unknown-field] participnts" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr + result.stdout


def test_page_html_is_kept_in_one_byte_a_character(built_site: Path) -> None:
    """The hook writes characters above U+00FF of each page's content as references (MkDocs
    then holds the pages in half the memory): the article has none left outside raw text,
    and the apostrophes read the same in the browser (test_browser checks the text)."""
    page = (built_site / "dossier" / "personnes" / "valeri-guerassimov" / "index.html").read_text(encoding="utf-8")
    article = page[page.index('<article class="md-content__inner'):page.index("</article>")]
    assert "&#8217;" in article
    outside = re.sub(r"<(script|style)\b.*?</\1>|<!--.*?-->", "", article, flags=re.S)
    assert max(outside) <= "\xff"


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_builder_without_the_hook_builds_the_same_site_after_dossier_build(tmp_path: Path) -> None:
    """Zensical and other builders read mkdocs.yml but run no MkDocs hook: after `dossier build`,
    mkdocs.yml without its `hooks:` entry, then `dossier search-index`, give the same pages,
    downloads and search index as the full build.
    The one difference is the hook's memory measure: it writes characters above U+00FF as
    references (’ as &#8217;), which a browser reads as the same text."""
    project = make_project(tmp_path / "project", DATA / "valid" / "dossier")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr

    bare = tmp_path / "bare"
    shutil.copytree(project, bare, ignore=shutil.ignore_patterns("site", "dossier", "data", "flux", "build"))
    shutil.copytree(project / "dossier", bare / "dossier")
    config = (bare / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"\nhooks:\n(?:  - .*\n)+", "\n", config)
    assert without != config and "mkdocs_hooks" not in without
    (bare / "mkdocs.yml").write_text(without, encoding="utf-8")
    assert main(["--root", str(bare), "build"]) == 0
    result = mkdocs_build(bare, bare / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert main(["--root", str(bare), "search-index", "--site", str(bare / "site")]) == 0

    # Pagefind's index is made apart: its file names are content hashes that differ from one run
    # to the next even on the same pages (its filters), so its pages and words are compared.
    for site in (project / "site", bare / "site"):
        assert (site / "pagefind" / "pagefind.js").is_file()
    entries = [json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8")) for site in (project / "site", bare / "site")]
    assert [{lang: meta["page_count"] for lang, meta in entry["languages"].items()} for entry in entries][0] == \
        [{lang: meta["page_count"] for lang, meta in entry["languages"].items()} for entry in entries][1]
    with_hook = {k: v for k, v in _site_files(project / "site").items() if not k.startswith("pagefind/")}
    without_hook = {k: v for k, v in _site_files(bare / "site").items() if not k.startswith("pagefind/")}
    assert sorted(with_hook) == sorted(without_hook)
    assert {"data/dossier.json", "data/sources.bib", "flux/evenements.xml"} <= with_hook.keys()
    for name, content in with_hook.items():
        if name.endswith(".html"):
            assert html.unescape(content.decode("utf-8")) == html.unescape(without_hook[name].decode("utf-8")), name
        else:
            assert content == without_hook[name], name


def test_tests_render_markdown_with_the_sites_extensions() -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = config.split("\nmarkdown_extensions:\n", 1)[1].split("\n\n", 1)[0]
    assert re.findall(r"^  - ([\w.]+)", block, re.M) == SITE_EXTENSIONS
