"""The web editor at /admin/ (Decap CMS) in headless Chromium, against its real local backend.

decap-server (installed by `npm ci` from package-lock.json) writes into a copy of the project
in tmp_path, never into this working tree. A contributor's path: open the editor, fill the form
of a new source, then of a new event citing it (typed key by key, the source chosen in the
relation widget), publish each; the files written must pass `dossier check`, and `dossier fmt`
must leave them valid. Nothing may be requested from another host.
"""
from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT, TODAY, make_project
from dossiergen.cli import main
from dossiergen.contrib.decap import config_yaml
from test_browser import CHROMIUM, CHROMIUM_ARGS, HOST, QuietHandler, is_local, unavailable

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:
    unavailable("playwright is not installed in this environment")

DECAP_SERVER = ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
NODE = shutil.which("node") or shutil.which("nodejs")
if not DECAP_SERVER.is_file() or NODE is None:
    unavailable("decap-server is not installed: run `npm ci` (it needs Node.js)")

pytestmark = pytest.mark.browser
# Screenshots for a person to look at (gitignored).
SHOTS = ROOT / "tests" / "artifacts" / "editor"
WAIT = 30_000  # ms: a shared CI machine, and Decap is 5 MB of script


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A copy of the project (the fixture dossier) with decap-server writing into it, and its
    docs folder (the admin page as the build copies it) served over HTTP: (admin URL, copy)."""
    project = make_project(tmp_path / "project", DATA / "valid" / "dossier")
    api_port = _free_port()
    (project / "docs" / "admin" / "config.yml").write_text(config_yaml(local_backend=f"http://{HOST}:{api_port}/api/v1"), encoding="utf-8")
    env = {**os.environ, "PORT": str(api_port), "BIND_HOST": HOST, "GIT_REPO_DIRECTORY": str(project), "MODE": "fs", "LOG_LEVEL": "warn"}
    log = (tmp_path / "decap-server.log").open("w")
    backend = subprocess.Popen([str(NODE), str(DECAP_SERVER)], cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = http.server.ThreadingHTTPServer((HOST, 0), functools.partial(QuietHandler, directory=str(project / "docs")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        deadline = time.monotonic() + 20
        while True:  # decap-server answers `info` once it listens
            try:
                request = urllib.request.Request(f"http://{HOST}:{api_port}/api/v1", data=b'{"action":"info"}', headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or backend.poll() is not None:
                    pytest.fail("decap-server did not start: " + (tmp_path / "decap-server.log").read_text(encoding="utf-8"))
                time.sleep(0.2)
        yield f"http://{HOST}:{server.server_port}/admin/", project
    finally:
        server.shutdown()
        server.server_close()
        backend.terminate()
        backend.wait(timeout=10)
        log.close()


def _input(page: Page, name: str) -> Any:
    """The form's input for the top-level field `name` (Decap ids it `<name>-field-<n>`)."""
    return page.locator(f'[id^="{name}-field-"]').first


def _type(page: Page, name: str, text: str) -> None:
    """Type as a person types; a busy machine can lose a key while Decap redraws the form
    (seen once in CI: « les deux » saved as « les d »), so the field is read back and,
    if it differs, emptied and typed again, more slowly."""
    box = _input(page, name)
    for delay in (5, 40, 120):
        box.click()
        box.press_sequentially(text, delay=delay)
        if box.input_value() == text:
            return
        box.press("Control+a")
        box.press("Delete")
    expect(box).to_have_value(text)


def _choose(page: Page, name: str, typed: str, option: str) -> None:
    """A select or relation widget: type part of the choice, pick it from the list."""
    box = _input(page, name)
    choice = page.get_by_role("option", name=option, exact=False).first
    for delay in (20, 120):  # a lost key (see _type) leaves the list empty: type it again
        box.click()
        box.press_sequentially(typed, delay=delay)
        try:
            expect(choice).to_be_visible(timeout=WAIT // 2)
            break
        except AssertionError:
            box.press("Control+a")
            box.press("Delete")
    else:
        box.click()
        box.press_sequentially(typed, delay=200)
    expect(choice).to_be_visible(timeout=WAIT)
    choice.click()


def _publish(page: Page) -> None:
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").first.click()
    # Published: Decap opens the saved entry at its own address. (Its « Modifications
    # enregistrées » notice is not waited for: it fades after a few seconds, which a loaded
    # machine can miss; the file on disk is what counts, and _wait_for looks for it.)
    expect(page).to_have_url(re.compile(r"#/collections/[a-z]+/entries/[a-z0-9-]+$"), timeout=WAIT)


def _open_new(page: Page, url: str, kind: str, heading: str) -> None:
    page.goto(f"{url}#/collections/{kind}/new", wait_until="domcontentloaded")
    expect(page.get_by_text(f"Écriture dans la collection {heading}")).to_be_visible(timeout=WAIT)


def _fresh(page: Page, url: str) -> None:
    """The editor loaded anew: Decap keeps a collection's entries from their first load, so a
    source published a moment ago reaches the event's relation widget only after a reload."""
    page.goto(url, wait_until="domcontentloaded")
    page.reload(wait_until="domcontentloaded")
    login, sources = page.get_by_role("button", name="Se connecter"), page.get_by_role("link", name="Sources")
    expect(login.or_(sources).first).to_be_visible(timeout=WAIT)
    if login.is_visible():
        login.click()
    expect(sources).to_be_visible(timeout=WAIT)


def _wait_for(page: Page, folder: Path, before: set[str]) -> Path:
    deadline = time.monotonic() + WAIT / 1000
    while time.monotonic() < deadline:
        new = sorted(set(p.name for p in folder.glob("*.yaml")) - before)
        if new:
            assert len(new) == 1, new
            return folder / new[0]
        page.wait_for_timeout(200)  # not time.sleep: the route guard runs only while Playwright waits
    page.screenshot(path=str(SHOTS / "failed.png"), full_page=True)
    pytest.fail(f"nothing new in {folder}; see {SHOTS / 'failed.png'}")


def test_a_source_and_an_event_written_from_the_editor_pass_the_checks(editor: tuple[str, Path]) -> None:
    url, project = editor
    sources, events = project / "dossier" / "sources", project / "dossier" / "events"
    before_sources, before_events = {p.name for p in sources.glob("*.yaml")}, {p.name for p in events.glob("*.yaml")}
    SHOTS.mkdir(parents=True, exist_ok=True)
    elsewhere: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="fr-FR")
        context.set_default_timeout(WAIT)

        def guard(route: Any) -> None:  # nothing from another host, not even tried
            if is_local(route.request.url):
                route.continue_()
            else:
                elsewhere.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None)
        try:
            page.goto(url, wait_until="domcontentloaded")
            page.get_by_role("button", name="Se connecter").click()  # the local backend needs no account
            expect(page.get_by_role("link", name="Sources")).to_be_visible(timeout=WAIT)
            page.screenshot(path=str(SHOTS / "collections-1366.png"))

            # A new source.
            _open_new(page, url, "sources", "Sources")
            _type(page, "title", "Appel entre les deux chefs d’état-major")
            _choose(page, "outlet", "Gaz", "La Gazette")
            _type(page, "published", "2021-10-05")
            _choose(page, "published_basis", "impr", "imprimée")
            _type(page, "url", "https://gazette.example/2021/10/05/appel")
            _choose(page, "language", "fran", "français")
            _choose(page, "kind", "article", "article (article)")
            _type(page, "summary", "La Gazette rapporte un appel téléphonique entre les deux chefs d’état-major.")
            _publish(page)
            source = _wait_for(page, sources, before_sources)

            # A new event citing it, chosen from the relation widget by its title.
            _fresh(page, url)
            _open_new(page, url, "events", "Événements")
            _type(page, "title", "Appel téléphonique entre les chefs d’état-major")
            _choose(page, "kind", "entretien", "entretien téléphonique")
            _type(page, "date", "2021-10")
            _choose(page, "date_basis", "impr", "imprimée")
            _type(page, "summary", "Les deux chefs d’état-major se parlent au téléphone, selon la Gazette.")
            _choose(page, "sources", "Appel entre", "Appel entre les deux chefs")
            page.screenshot(path=str(SHOTS / "new-event-1366.png"))
            _publish(page)
            event = _wait_for(page, events, before_events)

            # The same screens on a phone.
            phone = context.new_page()
            phone.set_viewport_size({"width": 375, "height": 740})
            phone.goto(url + "#/collections/events", wait_until="domcontentloaded")
            expect(phone.get_by_text("Appel téléphonique entre les chefs").first).to_be_visible(timeout=WAIT)
            phone.screenshot(path=str(SHOTS / "collections-375.png"))
            phone.goto(url + "#/collections/events/new", wait_until="domcontentloaded")
            expect(_input(phone, "title")).to_be_visible(timeout=WAIT)
            phone.screenshot(path=str(SHOTS / "new-event-375.png"))
        except Exception as exc:  # what a person needs to see why, from a CI log alone
            page.screenshot(path=str(SHOTS / "failed.png"), full_page=True)
            log = (project.parent / "decap-server.log").read_text(encoding="utf-8")[-3000:]
            raise AssertionError(f"{exc}\n\nat {page.url}; page errors: {errors}; other hosts: {elsewhere}\n"
                                 f"decap-server log (end):\n{log}\nscreenshot: {SHOTS / 'failed.png'}") from exc
        browser.close()

    assert elsewhere == []
    assert errors == []
    assert source.stem.endswith("-2021") and event.stem.startswith("2021-10-"), (source.name, event.name)
    assert source.stem in event.read_text(encoding="utf-8")
    for written in (source, event):  # as Decap wrote them, for a person to compare with `dossier fmt`
        shutil.copy(written, SHOTS / f"as-written-{written.parent.name}.yaml")
    root = ["--root", str(project), "--today", TODAY.isoformat()]
    assert main([*root, "check"]) == 0, source.read_text(encoding="utf-8") + event.read_text(encoding="utf-8")
    # Decap writes its own YAML layout; `dossier fmt` (which CI runs on pull requests) puts it
    # in the house layout, and the records stay valid.
    assert main([*root, "fmt", str(source), str(event)]) == 0
    for written in (source, event):
        shutil.copy(written, SHOTS / f"formatted-{written.parent.name}.yaml")
    assert main([*root, "fmt", "--check"]) == 0
    assert main([*root, "check"]) == 0
