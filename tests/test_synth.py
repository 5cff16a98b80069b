"""benchmarks/synth.py: a synthetic dossier that is valid, realistic, deterministic and in canonical layout."""
from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from benchmarks import synth
from conftest import TODAY
from dossiergen.cli import main
from dossiergen.config import Settings
from dossiergen.model.records import KINDS
from dossiergen.model.similar import THRESHOLD, WORD_THRESHOLD, normalise, similarity
from dossiergen.pipeline import review

EVENTS = 200


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    root = tmp_path_factory.mktemp("synth")
    return root, synth.synthesize(root, EVENTS, seed=3)


@pytest.fixture(scope="module")
def records(generated: tuple[Path, dict[str, int]]) -> dict[str, dict[str, dict]]:
    """Every record as YAML reads it, by kind and id."""
    root = generated[0]
    return {kind: {f.stem: yaml.safe_load(f.read_text(encoding="utf-8")) for f in sorted((root / "dossier" / kind).glob("*.yaml"))}
            for kind in KINDS}


def tree(root: Path) -> dict[str, bytes]:
    return {f.relative_to(root).as_posix(): f.read_bytes() for f in sorted((root / "dossier").rglob("*")) if f.is_file()}


def test_counts_follow_the_proportions(generated: tuple[Path, dict[str, int]], records: dict[str, dict[str, dict]]) -> None:
    _, counts = generated
    assert {kind: len(records[kind]) for kind in KINDS} == {kind: counts[kind] for kind in KINDS}
    assert counts["events"] == EVENTS
    assert counts["sources"] == EVENTS // 2
    assert counts["people"] == EVENTS // 3
    assert counts["organisations"] == EVENTS // 8 + len(synth.OUTLETS)
    assert counts["places"] == EVENTS // 10 + len(synth.COUNTRIES) + len(synth.REGIONS)
    assert counts["topics"] == 12 + EVENTS // 250
    assert counts["contradictions"] == EVENTS // 50
    claims = [c for e in records["events"].values() for c in e.get("claims", [])]
    assert len(claims) == counts["claims"]
    assert 1.3 * EVENTS <= len(claims) <= 1.8 * EVENTS
    per_event = [len(e.get("claims", [])) for e in records["events"].values()]
    assert min(per_event) == 0 and max(per_event) == 4
    assert sum(1 for c in claims if c.get("quote")) / len(claims) == pytest.approx(0.5, abs=0.1)
    noted = sum(1 for e in records["events"].values() if e.get("notes")) / EVENTS
    assert noted == pytest.approx(0.2, abs=0.08)
    noted = sum(1 for s in records["sources"].values() if s.get("notes")) / counts["sources"]
    assert 0.25 <= noted <= 0.55  # 30 % with notes, plus notes on translated titles
    precision = defaultdict(int)
    for event in records["events"].values():
        precision[event["date"].count("-")] += 1
    assert precision[2] / EVENTS == pytest.approx(0.7, abs=0.1) and precision[1] and precision[0]
    assert any(e.get("end_date") for e in records["events"].values())
    countries = [p for p in records["places"].values() if p["kind"] == "country"]
    assert len(countries) == len(synth.COUNTRIES) and all(p.get("coordinates") for p in countries)
    outlets = [o for o in records["organisations"].values() if o.get("affiliation")]
    assert len(outlets) == len(synth.OUTLETS)


def test_valid_without_warnings(generated: tuple[Path, dict[str, int]]) -> None:
    root, counts = generated
    dossier, warnings = review(Settings.from_root(root, today=TODAY))
    assert warnings == []
    assert len(dossier.claims()) == counts["claims"]
    assert {kind: len(dossier.records[kind]) for kind in dossier.records} == {kind: counts[kind] for kind in KINDS}


def test_formatted_as_dossier_fmt_writes(generated: tuple[Path, dict[str, int]]) -> None:
    assert main(["--root", str(generated[0]), "fmt", "--check"]) == 0


def test_same_seed_same_bytes_other_seed_other_dossier(tmp_path: Path) -> None:
    synth.synthesize(tmp_path / "a", 120, seed=5)
    synth.synthesize(tmp_path / "b", 120, seed=5)
    synth.synthesize(tmp_path / "c", 120, seed=6)
    a, b, c = tree(tmp_path / "a"), tree(tmp_path / "b"), tree(tmp_path / "c")
    assert a == b
    assert a != c
    assert set(a) != set(c)  # not only the text: other ids, other people


def test_french_text_with_accents_quotes_and_variants(records: dict[str, dict[str, dict]]) -> None:
    summaries = [e["summary"] for e in records["events"].values()]
    assert sum(1 for s in summaries if "’" in s) > EVENTS // 4
    for letter in "éèàç":
        assert any(letter in s for s in summaries), letter
    assert any("«" in s and "»" in s for s in summaries)
    assert all(2 <= len(re.findall(r"\.(?: |$)", s)) <= 5 for s in summaries)
    for kind, records_of_kind in records.items():  # plain prose: no Markdown or HTML
        for record in records_of_kind.values():
            text = yaml.safe_dump(record, allow_unicode=True)
            assert "<" not in text and "**" not in text and "](" not in text, (kind, record)
    people = records["people"].values()
    aliases = [(p["name"], a["name"]) for p in people for a in p.get("aliases", [])]
    assert any(synth.strip_accents(name) == alias != name for name, alias in aliases)  # Sergueï / Serguei
    assert any(normalise(name) != normalise(alias) for name, alias in aliases)  # Kouznetsov / Kuznetsov
    assert all(a.get("sources") for p in people for a in p.get("aliases", []))
    assert all(role["sources"] for p in people for role in p["roles"])
    sources = records["sources"].values()
    assert all(s["url"].startswith("https://") and ".example/" in s["url"] for s in sources)
    assert any(s.get("archive_url", "").startswith("https://web.archive.org/web/") for s in sources)
    assert any(s.get("agency") for s in sources) and any(s.get("outlet") for s in sources)
    cites = [c for e in records["events"].values() for c in e["sources"]]
    assert any(isinstance(c, dict) and c.get("via") for c in cites)


def test_contradictions_cite_existing_claims(records: dict[str, dict[str, dict]]) -> None:
    claims = {f"{eid}/{c['id']}" for eid, e in records["events"].items() for c in e.get("claims", [])}
    cited = [ref for c in records["contradictions"].values() for side in c["sides"] for ref in side.get("claims", [])]
    assert cited and set(cited) <= claims
    for contradiction in records["contradictions"].values():
        assert 2 <= len(contradiction["sides"]) <= 3
        for side in contradiction["sides"]:
            assert side.get("claims") or side.get("events")
            assert side["sources"]


def test_ids_are_slugs_named_after_the_records(records: dict[str, dict[str, dict]]) -> None:
    ids = [rid for kind in KINDS for rid in records[kind]]
    assert len(ids) == len(set(ids))
    assert all(len(rid) <= 80 for rid in ids)
    for rid, event in records["events"].items():
        assert rid.startswith(event["date"][:4]), rid
        if not event.get("end_date"):
            assert rid.startswith(event["date"] + "-")


def test_main_writes_a_valid_dossier_and_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "synthetic"
    assert synth.main(["--events", "30", "--out", str(out), "--seed", "7"]) == 0
    assert capsys.readouterr().out.startswith("ok: 30 events, ")
    assert main(["--root", str(out), "--today", TODAY.isoformat(), "check"]) == 0
    before = sorted(p.read_bytes() for p in out.rglob("*.yaml"))
    assert synth.main(["--events", "30", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.read_bytes() for p in out.rglob("*.yaml")) == before
    assert synth.main(["--out", str(out)]) == 2  # --events is required


def test_refuses_a_dossier_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "dossier").mkdir()
    (tmp_path / "dossier" / "notes.txt").write_text("à garder\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not empty"):
        synth.synthesize(tmp_path, 10)
    assert [f.name for f in (tmp_path / "dossier").iterdir()] == ["notes.txt"]
    with pytest.raises(ValueError):
        synth.synthesize(tmp_path / "other", 0)
    (tmp_path / "empty" / "dossier").mkdir(parents=True)
    assert synth.synthesize(tmp_path / "empty", 10)["events"] == 10


# --- the name lists: why no two records are ever near-duplicates ----------------------


def _ratio(a: str, b: str) -> float:
    """difflib's ratio, the greater of both orders (it is not symmetric); 0 when even its upper bounds are low."""
    matcher = difflib.SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < WORD_THRESHOLD or matcher.quick_ratio() < WORD_THRESHOLD:
        return 0.0
    return max(matcher.ratio(), difflib.SequenceMatcher(None, b, a).ratio())


def _close(a: str, b: str) -> bool:
    """similar.py's word test, both ways: each word of the shorter name has a close word in the other."""
    def one_way(x: list[str], y: list[str]) -> bool:
        return all(any(_ratio(w, o) >= WORD_THRESHOLD for o in y) for w in x)
    wa, wb = a.split(), b.split()
    return one_way(*sorted((wa, wb), key=len)) or one_way(*sorted((wb, wa), key=len))


def _families(part: int) -> list[tuple[str, str, list[str]]]:
    """(culture, family, normalised spellings) of every first name (part 0) or surname (part 1)."""
    out = []
    for culture, lists in synth.CULTURES.items():
        for family in lists[part].split(" "):
            spellings = family.rstrip("*!").split("/")
            if part == 1 and culture in synth.FEMININE_SURNAMES and not family.endswith("!"):
                spellings += [synth.feminine(s, culture) for s in spellings]
            out.append((culture, family, sorted({normalise(s) for s in spellings})))
    return out


def test_name_families_are_never_close() -> None:
    """Two people share at most a first name or a surname, never both; so they never score as duplicates."""
    for part in (0, 1):
        families = _families(part)
        vocabulary = {key for _, _, keys in families for key in keys}
        assert len(vocabulary) == sum(len(keys) for _, _, keys in families)  # no spelling in two families
        for (_, a, keys_a), (_, b, keys_b) in itertools.combinations(families, 2):
            assert not any(_close(ka, kb) for ka in keys_a for kb in keys_b), (a, b)


def test_close_first_name_and_surname_never_pair() -> None:
    """Grigori Grigoriev would read as a near-duplicate of any other Grigoriev: such pairs are listed and skipped."""
    found = set()
    for culture, (firsts, lasts) in synth.CULTURES.items():
        for first in firsts.split(" "):
            first_keys = [normalise(s) for s in first.rstrip("*").split("/")]
            for last in lasts.split(" "):
                spellings = last.rstrip("!").split("/")
                if first.endswith("*") and culture in synth.FEMININE_SURNAMES:
                    spellings += [synth.feminine(s, culture) for s in spellings]
                if any(_close(f, normalise(s)) for f in first_keys for s in spellings):
                    found.add(f"{first.rstrip('*').split('/')[0]}:{last.rstrip('!').split('/')[0]}")
    assert found == synth.CLOSE_PAIRS


def test_places_and_organisations_never_close_even_at_full_size() -> None:
    """Every place and organisation the lists can give (1,300 names, 4,800 names), against similar.py."""
    full = synth.Synth(10**6, 1)
    full.build_places()
    full.build_orgs()
    groups = {
        "places": [(p.id, n) for p in full.regions + list(full.country_places.values()) + full.places for n in [p.name, *p.aliases]],
        "organisations": [(o.id, n) for o in full.outlets + full.orgs for n in [o.name, *o.aliases]],
    }
    assert len(full.places) > 1000 and len(full.orgs) > 4000
    for kind, names in groups.items():
        keys = [(rid, normalise(text)) for rid, text in names]
        # Only names whose every word has a close word in the other can score: index by word.
        vocabulary = sorted({w for _, key in keys for w in key.split()})
        near = {w: {w} for w in vocabulary}
        for a, b in itertools.combinations(vocabulary, 2):
            if _ratio(a, b) >= WORD_THRESHOLD:
                near[a].add(b)
                near[b].add(a)
        having: dict[str, set[int]] = defaultdict(set)
        for i, (_, key) in enumerate(keys):
            for word in key.split():
                having[word].add(i)
        for i, (rid, key) in enumerate(keys):
            candidates = set.intersection(*(set().union(*(having[x] for x in near[w])) for w in key.split()))
            for j in candidates:
                other, other_key = keys[j]
                if j > i and other != rid:
                    assert max(similarity(key, other_key), similarity(other_key, key)) < THRESHOLD, (kind, names[i], names[j])


# --- rendering at size: forked workers that write as they go ----------------------------


def test_workers_write_the_same_pages_as_one_process(generated: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 200 events (over 400 record pages) the pages are rendered by forked workers, which
    write each page themselves: the files are those one process renders, byte for byte, and
    a second build rewrites nothing."""
    import os
    import shutil
    import threading

    from dossiergen import pipeline
    from dossiergen.core.workers import worker_count
    from dossiergen.pages import render

    root = tmp_path / "project"
    shutil.copytree(generated[0] / "dossier", root / "dossier")
    settings = Settings.from_root(root, today=TODAY)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # two workers even on a one-core machine
    assert threading.active_count() == 1 and worker_count(sum(generated[1][k] for k in KINDS), render.PARALLEL_FROM) == 2

    with monkeypatch.context() as one:
        one.setattr(render, "PARALLEL_FROM", 10**9)
        _, alone = pipeline.pages(settings)
    stale = settings.out_dir / "evenements" / "disparu.md"
    stale.parent.mkdir(parents=True)
    (settings.out_dir / ".generated-by-dossiergen").write_text("x\n", encoding="utf-8")
    stale.write_text("une page d’un événement supprimé\n", encoding="utf-8")

    first = pipeline.generate(settings)
    on_disk = {f.relative_to(settings.out_dir).as_posix(): f.read_text(encoding="utf-8") for f in sorted(settings.out_dir.rglob("*")) if f.is_file() and not f.name.startswith(".")}
    assert on_disk == {str(path): text for path, text in alone.items()}
    assert (first.stats.written, first.stats.unchanged, first.stats.removed) == (len(alone), 0, 1)
    again = pipeline.generate(settings)
    assert (again.stats.written, again.stats.unchanged, again.stats.removed) == (0, len(alone), 0)
