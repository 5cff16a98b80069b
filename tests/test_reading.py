"""Reading aids in the generated Markdown: the sources index (outlet, label, date order), the
lists readers filter and sort (dossier.js), and the Sources list citation previews read from."""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from dossiergen import pipeline
from dossiergen.config import Settings

CITATION = re.compile(r"\[\\\[(\d+)\\\]\]\(([^)\s]+)\)")
TIME = re.compile(r'<time datetime="(\d{4}(?:-\d{2}(?:-\d{2})?)?)">')
SOURCES = PurePosixPath("sources/index.md")


def rows(text: str) -> list[str]:
    """The body rows of the page's first Markdown table."""
    lines = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| ---")]
    return lines[1:]  # without the header


def test_sources_index_gives_outlet_label_and_date_oldest_first(settings: Settings) -> None:
    _, pages = pipeline.pages(settings)
    text = pages[SOURCES]
    assert "| Source | Média | Date | Type | Problèmes relevés |" in text
    body = rows(text)
    assert [re.search(r"\]\(([a-z0-9-]+)\.md\)", row).group(1) for row in body] == [  # type: ignore[union-attr]
        "temoin-2021", "agence-2021-rencontre", "journal-2021-relais",
    ]
    gazette = body[1]
    assert "[La Gazette](../organisations/gazette.md)" in gazette
    assert "[média d’État, Nordland](../etiquettes.md#state-owned){ .etiquette .etiquette-etat" in gazette
    assert '<time datetime="2021-09">septembre 2021</time>' in gazette
    assert "| 2 problèmes |" in gazette
    assert "[média non identifié](../etiquettes.md#unidentified)" in body[0]
    assert body[2].endswith("| article | aucun |")


def test_undated_sources_come_last(valid_root: Path, settings: Settings) -> None:
    path = valid_root / "dossier" / "sources" / "temoin-2021.yaml"
    kept = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("published")]
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    _, pages = pipeline.pages(settings)
    body = rows(pages[SOURCES])
    assert "temoin-2021.md" in body[-1] and "| non datée |" in body[-1]
    assert "<time" not in body[-1]


def test_long_lists_carry_a_date_for_each_entry_in_page_order(settings: Settings) -> None:
    """dossier.js sorts by the <time> of each row: every entry has one, and the page's own order
    is already the "oldest first" order the reader can come back to."""
    _, pages = pipeline.pages(settings)
    for path, count in ((SOURCES, 3), (PurePosixPath("evenements/index.md"), 2), (PurePosixPath("declarations.md"), 2)):
        text = pages[path]
        assert re.search(r'<div markdown class="liste-triable" data-liste="[^"]+" data-liste-un="[^"]+"', text), path
        dates = TIME.findall(text)
        assert len(dates) == count, path
        assert dates == sorted(dates), path


def test_every_citation_has_an_item_in_the_sources_list(settings: Settings) -> None:
    """A preview is the item of the page's Sources list whose first link is the citation's."""
    _, pages = pipeline.pages(settings)
    checked = 0
    for path, text in sorted(pages.items()):
        if "## Sources {" not in text:
            continue
        head, _, tail = text.partition('<div markdown class="dossier-sources" data-pagefind-ignore="all">')
        assert tail, f"{path}: the Sources list lost the class dossier.js looks for"
        items = dict((int(n), href) for n, href in re.findall(r"^(\d+)\. \[[^\]]*\]\(([^)\s]+)\)", tail, re.M))
        for number, href in CITATION.findall(head):
            assert items[int(number)] == href, f"{path}: [{number}] -> {href}"
            checked += 1
    assert checked > 5


def test_the_sources_list_links_the_original_and_its_archived_copy(settings: Settings) -> None:
    """The Sources list (and so each preview) gives the article's own address and its archive."""
    _, pages = pipeline.pages(settings)
    text = pages[PurePosixPath("evenements/2021-09-22-rencontre.md")]
    sources = text.partition('class="dossier-sources"')[2]
    agence = next(line for line in sources.splitlines() if "agence-2021-rencontre.md" in line)
    assert agence.endswith(" · [article d’origine](https://example.org/articles/rencontre?id=1&lang=fr)"
                           " · [copie archivée](https://archive.example.org/2021/rencontre)"), agence
    others = [line for line in sources.splitlines() if re.match(r"\d+\. ", line) and "agence-2021" not in line]
    assert others and not any("article d’origine" in line or "copie archivée" in line for line in others)
