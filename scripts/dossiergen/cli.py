"""The `dossier` command: argument parsing, printing and exit codes; no logic."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Optional, Sequence

from . import pipeline
from .config import Settings
from .errors import DossierError, format_report
from .write import WriteRefused, write_file

OK, DATA_ERRORS, USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="dossier", description="Validate the dossier's YAML records and generate its pages.")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder holding dossier/ and docs/ (default: .)")
    parser.add_argument("--site-url", default=None, help="the published address, for feeds and citations (default: http://127.0.0.1:8000/)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("check", help="validate every record and report all problems; write nothing")
    sub.add_parser("build", help="validate, then generate the Markdown pages into docs/dossier/")
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
    settings = Settings.from_root(args.root, today=args.today, site_url=args.site_url)
    try:
        if args.command == "check":
            dossier = pipeline.check(settings)
            counts = ", ".join(f"{len(dossier.records[k])} {k}" for k in dossier.records)
            print(f"ok: {counts}, {len(dossier.claims())} claims")
        elif args.command == "build":
            result = pipeline.generate(settings)
            s = result.stats
            print(f"ok: {s.written} written, {s.unchanged} unchanged, {s.removed} removed in {settings.out_dir.relative_to(settings.root)}")
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
        print(f"dossier: {exc}", file=sys.stderr)
        return USAGE
    return OK


if __name__ == "__main__":
    sys.exit(main())
