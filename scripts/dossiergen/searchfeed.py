"""The search index made while the builder writes the site: each page is handed to Pagefind's
service as soon as it is written, and Pagefind reads it on the other core while the builder
goes on; after the last page, only the index itself is left to write.

What Pagefind reads of a page is what the `pagefind` command would read in the built site (see
pipeline.index_search): the page's `<html>` tag (its language), its `<title>`, and its
`data-pagefind-body` element (overrides/main.html puts it last in the page's `<article>`); the
rest of the page (the theme's header, navigation and footer) is not indexed anyway, and is not
sent. Pages without that element are not sent: when some page has one, Pagefind leaves the
others out. Each page's fragment (its address, text, metadata and filters) is the one the
command makes of it (tests/test_site.py compares them).

The service speaks base64-encoded JSON messages ending with a comma, on its standard input and
output (Pagefind's `--service` mode, as its own Python package drives it). Nothing here waits
for Pagefind while pages are added: a thread reads its answers, another writes the pages.
"""
from __future__ import annotations

import base64
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any, Optional

BODY = "<div data-pagefind-body"
_HTML_TAG = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)
# Pagefind's options, as pipeline._search_command gives them to the command: the "¶" after each
# heading (a link to it) is not text.
CONFIG = {"exclude_selectors": [".headerlink"]}
WAIT_S = 1800.0


class FeedFailed(Exception):
    """Pagefind's service could not start, refused a page, or could not write the index."""


def indexed_part(html: str) -> Optional[str]:
    """The part of a built page Pagefind indexes, as a page of its own; None when it has none."""
    start = html.find(BODY)
    end = html.rfind("</article>")
    if start < 0 or end < start:
        return None
    tag, title = _HTML_TAG.search(html, 0, start), _TITLE.search(html, 0, start)
    return "".join(("<!doctype html>", tag.group() if tag else "<html>", "<head>", title.group() if title else "",
                    "</head><body>", html[start:end], "</body></html>"))


def _executable() -> Path:
    from pagefind.service import get_executable  # the pinned pagefind-bin's binary

    found = get_executable()
    if found is None:
        raise FeedFailed("Pagefind's binary is not installed (requirements.txt pins pagefind-bin)")
    return Path(found)


class SearchFeed:
    """One index, fed page by page (`add`), written once (`write`); `close` always ends it."""

    def __init__(self) -> None:
        self._errors: IO[bytes] = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen([str(_executable()), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                             stderr=self._errors)
        except OSError as exc:
            self._errors.close()
            raise FeedFailed(str(exc)) from None
        self._answers: dict[int, dict[str, Any]] = {}
        self._answered = threading.Condition()
        self._outbox: queue.Queue[Optional[bytes]] = queue.Queue()
        self._sent = 0
        self.pages = 0
        threading.Thread(target=self._read, name="pagefind-answers", daemon=True).start()
        threading.Thread(target=self._write, name="pagefind-pages", daemon=True).start()
        self._index = self._wait(self._send({"type": "NewIndex", "config": CONFIG}), 60.0)["index_id"]

    def _send(self, payload: dict[str, Any]) -> int:
        self._sent += 1
        self._outbox.put(base64.b64encode(json.dumps({"message_id": self._sent, "payload": payload}).encode("utf-8")) + b",")
        return self._sent

    def _write(self) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            while (message := self._outbox.get()) is not None:
                stdin.write(message)
                if self._outbox.empty():
                    stdin.flush()
            stdin.close()
        except (OSError, ValueError):  # Pagefind has gone: _wait says so
            pass

    def _read(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        pending = b""
        while chunk := os.read(stdout.fileno(), 1 << 16):
            pending += chunk
            *messages, pending = pending.split(b",")
            for message in messages:
                answer = json.loads(base64.b64decode(message))
                with self._answered:
                    self._answers[int(answer.get("message_id") or 0)] = answer.get("payload") or {}
                    self._answered.notify_all()
        with self._answered:
            self._answers[-1] = {"type": "Error", "message": "Pagefind's service stopped"}
            self._answered.notify_all()

    def _wait(self, message_id: int, seconds: float) -> dict[str, Any]:
        with self._answered:
            if not self._answered.wait_for(lambda: message_id in self._answers or -1 in self._answers, timeout=seconds):
                raise FeedFailed(f"no answer from Pagefind's service in {seconds:.0f} s")
            answer = self._answers.get(message_id) or self._answers[-1]
        if answer.get("type") == "Error":
            raise FeedFailed(str(answer.get("message") or answer) + self._stderr())
        return answer

    def _stderr(self) -> str:
        self._errors.seek(0)
        said = self._errors.read().decode("utf-8", "replace").strip()[-2000:]
        return f"\n{said}" if said else ""

    def add(self, url: str, html: str) -> bool:
        """Hand a built page to the index under its address from the site's root ("/dossier/…/");
        False when it has nothing to index. Returns at once."""
        part = indexed_part(html)
        if part is None:
            return False
        self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": part})
        self.pages += 1
        return True

    def write(self, folder: Path) -> float:
        """Write the index into `folder` once Pagefind has read every page; the seconds waited."""
        start = time.perf_counter()
        last = self._send({"type": "WriteFiles", "index_id": self._index, "output_path": str(folder)})
        self._wait(last, WAIT_S)
        refused = [a for i, a in sorted(self._answers.items()) if a.get("type") == "Error"]
        if refused:
            raise FeedFailed(f"Pagefind refused {len(refused)} page(s): {refused[0].get('message')}")
        if not (folder / "pagefind.js").is_file():
            raise FeedFailed(f"Pagefind wrote no pagefind.js in {folder}" + self._stderr())
        return time.perf_counter() - start

    def close(self) -> None:
        """End the service (after `write`, or instead of it when the build failed)."""
        self._outbox.put(None)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._errors.close()
