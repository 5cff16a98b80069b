"""Every diagnostic code, registered once: its severity and what it means, in French.

A diagnostic names its code (`error[unknown-field]`), and contributors look that code up in
CONTRIBUTING.md, section 7. So a code exists only here: `Diagnostic` refuses a code that is
not registered, emitters write `codes.UNKNOWN_FIELD` rather than a string, and
tests/test_codes.py checks that the guide's table has one row per code, worded as `summary_fr`,
and that no registered code goes unused. A new code is one line here and one row there.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

# An error stops the build; a warning (a likely duplicate, say) is shown and lets it pass.
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True, slots=True)
class Code:
    name: str  # as printed between brackets: error[name]
    severity: str  # ERROR or WARNING
    summary_fr: str  # one line for contributors: what it means (the guide's « Ce qu’il veut dire »)


_CODES: dict[str, Code] = {}


def _code(name: str, summary_fr: str, severity: str = ERROR) -> str:
    """Register a code and return its name, for a module constant (`UNKNOWN_FIELD = _code(...)`)."""
    assert name not in _CODES, f"diagnostic code {name!r} registered twice"
    assert severity in (ERROR, WARNING), severity
    _CODES[name] = Code(name, severity, summary_fr)
    return name


# --- the folders and files (model/load.py) -------------------------------------------------
NO_DATA = _code("no-data", "le dossier des fiches (`dossier/`) est introuvable")
SYMLINK = _code("symlink", "un lien symbolique à la place d’un dossier ou d’une fiche")
UNKNOWN_KIND = _code("unknown-kind", "un dossier de `dossier/` qui n’est pas un type de fiche (`events`, `sources`…)")
MISPLACED_FILE = _code("misplaced-file", "un fichier posé directement dans `dossier/`, hors d’un dossier de type")
STRAY_FOLDER = _code("stray-folder", "un sous-dossier dans un dossier de fiches")
BAD_EXTENSION = _code("bad-extension", "un fichier qui ne se termine pas par `.yaml` (`.yml`, `.txt`…)")
TOO_LARGE = _code("too-large", "un fichier de plus de 256 Kio")
UNREADABLE = _code("unreadable", "un fichier que la commande ne peut pas lire (droits, verrou)")
ENCODING = _code("encoding", "un fichier qui n’est pas en UTF-8")
BOM = _code("bom", "une marque d’ordre des octets (BOM) en tête de fichier")
LINE_BREAK = _code("line-break", "un retour chariot seul (fins de ligne du vieux Mac) ou un séparateur de ligne Unicode")

# --- YAML (model/load.py) ------------------------------------------------------------------
YAML_SYNTAX = _code("yaml-syntax", "le fichier n’est pas du YAML valide")
YAML_TAB = _code("yaml-tab", "une tabulation dans l’indentation")
YAML_ALIAS = _code("yaml-alias", "une ancre, un alias ou une clé de fusion (`&a`, `*a`, `<<`)")
UNSAFE_TAG = _code("unsafe-tag", "une balise YAML (`!!python/…`, `!x`)")
TOO_DEEP = _code("too-deep", "des listes ou des champs imbriqués trop profondément")
BAD_KEY = _code("bad-key", "un nom de champ qui n’est pas un simple mot (une liste ou un objet en clé)")
DUPLICATE_KEY = _code("duplicate-key", "un même champ écrit deux fois au même niveau")
EMPTY_FILE = _code("empty-file", "un fichier vide")
NOT_A_MAPPING = _code("not-a-mapping", "le fichier n’est pas une suite de champs `champ: valeur` (une liste, une valeur seule)")
BAD_CHAR = _code("bad-char", "un caractère invisible ou de contrôle (espace sans largeur, marque de direction…)")

# --- one field (model/validate.py) ---------------------------------------------------------
UNKNOWN_FIELD = _code("unknown-field", "un champ qui n’existe pas à cet endroit, souvent une faute de frappe")
MISSING_FIELD = _code("missing-field", "un champ requis manque ou n’a pas de valeur")
EMPTY = _code("empty", "un texte vide, ou fait seulement de caractères invisibles")
BAD_TYPE = _code("bad-type", "une valeur de la mauvaise forme : un texte, une liste ou un objet à la place d’un autre")
YAML_TRAP = _code("yaml-trap", "YAML lit un texte comme un nombre, un booléen (`no`) ou une date")
TOO_LONG = _code("too-long", "un texte plus long que le champ ne le permet")
MULTILINE = _code("multiline", "un saut de ligne dans un champ d’une seule ligne")
TOO_FEW = _code("too-few", "une liste trop courte (des `sources`, les versions d’une contradiction)")
TOO_MANY = _code("too-many", "une liste trop longue")
DUPLICATE_ITEM = _code("duplicate-item", "un même élément deux fois dans une liste")
BAD_ID = _code("bad-id", "un nom de fichier ou un `id` qui n’est pas fait de minuscules sans accents, de chiffres et de tirets simples")
RESERVED_ID = _code("reserved-id", "un nom de fichier réservé (`index`, `con`, `nul`…)")
DUPLICATE_ID = _code("duplicate-id", "un identifiant déjà pris par une autre fiche, de n’importe quel type, ou deux déclarations au même `id`")
BAD_DATE = _code("bad-date", "une date impossible ou mal écrite")
FUTURE_DATE = _code("future-date", "une date à venir")
BAD_URL = _code("bad-url", "une adresse qui n’est pas celle d’une page web publique en `http://` ou `https://`")
BAD_ENUM = _code("bad-enum", "une valeur hors de la liste permise (`kind: déclaration`)")
BAD_NUMBER = _code("bad-number", "un nombre illisible ou hors des bornes (des coordonnées)")
BAD_REF = _code("bad-ref", "une référence qui n’est pas un identifiant, ou une déclaration écrite sans `/`")
BAD_SEED = _code("bad-seed", "un `seed` qui n’est pas un nom de fichier `.txt` de `shared/seeds`")

# --- one record, its fields together (model/validate.py) -----------------------------------
QUOTE_MARKS = _code("quote-marks", "une citation écrite avec ses guillemets")
UNBALANCED_QUOTES = _code("unbalanced-quotes", "des guillemets ouverts sans être fermés (« sans », “ sans ”, un \" seul)")
END_BEFORE_START = _code("end-before-start", "une fin avant le début (`end_date`, `to`)")
EMPTY_SIDE = _code("empty-side", "une version de contradiction qui ne nomme ni déclaration ni événement")
UNSOURCED = _code("unsourced", "une description, ou un lieu que les sources nomment, sans `sources`")
MISSING_BASIS = _code("missing-basis", "une date sans le `…_basis` qui dit d’où elle vient")
ORPHAN_FIELD = _code("orphan-field", "un `…_basis`, `…_outside` ou `…_printed` sans la date qu’il accompagne")
BAD_REFINEMENT = _code("bad-refinement", "un `…_outside` qui ne précise pas la date des articles")
MISSING_NOTE = _code("missing-note", "une date déduite ou hors corpus, ou un lieu que les sources ne nomment pas, sans explication")

# --- records together (model/validate.py, model/similar.py) --------------------------------
DANGLING_REF = _code("dangling-ref", "un identifiant qui ne mène à aucune fiche (ou à aucune déclaration de l’événement)")
WRONG_KIND = _code("wrong-kind", "un identifiant qui mène à une fiche du mauvais type (ou à un lieu du mauvais type)")
SELF_REF = _code("self-ref", "une fiche qui se cite elle-même")
CYCLE = _code("cycle", "des rattachements qui bouclent (`parent`, `within`)")
PROVENANCE_LOOP = _code("provenance-loop", "un `via` qui nomme le média ou l’agence de la source elle-même")
DUPLICATE_URL = _code("duplicate-url", "deux sources pour la même adresse")
QUOTE_NOT_IN_SOURCE = _code("quote-not-in-source", "une citation que le texte de la source citée n’imprime pas tel quel")
NEAR_DUPLICATE = _code("near-duplicate", "un nom proche de celui d’une autre fiche", WARNING)

CODES: MappingProxyType[str, Code] = MappingProxyType(_CODES)
