"""Pages converted beside MkDocs (workers.FromTheEnd, the hook's _Converted): a forked copy of
MkDocs' process converts the pages from the last while MkDocs goes on from the first; each item
is done once, a failure over there is done again here, and the site is the same, byte for byte,
with the same messages in the same order."""
from __future__ import annotations

import os
import re
import shutil
import threading
import time
from pathlib import Path

import pytest

from conftest import DATA, make_project, mkdocs_build
from dossiergen.core import workers


def _square(i: int) -> tuple[int, int]:
    time.sleep(0.01)
    return i * i, os.getpid()


def _take_all(work: workers.FromTheEnd[tuple[int, int]], n: int, own: workers.Callable[[int], tuple[int, int]] = _square) -> list[tuple[int, int]]:
    try:
        return [work.take(i) or own(i) for i in range(n)]
    finally:
        work.close()


def test_each_item_is_done_once_from_both_ends() -> None:
    n = 60
    done = _take_all(workers.FromTheEnd(n, _square, lambda: True), n)
    assert [value for value, _ in done] == [i * i for i in range(n)]
    there = [i for i, (_, pid) in enumerate(done) if pid != os.getpid()]
    assert there and there == list(range(there[0], n))  # the last items, over there
    assert there[0] > 0  # and the first, here


def test_the_forked_process_waits_until_an_item_is_ready() -> None:
    n = 20
    done = _take_all(workers.FromTheEnd(n, _square, lambda: False), n)
    assert done == [(i * i, os.getpid()) for i in range(n)]  # never ready: all done here, and close does not hang


def _fails_at(k: int, i: int) -> tuple[int, int]:
    if i == k:
        raise ValueError("boom")
    return _square(i)


def test_an_item_that_failed_over_there_is_done_here() -> None:
    n = 40
    done = _take_all(workers.FromTheEnd(n, lambda i: _fails_at(n - 2, i), lambda: True), n)
    assert [value for value, _ in done] == [i * i for i in range(n)]
    assert done[n - 1][1] != os.getpid() and done[n - 2][1] == os.getpid()


def test_the_items_of_a_process_that_died_are_done_here() -> None:
    n = 40
    done = _take_all(workers.FromTheEnd(n, lambda i: os._exit(3) if i == n - 3 else _square(i), lambda: True), n)
    assert [value for value, _ in done] == [i * i for i in range(n)]
    assert all(pid == os.getpid() for _, pid in done[: n - 2])  # what it made before may be lost with it


def test_every_item_is_done_here_where_forking_is_unsafe(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # as under `mkdocs serve`
    n = 10
    work = workers.FromTheEnd(n, _square, lambda: True)
    assert [work.take(i) for i in range(n)] == [None] * n


# A second hook for the test project: it slows MkDocs' own conversions (so that the process beside
# takes part whatever the machine), and changes one page's Markdown after it is read, as a plug-in
# may: that page is converted again by MkDocs.
SLOW_HOOK = '''
import time

def on_page_markdown(markdown, page, config, files):
    time.sleep(0.05)
    if page.file.src_uri == "methode.md":
        return markdown + "\\n\\nParagraphe ajouté par un greffon.\\n"
    return markdown
'''


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and "pagefind" not in p.parts}


@pytest.mark.slow
def test_pages_converted_beside_mkdocs_give_the_same_site(tmp_path: Path) -> None:
    dossier = tmp_path / "dossier"
    shutil.copytree(DATA / "valid" / "dossier", dossier)
    sites, logs, converted = [], [], []
    for beside in (True, False):
        project = make_project(tmp_path / f"project-{beside}", dossier)
        (project / "slow_hook.py").write_text(SLOW_HOOK, encoding="utf-8")
        config = (project / "mkdocs.yml").read_text(encoding="utf-8")
        config = config.replace("  - scripts/mkdocs_hooks.py\n", "  - scripts/mkdocs_hooks.py\n  - slow_hook.py\n")
        config = config.replace("    unrecognized_links: warn\n", "    unrecognized_links: info\n")
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
        # Messages while converting (a link MkDocs leaves as it is), on the first page and the last.
        page = project / "docs" / "contribuer.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n\nVoir aussi [le dossier](dossier/).\n", encoding="utf-8")
        (project / "docs" / "zz").mkdir()
        (project / "docs" / "zz" / "annexe.md").write_text("# Compléments du dossier\n\nVoir [le dossier](../dossier/).\n\n## Suite\n\nFin.\n", encoding="utf-8")
        if not beside:
            hook = project / "scripts" / "mkdocs_hooks.py"
            text = hook.read_text(encoding="utf-8")
            assert "_converted[\"now\"] = _Converted(" in text
            hook.write_text(text.replace("_converted[\"now\"] = _Converted(", "(lambda *a: None)("), encoding="utf-8")
        result = mkdocs_build(project, project / "site")
        log = result.stdout + result.stderr
        assert result.returncode == 0, log[-3000:]
        sites.append(_files(project / "site"))
        logs.append([line for line in log.splitlines() if "Doc file" in line])
        converted.append(re.search(r"(\d+) of (\d+) pages converted beside MkDocs", log))
    assert converted[1] is None
    assert converted[0] and 0 < int(converted[0].group(1)) < int(converted[0].group(2)), logs
    assert sorted(sites[0]) == sorted(sites[1])
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []
    assert "Paragraphe ajouté par un greffon." in sites[0]["methode/index.html"].decode("utf-8")
    assert logs[0] == logs[1], logs
    assert [re.sub(r"^.*Doc file '([^']+)'.*$", r"\1", line) for line in logs[0]] == ["contribuer.md", "zz/annexe.md"]
