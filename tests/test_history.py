"""The records' history: one `git log` parsed into each record's changes, shown on its page, in the
journal and in the feed, and the fallback when git, the repository or its history is missing.

Fixture repositories are made in tmp_path with fixed author and committer dates, so every
expectation is exact."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path, PurePosixPath

import pytest
from mkdocs.utils.meta import get_data

from conftest import DATA, TODAY
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.gitlog import read_history
from dossiergen.model.history import LOG_FORMAT, RS, US, Change, parse_log
from dossiergen.pages.history import counted, site_updated

REPO = "https://github.com/exemple/dossier"
ATOM = "{http://www.w3.org/2005/Atom}"
UTC = dt.timezone.utc


def git(root: Path, *args: str, date: str = "2026-01-05T10:00:00+01:00") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")} | {
        "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "test@example.org", "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout.strip()


def commit(root: Path, message: str, date: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def touch(path: Path) -> None:
    """An edit that keeps the record valid: a comment line."""
    path.write_text(path.read_text(encoding="utf-8") + "# relu\n", encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The valid dossier in a git repository: created, then a correction, then an older event edited."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "valid" / "dossier", root / "dossier")
    git(root, "init", "-q", "-b", "main")
    commits = {"create": commit(root, "Add the records", "2026-01-05T10:00:00+01:00")}
    touch(root / "dossier/sources/agence-2021-rencontre.yaml")
    commits["fix"] = commit(root, "Fix the publication date\n\nCorrection : date de publication rectifiée.\n", "2026-02-10T12:00:00+00:00")
    touch(root / "dossier/events/2019-12-rencontre-precedente.yaml")
    commits["event"] = commit(root, "Reread the 2019 meeting\n\nJournal : relecture de la rencontre de 2019.", "2026-03-01T08:30:00+00:00")
    return root, commits


def settings_of(root: Path, repo_url: str | None = REPO) -> Settings:
    return Settings.from_root(root, today=TODAY, repo_url=repo_url)


def test_parse_log_follows_renames_and_reads_lines_for_readers() -> None:
    def entry(commit: str, date: str, message: str, *files: str) -> str:
        return f"{RS}{commit}{US}{date}{US}{message}{US}\0\n" + "".join(f"{f}\0" for f in files)

    text = (
        entry("c3", "2026-03-01T09:00:00+01:00", "Rename\n\nJournal : identifiant  plus clair.\n", "R100", "dossier/people/a.yaml", "dossier/people/b.yaml")
        + entry("c2", "2026-02-01T00:00:00+00:00", "Fix\n\nCorrection : nom corrigé.", "M", "dossier/people/a.yaml", "D", "dossier/people/old.yaml")
        + entry("c1", "2026-01-01T00:00:00+00:00", "Add", "A", "dossier/people/a.yaml", "A", "dossier/people/old.yaml")
    )
    history = parse_log(text)
    assert history.state == "ok" and sorted(history.changes) == ["dossier/people/b.yaml", "dossier/people/old.yaml"]
    b = history.of("dossier/people/b.yaml")
    assert [(c.commit, c.status, c.path, c.note, c.correction) for c in b] == [
        ("c3", "renamed", "dossier/people/b.yaml", "identifiant plus clair.", False),
        ("c2", "modified", "dossier/people/a.yaml", "nom corrigé.", True),
        ("c1", "added", "dossier/people/a.yaml", "", False),
    ]
    assert b[0].renamed_from == "dossier/people/a.yaml" and b[0].when == dt.datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert history.latest() == dt.datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    assert [(path, c.commit) for path, c in history.recent(2)] == [("dossier/people/b.yaml", "c3"), ("dossier/people/old.yaml", "c2")]
    assert parse_log("").changes == {} and parse_log("garbage").changes == {}


def test_log_format_is_one_pass() -> None:
    assert LOG_FORMAT == "--format=\x1e%H\x1f%cI\x1f%B\x1f"


def test_renames_are_followed_in_a_real_repository(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "dossier" / "people").mkdir(parents=True)
    (root / "dossier/people/a.yaml").write_text("name: A\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    first = commit(root, "Add", "2026-01-01T00:00:00+00:00")
    git(root, "mv", "dossier/people/a.yaml", "dossier/people/b.yaml")
    second = commit(root, "Rename", "2026-01-02T00:00:00+00:00")
    history = read_history(root, root / "dossier")
    assert [(c.commit, c.status, c.path) for c in history.of("dossier/people/b.yaml")] == [
        (second, "renamed", "dossier/people/b.yaml"), (first, "added", "dossier/people/a.yaml")]
    assert history.of("dossier/people/a.yaml") == ()


def test_each_record_page_lists_its_changes(repo: tuple[Path, dict[str, str]]) -> None:
    root, commits = repo
    dossier, pages = pipeline.pages(settings_of(root))
    assert dossier.history.state == "ok"
    source = pages[PurePosixPath("sources/agence-2021-rencontre.md")]
    link = "{ title=\"Voir la modification sur le dépôt\" }"
    assert "Dernière modification le **10 février 2026**. Les modifications de tout le dossier sont dans le [journal des modifications](../journal.md)." in source
    assert (f"- 10 février 2026 — **Correction** : date de publication rectifiée ([{commits['fix'][:7]}]({REPO}/commit/{commits['fix']}){link})\n"
            f"- 5 janvier 2026 — Création de la fiche ([{commits['create'][:7]}]({REPO}/commit/{commits['create']}){link})\n") in source
    _, meta = get_data(source)
    assert (meta["modified"], meta["modified_text"]) == ("2026-02-10", "10 février 2026")
    person = pages[PurePosixPath("personnes/jeanne-general.md")]
    assert "Dernière modification le **5 janvier 2026**." in person and "Correction" not in person
    # Without the repository's address: the same list, no links.
    plain = pipeline.pages(settings_of(root, None))[1][PurePosixPath("sources/agence-2021-rencontre.md")]
    assert "- 10 février 2026 — **Correction** : date de publication rectifiée\n- 5 janvier 2026 — Création de la fiche\n" in plain


def test_the_journal_lists_commits_newest_first(repo: tuple[Path, dict[str, str]]) -> None:
    root, commits = repo
    journal = pipeline.pages(settings_of(root))[1][PurePosixPath("journal.md")]
    days = re.findall(r"^## (.+) \{ #d-[0-9-]+ \}$", journal, re.M)
    assert days == ["1er mars 2026", "10 février 2026", "5 janvier 2026"]
    assert "Dernière mise à jour du dossier : **1er mars 2026**." in journal
    title = '{ title="Voir la modification sur le dépôt" }'
    assert (f"- Relecture de la rencontre de 2019 ([{commits['event'][:7]}]({REPO}/commit/{commits['event']}){title}) : "
            "[Rencontre précédente](evenements/2019-12-rencontre-precedente.md)\n") in journal
    assert (f"- **Correction** : date de publication rectifiée ([{commits['fix'][:7]}]({REPO}/commit/{commits['fix']}){title}) : "
            "[Rencontre à Sampleville : les deux chefs se parlent](sources/agence-2021-rencontre.md)\n") in journal
    created = re.search(r"^- (\d+) fiches créées \(\[(\w+)\]\([^)]+\)\{[^}]+\}\) : (.+) et (\d+) autres fiches$", journal, re.M)
    files = len(list((root / "dossier").rglob("*.yaml")))
    assert created and int(created.group(1)) == files and created.group(2) == commits["create"][:7]
    assert created.group(3).count("](") == 8 and int(created.group(4)) == files - 8


def test_feed_dates_are_the_records_last_changes(repo: tuple[Path, dict[str, str]]) -> None:
    root, _ = repo
    settings = settings_of(root)
    dossier = pipeline.check(settings)
    feed = ET.fromstring(pipeline.downloads(dossier, settings)[PurePosixPath("flux/evenements.xml")])
    entries = feed.findall(ATOM + "entry")
    # The 2019 meeting's record changed last: it comes first, as new, though its event is older.
    assert [e.findtext(ATOM + "id").rsplit("/", 2)[-2] for e in entries] == ["2019-12-rencontre-precedente", "2021-09-22-rencontre"]
    assert [e.findtext(ATOM + "updated") for e in entries] == ["2026-03-01T08:30:00Z", "2026-01-05T09:00:00Z"]
    assert [e.findtext(ATOM + "published") for e in entries] == ["2026-01-05T09:00:00Z", "2026-01-05T09:00:00Z"]
    assert feed.findtext(ATOM + "updated") == "2026-03-01T08:30:00Z"


def test_the_same_commit_gives_the_same_pages(repo: tuple[Path, dict[str, str]]) -> None:
    root, _ = repo
    assert pipeline.pages(settings_of(root))[1] == pipeline.pages(settings_of(root))[1]


def test_site_date_for_the_footer(repo: tuple[Path, dict[str, str]]) -> None:
    root, _ = repo
    assert site_updated(read_history(root, root / "dossier")) == {"iso": "2026-03-01", "text": "1er mars 2026", "state": "ok"}
    assert site_updated(read_history(root.parent, root.parent)) == {"state": "missing"}


def _assert_unavailable(settings: Settings, shallow: bool) -> None:
    dossier, pages = pipeline.pages(settings)
    assert dossier.history.state == ("shallow" if shallow else "missing") and dossier.history.changes == {}
    partial = " (copie partielle de l’historique git, sans les modifications anciennes)" if shallow else ""
    for path, text in pages.items():
        if path.parent.name and path.name != "index.md":
            assert f"Historique indisponible dans cette copie du dépôt{partial} : les dates de modification des fiches ne sont pas affichées." in text, path
            assert "modified" not in get_data(text)[1], path
    assert f"Historique indisponible dans cette copie du dépôt{partial}." in pages[PurePosixPath("journal.md")]
    # The feed falls back to the events' own dates, never the build time.
    feed = ET.fromstring(pipeline.downloads(dossier, settings)[PurePosixPath("flux/evenements.xml")])
    assert [e.findtext(ATOM + "updated") for e in feed.findall(ATOM + "entry")] == ["2021-09-22T00:00:00Z", "2020-12-31T00:00:00Z"]
    assert feed.find(ATOM + "entry/" + ATOM + "published") is None


def test_outside_a_repository_the_pages_say_the_history_is_unavailable(settings: Settings) -> None:
    _assert_unavailable(settings, shallow=False)


def test_without_git_the_build_goes_on(settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no git anywhere
    assert read_history(settings.root, settings.data_dir).state == "missing"
    _assert_unavailable(settings, shallow=False)


def test_a_shallow_clone_shows_no_wrong_dates(repo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    root, _ = repo
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(clone)], check=True, capture_output=True)
    _assert_unavailable(settings_of(clone), shallow=True)


def test_changes_of_one_day_that_say_the_same_make_one_line(settings: Settings) -> None:
    from dossiergen.pages.history import record_history
    from dossiergen.pages.views import Page

    def entry(commit: str, date: str, message: str) -> str:
        return f"{RS}{commit}{US}{date}{US}{message}{US}\0\nM\0dossier/people/a.yaml\0"

    history = parse_log(entry("c4", "2026-01-02T10:00:00+00:00", "x") + entry("c3", "2026-01-02T09:00:00+00:00", "y")
                        + entry("c2", "2026-01-02T08:00:00+00:00", "z\n\nCorrection : nom.") + entry("c1", "2026-01-01T00:00:00+00:00", "w"))
    dossier = pipeline.check(settings)
    view = record_history(history, "dossier/people/a.yaml", Page(dossier, PurePosixPath("personnes/a.md")), REPO)
    assert [(line.day, line.text, line.correction, [c for c, _ in line.commits]) for line in view.lines] == [
        ("2 janvier 2026", "Fiche modifiée", False, ["c4", "c3"]),
        ("2 janvier 2026", "nom", True, ["c2"]),
        ("1er janvier 2026", "Fiche modifiée", False, ["c1"]),
    ]
    assert view.last == "2 janvier 2026" and view.older == 0 and view.journal == "../journal.md"
    assert view.file_url == f"{REPO}/commits/main/dossier/people/a.yaml"


def test_counted_uses_french_plural() -> None:
    forms = ("fiche modifiée", "fiches modifiées")
    assert [counted(n, forms) for n in (0, 1, 2)] == ["0 fiche modifiée", "1 fiche modifiée", "2 fiches modifiées"]


def test_change_day_is_utc() -> None:
    change = Change("c", dt.datetime(2026, 1, 1, 23, 30, tzinfo=UTC), "modified", "dossier/x.yaml")
    assert change.day == dt.date(2026, 1, 1)
