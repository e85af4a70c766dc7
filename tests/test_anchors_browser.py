"""In the browser: an old anchor still lands on the right paragraph after an edit, and the
¶ control copies the paragraph's link and a citation line."""

from __future__ import annotations

import re

import pytest

from conftest import copy_edition, run_build, serve_site

pytestmark = pytest.mark.browser

SLUG = "defense-key-pillar-vietnam-laos-relations"
SOURCE = "003_1f87558668262b9a.txt"
REMOVED_LINE = "Chinh highlighted the role of multilateralism"
TYPO_LINE = "He stressed the importance of building two clusters of border villages"


def paragraph_ids(html: str, words: str) -> str:
    """The id of the paragraph containing ``words``."""
    for match in re.finditer(r'<p[^>]* id="(p-[\w]+)"[^>]*>(.*?)</p>', html, re.S):
        if words in re.sub(r"<[^>]+>", "", match.group(2)):
            return match.group(1)
    raise AssertionError(f"no paragraph with {words!r}")


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    """The edition built, then built again after a correction of the source."""
    root = copy_edition(tmp_path_factory.mktemp("anchors"))
    assert run_build("--root", str(root)).returncode == 0
    before = (root / "site" / "articles" / SLUG / "index.html").read_text(encoding="utf-8")
    old = {"removed": paragraph_ids(before, REMOVED_LINE), "typo": paragraph_ids(before, TYPO_LINE)}
    source = root / "sources" / SOURCE
    text = source.read_text(encoding="utf-8")
    kept = [line for line in text.split("\n") if not line.startswith(REMOVED_LINE)]
    source.write_text("\n".join(kept).replace("stressed the importance", "stressed the great importance"),
                      encoding="utf-8")
    result = run_build("--root", str(root))
    assert result.returncode == 0, result.stderr
    with serve_site(root / "site") as url:
        yield url, old


def test_old_anchor_of_an_edited_paragraph_lands_on_it(page, edited_site):
    url, old = edited_site
    page.goto(f"{url}articles/{SLUG}/#{old['typo']}")
    target = page.locator(f"[id='{old['typo']}']")
    assert "stressed the great importance" in target.inner_text()
    assert target.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    assert page.console_errors == []


def test_old_anchor_of_a_removed_paragraph_lands_nearby_and_says_so(page, edited_site):
    url, old = edited_site
    page.goto(f"{url}articles/{SLUG}/#{old['removed']}")
    marker = page.locator(f"[id='{old['removed']}']")
    assert marker.get_attribute("data-status") == "removed"
    holder = marker.locator("xpath=ancestor::p[1]")
    assert "Vietnamese PM told the Lao" in holder.inner_text()  # the paragraph just before it
    notice = page.locator(".edition-notice")
    notice.wait_for()
    assert "removed" in notice.inner_text() or "xóa" in notice.inner_text()
    assert page.console_errors == []


def test_the_paragraph_control_copies_link_and_citation(browser, edited_site):
    url, old = edited_site
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{url}articles/{SLUG}/")
    button = page.locator(f"p#{old['typo']} .edition-cite")
    button.focus()
    page.keyboard.press("Enter")  # reachable and usable by keyboard
    page.locator(".edition-notice").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")
    context.close()
    link, citation = copied.split("\n", 1)
    assert link == f"{url}articles/{SLUG}/#{old['typo']}"
    assert "“Defense remains key pillar in Vietnam-Laos relations.”" in citation
    assert f"¶ {old['typo'][2:]}." in citation and citation.endswith(link)


def test_bibtex_and_csl_json_downloads(page, edited_site):
    url, _ = edited_site
    page.goto(f"{url}articles/{SLUG}/")
    with page.expect_download() as bib:
        page.locator(".edition-download[data-format=bibtex]").click()
    text = open(bib.value.path(), encoding="utf-8").read()
    assert text.startswith(f"@misc{{{SLUG},") and "title = {Defense remains key pillar" in text
    assert "author" not in text  # unknown authors are left out
    with page.expect_download() as csl:
        page.locator(".edition-download[data-format=csl]").click()
    import json
    [item] = json.loads(open(csl.value.path(), encoding="utf-8").read())
    assert item["type"] == "article-newspaper" and item["URL"] == f"{url}articles/{SLUG}/"
    assert page.console_errors == []
