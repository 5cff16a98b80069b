"""BibTeX text: escaping that keeps record text inside its field, and one entry at a time.

Used by the sources download (feeds.py) and each page's "Citer cette page" block.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Optional, Sequence

from ..core.text import clean_text, url_attr

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_PARTICLES = {"de", "du", "des", "d’", "d'", "la", "le", "van", "von", "der", "den", "da", "di", "del", "della", "dos", "das"}


def split_name(name: str) -> Optional[tuple[str, str]]:
    """(family, given) from "Prénom Nom", "Prénom de Nom" or "Nom, Prénom"; None if unsure."""
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return (family, given) if family and given else None
    tokens = name.split()
    if len(tokens) < 2:
        return None
    cut = next((i for i in range(1, len(tokens) - 1) if tokens[i].lower() in _PARTICLES), len(tokens) - 1)
    return " ".join(tokens[cut:]), " ".join(tokens[:cut])


class BibTeX(str):
    """Text that is already BibTeX (escaped, braces balanced): bibtex_entry keeps it as is."""


# BibTeX counts braces even after a backslash, so "\{" would still close a field:
# braces become brace-free commands instead.
_BIB_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\textbraceleft{}", "}": r"\textbraceright{}",
                "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
                **{ch: "\\" + ch for ch in "%&$#_"}}


def bibtex_escape(text: str) -> BibTeX:
    """Plain text as BibTeX/LaTeX text on one line: no brace or command of its own survives."""
    return BibTeX("".join(_BIB_ESCAPES.get(ch, ch) for ch in " ".join(clean_text(text).split())))


def bibtex_key(text: str) -> str:
    """A citation key: ASCII letters, digits and _-: only."""
    key = re.sub(r"[^A-Za-z0-9_:-]+", "-", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()).strip("-")
    if not key:
        raise ValueError(f"no usable citation key in {text!r}")
    return key


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_entry(entry_type: str, key: str, fields: Sequence[tuple[str, str]]) -> str:
    """One entry; plain str values are escaped, BibTeX values kept, empty ones left out.

    `title` gets a second pair of braces so styles keep its (French) capitalisation; a
    `month` of jan…dec is written as the standard macro, and a plain `url` goes through
    bibtex_url (verbatim, percent-encoded) rather than LaTeX escaping.
    """
    if not re.fullmatch(r"[a-z]+", entry_type):
        raise ValueError(f"bad BibTeX entry type {entry_type!r}")
    lines = [f"@{entry_type}{{{bibtex_key(key)},"]
    for name, value in fields:
        if not re.fullmatch(r"[a-z][a-z_-]*", name):
            raise ValueError(f"bad BibTeX field name {name!r}")
        if not value:
            continue
        if name == "month" and value in MONTHS:
            lines.append(f"  {name} = {value},")
            continue
        if isinstance(value, BibTeX):
            text = value
        else:
            text = bibtex_url(value) if name == "url" else bibtex_escape(value)
        if not _balanced(text):
            raise ValueError(f"unbalanced braces in BibTeX field {name}")
        lines.append(f"  {name} = {{{{{text}}}}}," if name == "title" else f"  {name} = {{{text}}},")
    return "\n".join(lines) + "\n}\n"


def bibtex_names(names: Iterable[str]) -> BibTeX:
    """An author list, "Nom, Prénom and …"; a name part holding "and" or "," is braced."""
    out = []
    for name in names:
        split = split_name(name)
        if split is None:
            out.append("{" + bibtex_escape(name) + "}")  # a single word or an organisation
            continue
        parts = [bibtex_escape(part) for part in split]
        out.append(", ".join("{" + p + "}" if "," in p or re.search(r"\band\b", p, re.I) else p for p in parts))
    return BibTeX(" and ".join(out))


def bibtex_url(url: str) -> BibTeX:
    """A URL kept verbatim for biblatex: url_attr percent-encodes braces, backslashes and spaces."""
    return BibTeX(str(url_attr(clean_text(url))))
