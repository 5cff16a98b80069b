"""SHA-256 of every generated page and download, for refactorings that must change no byte.

    python scripts/digest.py [--root DIR] [--today YYYY-MM-DD] [--list]

Prints one line per file (with --list) and the digest of them all. Run it before and after
a change to the generator: the last line must be the same.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dossiergen import pipeline  # noqa: E402
from dossiergen.config import Settings  # noqa: E402


def digests(root: Path, today: dt.date) -> dict[str, str]:
    settings = Settings.from_root(root, today=today)
    dossier, pages = pipeline.pages(settings)
    files = {f"pages/{path}": text.encode("utf-8") for path, text in pages.items()}
    files |= {f"downloads/{path}": content for path, content in pipeline.downloads(dossier, settings).items()}
    return {name: hashlib.sha256(content).hexdigest() for name, content in sorted(files.items())}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date(2026, 1, 1))
    parser.add_argument("--list", action="store_true", help="print each file's digest too")
    args = parser.parse_args()
    found = digests(args.root, args.today)
    whole = hashlib.sha256()
    for name, digest in found.items():
        whole.update(f"{digest}  {name}\n".encode())
        if args.list:
            print(f"{digest}  {name}")
    print(f"{whole.hexdigest()}  {len(found)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
