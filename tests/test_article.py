"""`dossier article`: an article and its event added by answering questions, as a journalist would."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest

from conftest import TODAY
from dossiergen import cli, pipeline
from dossiergen.config import Settings
from dossiergen.model import records as r

DISPATCH = "Il veut « poursuivre les échanges » avec Moscou, a dit le porte-parole vendredi.\n"


def answers(*given: str) -> tuple[list[str], cli.Callable[[str], str]]:
    asked: list[str] = []
    it: Iterator[str] = iter(given)

    def prompt(question: str) -> str:
        asked.append(question)
        return next(it)  # StopIteration is a bug in the test: every question gets its answer
    return asked, prompt


def test_an_article_and_its_event_from_answers_as_people_write_them(valid_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "depeche.txt"
    text.write_text(DISPATCH, encoding="utf-8")
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers(
        "https://gazette.example/2021/10/08/appel",  # address
        "Les deux chefs se sont parlé",              # title
        "la gazette",                                 # outlet: by its name, any case
        "",                                           # no agency
        "8/10/2021",                                  # the French way
        "o",                                          # printed
        "",                                           # language: fr by default
        "dépêche",                                    # kind, in French
        "La Gazette rapporte un appel entre les deux chefs.",
        str(text),
        "o",                                          # an event
        "Appel entre les deux chefs",
        "appel",                                      # kind, in French
        "",                                           # the event's date: the publication's by default
        "n",                                          # not printed as such
        "vendredi",
        "La dépêche du 8 octobre 2021, un vendredi, dit « vendredi ».",
        "Jeanne Generale, Paul",                      # an alias without accents, and a typo
        "o",                                          # yes, Paul is paul-porte-parole
        "sampleville",
        "Les deux chefs se sont parlé au téléphone.",
        "poursuivre des échanges",                    # a quote not in the text: asked again
        "« poursuivre les échanges »",                # with its quotation marks, as pasted
        "Paul", "o",                                  # who said it
        "Le porte-parole veut continuer à parler avec Moscou.",
    )
    assert cli._article(settings, prompt) == 0
    out = capsys.readouterr().out
    assert "créé : dossier/sources/gazette-deux-chefs-parle-2021.yaml" in out and "git switch -c" in out
    dossier = pipeline.check(settings)
    source = dossier.get_as(r.Source, "gazette-deux-chefs-parle-2021")
    assert (source.outlet, source.kind, source.language, str(source.published)) == ("gazette", "dispatch", "fr", "2021-10-08")
    [event] = [e for e in dossier.all("events") if isinstance(e, r.Event) and e.title == "Appel entre les deux chefs"]
    assert (event.kind, str(event.date), event.date_basis, event.date_printed) == ("phone-call", "2021-10-08", "deduced", "vendredi")
    assert [p.person for p in event.participants] == ["jeanne-general", "paul-porte-parole"]
    assert [p.place for p in event.places] == ["sampleville"]
    assert (valid_root / "dossier" / "sources" / "gazette-deux-chefs-parle-2021.txt").read_text(encoding="utf-8") == DISPATCH
    assert any("vouliez-vous dire Paul Porte-Parole (paul-porte-parole) ?" in q for q in asked), asked
    [claim] = event.claims
    assert (claim.by, claim.quote, claim.kind) == ("paul-porte-parole", "poursuivre les échanges", "statement")
    assert "ces mots ne sont pas dans le texte de l’article" in out
    # What each answer was taken for is said: the record a name matched, the quote found.
    assert "  → " in out and "(jeanne-general)" in out and "citation trouvée dans le texte de l’article" in out
    # Written as `dossier fmt` leaves a record.
    assert cli.main(["--root", str(valid_root), "fmt", "--check"]) == 0


def test_a_wrong_answer_is_asked_again_with_the_reason(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers("ftp://x", "", "Titre", "", "", "31/02/2021", "2021-10", "o", "", "xyzzy", "article", "Résumé.", "", "n")
    assert cli._article(settings, prompt) == 0
    out = capsys.readouterr().out
    assert "http:// ou https://" in out and "date non comprise" in out and "au choix : article (article)" in out
    assert asked.count("Adresse de l’article (vide si elle n’existe pas) : ") == 2


def test_stopping_writes_nothing(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    before = sorted(p.name for p in (valid_root / "dossier").rglob("*"))
    _, prompt = answers("", "Titre", "q")
    assert cli._article(settings, prompt) == 1
    assert "rien n’a été écrit" in capsys.readouterr().err
    assert sorted(p.name for p in (valid_root / "dossier").rglob("*")) == before


def test_an_article_already_recorded_is_refused(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    url = next(s.url for s in pipeline.check(settings).all("sources") if isinstance(s, r.Source) and s.url)
    _, prompt = answers(url)
    assert cli._article(settings, prompt) == 1
    assert "déjà dans le dossier" in capsys.readouterr().out


def test_a_missing_agency_is_created_from_two_answers(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    _, prompt = answers("", "Appel entre chefs", "", "Belga", "o", "agence", "11/02/2022", "o", "", "dépêche", "Belga rapporte un appel.", "", "n")
    assert cli._article(settings, prompt) == 0
    out = capsys.readouterr().out
    assert "créé : dossier/organisations/belga.yaml" in out and "créé : dossier/sources/belga-appel-chefs-2022.yaml" in out
    assert 'git add dossier/organisations/belga.yaml dossier/sources/belga-appel-chefs-2022.yaml && git commit -m "Ajout' in out
    dossier = pipeline.check(settings)
    belga = dossier.get_as(r.Organisation, "belga")
    assert belga.kind == "news-agency" and belga.affiliation is not None and belga.affiliation.status == "unknown"
    source = dossier.get_as(r.Source, "belga-appel-chefs-2022")
    assert (source.agency, source.outlet, source.kind) == ("belga", None, "dispatch")
    assert cli.main(["--root", str(valid_root), "fmt", "--check"]) == 0


def test_the_events_summary_can_be_the_articles(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Enter at the event's summary takes the article's: one text less to write when they agree."""
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "article", "Les deux chefs se parlent au téléphone.", "",
                            "o", "Appel entre les chefs", "appel", "", "o", "", "", "", "")
    assert cli._article(settings, prompt) == 0
    assert any("Entrée : votre résumé de l’article" in q for q in asked), asked
    [event] = [e for e in pipeline.check(settings).all("events") if isinstance(e, r.Event) and e.title == "Appel entre les chefs"]
    assert event.summary == "Les deux chefs se parlent au téléphone."
