"""The `dossier` command: argument parsing, printing and exit codes; no logic."""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, NoReturn, Optional, Sequence

from . import pipeline
from .config import Settings
from .contrib import article
from .contrib.fmt import format_paths, record_files
from .contrib.links import WAYBACK_API, check_links, exit_status, github_annotations, markdown_report
from .contrib.new import KIND_NAMES, NewRefused, Request, create
from .contrib.rename import RenameRefused, describe, rename
from .core.errors import DossierError, format_github, format_report, visible
from .core.write import WriteRefused, write_file
from .model import kinds
from .model.dossier import Dossier

OK, DATA_ERRORS, USAGE = 0, 1, 2
STOPPED = 3  # `dossier article` stopped by the contributor (q): nothing written, nothing wrong


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage: Optional[str], actions: Any, groups: Any, prefix: Optional[str] = None) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors told in French (a contributor's first command may be mistyped)."""

    WORDS = (
        ("unrecognized arguments:", "arguments inconnus :"),
        ("the following arguments are required:", "arguments requis manquants :"),
        ("invalid choice:", "choix inconnu :"),
        ("choose from", "au choix :"),
        ("expected one argument", "une valeur est attendue"),
        ("invalid fromisoformat value", "date invalide"),
        ("invalid float value", "nombre invalide"),
        ("argument ", "argument "),
    )

    def __init__(self, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "arguments", "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="affiche cette aide")

    def error(self, message: str) -> NoReturn:
        for english, french in self.WORDS:
            message = message.replace(english, french)
        self.print_usage(sys.stderr)
        self.exit(USAGE, f"{self.prog} : erreur d’utilisation : {message} (`{self.prog.split()[0]} --help` pour l’aide)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dossier", description="Vérifie les fiches YAML du dossier et en produit les pages. Chaque commande a son aide : dossier COMMANDE --help.")
    parser.add_argument("--root", type=Path, default=Path("."), help="dossier du projet, qui contient dossier/ et docs/ (par défaut : .)")
    parser.add_argument("--site-url", default=None, help="l’adresse publiée, pour les flux et les citations (par défaut : http://127.0.0.1:8000/)")
    parser.add_argument("--repo-url", default=os.environ.get("DOSSIER_REPO_URL") or None, help="le dépôt, pour les liens « Modifier cette fiche » (par défaut : $DOSSIER_REPO_URL)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    # --root is also understood after the command (`dossier check --root ../copie`).
    anywhere = _Parser(add_help=False)
    anywhere.add_argument("--root", type=Path, default=argparse.SUPPRESS, help="dossier du projet, qui contient dossier/ et docs/ (par défaut : .)")

    def command(name: str, **options: Any) -> _Parser:
        return sub.add_parser(name, parents=[anywhere], **options)

    check = command("check", help="vérifie toutes les fiches et signale tous les problèmes, sans toucher aux fiches ni aux pages (il met à jour docs/schemas/, les schémas des éditeurs)")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github : écrit aussi les annotations GitHub (::error file=…,line=…::) sur la sortie standard")
    new = command("new", help="crée une fiche où chaque champ est présent ou en commentaire ; n’écrase jamais rien")
    new.add_argument("kind", metavar="TYPE", choices=sorted(KIND_NAMES), help="event (événement), source, person (personne), organisation, place (lieu), topic (thème) ou contradiction")
    new.add_argument("--name", required=True, help="le titre (événement, source, contradiction) ou le nom (les autres), entre guillemets")
    new.add_argument("--date", help="AAAA, AAAA-MM ou AAAA-MM-JJ : la date d’un événement (requise), la publication d’une source")
    new.add_argument("--url", help="l’adresse d’une source ; refusée si une autre source l’enregistre déjà")
    new.add_argument("--source", action="append", default=[], metavar="ID", help="l’identifiant d’une source à citer (à répéter pour plusieurs)")
    new.add_argument("--id", help="l’identifiant de la fiche (le nom du fichier), au lieu de celui tiré du nom et de la date")
    new.add_argument("--allow-similar", action="store_true", help="la créer même si une fiche existante porte un nom proche")
    fmt = command("fmt", help="remet les champs dans l’ordre du projet, avec des guillemets cohérents, commentaires gardés")
    fmt.add_argument("--check", action="store_true", help="n’écrit rien ; échoue si un fichier n’est pas mis en forme")
    fmt.add_argument("files", nargs="*", type=Path, help="fiches à traiter (par défaut : toutes celles de dossier/)")
    schemas = command("schemas", help="écrit dans docs/schemas/ les schémas JSON des éditeurs (avec les identifiants des fiches)")
    schemas.add_argument("--check", action="store_true", help="n’écrit rien ; échoue si docs/schemas/ n’est pas à jour")
    links = command("links", help="vérifie les adresses web des sources ; propose une copie archivée pour celles qui ne répondent plus")
    links.add_argument("--timeout", type=float, default=15.0, help="secondes par requête (par défaut : 15)")
    links.add_argument("--format", choices=("text", "github"), default="text", help="github : écrit des annotations GitHub")
    links.add_argument("--report", type=Path, help="ajoute le rapport Markdown à ce fichier (par exemple $GITHUB_STEP_SUMMARY) au lieu de l’afficher")
    links.add_argument("--wayback-api", default=WAYBACK_API, help=argparse.SUPPRESS)
    command("article", help="ajoute un article (sa source et l’événement qu’il rapporte) en répondant à des questions, sans écrire de YAML")
    rename = command("rename", help="renomme une fiche (son fichier et son identifiant) et met à jour chaque référence")
    rename.add_argument("old", metavar="ANCIEN", help="l’identifiant actuel (le nom du fichier sans .yaml)")
    rename.add_argument("new", metavar="NOUVEAU", help="le nouvel identifiant (a-z, 0-9 et traits d’union simples)")
    command("build", help="vérifie, puis écrit dans docs/ tout ce que le site demande : les pages (docs/dossier/) et les téléchargements (docs/data/, docs/flux/) et la configuration de l’éditeur web (docs/admin/config.yml)")
    index = command("search-index", help="indexe un site construit pour la recherche (Pagefind), pour un constructeur sans le hook MkDocs")
    index.add_argument("--site", type=Path, default=Path("site"), help="le site construit (par défaut : site)")
    export = command("export", help="vérifie, puis écrit les téléchargements : JSON, CSV, flux Atom, CSL-JSON, BibTeX")
    export.add_argument("--out", type=Path, default=Path("site"), help="le dossier où les écrire, comme dans le site construit (par défaut : site)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; 0 when all is well, 1 for data errors, 2 for usage errors."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return OK if exc.code == 0 else USAGE
    if not (args.root / "dossier").is_dir():
        print(f"dossier : pas de dossier dossier/ dans {args.root.resolve()} ; lancez la commande depuis le dossier du projet, ou donnez --root", file=sys.stderr)
        return USAGE
    settings = Settings.from_root(args.root, today=args.today, site_url=args.site_url, repo_url=args.repo_url, editor_auth_url=os.environ.get("DOSSIER_EDITOR_AUTH_URL"))
    try:
        if args.command == "check":
            try:
                dossier, warnings = pipeline.review(settings)
            except DossierError as exc:
                if args.format == "github":
                    sys.stdout.write(format_github(exc.diagnostics))
                raise
            if warnings:
                sys.stderr.write(format_report(warnings))
                if args.format == "github":
                    sys.stdout.write(format_github(warnings))
            pipeline.write_schemas(dossier, settings)  # the editors' completion follows the data
            counts = ", ".join(f"{len(dossier.records[k])} {kinds.kind(k).plural.lower()}" for k in dossier.records)
            print(f"ok: {counts}, {len(dossier.claims())} affirmations")
        elif args.command == "new":
            return _new(args, settings)
        elif args.command == "article":
            return _article(settings)
        elif args.command == "rename":
            return _rename(args, settings)
        elif args.command == "fmt":
            return _fmt(args, settings)
        elif args.command == "schemas":
            return _schemas(args, settings)
        elif args.command == "links":
            return _links(args, settings)
        elif args.command == "build":
            result = pipeline.build_site_files(settings)
            s = result.stats
            folders = ", ".join(f"{folder.relative_to(settings.root)}/" for folder in pipeline.generated_folders(settings))
            print(f"ok: {s.written} written, {s.unchanged} unchanged, {s.removed} removed in {folders}")
        elif args.command == "search-index":
            try:
                seconds = pipeline.index_search(args.site)
            except pipeline.SearchIndexFailed as exc:
                print(f"dossier: the search index could not be made: {visible(str(exc))}", file=sys.stderr)
                return DATA_ERRORS
            print(f"ok: {args.site / pipeline.SEARCH_FOLDER} in {seconds:.1f} s")
        elif args.command == "export":
            dossier = pipeline.check(settings)
            files = pipeline.downloads(dossier, settings)
            for path, content in files.items():
                write_file(args.out / path, content)
            print(f"ok: wrote {len(files)} files in {args.out}")
    except DossierError as exc:
        sys.stderr.write(format_report(exc.diagnostics))
        return DATA_ERRORS
    except WriteRefused as exc:
        print(f"dossier: {visible(str(exc))}", file=sys.stderr)
        return USAGE
    return OK


def _new(args: argparse.Namespace, settings: Settings) -> int:
    req = Request(KIND_NAMES[args.kind], args.name, args.date, args.url, tuple(args.source), args.id, args.allow_similar)
    try:
        path = create(req, settings.data_dir, settings.root)
    except NewRefused as exc:
        for line in str(exc).splitlines():
            print(f"dossier new: {visible(line)}", file=sys.stderr)
        print("dossier new: rien n’a été écrit.", file=sys.stderr)
        return DATA_ERRORS
    shown = path.relative_to(settings.root).as_posix()
    print(f"créé : {shown}")
    print("Remplissez les champs (requis) laissés vides, puis lancez `make check` : il indique la ligne de chaque champ à compléter.")
    print(SPELLING_REMINDER[req.kind in ("people", "organisations", "places")])
    return OK


# Names are written as each source writes them: the search and the record pages depend on it.
SPELLING_REMINDER = {
    True: "Graphies : ajoutez à `aliases` chaque graphie du nom qu’imprime une source, avec cette source (Guerassimov, Gerasimov…) ;"
          " une graphie qu’aucun article n’imprime va dans `search_only`.",
    False: "Graphies : pour chaque personne, organisation ou lieu que nomme l’article, vérifiez que sa fiche porte la graphie de cet"
           " article dans `aliases` (sinon ajoutez-la, avec la source) ; créez la fiche qui manque avec `dossier new`.",
}


def _article(settings: Settings, prompt: Callable[[str], str] = input) -> int:
    dossier = pipeline.check(settings)  # DossierError: reported by main; a sound dossier first
    try:
        done = article.interview(dossier, settings.data_dir, settings.root, prompt, print)
    except article.Stop:
        print("dossier article : rien n’a été écrit.", file=sys.stderr)
        return STOPPED
    written = [path.relative_to(settings.root).as_posix() for path in (*done.others, done.source, done.event) if path is not None]
    for shown in written:
        print(f"créé : {shown}")
    if done.text is not None:
        print(f"texte gardé pour la vérification des citations (jamais publié) : {done.text.relative_to(settings.root).as_posix()}")
    try:
        pipeline.check(settings)
    except DossierError as exc:
        sys.stderr.write(format_report(exc.diagnostics))
        print("Corrigez ces points dans les fichiers indiqués, puis lancez `make check`.", file=sys.stderr)
        return DATA_ERRORS
    print("ok: le dossier est valide. Relisez les fiches (make serve), complétez-les si besoin (graphies, notes), puis :")
    branch = f"ajout-{done.source.stem}"
    print(f"  git switch -c {branch} && git add {' '.join(written)} && git commit -m \"Ajout : {done.source.stem}\"")
    print(f"puis envoyez la branche : git push -u origin {branch}")
    print("  (GitHub répond par l’adresse qui ouvre la pull request ; sans droit d’écriture sur le dépôt, envoyez-la sur"
          " votre fork : CONTRIBUTING.md, partie 2 e)")
    return OK


def _rename(args: argparse.Namespace, settings: Settings) -> int:
    try:
        done = rename(settings.data_dir, settings.root, args.old, args.new)
    except RenameRefused as exc:
        print(f"dossier rename : {visible(str(exc))}", file=sys.stderr)
        print("dossier rename : rien n’a été écrit.", file=sys.stderr)
        return DATA_ERRORS
    for line in describe(done):
        print(visible(line))
    pipeline.check(settings)  # DossierError: reported by main, as `make check` would
    print("ok: le dossier reste valide ; relisez les textes qui parlent de l’ancienne fiche (make serve)")
    return OK


def _fmt(args: argparse.Namespace, settings: Settings) -> int:
    files = [f.resolve() for f in args.files] or record_files(settings.data_dir)
    results = format_paths(files, settings.root, check=args.check)
    status = OK
    for res in results:
        if res.problem:
            print(f"{visible(res.path)} : pas mis en forme : {visible(res.problem)}", file=sys.stderr)
            status = DATA_ERRORS
        elif res.changed:
            if args.check:
                print(f"à remettre en forme : {visible(res.path)} (à partir de la ligne {_first_difference(settings.root / res.path, res.text)} : ordre des champs, guillemets ou espaces ; `make fmt` le corrige)")
            else:
                print(f"remis en forme : {visible(res.path)}")
            status = DATA_ERRORS if args.check else status
    changed = sum(1 for res in results if res.changed)
    if args.check and changed:
        print(f"{changed} fichier(s) pas mis en forme ; lancez `make fmt` (ou `dossier fmt`) pour les corriger.", file=sys.stderr)
    elif status == OK:
        print(f"ok: {len(results)} fichiers, {changed} remis en forme")
    return status


def _first_difference(path: Path, formatted: str) -> int:
    """The first line where the file differs from its formatted text."""
    old = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    new = formatted.split("\n")
    return next((i for i, (a, b) in enumerate(zip(old, new), 1) if a != b), min(len(old), len(new)) + 1)


def _schemas(args: argparse.Namespace, settings: Settings) -> int:
    """Write the editors' schemas (with the ids for completion when the dossier reads); with
    --check, write nothing and fail when a file differs from what would be written."""
    try:
        dossier: Dossier | None = pipeline.check(settings)
    except DossierError:
        dossier = None  # the structure alone: the ids come back once `make check` passes
    if not args.check:
        written = pipeline.write_schemas(dossier, settings)
        print(f"ok: {written} schéma(s) écrit(s) dans {settings.docs_dir.relative_to(settings.root).as_posix()}/schemas")
        return OK
    with tempfile.TemporaryDirectory() as tmp:
        fresh = dataclasses.replace(settings, docs_dir=Path(tmp))
        pipeline.write_schemas(dossier, fresh)
        stale = [rel for rel in sorted(p.relative_to(tmp).as_posix() for p in Path(tmp).rglob("*.json"))
                 if not (settings.docs_dir / rel).is_file() or (settings.docs_dir / rel).read_bytes() != (Path(tmp) / rel).read_bytes()]
    for rel in stale:
        print(f"docs/{rel} n’est plus à jour ; lancez `make schemas` (ou `make check`)", file=sys.stderr)
    if stale:
        return DATA_ERRORS
    print("ok: schémas à jour")
    return OK


def _links(args: argparse.Namespace, settings: Settings) -> int:
    dossier = pipeline.check(settings)
    results = check_links(dossier, settings.root, timeout=args.timeout, wayback_api=args.wayback_api)
    if args.format == "github":
        sys.stdout.write(github_annotations(results))
    report = markdown_report(results)
    if args.report:
        with open(args.report, "a", encoding="utf-8") as handle:
            handle.write(report)
    else:
        print(report)
    return exit_status(results)


if __name__ == "__main__":
    sys.exit(main())
