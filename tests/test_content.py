"""The real dossier, checked by invariants only: faithful to the five articles, whatever records it holds.

Nothing here names a record of the real dossier or counts them: a contributor's valid new
record must never turn CI red (exact expectations run on the fixture dossier in tests/data).
`test_a_contributors_new_record_keeps_every_invariant` proves it on a copy.
"""
from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path
from typing import Callable

import pytest

from conftest import ROOT, SEEDS, TODAY, seed_path
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.core.text import MONTHS
from dossiergen.model import provenance as pv
from dossiergen.model import records as r
from dossiergen.model.dossier import Dossier


def norm(text: str) -> str:
    return " ".join(text.split())


def fold(text: str) -> str:
    """Accents, case, apostrophes and spacing set aside: for finding a name in an article."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'")).encode("ascii", "ignore").decode()
    return " ".join(text.casefold().split())


def load(root: Path) -> Dossier:
    return pipeline.check(Settings.from_root(root, today=TODAY))


def seed_texts(dossier: Dossier) -> dict[str, str]:
    """The working copy of each source that has one, whitespace-normalised."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the checkout")
    return {s.id: norm(seed_path(s.seed).read_text(encoding="utf-8")) for s in dossier.all("sources") if isinstance(s, r.Source) and s.seed}


@pytest.fixture(scope="module")
def dossier() -> Dossier:
    return load(ROOT)


@pytest.fixture(scope="module")
def seeds(dossier: Dossier) -> dict[str, str]:
    return seed_texts(dossier)


# --- the invariants, as functions: run on the real dossier and on a contributor's copy ----


def quotes_are_exact(dossier: Dossier, seeds: dict[str, str]) -> None:
    """Every quote is printed, word for word, by every cited source whose text we hold."""
    for entry in dossier.claims():
        if entry.claim.quote:
            for ref in entry.claim.sources:
                if ref.source in seeds:
                    assert norm(entry.claim.quote) in seeds[ref.source], f"{entry.event.id}/{entry.claim.id}: quote not in {ref.source}"


def nothing_copies_an_article(dossier: Dossier, seeds: dict[str, str]) -> None:
    """Our own words: no run of 12 words from an article outside quotation marks."""
    corpus = " ".join(seeds.values()).lower()
    texts: list[tuple[str, str]] = []
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        texts += [(e.id, e.summary)] + [(e.id, c.text) for c in e.claims] + [(e.id, n.text) for n in e.notes]
    for s in dossier.all("sources"):
        assert isinstance(s, r.Source)
        texts += [(s.id, s.summary)]
    for x in dossier.all("contradictions"):
        assert isinstance(x, r.Contradiction)
        texts += [(x.id, x.summary), (x.id, x.assessment or "")] + [(x.id, side.text) for side in x.sides]
    for rid, text in texts:
        plain = re.sub(r"«[^»]*»|\"[^\"]*\"|“[^”]*”", " ", text).lower().split()
        for i in range(len(plain) - 11):
            assert " ".join(plain[i : i + 12]) not in corpus, f"{rid}: copies '{' '.join(plain[i:i+12])}'"


def named_places_are_named(dossier: Dossier, seeds: dict[str, str]) -> None:
    """A place recorded as `named` is named (its name or a recorded spelling) by one of its sources."""
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        for p in e.places:
            held = [seeds[ref.source] for ref in p.sources if ref.source in seeds]
            if p.basis != "named" or not held:
                continue
            place = dossier.get("places", p.place)
            names = [fold(n) for n in (r.name_of(place), *r.alias_names(place))]
            assert any(n in fold(text) for n in names for text in held), f"{e.id}: {p.place} is 'named' but none of its sources names it"


def printed_words_are_printed(dossier: Dossier, seeds: dict[str, str]) -> None:
    """The articles' own words for a date (`*_printed`) are in one of the record's sources."""
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        held = [fold(seeds[ref.source]) for ref in e.sources if ref.source in seeds]
        for d in (e.when, e.until):
            if d is not None and d.printed and held:
                words = fold(d.printed).removeprefix("un ").removeprefix("le ").removeprefix("en ")
                assert any(words in text for text in held), f"{e.id}: « {d.printed} » is in none of its sources"


def printed_days_are_printed(dossier: Dossier, seeds: dict[str, str]) -> None:
    """An event day given as `printed` appears (« 22 septembre », « 28.09.2021 ») in one of its sources."""
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        held = [fold(seeds[ref.source]) for ref in e.sources if ref.source in seeds]
        d = e.when
        if d.basis != "printed" or d.value.day is None or not held:
            continue
        v = d.value
        month = fold(MONTHS[(v.month or 1) - 1])
        forms = [f"{v.day} {month}", f"{v.day:02d}.{v.month:02d}.{v.year}", f"{v.day:02d}/{v.month:02d}/{v.year}"] + ([f"1er {month}"] if v.day == 1 else [])
        assert any(f in text for f in forms for text in held), f"{e.id}: {v} is 'printed' but no source prints it"


INVARIANTS: list[Callable[[Dossier, dict[str, str]], None]] = [
    quotes_are_exact,
    nothing_copies_an_article,
    named_places_are_named,
    printed_words_are_printed,
    printed_days_are_printed,
]


@pytest.mark.parametrize("invariant", INVARIANTS, ids=lambda f: f.__name__)
def test_real_dossier(dossier: Dossier, seeds: dict[str, str], invariant: Callable[[Dossier, dict[str, str]], None]) -> None:
    invariant(dossier, seeds)


def test_every_seed_article_is_a_source(dossier: Dossier, seeds: dict[str, str]) -> None:
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(s.seed for s in dossier.all("sources") if isinstance(s, r.Source) and s.seed)


def test_a_contributors_new_record_keeps_every_invariant(tmp_path: Path) -> None:
    """Add an ordinary event to a copy of the real dossier: every check that used to pin counts still passes."""
    real = load(ROOT)
    seeds = seed_texts(real)
    copy = tmp_path / "project"
    (copy / "docs").mkdir(parents=True)
    shutil.copytree(ROOT / "dossier", copy / "dossier")
    # Take a source with a text, and a place it names, from whatever the dossier holds today.
    source = next(s for s in real.all("sources") if s.id in seeds)
    place = next(p for p in real.all("places") if fold(r.name_of(p)) in fold(seeds[source.id]))
    (copy / "dossier" / "events" / "2021-10-01-evenement-ajoute.yaml").write_text(
        "title: Un événement ajouté par un contributeur\n"
        "kind: other\n"
        'date: "2021-10"\n'
        "date_basis: outside\n"
        "date_note: Date connue hors corpus, pour l’exemple.\n"
        "places:\n"
        f"  - place: {place.id}\n"
        "    basis: named\n"
        f"    sources: [{source.id}]\n"
        "summary: Un résumé écrit avec nos mots.\n"
        f"sources: [{source.id}]\n",
        encoding="utf-8",
    )
    grown = load(copy)
    assert len(grown.records["events"]) == len(real.records["events"]) + 1
    for invariant in INVARIANTS:
        invariant(grown, seeds)
    # The pages render and every record keeps its backlinks.
    _, pages = pipeline.pages(Settings.from_root(copy, today=TODAY))
    assert any("evenement-ajoute" in str(path) for path in pages)
    for link in grown.links:
        assert link in grown.backlinks_of(link.target_kind, link.target_id)


def test_state_media_carry_their_label_wherever_cited(dossier: Dossier) -> None:
    """Every citation of a state medium's source, on every page (generated or written), is followed by its label."""
    _, pages = pipeline.pages(Settings.from_root(ROOT, today=TODAY))
    texts = {str(path): text for path, text in pages.items()}
    texts.update({str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")})
    labels = {}
    markers = {}
    for source in dossier.all("sources"):
        assert isinstance(source, r.Source)
        publisher, label = pv.publisher_label(dossier, source)
        if label.state and publisher is not None:
            country = r.name_of(dossier.get("places", label.country)) if label.country else None
            labels[source.id] = ", ".join(x for x in (publisher.name, pv.status_name(label.status), country) if x)
            markers[source.id] = pv.status_name(label.status)
    for path, text in texts.items():
        for m in re.finditer(r"\[\\\[\d+\\\]\]\(([^)\s]*/)?([a-z0-9-]+)\.md\)(?:\{ data-pagefind-ignore=\"all\" \})?", text):
            folder = m.group(1) or ""
            # A source page links its sibling sources without the folder: "afp-helsinki-2021.md".
            to_source = folder.endswith("sources/") or (not folder and path.startswith("sources/"))
            if m.group(2) in labels and to_source:
                label = labels[m.group(2)]
                after = text[m.end() : m.end() + 200]
                # In a provenance chain the outlet and its full label stand just before: "… → [3]".
                before = text[max(0, m.start() - 120) : m.start()]
                in_chain = before.endswith(" } → ") and markers[m.group(2)] in before
                # The full label at the outlet's first mention on the page, a short marker after it.
                marker = after.startswith(f" [{markers[m.group(2)]}](") and ".marque-etat" in after.split("}", 1)[0]
                assert after.startswith(f" [{label}](") or marker or in_chain, f"{path}: {m.group(0)} then {after!r}"


def test_what_rests_on_state_media_alone_is_flagged_where_it_appears(dossier: Dossier) -> None:
    """Each event whose every source is a state medium says so in its header, and is listed on the page of its own."""
    _, pages = pipeline.pages(Settings.from_root(ROOT, today=TODAY))
    listing = next(text for path, text in pages.items() if str(path) == "medias-d-etat.md")
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        page = next(text for path, text in pages.items() if str(path) == f"evenements/{e.id}.md")
        provenance = next(line for line in page.splitlines() if line.startswith("- **Provenance :**"))
        flagged = pv.STATE_ONLY_LABEL in provenance  # (a place or participant may carry its own flag)
        assert flagged == pv.state_only(dossier, e.sources), e.id
        assert (f"(evenements/{e.id}.md)" in listing.split("## Déclarations", 1)[0]) == flagged, e.id


def test_outside_dates_are_never_shown_as_printed(dossier: Dossier) -> None:
    """A date from outside the corpus reads « hors corpus » in the event's header and in the chronology."""
    _, pages = pipeline.pages(Settings.from_root(ROOT, today=TODAY))
    timeline = next(text for path, text in pages.items() if str(path) == "chronologie.md")
    for e in dossier.all("events"):
        assert isinstance(e, r.Event)
        if not (e.when.marked or (e.until and e.until.marked)):
            continue
        page = next(text for path, text in pages.items() if str(path) == f"evenements/{e.id}.md")
        date_line = next(line for line in page.splitlines() if line.startswith("- **Date :**"))
        assert "hors corpus" in date_line, e.id
        item = next(line for line in timeline.splitlines() if f"(evenements/{e.id}.md)" in line and line.startswith("- **"))
        assert "hors corpus" in item, e.id
        mark = re.search(rf'<a class="([^"]*)" [^>]*data-event="{re.escape(e.id)}"', timeline)
        assert mark and "frise-hors-corpus" in mark.group(1).split(), e.id
