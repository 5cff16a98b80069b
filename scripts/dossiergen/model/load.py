"""YAML files -> RawRecord: plain values that keep their line and column.

Only `yaml.compose` runs on contributor input: no object is ever constructed from a
tag, so `!!python/object` and friends are inert and reported. Anchors and aliases are
refused (alias bombs), and so are duplicate keys, which PyYAML would silently drop.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Union

import yaml

from ..core import codes
from ..core.errors import Diagnostic, closest
from ..model.records import KINDS
from ..model.schema import MAX_DEPTH, MAX_FILE_BYTES

STD_TAG = "tag:yaml.org,2002:"
# libyaml's composer is ~10x faster and gives the same nodes and marks; fall back if absent.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SAFE_TAGS = {STD_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar as written: its text, the type YAML resolves it to, and whether it was quoted."""

    text: str
    tag: str  # str, int, float, bool, null, timestamp
    quoted: bool
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple["Raw", ...]
    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Map:
    # Key scalars keep their own positions, so an unknown key is reported where it stands.
    items: tuple[tuple[Scalar, "Raw"], ...]
    line: int
    col: int


Raw = Union[Scalar, Seq, Map]


@dataclass(frozen=True, slots=True)
class RawRecord:
    kind: str
    id: str
    path: str  # as shown to the contributor, relative to the project root
    root: Map


def field_position(root: Map, field: str) -> tuple[int, int]:
    """Line and column of a field path such as `claims[2].id`, or of the nearest parent written.

    The one rule for placing a diagnostic that is found after loading (a cross-field check, a
    reference, a likely duplicate) on the line the contributor wrote.
    """
    node: Raw = root
    best = (root.line, root.col)
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", field):
        if part.startswith("[") and isinstance(node, Seq):
            index = int(part[1:-1])
            if index >= len(node.items):
                break
            node = node.items[index]
        elif isinstance(node, Map):
            match = [(k, v) for k, v in node.items if k.text == part]
            if not match:
                break
            key, node = match[0]
            best = (key.line, key.col)
            continue
        else:
            break
        best = (node.line, node.col)
    return best


class _Composer:
    """Turn a composed node graph into Raw values, collecting diagnostics."""

    def __init__(self, path: str):
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[int] = set()

    def error(self, node: yaml.Node, code: str, field: str, message: str) -> None:
        m = node.start_mark
        self.diagnostics.append(Diagnostic(self.path, m.line + 1, m.column + 1, code, field, message))

    def convert(self, node: yaml.Node, field: str, depth: int, at: yaml.Node | None = None) -> Raw | None:
        """Convert one node; `at` is the key node, where a reused (aliased) value is reported."""
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self._seen:
            self.error(at or node, codes.YAML_ALIAS, field, "expected plain values, found an alias (*name); anchors and aliases are not allowed, write the value out")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.error(node, codes.TOO_DEEP, field, f"expected at most {MAX_DEPTH} levels of nesting, found more")
            return None
        if node.tag not in SAFE_TAGS:
            self.error(node, codes.UNSAFE_TAG, field, f"expected plain YAML values, found the tag {node.tag!r}; remove it")
            return None
        if isinstance(node, yaml.ScalarNode):
            return Scalar(node.value, node.tag[len(STD_TAG):], bool(node.style), line, col)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for i, child in enumerate(node.value):
                value = self.convert(child, f"{field}[{i}]", depth + 1)
                if value is not None:
                    items.append(value)
            return Seq(tuple(items), line, col)
        assert isinstance(node, yaml.MappingNode)
        pairs: list[tuple[Scalar, Raw]] = []
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == STD_TAG + "merge":
                self.error(key_node, codes.YAML_ALIAS, field, "expected plain fields, found a merge key (<<); write the fields out")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SAFE_TAGS:
                self.error(key_node, codes.BAD_KEY, field, "expected a plain field name, found a complex key")
                continue
            name = key_node.value
            sub = f"{field}.{name}" if field else name
            if name in first_line:
                self.error(key_node, codes.DUPLICATE_KEY, sub, f"expected each field once, found {name!r} again (first on line {first_line[name]}); YAML would keep only the last one")
                continue
            first_line[name] = key_node.start_mark.line + 1
            value = self.convert(value_node, sub, depth + 1, at=key_node)
            if value is not None:
                key = Scalar(name, "str", bool(key_node.style), key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                pairs.append((key, value))
        return Map(tuple(pairs), line, col)


# Nesting is bounded by the characters that open a level; below this many, no file can come
# near the depth where libyaml's recursive composer overflows the C stack (~25,000 levels).
_OPENERS = "[{-:?"
_SHALLOW = 1000


class Position(Protocol):
    """Where a parser event starts (0-based): PyYAML's marks and libyaml's both have these."""

    line: int
    column: int


def too_deep(text: str) -> Position | None:
    """Where the text first nests deeper than a record may, found before anything recursive runs."""
    return _scan_events(text, anchors=False)[0]


def _scan_events(text: str, anchors: bool) -> tuple[Position | None, list[Position]]:
    """The first nesting too deep, and (with `anchors`) every anchor, from the parser's events.

    libyaml's parser is a state machine, but its composer recurses once per level: 30,000
    `[` kill the process before `convert` could count them. So the depth is counted from the
    events first, whenever the text has enough openers to be deep at all. The same pass finds
    anchors (`&name`), which the composed nodes no longer show, in texts that have an `&`.
    """
    deep = sum(text.count(c) for c in _OPENERS) >= _SHALLOW
    anchors = anchors and "&" in text
    found: list[Position] = []
    if not deep and not anchors:
        return None, found
    depth = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            if anchors and getattr(event, "anchor", None) and not isinstance(event, yaml.AliasEvent) and event.start_mark is not None:
                found.append(event.start_mark)
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH + 1:  # the document's own mapping is the first level
                    return event.start_mark, found
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # a syntax error before any deep level: compose stops there too, and reports it
    return None, found


_LINE_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _text_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting lines as YAML does (LF, CRLF, CR)."""
    before = text[:index].replace("\r\n", "\n").replace("\r", "\n")
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def parse_text(text: str, path: str) -> tuple[Map | None, list[Diagnostic]]:
    """Parse one file's text into a Map, or diagnostics; never raises on bad input."""
    composer = _Composer(path)
    odd = _LINE_BREAKS.search(text)
    if odd is not None:
        line, col = _text_position(text, odd.start())
        if odd.group() == "\r":
            message = "expected line breaks as LF (or CRLF), found a carriage return alone (old Mac line endings); `dossier fmt` rewrites them"
        else:
            message = f"expected line breaks as LF (or CRLF), found the line separator U+{ord(odd.group()):04X}; replace it with a line break or a space"
        return None, [Diagnostic(path, line, col, codes.LINE_BREAK, "", message)]
    deep, anchors = _scan_events(text, anchors=True)
    if deep is not None:
        return None, [Diagnostic(path, deep.line + 1, deep.column + 1, codes.TOO_DEEP, "", f"expected at most {MAX_DEPTH} levels of nesting, found more")]
    for mark in anchors:  # an anchor alone expands nothing, but a record has no use for one: refused, like aliases
        composer.diagnostics.append(Diagnostic(path, mark.line + 1, mark.column + 1, codes.YAML_ALIAS, "", "expected plain values, found an anchor (&name); anchors and aliases are not allowed, remove it"))
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        line, col = (where.line + 1, where.column + 1) if where else (1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        lines = text.splitlines()
        offending = lines[line - 1] if 0 < line <= len(lines) else ""
        if "tab" in problem or offending[col - 1 : col] == "\t" or offending.lstrip(" ").startswith("\t"):
            return None, [Diagnostic(path, line, col, codes.YAML_TAB, "", "expected spaces for indentation, found a tab (YAML does not allow tabs there); replace it with spaces")]
        return None, [Diagnostic(path, line, col, codes.YAML_SYNTAX, "", f"expected valid YAML, found a syntax error: {problem}")]
    except RecursionError:  # PyYAML's pure-Python composer recurses where libyaml does not
        return None, [Diagnostic(path, 1, 1, codes.TOO_DEEP, "", f"expected at most {MAX_DEPTH} levels of nesting, found more")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: located from its index
        line, col = _text_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return None, [Diagnostic(path, line, col, codes.BAD_CHAR, "", f"expected visible text, found the control character U+{code:04X}, which YAML does not allow; delete it")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, 1, 1, codes.YAML_SYNTAX, "", f"expected valid YAML, found: {type(exc).__name__}")]
    if node is None:
        return None, [Diagnostic(path, 1, 1, codes.EMPTY_FILE, "", "expected a mapping of fields, found an empty file")]
    if not isinstance(node, yaml.MappingNode):
        composer.error(node, codes.NOT_A_MAPPING, "", "expected a mapping of fields (key: value) at the top level, found " + ("a list" if isinstance(node, yaml.SequenceNode) else "a single value"))
        return None, composer.diagnostics
    try:
        root = composer.convert(node, "", 0)
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, codes.TOO_DEEP, "", f"expected at most {MAX_DEPTH} levels of nesting, found more")]
    assert isinstance(root, Map) or root is None
    return root, composer.diagnostics


def load_file(file: Path, kind: str, display: str) -> tuple[RawRecord | None, list[Diagnostic]]:
    """Read and parse one record file; size and encoding are checked before YAML sees it."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Diagnostic(display, 1, 1, codes.TOO_LARGE, "", f"expected a file of at most {MAX_FILE_BYTES // 1024} KiB, found {size // 1024} KiB")]
        data = file.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(display, 1, 1, codes.UNREADABLE, "", f"expected a readable file, found: {exc.strerror}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Diagnostic(display, line, 1, codes.ENCODING, "", "expected UTF-8 text, found bytes that are not UTF-8")]
    if text.startswith("\ufeff"):
        return None, [Diagnostic(display, 1, 1, codes.BOM, "", "expected UTF-8 text without a byte-order mark, found one at the start of the file; save it as plain UTF-8 (\"UTF-8\", not \"UTF-8 with BOM\")")]
    root, diagnostics = parse_text(text, display)
    if root is None:
        return None, diagnostics
    return RawRecord(kind, file.stem, display, root), diagnostics


# What load_dossier keeps between calls: by display path, the file's (mtime_ns, size) and what loading it gave.
FileCache = dict[str, tuple[tuple[int, int], RawRecord | None, list[Diagnostic]]]


def load_dossier(data_dir: Path, root: Path, cache: FileCache | None = None, seen: set[tuple[str, str]] | None = None) -> tuple[list[RawRecord], list[Diagnostic]]:
    """Load every `<kind>/<id>.yaml` under data_dir, in a stable order.

    With `cache` (a dict kept by the caller), a file whose size and modification time are
    unchanged is not parsed again: `mkdocs serve` reloads re-read only what was edited.
    `seen` receives the (kind, id) of every record file on disk, readable or not.
    """
    raws: list[RawRecord] = []
    diagnostics: list[Diagnostic] = []
    if data_dir.is_symlink():  # it would read whatever the link points at, anywhere on the machine
        return [], [Diagnostic(_display(data_dir, root), 1, 1, codes.SYMLINK, "", "expected a real folder of records, found a symbolic link")]
    if not data_dir.is_dir():
        return [], [Diagnostic(_display(data_dir, root), 1, 1, codes.NO_DATA, "", "expected a folder of records, found nothing")]
    for entry in sorted(data_dir.iterdir()):
        display = _display(entry, root)
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in KINDS:
            diagnostics.append(Diagnostic(display, 1, 1, codes.UNKNOWN_KIND, "", "expected one of the folders: " + ", ".join(KINDS) + f"; found {entry.name!r}", closest(entry.name, KINDS)))
        elif entry.is_file():
            diagnostics.append(Diagnostic(display, 1, 1, codes.MISPLACED_FILE, "", "expected records inside a kind folder (" + ", ".join(KINDS) + "), found a file at the top"))
    for kind in KINDS:
        folder = data_dir / kind
        if folder.is_symlink():
            diagnostics.append(Diagnostic(_display(folder, root), 1, 1, codes.SYMLINK, "", "expected a real folder, found a symbolic link"))
            if seen is not None and folder.is_dir():  # refused, but its files exist: references to them are not dangling
                seen.update((kind, f.stem) for f in folder.glob("*.yaml") if not f.name.startswith("."))
            continue
        if not folder.is_dir():
            continue
        for file in sorted(folder.iterdir()):
            display = _display(file, root)
            if file.name.startswith("."):
                continue  # hidden files (editor swap files, .gitkeep) are not records
            if seen is not None and file.suffix == ".yaml":
                seen.add((kind, file.stem))
            if file.is_dir() and not file.is_symlink():
                diagnostics.append(Diagnostic(display, 1, 1, codes.STRAY_FOLDER, "", f"expected record files directly in {kind}/, found a folder; move its .yaml files up into {kind}/"))
                continue
            if file.is_symlink():
                diagnostics.append(Diagnostic(display, 1, 1, codes.SYMLINK, "", "expected a regular file, found a symbolic link"))
                continue
            if file.suffix != ".yaml":
                hint = file.stem + ".yaml" if file.suffix in (".yml", ".YAML") else None
                diagnostics.append(Diagnostic(display, 1, 1, codes.BAD_EXTENSION, "", f"expected a .yaml file, found {file.name!r}", hint))
                continue
            if cache is None:
                raw, diags = load_file(file, kind, display)
            else:
                stat = file.stat()
                stamp = (stat.st_mtime_ns, stat.st_size)
                hit = cache.get(display)
                if hit is None or hit[0] != stamp:
                    hit = cache[display] = (stamp, *load_file(file, kind, display))
                raw, diags = hit[1], hit[2]
            diagnostics.extend(diags)
            if raw is not None:
                raws.append(raw)
    return raws, diagnostics


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
