"""Reading aids in the browser: citation previews (hover, focus, tap, Escape, inside a phone's
screen, axe clean while open) and the filter and sort of long lists (typed key by key)."""
from __future__ import annotations

import re
from collections.abc import Callable

import pytest

import test_browser as shared
from test_browser import AXE, DECLARATIONS, HELSINKI, PHONE, watch_errors

# The main browser tests' fixtures: one server, one Chromium, fresh contexts.
base_url = shared.base_url
browser = shared.browser
new_page = shared.new_page
page = shared.page

pytest.importorskip("playwright")
from playwright.sync_api import Page, expect  # noqa: E402

pytestmark = pytest.mark.browser

SOURCES = "dossier/sources/"
EVENTS = "dossier/evenements/"
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
VISIBLE_TIPS = "Array.from(document.querySelectorAll('[role=tooltip], .md-tooltip')).filter(t => t.offsetParent !== null || getComputedStyle(t).position === 'fixed' && t.getClientRects().length).length"


def source_item(page: Page, href: str) -> tuple[str, str]:
    """Title and full text of the page's Sources list item whose first link is `href`."""
    return page.evaluate(
        """href => { for (const li of document.querySelectorAll('.dossier-sources li')) {
             const a = li.querySelector('a[href]');
             if (a && a.href === href) return [a.textContent.trim(), li.textContent.replace(/\\s+/g, ' ').trim()];
           } return null; }""",
        href,
    )


def open_tip(page: Page) -> Page:
    tip_id = page.locator("a.renvoi").first.get_attribute("aria-describedby")
    assert tip_id
    return page.locator(f"#{tip_id}")  # type: ignore[return-value]


def test_hover_and_focus_show_the_source_then_escape_closes(page: Page) -> None:
    errors = watch_errors(page)
    page.goto(HELSINKI)
    citations = page.locator("a.renvoi")
    assert citations.count() >= 3
    first = citations.first
    href = first.evaluate("a => a.href")
    title, text = source_item(page, href)
    tip = open_tip(page)
    expect(tip).to_be_hidden()
    first.hover()
    expect(tip).to_be_visible()
    expect(tip).to_have_attribute("role", "tooltip")
    shown = tip.inner_text()
    assert title in shown
    # Who published it (a link to the outlet and its label) and when, in French.
    assert tip.locator("a.etiquette").count() >= 1
    assert re.search(rf"\b(\d{{1,2}} )?({MONTHS}) \d{{4}}|\b\d{{4}}\b", shown), shown
    assert text.split(" — ", 1)[1].split(",")[0] in shown  # the outlet's name
    assert page.evaluate(VISIBLE_TIPS) == 1, "Material's tooltip doubles ours"
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    # From the keyboard: Tab onto the citation shows it, Escape closes it, focus stays.
    page.mouse.move(0, 0)
    first.focus()
    expect(tip).to_be_visible()
    page.keyboard.press("Escape")
    expect(tip).to_be_hidden()
    expect(first).to_be_focused()
    # The preview is the citation's description for screen readers.
    assert first.evaluate("a => document.getElementById(a.getAttribute('aria-describedby')).textContent").strip()
    assert errors == []


def test_moving_onto_the_preview_keeps_it_open(page: Page) -> None:
    page.goto(HELSINKI)
    first = page.locator("a.renvoi").first
    tip = open_tip(page)
    first.hover()
    expect(tip).to_be_visible()
    tip.hover()
    page.wait_for_timeout(400)
    expect(tip).to_be_visible()
    page.mouse.move(1, 1)
    expect(tip).to_be_hidden()


def test_a_tap_shows_the_preview_inside_a_phone_screen_and_its_link_opens_the_source(new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(HELSINKI)
    citations = page.locator("a.renvoi")
    # The rightmost citation on screen: the hardest to keep inside.
    boxes = [(citations.nth(i).bounding_box() or {"x": 0})["x"] for i in range(min(citations.count(), 12))]
    target = citations.nth(boxes.index(max(boxes)))
    target.scroll_into_view_if_needed()
    href = target.evaluate("a => a.href")
    tip = page.locator("#" + (target.get_attribute("aria-describedby") or ""))
    before = page.url
    target.tap()
    expect(tip).to_be_visible()
    assert page.url == before, "the first tap must preview, not leave the page"
    box = tip.bounding_box()
    assert box is not None
    width = page.evaluate("document.documentElement.clientWidth")
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # A tap elsewhere closes it; a tap on its link opens the source page.
    page.locator(".md-content h1").tap()
    expect(tip).to_be_hidden()
    target.tap()
    expect(tip).to_be_visible()
    tip.get_by_role("link", name="Voir la fiche de la source").tap()
    page.wait_for_url(href)


def test_without_javascript_a_citation_opens_its_source(new_page: Callable[..., Page]) -> None:
    page = new_page(java_script_enabled=False)
    page.goto(HELSINKI)
    link = page.locator(".md-content a", has_text=re.compile(r"^\[\d+\]$")).first
    href = link.evaluate("a => a.href")
    link.click()
    page.wait_for_url(href)
    expect(page.locator(".md-content h1")).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_clean_with_a_preview_open(new_page: Callable[..., Page], scheme: str) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(HELSINKI, wait_until="networkidle")
    page.locator("a.renvoi").first.focus()
    expect(open_tip(page)).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], "\n".join(bad)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_titles_are_the_strongest_text_and_notes_read_at_body_size(new_page: Callable[..., Page], scheme: str) -> None:
    page = new_page(color_scheme=scheme)
    page.goto("dossier/sources/afp-helsinki-2021/")
    h1 = page.locator(".md-content h1").first
    style = h1.evaluate("h => { const s = getComputedStyle(h); return [s.color, s.fontWeight]; }")
    assert int(style[1]) >= 600
    channels = [float(x) for x in re.findall(r"[\d.]+", style[0])]
    alpha = channels[3] if len(channels) > 3 else 1.0
    assert alpha >= 0.8, style
    assert (max(channels[:3]) < 80) if scheme == "light" else (min(channels[:3]) > 200), style
    body = page.locator(".md-content p").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    note = page.locator(".md-content .admonition p:not(.admonition-title)").first.evaluate("p => parseFloat(getComputedStyle(p).fontSize)")
    assert note >= body


def type_filter(page: Page, text: str) -> None:
    box = page.get_by_role("searchbox", name="Filtrer")
    box.focus()
    page.keyboard.type(text, delay=20)


@pytest.mark.parametrize("path", [DECLARATIONS, EVENTS, SOURCES])
def test_the_filter_narrows_the_list_as_one_types(page: Page, path: str) -> None:
    page.goto(path)
    items = page.locator(".liste-triable tbody > tr, .liste-triable ul > li")
    total = items.count()
    assert total >= 3
    status = page.locator(".liste-outils__compte")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(re.compile(rf"^{total} "))
    # A word from one entry (its first link's text): what is left all holds it, accents aside.
    word = max(re.findall(r"\w+", items.nth(1).locator("a").first.inner_text()), key=len)
    type_filter(page, word[:-1].upper())
    visible = page.locator(".liste-triable tbody > tr:not([hidden]), .liste-triable ul > li:not([hidden])")
    shown = visible.count()
    assert 1 <= shown < total or shown == total == items.filter(has_text=word[:-1]).count()
    expect(status).to_have_text(re.compile(rf"^{shown} .+ sur {total}$"))
    for text in visible.all_inner_texts():
        assert word[:-1].casefold() in text.casefold()
    type_filter(page, "zzzqqq")
    expect(status).to_have_text(re.compile(rf"^0 .+ sur {total}$"))
    page.get_by_role("searchbox", name="Filtrer").fill("")
    page.get_by_role("searchbox", name="Filtrer").press("Backspace")
    expect(status).to_have_text(re.compile(rf"^{total} "))


@pytest.mark.parametrize("path", [DECLARATIONS, SOURCES])
def test_sorting_by_date_both_ways_and_by_name(page: Page, path: str) -> None:
    page.goto(path)
    rows = ".liste-triable tbody > tr, .liste-triable ul > li"
    dates = "sel => Array.from(document.querySelectorAll(sel)).map(r => (r.querySelector('time[datetime]') || {getAttribute: () => ''}).getAttribute('datetime'))"
    first = page.evaluate(dates, rows)
    dated = [d for d in first if d]
    assert dated == sorted(dated)
    select = page.get_by_role("combobox", name="Trier")
    select.focus()
    select.select_option("-date")
    after = [d for d in page.evaluate(dates, rows) if d]
    assert after == sorted(dated, reverse=True)
    select.select_option("titre")
    names = page.evaluate("sel => Array.from(document.querySelectorAll(sel)).map(r => r.querySelector('a').textContent.trim())", rows)
    folded = [n.casefold() for n in names]
    assert folded[0] <= folded[-1]
    select.select_option("date")
    assert page.evaluate(dates, rows) == first


def test_no_sideways_scroll_on_the_sources_index_at_375(new_page: Callable[..., Page]) -> None:
    page = new_page(viewport=PHONE)
    for path in (SOURCES, EVENTS, DECLARATIONS):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path
        box = page.locator(".liste-triable").first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"], path
        controls = page.locator(".liste-outils :is(input, select)")
        for i in range(controls.count()):
            b = controls.nth(i).bounding_box()
            assert b is not None and b["x"] + b["width"] <= PHONE["width"] and b["height"] >= 24


