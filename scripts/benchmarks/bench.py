"""Benchmark the whole pipeline at size, beside a bare Material build of the same pages.

    python scripts/benchmarks/bench.py [--events 1000,5000] [--json build/bench.json] [--no-reload]

For each size: a synthetic dossier (synth.py beside this file), our stages timed in process
(load + validate + model + render + write; the downloads and the near-duplicate check,
which the build makes beside MkDocs on the other core, are timed apart: `beside_s`),
then `mkdocs build --strict` with our hook (`total_s`; the hook reports its own time,
`ours_s`, and its share, `ours_pct`; after MkDocs, Pagefind indexes the built site, and the
hook reports that too: `search_index_s`, `search_pct`; the rest is `mkdocs_s`), then the
same generated Markdown built by MkDocs with the hook switched off (`bare_mkdocs_s`; the
build costs `bare_ratio` times as much; the two builds alternate `--repeat` times, 2 unless
said, and the fastest of each counts: every run is kept in `total_runs_s`, `bare_runs_s`), the search index's size (`search_index_mb`) and
what one reader's query loads of it on the network in headless Chromium (`search_query_kb`;
as stored, `search_query_stored_kb`; by part, `search_query_parts_kb`), and, at the
smallest size, the time `mkdocs serve` takes to show an edited event (`reload_s`).
Prints a table and writes the figures as a JSON list. `BENCH_EVENTS=10000` adds a size.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # scripts/: run as `python scripts/benchmarks/bench.py`

from benchmarks.synth import synthesize  # noqa: E402
from dossiergen import pipeline  # noqa: E402
from dossiergen.config import Settings  # noqa: E402
from dossiergen.core.errors import Diagnostic  # noqa: E402
from dossiergen.model.records import Person  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MKDOCS = Path(sys.executable).parent / "mkdocs"
HOOK_TIME = re.compile(r"dossier: (\d+) pages generated in ([\d.]+) s; downloads in ([\d.]+) s")
# The downloads are made beside MkDocs; the hook says how long MkDocs then waited for them.
HOOK_WAIT = re.compile(r"dossier: downloads made beside MkDocs; waited ([\d.]+) s")
# The record and index pages are made beside MkDocs too; the hook says how long MkDocs waited for them.
HOOK_RECORDS = re.compile(r"dossier: record and index pages made beside MkDocs \(.*\); waited ([\d.]+) s")
HOOK_MEMORY = re.compile(r"dossier: peak memory (\d+) MB in MkDocs' process, (\d+) MB in the largest forked one")
# Pagefind indexes the built site after MkDocs has written it (on_post_build).
HOOK_SEARCH = re.compile(r"dossier: search index in ([\d.]+) s")
CHROMIUM = Path("/usr/bin/chromium")
BROWSER_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
COLUMNS = ("events", "pages", "generate_s", "mkdocs_s", "search_index_s", "total_s", "search_pct", "bare_mkdocs_s", "bare_ratio",
           "peak_rss_mb", "site_mb", "search_index_mb", "search_query_kb", "html_kb_median", "reload_s")


def project(dest: Path, events: int) -> Path:
    """A throwaway copy of the project around a synthetic dossier of `events` events."""
    dest.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("dossier"))
    shutil.copytree(ROOT / "scripts", dest / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    (dest / "docs" / "index.md").write_text("# Banc d’essai\n\n[Chronologie](dossier/chronologie.md)\n", encoding="utf-8")
    synthesize(dest, events)
    return dest


def bare_config(dest: Path) -> Path:
    """mkdocs.yml with our hook switched off: the same theme, plugins and pages, nothing of ours."""
    text = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^hooks:\n(  - .*\n)+", "", text)
    assert bare != text, "mkdocs.yml has no hooks: section to switch off"
    path = dest / "mkdocs-bare.yml"
    path.write_text(bare, encoding="utf-8")
    return path


def run_build(cwd: Path, *args: str) -> tuple[float, float, str]:
    """Run `mkdocs build …`; return wall seconds, the process's peak RSS in MB, and its log."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen([str(MKDOCS), "build", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise SystemExit(f"mkdocs build {' '.join(args)} failed in {cwd}:\n{log[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, log


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def fetch(port: int, path: str) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        return conn.getresponse().read().decode("utf-8", "replace")
    finally:
        conn.close()


def measure_reload(dest: Path) -> float:
    """Seconds from saving an edited event to `mkdocs serve` (as `make serve` runs it) serving the new page."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    serve = subprocess.Popen([str(MKDOCS), "serve", "--dirty", "--no-strict", "-a", f"127.0.0.1:{port}"], cwd=dest, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        event = sorted((dest / "dossier" / "events").glob("*.yaml"))[len(list((dest / "dossier" / "events").glob("*.yaml"))) // 2]
        url = f"/dossier/evenements/{event.stem}/"
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            try:
                if event.stem in fetch(port, url):
                    break
            except OSError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("mkdocs serve never served the event page")
        time.sleep(2)  # let the watcher settle after the first build
        marker = f"Repère{int(time.time())}"
        text = event.read_text(encoding="utf-8")
        changed = re.sub(r"(?m)^(summary: *>-\n  )", rf"\g<1>{marker} ", text, count=1)
        if changed == text:
            changed = re.sub(r"(?m)^summary: *", f"summary: {marker} ", text, count=1)
        start = time.perf_counter()
        event.write_text(changed, encoding="utf-8")
        while time.perf_counter() - start < 600:
            try:
                if marker in fetch(port, url):
                    return time.perf_counter() - start
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit("the edited event never showed up")
    finally:
        serve.terminate()
        serve.wait(timeout=30)


# What the search dialog (docs/assets/recherche.js) does at a reader's first query: import
# Pagefind's script, set its base, search with no filter chosen, then load the data (URL, title,
# kind, date, summary) of the results it shows. The filters' lists load only when opened.
QUERY = """async ([folder, q, shown]) => {
  const pagefind = await import(`/${folder}/pagefind.js`);
  await pagefind.options({baseUrl: '/'});
  const found = await pagefind.search(q, {filters: {}});
  await Promise.all(found.results.slice(0, shown).map(r => r.data()));
  return found.results.length;
}"""


def shown_results(dest: Path) -> int:
    """How many results the dialog shows, hence loads: recherche.js's SHOWN."""
    found = re.search(r"\bvar SHOWN = (\d+);", (dest / "docs" / "assets" / "recherche.js").read_text(encoding="utf-8"))
    assert found, "docs/assets/recherche.js no longer says how many results it shows (var SHOWN = …;)"
    return int(found.group(1))


# What a static host compresses on the fly in Pagefind's folder (its own files come compressed).
COMPRESSED = (".js", ".json", ".css")


def query_part(path: str) -> str:
    """Which part of Pagefind's folder a fetched file is: its code, its metadata, an index chunk, a result's fragment, filters."""
    name = path.split("?")[0].rsplit("/", 1)[-1]
    suffix = name.rsplit(".", 1)[-1]
    return {"pf_meta": "meta", "pf_index": "index", "pf_fragment": "fragments", "pf_filter": "filters"}.get(suffix, "code")


def measure_query(site: Path, query: str, shown: int) -> tuple[dict[str, float], int, int, float]:
    """What one reader's query loads of the built site's search index: KB on the network by part
    (query_part), files fetched, hits, and KB as stored.

    The site is served over HTTP on 127.0.0.1 and the query runs in headless Chromium, as the
    dialog runs it: Pagefind fetches its scripts and WebAssembly, its entry and metadata, the
    index chunk of the query's words and the fragments of the results shown. The server counts
    every byte it sends from pagefind/, so the fetches of Pagefind's web worker count too.

    The bytes are those on the network, served as static hosts serve them (GitHub Pages,
    Netlify, nginx's gzip_static): text files (the two scripts, the entry) gzip-compressed when
    the browser accepts it, Pagefind's own files (index, metadata, fragments, WebAssembly) as
    they are, since Pagefind compresses them itself. The last figure is the same files as stored.
    """
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: the search query is measured in Debian's chromium (apt-get install chromium)")
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    sent: list[tuple[str, int, int]] = []  # path, bytes sent, bytes stored

    class Counting(http.server.SimpleHTTPRequestHandler):
        """Counts the bytes it serves from Pagefind's folder: the page's and its web worker's fetches alike."""

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            path = Path(self.translate_path(self.path))
            if path.suffix not in COMPRESSED or not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().do_GET()
            data = path.read_bytes()
            body = gzip.compress(data, compresslevel=6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.count(len(body), len(data))

        def copyfile(self, source: Any, outputfile: Any) -> None:
            data = source.read()
            self.count(len(data), len(data))
            outputfile.write(data)

        def count(self, on_network: int, stored: int) -> None:
            if self.path.startswith(f"/{pipeline.SEARCH_FOLDER}/"):
                sent.append((self.path, on_network, stored))

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_FLAGS)
            try:
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
                hits: int = page.evaluate(QUERY, [pipeline.SEARCH_FOLDER, query, shown])
                page.wait_for_load_state("networkidle")
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    if not hits:
        raise SystemExit(f"the search query {query!r} found nothing in {site / pipeline.SEARCH_FOLDER}")
    parts: dict[str, float] = {}
    for path, size, _ in sent:
        parts[query_part(path)] = parts.get(query_part(path), 0) + size / 1024
    return parts, len(sent), hits, sum(stored for _, _, stored in sent) / 1024


def size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def bench(events: int, work: Path, reload: bool, repeat: int = 1) -> dict[str, object]:
    dest = project(work / f"n{events}", events)
    settings = Settings.from_root(dest)
    later: list[Callable[[], list[Diagnostic]]] = []
    start = time.perf_counter()
    generated = pipeline.generate(settings, later=later)  # load + validate + model + render + write, as the build does
    generate_s = time.perf_counter() - start
    # What the build makes beside MkDocs, on the other core: the downloads and the near-duplicate check.
    start = time.perf_counter()
    beside = pipeline.Beside(generated.dossier, settings, later)
    beside.join()
    beside.close()
    beside_s = time.perf_counter() - start
    # The two builds alternate `repeat` times and the fastest of each is kept: this machine's speed
    # drifts from one minute to the next, and a slow spell must not decide the ratio alone.
    ours_runs: list[tuple[float, float, str]] = []
    bare_runs: list[float] = []
    for _ in range(repeat):
        ours_runs.append(run_build(dest, "--strict", "--site-dir", "site"))
        # Without the hook the downloads do not exist: links to them warn, so not strict.
        bare_runs.append(run_build(dest, "-f", str(bare_config(dest)), "--no-strict", "--site-dir", "site-bare")[0])
    total_s, rss, log = min(ours_runs)
    bare_s = min(bare_runs)
    found = HOOK_TIME.search(log)
    assert found, "the hook did not report its time:\n" + log[-2000:]
    waited = HOOK_WAIT.search(log)
    assert waited, "the hook did not report its wait for the downloads:\n" + log[-2000:]
    records = HOOK_RECORDS.search(log)
    assert records, "the hook did not report its wait for the record pages:\n" + log[-2000:]
    ours = float(found.group(2)) + float(found.group(3)) + float(waited.group(1)) + float(records.group(1))
    memory = HOOK_MEMORY.search(log)
    assert memory, "the hook did not report its memory:\n" + log[-2000:]
    indexed = HOOK_SEARCH.search(log)
    assert indexed, "the hook did not report the search index's time:\n" + log[-2000:]
    search_s = float(indexed.group(1))
    site = dest / "site"
    html = [f.stat().st_size / 1024 for f in site.rglob("*.html")]
    # The query: a person's surname, as a reader would type it (the busiest name of the dossier).
    people = [p for p in generated.dossier.all("people") if isinstance(p, Person)]
    person = max(people, key=lambda p: len(generated.dossier.backlinks_of("people", p.id)))
    query = person.name.split()[-1]
    parts, fetched, hits, stored_kb = measure_query(site, query, shown_results(dest))
    row: dict[str, object] = {
        "events": events,
        "pages": len(html),
        "generate_s": round(generate_s, 2),
        "mkdocs_s": round(total_s - ours - search_s, 2),
        "search_index_s": round(search_s, 2),
        "total_s": round(total_s, 2),
        "search_pct": round(100 * search_s / total_s, 1),
        "bare_mkdocs_s": round(bare_s, 2),
        "bare_ratio": round(total_s / bare_s, 2),
        "peak_rss_mb": round(rss, 1),
        "site_mb": round(size_mb(site), 1),
        "search_index_mb": round(size_mb(site / pipeline.SEARCH_FOLDER), 2),
        "search_query_kb": round(sum(parts.values()), 1),
        "search_query_stored_kb": round(stored_kb, 1),
        "html_kb_median": round(statistics.median(html), 1),
        "reload_s": round(measure_reload(dest), 2) if reload else None,
        "ours_s": round(ours, 2),
        "ours_pct": round(100 * ours / total_s, 1),
        "beside_s": round(beside_s, 2),
        # Every run of the two builds, in order (total_s and bare_mkdocs_s are the fastest of each).
        "total_runs_s": [round(run[0], 2) for run in ours_runs],
        "bare_runs_s": [round(run, 2) for run in bare_runs],
        # peak_rss_mb is the largest of the build's processes; here each apart (a forked
        # process counts the pages it shares with MkDocs' own, so it starts as large).
        "rss_mkdocs_mb": int(memory.group(1)),
        "rss_forked_mb": int(memory.group(2)),
        # The query measured, its results, and how many files of pagefind/ it fetched.
        "search_query": query,
        "search_hits": hits,
        "search_query_files": fetched,
        # What the query loaded on the network, by part: Pagefind's code (script, worker, WebAssembly, entry),
        # its metadata (one file for the whole site), the index chunks and the results' fragments.
        "search_query_parts_kb": {part: round(kb, 1) for part, kb in sorted(parts.items())},
    }
    shutil.rmtree(dest)
    return row


def table(rows: list[dict[str, object]]) -> str:
    head = "| " + " | ".join(COLUMNS) + " |\n| " + " | ".join("---:" for _ in COLUMNS) + " |\n"
    return head + "".join("| " + " | ".join("–" if row.get(c) is None else f"{row[c]:,}" if isinstance(row[c], int) else str(row[c]) for c in COLUMNS) + " |\n" for row in rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", default="1000,5000", help="comma-separated sizes (default: 1000,5000)")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "bench.json", help="where to write the figures")
    parser.add_argument("--no-reload", action="store_true", help="skip the `mkdocs serve` reload timing")
    parser.add_argument("--repeat", type=int, default=int(os.environ.get("BENCH_REPEAT", "2")),
                        help="runs of each build, alternating; the fastest of each is kept (default: 2, or BENCH_REPEAT)")
    args = parser.parse_args()
    sizes = sorted({int(n) for n in args.events.split(",") if n.strip()} | ({int(os.environ["BENCH_EVENTS"])} if os.environ.get("BENCH_EVENTS") else set()))
    rows = []
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        for events in sizes:
            row = bench(events, Path(tmp), reload=not args.no_reload and events == sizes[0], repeat=max(1, args.repeat))
            rows.append(row)
            parts = row["search_query_parts_kb"]
            assert isinstance(parts, dict)
            print(f"{events} events: total {row['total_s']} s (ours {row['ours_s']} s, {row['ours_pct']} %; beside MkDocs {row['beside_s']} s;"
                  f" search index {row['search_index_s']} s, {row['search_pct']} %), bare {row['bare_mkdocs_s']} s ({row['bare_ratio']} ×;"
                  f" fastest of {row['total_runs_s']} and {row['bare_runs_s']});"
                  f" the query {row['search_query']!r} ({row['search_hits']} results) loads {row['search_query_kb']} KB on the network"
                  f" ({row['search_query_stored_kb']} KB as stored) in {row['search_query_files']} files"
                  f" ({', '.join(f'{part} {kb}' for part, kb in parts.items())} KB);"
                  f" peak memory {row['rss_mkdocs_mb']} MB in MkDocs' process, {row['rss_forked_mb']} MB in the largest forked one", flush=True)
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    print(f"\nMachine: {machine}\n")
    print(table(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
