"""Diagnostics a contributor reads: file, line, column, code, field, expected vs found."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    field: str
    message: str
    suggestion: Optional[str] = None

    def format(self) -> str:
        """Render as `path:line:col: error[code] field — message`, then the suggestion."""
        head = f"{self.path}:{self.line}:{self.col}: error[{self.code}] {self.field or '(file)'} — {self.message}"
        if self.suggestion:
            return f"{head}\n    did you mean '{self.suggestion}'?"
        return head


def format_report(diagnostics: list[Diagnostic]) -> str:
    """All diagnostics sorted by file, line, column, then a one-line summary."""
    if not diagnostics:
        return ""
    ordered = sorted(set(diagnostics))
    files = len({d.path for d in ordered})
    noun = "error" if len(ordered) == 1 else "errors"
    fnoun = "file" if files == 1 else "files"
    lines = [d.format() for d in ordered]
    lines.append(f"{len(ordered)} {noun} in {files} {fnoun}; nothing was written.")
    return "\n".join(lines) + "\n"


class DossierError(Exception):
    """Raised by the pipeline when the data has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(format_report(self.diagnostics))
