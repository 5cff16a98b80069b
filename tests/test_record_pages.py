"""Record pages say each thing once, in correct French: on the fixture dossier (exact), and the
generated phrases never glue "de" or "à" to a name."""
from __future__ import annotations

import re
import shutil
from pathlib import PurePosixPath

import pytest

from conftest import DATA, TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core.dates import PartialDate
from dossiergen.model import records as r
from dossiergen.pages.contexts import claim_headings
from dossiergen.pages.views import ClaimView

# Generated French that a helper should have contracted or elided. Record prose may say
# "de le vérifier" (a pronoun): the fixture's prose does not, so any hit is the generator's.
BAD_FRENCH = re.compile(
    r"(?<![\w’'])(?:[Dd]e \[?(?:[AEÉÈÊIÎOÔUŒH]|[Ll]es? |[Dd]es? )|[Àà] \[?[Ll]es? |[Ll][ae] \[?[AEÉÈÊIÎOÔUŒ])"
)
LINK = re.compile(r"\[((?:\\\]|[^\]])*)\]\(([^)\s]+)\)")
STATE_LABEL = re.compile(r"\[([^\]]+)\]\([^)\s]+\)\{ \.etiquette \.etiquette-etat data-pagefind-ignore")
ORG_LINK = re.compile(r"\]\((?:[./]*organisations/)([a-z0-9-]+)\.md\)")


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[PurePosixPath, str]:
    """The fixture dossier's pages, rendered once for the module (the tests only read them)."""
    root = tmp_path_factory.mktemp("record-pages") / "project"
    root.mkdir()
    shutil.copytree(DATA / "valid" / "dossier", root / "dossier")
    return pipeline.pages(Settings.from_root(root, today=TODAY))[1]


def record_pages(pages: dict[PurePosixPath, str]) -> dict[PurePosixPath, str]:
    """The record pages: one folder down, not a folder's index."""
    out = {p: t for p, t in pages.items() if len(p.parts) == 2 and p.name != "index.md"}
    assert out
    return out


def body(text: str) -> str:
    """The page without its front matter and its hidden search block (not shown to readers)."""
    text = text.split("\n---\n", 1)[-1]
    return re.sub(r"<div hidden.*?</div>", "", text, flags=re.S)


def test_no_uncontracted_de_or_a_in_any_generated_page(pages: dict[PurePosixPath, str]) -> None:
    found = [f"{path}: …{m.string[max(0, m.start() - 30):m.end() + 30]}…" for path, text in pages.items() for m in BAD_FRENCH.finditer(body(text))]
    assert found == []


def test_the_fixture_names_take_their_article(pages: dict[PurePosixPath, str]) -> None:
    complete = pages[PurePosixPath("complet.md")]
    assert "reprise de l’[Agence Exemple](" in complete


def test_no_page_repeats_a_heading(pages: dict[PurePosixPath, str]) -> None:
    for path, text in record_pages(pages).items():
        headings = [re.sub(r"\s*\{[^}]*\}\s*$", "", line).strip() for line in body(text).split("\n") if line.startswith("#")]
        repeated = {h for h in headings if headings.count(h) > 1}
        assert not repeated, f"{path}: {repeated}"


def _claim(cid: str, text: str, quote: str | None = None, day: int | None = 22) -> ClaimView:
    claim = r.Claim(r.RecordId(cid), r.RecordId("paul"), "statement", text, (), PartialDate(2021, 9, day) if day else None,
                    "printed" if day else None, quote=quote)
    author = r.Person(r.RecordId("paul"), "people/paul.yaml", "Paul Porte-Parole")
    event = r.Event(r.RecordId("e"), "events/e.yaml", "Rencontre", "meeting", PartialDate(2021, 9, 22), "S", (), date_basis="printed")
    return ClaimView(claim, event, "people", author)


def test_declarations_that_would_read_alike_get_their_first_words_then_a_number() -> None:
    claims = [
        _claim("a", "Le porte-parole décrit la rencontre comme la suite d’échanges anciens entre les deux pays.", quote="poursuivre des discussions"),
        _claim("b", "Le porte-parole ajoute que le détail restera confidentiel."),
        _claim("c", "Le porte-parole ajoute que le détail restera confidentiel."),
        _claim("d", "Sans date.", day=None),
    ]
    assert claim_headings(claims) == {
        "a": "Paul Porte-Parole — déclaration, 22 septembre 2021 : « poursuivre des discussions »",
        "b": "Paul Porte-Parole — déclaration, 22 septembre 2021 : « Le porte-parole ajoute que le détail restera confidentiel »",
        "c": "Paul Porte-Parole — déclaration, 22 septembre 2021 : « Le porte-parole ajoute que le détail restera confidentiel » (2)",
        "d": "Paul Porte-Parole — déclaration",
    }
    assert claim_headings(claims[:1]) == {"a": "Paul Porte-Parole — déclaration, 22 septembre 2021"}


def test_appears_in_lists_only_what_the_page_has_not_linked(pages: dict[PurePosixPath, str]) -> None:
    checked = 0
    for path, text in record_pages(pages).items():
        page = body(text)
        if "## Apparaît dans" not in page:
            continue
        before, rest = page.split("## Apparaît dans", 1)
        section, _, after = rest.partition("\n## ")
        elsewhere = {href for _, href in LINK.findall(before + after)}
        elsewhere |= {href.split("#")[0] for href in elsewhere}
        listed = [href for _, href in LINK.findall(section) if "etiquettes" not in href]
        checked += len(listed)
        assert not [h for h in listed if h in elsewhere], f"{path}: repeats links already on the page"
    assert checked, "the fixture has backlinks left to list"


def test_a_state_label_is_printed_once_per_outlet_per_page(pages: dict[PurePosixPath, str]) -> None:
    seen_any = False
    for path, text in record_pages(pages).items():
        # The page's own list of sources, at its end, gives each source's label again: a
        # citation's preview shows it (dossier.js). Above it, each label is said once.
        page = body(text).split("\n## Sources", 1)[0]
        outlets = []
        for m in STATE_LABEL.finditer(page):
            before = ORG_LINK.findall(page[:m.start()][-400:])
            named = m.group(1).split(",")[0] if m.group(1).count(",") >= 2 else None
            outlets.append(named or (before[-1] if before else "?"))
        seen_any = seen_any or bool(outlets)
        assert len(outlets) == len(set(outlets)), f"{path}: {outlets}"
        if outlets:  # later mentions keep a short marker: the state stays visible
            assert ".marque-etat" in page or len(outlets) == page.count(".etiquette-etat data-pagefind")
    assert seen_any, "the fixture cites a state medium"


def test_no_working_copy_or_build_path_is_shown(pages: dict[PurePosixPath, str]) -> None:
    for path, text in pages.items():
        page = body(text)
        assert "Copie de travail" not in page, path
        assert not re.search(r"\b\w+_[0-9a-f]{16}\.txt\b", page), path
