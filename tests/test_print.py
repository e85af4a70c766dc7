"""Print: no navigation, ¶ numbers kept, footnotes as endnotes, outside link addresses printed.

Checked on computed styles with Chromium emulating print media, on a hand-written page
(a numbered paragraph, an outside link, a footnote) and on a real article.
"""

from __future__ import annotations

import pytest

from conftest import build_copy_with_pages, serve_directory

pytestmark = pytest.mark.browser

PAGE = """---
title: In
lang: vi
---

# In

<button type="button" class="edition-cite" data-anchor="p-1" data-label="1">¶ 1</button> Đoạn có số, một [liên kết ra ngoài](https://example.org/bai-goc) và một chú thích[^1]. <button type="button" class="edition-download" data-format="bibtex">BibTeX</button>
{: #p-1 data-label="1" }

Một [liên kết trong ấn bản](about.md).

[^1]: Chú thích của tác giả.
"""
HIDDEN_IN_PRINT = (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer")


@pytest.fixture(scope="module")
def print_page(browser, tmp_path_factory):
    site = build_copy_with_pages(tmp_path_factory.mktemp("print"), {"in.md": PAGE})
    with serve_directory(site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(base + "in/", wait_until="networkidle")
        page.emulate_media(media="print")
        yield page
        context.close()


def pseudo(page, selector: str, which: str, prop: str) -> str:
    return page.locator(selector).first.evaluate(
        "(e, [w, p]) => getComputedStyle(e, w).getPropertyValue(p)", [which, prop])


@pytest.mark.parametrize("selector", HIDDEN_IN_PRINT)
def test_navigation_is_not_printed(print_page, selector):
    assert print_page.locator(selector).first.evaluate("e => getComputedStyle(e).display") == "none"


def test_outside_link_address_is_printed_after_its_text(print_page):
    assert pseudo(print_page, "article a[href^='https://example.org']", "::after", "content") == \
        '" (https://example.org/bai-goc)"'


def test_internal_link_gets_no_address(print_page):
    assert pseudo(print_page, "article a[href*='about']", "::after", "content") in ("none", "normal")


def test_paragraph_number_is_printed_in_the_flow(print_page):
    number = print_page.locator("p[data-label='1'] .edition-cite")
    assert number.inner_text() == "¶ 1"
    assert number.evaluate("e => getComputedStyle(e).display") in ("inline", "inline-block")
    assert number.evaluate("e => getComputedStyle(e).position") == "static"
    assert print_page.locator(".edition-download").first.evaluate("e => getComputedStyle(e).display") == "none"


def test_footnotes_are_printed_as_endnotes_under_a_heading(print_page):
    notes = print_page.locator("article .footnote")
    assert notes.evaluate("e => getComputedStyle(e).display") == "block"
    assert pseudo(print_page, "article .footnote", "::before", "content") == '"Chú thích"'
    is_last = notes.evaluate("e => !e.nextElementSibling || !e.nextElementSibling.matches('p, h2, h3')")
    assert is_last
    assert print_page.locator("article .footnote-backref").first.evaluate(
        "e => getComputedStyle(e).display") == "none"


def test_screen_shows_no_printed_addresses(print_page):
    print_page.emulate_media(media="screen")
    try:
        assert pseudo(print_page, "article a[href^='https://example.org']", "::after", "content") in ("none", "normal")
    finally:
        print_page.emulate_media(media="print")
