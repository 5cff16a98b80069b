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
        "n",                                          # the date is not printed as such
        "vendredi",                                   # what the article says
        "",                                           # the event's date: Enter takes the day deduced
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
    assert "git push -u origin ajout-gazette-deux-chefs-parle-2021" in out
    dossier = pipeline.check(settings)
    source = dossier.get_as(r.Source, "gazette-deux-chefs-parle-2021")
    assert (source.outlet, source.kind, source.language, str(source.published)) == ("gazette", "dispatch", "fr", "2021-10-08")
    [event] = [e for e in dossier.all("events") if isinstance(e, r.Event) and e.title == "Appel entre les deux chefs"]
    assert (event.kind, str(event.date), event.date_basis, event.date_printed) == ("phone-call", "2021-10-08", "deduced", "vendredi")
    # « vendredi » in a dispatch of Friday 8 October: that day, and the reason written for the contributor.
    assert event.date_note == "L’article est daté du vendredi 8 octobre 2021 ; « vendredi » y désigne le jour même, le vendredi 8 octobre 2021."
    assert "  → L’article est daté du vendredi 8 octobre 2021" in out
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
    assert cli._article(settings, prompt) == cli.STOPPED
    assert "rien n’a été écrit" in capsys.readouterr().err
    assert sorted(p.name for p in (valid_root / "dossier").rglob("*")) == before


def test_an_article_already_recorded_is_refused(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    url = next(s.url for s in pipeline.check(settings).all("sources") if isinstance(s, r.Source) and s.url)
    _, prompt = answers(url)
    assert cli._article(settings, prompt) == cli.STOPPED
    assert "déjà dans le dossier" in capsys.readouterr().out


def test_a_missing_agency_is_created_from_two_answers(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    # Named as the agency, Belga is one: its kind is not asked; the source is a dispatch unless said otherwise.
    _, prompt = answers("", "Appel entre chefs", "", "Belga", "o", "11/02/2022", "o", "", "", "Belga rapporte un appel.", "", "n")
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
                            "o", "Appel entre les chefs", "appel", "o", "", "", "", "", "")
    assert cli._article(settings, prompt) == 0
    assert any("Entrée : votre résumé de l’article" in q for q in asked), asked
    [event] = [e for e in pipeline.check(settings).all("events") if isinstance(e, r.Event) and e.title == "Appel entre les chefs"]
    assert event.summary == "Les deux chefs se parlent au téléphone."


@pytest.mark.parametrize(("words", "published", "meant"), [
    ("vendredi", "2022-02-11", "2022-02-11"),          # the day of publication
    ("Vendredi soir", "2022-02-12", "2022-02-11"),     # the day before
    ("hier", "2022-03-01", "2022-02-28"),              # across a month
    ("avant-hier", "2022-02-12", "2022-02-10"),
    ("aujourd’hui", "2022-02-12", "2022-02-12"),
    ("lundi dernier", "2022-02-12", "2022-02-07"),
    ("samedi dernier", "2022-02-12", "2022-02-05"),     # « dernier » on the same weekday: a week before
    ("la semaine dernière", "2022-02-12", None),       # not a day: the contributor says how
    ("vendredi", "2022-02", None),                     # a publication known to the month only
])
def test_a_day_named_by_the_article_is_counted_back_from_its_publication(words: str, published: str, meant: str | None) -> None:
    from dossiergen.contrib.article import deduced_date
    found = deduced_date(words, published)
    assert (found[0] if found else None) == meant
    if found:
        assert f"« {words} » y désigne" in found[1]


def test_a_date_other_than_the_one_deduced_asks_how_it_is_known(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers("", "Appel entre chefs", "la gazette", "", "12/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "",
                            "o", "Appel entre les deux chefs", "appel", "n", "hier", "2022-02-10", "Le porte-parole parle de jeudi ailleurs.",
                            "", "", "", "")
    assert cli._article(settings, prompt) == 0
    assert "  → L’article est daté du samedi 12 février 2022 ; « hier » y désigne la veille, le vendredi 11 février 2022." in capsys.readouterr().out
    assert "Date de l’événement [2022-02-11] : " in asked and "Comment vous en déduisez la date (une phrase) : " in asked
    [event] = [e for e in pipeline.check(settings).all("events") if isinstance(e, r.Event) and e.title == "Appel entre les deux chefs"]
    assert (str(event.date), event.date_note) == ("2022-02-10", "Le porte-parole parle de jeudi ailleurs.")


def test_a_missing_participant_and_place_are_created_from_the_answers(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "",
                            "o", "Appel Hofman–Generale", "appel", "o", "",
                            "Michel Hofman, Jeanne Generale", "o", "chef de la Défense belge",  # a new person, with the article's role
                            "Evere", "o", "ville",                                             # a new place, by its type in French
                            "",
                            "poursuivre les échanges",                                         # no text file: not checked
                            "Hofman", "o",                                                     # the person just created
                            "Il veut continuer à parler avec Moscou.")
    assert cli._article(settings, prompt) == 0
    out = capsys.readouterr().out
    assert "créé : dossier/people/michel-hofman.yaml" in out and "créé : dossier/places/evere.yaml" in out
    assert "git add dossier/people/michel-hofman.yaml dossier/places/evere.yaml dossier/sources/" in out
    dossier = pipeline.check(settings)
    [event] = [e for e in dossier.all("events") if isinstance(e, r.Event) and e.title == "Appel Hofman–Generale"]
    assert [p.person for p in event.participants] == ["michel-hofman", "jeanne-general"] and [p.place for p in event.places] == ["evere"]
    hofman = dossier.get_as(r.Person, "michel-hofman")
    assert [(role.title, role.sources) for role in hofman.roles] == [("chef de la Défense belge", (event.sources[0],))]
    assert dossier.get_as(r.Place, "evere").kind == "city"
    assert [claim.by for claim in event.claims] == ["michel-hofman"]
    assert cli.main(["--root", str(valid_root), "fmt", "--check"]) == 0


def test_a_record_that_would_take_an_existing_id_is_not_created(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    _, prompt = answers("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "",
                        "o", "Appel entre les chefs", "appel", "o", "",
                        "Sampleville", "o",  # a person's name that is a place's id: the new file would take it
                        "", "", "")
    assert cli._article(settings, prompt) == 0
    out = capsys.readouterr().out
    assert "l’identifiant « sampleville » existe déjà : dossier/places/sampleville.yaml" in out
    assert "« Sampleville » n’a pas de fiche : créez-la ensuite" in out and "dossier/people/sampleville.yaml" not in out


def test_the_event_s_date_question_has_no_default_and_a_call_s_place_is_asked_with_care(valid_root: Path) -> None:
    """Enter would take the dispatch's dateline (its publication) for the day of the event."""
    settings = Settings.from_root(valid_root, today=TODAY)
    asked, prompt = answers("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "",
                            "o", "Appel entre les chefs", "appel", "", "n", "vendredi", "", "", "", "", "")
    assert cli._article(settings, prompt) == 0
    question = next(q for q in asked if q.startswith("L’article écrit-il la date de l’événement elle-même"))
    assert question.endswith("(o/n) : ") and asked.count(question) == 2  # Enter alone: asked again
    assert any("pour un appel : seulement si l’article dit d’où l’on appelait" in q for q in asked)


def test_an_article_already_recorded_under_its_name_is_refused_before_its_summary(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    first = ("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "", "n")
    assert cli._article(settings, answers(*first)[1]) == 0
    asked, prompt = answers(*first[:5])
    assert cli._article(settings, prompt) == cli.STOPPED
    out = capsys.readouterr().out
    assert "cette fiche existe déjà : dossier/sources/gazette-appel-chefs-2022.yaml" in out and "--id" not in out
    assert not any("avec vos mots" in q for q in asked)  # stopped before the summary was asked


def test_the_author_of_a_quote_may_be_created_on_the_way(valid_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    _, prompt = answers("", "Appel entre chefs", "la gazette", "", "11/02/2022", "o", "", "dépêche", "La Gazette rapporte un appel.", "",
                        "o", "Appel entre les chefs", "appel", "o", "", "", "", "",
                        "poursuivre les échanges", "Dave Butler", "o", "porte-parole de l’état-major",  # said by someone new
                        "Le porte-parole veut continuer à parler avec Moscou.")
    assert cli._article(settings, prompt) == 0
    assert "créé : dossier/people/dave-butler.yaml" in capsys.readouterr().out
    [event] = [e for e in pipeline.check(settings).all("events") if isinstance(e, r.Event) and e.title == "Appel entre les chefs"]
    assert [claim.by for claim in event.claims] == ["dave-butler"]
