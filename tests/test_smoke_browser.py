"""The built site opens in headless Chromium under a project path, with no console errors."""

import pytest

pytestmark = pytest.mark.browser


def test_home_page_lists_articles_without_console_errors(page, site_url):
    page.goto(site_url)
    links = page.locator("article a[href*='articles/']")
    assert links.count() == 5
    links.first.click()
    page.wait_for_load_state()
    assert "/edition/articles/" in page.url
    assert page.locator("h1").count() == 1
    assert page.console_errors == []
