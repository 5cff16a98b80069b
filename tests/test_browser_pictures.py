"""The chronology and the home page's visual entry in headless Chromium, at 375 and 1366 px:
labels visible and unclipped, touch targets, no sideways scroll, the focus card, axe clean."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import test_browser as tb  # skips this module too when Chromium or Playwright is missing

Page = tb.Page
expect = tb.expect
# test_browser's fixtures, shared: one server and one Chromium per module.
base_url, browser, new_page = tb.base_url, tb.browser, tb.new_page
AXE, PHONE, TIMELINE, page_widths = tb.AXE, tb.PHONE, tb.TIMELINE, tb.page_widths

pytestmark = pytest.mark.browser
DESKTOP = {"width": 1366, "height": 900}
SIZES = {"375": PHONE, "1366": DESKTOP}


def boxes(page: Page, selector: str) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(selector, "els => els.map(e => { const r = e.getBoundingClientRect(); return {id: e.dataset.event || '', x: r.x, y: r.y, w: r.width, h: r.height}; })")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chronology_labels_targets_and_width(new_page: Callable[..., Page], size: str, scheme: str) -> None:
    page = new_page(viewport=SIZES[size], color_scheme=scheme)
    page.goto(TIMELINE)
    svg = page.locator("svg.frise")
    frame = svg.bounding_box()
    assert frame
    scroll, inner = page_widths(page)
    assert scroll <= inner, "the page scrolls sideways"
    labels = boxes(page, "svg.frise .frise-etiquette text")
    keys = page.eval_on_selector_all("svg.frise a.frise-cle", "els => els.map(e => e.dataset.event)")
    assert keys and {b["id"] for b in boxes(page, "svg.frise .frise-etiquette")} == set(keys)
    for b in labels:  # inside the picture, which is inside the window
        assert frame["x"] - 0.5 <= b["x"] and b["x"] + b["w"] <= frame["x"] + frame["width"] + 0.5, b
        assert b["x"] >= 0 and b["x"] + b["w"] <= inner
    for i, a in enumerate(labels):  # no two labels overlap
        for b in labels[i + 1:]:
            assert a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"], (a, b)
    marks = boxes(page, "svg.frise a[data-event]")
    assert marks
    for m in marks:
        assert m["w"] >= 24 and m["h"] >= 24, m  # touch targets, even on a phone
        assert frame["x"] - 0.5 <= m["x"] and m["x"] + m["w"] <= frame["x"] + frame["width"] + 0.5, m
        assert frame["y"] - 0.5 <= m["y"] and m["y"] + m["h"] <= frame["y"] + frame["height"] + 0.5, m
    # The legend is shown with the picture: one entry per topic, and the outside-corpus cue.
    legend = page.locator("ul.frise-legende")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("hors corpus")


def test_focus_and_hover_show_a_card_inside_the_viewport(new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, color_scheme="light")
    page.goto(TIMELINE)
    card = page.locator("#frise-carte")
    first = page.locator("svg.frise a[data-event]").first
    first.focus()
    expect(card).to_be_visible()
    title = first.get_attribute("data-titre")
    assert title
    expect(card).to_contain_text(title)
    expect(card).to_contain_text("Source")
    assert first.get_attribute("aria-describedby") == "frise-carte"
    # A mark whose sources are state media shows their label in the card.
    state = page.locator('svg.frise a[data-sources="etat"]').first
    state.focus()
    expect(card.locator(".frise-carte-etat").first).to_contain_text("média d’État")
    # The card stays inside the window, for the last mark too (bottom right of the picture).
    last = page.locator("svg.frise a[data-event]").last
    last.scroll_into_view_if_needed()
    last.focus()
    box = card.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= PHONE["width"] and box["y"] + box["height"] <= PHONE["height"], box
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    # Keyboard: Tab reaches the marks, and the card follows the focus.
    first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.dataset.titre")
    expect(card).to_contain_text(focused)
    # Hover, on a desktop.
    desk = new_page(viewport=DESKTOP, color_scheme="dark")
    desk.goto(TIMELINE)
    key = desk.locator("svg.frise a.frise-cle").first
    key.hover()
    expect(desk.locator("#frise-carte")).to_contain_text(key.get_attribute("data-titre") or "?")


@pytest.mark.parametrize("size", SIZES)
def test_home_page_visual_entry(new_page: Callable[..., Page], size: str) -> None:
    page = new_page(viewport=SIZES[size], color_scheme="light")
    page.goto("")
    visual = page.locator(".accueil-visuel")
    expect(visual).to_be_visible()
    meetings = visual.locator(".accueil-rencontres ol > li a")
    assert meetings.count() >= 2
    assert visual.locator("svg.accueil-frise circle").count() == meetings.count()
    figures = visual.locator(".accueil-chiffres a")
    assert figures.count() == 5
    for text in figures.all_inner_texts():
        assert text.split()[0].isdigit(), text
    scroll, inner = page_widths(page)
    assert scroll <= inner
    meetings.first.click()
    page.wait_for_url("**/dossier/evenements/**")


@pytest.mark.parametrize("path", ["", TIMELINE])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_pictures_pass_the_accessibility_audit(new_page: Callable[..., Page], path: str, scheme: str) -> None:
    page = new_page(viewport=PHONE, color_scheme=scheme)
    page.goto(path, wait_until="networkidle")
    page.locator("svg.frise a[data-event]").first.focus() if path else None  # with the card open
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], path + ":\n" + "\n".join(bad)
