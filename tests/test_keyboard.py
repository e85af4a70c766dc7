"""Every visible control can be reached with the Tab key (issue 9.4).

On each kind of page, the visible links, buttons, inputs and tabindex'd elements are
numbered; the test presses Tab until each of them has received focus (or gives up
after MAX_TABS) and lists those never reached.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "article": "articles/hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua/",
    "about": "about/",
}
MARK_CONTROLS = """() => {
  const controls = [...document.querySelectorAll(
    'a[href], button, input, select, textarea, summary, label[tabindex], [tabindex]:not([tabindex="-1"])')]
    .filter(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
                   return r.width > 0 && r.height > 0 && s.visibility === 'visible' && !e.disabled && e.tabIndex >= 0
                          && !e.closest('[hidden], [inert]'); });
  controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
  window.__reached = new Set();
  document.addEventListener('focusin', e => {
    const marked = e.target.closest('[data-kb]');
    if (marked) window.__reached.add(marked.getAttribute('data-kb'));
  });
  return controls.length;
}"""
MAX_TABS = 400  # off-screen drawer links also take Tab stops on a phone; far more than any page has


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("kind", sorted(PAGES))
def test_every_visible_control_is_reachable_with_tab(browser, site_url, kind, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + PAGES[kind], wait_until="networkidle")
        count = page.evaluate(MARK_CONTROLS)
        assert count >= 3
        for _ in range(MAX_TABS):
            page.keyboard.press("Tab")
            if page.evaluate("window.__reached.size") == count:
                break
        reached = set(page.evaluate("[...window.__reached]"))
        missed = page.evaluate("(reached) => [...document.querySelectorAll('[data-kb]')]"
                               ".filter(e => !reached.includes(e.getAttribute('data-kb')))"
                               ".map(e => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 120))", sorted(reached))
        assert missed == []
    finally:
        context.close()
