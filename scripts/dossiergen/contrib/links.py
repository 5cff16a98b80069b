"""External link check: is every source's `url` and `archive_url` still answering?

Run weekly, never at build time. Each distinct address is asked once (HEAD, then GET), a few
at a time, without cookies or credentials. A dead or unreachable `url` gets a suggestion: the
source's `archive_url`, else the Wayback Machine's closest snapshot, else a Wayback search
link. Addresses come from contributors: each report escapes them for where it is shown.
"""
from __future__ import annotations

import html
import http.client
import ipaddress
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Optional
from urllib.parse import quote, urlsplit

from ..core.errors import github_escape
from ..model import records as r
from ..model.dossier import Dossier
from ..model.load import parse_text
from ..model.validate import public_url_problem

USER_AGENT = "dossier-link-check/1.0"
TIMEOUT = 15.0  # seconds, for each wait (connecting, each read)
DEADLINE = 30.0  # seconds, for a whole request: a server that drips bytes cannot hold the check
MAX_WORKERS = 8
MAX_URLS = 2000
MAX_BODY = 16 * 1024  # a GET reads at most this much (enough for a Wayback API answer)
WAYBACK_API = "https://archive.org/wayback/available"
WAYBACK_SEARCH = "https://web.archive.org/web/*/"
FIELDS = ("url", "archive_url")  # also the order of a source's two results

OK, DEAD, UNREACHABLE, RETRY_LATER, SKIPPED = "ok", "dead", "unreachable", "retry-later", "skipped"
PROBLEMS = (DEAD, UNREACHABLE)  # what fails the run; the others only inform
_GET_AFTER_HEAD = {403, 405, 501}  # servers that refuse HEAD but may answer GET
_LATER = {429, 503}  # rate limited or briefly down: not evidence that the page is gone
_STATE = {DEAD: "morte", UNREACHABLE: "injoignable", RETRY_LATER: "à revérifier", SKIPPED: "ignorée", OK: "valide"}


@dataclass(frozen=True, slots=True)
class Reply:
    """What one request got: an HTTP status, or None and the reason nothing came back."""

    code: Optional[int]
    reason: str = ""
    body: bytes = b""


Fetch = Callable[[str, str, float], Reply]  # (method, url, timeout) -> Reply


@dataclass(frozen=True, slots=True)
class LinkResult:
    """One address of one source, checked."""

    source: r.RecordId
    field: str  # "url" or "archive_url"
    url: str
    status: str  # ok | dead | unreachable | retry-later | skipped
    code: Optional[int]  # the final HTTP status, when there was one
    reason: str  # why it is unreachable or skipped; empty otherwise
    suggestion: Optional[str]  # an address to use instead (archive copy or Wayback search)
    note: str  # French, about the suggestion: where it comes from, whether it works
    path: str  # the record file, relative to the project root
    line: int  # the line of `field` in that file (1 when it cannot be found)


REFUSED_ADDRESS = "adresse refusée (machine locale, réseau privé, port non web ou identifiants)"


def _refused(url: str, local: bool) -> bool:
    """An address the check never asks: see validate.public_url_problem (skipped for `local` tests)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    return parts.scheme not in ("http", "https") or (not local and public_url_problem(parts) is not None)


def _public_address(host: str, port: int) -> str:
    """The address to connect to: every address the name resolves to must be public (OSError otherwise).

    Checked at connection time, on what the name resolves to now, so a public name that
    resolves to a private address (DNS rebinding) is refused too, and the check connects to
    the very address it vetted.
    """
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses or not all(a.is_global for a in addresses):
        raise OSError(REFUSED_ADDRESS)
    return str(addresses[0])


class _Vetted(http.client.HTTPConnection):
    """A connection to a vetted address, closed by force once its total deadline passes."""

    local = False
    deadline = DEADLINE
    source_address: tuple[str, int] | None  # set by HTTPConnection.__init__; typeshed leaves it out

    def connect(self) -> None:
        address = self.host if self.local else _public_address(self.host, self.port)
        self.sock = socket.create_connection((address, self.port), self.timeout, self.source_address)
        # A server may answer one byte every few seconds: the socket timeout never fires, so
        # a timer shuts the socket down when the request as a whole has taken too long.
        self._timer = threading.Timer(self.deadline, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def _expire(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except (OSError, AttributeError):
            pass

    def close(self) -> None:
        timer = getattr(self, "_timer", None)
        if timer is not None:
            timer.cancel()
        super().close()


class _VettedHTTPS(http.client.HTTPSConnection, _Vetted):
    """HTTPSConnection.connect wraps what _Vetted.connect opened (its super() is _Vetted)."""


def _handlers(local: bool, deadline: float) -> list[urllib.request.BaseHandler]:
    """urllib handlers that open only vetted connections, follow only vetted redirects, and use no proxy."""

    class PlainConnection(_Vetted):
        pass

    class SecureConnection(_VettedHTTPS):
        pass

    for connection in (PlainConnection, SecureConnection):
        connection.local, connection.deadline = local, deadline

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(PlainConnection, req)

    class Secure(urllib.request.HTTPSHandler):
        _context: ssl.SSLContext | None  # set by HTTPSHandler.__init__; typeshed leaves it out

        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(SecureConnection, req, context=self._context)

    class Redirects(urllib.request.HTTPRedirectHandler):
        """Follow redirects to vetted http(s) addresses only (never ftp: or file:), keeping HEAD a HEAD."""

        def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: http.client.HTTPMessage, newurl: str) -> urllib.request.Request | None:
            if _refused(newurl, local):
                return None
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
            if new is not None:
                new.method = req.get_method()
            return new

    # No proxy: a proxy would hide where a request really goes.
    return [urllib.request.ProxyHandler({}), Plain(), Secure(), Redirects()]


def fetch_url(method: str, url: str, timeout: float, *, local: bool = False, deadline: float = DEADLINE) -> Reply:
    """One real request to a public web address. No cookie jar, no auth handler: nothing is sent
    but the User-Agent. `timeout` bounds each wait, `deadline` the whole request. `local` lets a
    test talk to a server on this machine; nothing else sets it."""
    if _refused(url, local):
        return Reply(None, REFUSED_ADDRESS)
    opener = urllib.request.build_opener(*_handlers(local, deadline))
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    start = time.monotonic()
    try:
        with opener.open(request, timeout=timeout) as response:
            return Reply(response.status, body=response.read(MAX_BODY) if method == "GET" else b"")
    except urllib.error.HTTPError as exc:
        exc.close()  # a 3xx left here is a loop, or a redirect to somewhere we do not go
        return Reply(None, f"redirection non suivie ({exc.code})") if exc.code < 400 else Reply(exc.code, str(exc.reason))
    except (OSError, ValueError, http.client.HTTPException) as exc:  # URLError, timeouts, resets, bad answers
        cause = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if time.monotonic() - start >= deadline:
            return Reply(None, f"délai total dépassé ({deadline:g} s)")
        if str(cause) == REFUSED_ADDRESS:
            return Reply(None, REFUSED_ADDRESS)
        return Reply(None, f"délai dépassé ({timeout:g} s)" if isinstance(cause, TimeoutError) else str(cause) or type(cause).__name__)


def probe(url: str, fetch: Fetch, timeout: float) -> Reply:
    """HEAD first; GET when HEAD is refused (403, 405, 501) or gets no answer."""
    reply = fetch("HEAD", url, timeout)
    if reply.code is None or reply.code in _GET_AFTER_HEAD:
        return fetch("GET", url, timeout)
    return reply


def classify(reply: Reply) -> str:
    """ok, dead, unreachable or retry-later."""
    if reply.code is None:
        return UNREACHABLE
    return RETRY_LATER if reply.code in _LATER else DEAD if reply.code >= 400 else OK


def wayback_snapshot(url: str, fetch: Fetch, timeout: float, api: str = WAYBACK_API) -> Optional[str]:
    """The closest Wayback Machine snapshot of `url`, or None (none, or the API failed)."""
    reply = fetch("GET", f"{api}?url={quote(url, safe='')}", timeout)
    if reply.code != 200:
        return None
    try:
        closest = json.loads(reply.body)["archived_snapshots"]["closest"]
    except (ValueError, TypeError, KeyError):
        return None
    found = closest.get("url") if isinstance(closest, dict) and closest.get("available") is True else None
    return found if isinstance(found, str) and _fetchable(found) else None


def _fetchable(url: str) -> bool:
    """http(s) with a host and no user:password@ part."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname) and "@" not in parts.netloc


def field_lines(file: Path) -> dict[str, int]:
    """The 1-based line of each top-level field; empty when the file cannot be read."""
    try:
        root, _ = parse_text(file.read_text(encoding="utf-8"), file.name)  # the loader's own parse
    except (OSError, UnicodeDecodeError):
        return {}
    return {key.text: key.line for key, _ in root.items} if root is not None else {}


def check_links(
    dossier: Dossier, root: Path, *, fetch: Fetch = fetch_url, timeout: float = TIMEOUT,
    wayback_api: str = WAYBACK_API, workers: int = MAX_WORKERS, limit: int = MAX_URLS,
) -> list[LinkResult]:
    """Check every source address, each distinct one once; results sorted by file then field."""
    wanted = []  # (source, field, url), in report order
    for source in sorted((s for s in dossier.all("sources") if isinstance(s, r.Source)), key=lambda s: (s.path, s.id)):
        wanted += [(source, field, getattr(source, field)) for field in FIELDS if getattr(source, field)]
    distinct = list(dict.fromkeys(url for _, _, url in wanted if _fetchable(url)))
    checked, over = distinct[:limit], set(distinct[limit:])
    with ThreadPoolExecutor(max_workers=max(1, min(workers, MAX_WORKERS))) as pool:
        replies = dict(zip(checked, pool.map(lambda u: probe(u, fetch, timeout), checked)))
        lost = sorted({url for source, field, url in wanted if field == "url" and url in replies
                       and not source.archive_url and classify(replies[url]) in PROBLEMS})
        snapshots = dict(zip(lost, pool.map(lambda u: wayback_snapshot(u, fetch, timeout, wayback_api), lost)))
    results: list[LinkResult] = []
    lines = {path: field_lines(root / path) for path in {source.path for source, _, _ in wanted}}
    for source, field, url in wanted:
        line = lines[source.path].get(field, 1)
        if url not in replies:
            why = f"limite de {limit} adresses atteinte" if url in over else "adresse non http(s) ou avec identifiants"
            results.append(LinkResult(source.id, field, url, SKIPPED, None, why, None, "", source.path, line))
            continue
        reply, status = replies[url], classify(replies[url])
        suggestion, note = _suggest(source, replies, snapshots) if field == "url" and status in PROBLEMS else (None, "")
        results.append(LinkResult(source.id, field, url, status, reply.code, "" if reply.code else reply.reason,
                                  suggestion, note, source.path, line))
    return results


def _suggest(source: r.Source, replies: dict[str, Reply], snapshots: dict[str, Optional[str]]) -> tuple[str, str]:
    url = source.url or ""
    if source.archive_url:
        archive = replies.get(source.archive_url)
        if archive is not None and classify(archive) in PROBLEMS:
            return source.archive_url, "copie archivée de la source, elle aussi en échec"
        return source.archive_url, "copie archivée de la source"
    if snapshots.get(url):
        return str(snapshots[url]), "copie trouvée dans la Wayback Machine"
    return WAYBACK_SEARCH + url, "aucune copie trouvée dans la Wayback Machine ; lien de recherche"


def exit_status(results: list[LinkResult]) -> int:
    """0 when nothing is dead or unreachable (skipped and retry-later do not count), else 1."""
    return 1 if any(result.status in PROBLEMS for result in results) else 0


def describe(result: LinkResult) -> str:
    """One French sentence about a result, for annotations and logs."""
    what = f"{result.url} (copie archivée)" if result.field == "archive_url" else result.url
    text = {
        UNREACHABLE: f"{what} est injoignable : {result.reason}",
        RETRY_LATER: f"{what} répond {result.code} ; à revérifier plus tard",
        SKIPPED: f"{what} n’a pas été vérifiée : {result.reason}",
    }.get(result.status, f"{what} répond {result.code}")
    if result.suggestion:
        text += f" ; {result.note} : {result.suggestion}"
    return text


def github_annotations(results: list[LinkResult]) -> str:
    """One `::warning` workflow command per dead or unreachable address, escaped as GitHub requires."""
    out = []
    for result in results:
        if result.status in PROBLEMS:
            props = f"file={github_escape(result.path, True)},line={result.line},title={github_escape('Lien mort', True)}"
            out.append(f"::warning {props}::{github_escape(describe(result))}\n")
    return "".join(out)


def _cell(text: str) -> str:
    """Plain text for a Markdown table cell: no HTML, no Markdown syntax, no row breaks."""
    text = html.escape(" ".join(text.split()), quote=False)
    return "".join("\\" + c if c in "\\`*_[]|~!" else c for c in text)


def _link(url: str) -> str:
    """A Markdown link whose text and destination are both escaped; non-http(s) stays text."""
    if not _fetchable(url):
        return _cell(url)
    # Percent-encode what could end the destination or the cell; `&` as an entity, decoded back.
    target = quote(url, safe=":/?#[]@!$&'*+,;=%~-._").replace("&", "&amp;")
    return f"[{_cell(url)}]({target})"


def markdown_report(results: list[LinkResult]) -> str:
    """A French Markdown summary: counts, then a table of every address that is not ok."""
    counts = {status: sum(1 for x in results if x.status == status) for status in _STATE}
    lines = ["## Vérification des liens des sources", "", f"{len(results)} adresses : {counts[OK]} valides, {counts[DEAD]} mortes, "
             f"{counts[UNREACHABLE]} injoignables, {counts[RETRY_LATER]} à revérifier plus tard, {counts[SKIPPED]} ignorées.", ""]
    rest = [x for x in results if x.status != OK]
    if not rest:
        return "\n".join(lines + ["Aucun lien mort."]) + "\n"
    lines += ["| Source | Champ | Adresse | État | Suggestion |", "| --- | --- | --- | --- | --- |"]
    for x in rest:
        state = _STATE[x.status] + (f" ({x.code})" if x.code else f" ({x.reason})" if x.reason else "")
        hint = f"{_link(x.suggestion)} ({_cell(x.note)})" if x.suggestion else ""
        lines.append(f"| {_cell(x.source)} | {x.field} | {_link(x.url)} | {_cell(state)} | {hint} |")
    return "\n".join(lines) + "\n"
