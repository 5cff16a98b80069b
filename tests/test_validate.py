"""validate.py: each mistake gives one diagnostic with the right code, field and position."""
from __future__ import annotations

import datetime as dt

import pytest

from conftest import DATA, TODAY
from dossiergen.model import records as r
from dossiergen.model.load import RawRecord, load_dossier, parse_text
from dossiergen.model.validate import slugify, validate


def check(files: dict[str, str], today: dt.date = TODAY) -> tuple[list[r.Record], list]:
    """Validate the valid dossier plus extra files given as {"kind/id": yaml text}."""
    raws, diags = load_dossier(DATA / "valid" / "dossier", DATA / "valid")
    for key, text in files.items():
        kind, rid = key.split("/")
        root, more = parse_text(text, f"{key}.yaml")
        diags += more
        if root is not None:
            raws.append(RawRecord(kind, rid, f"{key}.yaml", root))
    records, more = validate(raws, today)
    return records, diags + more


def found(files: dict[str, str]) -> set[tuple[str, str]]:
    return {(d.code, d.field) for d in check(files)[1]}


EVENT = 'title: T\nkind: meeting\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'


def test_valid_dossier_has_no_diagnostics() -> None:
    records, diags = check({})
    assert diags == []
    assert len(records) == 17


def test_typed_values() -> None:
    records, _ = check({})
    event = next(rec for rec in records if isinstance(rec, r.Event) and rec.id == "2021-09-22-rencontre")
    assert event.date == r.PartialDate(2021, 9, 22)
    assert event.claims[1].sources[0] == r.SourceRef(r.RecordId("journal-2021-relais"), (r.RecordId("autre-journal"),), "dernier paragraphe")
    assert event.participants[1] == r.Participant(r.RecordId("paul-porte-parole"))
    person = next(rec for rec in records if isinstance(rec, r.Person) and rec.id == "jeanne-general")
    assert person.roles[0].start == r.PartialDate(2019) and person.roles[0].end == r.PartialDate(2021, 12)
    assert person.aliases[1] == r.Alias("Jeanne Générale")


def test_unknown_field_suggests_the_close_key() -> None:
    _, diags = check({"events/x": EVENT + "participnts: [jeanne-general]\n"})
    [d] = diags
    assert (d.code, d.field, d.line, d.col, d.suggestion) == ("unknown-field", "participnts", 7, 1, "participants")


def test_dangling_ref_suggests_the_close_id() -> None:
    _, diags = check({"events/x": EVENT.replace("agence-2021-rencontre", "agence-2021-rencontr")})
    [d] = diags
    assert (d.code, d.field, d.line, d.suggestion) == ("dangling-ref", "sources[0]", 6, "agence-2021-rencontre")


def test_ref_to_the_wrong_kind() -> None:
    _, diags = check({"events/x": EVENT + "places:\n  - place: gazette\n    basis: inferred\n    note: N\n"})
    [d] = diags
    assert d.code == "wrong-kind" and "organisation" in d.message


def test_country_must_be_a_country() -> None:
    assert ("wrong-kind", "country") in found({"places/x": "name: X\nkind: city\ncountry: sampleville\n"})


@pytest.mark.parametrize(
    ("value", "code"),
    [('"2021-02-30"', "bad-date"), ('"2021-13"', "bad-date"), ('"21-09-2021"', "bad-date"), ('"2021-9-2"', "bad-date"),
     ('"0999"', "bad-date"), ('"2099"', "future-date"), ("2021-09-22", None), ('"2024-02-29"', None), ('"2023-02-29"', "bad-date")],
)
def test_dates(value: str, code: str | None) -> None:
    diags = check({"events/x": EVENT.replace('"2021"', value)})[1]
    assert [d.code for d in diags] == ([code] if code else [])


def test_end_must_follow_start() -> None:
    assert ("end-before-start", "end_date") in found({"events/x": EVENT + 'end_date: "2020"\nend_date_basis: printed\n'})
    assert found({"events/x": EVENT + 'end_date: "2022"\nend_date_basis: printed\n'}) == set()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org", "http://", "https://exa mple.org", "//example.org/x", "data:text/html,hi", 'https://e.org/"onmouseover=x'])
def test_url_schemes(url: str) -> None:
    text = f"title: T\nlanguage: fr\nkind: article\nsummary: S\nurl: '{url}'\n"
    assert found({"sources/x": text}) == {("bad-url", "url")}


@pytest.mark.parametrize(("value", "shown"), [("no", "le booléen false"), ("yes", "le booléen true"), ("1.10", "le nombre 1.1"), ("2021", "le nombre 2021"), ("2021-09-22", "une date")])
def test_yaml_traps_on_text_fields(value: str, shown: str) -> None:
    _, diags = check({"topics/x": f"name: {value}\ndescription: D\n"})
    [d] = diags
    assert d.code == "yaml-trap" and shown in d.message and f'entre guillemets : "{value}"' in d.message


def test_quoted_trap_words_are_fine() -> None:
    assert found({"topics/x": 'name: "no"\ndescription: "1.10"\n'}) == set()


def test_missing_required_fields_are_all_reported() -> None:
    assert {f for c, f in found({"events/x": "title: T\n"}) if c == "missing-field"} == {"kind", "date", "summary", "sources"}


def test_enum_suggestion() -> None:
    _, diags = check({"events/x": EVENT.replace("meeting", "meeeting")})
    assert [(d.code, d.suggestion) for d in diags] == [("bad-enum", "meeting")]


def test_duplicate_claim_ids_and_claim_author_kind() -> None:
    claim = "  - id: a\n    by: {by}\n    kind: statement\n    text: T\n    sources: [agence-2021-rencontre]\n"
    text = EVENT + "claims:\n" + claim.format(by="jeanne-general") + claim.format(by="nordland")
    assert found({"events/x": text}) == {("duplicate-id", "claims[1].id"), ("wrong-kind", "claims[1].by")}


def test_self_reference_and_cycles() -> None:
    assert ("self-ref", "related[0]") in found({"events/x": EVENT + "related: [x]\n"})
    cycle = found({"organisations/a": "name: A\nkind: other\nparent: b\n", "organisations/b": "name: B\nkind: other\nparent: a\n"})
    assert ("cycle", "parent") in cycle


def test_a_source_note_may_cite_its_own_source() -> None:
    text = "title: T\nlanguage: fr\nkind: article\nsummary: S\nnotes:\n  - kind: error\n    text: N\n    sources: [x, agence-2021-rencontre]\n"
    assert found({"sources/x": text}) == set()


def test_description_needs_sources() -> None:
    assert found({"people/x": "name: X\ndescription: D\n"}) == {("unsourced", "description")}


@pytest.mark.parametrize("char", ["\u200b", "\u202e", "\u2066", "\x07", "\ufeff"])
def test_invisible_and_control_characters(char: str) -> None:
    text = f'name: "a{char!s}b"\ndescription: D\n'.encode("unicode_escape").decode().replace("\\n", "\n")
    assert found({"topics/x": text}) == {("bad-char", "name")}


def test_sizes_are_bounded() -> None:
    assert found({"topics/x": f"name: {'x' * 400}\ndescription: D\n"}) == {("too-long", "name")}
    many = "related: [" + ", ".join(["canal"] * 31) + "]\n"
    assert ("too-many", "related") in found({"topics/x": "name: X\ndescription: D\n" + many})


def test_duplicate_list_items() -> None:
    assert found({"events/x": EVENT + "places:\n  - place: nordland\n    basis: inferred\n    note: N\n  - place: nordland\n    basis: inferred\n    note: N\n"}) == {("duplicate-item", "places[1]")}


def test_bad_file_name_gets_a_slug_suggestion() -> None:
    _, diags = check({"events/Bad_Name": EVENT})
    assert [(d.code, d.suggestion) for d in diags] == [("bad-id", "bad-name.yaml")]


def test_slugify() -> None:
    assert slugify("Valéri Guérassimov") == "valeri-guerassimov"
    assert slugify("../../etc/passwd") == "etc-passwd"


CONTRA = """title: T
kind: tension
summary: S
sides:
  - label: A
    text: A
    claims: [{claim}]
    sources: [agence-2021-rencontre]
  - label: B
    text: B
    events: [2019-12-rencontre-precedente]
    sources: [agence-2021-rencontre]
"""


def test_claim_reference_resolves_to_a_claim_of_the_event() -> None:
    records, diags = check({"contradictions/x": CONTRA.format(claim="2021-09-22-rencontre/communique")})
    assert diags == []
    contra = next(rec for rec in records if isinstance(rec, r.Contradiction))
    assert contra.sides[0].claims == (r.ClaimKey(r.RecordId("2021-09-22-rencontre"), "communique"),)


def test_claim_reference_to_a_missing_claim_suggests_the_close_one() -> None:
    _, diags = check({"contradictions/x": CONTRA.format(claim="2021-09-22-rencontre/comunique")})
    [d] = diags
    assert (d.code, d.field, d.line, d.suggestion) == ("dangling-ref", "sides[0].claims[0]", 7, "2021-09-22-rencontre/communique")
    assert "n’a pas d’affirmation" in d.message


def test_claim_reference_to_a_missing_event() -> None:
    [d] = check({"contradictions/x": CONTRA.format(claim="2021-09-23-rencontre/communique")})[1]
    assert (d.code, d.field, d.suggestion) == ("dangling-ref", "sides[0].claims[0]", "2021-09-22-rencontre")


@pytest.mark.parametrize("claim", ["2021-09-22-rencontre", "2021-09-22-rencontre/", "a/b/c", "Rencontre/communique", "2021-09-22-rencontre#communique"])
def test_claim_reference_must_be_event_slash_claim(claim: str) -> None:
    assert found({"contradictions/x": CONTRA.format(claim=claim)}) == {("bad-ref", "sides[0].claims[0]")}


def test_a_side_must_name_claims_or_events() -> None:
    text = CONTRA.format(claim="2021-09-22-rencontre/communique").replace("    events: [2019-12-rencontre-precedente]\n", "")
    [d] = check({"contradictions/x": text})[1]
    assert (d.code, d.field, d.line) == ("empty-side", "sides[1]", 9)


def test_a_contradiction_needs_two_sides() -> None:
    text = CONTRA.format(claim="2021-09-22-rencontre/communique").split("  - label: B")[0]
    assert found({"contradictions/x": text}) == {("too-few", "sides")}


def test_via_may_not_loop_back_to_the_publisher() -> None:
    # journal-2021-relais is published by gazette: "selon la Gazette" on it is a loop.
    text = EVENT.replace("sources: [agence-2021-rencontre]", "sources:\n  - source: journal-2021-relais\n    via: [autre-journal, gazette]")
    [d] = check({"events/x": text})[1]
    assert (d.code, d.field, d.line, d.col) == ("provenance-loop", "sources[0].via[1]", 8, 26)


def test_a_period_ending_on_its_start_is_refused() -> None:
    assert found({"events/x": EVENT.replace('date: "2021"', 'date: "2021"\nend_date: "2021"\nend_date_basis: printed')}) == {("end-before-start", "end_date")}


def test_the_character_policy_is_the_unicode_properties_code_point_by_code_point():
    """charset.first_refused (a fast regex for common text, then look-ups) agrees on every code
    point with its definition: categories Cc (tab, and newline where allowed, excepted), Cf, Cs,
    Co, Cn, Zl, Zp, and Default_Ignorable_Code_Point."""
    import unicodedata

    from dossiergen.core import charset

    ignorable = {c for a, b in charset.DEFAULT_IGNORABLE for c in range(a, b + 1)}
    for code in range(0x110000):
        ch = chr(code)
        bad = (unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") or code in ignorable) and ch != "\t"
        assert (charset.first_refused("a" + ch + "a", False) is not None) == bad, f"U+{code:04X}"
        assert (charset.first_refused("a" + ch + "a", True) is not None) == (bad and ch != "\n"), f"U+{code:04X}"
    assert charset.first_refused("abc\u200bdef\x01", False) == "U+200B"  # the first one


@pytest.mark.parametrize("text, refused", [
    ("می\u200cخواهم", False),  # Persian: ZERO WIDTH NON-JOINER between two Arabic letters
    ("क्\u200dष", False),  # Devanagari: ZERO WIDTH JOINER between a mark and a letter
    ("ab\u200ccd", True),  # between Latin letters it only hides
    ("\u200cab", True), ("ab\u200c", True), ("a \u200d b", True),
    ("https://exa\u202emple.org/gpj.exe", True), ("Guérassimov – « Valeri » ’", False),
])
def test_joiners_only_where_a_script_needs_them(text: str, refused: bool) -> None:
    from dossiergen.core import charset

    assert (charset.first_refused(text, False) is not None) == refused


@pytest.mark.parametrize("name", ["\u3164", "\u115f\u1160", "\u2800\u2800", "\u0301\u0308", "\u3164 \u3164", "\uffa0"])
def test_a_name_that_shows_nothing_is_refused(name: str) -> None:
    codes = found({"people/x": f'name: "{name}"\n'})
    assert codes & {("empty", "name"), ("bad-char", "name")}, codes


@pytest.mark.parametrize("url", ["https://example.org/\u202egpj.exe", "https://example.org/a\u200bb", "https://exa\u00admple.org/"])
def test_urls_follow_the_same_policy(url: str) -> None:
    source = 'title: T\nlanguage: fr\nkind: other\nsummary: S\nurl: "{}"\n'
    assert ("bad-char", "url") in found({"sources/x": source.format(url)})


@pytest.mark.parametrize("url, reason", [
    ("http://127.0.0.1/a", "privé"), ("http://localhost/a", "domaine public"), ("http://[::1]/", "privé"),
    ("http://0x7f.1/", "privé"), ("http://2130706433/", "privé"), ("http://10.1.2.3/", "privé"),
    ("http://169.254.169.254/latest/meta-data", "privé"), ("http://192.168.0.1/", "privé"),
    ("https://user:secret@example.org/", "mot de passe"), ("https://example.org:8443/", "port"), ("http://nas.local/", "domaine public"),
])
def test_urls_must_be_public_web_addresses(url: str, reason: str) -> None:
    source = 'title: T\nlanguage: fr\nkind: other\nsummary: S\nurl: "{}"\n'
    _, diags = check({"sources/x": source.format(url)})
    [d] = diags
    assert d.code == "bad-url" and reason in d.message, d.message


def test_every_date_says_how_it_is_known() -> None:
    """A date without its basis, an outside refinement that does not refine, a deduction without reasoning: located errors."""
    _, diags = check({"events/x": EVENT.replace("date_basis: printed\n", "")})
    [d] = diags
    assert (d.code, d.field, d.line, d.col, d.suggestion) == ("missing-basis", "date", 3, 1, "date_basis: printed")
    assert found({"events/x": EVENT + 'date_outside: "2021-05"\n'}) == {("missing-note", "date_outside")}
    assert found({"events/x": EVENT + 'date_outside: "2022-05"\ndate_note: N\n'}) == {("bad-refinement", "date_outside")}
    assert found({"events/x": EVENT + 'date_outside: "2021"\ndate_note: N\n'}) == {("bad-refinement", "date_outside")}
    assert found({"events/x": EVENT.replace("date_basis: printed", "date_basis: deduced")}) == {("missing-note", "date_basis")}
    assert found({"events/x": EVENT.replace("date_basis: printed", "date_basis: outside") + 'date_outside: "2021-05"\ndate_note: N\n'}) == {("bad-refinement", "date_outside")}
    assert found({"events/x": EVENT.replace("date_basis: printed", "date_basis: hors-corpus")}) == {("bad-enum", "date_basis")}
    assert found({"events/x": EVENT + "end_date_basis: printed\n"}) == {("orphan-field", "end_date_basis")}
    assert found({"events/x": EVENT + 'date_outside: "2021-05-03"\ndate_printed: un lundi\ndate_note: N\n'}) == set()


def test_role_and_claim_dates_need_a_basis_too() -> None:
    person = 'name: X\nroles:\n  - title: T\n    attested: "2021"\n    sources: [agence-2021-rencontre]\n'
    assert found({"people/x": person}) == {("missing-basis", "roles[0].attested")}
    assert found({"people/x": person.replace('"2021"\n', '"2021"\n    attested_basis: outside\n')}) == {("missing-note", "roles[0].attested_basis")}
    claim = EVENT + 'claims:\n  - id: c\n    by: jeanne-general\n    kind: statement\n    date: "2021"\n    text: T\n    sources: [agence-2021-rencontre]\n'
    assert found({"events/x": claim}) == {("missing-basis", "claims[0].date")}


def test_event_places_say_how_they_are_known() -> None:
    place = EVENT + "places:\n  - place: nordland\n    basis: {basis}\n"
    assert found({"events/x": place.format(basis="named")}) == {("unsourced", "places[0].place")}
    assert found({"events/x": place.format(basis="inferred")}) == {("missing-note", "places[0].basis")}
    assert found({"events/x": place.format(basis="inferred") + "    note: N\n"}) == set()
    assert found({"events/x": EVENT + "places: [nordland]\n"}) == {("bad-type", "places[0]")}  # a mapping: place and basis


@pytest.mark.parametrize(("written", "meant"), [
    ("11/02/2022", "2022-02-11"), ("11.02.2022", "2022-02-11"), ("1-2-2022", "2022-02-01"), ("02/2022", "2022-02"),
    ("2022/02/11", "2022-02-11"), ("11 février 2022", "2022-02-11"), ("1er mars 2021", "2021-03-01"), ("février 2022", "2022-02"),
    ("22 sept. 2021", "2021-09-22"), ("31/02/2022", None), ("13/13/2022", None), ("hier", None),
])
def test_a_date_written_another_way_suggests_the_dossiers_form(written: str, meant: str | None) -> None:
    _, diags = check({"events/x": EVENT.replace('date: "2021"', f'date: "{written}"')})
    [d] = diags
    assert (d.code, d.field, d.suggestion) == ("bad-date", "date", meant)


@pytest.mark.parametrize(("written", "meant"), [
    ("réunion", "meeting"), ("Réunion", "meeting"), ("reunion", "meeting"), ("rencontre", "meeting"), ("appel", "phone-call"),
    ("entretien", "phone-call"), ("attentat", "attack"), ("opération", "military-operation"), ("meeeting", "meeting"),
    ("négociations", "negotiation"), ("xyzzy", None),
])
def test_a_french_word_for_a_closed_value_suggests_the_value(written: str, meant: str | None) -> None:
    _, diags = check({"events/x": EVENT.replace("kind: meeting", f"kind: {written}")})
    [d] = diags
    assert (d.code, d.field, d.suggestion) == ("bad-enum", "kind", meant)
    assert "meeting (rencontre)" in d.message  # each value with its meaning in French


def test_a_misspelt_field_hides_no_error_below_it() -> None:
    text = EVENT.replace("kind: meeting", "kidn: meeting").replace('date: "2021"', 'date: "11/09/2021"') + "related: [nulle-part]\n"
    _, diags = check({"events/x": text})
    assert {(d.code, d.field) for d in diags} == {("unknown-field", "kidn"), ("missing-field", "kind"), ("bad-date", "date"), ("dangling-ref", "related[0]")}


def test_an_organisation_article_is_one_of_four() -> None:
    org = "name: Département d’État\nkind: ministry\narticle: {}\n"
    records, diags = check({"organisations/x": org.format("le")})
    assert diags == [] and next(o for o in records if o.id == "x").article == "le"
    _, diags = check({"organisations/x": org.format("lé")})
    assert [(d.code, d.field) for d in diags] == [("bad-enum", "article")]
