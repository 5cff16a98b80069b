"""Chromium against the built real dossier: the footer's colophon on every kind of page, at
phone and desktop widths, in both colour schemes, and the journal page's accessibility."""
from __future__ import annotations

from typing import Callable

import pytest

from test_browser import AXE, TOUR, base_url, browser, new_page, page, page_widths  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser
JOURNAL = "dossier/journal/"

try:
    from playwright.sync_api import Page
except ImportError:  # test_browser skipped the module already
    pass


@pytest.mark.parametrize("width, scheme", [(375, "light"), (1366, "dark")])
def test_every_page_shows_publisher_and_licence_in_its_footer(new_page: Callable[..., "Page"], width: int, scheme: str) -> None:  # noqa: F811
    tab = new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    for path in [*TOUR, JOURNAL]:
        tab.goto(path)
        colophon = tab.locator(".md-footer .dossier-colophon")
        colophon.scroll_into_view_if_needed()
        assert colophon.is_visible(), path
        text = " ".join(colophon.inner_text().split())
        assert text.startswith("Publié par ") and "licence" in text, path
        assert "Journal des modifications" in text and "Données et licence" in text, path
        box = colophon.bounding_box()
        assert box and box["x"] >= 8 and box["x"] + box["width"] <= width - 8, path  # inside the page, with a margin
        scroll, inner = page_widths(tab)
        assert scroll <= inner, f"{path}: the page scrolls sideways at {width} px"
        # The footer's links lead to pages that exist.
        for href in colophon.locator("a").evaluate_all("links => links.map(a => a.href)"):
            if href.startswith(tab.url.split("/dossier/")[0]):
                assert tab.request.get(href).ok, href


def test_journal_and_history_pass_the_accessibility_audit(page: "Page") -> None:  # noqa: F811
    for path in [JOURNAL, "dossier/sources/afp-helsinki-2021/"]:
        page.goto(path, wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], path + ":\n" + "\n".join(bad)
    # Outside git (this build), the pages say so instead of giving dates.
    page.goto("dossier/sources/afp-helsinki-2021/")
    assert page.get_by_text("Historique indisponible dans cette copie du dépôt").is_visible()
