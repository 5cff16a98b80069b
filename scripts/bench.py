"""Benchmark: time each pipeline stage and the MkDocs build on a synthetic dossier.

    python scripts/bench.py [--events N] [--no-site]

Prints one line per stage with its wall time, then the site's size. The synthetic
dossier has N events, N/2 people, N/4 places, N/10 sources and 20 topics, linked to
one another as the real records are (participants, places, claims, citations).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dossiergen.config import Settings  # noqa: E402
from dossiergen.load import load_dossier  # noqa: E402
from dossiergen.model import build  # noqa: E402
from dossiergen.render import make_env, render  # noqa: E402
from dossiergen.validate import validate  # noqa: E402
from dossiergen.write import write_tree  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def synthesize(data: Path, events: int) -> None:
    """Write a synthetic but realistic dossier into `data`."""
    people, places, sources, topics = max(events // 2, 2), max(events // 4, 2), max(events // 10, 2), 20
    for kind in ("events", "sources", "people", "organisations", "places", "topics"):
        (data / kind).mkdir(parents=True)
    (data / "organisations" / "org.yaml").write_text("name: Organisation\nkind: other\n")
    (data / "organisations" / "wire.yaml").write_text("name: Agence\nkind: news-agency\naffiliation:\n  status: state-owned\n")
    (data / "places" / "pays.yaml").write_text("name: Pays\nkind: country\n")
    for i in range(sources):
        (data / "sources" / f"s{i}.yaml").write_text(f"title: Source {i}\noutlet: org\nlanguage: fr\nkind: article\npublished: \"2021-0{i % 9 + 1}\"\nsummary: Résumé de la source {i}.\nnotes:\n  - kind: error\n    text: Une erreur.\n")
    for i in range(people):
        (data / "people" / f"p{i}.yaml").write_text(f"name: Personne {i}\naliases:\n  - name: P. {i}\n    sources: [s{i % sources}]\nroles:\n  - title: Fonction\n    organisation: org\n    sources: [s{i % sources}]\ndescription: Description.\nsources: [s{i % sources}]\n")
    for i in range(places):
        (data / "places" / f"l{i}.yaml").write_text(f"name: Lieu {i}\nkind: city\ncountry: pays\ncoordinates: {{lat: 40.5, lon: 20.25}}\n")
    for i in range(topics):
        (data / "topics" / f"t{i}.yaml").write_text(f"name: Thème {i}\ndescription: Description du thème.\nrelated: [t{(i + 1) % topics}]\n")
    for i in range(events):
        year = 2000 + i % 22
        claims = "".join(
            f"  - id: c{j}\n    by: p{(i + j) % people}\n    kind: statement\n    date: \"{year}\"\n    text: Propos {j}.\n    quote: citation {j}\n    sources: [{{source: s{(i + j) % sources}, via: [wire]}}]\n"
            for j in range(3)
        )
        (data / "events" / f"e{i}.yaml").write_text(
            f"title: Événement {i}\nkind: meeting\ndate: \"{year}-{i % 12 + 1:02d}-{i % 28 + 1:02d}\"\nplaces: [l{i % places}]\n"
            f"participants:\n  - person: p{i % people}\n    role: Rôle\n  - person: p{(i + 1) % people}\n"
            f"topics: [t{i % topics}]\nsummary: Résumé de l’événement {i}.\nsources: [s{i % sources}, s{(i + 1) % sources}]\n"
            f"claims:\n{claims}notes:\n  - kind: unknown\n    text: Inconnu.\nrelated: [e{(i + 1) % events}]\n"
        )


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<28} {time.perf_counter() - start:8.3f} s")
    return result


def size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--no-site", action="store_true", help="skip the mkdocs build")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        synthesize(project / "dossier", args.events)
        files = sum(1 for _ in (project / "dossier").rglob("*.yaml"))
        print(f"synthetic dossier: {args.events} events, {files} files")
        settings = Settings.from_root(project)
        raws, diags = timed("load (YAML compose)", lambda: load_dossier(settings.data_dir, settings.root))
        records, more = timed("validate", lambda: validate(raws, settings.today))
        assert not diags and not more, (diags + more)[:3]
        dossier = timed("build model + backlinks", lambda: build(records))
        pages = timed("render pages", lambda: render(dossier, make_env()))
        stats = timed("write (first)", lambda: write_tree(settings.out_dir, pages))
        again = timed("write (unchanged)", lambda: write_tree(settings.out_dir, pages))
        print(f"pages: {len(pages)} ({stats.written} written, then {again.unchanged} unchanged)")
        if args.no_site:
            return 0
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", project / "docs", dirs_exist_ok=True, ignore=shutil.ignore_patterns("dossier"))
        shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
        (project / "docs" / "index.md").write_text("# Banc d’essai\n", encoding="utf-8")  # the real home links real records
        mkdocs = Path(sys.executable).parent / "mkdocs"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        result = timed("mkdocs build --strict", lambda: subprocess.run([str(mkdocs), "build", "--strict", "-q"], cwd=project, env=env, capture_output=True, text=True))
        if result.returncode:
            print(result.stderr[-2000:])
            return 1
        site = project / "site"
        html = list(site.rglob("*.html"))
        print(f"site: {len(html)} HTML pages, {size(site) / 1e6:.1f} MB in all, {sum(f.stat().st_size for f in html) / len(html) / 1e3:.1f} kB per page on average")
    return 0


if __name__ == "__main__":
    sys.exit(main())
