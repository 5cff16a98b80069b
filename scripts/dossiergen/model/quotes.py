"""Quotation marks and quotes checked against the texts of the sources.

- Every text field: its « and », “ and ” pair up, and straight double quotes come in pairs
  (a quote left open is the commonest slip when a paragraph is pasted from an article).
- Every claim's `quote`, for each cited source whose text is at hand: printed word for word
  in it, spacing, apostrophes and dashes aside. A source's text is, first, a contributor's
  local copy beside its record (`dossier/sources/<id>.txt`, kept out of git and of the site,
  see .gitignore), then the working copy its `seed` names in `../shared/seeds/`. Where no text
  is at hand, the quote is not checked: the reviewers compare it with the article.

The texts are read with the same limits as records (size, UTF-8, no symbolic link, nothing
outside the project or the seeds folder).
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from ..core import codes
from ..core.errors import Diagnostic
from . import records as r
from .load import RawRecord, field_position

# A source's text is an article: far below this. Larger files are not read.
MAX_TEXT_BYTES = 1024 * 1024
# Where the closest passage is looked for: a quote of at most this many words, a text of at most this many.
_MAX_QUOTE_WORDS, _MAX_TEXT_WORDS = 80, 60_000
_PAIRS = (("«", "»"), ("“", "”"))
_MARKS = tuple(re.compile(f"[{opening}{closing}]") for opening, closing in _PAIRS)
_EDGES = re.compile(r"^[«“\"(\s]+|[»”\",.;:!?)\s]+$")
_SAME = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "–": "-", "—": "-", "‑": "-"})


def unbalanced(text: str) -> Optional[str]:
    """What is wrong with the quotation marks of a text, in French, with the words around the mark, or None."""
    for (opening, closing), marks in zip(_PAIRS, _MARKS):
        open_at: list[int] = []
        for found in marks.finditer(text):  # the marks only, not every character
            i, char = found.start(), found.group()
            if char == opening:
                open_at.append(i)
            else:
                if not open_at:
                    return f"un guillemet fermant ({closing}) sans guillemet ouvrant ({opening}) avant lui : {_around(text, i)}"
                open_at.pop()
        if open_at:
            return f"un guillemet ouvrant ({opening}) jamais refermé ({closing}) : {_around(text, open_at[-1])}"
    if text.count('"') % 2:
        return f'un guillemet droit (") sans son pendant : {_around(text, text.rindex(chr(34)))}'
    return None


def _around(text: str, at: int, width: int = 30) -> str:
    """The words around a character, on one line, to find it in a long text."""
    before, after = text[max(0, at - width) : at], text[at : at + width]
    return ("…" if at > width else "") + " ".join((before + after).split()) + ("…" if at + width < len(text) else "")


def normalise(text: str) -> str:
    """A text as the quote check compares it: NFC, one kind of apostrophe, space and dash, spacing collapsed."""
    return " ".join(unicodedata.normalize("NFC", text).translate(_SAME).split())


def source_texts(data_dir: Path, seeds_dir: Optional[Path], sources: Iterable[r.Source]) -> dict[str, tuple[str, str]]:
    """Each source's text that is at hand, with where it was read (for messages). Nothing is read
    through a linked folder (load.py refuses those too): only regular files of the project or seeds."""
    out: dict[str, tuple[str, str]] = {}
    if data_dir.is_symlink() or (data_dir / "sources").is_symlink():
        return out
    for source in sources:
        candidates = [(data_dir / "sources" / f"{source.id}.txt", f"dossier/sources/{source.id}.txt")]
        if source.seed and seeds_dir is not None:  # validate.SEED_RE: a file name, never a path
            candidates.append((seeds_dir / source.seed, f"shared/seeds/{source.seed}"))
        for path, shown in candidates:
            text = _read(path)
            if text is not None:
                out[source.id] = (text, shown)
                break
    return out


def _read(path: Path) -> Optional[str]:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_TEXT_BYTES:
            return None
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def check_quotes(records: list[r.Record], raws: list[RawRecord], texts: dict[str, tuple[str, str]]) -> list[Diagnostic]:
    """Every claim's quote against the text of each cited source that is at hand."""
    raw_by = {raw.id: raw for raw in raws}
    out: list[Diagnostic] = []
    for record in records:
        if not isinstance(record, r.Event) or record.id not in raw_by:
            continue
        raw = raw_by[record.id]
        for i, claim in enumerate(record.claims):
            if not claim.quote:
                continue
            quote = normalise(claim.quote)
            for ref in claim.sources:
                if ref.source not in texts:
                    continue
                text, shown = texts[ref.source]
                if quote in normalise(text):
                    continue
                line, col = field_position(raw.root, f"claims[{i}].quote")
                message = (f"attendu des mots que {ref.source} imprime tels quels, trouvé une citation absente de son texte ({shown}) ;"
                           " recopiez-la de l’article, ou retirez ce champ si la source ne la cite pas")
                out.append(Diagnostic(raw.path, line, col, codes.QUOTE_NOT_IN_SOURCE, f"claims[{i}].quote", message, closest_passage(quote, text)))
    return out


def closest_passage(quote: str, text: str) -> Optional[str]:
    """The passage of the text closest to a misquoted (normalised) quote, as the text writes it, if one is close."""
    words, found = quote.split(), text.split()
    if not words or len(words) > _MAX_QUOTE_WORDS or len(found) > _MAX_TEXT_WORDS:
        return None
    size = len(words)
    passages: dict[str, str] = {}
    for i in range(max(1, len(found) - size + 1)):
        passage = _EDGES.sub("", " ".join(found[i : i + size]))
        passages.setdefault(normalise(passage), passage)
    near = difflib.get_close_matches(quote, sorted(passages), n=1, cutoff=0.8)
    return passages[near[0]] if near else None
