"""Reading the site in headless Chromium: no third-party request, languages marked, palettes.

Every request the browser makes while loading each kind of page (home, article in
Vietnamese, article in English, drop report, About, 404, search) must go to 127.0.0.1.
Requests elsewhere are recorded and aborted, so that the test never reaches the network.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

EN_SLUG = "defense-key-pillar-vietnam-laos-relations"
VI_SLUG = "hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua"
PAGE_KINDS = {
    "home": "",
    "article-vi": f"articles/{VI_SLUG}/",
    "article-en": f"articles/{EN_SLUG}/",
    "report": f"reports/{VI_SLUG}/",
    "about": "about/",
    "not-found": "no-such-page/",
}
LOCAL_HOSTS = {"127.0.0.1"}


def record_foreign_requests(page) -> list[str]:
    foreign: list[str] = []

    def route(route, request) -> None:
        if urlsplit(request.url).scheme in ("data", "blob") or urlsplit(request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    page.route("**/*", route)
    return foreign


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS))
def test_page_makes_no_third_party_request(page, site_url, kind):
    foreign = record_foreign_requests(page)
    answers: dict[str, int] = {}
    page.on("response", lambda response: answers.__setitem__(response.url, response.status))
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    assert foreign == []
    assert len(answers) >= 3  # the page, its CSS and its JS at least: the listener saw traffic
    page_url = site_url + PAGE_KINDS[kind]
    failed = {url: status for url, status in answers.items() if status != 200 and url != page_url}
    assert failed == {}  # e.g. the 404 page's stylesheets, which need site_url under a project path


def test_search_makes_no_third_party_request(page, site_url):
    foreign = record_foreign_requests(page)
    page.goto(site_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("quốc phòng", delay=30)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # let a debounced query start; no assertion depends on the time
    page.wait_for_load_state("networkidle")
    assert foreign == []


def test_interface_is_vietnamese_and_english_article_is_marked_english(page, site_url):
    page.goto(site_url + PAGE_KINDS["article-en"])
    assert page.locator("html").get_attribute("lang") == "vi"
    heading_lang = page.locator("article h1").evaluate("h => h.closest('[lang]').getAttribute('lang')")
    assert heading_lang == "en"
    paragraph_lang = page.locator("article p[id^='p-']").first.evaluate(
        "p => p.closest('[lang]').getAttribute('lang')")
    assert paragraph_lang == "en"
    search_label = page.locator("input.md-search__input").get_attribute("placeholder")
    assert search_label == "Tìm kiếm"


def test_header_title_of_english_article_is_marked_english(page, site_url):
    page.goto(site_url + PAGE_KINDS["article-en"], wait_until="networkidle")
    title = page.locator(".md-header__topic:last-child .md-ellipsis")
    assert "Defense remains key pillar" in title.inner_text()
    assert title.get_attribute("lang") == "en"


@pytest.mark.parametrize("kind", ["about", "article-vi"])
def test_header_title_of_vietnamese_page_is_not_marked_english(page, site_url, kind):
    page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
    title = page.locator(".md-header__topic:last-child .md-ellipsis")
    assert title.evaluate("e => e.closest('[lang]').getAttribute('lang')") == "vi"


def test_vietnamese_article_is_not_marked_english(page, site_url):
    page.goto(site_url + PAGE_KINDS["article-vi"])
    lang = page.locator("article p[id^='p-']").first.evaluate("p => p.closest('[lang]').getAttribute('lang')")
    assert lang == "vi"


def test_home_page_lists_title_publication_date_and_language(page, site_url):
    page.goto(site_url)
    rows = page.locator("article table tbody tr")
    assert rows.count() == 5
    english_row = rows.filter(has=page.locator(f"a[href*='{EN_SLUG}']"))
    assert english_row.count() == 1
    cells = english_row.locator("td").all_inner_texts()
    assert "Defense remains key pillar" in cells[0]
    assert "English" in " ".join(cells)
    assert english_row.locator("[lang='en']").count() >= 1


@pytest.mark.parametrize("scheme, expected", [("light", "default"), ("dark", "slate")])
def test_palette_follows_the_reader_preference(browser, site_url, scheme, expected):
    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url)
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    finally:
        context.close()
