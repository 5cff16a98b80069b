"""`dossier article`: one article into the dossier by answering questions, in French.

The terminal path for a journalist: no YAML to write and no template to trim. The command asks
for the article (address, title, outlet, date, language, kind, summary, and its text for the
quote check), then for the event it reports (title, kind, date, participants, places, summary),
accepts the forms people write (« 11/02/2022 », « appel », « Guerassimov »), and writes the
source and the event as `dossier fmt` would, then checks the dossier. The questions come from
`Prompt`, so tests answer them from a list and the CLI from the keyboard.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Optional, Sequence

from ..core.dates import PartialDate, suggest_date
from ..core.errors import closest
from ..core.text import fr_date, typed_key
from ..core.write import write_file
from ..model import records as r
from ..model import schema as s
from ..model.dossier import Dossier
from ..model.suggest import enum_suggestion
from ..model.validate import public_url_problem
from .fmt import dump_record
from .new import Request, derive_id, problems

# A question and its answer: the CLI reads the keyboard, a test reads a list.
Prompt = Callable[[str], str]


class Stop(Exception):
    """The contributor stopped (end of input, or « q »): nothing was written."""


@dataclass(frozen=True)
class Written:
    source: Path
    event: Optional[Path]
    text: Optional[Path]
    others: tuple[Path, ...] = ()  # the outlets, agencies, people and places made with them


class Interview:
    """The questions, each asked until the answer is one the dossier accepts."""

    def __init__(self, prompt: Prompt, say: Callable[[str], None]) -> None:
        self.prompt, self.say = prompt, say

    def ask(self, question: str, default: str = "", check: Callable[[str], tuple[Optional[str], str]] | None = None) -> str:
        shown = f"{question} [{default}] : " if default else f"{question} : "
        while True:
            try:
                answer = self.prompt(shown).strip()
            except EOFError:
                raise Stop from None
            if answer in ("q", "quitter"):
                raise Stop
            answer = answer or default
            if check is None:
                return answer
            value, problem = check(answer)
            if value is not None:
                return value
            self.say(f"  → {problem}")

    def yes(self, question: str, default: Optional[bool] = True) -> bool:
        """o or n; with no default, Enter alone is asked again (a question the contributor must weigh)."""
        answer = self.ask(question + (" (o/n)"), "" if default is None else "o" if default else "n",
                          lambda a: (a, "") if typed_key(a)[:1] in ("o", "n", "y") else (None, "répondez o ou n"))
        return typed_key(answer)[:1] in ("o", "y")

    def text(self, question: str) -> str:
        return self.ask(question, check=lambda a: (a, "") if a else (None, "une phrase au moins, en français, avec vos mots"))


def _date(answer: str) -> tuple[Optional[str], str]:
    text = suggest_date(answer) or answer
    try:
        return PartialDate.parse(text).iso(), ""
    except ValueError as exc:
        return None, f"date non comprise ({exc}) ; écrivez par exemple 2022-02-11, 11/02/2022 ou « février 2022 »"


_WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_DAYS_BEFORE = {"aujourd hui": 0, "ce jour": 0, "hier": 1, "avant hier": 2}
_WHEN = re.compile(r"(aujourd hui|ce jour|avant hier|hier|" + "|".join(_WEEKDAYS) + r")(?: (?:dernier|matin|midi|apres midi|soir|soir meme))?")
_BEFORE = ("le jour même", "la veille", "l’avant-veille")


def deduced_date(words: str, published: str) -> Optional[tuple[str, str]]:
    """The day an article's words name (« vendredi », « hier », « avant-hier soir »), counted back
    from its publication day, and the sentence that says how: None for other words, or when the
    publication is not known to the day. A weekday is the last one on or before publication (a
    dispatch of Friday 11 February 2022 that says « vendredi » means that day)."""
    try:
        day = PartialDate.parse(published)
    except ValueError:
        return None
    found = _WHEN.fullmatch(" ".join(typed_key(words.replace("’", " ").replace("'", " ").replace("-", " ")).split()))
    if day.day is None or day.month is None or found is None:
        return None
    out = dt.date(day.year, day.month, day.day)
    said = found.group(1)
    back = _DAYS_BEFORE[said] if said in _DAYS_BEFORE else (out.weekday() - _WEEKDAYS.index(said)) % 7
    if back == 0 and found.group(0).endswith(" dernier"):  # « vendredi dernier » in Friday's paper: a week before
        back = 7
    when = out - dt.timedelta(days=back)
    target = PartialDate(when.year, when.month, when.day)
    named = f"le {_WEEKDAYS[when.weekday()]} {fr_date(target)}"
    meant = f"{_BEFORE[back]}, {named}" if back < len(_BEFORE) else f"{named}, {back} jours plus tôt"
    return target.iso(), f"L’article est daté du {_WEEKDAYS[out.weekday()]} {fr_date(day)} ; « {words.strip()} » y désigne {meant}."


def _enum(ftype: s.Enum) -> Callable[[str], tuple[Optional[str], str]]:
    def check(answer: str) -> tuple[Optional[str], str]:
        if answer in ftype.values:
            return answer, ""
        meant = enum_suggestion(answer, ftype)
        choices = ", ".join(f"{value} ({label})" for value, label in ftype.values.items())
        return (meant, "") if meant else (None, f"au choix : {choices}")
    return check


def _url(answer: str) -> tuple[Optional[str], str]:
    from urllib.parse import urlsplit
    if not answer:
        return "", ""
    try:
        parts = urlsplit(answer)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        return None, "une adresse qui commence par http:// ou https://, ou rien"
    problem = public_url_problem(parts)
    return (None, problem) if problem else (answer, "")


_MEDIA_KINDS = s.Enum({k: v for k, v in s.ORGANISATION_KINDS.items() if k in ("news-agency", "newspaper", "broadcaster", "website", "other")},
                      {"agence": "news-agency", "quotidien": "newspaper", "hebdomadaire": "newspaper", "télévision": "broadcaster",
                       "radio": "broadcaster", "tv": "broadcaster", "site": "website"})


# Records the command makes besides the source and the event: (kind, id, fields).
Created = list[tuple[str, str, dict[str, object]]]


def _medium(q: Interview, dossier: Dossier, question: str, none: str, created: Created, agency: bool = False) -> Optional[str]:
    """An outlet or agency: an existing record, or a new one made from two answers (its name and kind)."""
    names = _records(dossier, ("organisations",), created)
    answer = q.ask(f"{question} (vide si {none})")
    if not answer:
        return None
    found = _pick_one(q, names, answer, dossier)
    if found:
        return found
    if not q.yes(f"  « {answer} » n’a pas de fiche. La créer maintenant ?"):
        q.say("  Sans fiche, la source ne le nommera pas : ajoutez-le plus tard (dossier new organisation).")
        return None
    # Named as the agency of a dispatch, it is one; an outlet may be any kind of medium.
    kind = "news-agency" if agency else q.ask(f"  Type de « {answer} » (agence, journal, télévision, site)", check=_enum(_MEDIA_KINDS))
    rid = derive_id(Request("organisations", answer))
    # Who owns it is for the guide's part 6 (étiquettes): « unknown » until a reviewer records it.
    created.append(("organisations", rid, {"name": answer, "kind": kind, "affiliation": {"status": "unknown"}}))
    q.say(f"  fiche à créer : organisations/{rid}.yaml (propriété non établie : voir la partie 6 du guide)")
    return rid


def _pick_one(q: Interview, names: dict[str, str], name: str, dossier: Optional[Dossier] = None) -> Optional[str]:
    """The record a name designates: by name, alias or id (accents aside), a first name or word, or the closest spelling, confirmed."""
    rid = names.get(typed_key(name))
    if rid is not None:
        if dossier is not None:  # the contributor sees which record the name was taken for
            q.say(f"  → {_shown(dossier, rid)}")
        return rid
    folded = typed_key(name)
    starts = {rid for known, rid in names.items() if folded in known.replace("-", " ").split()}
    near = starts.pop() if len(starts) == 1 else names.get(closest(folded, names) or "")
    if near and q.yes(f"  « {name.strip()} » : vouliez-vous dire {_shown(dossier, near) if dossier else near} ?"):
        return near
    return None


def _claim(q: Interview, dossier: Dossier, source_id: str, text: str, created: Created,
           new: Callable[[str], Optional[tuple[str, str, dict[str, object]]]]) -> Optional[dict[str, object]]:
    """One short quote of the article as a claim: who said it (a person made with `new` if they have
    no record yet), its exact words (checked against the text), in our words."""
    from ..model.quotes import normalise
    quote = q.ask("Une citation courte de l’article à garder, sans guillemets (vide sinon)")
    if not quote:
        return None
    while text and normalise(quote.strip("«»\"“” ")) not in normalise(text):
        q.say("  → ces mots ne sont pas dans le texte de l’article : recopiez-les tels quels")
        quote = q.ask("Citation (vide pour y renoncer)")
        if not quote:
            return None
    if text:
        q.say("  → citation trouvée dans le texte de l’article")
    names = _records(dossier, ("people", "organisations"), created)
    by = None
    while by is None:
        name = q.ask("Qui l’a dite ? (une personne ou une organisation ; si elle n’a pas de fiche, la commande propose de la créer)", check=lambda a: (a, "") if a else (None, "un nom"))
        by = _pick_one(q, names, name, dossier)
        if by is None and q.yes(f"  « {name} » n’a pas de fiche. Créer celle de cette personne maintenant ?"):
            made = new(name)
            by = made[1] if made else None
        if by is None:
            q.say("  → ce nom n’a pas de fiche : donnez-en un autre, ou créez la fiche ensuite (dossier new person)")
    said = q.text("Ce que dit la citation, avec vos mots")
    words = derive_id(Request("topics", said)).split("-")
    claim_id = "-".join(words[: max(1, next((i for i in range(len(words), 0, -1) if len("-".join(words[:i])) <= 40), 1))])
    return {"id": claim_id or "declaration", "by": by, "kind": "statement",
            "text": said, "quote": quote.strip("«»\"“” "), "sources": [source_id]}


def _text_file(answer: str) -> tuple[Optional[str], str]:
    if not answer:
        return "", ""
    path = Path(answer).expanduser()
    try:
        ok = path.is_file() and not path.is_symlink() and path.stat().st_size <= 1024 * 1024
        ok = ok and bool(path.read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError):
        ok = False
    return (answer, "") if ok else (None, "un fichier texte en UTF-8 (1 Mio au plus), ou rien")


def _shown(dossier: Dossier, rid: str) -> str:
    """A record as a journalist knows it: « Valeri Guérassimov (valeri-guerassimov) »."""
    for kind in dossier.records:
        record = dossier.records[kind].get(r.RecordId(rid))
        if record is not None:
            return f"{r.name_of(record)} ({rid})"
    return rid


def _records(dossier: Dossier, wanted: tuple[str, ...], created: Sequence[tuple[str, str, dict[str, object]]] = ()) -> dict[str, str]:
    """Every name, alias and id of the records of these kinds, folded, to the record's id; and the
    name of each record of these kinds made earlier in the same answers."""
    names: dict[str, str] = {}
    for kind in wanted:
        for record in dossier.all(kind):
            for name in (record.id, r.name_of(record), *r.alias_names(record)):
                names.setdefault(typed_key(name), record.id)
    for kind, rid, fields in created:
        if kind in wanted:
            names.setdefault(typed_key(str(fields["name"])), rid)
    return names


def _pick(interview: Interview, dossier: Dossier, wanted: tuple[str, ...], what: str, many: bool,
          new: Optional[Callable[[str], Optional[tuple[str, str, dict[str, object]]]]] = None) -> list[str]:
    """Records named by the contributor, each matched to an existing record (accents, aliases and
    typos aside); with `new`, a name without a record may be given one (`new` asks for it)."""
    names = _records(dossier, wanted)
    answer = interview.ask(f"{what} ({'noms séparés par des virgules, ' if many else ''}vide si aucun)")
    found: list[str] = []
    for name in [part for part in (answer.split(",") if many else [answer]) if part.strip()]:
        rid = _pick_one(interview, names, name, dossier)
        if rid is None and new is not None and interview.yes(f"  « {name.strip()} » n’a pas de fiche. La créer maintenant ?"):
            made = new(name.strip())
            if made is not None:
                rid = made[1]
                names[typed_key(name)] = rid
        if rid is None:
            interview.say(f"  « {name.strip()} » n’a pas de fiche : créez-la ensuite avec `dossier new`, puis ajoutez-la à la main.")
        elif rid not in found:
            found.append(rid)
    return found


def _new_record(q: Interview, data_dir: Path, root: Path, kind: str, source_id: str, created: Created) -> Callable[[str], Optional[tuple[str, str, dict[str, object]]]]:
    """What makes a person's record (its name and, if the article gives it, the role it says) or a
    place's (its name and type) from the contributor's answers; refused when its id is taken."""
    def make(name: str) -> Optional[tuple[str, str, dict[str, object]]]:
        rid = derive_id(Request(kind, name))
        refused = problems(Request(kind, name), data_dir, root, rid) + [f"l’identifiant « {rid} » est déjà celui d’une fiche créée plus haut"
                                                                         for _, other, _ in created if other == rid]
        if refused:
            for line in refused:
                q.say(f"  → {line}")
            return None
        record: dict[str, object] = {"name": name}
        if kind == "people":
            role = q.ask(f"  Fonction de {name}, telle que l’article la donne (vide si aucune)")
            if role:
                record["roles"] = [{"title": role, "sources": [source_id]}]
        else:
            record["kind"] = q.ask(f"  Type de « {name} » (ville, pays, région, base militaire…)", check=_enum(s.Enum(s.PLACE_KINDS)))
        created.append((kind, rid, record))
        q.say(f"  fiche à créer : {kind}/{rid}.yaml (le nom d’usage en français ; une autre graphie de l’article va dans aliases, partie 5 du guide)")
        return kind, rid, record
    return make


def interview(dossier: Dossier, data_dir: Path, root: Path, prompt: Prompt, say: Callable[[str], None]) -> Written:
    """Ask about the article and the event, write their records (and the text), return where (Stop)."""
    q = Interview(prompt, say)
    say("L’article (q pour arrêter sans rien écrire)")
    known = {getattr(src, "url", None): src.id for src in dossier.all("sources")}
    url = q.ask("Adresse de l’article (vide si elle n’existe pas)", check=_url)
    if url and url in known:
        say(f"Cet article est déjà dans le dossier : sources/{known[url]}.yaml. Complétez cette fiche.")
        raise Stop
    title = q.text("Titre exact, tel que publié")
    created: Created = []
    outlet = _medium(q, dossier, "Média qui le publie (Le Monde, Sputnik…)", "aucun", created)
    agency = _medium(q, dossier, "Agence dont c’est la dépêche (AFP, Belga…)", "aucune", created, agency=True)
    published = q.ask("Date de publication (2022-02-11, 11/02/2022, « février 2022 »)", check=_date)
    source_id = derive_id(Request("sources", title, published, url or None))
    publisher = outlet or agency
    if publisher and not url:  # the house style, média-sujet-année, where no address names the outlet
        source_id = "-".join([publisher, *[w for w in source_id.split("-") if w != publisher]])[:80].rstrip("-")
    # Refused before the summary is written, not after (`--id` is `dossier new`'s, not this command's).
    refused = problems(Request("sources", title, published, url or None), data_dir, root, source_id)
    if refused:
        for line in refused:
            say(re.sub(r"choisissez(-en)? un (autre )?identifiant avec --id|choisissez-en un autre avec --id", "relancez avec le titre exact de l’article", line))
        raise Stop
    printed = q.yes("Cette date de publication est-elle imprimée sur l’article ?")
    note = "" if printed else q.text("Comment la connaissez-vous ? (une phrase)")
    language = q.ask("Langue de l’article (fr, en, ru, fa, ar)", "fr", _enum(s.Enum(s.LANGUAGES)))
    kind = q.ask("Type (article, dépêche, reprise, communiqué…)", "dépêche" if agency and outlet in (None, agency) else "article",
                 _enum(s.Enum(s.SOURCE_KINDS, {"dépêche": "dispatch", "reprise": "republication"})))
    summary = q.text("Ce que dit l’article, en deux ou trois phrases, avec vos mots")
    source = {"title": title, "outlet": outlet if outlet != agency else None, "agency": agency, "published": published,
              "published_basis": "printed" if printed else "deduced", "published_note": note or None, "url": url or None,
              "language": language, "kind": kind, "summary": summary}
    text = q.ask("Fichier .txt du texte de l’article, pour vérifier les citations (glissez-le dans le terminal ; vide sinon)", check=_text_file)
    event = None
    if q.yes("Ajouter l’événement que rapporte l’article ?"):
        event_title = q.text("Titre de l’événement, en français (par exemple « Rencontre Dunford–Guérassimov à Bakou »)")
        event_kind = q.ask("Type d’événement (rencontre, appel, sommet, déclaration…)", check=_enum(s.Enum(s.EVENT_KINDS, s.EVENT_KIND_WORDS)))
        # No default: Enter would take the date at the head of a dispatch (its publication's) for the event's.
        date_printed = q.yes("L’article écrit-il la date de l’événement elle-même (« le 3 mars »), pas seulement « vendredi »,"
                             " « hier » ? (la date en tête d’une dépêche est celle de sa publication)", default=None)
        words = "" if date_printed else q.text("Ce que l’article en dit (« vendredi », « hier », « la semaine dernière »)")
        # « vendredi », « hier »: the day is counted back from the publication, and said; Enter takes it.
        guess = deduced_date(words, published) if words else None
        if guess:
            q.say(f"  → {guess[1]}")
        date = q.ask("Date de l’événement", guess[0] if guess else published, _date)
        date_note = "" if date_printed else guess[1] if guess and date == guess[0] else q.text("Comment vous en déduisez la date (une phrase)")
        new_person = _new_record(q, data_dir, root, "people", source_id, created)
        people = _pick(q, dossier, ("people",), "Participants", many=True, new=new_person)
        where = "Lieux où l’événement s’est passé, que l’article nomme"
        if event_kind == "phone-call":  # a dispatch's dateline is where it was written, not where anyone called from
            where += " (pour un appel : seulement si l’article dit d’où l’on appelait)"
        places = _pick(q, dossier, ("places",), where, many=True,
                       new=_new_record(q, data_dir, root, "places", source_id, created))
        # Often the article's summary says it already: Enter takes it (the contributor's own words either way).
        event_summary = q.ask("Ce qui s’est passé, avec vos mots (Entrée : votre résumé de l’article)") or summary
        claim = _claim(q, dossier, source_id, Path(text).expanduser().read_text(encoding="utf-8") if text else "", created,
                       new_person)
        event = {"title": event_title, "kind": event_kind, "date": date, "date_basis": "printed" if date_printed else "deduced",
                 "date_printed": words or None, "date_note": date_note or None,
                 "places": [{"place": place, "basis": "named", "sources": [source_id]} for place in places],
                 "participants": [{"person": person, "sources": [source_id]} for person in people],
                 "summary": event_summary, "sources": [source_id], "claims": [claim] if claim else []}
    return _write(data_dir, source_id, source, event, text, created)


def _write(data_dir: Path, source_id: str, source: Mapping[str, object], event: Optional[Mapping[str, object]], text: str,
           created: Created) -> Written:
    others = []
    for kind, rid, record in created:
        others.append(data_dir / kind / f"{rid}.yaml")
        write_file(others[-1], dump_record(kind, record))
    source_path = data_dir / "sources" / f"{source_id}.yaml"
    event_path = None
    if event is not None:
        event_id = derive_id(Request("events", str(event["title"]), str(event["date"])))
        event_path = data_dir / "events" / f"{event_id}.yaml"
        if event_path.exists():
            other = f"{event_id}-{source_id}"[:80].rstrip("-")
            event_path = data_dir / "events" / f"{other}.yaml"
    copy = None
    if text:
        copy = data_dir / "sources" / f"{source_id}.txt"
        write_file(copy, Path(text).expanduser().read_bytes())
    write_file(source_path, dump_record("sources", source))
    if event is not None and event_path is not None:
        write_file(event_path, dump_record("events", event))
    return Written(source_path, event_path, copy, tuple(others))
