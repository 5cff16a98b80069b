"""Text in the SVG pictures: one way to clean it, escape it and make ids of it, for every picture."""
from __future__ import annotations

import functools
import re

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
