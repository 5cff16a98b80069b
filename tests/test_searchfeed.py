"""searchfeed.py: pages handed to Pagefind's service one by one give the index the command gives."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from dossiergen.searchfeed import FeedFailed, SearchFeed, indexed_part

PAGE = """<!doctype html>
<html lang="fr" class="no-js"><head><meta charset="utf-8"><title>{title} - Dossier</title></head>
<body><header>Menu du site</header><nav>Navigation</nav>
<article class="md-content__inner md-typeset">
  <div data-pagefind-body>
    <span hidden data-pagefind-meta="kind:{kind}"></span>
    <h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1>
    <p>{text}</p>
  </div>
</article>
<footer>Pied de page</footer></body></html>
"""
PAGES = {
    "dossier/personnes/guerassimov/index.html": PAGE.format(title="Valeri Guérassimov", kind="Personne", text="Chef d’état-major russe."),
    "dossier/lieux/helsinki/index.html": PAGE.format(title="Helsinki", kind="Lieu", text="Rencontre des chefs d’état-major."),
    "contribuer/index.html": "<!doctype html><html lang=\"fr\"><head><title>Contribuer</title></head><body><article>Guide</article></body></html>",
}


def _fragments(folder: Path) -> dict[str, dict[str, object]]:
    out = {}
    for path in (folder / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[data["url"]] = data
    return out


def test_the_indexed_part_keeps_the_language_the_title_and_the_body_only() -> None:
    part = indexed_part(PAGES["dossier/lieux/helsinki/index.html"])
    assert part is not None
    assert part.startswith('<!doctype html><html lang="fr" class="no-js"><head><title>Helsinki - Dossier</title></head><body><div data-pagefind-body>')
    assert "Rencontre des chefs" in part and "Menu du site" not in part and "Pied de page" not in part and "Navigation" not in part
    assert indexed_part(PAGES["contribuer/index.html"]) is None


def test_a_fed_index_holds_the_same_pages_as_the_command_s(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, html in PAGES.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    feed = SearchFeed()
    try:
        added = [feed.add("/" + name.removesuffix("index.html"), html) for name, html in PAGES.items()]
        assert added == [True, True, False] and feed.pages == 2
        waited = feed.write(tmp_path / "fed")
    finally:
        feed.close()
    assert waited >= 0 and (tmp_path / "fed" / "pagefind.js").is_file()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(tmp_path / "cli"),
                    "--exclude-selectors", ".headerlink", "--quiet"], check=True)
    fed, cli = _fragments(tmp_path / "fed"), _fragments(tmp_path / "cli")
    assert set(fed) == {"/dossier/personnes/guerassimov/", "/dossier/lieux/helsinki/"}
    assert fed == cli
    assert sorted(p.name for p in (tmp_path / "fed" / "fragment").iterdir()) == sorted(p.name for p in (tmp_path / "cli" / "fragment").iterdir())
    assert "¶" not in json.dumps(fed, ensure_ascii=False)  # the heading's link is not text


def test_a_failed_write_is_said_and_the_service_always_ends(tmp_path: Path) -> None:
    in_the_way = tmp_path / "a-file"
    in_the_way.write_text("", encoding="utf-8")
    feed = SearchFeed()
    try:
        feed.add("/a/", PAGES["dossier/lieux/helsinki/index.html"])
        with pytest.raises(FeedFailed):
            feed.write(in_the_way / "pagefind")
    finally:
        feed.close()
    assert feed._process.poll() is not None
    unused = SearchFeed()
    unused.close()  # a build that failed before writing: nothing is left running
    assert unused._process.poll() is not None
