"""Generated French: articles, elisions and contractions before a name.

Templates never glue "de " or "à " to a name: they ask for `de(name, article)`, which gives
"du Département d’État", "de l’Agence France-Presse", "d’Al-Qaïda", "des Talibans". What
cannot be derived from the name (its gender, whether it takes an article at all) comes from
the record (an organisation's `article`); elision before a vowel or a mute h is derived.
"""
from __future__ import annotations

import unicodedata
from typing import Literal, Optional

# The article a name takes in a sentence ("le Département d’État", "la Coalition", "les
# Talibans"); "aucun" (or None) for a name used bare ("Al-Qaïda", "Sputnik").
Article = Literal["le", "la", "les", "aucun"]
ARTICLES: dict[str, str] = {
    "le": "masculin singulier : le Département d’État, du Département d’État (l’ devant une voyelle : l’État islamique)",
    "la": "féminin singulier : la Coalition internationale, de la Coalition (l’ devant une voyelle : l’Agence France-Presse)",
    "les": "pluriel : les Talibans, des Talibans",
    "aucun": "sans article : Al-Qaïda, d’Al-Qaïda ; Sputnik, de Sputnik",
}

APOSTROPHE = "’"
# An English title keeps its words but takes the French article: « le Wall Street Journal ».
_ENGLISH_ARTICLE = "The "


def elides(word: str) -> bool:
    """Whether "de", "le", "la" lose their vowel before this word: a vowel or a mute h.

    A y before a vowel is a consonant ("de Yalta" stays, "d’Ypres" elides). An h is taken as
    mute ("d’Helsinki"): a name with an aspirated h ("le Hamas") says so with its article.
    """
    text = word.lstrip("«“\"( ")
    if not text:
        return False
    first = _base(text[0])
    if first in "aeiouœæ":
        return True
    if first == "y":
        return len(text) > 1 and _base(text[1]) not in "aeiou"
    return first == "h"


def _base(ch: str) -> str:
    """The letter without its accent, in lowercase: É -> e."""
    return unicodedata.normalize("NFKD", ch)[:1].lower()


def _bare(name: str, article: Optional[str]) -> str:
    """The name as it follows a French article: « The Wall Street Journal » -> « Wall Street Journal »."""
    if article in ("le", "la", "les") and name.startswith(_ENGLISH_ARTICLE) and len(name) > len(_ENGLISH_ARTICLE):
        return name[len(_ENGLISH_ARTICLE):]
    return name


def split_article(name: str, article: Optional[str] = None) -> tuple[str, str]:
    """(article as printed, name as printed): ("le ", "Département d’État"), ("l’", "Agence France-Presse"), ("", "Al-Qaïda")."""
    shown = _bare(name, article)
    if article in ("le", "la"):
        return ("l" + APOSTROPHE if elides(shown) else article + " "), shown
    if article == "les":
        return "les ", shown
    return "", shown


# A title that holds its own article contracts with "de" and "à": « du Monde », « des Échos ».
_OWN_ARTICLES = {"Le ": "le ", "Les ": "les "}


def _own_article(name: str) -> tuple[str, str]:
    """A bare name's own "Le "/"Les ", as an article, and the rest of the name."""
    for own, art in _OWN_ARTICLES.items():
        if name.startswith(own) and len(name) > len(own):
            return art, name[len(own):]
    return "", name


# « de le » and « à les » are never written: the preposition and the article contract.
_CONTRACTED = {"de": {"le ": "du ", "les ": "des "}, "à": {"le ": "au ", "les ": "aux "}}


def _split(prep: str, name: str, article: Optional[str]) -> tuple[str, str]:
    art, shown = split_article(name, article)
    if not art:
        art, shown = _own_article(shown)
    if art in _CONTRACTED[prep]:
        return _CONTRACTED[prep][art], shown
    if prep == "de" and not art:
        return ("d" + APOSTROPHE if elides(shown) else "de "), shown
    return f"{prep} {art}", shown


def split_de(name: str, article: Optional[str] = None) -> tuple[str, str]:
    """("du ", "Département d’État"), ("de l’", "Agence France-Presse"), ("d’", "Al-Qaïda"), ("des ", "Talibans"), ("du ", "Monde")."""
    return _split("de", name, article)


def split_a(name: str, article: Optional[str] = None) -> tuple[str, str]:
    """("au ", "Kremlin"), ("à l’", "OTAN"), ("aux ", "Talibans"), ("à ", "Sputnik"), ("au ", "Monde")."""
    return _split("à", name, article)


def with_article(name: str, article: Optional[str] = None) -> str:
    """"le Département d’État", "l’Agence France-Presse", "Al-Qaïda"."""
    return "".join(split_article(name, article))


def de(name: str, article: Optional[str] = None) -> str:
    """"du Département d’État", "de l’Agence France-Presse", "d’Al-Qaïda", "de Sputnik"."""
    return "".join(split_de(name, article))


def a(name: str, article: Optional[str] = None) -> str:
    """"au Département d’État", "à l’Agence France-Presse", "à Al-Qaïda", "aux Talibans"."""
    return "".join(split_a(name, article))


def upfirst(text: str) -> str:
    """"du Département" -> "Du Département": the first letter in capitals, the rest as it is."""
    return text[:1].upper() + text[1:]
