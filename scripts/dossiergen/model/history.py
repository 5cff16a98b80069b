"""The records' history, from one `git log` over the dossier folder: what changed, when, in which commit.

Reading git is the pipeline's job (gitlog.py); this module only holds the result and parses
the text git prints, so the parsing is tested without a repository. A commit may carry lines
for readers, in French, anywhere in its message: `Journal : …` (what changed) or
`Correction : …` (an error corrected, listed as such); without one, the page says only that
the record was created, changed or renamed: commit subjects are written in English.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal, Optional

Status = Literal["added", "modified", "renamed", "deleted"]
# Why a history can be missing: no git, not a repository, or a shallow clone (older commits absent).
State = Literal["ok", "shallow", "missing"]

_STATUS: dict[str, Status] = {"A": "added", "M": "modified", "R": "renamed", "C": "added", "D": "deleted", "T": "modified"}
_READER_LINE = re.compile(r"^[ \t]*(Journal|Correction)[ \t]*:[ \t]*(\S.*?)[ \t]*$", re.M)
# The fields of each commit in LOG_FORMAT, separated by US; each commit starts with RS.
RS, US = "\x1e", "\x1f"
LOG_FORMAT = f"--format={RS}%H{US}%cI{US}%B{US}"


@dataclass(frozen=True, slots=True)
class Change:
    """One commit's change to one record file."""

    commit: str  # the full hash
    when: dt.datetime  # the commit's date, in UTC
    status: Status
    path: str  # the file's path in that commit, from the project folder
    note: str = ""  # the commit's line for readers (Journal/Correction), or ""
    correction: bool = False
    renamed_from: str = ""  # for a rename: the file's earlier path

    @property
    def day(self) -> dt.date:
        return self.when.date()


@dataclass(frozen=True)
class History:
    """Every record file's changes, newest first, keyed by its current path (renames followed)."""

    state: State = "missing"
    changes: dict[str, tuple[Change, ...]] = field(default_factory=dict)

    def of(self, path: str) -> tuple[Change, ...]:
        """A record file's changes, newest first (none if the file was never committed)."""
        return self.changes.get(path, ())

    def last(self, path: str) -> Optional[Change]:
        found = self.of(path)
        return found[0] if found else None

    def first(self, path: str) -> Optional[Change]:
        found = self.of(path)
        return found[-1] if found else None

    def latest(self) -> Optional[dt.datetime]:
        """When the dossier folder last changed."""
        return max((c[0].when for c in self.changes.values() if c), default=None)

    def recent(self, limit: int) -> list[tuple[str, Change]]:
        """The last `limit` changes to any record file, newest first: (current path, change)."""
        every = [(path, change) for path, changes in self.changes.items() for change in changes]
        every.sort(key=lambda item: (item[1].when, item[1].commit, item[0]), reverse=True)
        return every[:limit]


UNAVAILABLE = History()


def _reader_note(message: str) -> tuple[str, bool]:
    """The commit's line for readers, and whether it is a correction."""
    lines = _READER_LINE.findall(message)
    correction = any(key == "Correction" for key, _ in lines)
    return " ".join(" ".join(text.split()) for _, text in lines), correction


def parse_log(text: str, state: State = "ok") -> History:
    """The history from `git log -z -M <LOG_FORMAT> --name-status -- <folder>`, newest commit first.

    A renamed file keeps its older changes under its newest path: git lists the rename
    (R, old path, new path) before the changes made under the old path.
    """
    newest_path: dict[str, str] = {}  # an earlier path -> the path it has now
    out: dict[str, list[Change]] = {}
    for chunk in text.split(RS):
        parts = chunk.split(US, 3)
        if len(parts) < 4:
            continue
        commit, date, message, files = parts
        when = dt.datetime.fromisoformat(date.strip()).astimezone(dt.timezone.utc)
        note, correction = _reader_note(message)
        tokens = [t.strip("\n") for t in files.split("\0")]
        tokens = [t for t in tokens if t]
        i = 0
        while i < len(tokens):
            code = tokens[i][:1]
            status = _STATUS.get(code)
            if status is None or i + 1 >= len(tokens):
                i += 1
                continue
            if code in "RC":
                if i + 2 >= len(tokens):
                    break
                old, new = tokens[i + 1], tokens[i + 2]
                i += 3
            else:
                old, new = "", tokens[i + 1]
                i += 2
            current = newest_path.get(new, new)
            out.setdefault(current, []).append(Change(commit.strip(), when, status, new, note, correction, old if code == "R" else ""))
            if code == "R":
                newest_path[old] = current
    return History(state, {path: tuple(changes) for path, changes in sorted(out.items())})
