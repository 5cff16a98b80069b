"""`dossier fmt`: one canonical layout for record files, keeping every comment.

Not a YAML dump (it would drop comments and reflow text): node positions from
`yaml.compose` say which whole lines to move and which single scalars to rewrite.

- The first line is the editor modeline (editor_schema.modeline).
- Block mappings known to schema.py get their keys in the spec's order, unknown keys
  last; a key takes its value's lines and the comments and blank lines just above it.
  Lines before a mapping's first key (the top-of-file comments) stay first.
- A single-line scalar in a block mapping or list is plain when YAML reads the plain text
  back as the same string, else double-quoted; dates are always double-quoted. Numbers,
  block scalars, multi-line scalars, keys and flow collections (`[a, b]`, `{lat: 1, lon: 2}`,
  their scalars too) stay as written.
- No trailing spaces outside scalar content, "\\n" line ends, one final newline, three or
  more blank lines collapsed to one.

The output must mean what the input meant (checked each time; a date compares by its
text, quoting a plain `2021` being the point); formatting twice changes nothing. A file
that does not load, or uses anchors, tags or duplicate keys, is left as it is.

`dump_record` writes a record from its values (for generated files): the same key order
and quoting, so `dossier fmt` leaves its output as it is.
"""
from __future__ import annotations

import json
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

from ..contrib.editor_schema import modeline as editor_modeline
from ..core import charset
from ..core.write import replace_file
from ..model import schema as s
from ..model.load import LOADER, STD_TAG, too_deep  # the loader's own YAML reader, tag prefix and depth guard
from ..model.records import KINDS

_MODELINE_START = "# yaml-language-server:"
_DATE_TAGS = {STD_TAG + t for t in ("str", "int", "float", "timestamp")}
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
# Written escaped, never raw: what YAML does not allow raw or reads as a line break, and
# invisible characters (zero-width space, direction overrides), so a reader sees them.
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_BLOCK_HEADER = re.compile(r"[|>]([-+0-9]*)")
_FIX_FIRST = "corrigez d’abord les erreurs que signale `make check`"


@dataclass(frozen=True, slots=True)
class FmtResult:
    """One file: its path relative to the root (POSIX), whether formatting changed it, the
    formatted text (the original when unchanged or refused) and why it was refused, if it was."""

    path: str
    changed: bool
    text: str
    problem: Optional[str] = None


class _Refused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(f"ligne {line} : {message}")


def format_text(text: str, kind: str) -> tuple[str, Optional[str]]:
    """(formatted text, None), or (text unchanged, the reason) when the file is left alone."""
    spec = s.KIND_SPECS[kind]
    try:
        root = _compose(text)
        before = _meaning(root, spec, yaml.constructor.SafeConstructor())
        formatted = _Layout(text.replace("\r\n", "\n").replace("\r", "\n"), root, spec).render(kind)
    except _Refused as exc:
        return text, f"{exc} ; {_FIX_FIRST}"
    except RecursionError:
        return text, f"ligne 1 : imbrication trop profonde ; {_FIX_FIRST}"
    try:
        same = _meaning(_compose(formatted), spec, yaml.constructor.SafeConstructor()) == before
    except (_Refused, RecursionError):
        same = False
    if not same:
        return text, "formatting would change what the file means, so it was left as it is (a bug in `dossier fmt`: please report it)"
    return formatted, None


def format_paths(paths: list[Path], root: Path, check: bool) -> list[FmtResult]:
    """Format each record file (its kind is its folder's name); unless `check`, write back the changed ones."""
    results = []
    for path in paths:
        shown = _display(path, root)
        if path.parent.name not in KINDS:
            results.append(FmtResult(shown, False, "", "attendu une fiche dans l’un des dossiers " + ", ".join(KINDS)))
            continue
        if path.is_symlink() or not path.is_file():
            results.append(FmtResult(shown, False, "", "attendu un fichier ordinaire"))
            continue
        try:
            data = path.read_bytes()
            text = data.decode("utf-8")
        except OSError as exc:
            results.append(FmtResult(shown, False, "", f"attendu un fichier lisible, trouvé une erreur de lecture ({exc.strerror})"))
            continue
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            results.append(FmtResult(shown, False, "", f"ligne {line} : attendu du texte UTF-8 ; {_FIX_FIRST}"))
            continue
        formatted, problem = format_text(text, path.parent.name)
        changed = problem is None and formatted != text
        if changed and not check:
            _replace(path, formatted)
        results.append(FmtResult(shown, changed, formatted, problem))
    return results


def record_files(data_dir: Path) -> list[Path]:
    """Every `<kind>/<id>.yaml` under data_dir, sorted; hidden files are not records (as in load.py)."""
    found = []
    for kind in KINDS:
        folder = data_dir / kind
        if folder.is_dir() and not folder.is_symlink():
            found += [f for f in folder.iterdir() if not f.name.startswith(".") and f.suffix == ".yaml" and f.is_file() and not f.is_symlink()]
    return sorted(found)


# --- reading ---------------------------------------------------------------------------


def _compose(text: str) -> yaml.MappingNode:
    """The root node, or _Refused for what only a contributor can fix."""
    if text.startswith("\ufeff"):
        raise _Refused(1, "trouvé une marque d’ordre des octets (BOM)")
    for char in "\x85\u2028\u2029":  # YAML line breaks that str.split("\n") would not see
        if char in text:
            raise _Refused(text.count("\n", 0, text.index(char)) + 1, f"trouvé le séparateur de ligne U+{ord(char):04X}")
    deep = too_deep(text)
    if deep is not None:
        raise _Refused(deep.line + 1, f"trouvé plus de {s.MAX_DEPTH} niveaux d’imbrication")
    try:
        for event in yaml.parse(text, Loader=LOADER):
            line = event.start_mark.line + 1 if event.start_mark else 1  # the parser marks every event
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _Refused(line, "trouvé une ancre ou un alias (&nom, *nom)")
            tag = getattr(event, "tag", None)  # only scalars and collections have one
            if tag is not None:
                raise _Refused(line, f"trouvé la balise {tag!r}")
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise _Refused(mark.line + 1 if mark else 1, "trouvé une erreur de syntaxe YAML (`make check` la situe et l’explique)") from None
    except yaml.YAMLError as exc:
        raise _Refused(1, f"trouvé une erreur YAML ({type(exc).__name__})") from None
    if not isinstance(node, yaml.MappingNode):
        raise _Refused(node.start_mark.line + 1 if node else 1, "attendu des champs (champ: valeur) au premier niveau")
    return node


def _field(ftype: Any, key: str) -> Any:
    spec = ftype.fields.get(key) if isinstance(ftype, s.Struct) else None
    return spec.type if spec else None


def _item(ftype: Any) -> Any:
    return ftype.item if isinstance(ftype, s.ListOf) else None


def _scalar_type(ftype: Any) -> Any:
    """A struct written as a bare string (`- afp-2021` for a source ref) has its shorthand field's type."""
    return _field(ftype, ftype.shorthand) if isinstance(ftype, s.Struct) and ftype.shorthand else ftype


def _meaning(node: yaml.Node, ftype: Any, construct: yaml.constructor.SafeConstructor) -> Any:
    """What yaml.safe_load gives, with each scalar's type, except that a date is its text.

    Refuses duplicate, complex and merge keys, and values the safe loader cannot build.
    """
    if isinstance(node, yaml.MappingNode):
        fields: dict[str, Any] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.tag == STD_TAG + "merge":
                raise _Refused(key.start_mark.line + 1, "attendu un simple nom de champ, trouvé une clé complexe ou de fusion")
            if key.value in fields:
                raise _Refused(key.start_mark.line + 1, f"trouvé le champ {key.value!r} deux fois")
            fields[key.value] = _meaning(value, _field(ftype, key.value), construct)
        return fields
    if isinstance(node, yaml.SequenceNode):
        return [_meaning(v, _item(ftype), construct) for v in node.value]
    if isinstance(_scalar_type(ftype), s.Date):
        return ("date", node.value)
    try:
        value = construct.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):  # `=`, `2021-02-30` in a text field
        raise _Refused(node.start_mark.line + 1, f"trouvé une valeur que YAML ne sait pas lire : {node.value!r}") from None
    return (type(value), value)


# --- canonical scalars -----------------------------------------------------------------


def _hidden(char: str) -> bool:
    return bool(_NON_PRINTABLE.match(char)) or charset.is_invisible(char)


def _quote(value: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes are YAML's too."""
    return "".join((f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}") if _hidden(c) else c for c in json.dumps(value, ensure_ascii=False))


@lru_cache(maxsize=8192)
def _plain_ok(value: str) -> bool:
    """True when `k: value` reads back as exactly this string, with nothing YAML might misread."""
    if not value or value != value.strip() or value[0] in _INDICATORS or value.endswith(":"):
        return False
    if ": " in value or " #" in value or "\t" in value or "\n" in value or any(map(_hidden, value)):
        return False
    try:
        loaded = yaml.load("k: " + value, Loader=LOADER)
    except (yaml.YAMLError, ValueError, OverflowError):
        return False
    return loaded == {"k": value} and type(loaded["k"]) is str


# --- writing a record from its values --------------------------------------------------

# A `key: text` line longer than LINE_WIDTH is folded (`key: >-`) into lines of at most
# FOLD_WIDTH characters from the margin, as in the hand-written records.
LINE_WIDTH = 92
FOLD_WIDTH = 90
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
_ID = re.compile(r"[a-z0-9]+(?:[-/][a-z0-9]+)*")  # ids and claim refs (event-id/claim-id)
_FLOW_PLAIN = re.compile(r"[a-z0-9][a-z0-9/-]*")  # plain inside [a, b] too


def dump_record(kind: str, record: Mapping[str, Any]) -> str:
    """A record's text from its values, laid out as `dossier fmt` leaves it.

    Keys come in the schema's order (unknown ones last, as given); None, "" and empty
    collections are absent fields, left out; text is plain or double-quoted by fmt's rule,
    dates always quoted, and folded (`>-`) past LINE_WIDTH. A mapping of numbers is written
    `{lat: 1.5, lon: 2.0}`; a tuple of ids `[a, b]` when it fits on its key's line; a list
    one item a line.
    """
    out = [editor_modeline(kind)]
    _dump_mapping(record, s.KIND_SPECS[kind], 0, out)
    return "\n".join(out) + "\n"


def _present(record: Mapping[str, Any], ftype: Any) -> list[tuple[str, Any]]:
    """The fields that have a value, in the spec's order."""
    rank = {name: i for i, name in enumerate(ftype.fields)} if isinstance(ftype, s.Struct) else {}
    pairs = [(k, v) for k, v in record.items() if v is not None and (v or not isinstance(v, (str, Sequence, Mapping)))]
    return sorted(pairs, key=lambda pair: rank.get(pair[0], len(rank)))


def _dump_mapping(record: Mapping[str, Any], ftype: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in _present(record, ftype):
        head = f"{pad}{key}:"
        spec = _field(ftype, key)
        if isinstance(value, str) and len(head) + 1 + len(value) > LINE_WIDTH and _foldable(value) and not isinstance(_scalar_type(spec), s.Date):
            out.append(f"{head} >-")
            out.extend(" " * (indent + 2) + line for line in _fold(value, FOLD_WIDTH - indent - 2))
        elif isinstance(value, (str, int, float)):
            out.append(f"{head} {_inline(value, spec)}")
        elif isinstance(value, Mapping) and all(_is_number(v) for v in value.values()):
            out.append(f"{head} {{{', '.join(f'{k}: {v!r}' for k, v in _present(value, spec))}}}")
        elif isinstance(value, Mapping):
            out.append(head)
            _dump_mapping(value, spec, indent + 2, out)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value) and len(head) + sum(len(_flow_item(v)) + 2 for v in value) < LINE_WIDTH:
            out.append(f"{head} [{', '.join(map(_flow_item, value))}]")
        elif isinstance(value, (list, tuple)):
            out.append(head)
            for item in value:
                if isinstance(item, Mapping):
                    lines: list[str] = []
                    _dump_mapping(item, _item(spec), indent + 4, lines)
                    out.append(f"{pad}  - {lines[0][indent + 4:]}" if lines else f"{pad}  - {{}}")
                    out.extend(lines[1:])
                else:
                    out.append(f"{pad}  - {_inline(item, _item(spec))}")
        else:
            raise TypeError(f"expected text, a number, a list or a mapping for {key}, found {type(value).__name__}")


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _inline(value: object, ftype: Any) -> str:
    """A scalar on its key's line: a date double-quoted, a number as Python writes it, text by fmt's rule."""
    if _is_number(value):
        return repr(value)
    if not isinstance(value, str):
        raise TypeError(f"expected text, a number, a list or a mapping, found {type(value).__name__}")
    if isinstance(_scalar_type(ftype), s.Date):
        return _quote(value)
    return value if _surely_plain(value) or _plain_ok(value) else _quote(value)


def _flow_item(value: str) -> str:
    return value if _FLOW_PLAIN.fullmatch(value) and (_surely_plain(value) or _plain_ok(value)) else _quote(value)


def _surely_plain(value: str) -> bool:
    """A quick yes, without asking the YAML reader, where _plain_ok would say yes: ids and most prose.

    Of the values YAML reads as other than text, only booleans and null start with a letter,
    and an id (a-z, 0-9, hyphens) is a number or a date only without a letter, or as 0x…, 0b….
    """
    if len(value) <= 5 and value.lower() in _YAML_WORDS:
        return False
    if _ID.fullmatch(value):
        return not value.startswith(("0x", "0b")) and not value.replace("-", "").replace("/", "").isdigit()
    return (value[:1].isalpha() and value.isprintable() and not value.endswith((" ", ":")) and ": " not in value and " #" not in value
            and not charset.has_ignorable(value))


def _foldable(value: str) -> bool:
    """Text that a folded block gives back as it is: single spaces between words, every character shown."""
    return value.isprintable() and "  " not in value and value[0] != " " and value[-1] != " " and not charset.has_ignorable(value)


def _fold(text: str, width: int) -> list[str]:
    """Greedy lines of at most width characters, never breaking inside `« word`, `word »` or `word :`."""
    words = text.split(" ")
    if "«" in text or "»" in text or " :" in text or " ;" in text:
        glued: list[str] = []
        glue = False
        for word in words:
            if glued and (glue or word[:1] in "»:;?!"):
                glued[-1] += " " + word
            else:
                glued.append(word)
            glue = word.endswith("«")
        words = glued
    lines: list[str] = []
    line: list[str] = []
    size = -1
    for word in words:
        if line and size + 1 + len(word) > width:
            lines.append(" ".join(line))
            line, size = [word], len(word)
        else:
            line.append(word)
            size += 1 + len(word)
    lines.append(" ".join(line))
    return lines


# --- layout ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Region:
    """A mapping to reorder: last line, chunks (first, last line) in order, key column, first key line before and after."""

    end: int
    chunks: list[tuple[int, int]]
    col: int
    first_key: int
    new_first_key: int


class _Layout:
    """One file's lines, the scalars to rewrite, the lines to protect and the mappings to reorder."""

    def __init__(self, text: str, root: yaml.MappingNode, spec: s.Struct):
        self.lines = text.split("\n")
        self.protected: set[int] = set()  # scalar content: never stripped or collapsed
        self.edits: list[tuple[int, int, int, str]] = []  # line, start column, end column, new text
        self.regions: dict[int, _Region] = {}  # by the line of the first key
        self.walk(root, spec, True)

    def walk(self, node: yaml.Node, ftype: Any, block: bool) -> None:
        """Note scalars to rewrite, lines to protect and mappings to reorder; `block`: the parent is block-style."""
        if isinstance(node, yaml.ScalarNode):
            self.scalar(node, _scalar_type(ftype), block)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.walk(item, _item(ftype), block and not node.flow_style)
        elif isinstance(node, yaml.MappingNode):  # compose makes no other kind of node
            inner = block and not node.flow_style
            for key, value in node.value:
                self.walk(value, _field(ftype, key.value), inner)
            if inner and isinstance(ftype, s.Struct):
                self.mapping(node, ftype)

    def scalar(self, node: yaml.ScalarNode, ftype: Any, block: bool) -> None:
        start, end = node.start_mark, node.end_mark
        if node.style in ("|", ">"):
            self.protected.update(range(start.line + 1, self.block_end(node) + 1))
        elif start.line != end.line:
            self.protected.update(range(start.line, end.line + 1))
        elif block and isinstance(ftype, s.Date) and node.tag in _DATE_TAGS:
            self.edits.append((start.line, start.column, end.column, _quote(node.value)))
        elif block and node.tag == STD_TAG + "str" and not isinstance(ftype, s.Number):
            self.edits.append((start.line, start.column, end.column, node.value if _plain_ok(node.value) else _quote(node.value)))

    def block_end(self, node: yaml.ScalarNode) -> int:
        """The last content line of a block scalar; trailing blank lines count only when kept (`|+`)."""
        end = node.end_mark
        last = end.line if end.column else end.line - 1
        header = _BLOCK_HEADER.match(self.lines[node.start_mark.line], node.start_mark.column)
        if not (header and "+" in header.group(1)):
            while last > node.start_mark.line and not self.lines[last].strip():
                last -= 1
        return last

    def last_line(self, node: yaml.Node) -> int:
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return self.block_end(node)
        if isinstance(node, yaml.MappingNode) and not node.flow_style:
            return self.last_line(node.value[-1][1])
        if isinstance(node, yaml.SequenceNode) and not node.flow_style:
            return self.last_line(node.value[-1])
        return node.end_mark.line

    def mapping(self, node: yaml.MappingNode, struct: s.Struct) -> None:
        rank = {name: i for i, name in enumerate(struct.fields)}
        pairs = node.value
        order = sorted(range(len(pairs)), key=lambda i: (rank.get(pairs[i][0].value, len(rank)), i))
        if order == list(range(len(pairs))):
            return
        col = pairs[0][0].start_mark.column
        keys = [k.start_mark.line for k, _ in pairs]
        ends = [self.last_line(v) for _, v in pairs]
        # Only a plain layout moves: each key alone at the start of its line (after `- ` for
        # the first), at one column, with its `:` on that line.
        if not re.fullmatch(r"[ -]*", self.lines[keys[0]][:col]):
            return
        for i, (key, _) in enumerate(pairs):
            if key.start_mark.column != col or key.end_mark.line != keys[i]:
                return
            if i and (keys[i] <= ends[i - 1] or self.lines[keys[i]][:col].strip()):
                return
        starts = [keys[0]] + [self.chunk_start(keys[i], ends[i - 1], col) for i in range(1, len(pairs))]
        chunks = [(starts[i], starts[i + 1] - 1 if i + 1 < len(pairs) else ends[i]) for i in range(len(pairs))]
        self.regions[keys[0]] = _Region(ends[-1], [chunks[i] for i in order], col, keys[0], keys[order[0]])

    def chunk_start(self, key_line: int, prev_end: int, col: int) -> int:
        """A key owns the blank lines and the comments (not indented deeper than it) just above it."""
        line = key_line
        while line - 1 > prev_end:
            above = self.lines[line - 1]
            if above.strip() and not (above.lstrip(" ").startswith("#") and len(above) - len(above.lstrip(" ")) <= col):
                break
            line -= 1
        return line

    def arrange(self, lo: int, hi: int) -> list[int]:
        """Line numbers lo..hi in output order, every reorderable mapping among them reordered."""
        out: list[int] = []
        line = lo
        while line <= hi:
            region = self.regions.get(line)
            if region is None:
                out.append(line)
                line += 1
                continue
            for first, last in region.chunks:
                if first == line:  # the chunk of the first key starts the region: do not recurse into it
                    out += [first] + self.arrange(first + 1, last)
                else:
                    out += self.arrange(first, last)
            line = region.end + 1
        return out

    def render(self, kind: str) -> str:
        text = list(self.lines)
        for row, start, end, replacement in sorted(self.edits, reverse=True):
            text[row] = text[row][:start] + replacement + text[row][end:]
        for region in self.regions.values():  # the `- ` of a list item goes to its new first key
            c, old, new = region.col, region.first_key, region.new_first_key
            dash = text[old][:c]
            text[old] = " " * c + text[old][c:]
            text[new] = dash + text[new][c:]
            if "-" in dash:  # the comments above the new first key now sit above the `- `: align them
                indent = " " * (len(dash) - len(dash.lstrip(" ")))
                for i in range(region.chunks[0][0], new):
                    text[i] = indent + text[i].lstrip(" ") if text[i].strip() else text[i]
        out: list[str] = []
        blanks = 0
        for i in self.arrange(0, len(text) - 1):
            line = text[i] if i in self.protected else text[i].rstrip(" \t")
            if not line and i not in self.protected:
                blanks += 1
                continue
            if out:  # blank lines at the top go
                out += [""] * (blanks if blanks < 3 else 1)
            blanks = 0
            out.append(line)
        modeline = editor_modeline(kind)
        if out and out[0].startswith(_MODELINE_START):
            out[0] = modeline
        else:
            out.insert(0, modeline)
        return "\n".join(out) + "\n"


def _replace(path: Path, text: str) -> None:
    """Write atomically (write.replace_file), keeping the file's mode."""
    replace_file(path, text.encode("utf-8"), stat.S_IMODE(path.stat().st_mode))


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
