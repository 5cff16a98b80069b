"""links.py: statuses, archive suggestions, order, line numbers, escaping, and a real local server."""
from __future__ import annotations

import functools
import json
import re
import shutil
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator, Optional, Union
from urllib.parse import parse_qs, quote, urlsplit

import markdown
import pytest

from conftest import DATA, live_markup
from dossiergen import pipeline
from dossiergen.config import Settings
from dossiergen.contrib import links as lk
from dossiergen.contrib.links import LinkResult, Reply
from dossiergen.model import records as r
from dossiergen.model.dossier import Dossier, build

ID = r.RecordId
API = "http://wayback.test/available"
SNAPSHOT = "https://web.archive.org/web/20210901000000/https://example.org/gone"


def source(rid: str, url: Optional[str] = None, archive: Optional[str] = None, path: Optional[str] = None) -> r.Source:
    return r.Source(ID(rid), path or f"dossier/sources/{rid}.yaml", rid, "fr", "article", "résumé", url=url, archive_url=archive)


def dossier(*sources: r.Source) -> Dossier:
    return build(list(sources))


Route = Union[Reply, dict[str, Reply]]


class FakeWeb:
    """An injected fetch: a Reply per URL (or per method, then URL); records every call."""

    def __init__(self, routes: dict[str, Route]):
        self.routes = routes
        self.calls: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def __call__(self, method: str, url: str, timeout: float) -> Reply:
        with self.lock:
            self.calls.append((method, url))
        route = self.routes.get(url, Reply(None, "aucune route"))
        return route[method] if isinstance(route, dict) else route


def wayback_url(url: str) -> str:
    return f"{API}?url={quote(url, safe='')}"


def run(web: FakeWeb, *sources: r.Source, root: Path = Path("/nonexistent"), **kw: object) -> list[LinkResult]:
    return lk.check_links(dossier(*sources), root, fetch=web, wayback_api=API, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("reply, status", [
    (Reply(200), lk.OK),
    (Reply(404, "Not Found"), lk.DEAD),
    (Reply(410, "Gone"), lk.DEAD),
    (Reply(500, "Internal Server Error"), lk.DEAD),
    (Reply(429, "Too Many Requests"), lk.RETRY_LATER),
    (Reply(503, "Service Unavailable"), lk.RETRY_LATER),
    (Reply(None, "délai dépassé (15 s)"), lk.UNREACHABLE),
])
def test_status_from_reply(reply: Reply, status: str) -> None:
    [result] = run(FakeWeb({"https://example.org/a": reply}), source("a", "https://example.org/a"))
    assert (result.status, result.code) == (status, reply.code)
    assert result.reason == ("délai dépassé (15 s)" if reply.code is None else "")
    assert lk.exit_status([result]) == (1 if status in (lk.DEAD, lk.UNREACHABLE) else 0)


@pytest.mark.parametrize("refused", [Reply(405), Reply(403), Reply(501), Reply(None, "connexion refusée")])
def test_get_after_refused_or_failed_head(refused: Reply) -> None:
    web = FakeWeb({"https://example.org/a": {"HEAD": refused, "GET": Reply(200)}})
    [result] = run(web, source("a", "https://example.org/a"))
    assert result.status == lk.OK
    assert web.calls == [("HEAD", "https://example.org/a"), ("GET", "https://example.org/a")]


def test_head_answer_is_final_otherwise() -> None:
    web = FakeWeb({"https://example.org/a": {"HEAD": Reply(404), "GET": Reply(200)}, "https://example.org/b": {"HEAD": Reply(200)}})
    results = run(web, source("a", "https://example.org/a", "https://example.org/b"))
    assert [x.status for x in results] == [lk.DEAD, lk.OK]
    assert ("GET", "https://example.org/a") not in web.calls


@pytest.mark.parametrize("url", ["ftp://example.org/a", "javascript:alert(1)", "https://user:secret@example.org/a", "https://[::1/"])
def test_non_http_or_credentials_skipped_unfetched(url: str) -> None:
    web = FakeWeb({})
    [result] = run(web, source("a", url))
    assert (result.status, result.code, result.suggestion) == (lk.SKIPPED, None, None)
    assert web.calls == [] and lk.exit_status([result]) == 0


def test_archive_url_preferred_over_wayback() -> None:
    web = FakeWeb({"https://example.org/a": Reply(404), "https://archive.example.org/a": Reply(200)})
    url, archive = run(web, source("a", "https://example.org/a", "https://archive.example.org/a"))
    assert (url.status, url.suggestion, url.note) == (lk.DEAD, "https://archive.example.org/a", "copie archivée de la source")
    assert archive.status == lk.OK and archive.suggestion is None
    assert not any(API in called for _, called in web.calls)


def test_dead_archive_url_reported_too() -> None:
    web = FakeWeb({"https://example.org/a": Reply(404), "https://archive.example.org/a": Reply(410)})
    url, archive = run(web, source("a", "https://example.org/a", "https://archive.example.org/a"))
    assert url.suggestion == "https://archive.example.org/a" and "elle aussi en échec" in url.note
    assert (archive.field, archive.status, archive.code, archive.suggestion) == ("archive_url", lk.DEAD, 410, None)
    assert lk.exit_status([url, archive]) == 1


def test_wayback_snapshot_suggested() -> None:
    gone = "https://example.org/gone?a=1&b=2"
    answer = {"url": gone, "archived_snapshots": {"closest": {"available": True, "url": SNAPSHOT, "status": "200"}}}
    web = FakeWeb({gone: Reply(404), wayback_url(gone): Reply(200, body=json.dumps(answer).encode())})
    [result] = run(web, source("a", gone))
    assert (result.suggestion, result.note) == (SNAPSHOT, "copie trouvée dans la Wayback Machine")
    assert ("GET", f"{API}?url=https%3A%2F%2Fexample.org%2Fgone%3Fa%3D1%26b%3D2") in web.calls


@pytest.mark.parametrize("api_reply", [
    Reply(200, body=b'{"url": "x", "archived_snapshots": {}}'),
    Reply(200, body=json.dumps({"archived_snapshots": {"closest": {"available": False, "url": SNAPSHOT}}}).encode()),
    Reply(200, body=json.dumps({"archived_snapshots": {"closest": {"available": True, "url": "javascript:alert(1)"}}}).encode()),
    Reply(200, body=b"<html>not json"),
    Reply(200, body=b"[]"),
    Reply(503),
    Reply(None, "délai dépassé (15 s)"),
])
def test_wayback_without_snapshot_gives_search_link(api_reply: Reply) -> None:
    gone = "https://example.org/gone"
    web = FakeWeb({gone: Reply(None, "nom inconnu"), wayback_url(gone): api_reply})
    [result] = run(web, source("a", gone))
    assert result.status == lk.UNREACHABLE
    assert result.suggestion == "https://web.archive.org/web/*/https://example.org/gone"
    assert "aucune copie trouvée" in result.note


def test_each_distinct_url_fetched_once() -> None:
    web = FakeWeb({"https://example.org/a": Reply(200)})
    results = run(web, source("a", "https://example.org/a"), source("b", "https://example.org/a", "https://example.org/a"))
    assert len(results) == 3 and {x.status for x in results} == {lk.OK}
    assert web.calls == [("HEAD", "https://example.org/a")]


def test_limit_skips_the_rest() -> None:
    web = FakeWeb({"https://example.org/a": Reply(200), "https://example.org/b": Reply(200)})
    first, second = run(web, source("a", "https://example.org/a"), source("b", "https://example.org/b"), limit=1)
    assert first.status == lk.OK and (second.status, second.reason) == (lk.SKIPPED, "limite de 1 adresses atteinte")
    assert len(web.calls) == 1


def test_order_is_by_path_then_field() -> None:
    class Slow(FakeWeb):
        def __call__(self, method: str, url: str, timeout: float) -> Reply:
            time.sleep(0.05 if url.endswith("1") else 0)  # finish out of order
            return super().__call__(method, url, timeout)

    routes: dict[str, Route] = {f"https://example.org/{i}": Reply(200) for i in range(4)}
    sources = [
        source("zz", "https://example.org/0", path="dossier/sources/a.yaml"),
        source("aa", "https://example.org/1", "https://example.org/2", path="dossier/sources/c.yaml"),
        source("mm", None, "https://example.org/3", path="dossier/sources/b.yaml"),
    ]
    expected = [("zz", "url"), ("mm", "archive_url"), ("aa", "url"), ("aa", "archive_url")]
    for order in (sources, sources[::-1]):
        assert [(x.source, x.field) for x in run(Slow(routes), *order)] == expected


def expected_line(file: Path, field: str) -> int:
    """The line of `field:` by a plain scan, independent of the module's YAML parsing."""
    return next(n for n, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if text.startswith(f"{field}:"))


def test_line_numbers_from_the_record_file(settings: Settings) -> None:
    file = settings.root / "dossier" / "sources" / "agence-2021-rencontre.yaml"
    assert file.read_bytes() == (DATA / "valid" / "dossier" / "sources" / "agence-2021-rencontre.yaml").read_bytes()
    web = FakeWeb({})  # nothing answers: every address is a problem and gets annotated
    results = lk.check_links(pipeline.check(settings), settings.root, fetch=web, wayback_api=API)
    assert [(x.path, x.field, x.line) for x in results] == [
        ("dossier/sources/agence-2021-rencontre.yaml", "url", expected_line(file, "url")),
        ("dossier/sources/agence-2021-rencontre.yaml", "archive_url", expected_line(file, "archive_url")),
    ]
    assert f"::warning file=dossier/sources/agence-2021-rencontre.yaml,line={expected_line(file, 'url')},title=Lien mort::" in lk.github_annotations(results)
    file.write_text("# Commentaire\n\n" + file.read_text(encoding="utf-8"), encoding="utf-8")
    moved = lk.check_links(pipeline.check(settings), settings.root, fetch=web, wayback_api=API)
    assert [x.line for x in moved] == [x.line + 2 for x in results] == [expected_line(file, "url"), expected_line(file, "archive_url")]


def test_line_is_1_when_the_file_is_missing(tmp_path: Path) -> None:
    shutil.copy(DATA / "valid" / "dossier" / "sources" / "journal-2021-relais.yaml", tmp_path / "other.yaml")
    [result] = run(FakeWeb({}), source("a", "https://example.org/a"), root=tmp_path)
    assert result.line == 1 and lk.field_lines(tmp_path / "missing.yaml") == {}
    text = (tmp_path / "other.yaml").read_text(encoding="utf-8").splitlines()
    top = {line.split(":")[0]: i for i, line in enumerate(text, 1) if line[:1].isalpha()}
    assert lk.field_lines(tmp_path / "other.yaml") == top and {"title", "outlet", "language", "kind", "summary"} <= set(top)


def result(url: str, status: str = lk.DEAD, code: Optional[int] = 404, reason: str = "", path: str = "dossier/sources/a.yaml",
           suggestion: Optional[str] = None, note: str = "") -> LinkResult:
    return LinkResult(ID("a"), "url", url, status, code, reason, suggestion, note, path, 7)


def test_annotation_escaping() -> None:
    results = [
        result("https://example.org/100%", path="dossier/sources/a,b:c.yaml", suggestion=SNAPSHOT, note="copie"),
        result("https://example.org/x", lk.UNREACHABLE, None, "ligne 1\r\nligne 2 à 50%"),
        result("https://example.org/ok", lk.OK, 200),
        result("https://example.org/later", lk.RETRY_LATER, 429),
        result("ftp://example.org/", lk.SKIPPED, None, "adresse non http(s)"),
    ]
    assert lk.github_annotations(results) == (
        "::warning file=dossier/sources/a%2Cb%3Ac.yaml,line=7,title=Lien mort::"
        f"https://example.org/100%25 répond 404 ; copie : {SNAPSHOT}\n"
        "::warning file=dossier/sources/a.yaml,line=7,title=Lien mort::"
        "https://example.org/x est injoignable : ligne 1%0D%0Aligne 2 à 50%25\n"
    )
    assert lk.github_annotations(results[2:]) == ""


def rows(report: str) -> list[list[str]]:
    """Table rows split on unescaped pipes, as GitHub does before reading the cells."""
    return [re.split(r"(?<!\\)\|", line)[1:-1] for line in report.splitlines() if line.startswith("|")]


def test_markdown_escaping() -> None:
    hostile = "https://example.org/a|b<script>alert(1)</script>&x=[y](javascript:z)"
    report = lk.markdown_report([
        result(hostile, suggestion=hostile + "\\", note="note\n| fausse | ligne |"),
        result("https://example.org/b", lk.UNREACHABLE, None, "raison\navec <b>balise</b>"),
    ])
    assert "<" not in report and "&lt;script&gt;" in report
    assert all(len(cells) == 5 for cells in rows(report)) and len(rows(report)) == 4
    page = markdown.markdown(report, extensions=["tables"])
    assert live_markup(page) is None
    # The link keeps the whole address: parentheses and pipes encoded, `&` decoded back from &amp;.
    assert 'href="https://example.org/a%7Cb%3Cscript%3Ealert%281%29%3C/script%3E&amp;x=[y]%28javascript:z%29"' in page
    assert "<td>injoignable (raison avec &lt;b&gt;balise&lt;/b&gt;)</td>" in page
    assert ("| a | url | [https://example.org/a\\|b&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=\\[y\\](javascript:z)]"
            "(https://example.org/a%7Cb%3Cscript%3Ealert%281%29%3C/script%3E&amp;x=[y]%28javascript:z%29) | morte (404) |") in report


def test_markdown_counts_and_all_clear() -> None:
    clear = lk.markdown_report([
        result("https://example.org/a", lk.OK, 200), result("https://example.org/b", lk.RETRY_LATER, 429),
        result("ftp://x/", lk.SKIPPED, None, "non http"), result("ftp://y/", lk.SKIPPED, None, "non http"),
    ])
    assert "4 adresses : 1 valides, 0 mortes, 0 injoignables, 1 à revérifier plus tard, 2 ignorées." in clear
    assert "| a | url | [https://example.org/b](https://example.org/b) | à revérifier (429) |  |" in clear
    assert "| ftp://x/ |" in clear and "Lien mort" not in clear
    assert lk.markdown_report([]).endswith("Aucun lien mort.\n")
    assert lk.markdown_report([result("https://example.org/a", lk.OK, 200)]).endswith("Aucun lien mort.\n")


# --- a real HTTP server on 127.0.0.1 ------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        parts = urlsplit(self.path)
        self.server.seen.append((self.command, parts.path, dict(self.headers)))
        body, headers = b"ok", {"Content-Type": "text/plain"}
        code = {"/ok": 200, "/gone": 404, "/gone-too": 410, "/busy": 503, "/moved": 302}.get(parts.path, 404)
        if parts.path == "/no-head":
            code = 405 if head else 200
        elif parts.path in ("/moved", "/loop", "/to-ftp"):
            code, headers["Location"] = 302, {"/moved": "/ok", "/loop": "/loop", "/to-ftp": "ftp://127.0.0.1:9/x"}[parts.path]
        elif parts.path == "/slow":
            time.sleep(3.0)  # well past the test's 1 s timeout, even on a busy machine
            code = 200
        elif parts.path == "/drip":  # one byte every 0.3 s: never idle for a whole timeout
            try:
                for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"x" * 200:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.3)
            except OSError:
                pass  # the client gave up, as it should
            return
        elif parts.path == "/wayback/available":
            asked = parse_qs(parts.query)["url"][0]
            closest = {"available": True, "url": SNAPSHOT} if asked.endswith("/gone") else None
            body, code = json.dumps({"url": asked, "archived_snapshots": {"closest": closest} if closest else {}}).encode(), 200
        try:
            self.send_response(code)
            for name, value in {**headers, "Content-Length": str(len(body)), "Set-Cookie": "suivi=1"}.items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)
        except OSError:
            pass  # the client gave up (the slow endpoint)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads, block_on_close = True, False  # do not wait for the slow endpoint's sleeper
    request_queue_size = 64  # eight workers at once must never wait for a retried SYN
    seen: list[tuple[str, str, dict[str, str]]]


@pytest.fixture
def local_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Server]:
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_real_requests_against_a_local_server(local_server: _Server) -> None:
    base = f"http://127.0.0.1:{local_server.server_address[1]}"
    sources = [
        source("a-ok", f"{base}/ok"),
        source("b-gone", f"{base}/gone"),
        source("c-moved", f"{base}/moved"),
        source("d-no-head", f"{base}/no-head"),
        source("e-slow", f"{base}/slow"),
        source("f-archived", f"{base}/gone-too", f"{base}/ok"),
        source("g-busy", f"{base}/busy"),
        source("h-loop", f"{base}/loop"),
        source("i-to-ftp", f"{base}/to-ftp"),
    ]
    local = functools.partial(lk.fetch_url, local=True)  # the only way to reach this machine: a test's
    results = lk.check_links(dossier(*sources), Path("/nonexistent"), fetch=local, timeout=1.0, wayback_api=f"{base}/wayback/available")
    got = {(x.source, x.field): (x.status, x.code, x.suggestion) for x in results}
    assert got == {
        ("a-ok", "url"): (lk.OK, 200, None),
        ("b-gone", "url"): (lk.DEAD, 404, SNAPSHOT),
        ("c-moved", "url"): (lk.OK, 200, None),
        ("d-no-head", "url"): (lk.OK, 200, None),
        ("e-slow", "url"): (lk.UNREACHABLE, None, f"https://web.archive.org/web/*/{base}/slow"),
        ("f-archived", "url"): (lk.DEAD, 410, f"{base}/ok"),
        ("f-archived", "archive_url"): (lk.OK, 200, None),
        ("g-busy", "url"): (lk.RETRY_LATER, 503, None),
        ("h-loop", "url"): (lk.UNREACHABLE, None, f"https://web.archive.org/web/*/{base}/loop"),
        ("i-to-ftp", "url"): (lk.UNREACHABLE, None, f"https://web.archive.org/web/*/{base}/to-ftp"),
    }
    slow = next(x for x in results if x.source == "e-slow")
    assert slow.reason == "délai dépassé (1 s)"
    assert {x.reason for x in results if x.source in ("h-loop", "i-to-ftp")} == {"redirection non suivie (302)"}
    assert lk.exit_status(results) == 1
    seen = [(method, path) for method, path, _ in local_server.seen]
    assert [m for m, path in seen if path == "/no-head"] == ["HEAD", "GET"]
    assert [m for m, path in seen if path == "/ok"] == ["HEAD", "HEAD"]  # a-ok and f-archived share it; /moved leads there
    assert [m for m, path in seen if path == "/slow"] == ["HEAD", "GET"]
    assert [m for m, path in seen if path == "/wayback/available"] == ["GET"] * 4  # not f-archived: it has its own copy
    for _, _, headers in local_server.seen:
        assert headers["User-Agent"] == "dossier-link-check/1.0"
        assert not {"Cookie", "Authorization"} & set(headers)


def test_this_machine_and_private_networks_are_never_asked(local_server: _Server) -> None:
    """With the default fetch, a source pointing at 127.0.0.1 (or any private or local address)
    gets no request at all: no "connection refused" to tell which ports are open."""
    base = f"http://127.0.0.1:{local_server.server_address[1]}"
    sources = [source("a-local", f"{base}/ok"), source("b-private", "http://10.0.0.1/"), source("c-metadata", "http://169.254.169.254/latest"),
               source("d-v6", "http://[::1]/"), source("e-name", "http://localhost/"), source("f-port", "https://example.org:22/")]
    results = lk.check_links(dossier(*sources), Path("/nonexistent"), timeout=1.0, wayback_api=f"{base}/wayback/available")
    assert {x.reason for x in results} == {lk.REFUSED_ADDRESS}
    assert local_server.seen == []


def test_a_name_that_resolves_to_a_private_address_is_refused_at_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """DNS rebinding: the address is checked as resolved when connecting, not only as written."""
    import socket

    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))])
    with pytest.raises(OSError):
        lk._public_address("public-looking.example.org", 80)
    assert lk.fetch_url("HEAD", "http://public-looking.example.org/", 1.0).reason == lk.REFUSED_ADDRESS


def test_a_server_that_drips_bytes_is_cut_off_at_the_deadline(local_server: _Server) -> None:
    base = f"http://127.0.0.1:{local_server.server_address[1]}"
    start = time.monotonic()
    reply = lk.fetch_url("HEAD", f"{base}/drip", 1.0, local=True, deadline=2.0)
    elapsed = time.monotonic() - start
    assert reply.code is None and reply.reason == "délai total dépassé (2 s)", reply
    assert elapsed < 10  # the drip lasts over a minute; bounded by the deadline, not by it
