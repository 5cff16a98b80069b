"""`dossier rename OLD NEW`: a record's id changed, and every reference to it, in one step.

An id is the record's file name, and other records name it in their reference fields
(`sources`, `participants`, `by`, a claim's `event-id/claim-id`…). The rename finds those
references the way the validator reads them (schema.py: only reference fields to the record's
kind, never a word in a text), replaces each where it is written in the file (comments, quoting
and layout kept), renames the file (and its local text copy, for a source) and checks the
result. Nothing is written unless the dossier is valid before, and nothing is left half done:
every file is written atomically, the record file last.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..core.write import replace_file
from ..model import kinds
from ..model import schema as s
from ..model.load import Map, Raw, RawRecord, Scalar, Seq, load_dossier
from ..model.validate import id_problem


class RenameRefused(Exception):
    """Why the rename cannot be made, in French; nothing was written."""


@dataclass(frozen=True)
class Renamed:
    kind: str
    old_path: str
    new_path: str
    references: int  # how many references were rewritten
    files: tuple[str, ...]  # the files whose references were rewritten, as the contributor sees them


def rename(data_dir: Path, root: Path, old: str, new: str) -> Renamed:
    """Rename record `old` to `new` and rewrite every reference to it (RenameRefused)."""
    raws, diagnostics = load_dossier(data_dir, root)
    if diagnostics:
        raise RenameRefused("le dossier a des erreurs de lecture : corrigez d’abord ce que signale `make check`")
    owner = [raw for raw in raws if raw.id == old]
    if not owner:
        raise RenameRefused(f"aucune fiche n’a l’identifiant {old!r} (le nom de son fichier, sans .yaml)")
    problem = id_problem(new)
    if problem:
        raise RenameRefused(f"nouvel identifiant refusé : {problem}")
    if any(raw.id == new for raw in raws):
        raise RenameRefused(f"l’identifiant {new!r} est déjà pris : choisissez-en un autre")
    kind = owner[0].kind
    edits: dict[str, list[tuple[int, int, int]]] = {}  # path -> (line, col, length) of each id written
    for raw in raws:
        spots = [(scalar.line, scalar.col + (1 if scalar.quoted else 0)) for scalar in _references(raw, kind, old)]
        if spots:
            edits[raw.path] = [(line, col, len(old)) for line, col in spots]
    texts = {path: _rewrite(root / path, spots, old, new) for path, spots in sorted(edits.items())}
    source = data_dir / kind / f"{old}.yaml"
    target = data_dir / kind / f"{new}.yaml"
    old_path = source.relative_to(root).as_posix()
    for path, text in texts.items():
        if path != old_path:
            replace_file(root / path, text.encode("utf-8"))
    replace_file(target, texts.get(old_path, source.read_text(encoding="utf-8")).encode("utf-8"))
    source.unlink()
    copy = data_dir / kind / f"{old}.txt"
    if kind == "sources" and copy.is_file() and not copy.is_symlink():
        copy.rename(copy.with_name(f"{new}.txt"))
    return Renamed(kind, old_path, target.relative_to(root).as_posix(), sum(len(spots) for spots in edits.values()),
                   tuple(sorted(target.relative_to(root).as_posix() if p == old_path else p for p in edits)))


def _references(raw: RawRecord, kind: str, old: str) -> Iterator[Scalar]:
    """The scalars of a record file that name `old` (a record of `kind`) in a reference field."""
    yield from _walk(raw.root, s.KIND_SPECS[raw.kind], kind, old)


def _walk(raw: Raw, ftype: s.FieldType, kind: str, old: str) -> Iterator[Scalar]:
    if isinstance(ftype, s.ListOf):
        if isinstance(raw, Seq):
            for item in raw.items:
                yield from _walk(item, ftype.item, kind, old)
    elif isinstance(ftype, s.Struct):
        if isinstance(raw, Scalar) and ftype.shorthand:  # `- source-id` for `- source: source-id`
            yield from _walk(raw, ftype.fields[ftype.shorthand].type, kind, old)
        elif isinstance(raw, Map):
            for key, value in raw.items:
                spec = ftype.fields.get(key.text)
                if spec is not None:
                    yield from _walk(value, spec.type, kind, old)
    elif isinstance(raw, Scalar):
        if isinstance(ftype, s.Ref) and kind in ftype.kinds and raw.text == old:
            yield raw
        elif isinstance(ftype, s.ClaimRef) and kind == "events" and raw.text.startswith(old + "/"):
            yield raw


def _rewrite(path: Path, spots: list[tuple[int, int, int]], old: str, new: str) -> str:
    """The file's text with the id replaced at each spot (1-based line and column), checked first."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for line, col, length in sorted(spots, reverse=True):  # from the end: earlier columns stay right
        text = lines[line - 1]
        if text[col - 1 : col - 1 + length] != old:
            raise RenameRefused(f"{path.name}, ligne {line} : l’identifiant n’est pas écrit comme attendu ; renommez à la main")
        lines[line - 1] = text[: col - 1] + new + text[col - 1 + length :]
    return "\n".join(lines)


def describe(done: Renamed) -> list[str]:
    """What the rename did, in French, line by line."""
    label = kinds.kind(done.kind).label
    lines = [f"renommé : {done.old_path} → {done.new_path} ({label})"]
    if done.references:
        lines.append(f"{done.references} référence(s) mise(s) à jour dans {len(done.files)} fichier(s) :")
        lines += [f"  {path}" for path in done.files]
    else:
        lines.append("aucune autre fiche ne la cite")
    return lines
