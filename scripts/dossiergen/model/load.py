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
            self.error(at or node, codes.YAML_ALIAS, field, "attendu des valeurs simples, trouvé un alias (*nom) ; ancres et alias ne sont pas admis, écrivez la valeur en entier")
            return None
        self._seen.add(id(node))
        if depth > MAX_DEPTH:
            self.error(node, codes.TOO_DEEP, field, f"attendu {MAX_DEPTH} niveaux d’imbrication au plus, trouvé davantage")
            return None
        if node.tag not in SAFE_TAGS:
            self.error(node, codes.UNSAFE_TAG, field, f"attendu des valeurs YAML simples, trouvé la balise {node.tag!r} ; retirez-la")
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
                self.error(key_node, codes.YAML_ALIAS, field, "attendu des champs simples, trouvé une clé de fusion (<<) ; écrivez les champs en entier")
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in SAFE_TAGS:
                self.error(key_node, codes.BAD_KEY, field, "attendu un simple nom de champ, trouvé une clé complexe")
                continue
            name = key_node.value
            sub = f"{field}.{name}" if field else name
            if name in first_line:
                self.error(key_node, codes.DUPLICATE_KEY, sub, f"attendu chaque champ une seule fois, trouvé {name!r} une nouvelle fois (déjà ligne {first_line[name]}) ; YAML ne garderait que le dernier")
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


def explain_yaml_error(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, int, str]:
    """PyYAML's syntax error in French, placed where the mistake starts (1-based line, column).

    PyYAML reports where it gave up: an unclosed quote at the end of the file, a missing `:` on
    the line after. Each case a contributor meets is told where it begins and how to fix it;
    anything else keeps PyYAML's words, marked as such.
    """
    context, problem = exc.context or "", exc.problem or ""
    start, stop = exc.context_mark, exc.problem_mark or exc.context_mark

    def at(mark: yaml.Mark | None) -> tuple[int, int]:
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def text_at(mark: yaml.Mark | None) -> str:
        return lines[mark.line] if mark and 0 <= mark.line < len(lines) else ""

    if "quoted scalar" in context and start:
        quote = text_at(start)[start.column : start.column + 1] or '"'
        return (*at(start), f"attendu un guillemet fermant, trouvé le guillemet {quote} ouvert ici jamais refermé (YAML a lu jusqu’à la fin du fichier) ;"
                f" ajoutez le {quote} fermant à la fin de la valeur")
    for opener, closer in (("flow sequence", "]"), ("flow mapping", "}")):
        if opener in context and start:
            return (*at(start), f"attendu « {closer} » pour fermer ce qui s’ouvre ici, trouvé la suite du fichier ; fermez-le sur la même ligne,"
                    " ou écrivez la liste avec un « - » par ligne")
    if "cannot start any token" in problem or "undefined alias" in problem:
        char = text_at(stop)[stop.column : stop.column + 1] if stop else ""
        return (*at(stop), f"attendu une valeur, trouvé « {char} », qui ne peut pas commencer une valeur YAML sans guillemets ;"
                " mettez toute la valeur entre guillemets")
    if "expected '-' indicator" in problem:
        return (*at(stop), f"attendu un élément de liste « - » aligné sur ceux du dessus (ligne {at(start)[0]}), trouvé une ligne"
                " qui n’en est pas un ; alignez-la, ou commencez-la par « - »")
    if "did not find expected key" in problem:
        return (*at(stop), "attendu la fin de la ligne après une valeur entre guillemets, trouvé du texte ; mettez toute la valeur entre guillemets")
    if "could not find expected ':'" in problem and start:
        return (*at(start), "attendu « champ: valeur », ou une ligne indentée sous le champ du dessus, trouvé une ligne sans « : » ;"
                " indentez-la ou ajoutez le « : »")
    if "mapping values are not allowed" in problem and stop:
        here = text_at(stop)
        before = here[: stop.column]
        if ": " in before.lstrip(" -"):  # `title: Rencontre: Helsinki`
            return (*at(stop), "attendu une seule paire « champ: valeur » par ligne, trouvé un deuxième « : » dans la valeur ;"
                    " mettez la valeur entre guillemets")
        previous = next((i for i in range(stop.line - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)
        if previous is not None and ":" not in lines[previous] and not lines[previous].lstrip().startswith("-"):
            return previous + 1, len(lines[previous]) - len(lines[previous].lstrip()) + 1, (
                "attendu « champ: valeur », trouvé une ligne sans « : » ; ajoutez-le après le nom du champ")
        indent = len(here) - len(here.lstrip())
        return stop.line + 1, indent + 1, ("attendu cette ligne alignée sur les champs du dessus, trouvé une indentation différente"
                                           " (ou une valeur qui contient « : ») ; corrigez les espaces en début de ligne")
    detail = " ".join(p for p in (context, problem) if p)
    return (*at(stop), f"attendu du YAML valide, trouvé une erreur de syntaxe (message de PyYAML, en anglais : {detail})")


def parse_text(text: str, path: str) -> tuple[Map | None, list[Diagnostic]]:
    """Parse one file's text into a Map, or diagnostics; never raises on bad input."""
    composer = _Composer(path)
    odd = _LINE_BREAKS.search(text)
    if odd is not None:
        line, col = _text_position(text, odd.start())
        if odd.group() == "\r":
            message = "attendu des fins de ligne LF (ou CRLF), trouvé un retour chariot seul (fins de ligne du vieux Mac) ; `dossier fmt` les réécrit"
        else:
            message = f"attendu des fins de ligne LF (ou CRLF), trouvé le séparateur de ligne U+{ord(odd.group()):04X} ; remplacez-le par un saut de ligne ou une espace"
        return None, [Diagnostic(path, line, col, codes.LINE_BREAK, "", message)]
    deep, anchors = _scan_events(text, anchors=True)
    if deep is not None:
        return None, [Diagnostic(path, deep.line + 1, deep.column + 1, codes.TOO_DEEP, "", f"attendu {MAX_DEPTH} niveaux d’imbrication au plus, trouvé davantage")]
    for mark in anchors:  # an anchor alone expands nothing, but a record has no use for one: refused, like aliases
        composer.diagnostics.append(Diagnostic(path, mark.line + 1, mark.column + 1, codes.YAML_ALIAS, "", "attendu des valeurs simples, trouvé une ancre (&nom) ; ancres et alias ne sont pas admis, retirez-la"))
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        line, col = (where.line + 1, where.column + 1) if where else (1, 1)
        problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        lines = text.splitlines()
        offending = lines[line - 1] if 0 < line <= len(lines) else ""
        if "tab" in problem or offending[col - 1 : col] == "\t" or offending.lstrip(" ").startswith("\t"):
            return None, [Diagnostic(path, line, col, codes.YAML_TAB, "", "attendu des espaces pour l’indentation, trouvé une tabulation (YAML n’en admet pas ici) ; remplacez-la par des espaces")]
        line, col, message = explain_yaml_error(exc, lines)
        return None, [Diagnostic(path, line, col, codes.YAML_SYNTAX, "", message)]
    except RecursionError:  # PyYAML's pure-Python composer recurses where libyaml does not
        return None, [Diagnostic(path, 1, 1, codes.TOO_DEEP, "", f"attendu {MAX_DEPTH} niveaux d’imbrication au plus, trouvé davantage")]
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: located from its index
        line, col = _text_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
        return None, [Diagnostic(path, line, col, codes.BAD_CHAR, "", f"attendu du texte visible, trouvé le caractère de contrôle U+{code:04X}, que YAML n’admet pas ; supprimez-le")]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(path, 1, 1, codes.YAML_SYNTAX, "", f"attendu du YAML valide, trouvé une erreur ({type(exc).__name__})")]
    if node is None:
        return None, [Diagnostic(path, 1, 1, codes.EMPTY_FILE, "", "attendu des champs (champ: valeur), trouvé un fichier vide")]
    if not isinstance(node, yaml.MappingNode):
        composer.error(node, codes.NOT_A_MAPPING, "", "attendu des champs (champ: valeur) au premier niveau, trouvé " + ("une liste" if isinstance(node, yaml.SequenceNode) else "une valeur seule"))
        return None, composer.diagnostics
    try:
        root = composer.convert(node, "", 0)
    except RecursionError:
        return None, [Diagnostic(path, 1, 1, codes.TOO_DEEP, "", f"attendu {MAX_DEPTH} niveaux d’imbrication au plus, trouvé davantage")]
    assert isinstance(root, Map) or root is None
    return root, composer.diagnostics


def load_file(file: Path, kind: str, display: str) -> tuple[RawRecord | None, list[Diagnostic]]:
    """Read and parse one record file; size and encoding are checked before YAML sees it."""
    try:
        size = file.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Diagnostic(display, 1, 1, codes.TOO_LARGE, "", f"attendu un fichier de {MAX_FILE_BYTES // 1024} Kio au plus, trouvé {size // 1024} Kio")]
        data = file.read_bytes()
    except OSError as exc:
        return None, [Diagnostic(display, 1, 1, codes.UNREADABLE, "", f"attendu un fichier lisible, trouvé une erreur de lecture ({exc.strerror})")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Diagnostic(display, line, 1, codes.ENCODING, "", "attendu du texte UTF-8, trouvé des octets qui ne sont pas de l’UTF-8 ; enregistrez le fichier en UTF-8")]
    if text.startswith("\ufeff"):
        return None, [Diagnostic(display, 1, 1, codes.BOM, "", "attendu du texte UTF-8 sans marque d’ordre des octets (BOM), trouvé une en tête du fichier ; enregistrez-le en « UTF-8 », pas en « UTF-8 avec BOM »")]
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
        return [], [Diagnostic(_display(data_dir, root), 1, 1, codes.SYMLINK, "", "attendu un vrai dossier de fiches, trouvé un lien symbolique")]
    if not data_dir.is_dir():
        return [], [Diagnostic(_display(data_dir, root), 1, 1, codes.NO_DATA, "", "attendu un dossier de fiches, trouvé rien à cet endroit")]
    for entry in sorted(data_dir.iterdir()):
        display = _display(entry, root)
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and entry.name not in KINDS:
            diagnostics.append(Diagnostic(display, 1, 1, codes.UNKNOWN_KIND, "", "attendu l’un des dossiers " + ", ".join(KINDS) + f" ; trouvé {entry.name!r}", closest(entry.name, KINDS)))
        elif entry.is_file():
            diagnostics.append(Diagnostic(display, 1, 1, codes.MISPLACED_FILE, "", "attendu des fiches rangées dans le dossier de leur type (" + ", ".join(KINDS) + "), trouvé un fichier au premier niveau"))
    for kind in KINDS:
        folder = data_dir / kind
        if folder.is_symlink():
            diagnostics.append(Diagnostic(_display(folder, root), 1, 1, codes.SYMLINK, "", "attendu un vrai dossier, trouvé un lien symbolique"))
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
                diagnostics.append(Diagnostic(display, 1, 1, codes.STRAY_FOLDER, "", f"attendu des fiches directement dans {kind}/, trouvé un dossier ; remontez ses fichiers .yaml dans {kind}/"))
                continue
            if file.is_symlink():
                diagnostics.append(Diagnostic(display, 1, 1, codes.SYMLINK, "", "attendu un fichier ordinaire, trouvé un lien symbolique"))
                continue
            if kind == "sources" and file.suffix == ".txt" and not file.is_symlink():
                continue  # a contributor's local copy of an article's text, for the quote check (model/quotes.py)
            if file.suffix != ".yaml":
                hint = file.stem + ".yaml" if file.suffix in (".yml", ".YAML") else None
                diagnostics.append(Diagnostic(display, 1, 1, codes.BAD_EXTENSION, "", f"attendu un fichier .yaml, trouvé {file.name!r}", hint))
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
