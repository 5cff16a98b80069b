"""Maps and network in headless Chromium at 375 and 1366 px: every label visible and apart, nothing
clipped, no sideways scroll, the skip link works from the keyboard, axe clean."""
from __future__ import annotations

from collections.abc import Callable

import pytest

import test_browser
from test_browser import AXE, NETWORK, PLACES

# The fixtures of test_browser.py, shared: one server and one Chromium per module.
base_url, browser, new_page = test_browser.base_url, test_browser.browser, test_browser.new_page

pytest.importorskip("playwright")
from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser
WIDTHS = [375, 1366]
PLACE = "dossier/lieux/tachkent/"
THEME = "dossier/themes/bases-asie-centrale/"
# The boxes of the visible labels of each visible map or network drawing, as the browser lays them out.
BOXES = """sel => Array.from(document.querySelectorAll(sel)).filter(s => s.getBoundingClientRect().width > 0).map(svg => {
  const r = svg.getBoundingClientRect();
  const labels = Array.from(svg.querySelectorAll(arguments[1] || 'text')).map(t => {
    const b = t.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom, t.textContent]; });
  return {svg: [r.left, r.top, r.right, r.bottom], labels};
})"""


def drawings(page: Page, selector: str, label: str) -> list[dict[str, list]]:
    return page.evaluate(BOXES.replace("arguments[1] || 'text'", repr(label)), selector)


def assert_apart_and_inside(found: list[dict[str, list]]) -> None:
    assert found
    for drawing in found:
        left, top, right, bottom = drawing["svg"]
        for box in drawing["labels"]:
            assert left - 0.5 <= box[0] and box[2] <= right + 0.5 and top - 0.5 <= box[1] and box[3] <= bottom + 0.5, box
        boxes = drawing["labels"]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                # Glyph boxes include the line's ascent and descent: allow them to touch by a pixel.
                assert not (a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1), (a, b)


def no_sideways_scroll(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", [PLACES, PLACE, THEME])
def test_map_labels_are_visible_apart_and_inside(new_page: Callable[..., Page], path: str, width: int) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(path)
    found = drawings(page, "svg.carte", "text.carte-etiquette")
    assert_apart_and_inside(found)
    no_sideways_scroll(page)
    if path == PLACES:
        first = " ".join(label[4] for label in found[0]["labels"])
        for name in ("AFGHANISTAN", "OUZBÉKISTAN", "KIRGHIZISTAN", "TADJIKISTAN", "Tachkent", "Karshi-Khanabad", "Manas", "Kaboul"):
            assert name in first, name
        assert page.locator(".carte-legende").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_network_names_are_whole_apart_and_fit_the_width(new_page: Callable[..., Page], width: int) -> None:
    page = new_page(viewport={"width": width, "height": 900})
    page.goto(NETWORK)
    found = drawings(page, "svg.graphe-reseau", "text")
    assert len(found) == 1  # one drawing shown at a time
    assert_apart_and_inside(found)
    assert not any("…" in label[4] for label in found[0]["labels"])
    assert min(label[3] - label[1] for label in found[0]["labels"]) >= 10  # text at least 10 px tall
    expect(page.locator(".graphe-legende")).to_be_visible()
    no_sideways_scroll(page)


def test_skip_link_jumps_past_the_map_from_the_keyboard(new_page: Callable[..., Page]) -> None:
    page = new_page(viewport={"width": 1366, "height": 900})
    page.goto(PLACES)
    skip = page.locator("a.carte-sauter").first
    assert skip.bounding_box() is None or skip.bounding_box()["width"] <= 1  # hidden until focused
    skip.focus()
    box = skip.bounding_box()
    assert box and box["width"] > 20 and box["height"] > 10  # visible on focus
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('carte-fin')")
    page.keyboard.press("Tab")
    # The next stop is after the first map: not one of its links.
    assert page.evaluate("!document.activeElement.closest('figure.carte-figure') || "
                         "document.activeElement.closest('figure.carte-figure') !== document.querySelector('figure.carte-figure')")


@pytest.mark.parametrize("path", [PLACES, NETWORK, PLACE, THEME])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_maps_and_network_pass_axe(new_page: Callable[..., Page], path: str, scheme: str) -> None:
    page = new_page(viewport={"width": 375, "height": 800}, color_scheme=scheme)
    page.goto(path, wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(bad)
