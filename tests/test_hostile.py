"""Hostile records: each gives a diagnostic or inert text; never a crash, never live markup."""
from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path, PurePosixPath

import markdown
import pytest
from mkdocs.utils.meta import get_data

from conftest import DATA, SITE_EXTENSIONS, TODAY, live_markup
from dossiergen import cli, pipeline
from dossiergen.config import Settings
from dossiergen.core.errors import DossierError
from dossiergen.core.write import MARKER
from dossiergen.downloads.export import to_json

HOSTILE = DATA / "hostile"
# One attack a file (or a folder): `kind/name` under tests/data/hostile.
CASES = sorted(f"{kind.name}/{entry.name}" for kind in HOSTILE.iterdir() for entry in kind.iterdir())
# Valid YAML whose text must come out inert; every other case must be refused.
INERT = {
    "events/script-tag.yaml", "events/javascript-link.yaml", "events/image-beacon.yaml", "events/pipe-in-title.yaml",
    "events/block-starts.yaml", "events/jinja-in-text.yaml", "events/attr-list.yaml", "events/html-comment.yaml",
    "events/quote-with-html.yaml", "sources/url-with-markdown.yaml", "contradictions/script-in-sides.yaml",
}
# The diagnostic each refused case must get (more may follow), at the file and line given.
REFUSED = {
    "contradictions/claim-ref-traversal.yaml": ("bad-ref", 7),
    "contradictions/empty-side.yaml": ("empty-side", 5),
    "events/alias-bomb.yaml": ("yaml-alias", 1),
    "events/archive": ("stray-folder", 1),
    "events/byte-order-mark.yaml": ("bom", 1),
    "events/duplicate-claims.yaml": ("duplicate-id", 13),
    "events/duplicate-key.yaml": ("duplicate-key", 7),
    "events/empty.yaml": ("empty-file", 1),
    "events/end-before-start.yaml": ("end-before-start", 7),
    "events/february-30.yaml": ("bad-date", 5),
    "events/future-date.yaml": ("future-date", 5),
    "events/merge-key.yaml": ("yaml-alias", 8),
    "events/not-utf8.yaml": ("encoding", 1),
    "events/notes.txt": ("bad-extension", 1),
    "events/other-extension.yml": ("bad-extension", 1),
    "events/path-traversal.yaml": ("bad-ref", 7),
    "events/provenance-loop.yaml": ("provenance-loop", 8),
    "events/python-object.yaml": ("unsafe-tag", 1),
    "events/repeated-reference.yaml": ("duplicate-item", 7),
    "events/self-related.yaml": ("self-ref", 7),
    "events/tab-indent.yaml": ("yaml-tab", 8),
    "events/top-level-list.yaml": ("not-a-mapping", 1),
    "events/top-level-scalar.yaml": ("not-a-mapping", 1),
    "events/two-documents.yaml": ("yaml-syntax", 7),
    "events/wrong-kind-ref.yaml": ("wrong-kind", 8),
    "events/year-zero.yaml": ("bad-date", 5),
    "organisations/jeanne-general.yaml": ("duplicate-id", 1),
    "organisations/self-parent.yaml": ("self-ref", 3),
    "people/Jeanne-General.yaml": ("bad-id", 1),
    "people/control-char.yaml": ("bad-char", 1),
    "people/rtl-override.yaml": ("bad-char", 1),
    "people/zero-width.yaml": ("bad-char", 1),
    "places/coordinates-not-finite.yaml": ("bad-number", 3),
    "places/coordinates-out-of-range.yaml": ("bad-number", 3),
    "places/deep-nesting.yaml": ("too-deep", 1),
    "sources/data-url.yaml": ("bad-url", 5),
    "sources/javascript-url.yaml": ("bad-url", 5),
    "topics/huge-string.yaml": ("too-long", 2),
}


def with_case(root: Path, case: str) -> Settings:
    source, target = HOSTILE / case, root / "dossier" / case
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copy(source, target)
    return Settings.from_root(root, today=TODAY)


def test_every_case_is_classified() -> None:
    assert set(CASES) == INERT | set(REFUSED) and not INERT & set(REFUSED)


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_a_located_diagnostic(valid_root: Path, case: str) -> None:
    settings = with_case(valid_root, case)
    with pytest.raises(DossierError) as info:
        pipeline.generate(settings)
    code, line = REFUSED[case]
    assert (f"dossier/{case}", line, code) in {(d.path, d.line, d.code) for d in info.value.diagnostics}
    assert not settings.out_dir.exists()  # nothing written
    assert not Path("/tmp/pwned").exists()


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_check_command_names_file_and_line(valid_root: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    with_case(valid_root, case)
    assert cli.main(["--root", str(valid_root), "--today", TODAY.isoformat(), "check"]) == 1
    err = capsys.readouterr().err
    code, line = REFUSED[case]
    assert re.search(rf"^dossier/{re.escape(case)}:{line}:\d+: erreur\[{code}\]", err, re.M), err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", sorted(INERT))
def test_rendered_inert(valid_root: Path, case: str) -> None:
    settings = with_case(valid_root, case)
    dossier, pages = pipeline.pages(settings)
    for path, page in pages.items():
        text, meta = get_data(page)  # as MkDocs reads it: front matter apart
        for key in ("title", "description"):  # printed unescaped by the theme: must be escaped already
            assert not set(str(meta.get(key, ""))) & set("<>\"'"), f"{case}: raw markup in front matter {key} of {path}"
        html = markdown.markdown(text, extensions=SITE_EXTENSIONS)
        assert live_markup(html) is None, f"{case}: live markup in {path}: {live_markup(html)}"
        if path.suffix == ".md":  # not the home page's fragment, which has no heading
            assert "<h1" not in html.split("</h1>", 1)[1], f"{case}: a second heading 1 in {path}"
        assert "49" not in re.sub(r"\d{2,}", "", html) or "{{ 7*7 }}" not in text
    exported = to_json(dossier, settings.site_prefix)
    assert not re.search(r"[<>]", exported), f"{case}: raw < or > in the JSON export"


def test_export_keeps_the_text_while_inert(valid_root: Path) -> None:
    settings = with_case(valid_root, "events/script-tag.yaml")
    exported = to_json(pipeline.check(settings), settings.site_prefix)
    data = json.loads(exported)
    event = next(e for e in data["events"] if e["id"] == "script-tag")
    assert "<script>" in json.dumps(event, ensure_ascii=False)  # decoded, the text is unchanged
    assert "\\u003cscript\\u003e" in exported


def test_symlinks_are_refused(valid_root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("name: secret\nkind: city\n", encoding="utf-8")
    (valid_root / "dossier" / "places" / "secret.yaml").symlink_to(outside / "secret.yaml")
    shutil.rmtree(valid_root / "dossier" / "topics")
    (valid_root / "dossier" / "topics").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DossierError) as info:
        pipeline.check(Settings.from_root(valid_root, today=TODAY))
    found = {(d.path, d.code) for d in info.value.diagnostics}
    assert {("dossier/places/secret.yaml", "symlink"), ("dossier/topics", "symlink")} <= found


def test_a_huge_file_is_refused_before_reading(valid_root: Path) -> None:
    big = valid_root / "dossier" / "events" / "huge.yaml"
    with big.open("wb") as f:
        f.write(b"title: T\nsummary: " + b"x" * (30 * 1024 * 1024) + b"\n")
    start = time.perf_counter()
    with pytest.raises(DossierError) as info:
        pipeline.check(Settings.from_root(valid_root, today=TODAY))
    assert time.perf_counter() - start < 10  # a safety bound, not a benchmark
    assert [(d.path, d.line, d.code) for d in info.value.diagnostics] == [("dossier/events/huge.yaml", 1, "too-large")]


def test_alias_bomb_is_answered_within_seconds(valid_root: Path) -> None:
    laughs = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 12))
    (valid_root / "dossier" / "events" / "laughs.yaml").write_text('l0: &l0 "lol"\n' + laughs, encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DossierError) as info:
        pipeline.check(Settings.from_root(valid_root, today=TODAY))
    assert time.perf_counter() - start < 10  # 9**11 expansions if anything expanded them
    assert any(d.code == "yaml-alias" and d.path == "dossier/events/laughs.yaml" for d in info.value.diagnostics)


def test_a_failed_check_leaves_the_previous_pages(valid_root: Path) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    pipeline.generate(settings)
    before = {p: p.read_bytes() for p in settings.out_dir.rglob("*") if p.is_file()}
    with_case(valid_root, "events/duplicate-key.yaml")
    (valid_root / "dossier" / "events" / "2021-09-22-rencontre.yaml").write_text(
        (valid_root / "dossier" / "events" / "2021-09-22-rencontre.yaml").read_text(encoding="utf-8").replace("Rencontre à Sampleville", "Nouveau titre"),
        encoding="utf-8",
    )
    with pytest.raises(DossierError):
        pipeline.generate(settings)
    assert {p: p.read_bytes() for p in settings.out_dir.rglob("*") if p.is_file()} == before


def test_an_interrupted_generation_leaves_no_partial_file(valid_root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings.from_root(valid_root, today=TODAY)
    _, pages = pipeline.pages(settings)
    import os

    real_replace = os.replace
    calls = {"n": 0}

    def flaky(src: str, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt  # Ctrl-C between writing a temporary file and renaming it
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(KeyboardInterrupt):
        pipeline.generate(settings)
    monkeypatch.undo()
    files = [p for p in settings.out_dir.rglob("*") if p.is_file() and p.name != MARKER]
    assert files and not [p for p in settings.out_dir.rglob("*") if p.suffix == ".tmp"]
    for p in files:  # every file that exists is whole
        assert p.read_text(encoding="utf-8") == pages[PurePosixPath(p.relative_to(settings.out_dir).as_posix())]
    pipeline.generate(settings)  # the next run completes the tree
    assert len([p for p in settings.out_dir.rglob("*") if p.is_file() and p.name != MARKER]) == len(pages)


def test_two_runs_give_identical_bytes(tmp_path: Path) -> None:
    trees = []
    for name in ("a", "b"):
        root = tmp_path / name
        shutil.copytree(DATA / "valid" / "dossier", root / "dossier")
        settings = Settings.from_root(root, today=TODAY)
        pipeline.generate(settings)
        trees.append({p.relative_to(settings.out_dir): p.read_bytes() for p in settings.out_dir.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]


def test_inert_text_is_still_shown(valid_root: Path) -> None:
    _, pages = pipeline.pages(with_case(valid_root, "events/jinja-in-text.yaml"))
    html = markdown.markdown(next(t for p, t in pages.items() if p.name == "jinja-in-text.md"), extensions=["attr_list"])
    assert "{{ 7*7 }}" in html and "{% for x in range(9) %}" in html


def test_table_rows_survive_pipes(valid_root: Path) -> None:
    _, pages = pipeline.pages(with_case(valid_root, "events/pipe-in-title.yaml"))
    index = next(t for p, t in pages.items() if p.as_posix() == "evenements/index.md")
    html = markdown.markdown(index, extensions=["tables"])
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    assert all(row.count("<td>") == 4 for row in rows[1:])
