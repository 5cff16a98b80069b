"""render.py: golden pages, determinism, links that resolve, escaping of record data."""
from __future__ import annotations

import posixpath
import re
from pathlib import PurePosixPath

from mkdocs.utils.meta import get_data

from conftest import GOLDEN, ROOT
from dossiergen import pipeline
from dossiergen.config import Settings

LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_golden_pages(settings: Settings, update_golden: bool) -> None:
    _, pages = pipeline.pages(settings)
    golden = GOLDEN / "pages"
    if update_golden:
        for old in [p for p in golden.rglob("*") if p.is_file()]:
            old.unlink()
        for path, text in pages.items():
            target = golden / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {PurePosixPath(p.relative_to(golden).as_posix()): p.read_text(encoding="utf-8") for p in golden.rglob("*") if p.is_file()}
    assert sorted(pages) == sorted(expected), "pages added or removed: run pytest --update-golden and review the diff"
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from tests/golden/pages/{path}"


def test_same_input_same_bytes(settings: Settings) -> None:
    assert pipeline.pages(settings)[1] == pipeline.pages(settings)[1]


def test_every_relative_link_resolves(settings: Settings) -> None:
    dossier, pages = pipeline.pages(settings)
    downloads = pipeline.downloads(dossier, settings)
    for path, text in pages.items():
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://", "#")):
                continue
            file = target.split("#")[0]
            # From the site root: a generated page, a hand-written one in docs/, or a download.
            resolved = PurePosixPath(posixpath.normpath(str(settings.site_prefix / path.parent / file)))
            inside = resolved.relative_to(settings.site_prefix) if resolved.is_relative_to(settings.site_prefix) else None
            assert inside in pages or (ROOT / "docs" / resolved).is_file() or resolved in downloads, f"{path} links to missing {target}"


def test_each_page_names_its_yaml(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    event = pages[PurePosixPath("evenements/2021-09-22-rencontre.md")]
    body, _ = get_data(event)  # MkDocs strips the front matter first
    assert body.startswith("<!-- generated from dossier/events/2021-09-22-rencontre.yaml; edit that file -->\n")


def test_citations_are_numbered_per_page_and_link_to_sources(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    event = pages[PurePosixPath("evenements/2021-09-22-rencontre.md")]
    assert "[\\[1\\]](../sources/agence-2021-rencontre.md)" in event
    # La Gazette publishes [1] and [3]: its full label at its first citation, a short marker after.
    assert "[\\[1\\]](../sources/agence-2021-rencontre.md){ data-pagefind-ignore=\"all\" } [La Gazette, média d’État, Nordland](../etiquettes.md#state-owned){ .etiquette .etiquette-etat data-pagefind-ignore=\"all\" }" in event
    assert event.count("[La Gazette, média d’État, Nordland]") == 1
    assert "[\\[3\\]](../sources/journal-2021-relais.md){ data-pagefind-ignore=\"all\" } [média d’État](../etiquettes.md#state-owned){ .etiquette .etiquette-etat .marque-etat data-pagefind-ignore=\"all\" } (selon [L’Autre Journal](../organisations/autre-journal.md))" in event
    assert "1. [Rencontre à Sampleville : les deux chefs se parlent](../sources/agence-2021-rencontre.md)" in event


def test_french_dates_and_backlinks(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    person = pages[PurePosixPath("personnes/jeanne-general.md")]
    # Her one event is linked under "Participations": "Apparaît dans" does not say it again.
    assert "- 22 septembre 2021 — [Rencontre à Sampleville](../evenements/2021-09-22-rencontre.md)" in person
    assert "## Apparaît dans" not in person
    place = pages[PurePosixPath("lieux/nordland.md")]
    assert "## Apparaît dans" in place and "- [Jeanne Général](../personnes/jeanne-general.md) — pays" in place
    source = pages[PurePosixPath("sources/temoin-2021.md")]
    assert "- [Rencontre à Sampleville, 22 septembre 2021](../evenements/2021-09-22-rencontre.md) — source d’un lieu" in source
    timeline = pages[PurePosixPath("chronologie.md")]
    assert "## 2019" in timeline and "**décembre 2019 (5 décembre 2019 selon une date hors corpus) – l’année suivante — 2020 selon une date hors corpus**" in timeline


def test_citation_title_is_the_site_name() -> None:
    """“Citer cette page” names the dossier as the site does (mkdocs.yml site_name)."""
    from dossiergen.addresses import DOSSIER_TITLE

    site_name = re.search(r'^site_name: "(.*)"$', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert site_name and site_name.group(1) == DOSSIER_TITLE


def test_record_pages_link_to_their_yaml(settings: Settings) -> None:
    """"Modifier cette fiche" opens the YAML record in the repository, never the generated Markdown."""
    from dossiergen.pages.env import make_env
    from dossiergen.pages.render import render

    dossier = pipeline.check(settings)
    pages = render(dossier, make_env(), settings.pages_url, "https://github.com/exemple/dossier")
    event = pages[PurePosixPath("evenements/2021-09-22-rencontre.md")]
    assert "[Modifier cette fiche](https://github.com/exemple/dossier/edit/main/dossier/events/2021-09-22-rencontre.yaml)" in event
    issue = re.search(r"\[Signaler une erreur\]\(([^)]+)\)", event).group(1)
    assert issue.startswith("https://github.com/exemple/dossier/issues/new?template=signaler-une-erreur.yml&title=Erreur")
    assert "page=http" in issue and " " not in issue
    assert "](../../contribuer.md)" in event
    for path, text in pages.items():
        if path.parent.name and path.name != "index.md":
            assert text.count("## Modifier cette fiche") == 1, path
            assert ".md)" not in re.search(r"\[Modifier cette fiche\]\(([^)]+)\)", text).group(1)
    # Without a repository the page still names its file, and links to the guide.
    plain = pipeline.pages(settings)[1][PurePosixPath("evenements/2021-09-22-rencontre.md")]
    assert "`dossier/events/2021-09-22-rencontre.yaml`" in plain and "Modifier cette fiche](" not in plain


def test_page_metadata_gives_only_what_the_articles_support(settings: Settings) -> None:
    """JSON-LD: no date from outside the corpus, only named places, and the state-media flag."""
    import json

    _, pages = pipeline.pages(settings)

    def jsonld(path: str) -> dict:
        _, meta = get_data(pages[PurePosixPath(path)])
        return json.loads(meta["jsonld"])

    meeting = jsonld("evenements/2021-09-22-rencontre.md")
    assert meeting["startDate"] == "2021-09-22"
    assert [p["name"] for p in meeting["location"]] == ["Sampleville"]  # Nordland is inferred, not named
    assert meeting["disambiguatingDescription"] == "Relayé uniquement par des médias d’État"
    claim = next(item for item in meeting["subjectOf"] if item["@type"] == "Claim")  # Event has no hasPart
    assert claim["disambiguatingDescription"] == "Relayé uniquement par des médias d’État"
    earlier = jsonld("evenements/2019-12-rencontre-precedente.md")
    # The articles' month, not the outside day; the end is known only from outside: left out.
    assert earlier["startDate"] == "2019-12" and "endDate" not in earlier
    assert "disambiguatingDescription" not in earlier and "location" not in earlier
