"""What the site tells machines and citers: JSON-LD shapes (only schema.org properties of each
type), a source page about the article at the article's own address, the home page's WebSite
and the data page's Dataset, the footer's publisher, licence and last update, CSL and BibTeX types."""
from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

import pytest
from mkdocs.utils.meta import get_data

from conftest import DATA, make_project, mkdocs_build
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.downloads.feeds import citation_types
from dossiergen.model import records as r
from test_history import commit, git

# schema.org properties used by the site, by type (https://schema.org, version 29): a property
# outside its type's list is one schema.org does not define there.
THING = {"name", "description", "url", "sameAs", "alternateName", "disambiguatingDescription", "subjectOf", "identifier"}
CREATIVE = THING | {"about", "abstract", "author", "dateCreated", "dateModified", "datePublished", "headline", "inLanguage",
                    "isPartOf", "publisher", "creator", "text", "license", "mainEntity", "isAccessibleForFree"}
PLACE = THING | {"geo", "containedInPlace"}
ORGANIZATION = THING | {"parentOrganization", "location"}
ALLOWED: dict[str, set[str]] = {
    "WebPage": CREATIVE, "WebSite": CREATIVE, "NewsArticle": CREATIVE, "Claim": CREATIVE | {"appearance", "firstAppearance"},
    "Dataset": CREATIVE | {"distribution"}, "DataDownload": CREATIVE | {"contentUrl", "encodingFormat"},
    "Event": THING | {"startDate", "endDate", "location", "organizer", "attendee", "about", "inLanguage", "subEvent", "superEvent"},
    "Person": THING | {"affiliation", "jobTitle", "nationality"},
    "Organization": ORGANIZATION, "NewsMediaOrganization": ORGANIZATION,
    "Place": PLACE, "City": PLACE, "Country": PLACE, "Airport": PLACE, "BodyOfWater": PLACE,
    "GeoCoordinates": THING | {"latitude", "longitude"}, "Thing": THING,
}
REQUIRED = {"WebPage": {"name", "url"}, "NewsArticle": {"headline"}, "Event": {"name"}, "Claim": {"author"},
            "WebSite": {"name", "url"}, "Dataset": {"name", "description", "distribution"},
            "DataDownload": {"contentUrl", "encodingFormat"}}


def nodes(data: Any) -> Iterator[dict[str, Any]]:
    """Every typed object in a JSON-LD tree."""
    if isinstance(data, dict):
        if "@type" in data:
            yield data
        for value in data.values():
            yield from nodes(value)
    elif isinstance(data, list):
        for value in data:
            yield from nodes(value)


def check_shape(data: dict[str, Any], where: str) -> None:
    assert data["@context"] == "https://schema.org", where
    for node in nodes(data):
        kind = node["@type"]
        assert kind in ALLOWED, f"{where}: unexpected type {kind}"
        extra = set(node) - ALLOWED[kind] - {"@context", "@type", "@id"}
        assert not extra, f"{where}: {kind} has no property {sorted(extra)} in schema.org"
        missing = REQUIRED.get(kind, set()) - set(node)
        assert not missing, f"{where}: {kind} lacks {sorted(missing)}"


def page_jsonld(text: str) -> dict[str, Any]:
    return json.loads(get_data(text)[1]["jsonld"])


def test_every_record_pages_jsonld_uses_schema_org_properties(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    records = [(path, text) for path, text in pages.items() if path.parent.name and path.name != "index.md"]
    assert records
    for path, text in records:
        check_shape(page_jsonld(text), str(path))


def test_a_source_page_is_about_the_article_at_its_own_address(settings: Settings) -> None:
    dossier, pages = pipeline.pages(settings)
    page_url = f"{settings.pages_url}sources/agence-2021-rencontre/"
    data = page_jsonld(pages[PurePosixPath("sources/agence-2021-rencontre.md")])
    assert (data["@type"], data["url"], data["inLanguage"]) == ("WebPage", page_url, "fr")
    article = data["about"]
    source = dossier.get_as(r.Source, "agence-2021-rencontre")
    assert article["@type"] == "NewsArticle" and article["url"] == article["sameAs"] == source.url
    assert article["@id"] == page_url + "#article" and "mainEntityOfPage" not in article
    # A source without a known address: no url at all, never the dossier's page.
    unknown = page_jsonld(pages[PurePosixPath("sources/temoin-2021.md")])["about"]
    assert "url" not in unknown and "sameAs" not in unknown
    # Everywhere (events' subjectOf, claims' appearance), an article never has a dossier page as its url.
    for text in pages.values():
        if "jsonld" in get_data(text)[1]:
            for node in nodes(page_jsonld(text)):
                if node["@type"] == "NewsArticle":
                    assert not str(node.get("url", "")).startswith(settings.site_url), node


def test_people_and_places_carry_no_creative_work_property(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    person = page_jsonld(pages[PurePosixPath("personnes/jeanne-general.md")])
    assert person["@type"] == "Person" and "inLanguage" not in person and "dateModified" not in person
    event = page_jsonld(pages[PurePosixPath("evenements/2021-09-22-rencontre.md")])
    assert "hasPart" not in event and {item["@type"] for item in event["subjectOf"]} == {"NewsArticle", "Claim"}


def test_csl_and_bibtex_types(settings: Settings) -> None:
    dossier = pipeline.check(settings)
    files = pipeline.downloads(dossier, settings)
    items = {item["id"]: item for item in json.loads(files[PurePosixPath("data/sources.csl.json")])}
    assert {k: v["type"] for k, v in items.items()} == {
        "agence-2021-rencontre": "article-newspaper", "journal-2021-relais": "article-newspaper", "temoin-2021": "document"}
    assert "article" not in {item["type"] for item in items.values()}  # Zotero and citeproc read it as a preprint
    assert items["agence-2021-rencontre"]["genre"] == "dépêche d’agence"
    bib = files[PurePosixPath("data/sources.bib")].decode("utf-8")
    assert re.findall(r"^@(\w+)\{([\w-]+),", bib, re.M) == [("article", "agence-2021-rencontre"), ("article", "journal-2021-relais"), ("misc", "temoin-2021")]
    # Every source with an address gives it; the others say it is unknown.
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        if source.url:
            assert items[source.id]["URL"] == source.url
        else:
            assert "URL" not in items[source.id] and "adresse d’origine inconnue" in items[source.id]["note"]


@pytest.mark.parametrize("kind, outlet_kind, csl, bib", [
    ("article", "newspaper", "article-newspaper", "article"),
    ("dispatch", "news-agency", "article-newspaper", "article"),
    ("press-release", "ministry", "report", "misc"),
    ("transcript", "broadcaster", "broadcast", "misc"),
    ("transcript", "newspaper", "document", "misc"),
    ("other", "newspaper", "document", "misc"),
])
def test_citation_types(settings: Settings, kind: str, outlet_kind: str, csl: str, bib: str) -> None:
    import dataclasses

    from dossiergen.model.dossier import build

    dossier = pipeline.check(settings)
    records = [rec for k in r.KINDS for rec in dossier.all(k)]
    gazette = dossier.get("organisations", r.RecordId("gazette"))
    changed = build([dataclasses.replace(rec, kind=outlet_kind) if rec is gazette else rec for rec in records])
    source = dataclasses.replace(dossier.get_as(r.Source, "journal-2021-relais"), kind=kind)
    assert citation_types(changed, source) == (csl, bib)
    # Without an outlet or agency, news is still a newspaper article in CSL, but @misc in BibTeX.
    alone = dataclasses.replace(source, outlet=None, agency=None)
    assert citation_types(changed, alone)[1] == "misc"


COLOPHON = re.compile(r'<div class="md-copyright dossier-colophon">(.*?)</div>', re.S)


@pytest.mark.slow
def test_every_page_footer_names_publisher_licence_and_last_update(tmp_path: Path) -> None:
    """A strict build of a fixture dossier in a git repository: every page's footer says who
    publishes, under which licence and when the dossier changed; record pages, when they did."""
    project = make_project(tmp_path / "project", DATA / "valid" / "dossier")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace('dossier_publisher: ""', 'dossier_publisher: "Rédaction « Exemple » & co"')
    config = config.replace('dossier_licence: ""', 'dossier_licence: "CC BY 4.0"')
    config = config.replace('dossier_licence_url: ""', 'dossier_licence_url: "https://creativecommons.org/licenses/by/4.0/deed.fr"')
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    commit(project, "Add the project", "2026-01-05T10:00:00+00:00")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    # Every reader page; the web editor at admin/ is not one (no theme, no footer, noindex).
    pages = sorted(p for p in site.rglob("index.html") if "pagefind" not in p.parts and p.relative_to(site).parts[0] != "admin")
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = COLOPHON.search(html)
        assert found, page
        footer = " ".join(found.group(1).split())
        assert "Publié par Rédaction « Exemple » &amp; co." in footer, page
        assert 'sous licence <a href="https://creativecommons.org/licenses/by/4.0/deed.fr" rel="license">CC BY 4.0</a>' in footer, page
        assert 'Dossier mis à jour le <time datetime="2026-01-05">5 janvier 2026</time>.' in footer, page
        rel = page.parent.relative_to(site).as_posix()
        if rel.startswith("dossier/") and rel.count("/") == 2:  # a record page
            assert 'Fiche modifiée le <time datetime="2026-01-05">5 janvier 2026</time>.' in footer, page
    home = site / "index.html"
    website = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', home.read_text(encoding="utf-8"), re.S)[-1])
    check_shape(website, "home")
    assert website["@type"] == "WebSite" and website["inLanguage"] == "fr" and website["publisher"]["name"] == "Rédaction « Exemple » & co"
    assert website["license"] == "https://creativecommons.org/licenses/by/4.0/deed.fr" and website["dateModified"] == "2026-01-05"
    data_page = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    dataset = json.loads(re.findall(r'<script type="application/ld\+json">(.*?)</script>', data_page, re.S)[-1])
    check_shape(dataset, "data page")
    settings = Settings.from_root(project)
    wanted = {f"{settings.site_url}{path}" for path in pipeline.download_paths(settings)}
    assert {d["contentUrl"] for d in dataset["distribution"]} == wanted
    assert dataset["dateModified"] == "2026-01-05" and dataset["license"].startswith("https://creativecommons.org/")
    assert "dossier-colophon--page" in data_page  # the data page ends with the same colophon
    journal = (site / "dossier" / "journal" / "index.html").read_text(encoding="utf-8")
    assert "5 janvier 2026" in journal and "fiches créées" in journal


def test_without_configuration_the_footer_says_no_licence_is_declared(built_site: Path) -> None:
    """The real dossier, built outside git: the honest defaults, and no date that is not known."""
    for page in [built_site / "index.html", built_site / "donnees" / "index.html", built_site / "dossier" / "journal" / "index.html"]:
        footer = " ".join(COLOPHON.search(page.read_text(encoding="utf-8")).group(1).split())  # type: ignore[union-attr]
        assert "Publié par les contributeurs du dépôt (éditeur non désigné)." in footer
        assert "Aucune licence de réutilisation n’est déclarée : textes et données sont sous droits réservés" in footer
        assert "mis à jour le" not in footer


def test_journal_is_in_the_nav_after_the_method() -> None:
    from conftest import ROOT

    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    assert "  - Méthode: methode.md\n  - Journal des modifications: dossier/journal.md\n" in nav
