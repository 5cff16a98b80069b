"""text.py: escaping keeps text literal; dates read the French way with their precision."""
from __future__ import annotations

import markdown
import pytest
from markupsafe import Markup

from dossiergen.core.text import compact_html, escape_cell, escape_md, escape_paragraphs, fr_at, fr_date, fr_period, tidy, url_attr
from dossiergen.model.records import PartialDate as D

# The same Markdown extensions as mkdocs.yml, so an escape that works here works on the site.
EXTENSIONS = ["toc", "tables", "attr_list", "admonition"]


def to_html(md: str) -> str:
    return markdown.markdown(md, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](http://evil.example/x.png)", "*em* _em_ **b** `code`",
     "a | b | c", "# titre", "1. liste", "- liste", "> citation", "---", "=== ", "!!! note", "~~~", "{: onclick=alert(1) }",
     "<http://evil.example>", "&lt;déjà échappé&gt;", "\\*", "<!-- commentaire -->", "{{ jinja }} {% raw %}", "  indenté"],
)
def test_escaped_text_renders_literally(text: str) -> None:
    html = to_html(str(escape_md(text)))
    assert "<script" not in html and "<a " not in html and "<img" not in html and "<em>" not in html
    assert "<h1" not in html and "<ol>" not in html and "<ul>" not in html and "<blockquote>" not in html
    assert "<pre>" not in html and "onclick=" not in html.replace("onclick=alert(1)", "")
    # The visible text is the original text.
    import re
    from html import unescape

    visible = unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert visible == text.strip()


def test_table_cell_keeps_one_cell() -> None:
    html = to_html("| a | b |\n| --- | --- |\n| " + str(escape_cell("x | y\nz")) + " | 2 |\n")
    assert html.count("<td>") == 2 and "x &#124; y z" in html


def test_markup_passes_through() -> None:
    assert escape_md(Markup("[a](b.md)")) == "[a](b.md)"


def test_paragraphs() -> None:
    assert escape_paragraphs("un\n\ndeux *x*\n") == "un\n\ndeux \\*x\\*"


def test_tidy_separates_blocks() -> None:
    assert tidy("# T\ntext\n- a\n- b\n## U\n> q\nafter\n") == "# T\n\ntext\n\n- a\n- b\n\n## U\n\n> q\n\nafter\n"


def test_url_attr_encodes_markdown_breakers() -> None:
    assert url_attr("https://e.org/a(b)c d") == "https://e.org/a%28b%29c%20d"
    assert url_attr("https://e.org/p?x=1&y=2#f") == "https://e.org/p?x=1&y=2#f"


@pytest.mark.parametrize(
    ("date", "text"),
    [(D(2021), "2021"), (D(2021, 9), "septembre 2021"), (D(2021, 9, 22), "22 septembre 2021"), (D(2014, 1, 1), "1er janvier 2014"), (D(2021, 8), "août 2021"), (None, "date inconnue")],
)
def test_fr_date(date: D | None, text: str) -> None:
    assert fr_date(date) == text


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [
        (D(2021, 9, 18), D(2021, 9, 19), "du 18 au 19 septembre 2021"),
        (D(2021, 8, 30), D(2021, 9, 2), "du 30 août au 2 septembre 2021"),
        (D(2020, 12, 31), D(2021, 1, 2), "du 31 décembre 2020 au 2 janvier 2021"),
        (D(2001), D(2005), "de 2001 à 2005"),
        (D(2021, 6), D(2021, 7), "de juin à juillet 2021"),
        (D(2021, 4), D(2021, 8), "d’avril à août 2021"),
        (D(2001, 12), D(2014), "de décembre 2001 à 2014"),
        (D(2001, 10, 7), D(2014), "du 7 octobre 2001 à 2014"),
        (D(2014, 1), D(2014, 10, 1), "de janvier 2014 au 1er octobre 2014"),
    ],
)
def test_fr_period(start: D, end: D, text: str) -> None:
    assert fr_period(start, end) == text


def test_partial_date_bounds() -> None:
    assert D.parse("2024-02").last_day().day == 29
    assert D.parse("2021").first_day().isoformat() == "2021-01-01"
    with pytest.raises(ValueError, match="n’existe pas"):
        D.parse("2021-04-31")


def test_fr_at() -> None:
    assert [fr_at(D(2021, 9, 22)), fr_at(D(2021, 9)), fr_at(D(2021))] == ["le 22 septembre 2021", "en septembre 2021", "en 2021"]


def _references_back(html: str) -> str:
    """compact_html undone: references above U+00FF back to their characters."""
    import re

    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))) if int(m.group(1)) > 0xFF else m.group(0), html)


@pytest.mark.parametrize(
    "html",
    ["<p>l’état-major — « citation » → suite…</p>", '<a href="x" title="l’été">Guérassimov</a>', "<svg><title>d’Asie</title><text>Ташкент</text></svg>",
     "<p>emoji 🙂 et 𝔸, sans combinaison : e\u0301</p>", "<p>déjà &amp; &#8217; écrit</p>", "plain ascii"],
)
def test_compact_html_is_the_same_page_in_one_byte_a_character(html: str) -> None:
    compact = compact_html(html)
    assert max(compact) <= "\xff"  # Python keeps it in one byte a character
    assert _references_back(compact) == _references_back(html)  # the browser reads the same characters


def test_compact_html_leaves_raw_text_alone() -> None:
    """Inside scripts, styles, comments and CDATA a reference is not read back: those stay as written."""
    raw = ['<script type="application/ld+json">{"name": "l’été"}</script>', "<STYLE>p::before { content: '→'; }</style >",
           "<!-- d’où -->", "<![CDATA[ d’où ]]>", "<noscript>d’abord</noscript>"]
    html = "<p>avant’</p>" + "<p>entre’</p>".join(raw) + "<p>après’</p>"
    compact = compact_html(html)
    assert all(part in compact for part in raw)
    assert compact.count("&#8217;") == len(raw) + 1
    assert compact_html("abc") == "abc"
