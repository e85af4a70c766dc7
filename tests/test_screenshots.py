"""Screenshots for README, made by the browser so that they stay current.

Run with UPDATE_SCREENSHOTS=1 to rewrite screenshots/ at the repository root
(committed, shown in README; outside docs/ so they are not published or rebuilt).
Otherwise they are written to a temporary folder and only checked: valid,
non-empty PNGs of the expected width.

The article shot opens a popover (a footnote or a glossary term) when the page has
one; the glossary page is shot when the site has one.
"""

from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ARTICLE_SLUG = "quan-he-lao-viet-nam-chinh-sach-doi-ngoai"  # the paper: footnotes and terms
POPOVER_TRIGGERS = "article a.footnote-ref, article abbr, article .md-annotation"
GLOSSARY_LINK = "a[href*='glossary'], a[href*='thuat-ngu']"


@dataclass(frozen=True)
class Width:
    name: str
    width: int
    height: int


WIDTHS = (Width("desktop", 1280, 800), Width("phone", 360, 740))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def shots_dir(tmp_path_factory) -> Path:
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        target = REPO / "screenshots"
        target.mkdir(exist_ok=True)
        return target
    return tmp_path_factory.mktemp("screenshots")


def open_popover(page) -> bool:
    """Hover the first popover trigger in the article; True when a popover showed."""
    triggers = page.locator(POPOVER_TRIGGERS)
    if triggers.count() == 0:
        return False
    trigger = triggers.first
    trigger.scroll_into_view_if_needed()
    page.mouse.wheel(0, -200)  # leave room above the trigger for the popover
    trigger.hover()
    try:
        page.locator(".md-tooltip2--active").first.wait_for(state="visible", timeout=5000)
    except Exception:  # no styled popover for this trigger: the plain page is still a useful shot
        return False
    return True


def glossary_url(page, site_url: str) -> str | None:
    page.goto(site_url)
    link = page.locator(GLOSSARY_LINK)
    return link.first.evaluate("a => a.href") if link.count() else None


@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: w.name)
def test_screenshots_of_home_article_and_glossary(browser, site_url, shots_dir, width):
    context = browser.new_context(viewport={"width": width.width, "height": width.height},
                                  device_scale_factor=1, color_scheme="light")
    page = context.new_page()
    try:
        shots = {"home": site_url, "article": f"{site_url}articles/{ARTICLE_SLUG}/"}
        glossary = glossary_url(page, site_url)
        assert glossary, "the home page links to the glossary page"
        shots["glossary"] = glossary
        written = []
        for name, url in shots.items():
            response = page.goto(url, wait_until="networkidle")
            assert response is not None and response.ok, url
            assert page.locator("article h1").first.inner_text().strip(), f"{url} shows no title"
            if name == "article":
                assert open_popover(page), "a glossary popover is open in the article shot"
            path = shots_dir / f"{name}-{width.name}.png"
            page.screenshot(path=str(path), animations="disabled")
            written.append(path)
    finally:
        context.close()
    for path in written:
        assert path.stat().st_size > 1000, f"{path} is (nearly) empty"
        assert png_size(path) == (width.width, width.height)
