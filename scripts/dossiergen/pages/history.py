"""What readers see of the records' git history: the block at the end of each record page and
the "Journal des modifications" page. The history itself is read once per build (gitlog.py).

Commit subjects are written in English for contributors: a page shows a commit's French line
for readers (`Journal : …` or `Correction : …`) when it has one, and otherwise only what
happened to the file (created, changed, renamed).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Optional
from urllib.parse import quote

from jinja2 import Environment
from markupsafe import Markup

from ..config import EDIT_BRANCH
from ..core.dates import PartialDate
from ..core.text import escape_cell, fr_date
from ..model import records as r
from ..model.dossier import Dossier
from ..model.history import Change, History
from .views import Page

JOURNAL = PurePosixPath("journal.md")
# The record page lists this many lines of changes, then links to the file's whole history.
PAGE_LIMIT = 10
# The journal shows this many commits, newest first.
JOURNAL_LIMIT = 60
# A commit that touched many records names this many, then counts the rest.
NAMED_LIMIT = 8

_DONE = {"added": "Création de la fiche", "modified": "Fiche modifiée", "renamed": "Fiche renommée", "deleted": "Fiche supprimée"}
_COUNTED = {"added": ("fiche créée", "fiches créées"), "modified": ("fiche modifiée", "fiches modifiées"),
            "renamed": ("fiche renommée", "fiches renommées"), "deleted": ("fiche supprimée", "fiches supprimées")}
UNAVAILABLE_TEXT = "Historique indisponible dans cette copie du dépôt"
SHALLOW_TEXT = "(copie partielle de l’historique git, sans les modifications anciennes)"


def fr_day(day: dt.date) -> str:
    """A commit's day the French way: « 3 décembre 2026 », « 1er mai 2021 »."""
    return fr_date(PartialDate(day.year, day.month, day.day))


def counted(n: int, forms: tuple[str, str]) -> str:
    """« 1 fiche modifiée », « 3 fiches modifiées »: French uses the singular for 0 and 1."""
    return f"{n} {forms[0] if n < 2 else forms[1]}"


def commit_url(repo_url: Optional[str], commit: str) -> Optional[str]:
    return f"{repo_url}/commit/{commit}" if repo_url else None


@dataclass(frozen=True)
class ChangeLine:
    """One line of a record's history: a day and what happened, with the commits that did it
    (several changes of one kind on one day make one line)."""

    day: str
    text: str
    correction: bool
    commits: tuple[tuple[str, Optional[str]], ...]  # (abbreviated hash, its address in the repository or None)
    count: int = 1


@dataclass(frozen=True)
class RecordHistory:
    """The history block of one record page."""

    state: str  # ok, shallow, missing (see model.history.State)
    last: Optional[str]  # the day of the last change, in French
    lines: tuple[ChangeLine, ...]
    older: int  # changes not listed
    file_url: Optional[str]  # the file's whole history in the repository
    journal: str  # href of the journal page

    @property
    def unavailable(self) -> Markup:
        shallow = f" {SHALLOW_TEXT}" if self.state == "shallow" else ""
        return Markup("%s%s : les dates de modification des fiches ne sont pas affichées.") % (UNAVAILABLE_TEXT, shallow)


def _shown(note: str, correction: bool) -> str:
    """A line for readers as a list item shows it: after « Correction : » as written, else
    capitalised; without a final full stop (the commit's link follows)."""
    note = note.rstrip(" .")
    return note if correction else note[:1].upper() + note[1:]


def _text(change: Change) -> str:
    text = _shown(change.note, change.correction) or _DONE[change.status]
    if change.status == "renamed" and not change.note and change.renamed_from:
        text += f" (auparavant {PurePosixPath(change.renamed_from).stem})"
    return text


def _lines(changes: tuple[Change, ...], repo_url: Optional[str]) -> list[ChangeLine]:
    """The changes, newest first, those of one day that say the same merged into one line."""
    lines: list[ChangeLine] = []
    for change in changes:
        day, text, commit = fr_day(change.day), _text(change), (change.commit[:7], commit_url(repo_url, change.commit))
        last = lines[-1] if lines else None
        if last and (last.day, last.text, last.correction) == (day, text, change.correction):
            lines[-1] = ChangeLine(day, text, change.correction, (*last.commits, commit), last.count + 1)
        else:
            lines.append(ChangeLine(day, text, change.correction, (commit,)))
    return lines


def record_history(history: History, path: str, page: Page, repo_url: Optional[str]) -> RecordHistory:
    """The view of one record file's history, newest first, at most PAGE_LIMIT changes."""
    every = _lines(history.of(path), repo_url)
    lines = tuple(every[:PAGE_LIMIT])
    file_url = f"{repo_url}/commits/{EDIT_BRANCH}/{quote(path)}" if repo_url else None
    older = sum(line.count for line in every[PAGE_LIMIT:])
    return RecordHistory(history.state, lines[0].day if lines else None, lines, older, file_url, page.href(JOURNAL))


def modified_meta(history: History, path: str) -> dict[str, str]:
    """Front matter for the page's footer: the record's last change (ISO date and French)."""
    last = history.last(path)
    if last is None:
        return {}
    return {"modified": last.day.isoformat(), "modified_text": fr_day(last.day)}


@dataclass(frozen=True)
class JournalEntry:
    """One commit as the journal shows it."""

    text: str  # the commit's line for readers, or what it did, counted
    correction: bool
    links: tuple[Markup, ...]  # the records it changed that still exist
    more: int  # records changed but not named (past NAMED_LIMIT, or deleted)
    short: str
    url: Optional[str]


@dataclass(frozen=True)
class JournalDay:
    day: str
    iso: str
    entries: tuple[JournalEntry, ...]


def journal_days(dossier: Dossier, page: Page, repo_url: Optional[str], limit: int = JOURNAL_LIMIT) -> list[JournalDay]:
    """The last `limit` commits that changed records, newest first, grouped by day."""
    by_path = {rec.path: (kind, rec.id) for kind in r.KINDS for rec in dossier.all(kind)}
    commits: dict[str, list[tuple[str, Change]]] = {}
    for path, changes in dossier.history.changes.items():
        for change in changes:
            commits.setdefault(change.commit, []).append((path, change))
    ordered = sorted(commits.values(), key=lambda items: (items[0][1].when, items[0][1].commit), reverse=True)[:limit]
    days: dict[dt.date, list[JournalEntry]] = {}
    for items in ordered:
        first = items[0][1]
        statuses = sorted({c.status for _, c in items}, key=list(_COUNTED).index)
        text = _shown(first.note, any(c.correction for _, c in items)) or " ; ".join(counted(sum(1 for _, c in items if c.status == s), _COUNTED[s]) for s in statuses)
        named = sorted((by_path[p] for p, _ in items if p in by_path), key=lambda key: (r.name_of(dossier.get(*key)).casefold(), key))
        links = tuple(page.link(kind, rid) for kind, rid in named[:NAMED_LIMIT])
        days.setdefault(first.day, []).append(JournalEntry(
            text, any(c.correction for _, c in items), links, len(items) - len(links), first.commit[:7], commit_url(repo_url, first.commit)))
    return [JournalDay(fr_day(day), day.isoformat(), tuple(entries)) for day, entries in days.items()]


def render_journal(dossier: Dossier, env: Environment, repo_url: Optional[str]) -> str:
    """The "Journal des modifications" page."""
    page = Page(dossier, JOURNAL)
    history = dossier.history
    latest = history.latest()
    return env.get_template("index/journal.md.j2").render(
        page=page, state=history.state, days=journal_days(dossier, page, repo_url),
        latest=fr_day(latest.date()) if latest else None, limit=JOURNAL_LIMIT,
        unavailable=Markup("%s%s.") % (UNAVAILABLE_TEXT, f" {SHALLOW_TEXT}" if history.state == "shallow" else ""),
        repo_history=f"{repo_url}/commits/{EDIT_BRANCH}/dossier" if repo_url else None, cell=escape_cell,
    )


def site_updated(history: History) -> dict[str, str]:
    """The records' last change for the theme's footer and the data page (mkdocs.yml
    `extra.dossier_updated`, set by the hook): ISO and French, or why it is unknown."""
    latest = history.latest()
    if latest is None:
        return {"state": history.state}
    return {"iso": latest.date().isoformat(), "text": fr_day(latest.date()), "state": history.state}
