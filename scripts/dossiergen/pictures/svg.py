"""Text in the SVG pictures: one way to clean it, escape it and make ids of it, for every picture."""
from __future__ import annotations

import functools
import re
import unicodedata

from markupsafe import Markup, escape

from ..core import charset
from ..core.text import slugify

# Markdown syntax characters, written as character references: if a picture ever reaches
# Markdown outside a raw HTML block, a label still cannot become a link or an emphasis.
_MARKDOWN = re.compile(r"([\\`*_\[\]{}#|!~])")


@functools.lru_cache(maxsize=1 << 16)
def clean(value: str) -> str:
    """One line of plain text without the characters the contributors' policy refuses (charset.py:
    controls, bidi overrides, zero-width marks, surrogates, non-characters XML forbids), so a
    picture stays well-formed and its text in order even if one got past the checks. Joiners
    stay: they shape Persian words and emoji sequences."""
    spaced = (" " if ch.isspace() else ch for ch in value)
    kept = (ch for ch in spaced if ch in charset.JOINERS or not charset.is_invisible(ch))
    return " ".join("".join(kept).split())


def text(value: str) -> Markup:
    """Untrusted text cleaned and escaped for an XML text node or attribute value, and for Markdown."""
    parts = _MARKDOWN.split(clean(value))  # text, syntax character, text, ...
    return Markup("").join(Markup(f"&#{ord(part)};") if i % 2 else escape(part) for i, part in enumerate(parts))


def ident(value: str, fallback: str = "x") -> str:
    """An id fragment of [a-z0-9-] only, at most 60 characters (`fallback` when none is left)."""
    return slugify(value, 60) or fallback



# Advance widths of DejaVu Sans in em (the widest sans-serif a reader's system falls back to, and
# what Debian's Chromium uses): an estimate from it is never short for Arial or Helvetica.
_EM = dict(zip(
    " !\"'(),-./:;?abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ’«»…—–",
    [.318, .401, .46, .275, .39, .39, .318, .361, .318, .337, .337, .337, .531,
     .613, .635, .55, .635, .615, .352, .635, .634, .278, .278, .579, .278, .974, .634, .612, .635, .635, .411, .521,
     .392, .634, .592, .818, .592, .592, .525,
     .684, .686, .698, .77, .632, .575, .775, .752, .295, .295, .656, .557, .863, .748, .787, .603, .787, .695, .635,
     .611, .732, .684, .989, .685, .611, .685, .318, .557, .557, 1.0, 1.0, .5],
))


@functools.lru_cache(maxsize=1 << 16)
def text_width(value: str, size: float) -> float:
    """Estimated width of one line of text at `size` (no font metrics at build time)."""
    total = 0.0
    for ch in value:
        base = unicodedata.normalize("NFD", ch)[:1]  # é is as wide as e
        total += _EM.get(ch) or _EM.get(base) or (1.0 if unicodedata.east_asian_width(ch) in "WF"
                                                   else .636 if ch.isdigit() else .75 if ch.isupper() else .62)
    return size * total
