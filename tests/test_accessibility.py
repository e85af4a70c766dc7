"""axe-core (tests/js, pinned in package-lock.json) finds no violation on the edition's pages.

Pages: the home page, a Vietnamese and an English article, a drop report, the About page
and the glossary page when the site has one; each in the light and the dark palette,
since colour contrast differs. Run by injecting axe.min.js into headless Chromium.
"""

from __future__ import annotations

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "js" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "article-vi": "articles/hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua/",
    "article-en": "articles/defense-key-pillar-vietnam-laos-relations/",
    "paper": "articles/quan-he-lao-viet-nam-chinh-sach-doi-ngoai/",
    "report": "reports/hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua/",
    "about": "about/",
}
GLOSSARY_LINK = "a[href*='glossary'], a[href*='thuat-ngu']"
RULE_SETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def run_axe(page) -> list[dict]:
    assert AXE.is_file(), "run: npm ci --prefix tests/js (scripts/test.sh does it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}));
    }""", RULE_SETS)
    return result


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                     for v in violations)


@pytest.fixture(params=["light", "dark"])
def themed_page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=request.param)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("kind", sorted(PAGES))
def test_page_has_no_axe_violations(themed_page, site_url, kind):
    themed_page.goto(site_url + PAGES[kind], wait_until="networkidle")
    violations = run_axe(themed_page)
    assert violations == [], describe(violations)


def test_glossary_page_has_no_axe_violations(themed_page, site_url):
    themed_page.goto(site_url, wait_until="networkidle")
    link = themed_page.locator(GLOSSARY_LINK)
    assert link.count() > 0, "the home page links to the glossary page"
    themed_page.goto(link.first.evaluate("a => a.href"), wait_until="networkidle")
    violations = run_axe(themed_page)
    assert violations == [], describe(violations)


def test_article_on_a_phone_has_no_axe_violations(browser, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + PAGES["paper"], wait_until="networkidle")
        violations = run_axe(page)
        assert violations == [], describe(violations)
    finally:
        context.close()
