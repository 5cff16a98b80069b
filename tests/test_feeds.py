"""feeds.py: CSV per kind, Atom feed, CSL-JSON and BibTeX, inert for any record text."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest

from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core.text import clean_text
from dossiergen.downloads.bibtex import BibTeX, bibtex_entry, bibtex_escape, bibtex_key, bibtex_names, split_name
from dossiergen.downloads.feeds import CSV_COLUMNS, download_files
from dossiergen.model import records as r
from dossiergen.model.dossier import Dossier, build
from test_hostile import INERT, with_case

SITE = "https://exemple.org/site/"
PREFIX = PurePosixPath("dossier")
ATOM = "{http://www.w3.org/2005/Atom}"
# Everything XML 1.0 cannot hold, plus markup, quotes, entities and CRLF.
HOSTILE = 'a</summary><script>alert("x")</script> &amp; \'q\' ]]> \x00\x08\x0b\x1b\ufffe\uffff\ud800 fin\r\nligne'
HOSTILE_CLEAN = 'a</summary><script>alert("x")</script> &amp; \'q\' ]]>  fin\nligne'


@pytest.fixture
def dossier(settings: Settings) -> Dossier:
    return pipeline.check(settings)


def files_of(dossier: Dossier) -> dict[PurePosixPath, bytes]:
    return download_files(dossier, SITE, PREFIX)


def changed(dossier: Dossier, kind: str, rid: str, **changes: object) -> Dossier:
    """The same dossier with one record's fields replaced (no validation: hand-built input)."""
    records = [rec for k in r.KINDS for rec in dossier.all(k)]
    target = dossier.get(kind, r.RecordId(rid))
    return build([dataclasses.replace(rec, **changes) if rec is target else rec for rec in records])


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_file_is_there(dossier: Dossier) -> None:
    files = files_of(dossier)
    expected = {f"data/csv/{kind}.csv" for kind in (*r.KINDS, "claims")} | {"flux/evenements.xml", "data/sources.csl.json", "data/sources.bib"}
    assert {str(path) for path in files} == expected
    assert set(CSV_COLUMNS) == {*r.KINDS, "claims"}
    assert all(files.values())


@pytest.mark.parametrize("kind", [*r.KINDS, "claims"])
def test_csv_has_the_documented_header_and_one_row_per_record(dossier: Dossier, kind: str) -> None:
    data = files_of(dossier)[PurePosixPath(f"data/csv/{kind}.csv")]
    header, *rows = read_csv(data)
    assert tuple(header) == CSV_COLUMNS[kind]
    expected = [f"{c.event.id}/{c.claim.id}" for c in dossier.claims()] if kind == "claims" else [rec.id for rec in dossier.all(kind)]
    assert [row[0] for row in rows] == expected
    assert all(len(row) == len(header) for row in rows)
    assert all(row[header.index("url")].startswith(SITE + "dossier/") for row in rows)
    assert data.count(b"\r\n") >= len(rows) + 1


def test_csv_values(dossier: Dossier) -> None:
    files = files_of(dossier)

    def row(kind: str, rid: str) -> dict[str, str]:
        header, *rows = read_csv(files[PurePosixPath(f"data/csv/{kind}.csv")])
        return next(dict(zip(header, values)) for values in rows if values[0] == rid)

    event = row("events", "2021-09-22-rencontre")
    assert (event["date"], event["end_date"], event["topics"]) == ("2021-09-22", "", "canal; bases")
    assert event["sources"] == "agence-2021-rencontre; journal-2021-relais"
    assert event["participants"] == "jeanne-general; paul-porte-parole"
    assert event["claims"] == "2021-09-22-rencontre/communique; 2021-09-22-rencontre/selon-autre-journal"
    assert event["url"] == SITE + "dossier/evenements/2021-09-22-rencontre/"
    assert event["file"] == "dossier/events/2021-09-22-rencontre.yaml"
    assert row("events", "2019-12-rencontre-precedente")["end_date"] == "2020"
    person = row("people", "jeanne-general")
    assert person["aliases"] == "J. Generale; Jeanne Générale"
    assert person["roles"] == "Cheffe d’état-major (etat-major)"
    assert row("places", "nordland")["lon"] == "-24.25"  # our own number: not neutralised
    assert row("sources", "agence-2021-rencontre")["original_url"] == "https://example.org/articles/rencontre?id=1&lang=fr"
    assert row("sources", "agence-2021-rencontre")["publisher_status"] == "state-owned"
    claim = row("claims", "2021-09-22-rencontre/selon-autre-journal")
    assert claim["url"] == SITE + "dossier/evenements/2021-09-22-rencontre/#declaration-selon-autre-journal"
    assert (claim["by"], claim["quote_language"], claim["sources"]) == ("autre-journal", "fr", "journal-2021-relais")
    assert (claim["translated_from"], claim["translated_by"], claim["state_media_only"]) == ("en", "autre-journal", "oui")
    assert (event["date_basis"], event["date_printed"], event["places_not_named"], event["state_media_only"]) == ("deduced", "mercredi", "nordland", "oui")
    earlier = row("events", "2019-12-rencontre-precedente")
    assert (earlier["date"], earlier["date_basis"], earlier["date_outside"], earlier["end_date_basis"], earlier["state_media_only"]) == ("2019-12", "printed", "2019-12-05", "outside", "non")


@pytest.mark.parametrize("text, cell", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t'=1"),  # the tab itself may start a cell, and so may what follows it
    ("\r=1", "'\n'=1"),
    ("a;=1", "a;'=1"),  # a French spreadsheet splits on ;
    ("\x00=1", "'=1"),  # a control character removed first must not uncover a formula
    ("Sans danger = 1", "Sans danger = 1"),
])
def test_csv_injection_is_neutralised(dossier: Dossier, text: str, cell: str) -> None:
    hostile = changed(dossier, "topics", "bases", name=text, description=text)
    header, *rows = read_csv(files_of(hostile)[PurePosixPath("data/csv/topics.csv")])
    values = next(dict(zip(header, row)) for row in rows if row[0] == "bases")
    assert (values["name"], values["description"]) == (cell, cell)


def parse_feed(data: bytes) -> ET.Element:
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(data)


def test_atom_feed(dossier: Dossier) -> None:
    feed = parse_feed(files_of(dossier)[PurePosixPath("flux/evenements.xml")])
    assert feed.tag == ATOM + "feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert feed.findtext(ATOM + "id") == SITE + "flux/evenements.xml"
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Le dossier"
    entries = feed.findall(ATOM + "entry")
    assert [e.findtext(ATOM + "id") for e in entries] == [SITE + "dossier/evenements/2021-09-22-rencontre/", SITE + "dossier/evenements/2019-12-rencontre-precedente/"]
    updated = [e.findtext(ATOM + "updated") for e in entries]
    assert updated == ["2021-09-22T00:00:00Z", "2020-12-31T00:00:00Z"]  # the last day covered, never the build time
    assert feed.findtext(ATOM + "updated") == max(updated)
    first = entries[0]
    assert first.find(ATOM + "link").attrib == {"rel": "alternate", "type": "text/html", "href": first.findtext(ATOM + "id")}
    assert first.findtext(ATOM + "title") == "Rencontre à Sampleville"
    assert "<b>balises</b>" in first.findtext(ATOM + "summary")
    assert [(c.get("term"), c.get("label")) for c in first.findall(ATOM + "category")] == [("canal", "Canal de communication"), ("bases", "Bases")]


def test_atom_feed_is_newest_first_for_every_event(settings: Settings) -> None:
    dossier = changed(pipeline.check(settings), "events", "2019-12-rencontre-precedente", date=r.PartialDate(2022), end_date=None)
    entries = parse_feed(files_of(dossier)[PurePosixPath("flux/evenements.xml")]).findall(ATOM + "entry")
    assert len(entries) == len(dossier.all("events"))
    assert [e.findtext(ATOM + "updated") for e in entries] == ["2022-12-31T00:00:00Z", "2021-09-22T00:00:00Z"]


def test_hostile_text_stays_text_in_the_feed(dossier: Dossier) -> None:
    hostile = changed(dossier, "events", "2021-09-22-rencontre", title=HOSTILE, summary=HOSTILE)
    hostile = changed(hostile, "topics", "canal", name=HOSTILE)
    data = files_of(hostile)[PurePosixPath("flux/evenements.xml")]
    entry = parse_feed(data).findall(ATOM + "entry")[0]
    assert entry.findtext(ATOM + "title") == HOSTILE_CLEAN
    # The summary opens with the date as the page gives it and the state-media flag.
    assert entry.findtext(ATOM + "summary") == "22 septembre 2021 (relayé uniquement par des médias d’État). " + HOSTILE_CLEAN
    assert entry.find(ATOM + "category").get("label") == HOSTILE_CLEAN
    assert b"<script>" not in data and b"\x00" not in data
    assert clean_text(HOSTILE) == HOSTILE_CLEAN


def test_csl_json(dossier: Dossier) -> None:
    data = files_of(dossier)[PurePosixPath("data/sources.csl.json")]
    items = json.loads(data)
    assert [item["id"] for item in items] == [s.id for s in dossier.all("sources")]
    item = items[0]
    assert item["type"] == "article-newspaper" and item["title"] == "Rencontre à Sampleville : les deux chefs se parlent"
    assert (item["container-title"], item["publisher"]) == ("La Gazette", "Agence Exemple")
    assert item["author"] == [{"family": "Exemple", "given": "Jeanne"}]
    assert item["issued"] == {"date-parts": [[2021, 9]]}
    assert item["URL"] == "https://example.org/articles/rencontre?id=1&lang=fr"
    assert (item["language"], item["note"]) == ("fr", "dépêche d’agence ; agence : Agence Exemple")
    assert items[1]["issued"] == {"date-parts": [[2021, 10, 2]]} and "publisher" not in items[1]
    # No address known: the note says so and names the dossier's page, never given as the URL.
    assert "URL" not in items[1] and items[1]["note"] == f"adresse d’origine inconnue ; fiche du dossier : {SITE}dossier/sources/journal-2021-relais/"
    assert "issued" not in items[2]  # a publication date from outside the corpus is not the article's
    assert b"&" not in data and b"<" not in data


@pytest.mark.parametrize("date, parts", [
    (r.PartialDate(2020), [2020]), (r.PartialDate(2020, 5), [2020, 5]), (r.PartialDate(2020, 5, 3), [2020, 5, 3]),
])
def test_csl_dates_have_only_the_known_parts(dossier: Dossier, date: r.PartialDate, parts: list[int]) -> None:
    changed_dossier = changed(dossier, "sources", "journal-2021-relais", published=date, title=HOSTILE)
    item = json.loads(files_of(changed_dossier)[PurePosixPath("data/sources.csl.json")])[1]
    assert item["issued"] == {"date-parts": [parts]}
    assert item["title"] == HOSTILE_CLEAN


@pytest.mark.parametrize("name, parts", [
    ("Jeanne Exemple", ("Exemple", "Jeanne")),
    ("Jean-Pierre de La Fontaine", ("de La Fontaine", "Jean-Pierre")),
    ("Anne Le Goff", ("Le Goff", "Anne")),
    ("Exemple, Jeanne", ("Exemple", "Jeanne")),
    ("AFP", None),
])
def test_split_name(name: str, parts: tuple[str, str] | None) -> None:
    assert split_name(name) == parts


def bib_fields(entry: str) -> list[tuple[str, str]]:
    """(name, value) of each field, reading braces as BibTeX does: a backslash escapes nothing."""
    head, _, body = entry.partition(",\n")
    assert re.fullmatch(r"@[a-z]+\{[A-Za-z0-9_:-]+", head), head
    fields, depth, start = [], 1, 0
    for i, ch in enumerate(body):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0
        if depth == 1 and ch == ",":
            fields.append(body[start:i].strip())
            start = i + 1
        if depth == 0:
            assert body[i + 1:].strip() == "", "text after the entry's closing brace"
            break
    assert depth == 0
    assert body[start:i].strip() == ""
    return [(f.split(" = ", 1)[0], f.split(" = ", 1)[1]) for f in fields]


INJECTIONS = ["}, author = {x", "}}}, note = {", "{{{", "\\}, x = {", "a\\", "%}\n@misc{evil,", "$#&_~^\\relax", "tab\there"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_bibtex_injection_stays_in_its_field(payload: str) -> None:
    entry = bibtex_entry("misc", "k", [("title", payload), ("note", payload), ("author", bibtex_names([payload, "Tom and Jerry Smith"]))])
    fields = bib_fields(entry)
    assert [name for name, _ in fields] == ["title", "note", "author"]
    note = fields[1][1]
    inner = re.sub(r"\\text[a-z]+\{\}", "", note[1:-1])
    assert "{" not in inner and "}" not in inner
    assert "\n" not in note and "%" not in note.replace("\\%", "")
    assert len(top_level_names(fields[2][1][1:-1])) == 2  # "and" inside a name is braced


def top_level_names(authors: str) -> list[str]:
    """Split an author field on " and " outside braces, as BibTeX does."""
    names, depth, start = [], 0, 0
    for i, ch in enumerate(authors):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0 and authors.startswith(" and ", i):
            names.append(authors[start:i])
            start = i + 5
    return [*names, authors[start:]]


def test_bibtex_escape() -> None:
    assert bibtex_escape("50 % & {x} \\ ~") == r"50 \% \& \textbraceleft{}x\textbraceright{} \textbackslash{} \textasciitilde{}"
    assert isinstance(bibtex_escape("x"), BibTeX)


def test_bibtex_rejects_what_it_cannot_make_safe() -> None:
    assert bibtex_key("../é vil id!") == "e-vil-id"
    with pytest.raises(ValueError):
        bibtex_key("«»")
    with pytest.raises(ValueError):
        bibtex_entry("misc}", "k", [])
    with pytest.raises(ValueError):
        bibtex_entry("misc", "k", [("title = {x}, y", "z")])
    with pytest.raises(ValueError):
        bibtex_entry("misc", "k", [("title", BibTeX("}"))])


def test_bibtex_file(dossier: Dossier) -> None:
    hostile = changed(dossier, "sources", "agence-2021-rencontre", title=INJECTIONS[0], authors=("Jeanne Exemple", "Paul de Tel"),
                      url="https://example.org/a?x={}&y=\\ z")
    for data in (files_of(dossier)[PurePosixPath("data/sources.bib")], files_of(hostile)[PurePosixPath("data/sources.bib")]):
        entries = re.split(r"\n(?=@)", data.decode("utf-8").strip("\n"))
        assert len(entries) == len(dossier.all("sources"))
        fields = dict(bib_fields(entries[0]))
        assert entries[0].startswith("@article{agence-2021-rencontre,") and entries[1].startswith("@article{journal-2021-relais,")
        assert (fields["journal"], fields["publisher"], fields["month"], fields["year"]) == ("{La Gazette}", "{Agence Exemple}", "sep", "{2021}")
    assert fields["author"] == "{Exemple, Jeanne and de Tel, Paul}"
    assert fields["url"] == "{https://example.org/a?x=%7B%7D&y=%5C%20z}"
    assert fields["title"] == r"{{\textbraceright{}, author = \textbraceleft{}x}}"


def test_downloads_are_deterministic(dossier: Dossier) -> None:
    shuffled = build([rec for k in reversed(r.KINDS) for rec in reversed(dossier.all(k))])
    assert files_of(dossier) == files_of(dossier) == files_of(shuffled)


@pytest.mark.parametrize("case", sorted(INERT))
def test_hostile_records_give_well_formed_downloads(valid_root: Path, case: str) -> None:
    files = files_of(pipeline.check(with_case(valid_root, case)))
    parse_feed(files[PurePosixPath("flux/evenements.xml")])
    assert not re.search(rb"[<>]", files[PurePosixPath("data/sources.csl.json")])
    json.loads(files[PurePosixPath("data/sources.csl.json")])
    for entry in re.split(r"\n(?=@)", files[PurePosixPath("data/sources.bib")].decode("utf-8").strip("\n")):
        bib_fields(entry)
    for kind in (*r.KINDS, "claims"):
        header, *rows = read_csv(files[PurePosixPath(f"data/csv/{kind}.csv")])
        assert all(len(row) == len(header) for row in rows)
