"""Likely duplicates: a person, organisation or place named almost like another record.

Two records whose names or aliases are the same once accents, case and punctuation are
set aside (Guerassimov, Guérassimov), or nearly the same (Gerasimov, Guérassimov), are
probably one entity written twice. That is a warning, not an error: two different people
may share a surname. The fix is usually to add the spelling as an alias of the existing
record and delete the new one.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..core import codes
from ..core.errors import Diagnostic
from ..core.text import fold_accents
from ..model.load import RawRecord, field_position
from . import kinds
from . import records as r
from . import schema as s

KINDS = tuple(k.name for k in kinds.REGISTRY if k.alike_names)  # ("people", "organisations", "places")
# Calibrated on the dossier: distinct records reach 0.83 ("Département d’État" and
# "Département de la Défense"); spellings of one name score 0.9 and more.
THRESHOLD = 0.88
MIN_LENGTH = 5  # shorter names (AFP, AP) are compared for equality only
WORD_THRESHOLD = 0.75
MAX_BLOCK = 150
# Words that say what someone is, not who: "général Valery Gerasimov" is Gerasimov.
_TITLES = {"general", "colonel", "amiral", "president", "ministre", "porte", "parole", "m", "mme", "dr", "le", "la", "les", "l"}


@dataclass(frozen=True, slots=True)
class Name:
    kind: str
    id: str
    text: str  # as written
    key: str  # normalised: what is compared
    field: str  # where it is written: name or aliases[i]


def normalise(text: str) -> str:
    """Lowercase words: accents, case, punctuation, elisions (l’, d’) and titles set aside.

    Letters of other scripts are kept as they are, so two Cyrillic names do not both
    reduce to nothing.
    """
    words = re.findall(r"[^\W_]+", fold_accents(text).casefold())  # an apostrophe separates: l’Iran is l + iran
    kept = [w for w in words if w not in _TITLES]
    return " ".join(kept or words)


def names_of(record: r.Record, kind: str) -> Iterable[Name]:
    yield Name(kind, record.id, record.name, normalise(record.name), "name")  # type: ignore[union-attr]
    for i, text in enumerate(r.alias_names(record)):
        yield Name(kind, record.id, text, normalise(text), f"aliases[{i}]")


def similarity(a: str, b: str, people: bool = False) -> float:
    """1.0 for the same normalised name; otherwise difflib's ratio, for names long enough.

    For people, a full name against a bare surname (Valery Gerasimov, Guérassimov) also
    compares the surnames.
    """
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_LENGTH:
        return 0.0
    surnames_possible = people and (" " in a) != (" " in b)
    if not surnames_possible and 2 * min(len(a), len(b)) / (len(a) + len(b)) < THRESHOLD:
        return 0.0  # real_quick_ratio's bound, before the matcher is even built
    # Each word of the shorter name needs a close counterpart in the other: "Organisation A"
    # and "Organisation B" differ by a whole word, Guerassimov and Gerasimov by a letter.
    matcher = difflib.SequenceMatcher(None, a, b)
    last_a, last_b = a.rsplit(" ", 1)[-1], b.rsplit(" ", 1)[-1]
    surnames = people and (" " in a) != (" " in b) and min(len(last_a), len(last_b)) >= MIN_LENGTH
    if not surnames and (matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD):
        return 0.0  # cheap upper bounds: these two cannot reach the threshold
    wa, wb = a.split(), b.split()
    # Both ways when the names have as many words, so that similarity(a, b) == similarity(b, a).
    checks = [(wa, wb), (wb, wa)] if len(wa) == len(wb) else [(wa, wb) if len(wa) < len(wb) else (wb, wa)]
    if any(max(_ratio(w, other) for other in long) < WORD_THRESHOLD for short, long in checks for w in short):
        return 0.0
    score = matcher.ratio()
    if surnames:
        score = max(score, _ratio(last_a, last_b) - 0.01)
    return score


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def blocking_keys(key: str) -> set[str]:
    """Keys two close names share: each word's consonant skeleton, and that skeleton less one letter.

    Spellings of one name differ in vowels, doubled letters or one consonant (Gerasimov,
    Guérassimov; Milley, Miley), so they share a key, and only names sharing a key are
    compared: near-linear instead of every pair. Identical names share the name itself.
    """
    keys = {"=" + key}
    for word in key.split():
        if len(word) < MIN_LENGTH - 1 or word.isdigit():
            continue  # numbers are not spellings: "Lieu 12" and "Lieu 13" are two places
        skeleton = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word)) or word
        keys.add(skeleton)
        keys.update(skeleton[:i] + skeleton[i + 1 :] for i in range(len(skeleton)) if len(skeleton) > 2)
    return keys


def close_pairs(names: list[Name]) -> list[tuple[Name, Name, float]]:
    """Every pair of names of different records of one kind at or above THRESHOLD; the best pair per two records."""
    return _close_pairs(tuple(names))


@functools.lru_cache(maxsize=2)  # `mkdocs serve` asks again after each edit, usually with the same names
def _close_pairs(names: tuple[Name, ...]) -> list[tuple[Name, Name, float]]:
    """Work stays near-linear in the number of names, whatever a pull request holds:

    - a block keeps each written form once per record (fifty identical aliases are one);
    - a block of identical names pairs each record with the block's first record only
      (a chain says they are all one, without the square of their number);
    - a block of merely similar names larger than MAX_BLOCK is skipped (a common word);
    - each pair of forms of two records is scored once, whichever blocks bring it up.
    """
    best: dict[tuple[str, str], tuple[Name, Name, float]] = {}
    blocks: dict[tuple[str, str], dict[tuple[str, str], Name]] = {}
    for name in sorted(names, key=lambda n: (n.kind, n.id, n.field)):
        for key in blocking_keys(name.key):
            blocks.setdefault((name.kind, key), {}).setdefault((name.id, name.key), name)
    scored: set[tuple[str, str, str, str]] = set()
    for (kind, key), by_record in blocks.items():
        group = list(by_record.values())
        if key.startswith("="):
            first = group[0]
            for other in group[1:]:
                if other.id != first.id:
                    best[(first.id, other.id)] = (first, other, 1.0)
            continue
        if len(group) > MAX_BLOCK:
            continue  # a word too common to tell names apart ("ministère"); rarer words still pair them
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pair, forms = (a.id, b.id), (a.id, b.id, a.key, b.key)
                if a.id == b.id or forms in scored or (pair in best and best[pair][2] == 1.0):
                    continue
                scored.add(forms)
                score = similarity(a.key, b.key, people=kind == "people")
                if score >= THRESHOLD and (pair not in best or score > best[pair][2]):
                    best[pair] = (a, b, score)
    return [best[k] for k in sorted(best)]


def canonical_url(url: str) -> str:
    """A URL as compared for duplicates: http = https, no www., no fragment, no tracking, no final slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")])
    return urlunsplit(("http", host, parts.path.rstrip("/"), query, ""))


def duplicate_urls(records: list[r.Record], raws: list[RawRecord]) -> list[Diagnostic]:
    """An error on a source whose address (url or archive_url) another source already records."""
    raw_by = {raw.id: raw for raw in raws}
    first: dict[str, tuple[str, str]] = {}
    out: list[Diagnostic] = []
    for source in sorted((rec for rec in records if isinstance(rec, r.Source)), key=lambda rec: rec.id):
        for field in ("url", "archive_url"):
            url = getattr(source, field)
            if not url:
                continue
            key = canonical_url(url)
            if key in first and first[key][0] != source.id:
                other, other_field = first[key]
                line, col = field_position(raw_by[source.id].root, field)
                message = f"attendu une nouvelle adresse, trouvé une adresse déjà enregistrée par sources/{other} ({other_field}) ; un article, une fiche source : complétez celle-là"
                out.append(Diagnostic(source.path, line, col, codes.DUPLICATE_URL, field, message))
            first.setdefault(key, (source.id, field))
    return out


def near_duplicates(records: list[r.Record], raws: list[RawRecord]) -> list[Diagnostic]:
    """A warning on each record whose name is close to another's, naming the closest one.

    One warning a record at most (its closest match, then the first by id), so the report
    grows with the records, not with the pairs: a thousand look-alikes give a thousand lines.
    """
    raw_by = {raw.id: raw for raw in raws}
    names = [n for rec in records for kind in KINDS if s.KIND_OF_CLASS.get(rec.__class__) == kind for n in names_of(rec, kind)]
    closest: dict[str, tuple[float, str, Name, Name]] = {}
    for a, b, score in close_pairs(names):
        for this, other in ((a, b), (b, a)):
            known = closest.get(this.id)
            if known is None or (-score, other.id) < (-known[0], known[1]):
                closest[this.id] = (score, other.id, this, other)
    out: list[Diagnostic] = []
    for score, _, this, other in (closest[rid] for rid in sorted(closest)):
        raw = raw_by[this.id]
        line, col = field_position(raw.root, this.field)
        how = "le même nom" if score == 1.0 else f"un nom proche (semblable à {score:.0%})".replace("%", "\u00a0%")
        label = kinds.kind(this.kind)
        message = (
            f"attendu {'une nouvelle' if label.feminine else 'un nouvel' if label.label[0] in 'aeéèiou' else 'un nouveau'} {label.label},"
            f" trouvé {how} que {other.kind}/{other.id} : {this.text!r} ici, {other.text!r} là ; si les deux désignent"
            f" {'la même' if label.feminine else 'le même'} {label.label}, gardez la fiche la plus ancienne, ajoutez les graphies"
            " de l’autre à ses alias et supprimez la plus récente"
        )
        out.append(Diagnostic(raw.path, line, col, codes.NEAR_DUPLICATE, this.field, message))
    return out


