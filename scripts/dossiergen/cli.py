"""The `dossier` command: argument parsing, printing and exit codes; no logic."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import pipeline
from .config import Settings
from .contrib.editor_schema import all_schemas
from .contrib.fmt import format_paths, record_files
from .contrib.links import WAYBACK_API, check_links, exit_status, github_annotations, markdown_report
from .contrib.new import KIND_NAMES, NewRefused, Request, create
from .core.errors import DossierError, format_github, format_report, visible
from .core.write import WriteRefused, write_file

OK, DATA_ERRORS, USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Validate the dossier's YAML records and generate its pages.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding dossier/ and docs/ (default: .)")
    parser.add_argument("--site-url", default=None, help="the published address, for feeds and citations (default: http://127.0.0.1:8000/)")
    parser.add_argument("--repo-url", default=os.environ.get("DOSSIER_REPO_URL") or None, help="the repository, for 'Modifier cette fiche' links (default: $DOSSIER_REPO_URL)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="validate every record and report all problems; write nothing")
    check.add_argument("--format", choices=("text", "github"), default="text", help="github: also print GitHub annotations (::error file=…,line=…::) on standard output")
    new = sub.add_parser("new", help="create a record file with every field present or commented; never overwrites")
    new.add_argument("kind", metavar="KIND", choices=sorted(KIND_NAMES), help="event, source, person, organisation, place, topic or contradiction")
    new.add_argument("--name", required=True, help="the title (event, source, contradiction) or the name (the others)")
    new.add_argument("--date", help="YYYY, YYYY-MM or YYYY-MM-DD: an event's date (required), a source's publication")
    new.add_argument("--url", help="a source's address; refused if another source already records it")
    new.add_argument("--source", action="append", default=[], metavar="ID", help="a source id to cite (repeatable)")
    new.add_argument("--id", help="the record id (the file name), instead of one derived from the name and date")
    new.add_argument("--allow-similar", action="store_true", help="create it even if an existing record has a close name")
    fmt = sub.add_parser("fmt", help="put fields in canonical order with consistent quoting, keeping comments")
    fmt.add_argument("--check", action="store_true", help="write nothing; fail if a file is not formatted")
    fmt.add_argument("files", nargs="*", type=Path, help="record files (default: every file in dossier/)")
    schemas = sub.add_parser("schemas", help="write the JSON Schemas editors use into docs/schemas/")
    schemas.add_argument("--check", action="store_true", help="write nothing; fail if docs/schemas/ is out of date")
    links = sub.add_parser("links", help="check the sources' web addresses; suggest an archived copy for dead ones")
    links.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default: 15)")
    links.add_argument("--format", choices=("text", "github"), default="text", help="github: print annotations")
    links.add_argument("--report", type=Path, help="append the Markdown report to this file (e.g. $GITHUB_STEP_SUMMARY) instead of printing it")
    links.add_argument("--wayback-api", default=WAYBACK_API, help=argparse.SUPPRESS)
    sub.add_parser("build", help="validate, then write every file the site needs into docs/: the pages (docs/dossier/), the downloads (docs/data/, docs/flux/) and the web editor's docs/admin/config.yml")
    index = sub.add_parser("search-index", help="index a built site for search (Pagefind), for a builder without the MkDocs hook")
    index.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: site)")
    export = sub.add_parser("export", help="validate, then write the downloads: JSON, CSV, Atom feed, CSL-JSON, BibTeX")
    export.add_argument("--out", type=Path, default=Path("site"), help="folder to write them into, as in the built site (default: site)")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run one command; 0 when all is well, 1 for data errors, 2 for usage errors."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return OK if exc.code == 0 else USAGE
    if not (args.root / "dossier").is_dir():
        print(f"dossier: no dossier/ folder in {args.root.resolve()}; run from the project folder or pass --root", file=sys.stderr)
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
            counts = ", ".join(f"{len(dossier.records[k])} {k}" for k in dossier.records)
            print(f"ok: {counts}, {len(dossier.claims())} claims")
        elif args.command == "new":
            return _new(args, settings)
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
    return OK


def _fmt(args: argparse.Namespace, settings: Settings) -> int:
    files = [f.resolve() for f in args.files] or record_files(settings.data_dir)
    results = format_paths(files, settings.root, check=args.check)
    status = OK
    for res in results:
        if res.problem:
            print(f"{visible(res.path)}: not formatted: {visible(res.problem)}", file=sys.stderr)
            status = DATA_ERRORS
        elif res.changed:
            if args.check:
                print(f"would reformat {visible(res.path)} (from line {_first_difference(settings.root / res.path, res.text)}: field order, quotes or spaces; `dossier fmt` fixes it)")
            else:
                print(f"reformatted {visible(res.path)}")
            status = DATA_ERRORS if args.check else status
    changed = sum(1 for res in results if res.changed)
    if args.check and changed:
        print(f"{changed} file(s) not formatted; run `dossier fmt` (or `make fmt`) to fix them.", file=sys.stderr)
    elif status == OK:
        print(f"ok: {len(results)} files, {changed} reformatted")
    return status


def _first_difference(path: Path, formatted: str) -> int:
    """The first line where the file differs from its formatted text."""
    old = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    new = formatted.split("\n")
    return next((i for i, (a, b) in enumerate(zip(old, new), 1) if a != b), min(len(old), len(new)) + 1)


def _schemas(args: argparse.Namespace, settings: Settings) -> int:
    stale: list[str] = []
    for rel, content in all_schemas().items():
        path = settings.docs_dir / Path(*rel.parts)
        current = path.read_bytes() if path.is_file() else None
        if current != content:
            stale.append(path.relative_to(settings.root).as_posix())
            if not args.check:
                write_file(path, content)
    if args.check and stale:
        for shown in stale:
            print(f"{shown} is out of date with scripts/dossiergen/model/schema.py; run `dossier schemas`", file=sys.stderr)
        return DATA_ERRORS
    print(f"ok: {len(stale)} schema(s) {'to update' if args.check else 'written'}, in {settings.docs_dir.relative_to(settings.root).as_posix()}/schemas")
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
