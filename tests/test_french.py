"""Generated French: articles, elisions and contractions before a name (core/french.py)."""
from __future__ import annotations

import pytest

from dossiergen.core.dates import PartialDate
from dossiergen.core.french import a, de, elides, with_article
from dossiergen.core.text import fr_period, from_language, title_with_date

# (name, article, after "de", after "à", with its article alone)
CASES = [
    ("Département d’État des États-Unis", "le", "du Département d’État des États-Unis", "au Département d’État des États-Unis", "le Département d’État des États-Unis"),
    ("Agence France-Presse", "la", "de l’Agence France-Presse", "à l’Agence France-Presse", "l’Agence France-Presse"),
    ("Al-Qaïda", "aucun", "d’Al-Qaïda", "à Al-Qaïda", "Al-Qaïda"),
    ("Al-Qaïda", None, "d’Al-Qaïda", "à Al-Qaïda", "Al-Qaïda"),
    ("Gouvernement des États-Unis", "le", "du Gouvernement des États-Unis", "au Gouvernement des États-Unis", "le Gouvernement des États-Unis"),
    ("Gouvernement de la Russie", "le", "du Gouvernement de la Russie", "au Gouvernement de la Russie", "le Gouvernement de la Russie"),
    ("Coalition internationale en Afghanistan", "la", "de la Coalition internationale en Afghanistan", "à la Coalition internationale en Afghanistan", "la Coalition internationale en Afghanistan"),
    ("Talibans", "les", "des Talibans", "aux Talibans", "les Talibans"),
    ("Forces armées des États-Unis", "les", "des Forces armées des États-Unis", "aux Forces armées des États-Unis", "les Forces armées des États-Unis"),
    ("État islamique", "le", "de l’État islamique", "à l’État islamique", "l’État islamique"),
    ("Organisation du traité de l’Atlantique Nord", "la", "de l’Organisation du traité de l’Atlantique Nord", "à l’Organisation du traité de l’Atlantique Nord", "l’Organisation du traité de l’Atlantique Nord"),
    ("Associated Press", "la", "de l’Associated Press", "à l’Associated Press", "l’Associated Press"),
    ("The Wall Street Journal", "le", "du Wall Street Journal", "au Wall Street Journal", "le Wall Street Journal"),
    ("The Wall Street Journal", None, "de The Wall Street Journal", "à The Wall Street Journal", "The Wall Street Journal"),
    ("Sputnik", "aucun", "de Sputnik", "à Sputnik", "Sputnik"),
    ("Ilhan Omar", None, "d’Ilhan Omar", "à Ilhan Omar", "Ilhan Omar"),
    ("Helsinki", None, "d’Helsinki", "à Helsinki", "Helsinki"),
    ("Athènes", None, "d’Athènes", "à Athènes", "Athènes"),
    ("Yalta", None, "de Yalta", "à Yalta", "Yalta"),
    ("Ypres", None, "d’Ypres", "à Ypres", "Ypres"),
    ("G20", "le", "du G20", "au G20", "le G20"),
    ("Le Monde", None, "du Monde", "au Monde", "Le Monde"),
    ("Les Échos", None, "des Échos", "aux Échos", "Les Échos"),
    ("La Gazette", None, "de La Gazette", "à La Gazette", "La Gazette"),
    ("L’Autre Journal", "aucun", "de L’Autre Journal", "à L’Autre Journal", "L’Autre Journal"),
    ("Kremlin", "le", "du Kremlin", "au Kremlin", "le Kremlin"),
    ("Présidence de la Fédération de Russie", "la", "de la Présidence de la Fédération de Russie", "à la Présidence de la Fédération de Russie", "la Présidence de la Fédération de Russie"),
]


@pytest.mark.parametrize(("name", "article", "after_de", "after_a", "alone"), CASES)
def test_contractions_and_elisions(name: str, article: str | None, after_de: str, after_a: str, alone: str) -> None:
    assert de(name, article) == after_de
    assert a(name, article) == after_a
    assert with_article(name, article) == alone


@pytest.mark.parametrize(("word", "expected"), [
    ("Agence", True), ("État", True), ("Œuvre", True), ("Île", True), ("Helsinki", True), ("hiver", True),
    ("Ypres", True), ("Yalta", False), ("Gouvernement", False), ("2021", False), ("", False), ("« Al", True),
])
def test_elides(word: str, expected: bool) -> None:
    assert elides(word) is expected


def test_language_and_period_use_the_same_rule() -> None:
    assert from_language("anglais") == "de l’anglais"
    assert from_language("russe") == "du russe"
    assert fr_period(PartialDate(2021, 4), PartialDate(2021, 8)) == "d’avril à août 2021"
    assert fr_period(PartialDate(2021, 6), PartialDate(2021, 7)) == "de juin à juillet 2021"


@pytest.mark.parametrize(("title", "start", "end", "expected"), [
    ("Entretiens téléphoniques (2020-2021)", PartialDate(2020), PartialDate(2021), "Entretiens téléphoniques (2020-2021)"),
    ("Attentats du 11 septembre 2001", PartialDate(2001, 9, 11), None, "Attentats du 11 septembre 2001"),
    ("Sommet à Genève", PartialDate(2021, 6, 16), None, "Sommet à Genève, DATE"),
    ("Entretiens de 2020", PartialDate(2020), PartialDate(2021), "Entretiens de 2020, DATE"),
    ("Vol 20210 au-dessus de la mer", PartialDate(2021), None, "Vol 20210 au-dessus de la mer, DATE"),
])
def test_a_title_says_its_date_once(title: str, start: PartialDate, end: PartialDate | None, expected: str) -> None:
    assert title_with_date(title, start, end, "DATE") == expected
