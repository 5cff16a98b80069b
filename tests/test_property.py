"""Property: whatever text a contributor puts in any text field, the pages carry it inert.

Each example adds one record of every kind, with every field filled from the spec, and
every text field drawn by Hypothesis. The record is either refused with diagnostics
(never an exception) or rendered; rendered pages, once through Python-Markdown with the
site's extensions, hold no live tag, event handler or script URL, and the JSON export
holds no raw angle bracket.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any, Callable

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from conftest import DATA, SITE_EXTENSIONS, TODAY, live_markup
from dossiergen.config import LOCAL_URL
from dossiergen.downloads.export import to_json
from dossiergen.model import kinds
from dossiergen.model import schema as s
from dossiergen.model.dossier import build
from dossiergen.model.load import RawRecord, load_dossier, parse_text
from dossiergen.model.quotes import unbalanced
from dossiergen.model.validate import validate
from dossiergen.pages.env import make_env
from dossiergen.pages.render import render

EXTENSIONS = SITE_EXTENSIONS  # as in mkdocs.yml
FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<a href=\"javascript:x\">a</a>",
    "[x](javascript:alert(1))", "![i](https://evil.example/p.png)", "<https://evil.example>", "{{ 7*7 }}", "{% raw %}", "{#",
    "| a | b |", "# titre", "!!! danger", "{: onclick=alert(1) }", "{ .x onclick=y }", "<!--", "-->", "&lt;", "&#60;", "*", "_",
    "`", "\\", "---", "    code", "> cite", "1. ", "- ", "[^1]", "[1]: javascript:x", "\u200b", "\u202e", "é", "«", "»",
]
# Fields whose values are not free text get a valid value pointing into tests/data/valid.
REF_FOR = {"events": "2019-12-rencontre-precedente", "sources": "agence-2021-rencontre", "people": "jeanne-general",
           "organisations": "autre-journal", "places": "sampleville", "topics": "canal", "contradictions": "teneur-des-echanges"}
BASE_RAWS, BASE_DIAGS = load_dossier(DATA / "valid" / "dossier", DATA / "valid")
ENV = make_env()


def fill(ftype: s.FieldType, text: Callable[[bool, int], str]) -> Any:
    """A value for every field of a spec; text fields come from `text(multiline, max_len)`."""
    if isinstance(ftype, s.Text):
        return text(ftype.multiline, ftype.max_len)
    if isinstance(ftype, s.Struct):
        return {key: fill(spec.type, text) for key, spec in ftype.fields.items()}
    if isinstance(ftype, s.ListOf):
        return [fill(ftype.item, text) for _ in range(max(1, ftype.min_len))]
    if isinstance(ftype, s.Ref):
        return "nordland" if ftype.place_kind == "country" else REF_FOR[ftype.kinds[0]]
    if isinstance(ftype, s.ClaimRef):
        return "2021-09-22-rencontre/communique"
    if isinstance(ftype, s.Date):
        return "2021"
    if isinstance(ftype, s.Url):
        return "https://example.org/a?b=1&c=2"
    if isinstance(ftype, s.Enum):
        return next(iter(ftype.values))
    if isinstance(ftype, s.Number):
        return 0
    if isinstance(ftype, s.Slug):
        return "x"
    raise TypeError(ftype)


def records(texts: list[str]) -> list[RawRecord]:
    """One record of each kind, every field filled, text taken from `texts` in turn."""
    pool = iter(texts * 200)

    def text(multiline: bool, max_len: int) -> str:
        value = next(pool)
        return (value if multiline else value.replace("\n", " "))[:max_len]

    def without_refinements(value: object) -> object:
        """Every field filled, except outside refinements: "2021" cannot refine "2021"."""
        if isinstance(value, dict):
            return {k: without_refinements(v) for k, v in value.items() if not k.endswith("_outside")}
        if isinstance(value, list):
            return [without_refinements(v) for v in value]
        return value

    raws = []
    for kind, spec in s.KIND_SPECS.items():
        data = without_refinements(fill(spec, text))
        assert isinstance(data, dict)
        if kind == "sources":
            data["seed"] = "copie.txt"  # a file name, not free text (refused otherwise: bad-seed)
        if kind == "events":
            data["claims"][0]["id"] = "c"
            data["end_date"] = "2022"
        rid = f"hostile-{kinds.kind(kind).singular}"
        root, diags = parse_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), f"dossier/{kind}/{rid}.yaml")
        assert root is not None and not diags, diags
        raws.append(RawRecord(kind, rid, f"dossier/{kind}/{rid}.yaml", root))
    return raws


def check_inert(texts: list[str], must_accept: bool) -> None:
    assert not BASE_DIAGS
    valid, diagnostics = validate(BASE_RAWS + records(texts), TODAY)
    if diagnostics:
        assert not must_accept, [d.message for d in diagnostics][:5]
        assert all(d.path and d.line >= 1 and d.code for d in diagnostics)
        return
    dossier = build(valid)
    for path, page in render(dossier, ENV, LOCAL_URL + "dossier/").items():
        body, meta = get_data(page)  # as MkDocs reads it: front matter, then Markdown
        for key in ("title", "description"):  # printed unescaped by the theme: must be escaped already
            assert not set(str(meta.get(key, ""))) & set("<>\"'"), f"{path}: raw markup in front matter {key}"
        html = markdown.markdown(body, extensions=EXTENSIONS)
        live = live_markup(html)
        assert live is None, f"{path}: live markup {live!r}"
        assert html.count("<h1") == (1 if path.suffix == ".md" else 0), f"{path}: a text field made a heading"
    assert not re.search(r"[<>]", to_json(dossier, PurePosixPath("dossier")))


PRINTABLE = st.characters(categories=("L", "M", "N", "P", "S", "Zs"))
# Printable text whose quotation marks pair up (unpaired ones are refused: quotes.unbalanced).
CLEAN = st.lists(st.one_of(st.sampled_from([f for f in FRAGMENTS if f not in ("\u200b", "\u202e")] + ["« cité »", "“ cité ”"]), st.text(PRINTABLE, max_size=12)), min_size=1, max_size=5).map(lambda parts: "a" + "".join(parts)).map(lambda text: text if unbalanced(text) is None else re.sub(r'[«»“”"]', "", text))
ANY = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12), st.sampled_from(["\n", "\n\n", "\t", "\r"])), max_size=6).map("".join)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CLEAN, min_size=1, max_size=8))
def test_printable_text_is_accepted_and_inert(texts: list[str]) -> None:
    check_inert(texts, must_accept=True)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY, min_size=1, max_size=8))
def test_any_text_is_refused_or_inert(texts: list[str]) -> None:
    check_inert(texts, must_accept=False)
