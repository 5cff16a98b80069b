"""Dates as the articles give them: to the year, the month or the day, and how each is known."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; raise ValueError with a reason."""
        m = _DATE_RE.fullmatch(text)
        if not m:
            raise ValueError("pas de la forme AAAA, AAAA-MM ou AAAA-MM-JJ")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        if year < 1000:
            raise ValueError(f"l’année {year} est hors des limites")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"le mois {month:02d} n’existe pas")
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"le jour {day:02d} n’existe pas en {year}-{month:02d} (ce mois a {last} jours)")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class Dating:
    """How one date is known: its value, its basis, and what lies beyond the articles.

    `value` has the precision the dossier uses for ordering; `basis` says whether an article
    prints it, the dossier deduces it from the articles, or it comes from outside them.
    `outside` is a more precise date known only from outside the corpus; `printed` is the
    articles' own words (« jeudi ») where they give no full date.
    """

    value: PartialDate
    basis: str
    outside: Optional[PartialDate] = None
    printed: Optional[str] = None

    @property
    def attested(self) -> bool:
        """True when the articles themselves support the value (printed or deduced)."""
        return self.basis != "outside"

    @property
    def marked(self) -> bool:
        """True when a reader must be told that part of this date comes from outside the corpus."""
        return self.basis == "outside" or self.outside is not None

    @property
    def best(self) -> PartialDate:
        """The most precise date known, whatever its basis: for ordering and placing marks."""
        return self.outside or self.value


def dating(record: object, key: str) -> Optional[Dating]:
    """The `Dating` of a date field (`date`, `end_date`, `published`, `start`...) of a typed value."""
    value = getattr(record, key)
    if value is None:
        return None
    basis = getattr(record, f"{key}_basis")
    assert basis is not None, "validation requires a basis beside every date"
    return Dating(value, basis, getattr(record, f"{key}_outside"), getattr(record, f"{key}_printed"))


_FR_MONTHS = {name: i for i, names in enumerate(
    (("janvier", "janv"), ("fevrier", "fevr", "fev"), ("mars",), ("avril", "avr"), ("mai",), ("juin",), ("juillet", "juil"),
     ("aout",), ("septembre", "sept"), ("octobre", "oct"), ("novembre", "nov"), ("decembre", "dec")), start=1) for name in names}
_NUMERIC = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})|([0-9]{4})[/.]([0-9]{1,2})(?:[/.]([0-9]{1,2}))?|([0-9]{1,2})[/.\-]([0-9]{4})")
_WORDS = re.compile(r"(?:([0-9]{1,2})(?:er)?\s+)?([a-z]+)\.?\s+([0-9]{4})")


def suggest_date(text: str) -> Optional[str]:
    """The date a contributor meant, written as the dossier writes dates, or None.

    French order first: 11/02/2022 and 11.02.2022 are 11 February (2022-02-11), 02/2022 is
    February 2022, 2022/02/11 is read year first; « 11 février 2022 », « 1er mars 2021 » and
    « février 2022 » too. Only a date that exists is suggested.
    """
    folded = "".join(c for c in unicodedata.normalize("NFD", text.strip().casefold()) if unicodedata.category(c) != "Mn")
    found = _NUMERIC.fullmatch(folded)
    parts: tuple[Optional[str], ...]
    if found:
        g = found.groups()
        parts = (g[2], g[1], g[0]) if g[0] else (g[3], g[4], g[5]) if g[3] else (g[7], g[6], None)
    else:
        words = _WORDS.fullmatch(folded)
        if not words or words.group(2) not in _FR_MONTHS:
            return None
        parts = (words.group(3), str(_FR_MONTHS[words.group(2)]), words.group(1))
    year, month, day = parts
    iso = "-".join(f"{int(p):02d}" if i else p for i, p in enumerate((year, month, day)) if p is not None)
    try:
        return PartialDate.parse(iso).iso()
    except ValueError:
        return None
