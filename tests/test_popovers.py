"""Footnotes and glossary terms open as popovers on hover, keyboard focus and tap, fit a
360 px screen, and close with Escape.

The edition's own articles may have no footnote yet, so a hand-written page with a
Markdown footnote and an <abbr> term is added to a copy of the edition and built with
the real mkdocs.yml, overrides and docs/javascripts/popovers.js.
"""

from __future__ import annotations

import pytest

from conftest import build_copy_with_pages, serve_directory

pytestmark = pytest.mark.browser

PAGE = """---
title: Popovers
lang: vi
---

# Popovers

Quan hệ <abbr title="Đông Nam Á">ĐNA</abbr> là trọng tâm[^1] của chính sách đối ngoại.

[^1]: Chú thích của tác giả, đủ dài để xuống nhiều dòng trên một màn hình điện thoại rộng
    360 điểm ảnh: văn kiện Đại hội, tr. 112–115, Nxb. Chính trị quốc gia, Hà Nội.
"""
FOOTNOTE = ".md-content a.footnote-ref"
TERM = ".md-content abbr[title]"
OPEN = ".md-tooltip2--active"
PHONE = {"width": 360, "height": 740}
MIN_READABLE_PX = 12  # smallest popover text size we accept on a phone


@pytest.fixture(scope="module")
def popover_url(tmp_path_factory):
    site = build_copy_with_pages(tmp_path_factory.mktemp("popovers"), {"popovers.md": PAGE})
    with serve_directory(site) as base:
        yield base + "popovers/"


def open_popover_text(page) -> str | None:
    popover = page.locator(OPEN)
    if popover.count() == 0:
        return None
    return popover.first.inner_text()


def wait_open(page, text: str) -> None:
    page.locator(OPEN, has_text=text).first.wait_for(state="visible", timeout=5000)


def wait_closed(page) -> None:
    page.locator(OPEN).first.wait_for(state="detached", timeout=5000)


def test_footnote_opens_on_hover_and_closes_with_escape(page, popover_url):
    page.goto(popover_url, wait_until="networkidle")
    page.hover(FOOTNOTE)
    wait_open(page, "Chú thích của tác giả")
    page.keyboard.press("Escape")
    wait_closed(page)


def test_term_opens_on_hover_with_its_expansion(page, popover_url):
    page.goto(popover_url, wait_until="networkidle")
    page.hover(TERM)
    wait_open(page, "Đông Nam Á")
    page.keyboard.press("Escape")
    wait_closed(page)


def test_keyboard_reaches_term_and_footnote_and_escape_closes(page, popover_url):
    page.goto(popover_url, wait_until="networkidle")
    page.locator(f"{TERM}[tabindex='0']").wait_for(state="attached")  # popovers.js has run
    page.locator("article h1").click()  # start tabbing from the content
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.matches('.md-content abbr') ? 'term' : "
                                "document.activeElement.matches('a.footnote-ref') ? 'footnote' : ''")
        if focused:
            expected = "Đông Nam Á" if focused == "term" else "Chú thích của tác giả"
            wait_open(page, expected)
            page.keyboard.press("Escape")
            wait_closed(page)
            reached.append(focused)
        if len(reached) == 2:
            break
    assert reached == ["term", "footnote"]


@pytest.mark.parametrize("trigger, text", [(FOOTNOTE, "Chú thích của tác giả"), (TERM, "Đông Nam Á")])
def test_tap_opens_a_readable_popover_on_a_phone(browser, popover_url, trigger, text):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(popover_url, wait_until="networkidle")
        page.tap(trigger)
        wait_open(page, text)
        assert "#fn:" not in page.url  # the first tap shows the note instead of jumping to it
        inner = page.locator(f"{OPEN} .md-tooltip2__inner").first
        box = inner.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        size = float(inner.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
        assert size >= MIN_READABLE_PX
    finally:
        context.close()


def test_second_tap_on_a_footnote_jumps_to_the_note(browser, popover_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(popover_url, wait_until="networkidle")
        page.tap(FOOTNOTE)
        wait_open(page, "Chú thích của tác giả")
        page.tap(FOOTNOTE)
        page.wait_for_url("**#fn:1")
    finally:
        context.close()
