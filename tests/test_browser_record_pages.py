"""Record pages and the 404 page in Chromium: French, lean, nothing hidden for good (browser tests)."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest

# The module's fixtures (a served built site, one Chromium) and its skip when Chromium is missing.
from test_browser import AXE, HELSINKI, PHONE, base_url, browser, new_page, page, page_widths  # noqa: F401

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def test_the_404_page_is_french_and_leads_home_and_to_search(page: "Page", base_url: str) -> None:  # noqa: F811
    page.goto("404.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.locator("h1").inner_text() == "Page introuvable"
    text = page.locator(".page-introuvable").inner_text()
    assert "Not found" not in text and "404 -" not in text
    # The search link opens the site's search dialog instead of leaving the page.
    page.locator(".page-introuvable__recherche").click()
    assert page.locator("#dossier-recherche").evaluate("d => d.open")
    page.keyboard.press("Escape")
    page.get_by_role("link", name="Revenir à l’accueil du dossier").click()
    page.wait_for_load_state()
    assert page.url.rstrip("/") + "/" == base_url
    page.goto("404.html", wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")] == []


def test_a_long_list_opens_on_demand_and_the_page_fits_a_phone(new_page: Callable[..., "Page"]) -> None:  # noqa: F811
    phone = new_page(viewport=PHONE, color_scheme="dark")
    phone.goto(HELSINKI, wait_until="networkidle")
    scroll, inner = page_widths(phone)
    assert scroll <= inner
    folded = phone.locator("details.liste-longue").first
    if folded.count():
        link = folded.locator("li a").first
        assert not link.is_visible()
        folded.locator("summary").click()
        assert link.is_visible()


def test_headings_are_unique_on_every_record_page_visited(page: "Page") -> None:  # noqa: F811
    page.goto(HELSINKI, wait_until="networkidle")
    headings = page.locator("article :is(h1, h2, h3, h4)").all_inner_texts()
    headings = [h.strip() for h in headings]
    assert len(headings) == len(set(headings)), headings

