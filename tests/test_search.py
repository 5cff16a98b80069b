"""The search's side of the pages (pages/search.py) and its index (pipeline.index_search): what
Pagefind reads on each record page, what a reader never sees, and the index of a built site."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import DATA
from dossiergen import pipeline
from dossiergen.cli import main
from dossiergen.config import Settings
from dossiergen.model import records as r
from dossiergen.pages.search import STATE_FILTER, search_block, spellings

HIDDEN = re.compile(r'<div hidden data-pagefind-(?:ignore|weight="[0-9.]+")>.*?</div>', re.S)


def test_spellings_are_the_name_the_aliases_and_the_search_only_ones_split_at_dashes(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    jeanne = dossier.get_as(r.Person, "jeanne-general")
    assert spellings(jeanne) == ["Jeanne Général", "J. Generale", "Jeanne Générale", "Jane General"]
    rencontre = dossier.get_as(r.Event, "2021-09-22-rencontre")
    assert spellings(rencontre)[0] == rencontre.title


def test_an_event_block_gives_kind_date_filters_and_the_other_spellings_of_whom_it_names(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    event = dossier.get_as(r.Event, "2021-09-22-rencontre")
    block = str(search_block(dossier, "events", event))
    assert '<span data-pagefind-meta="kind">Événement</span>' in block
    assert '<span data-pagefind-meta="date">22 septembre 2021</span>' in block
    assert '<span data-pagefind-filter="type">Événements</span>' in block
    assert '<span data-pagefind-filter="année">2021</span>' in block
    assert "data-pagefind-sort" not in block  # see the module's docstring
    mentions = re.search(r"<div hidden data-pagefind-weight=\"2.0\">(.*?)</div>", block)
    assert mentions and "Jane General" in mentions.group(1) and "J. Generale" in mentions.group(1)


def test_a_person_block_puts_every_spelling_at_the_highest_weight(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    block = str(search_block(dossier, "people", dossier.get_as(r.Person, "jeanne-general")))
    names = re.search(r'<div hidden data-pagefind-weight="10.0">(.*?)</div>', block)
    assert names and names.group(1) == "Jeanne Général · J. Generale · Jeanne Générale · Jane General"
    assert 'data-pagefind-filter="type">Personnes<' in block


def test_state_media_alone_is_a_filter(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    flagged = [
        record.id for kind in ("events", "sources") for record in dossier.all(kind)
        if f'data-pagefind-filter="sources">{STATE_FILTER}<' in str(search_block(dossier, kind, record))
    ]
    assert flagged, "the fixture has a source from a state medium"


def test_hostile_spellings_stay_text(settings: Settings, valid_root: Path) -> None:
    person = valid_root / "dossier" / "people" / "jeanne-general.yaml"
    person.write_text(person.read_text(encoding="utf-8").replace("search_only: [Jane General]", 'search_only: ["<script>alert(1)</script>", "a\\" data-x=\\"y"]'), encoding="utf-8")
    dossier = pipeline.check(settings)
    block = str(search_block(dossier, "people", dossier.get_as(r.Person, "jeanne-general")))
    assert "<script>" not in block and "&lt;script&gt;" in block and 'data-x="y"' not in block


def test_search_only_spellings_are_never_shown_to_a_reader(settings: Settings) -> None:
    """Outside the corpus: in the hidden block Pagefind reads, nowhere else on any page or download."""
    dossier, pages = pipeline.pages(settings)
    for path, text in pages.items():
        assert "Jane General" not in HIDDEN.sub("", text), path
    assert any("Jane General" in text for text in pages.values())
    downloads = pipeline.downloads(dossier, settings)
    assert not any(b"Jane General" in content for path, content in downloads.items() if path.suffix != ".json")


def _tiny_site(root: Path) -> Path:
    site = root / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text(
        '<!doctype html><html lang="fr"><head><title>A</title></head><body><main data-pagefind-body>'
        '<h1>Valeri Guérassimov<a class="headerlink" href="#x">¶</a></h1><p>Chef d’état-major.</p></main></body></html>',
        encoding="utf-8",
    )
    return site


def test_index_search_writes_pagefind_beside_the_pages(tmp_path: Path) -> None:
    site = _tiny_site(tmp_path)
    seconds = pipeline.index_search(site)
    assert seconds >= 0 and (site / pipeline.SEARCH_FOLDER / "pagefind.js").is_file()
    assert any((site / pipeline.SEARCH_FOLDER / "fragment").iterdir())


def test_index_search_fails_on_a_missing_site(tmp_path: Path) -> None:
    with pytest.raises(pipeline.SearchIndexFailed):
        pipeline.index_search(tmp_path / "absent")


def test_cli_search_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """For a builder without the MkDocs hook: `dossier search-index --site DIR`."""
    site = _tiny_site(tmp_path)
    shutil.copytree(DATA / "valid" / "dossier", tmp_path / "dossier")
    assert main(["--root", str(tmp_path), "search-index", "--site", str(site)]) == 0
    assert capsys.readouterr().out.startswith("ok: ")
    assert main(["--root", str(tmp_path), "search-index", "--site", str(tmp_path / "absent")]) == 1
