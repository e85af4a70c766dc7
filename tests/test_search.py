"""Search in the header: Pagefind index built by build.py, queried in headless Chromium.

Each test types a query into the header box of the built site (served under a
project path) and reads the result panel: result links, their #p-N anchors and
the highlighted passages. Assertions hold for any reader that keeps the words of
a paragraph together (the slug, a #p-… anchor whose paragraph has the words).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from conftest import copy_edition, outside_nav, run_build, serve_site

pytestmark = pytest.mark.browser

PAPER = "quan-he-lao-viet-nam-chinh-sach-doi-ngoai"
ENGLISH = "defense-key-pillar-vietnam-laos-relations"
RESULT_LINKS = ".md-search-result__link"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def search(page, site_url: str, query: str) -> list[dict]:
    """Type ``query`` in the header box; the results as {href, slug, anchor, text, marks}."""
    page.goto(site_url)
    box = page.locator("#edition-search-input")
    box.click()
    box.fill(query)
    page.wait_for_function(
        "q => document.querySelector('[data-edition-search]').getAttribute('data-search-done') === q",
        arg=query, timeout=20000)
    return page.eval_on_selector_all(RESULT_LINKS, """links => links.map(a => ({
        item: Array.from(a.closest('ol').children).indexOf(a.closest('li')),
        href: a.href,
        slug: new URL(a.href).pathname.split('/').filter(Boolean).pop(),
        anchor: new URL(a.href).hash.slice(1),
        text: a.querySelector('p').textContent,
        marks: Array.from(a.querySelectorAll('mark')).map(m => m.textContent)}))""")


def paragraph_text(page, href: str) -> str:
    page.goto(href)
    anchor = href.split("#", 1)[1]
    return page.locator(f"[id='{anchor}']").inner_text()


def first_in(results: list[dict], slug: str) -> dict:
    """The first passage of ``slug`` that links to a paragraph (its title may match too)."""
    matching = [r for r in results if r["slug"] == slug and r["anchor"].startswith(("p-", "fn"))]
    assert matching, f"{slug} not in {[r['slug'] for r in results]}"
    return matching[0]


@pytest.mark.parametrize("query", ["chinh sach doi ngoai", "chính sách đối ngoại", "CHÍNH SÁCH ĐỐI NGOẠI"])
def test_vietnamese_query_with_or_without_diacritics_finds_the_paper_paragraph(page, site_url, query):
    results = search(page, site_url, query)
    hit = first_in(results, PAPER)
    assert hit["anchor"].startswith("p-")
    assert hit["marks"], "the matching words are highlighted"
    paragraph = fold(paragraph_text(page, hit["href"]))
    assert all(word in paragraph.split() or word in paragraph for word in fold(query).split())
    assert page.console_errors == []


def test_d_without_stroke_matches_d_with_stroke(page, site_url):
    results = search(page, site_url, "doi ngoai")
    hit = first_in(results, PAPER)
    assert "đối" in hit["text"].lower()
    assert any(fold(m) == "doi" for m in hit["marks"])
    assert page.console_errors == []


def test_exact_diacritics_rank_before_folded_matches(page, site_url):
    # 'Lào' (Laos) and 'lao' (as in 'lao động', labour) fold to the same word.
    results = search(page, site_url, "Lào")
    exact = ["lào" in r["text"].lower() for r in results]
    assert exact[0] and not all(exact), "both kinds of match are listed"
    pages = sorted({r["item"] for r in results})
    by_page = [[e for r, e in zip(results, exact) if r["item"] == item] for item in pages]
    for flags in by_page:
        assert flags == sorted(flags, reverse=True), "within a page, exact passages come first"
    firsts = [flags[0] for flags in by_page]
    assert firsts == sorted(firsts, reverse=True), "pages with an exact passage come first"
    assert page.console_errors == []


def test_english_query_is_stemmed_with_english_rules(page, site_url):
    # 'implemented' reaches 'implementing' only through the English stemmer.
    results = search(page, site_url, "implemented")
    hit = first_in(results, ENGLISH)
    assert hit["anchor"].startswith("p-")
    assert "implement" in paragraph_text(page, hit["href"]).lower()
    assert page.console_errors == []


def test_one_query_finds_english_and_vietnamese_pages(page, site_url):
    slugs = {r["slug"] for r in search(page, site_url, "ASEAN")}
    assert ENGLISH in slugs
    assert PAPER in slugs
    assert page.console_errors == []


@pytest.mark.parametrize("query, word", [("ADMM+", "ADMM+"), ("CSĐN", "CSĐN"), ("csdn", "CSĐN")])
def test_abbreviation_finds_its_paragraph(page, site_url, query, word):
    results = search(page, site_url, query)
    assert {r["slug"] for r in results[:2]} <= {PAPER, "glossary"}  # the paper, or the term's entry
    hit = first_in(results, PAPER)
    assert hit["anchor"].startswith("p-")
    assert word in paragraph_text(page, hit["href"])
    assert page.console_errors == []


def test_results_link_to_the_project_path_and_keyboard_works(page, site_url):
    search(page, site_url, "ASEAN")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.href")
    assert focused.startswith(site_url) and "#" in focused  # a paragraph, or a glossary entry
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "edition-search-input"
    assert page.console_errors == []


def test_pagefind_is_loaded_only_when_the_box_is_used(page, site_url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [url for url in requested if "/pagefind/" in url]
    with page.expect_request(lambda request: "/pagefind/pagefind.js" in request.url):
        page.locator("#edition-search-input").focus()
    assert page.console_errors == []


ABBR_PAGE = """---
title: Abbreviation test
---

# Abbreviation test

Hội nghị bàn về <abbr title="chính sách đối ngoại" data-pagefind-index-attrs="title">CSĐN</abbr> của Lào.
{: #p-1 data-label="1" }

Một đoạn khác không liên quan.
{: #p-2 data-label="2" }
"""


@pytest.fixture(scope="module")
def abbreviation_site_url(tmp_path_factory):
    """The edition plus a hand-written page whose only mention of the policy is an abbreviation."""
    root = copy_edition(tmp_path_factory.mktemp("abbr-edition"))
    (root / "docs" / "abbr-test.md").write_text(ABBR_PAGE, encoding="utf-8")
    outside_nav(root, "abbr-test.md")
    result = run_build("--root", str(root))
    assert result.returncode == 0, result.stderr
    with serve_site(root / "site") as url:
        yield url


@pytest.mark.parametrize("query", ["chính sách đối ngoại", "chinh sach doi ngoai"])
def test_expansion_finds_paragraph_that_only_uses_the_abbreviation(page, abbreviation_site_url, query):
    results = search(page, abbreviation_site_url, query)
    hits = [r for r in results if r["slug"] == "abbr-test"]
    assert hits and hits[0]["anchor"] == "p-1"
    assert page.console_errors == []


def test_search_index_is_written_into_the_site(site_dir: Path):
    bundle = site_dir / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    entry = (bundle / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"vi"' in entry and '"en"' in entry
    assert not (site_dir / "search" / "search_index.json").exists()


def test_local_file_copy_says_search_needs_a_server_without_console_errors(page, site_dir: Path):
    page.goto((site_dir / "articles" / PAPER / "index.html").as_uri())
    box = page.locator("#edition-search-input")
    box.click()
    box.fill("ASEAN")
    page.wait_for_selector("[data-search-done]")
    assert "http.server" in page.locator(".md-search-result__meta").inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("expansion, term", [("Tổ chức Hiệp ước Bắc Đại Tây Dương", "NATO"),
                                             ("to chuc thuong mai the gioi", "WTO")])
def test_an_expansion_finds_paragraphs_that_only_use_the_abbreviation(page, site_url, expansion, term):
    """The glossary's <abbr title> is indexed with its paragraph; the text itself never spells it out."""
    hit = first_in(search(page, site_url, expansion), PAPER)
    text = paragraph_text(page, hit["href"])
    assert term in text and fold(expansion) not in fold(text)
    assert page.console_errors == []
