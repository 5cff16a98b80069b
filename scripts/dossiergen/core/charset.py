"""Which characters contributor text may hold: one policy, by Unicode property, for every text and URL.

Refused anywhere (validate.py reports them, fmt.py writes them escaped, errors.py prints them
escaped, the editors' JSON Schemas underline the ones a regex can name):

- controls (Cc), except tab, and newline where a field is multi-line;
- format characters (Cf): direction overrides and isolates, zero-width marks, soft hyphen…;
- surrogates (Cs), private use (Co) and unassigned code points (Cn);
- line and paragraph separators (Zl, Zp), which YAML and some editors read as line breaks;
- every Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties: characters a font
  draws as nothing, such as Hangul fillers, variation selectors and tags), whatever its category.

The one exception, for scripts that need them (Persian, Arabic, Indic…): ZERO WIDTH NON-JOINER
and ZERO WIDTH JOINER between two letters or marks, at least one of them outside Latin (from
U+0370 on). And a text must show something: at least one letter, digit, punctuation or symbol
that is drawn (so a name of only combining marks, fillers or blank Braille is refused).
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# Unicode 15.0 DerivedCoreProperties.txt, Default_Ignorable_Code_Point (stable: code points are
# only ever added to it from the unassigned ranges, which are refused anyway).
DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
JOINERS = frozenset({"\u200c", "\u200d"})
BLANK_SYMBOLS = frozenset({"\u2800"})  # BRAILLE PATTERN BLANK: a symbol that shows nothing

# Characters that need no look-up: tab, newline, printable ASCII, Latin-1 and Latin Extended
# (without the soft hyphen), Greek, Cyrillic, and general punctuation (without the separators,
# direction marks and invisible operators). Text made only of these is checked by one regex.
_PLAIN = re.compile("[\t\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u052f"
                    "\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2100-\u214f]*")
_IGNORABLE = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" if a != b else chr(a) for a, b in DEFAULT_IGNORABLE) + "]")


def is_ignorable(char: str) -> bool:
    return bool(_IGNORABLE.fullmatch(char))


def has_ignorable(text: str) -> bool:
    return bool(_IGNORABLE.search(text))


def is_invisible(char: str) -> bool:
    """A character the policy refuses out of context: it hides, reorders or breaks text."""
    return unicodedata.category(char) in REFUSED_CATEGORIES or is_ignorable(char)


def _joins(text: str, i: int) -> bool:
    """A joiner at text[i] that a script needs: between two letters or marks, one of them outside Latin."""
    if text[i] not in JOINERS or i == 0 or i + 1 >= len(text):
        return False
    before, after = text[i - 1], text[i + 1]
    letters = all(unicodedata.category(c)[0] in "LM" for c in (before, after))
    return letters and max(ord(before), ord(after)) >= 0x370


def first_refused(text: str, allow_newline: bool) -> Optional[str]:
    """The first character the policy refuses in `text`, as "U+200B", or None."""
    plain = _PLAIN.match(text)
    start = plain.end() if plain else 0
    if start == len(text):
        return None if allow_newline or "\n" not in text else "U+000A"
    if not allow_newline and "\n" in text[:start]:
        return "U+000A"
    for i in range(start, len(text)):
        char = text[i]
        if char == "\n":
            if not allow_newline:
                return "U+000A"
            continue
        if char == "\t":
            continue
        if is_invisible(char) and not _joins(text, i):
            return f"U+{ord(char):04X}"
    return None


def looks_empty(text: str) -> bool:
    """True when nothing in `text` would be drawn: no letter, digit, punctuation or symbol shows."""
    for char in text:
        if char.isascii():
            if char.isalnum() or (char.isprintable() and not char.isspace()):
                return False
            continue
        if unicodedata.category(char)[0] in "LNPS" and not is_ignorable(char) and char not in BLANK_SYMBOLS:
            return False
    return True


def refused_class_bmp() -> str:
    """A regex character class body naming the refused characters of the Basic Multilingual Plane
    that JavaScript and Python read alike: controls (but tab and newline), separators, format,
    ignorable and private-use characters. Unassigned code points, and the joiners (allowed in
    context), are left to the validator."""
    codes = {c for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) in {"Cc", "Cf", "Co", "Zl", "Zp"}}
    codes |= {c for a, b in DEFAULT_IGNORABLE for c in range(a, b + 1) if c < 0x10000}
    return code_ranges(codes - {0x09, 0x0A, *map(ord, JOINERS)})


def code_ranges(codes: set[int]) -> str:
    """Code points as regex class ranges: {0x200B..0x200F} -> `\\u200b-\\u200f`."""
    out, ordered = [], sorted(codes)
    start = prev = ordered[0]
    for code in ordered[1:] + [-1]:
        if code != prev + 1:
            out.append(f"\\u{start:04x}" + (f"-\\u{prev:04x}" if prev != start else ""))
            start = code
        prev = code
    return "".join(out)
