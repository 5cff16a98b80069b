"""Diagnostics a contributor reads: file, line, column, code, field, expected vs found."""
from __future__ import annotations

import dataclasses
import difflib
import unicodedata
from typing import Iterable, Optional

from . import charset
from .codes import CODES, ERROR, WARNING

# How a report names each severity; GitHub's annotations keep the English command (::error, ::warning).
SEVERITY_FR = {ERROR: "erreur", WARNING: "avertissement"}


@dataclasses.dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    field: str
    message: str
    suggestion: Optional[str] = None
    # Set from the code's registration (core/codes.py), never chosen by the emitter.
    severity: str = dataclasses.field(init=False)  # `field` above is a field, not the function

    def __post_init__(self) -> None:
        registered = CODES.get(self.code)
        if registered is None:
            raise ValueError(f"diagnostic code {self.code!r} is not registered: add it to core/codes.py and to CONTRIBUTING.md")
        object.__setattr__(self, "severity", registered.severity)

    def format(self) -> str:
        """Render as `path:line:col: error[code] field — message`, then the suggestion.

        File names, field names and messages quote contributor text: every control, format or
        line-separating character in them is shown as an escape (`\\n`, `\\x1b`, `\\u202e`), so
        a diagnostic is always one line (two with its suggestion) and cannot start a forged CI
        annotation or send escape sequences to a terminal.
        """
        path, field, message = (visible(x) for x in (self.path, self.field or "(fichier)", self.message))
        head = f"{path}:{self.line}:{self.col}: {SEVERITY_FR[self.severity]}[{self.code}] {field} — {message}"
        if self.suggestion:
            return f"{head}\n    vouliez-vous dire '{visible(self.suggestion)}' ?"
        return head

    def github(self) -> str:
        """One GitHub Actions workflow command: an annotation on the file's line in a pull request."""
        title = f"{SEVERITY_FR[self.severity]}[{self.code}] {visible(self.field or '(fichier)')}"
        text = visible(self.message) + (f" (vouliez-vous dire '{visible(self.suggestion)}' ?)" if self.suggestion else "")
        props = f"file={github_escape(visible(self.path), True)},line={self.line},col={self.col},title={github_escape(title, True)}"
        return f"::{self.severity} {props}::{github_escape(text)}"


def visible(text: str) -> str:
    """Contributor text made safe to print on one line: what charset.py calls invisible is escaped."""
    if text.isprintable() and not charset.has_ignorable(text):
        return text  # the common case, without a loop
    out = []
    for char in text:
        if (char.isprintable() and not charset.is_ignorable(char)) or unicodedata.category(char) == "Zs":
            out.append(char)
        else:  # controls, separators, format, unassigned and default-ignorable characters
            code = ord(char)
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"))
    return "".join(out)


def github_escape(text: str, prop: bool = False) -> str:
    """GitHub's workflow-command escaping of a message; a property (`file=`, `title=`) also escapes `:` and `,`."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def closest(word: str, candidates: Iterable[str]) -> Optional[str]:
    """The candidate closest to a misspelt word, if one is close enough: a diagnostic's "did you mean"."""
    found = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return found[0] if found else None


def is_error(diagnostic: Diagnostic) -> bool:
    return diagnostic.severity == ERROR


def format_report(diagnostics: list[Diagnostic]) -> str:
    """All diagnostics sorted by file, line, column, then a one-line summary."""
    if not diagnostics:
        return ""
    ordered = sorted(set(diagnostics))
    files = len({d.path for d in ordered})
    errors = sum(1 for d in ordered if is_error(d))
    warnings = len(ordered) - errors
    counts = [f"{n} {noun}{'' if n == 1 else 's'}" for n, noun in ((errors, "erreur"), (warnings, "avertissement")) if n]
    fnoun = "fichier" if files == 1 else "fichiers"
    lines = [d.format() for d in ordered]
    lines.append(f"{' et '.join(counts)} dans {files} {fnoun}" + (" ; rien n’a été écrit." if errors else "."))
    return "\n".join(lines) + "\n"


def format_github(diagnostics: list[Diagnostic]) -> str:
    """Every diagnostic as a GitHub annotation (`::error file=…,line=…::…`), sorted."""
    return "".join(d.github() + "\n" for d in sorted(set(diagnostics)))


class DossierError(Exception):
    """Raised by the pipeline when the data has errors; carries every diagnostic (warnings too)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__(format_report(self.diagnostics))
