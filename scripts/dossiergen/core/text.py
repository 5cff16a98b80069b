"""Escaping and French formatting: the only place that turns data into Markdown text."""
from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from markupsafe import Markup

from .dates import Dating, PartialDate
from .french import elides

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")

# Each character that Markdown or HTML would read as syntax, and its inert spelling.
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;"}
_ESCAPES.update({ch: "\\" + ch for ch in "\\`*_[]{}#"})
_TABLE = str.maketrans(_ESCAPES)
# What opens a block at the start of a line: lists, rules, setext underlines, fences,
# admonitions, definition lists, and "1." / "1)" ordered lists.
_LINE_START = re.compile(r"^([-+=~!:]|\d+[.)])", re.MULTILINE)


def escape_md(value: object) -> Markup:
    """Escape plain text for Markdown and HTML: the result renders as the same literal text.

    Markup (macro output) passes through unchanged; everything else is escaped, so record
    data can never become a link, an emphasis, a heading, raw HTML or an attribute list.
    """
    if isinstance(value, Markup):
        return value
    text = str(value)
    return _escape_text(text) if len(text) <= _REMEMBERED else _escape_uncached(text)


# Pages repeat the same names, titles and labels thousands of times: their escaped forms are
# remembered. Longer texts (summaries, notes) seldom repeat and are not kept.
_REMEMBERED = 200


def _escape_uncached(value: str) -> Markup:
    # Indented continuation lines would make a code block; the first line keeps its spaces
    # (it follows template text, as in ", " separators).
    first, *rest = value.split("\n")
    text = "\n".join([first, *(line.strip() for line in rest)])
    text = text.translate(_TABLE)
    text = _LINE_START.sub(lambda m: m.group(1)[:-1] + f"&#{ord(m.group(1)[-1])};", text)
    return Markup(text)


_escape_text = functools.lru_cache(maxsize=65536)(_escape_uncached)


def ascii_fold(text: str) -> str:
    """The text in ASCII: accents dropped, other non-ASCII characters left out."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def slugify(text: str, limit: int | None = None) -> str:
    """Guérassimov (général) -> guerassimov-general: ASCII letters and digits in lowercase,
    runs of anything else as one hyphen, at most `limit` characters, no hyphen at either end."""
    slug = "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower()))
    return slug[:limit].rstrip("-") if limit is not None else slug


def typed_key(text: str) -> str:
    """What a person typed, as one key: « Réunion », "reunion " and « l’appel » / "l'appel"
    match (accents, case, the apostrophe and the spaces around set aside)."""
    return ascii_fold(text).casefold().replace("’", "'").strip()


def fold_accents(text: str) -> str:
    """Guérassimov -> Guerassimov: letters without their diacritics (œ and the like stay)."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def escape_cell(value: object) -> Markup:
    """Escape text for a table cell or a list item: one line."""
    if isinstance(value, Markup):
        return value
    text = str(value)
    return _escape_line(text) if len(text) <= _REMEMBERED else escape_md(" ".join(text.split()))


@functools.lru_cache(maxsize=65536)
def _escape_line(value: str) -> Markup:
    return escape_md(" ".join(value.split()))


def escape_paragraphs(value: object) -> Markup:
    """Escape multi-line text; each non-empty line becomes its own paragraph.

    YAML folds a blank line in a `>` block into one line break, so a contributor's
    paragraph break arrives as a single newline: keep it a paragraph break.
    """
    if isinstance(value, Markup):
        return value
    lines = [line.strip() for line in str(value).split("\n") if line.strip()]
    return Markup("\n\n").join(escape_md(line) for line in lines)


def tidy(markdown: str) -> str:
    """Give every block opened by a template line the blank lines Markdown needs.

    Record text cannot open a block (escape_md neutralises line starts), so only
    template-made headings, lists, quotes, tables and admonitions are affected.
    """
    out: list[str] = []
    prev, prev_kind = "", None
    for line in markdown.split("\n"):
        kind = _block_kind(line)
        if line.strip() and prev.strip():
            if kind == "heading" or prev_kind == "heading" or (kind and kind != prev_kind and not line.startswith("    ")) or (prev_kind == "quote" and kind != "quote"):
                out.append("")
        out.append(line)
        prev, prev_kind = line, kind
    text = _BLANK_RUN.sub("\n\n", "\n".join(out)).strip("\n")
    return text + "\n"


_BLANK_RUN = re.compile(r"\n{3,}")
_ORDERED = re.compile(r"\d+\. ")
_STARTS = (("#", "heading"), ("- ", "list"), ("> ", "quote"), ("| ", "table"), ("!!! ", "admonition"), ("<!--", "comment"))


def _block_kind(line: str) -> str | None:
    for start, kind in _STARTS:
        if line.startswith(start):
            return kind
    if line[:1].isdigit() and _ORDERED.match(line):
        return "olist"
    return None


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_text(text: str) -> str:
    """Text without the characters XML 1.0 forbids, with \\r\\n and \\r as \\n."""
    return _NOT_XML.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


# Elements whose text the browser reads raw: a character reference inside stays as written.
_RAW_TEXT = re.compile(r"(<(script|style|xmp|iframe|noembed|noframes|noscript|plaintext)\b.*?</\2\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>)", re.IGNORECASE | re.DOTALL)


_WIDE = re.compile(r"[^\x00-\xff]")


def compact_html(html: str) -> str:
    """The same HTML with every character above U+00FF written as a reference (’ as &#8217;).

    A browser shows exactly the same page. Python stores a string whose characters all fit
    in one byte in one byte each, and two or four otherwise: one apostrophe doubles a whole
    page's size in memory, and MkDocs keeps every page's HTML until the last one is written.
    Text the browser reads raw, where a reference would stay as written (scripts, styles,
    comments, CDATA and the like), is left as it is.
    """
    if not _WIDE.search(html):  # a search in C: max(html) took most of the time
        return html
    parts = _RAW_TEXT.split(html)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3
        if kind == 0:  # between raw-text elements
            out.append(part.encode("latin-1", "xmlcharrefreplace").decode("latin-1"))
        elif kind == 1:  # a raw-text element, kept
            out.append(part)
    return "".join(out)


def url_attr(url: str) -> Markup:
    """Percent-encode a validated http(s) URL so it is safe as a Markdown link target."""
    return Markup(quote(url, safe=":/?#@!$&+,;=%~*'[]-._"))


def fr_date(date: PartialDate | None) -> str:
    """A date the French way, with its precision: 2021, septembre 2021, 22 septembre 2021, 1er mai 2021."""
    if date is None:
        return "date inconnue"
    if date.month is None:
        return str(date.year)
    month = f"{MONTHS[date.month - 1]} {date.year}"
    if date.day is None:
        return month
    return f"{'1er' if date.day == 1 else date.day} {month}"


SHORT_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def fr_short(date: PartialDate) -> str:
    """A date in few characters, for pictures: 2021, sept. 2021, 22 sept. 2021."""
    if date.month is None:
        return str(date.year)
    month = f"{SHORT_MONTHS[date.month - 1]} {date.year}"
    return f"{date.day} {month}" if date.day else month


def fr_at(date: PartialDate) -> str:
    """A date after a verb: "le 22 septembre 2021", "en septembre 2021", "en 2021"."""
    return f"le {fr_date(date)}" if date.day else f"en {fr_date(date)}"


def fr_period(start: PartialDate, end: PartialDate | None) -> str:
    """A date or a period: "de 2001 à 2005", "du 18 au 19 septembre 2021", "de juin à juillet 2021"."""
    if end is None:
        return fr_date(start)
    left = fr_date(start)
    if start.year == end.year and start.month and end.month and bool(start.day) == bool(end.day):
        # Say the shared year (and month) once: "du 18 au 19 septembre 2021", "de juin à juillet 2021".
        left = left.rsplit(" ", 1)[0]
        if start.day and start.month == end.month:
            left = left.split(" ", 1)[0]
    if start.day:
        prefix = "du "
    else:
        prefix = "d’" if elides(left) else "de "
    return f"{prefix}{left} {'au' if end.day else 'à'} {fr_date(end)}"


OUTSIDE = "hors corpus"


def fr_dating(d: Dating | None) -> str:
    """A date as a reader should see it first: the articles' precision, then any outside refinement, marked.

    "22 septembre 2021"; "août 2021 (29 août 2021 selon une date hors corpus)";
    "un jeudi — 16 février 2017 selon une date hors corpus"; "2014 (date hors corpus)".
    """
    if d is None:
        return "date inconnue"
    if d.basis == "outside":
        if d.printed:
            return f"{d.printed} — {fr_date(d.value)} selon une date {OUTSIDE}"
        return f"{fr_date(d.value)} (date {OUTSIDE})"
    if d.outside is not None:
        return f"{fr_date(d.value)} ({fr_date(d.outside)} selon une date {OUTSIDE})"
    return fr_date(d.value)


def fr_span(start: Dating, end: Dating | None) -> str:
    """A date or a period with its bases: fr_period where nothing is from outside the corpus."""
    if end is None:
        return fr_dating(start)
    if not start.marked and not end.marked:
        return fr_period(start.value, end.value)
    return f"{fr_dating(start)} – {fr_dating(end)}"


def from_language(name: str) -> str:
    """"de l’anglais", "du russe": the language a text was translated from."""
    return f"de l’{name}" if elides(name) else f"du {name}"


def fr_short_dating(d: Dating) -> str:
    """fr_short for pictures, with the articles' precision; an outside date says so."""
    return fr_short(d.value) if d.attested else f"{fr_short(d.value)}, {OUTSIDE}"


_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


def title_with_date(title: str, start: PartialDate, end: PartialDate | None, shown: str) -> str:
    """A title followed by its date ("Sommet Poutine–Biden à Genève, 16 juin 2021"), or the title
    alone where it already gives the date's years ("Entretiens téléphoniques… (2020-2021)"):
    a date is said once."""
    years = {str(start.year)} | ({str(end.year)} if end is not None else set())
    if years <= set(_YEAR.findall(title)):
        return title
    return f"{title}, {shown}"
