"""scripts/benchmarks/bench.py runs end to end on a small synthetic dossier and reports every figure (not a timing test)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

FIELDS = {"events", "pages", "generate_s", "mkdocs_s", "total_s", "bare_mkdocs_s", "peak_rss_mb", "site_mb", "search_index_mb", "html_kb_median", "reload_s"}


@pytest.mark.slow
def test_bench_runs_and_reports_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "benchmarks" / "bench.py"), "--events", "40", "--json", str(out)],
        capture_output=True, text=True, timeout=600, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [row] = json.loads(out.read_text(encoding="utf-8"))
    assert FIELDS <= set(row)
    assert row["events"] == 40 and row["pages"] > 60
    assert 0 < row["generate_s"] < row["total_s"] and row["bare_mkdocs_s"] > 0
    assert 0 < row["reload_s"] < 60  # `mkdocs serve --dirty` showed the edited event
    assert row["search_index_mb"] < row["site_mb"] and row["html_kb_median"] > 1
    assert "| events | pages |" in result.stdout
