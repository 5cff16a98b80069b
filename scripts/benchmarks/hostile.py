"""Adversarial inputs, timed: what a hostile pull request of a few thousand small files costs.

`make bench-hostile` builds each attack beside a copy of the fixture dossier (tests/data/valid),
runs `dossier check` and `dossier build` on it in a fresh process, and reports the wall time,
the peak memory of that process and the size of the biggest generated page. The figures go to
build/bench-hostile.json and into the README; no test times anything.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "valid" / "dossier"
EVENT = 'title: "{title}"\nkind: meeting\ndate: "2021"\ndate_basis: printed\nsummary: S\nsources: [agence-2021-rencontre]\n'


def lookalike_people(folder: Path, n: int) -> None:
    """n people with one name and twenty spellings each: every block of names is full."""
    for i in range(n):
        aliases = "".join(f"  - Jean Dupon{'t' * (1 + j % 3)} {chr(97 + j)}\n" for j in range(20))
        (folder / "people" / f"jean-dupont-{i}.yaml").write_text(f"name: Jean Dupont\naliases:\n{aliases}", encoding="utf-8")


def within_chain(folder: Path, n: int) -> None:
    """n places, each within the next: one chain as long as the dossier."""
    for i in range(n):
        parent = f"\nwithin: lieu-{i + 1}" if i + 1 < n else ""
        (folder / "places" / f"lieu-{i}.yaml").write_text(f"name: Lieu {i}\nkind: region{parent}\n", encoding="utf-8")


def crowded_events(folder: Path, n: int) -> None:
    """n events of 50 participants (the most a record may list), drawn from 300 people."""
    for i in range(300):
        (folder / "people" / f"personne-{i}.yaml").write_text(f"name: Personne {i:03d}\n", encoding="utf-8")
    for k in range(n):
        some = "".join(f"  - personne-{(k * 7 + j) % 300}\n" for j in range(50))
        (folder / "events" / f"2021-reunion-{k}.yaml").write_text(EVENT.format(title=f"Réunion {k}") + "participants:\n" + some, encoding="utf-8")


def deep_files(folder: Path, n: int) -> None:
    """n files of 30,000 nested brackets (the parser's recursion, before the depth guard)."""
    for i in range(n):
        (folder / "events" / f"profond-{i}.yaml").write_text("title: T\nkind: " + "[" * 30000 + "\n", encoding="utf-8")


CASES = {
    "2,000 look-alike people x 20 aliases": (lookalike_people, 2000),
    "4,000 places in one within chain": (within_chain, 4000),
    "200 events x 50 participants (of 300 people)": (crowded_events, 200),
    "200 files of 30,000 nested [": (deep_files, 200),
}


def timed(args: list[str], cwd: Path) -> tuple[int, float, float]:
    """Exit code, wall seconds and peak RSS (MB) of one command in a fresh process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-hostile.json")
    args = parser.parse_args(argv)
    results = []
    print(f"{'case':46} {'command':6} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'largest page KB':>16}")
    for name, (make, n) in CASES.items():
        with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
            project = Path(tmp)
            shutil.copytree(FIXTURE, project / "dossier")
            (project / "docs").mkdir()
            make(project / "dossier", n)
            for command in ("check", "build"):
                code, seconds, peak = timed([sys.executable, "-m", "dossiergen", "--root", str(project), command], project)
                pages = [p.stat().st_size for p in (project / "docs" / "dossier").rglob("*.md")] if command == "build" else []
                largest = max(pages, default=0) / 1024
                results.append({"case": name, "command": command, "exit": code, "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1), "largest_page_kb": round(largest, 1)})
                print(f"{name:46} {command:6} {code:>4} {seconds:>8.2f} {peak:>8.1f} {largest:>16.1f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
