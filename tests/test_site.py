"""The built site: links under a project path, no third-party requests, languages, Pages workflow."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import yaml

from conftest import REPO

ARTICLE_EN = "articles/defense-key-pillar-vietnam-laos-relations/"


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.html_lang: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        if "id" in attributes:
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            if attributes.get(name) and not (tag == "link" and attributes.get("rel") in ("canonical",)):
                self.links.append(attributes[name])


def fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def parse(body: bytes) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(body.decode("utf-8", errors="replace"))
    return collector


def test_every_internal_link_and_fragment_resolves_under_a_project_path(site_url):
    """Crawl from the home page as GitHub Pages would serve it, under /edition/."""
    base = urlparse(site_url)
    queue, seen, pages, fragments = [site_url], set(), {}, []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body, kind = fetch(url)
        assert status == 200, f"{url} answered {status}"
        if kind != "text/html":
            continue
        page = parse(body)
        pages[url] = page
        for link in page.links:
            target = urljoin(url, link)
            parsed = urlparse(target)
            if parsed.scheme not in ("http", "https") or parsed.netloc != base.netloc:
                continue
            assert parsed.path.startswith(base.path), f"{url} links outside the project path: {link}"
            clean, fragment = urldefrag(target)
            if fragment:
                fragments.append((url, clean, fragment))
            queue.append(clean)
    for source, target, fragment in fragments:
        if target in pages:
            assert fragment in pages[target].ids, f"{source} links to missing #{fragment} on {target}"
    assert sum(1 for u in pages if "/articles/" in u) == 5
    assert len(pages) >= 12


def test_english_article_content_is_marked_english_in_a_vietnamese_site(site_dir):
    html = (site_dir / ARTICLE_EN / "index.html").read_text(encoding="utf-8")
    page = parse(html.encode())
    assert page.html_lang == "vi"
    assert "<div lang=\"en\"" in html
    vietnamese = (site_dir / "articles" / "nang-cao-hieu-qua-doi-ngoai-quoc-phong-quan-khu-4" / "index.html")
    assert "<div lang=\"en\"" not in vietnamese.read_text(encoding="utf-8")


def test_home_page_lists_every_article_with_publication_date_and_language(site_dir):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert len(rows) == 5
    assert all(len(re.findall(r"<td", row)) == 4 for row in rows)
    assert "Cựu Chiến binh Việt Nam" in table
    assert table.count("English") == 1 and table.count("Tiếng Việt") == 4
    assert "không rõ" in table  # unknown dates are shown as unknown


RESOURCE_TAGS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "link": "href"}


class ResourceCollector(HTMLParser):
    """URLs a browser fetches while reading the page (not the links a reader may follow)."""

    def __init__(self) -> None:
        super().__init__()
        self.resources: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = RESOURCE_TAGS.get(tag)
        if name and attributes.get(name) and not (tag == "link" and attributes.get("rel") == "canonical"):
            self.resources.append(attributes[name])


def test_no_page_loads_anything_from_a_third_party_host(site_dir):
    pages = list(site_dir.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        collector = ResourceCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        third_party = [u for u in collector.resources if urlparse(u).netloc or u.startswith("//")]
        assert third_party == [], f"{page.relative_to(site_dir)} loads {third_party}"
        html = page.read_text(encoding="utf-8")
        assert "@import url(http" not in html


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", ARTICLE_EN, "about/", "reports/nang-cao-hieu-qua-doi-ngoai-quoc-phong-quan-khu-4/"])
def test_reading_a_page_requests_nothing_but_the_site_itself(browser, site_url, path):
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    context.close()
    origin = urlparse(site_url).netloc
    outside = [u for u in requested if urlparse(u).netloc not in (origin,) and not u.startswith(("data:", "blob:"))]
    assert requested and outside == []


@pytest.mark.browser
def test_dark_palette_toggle_switches_scheme(page, site_url):
    page.goto(site_url)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_pages_workflow_builds_with_pinned_requirements_and_official_actions():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    runs = " ".join(s.get("run", "") for s in steps)
    uses = {s["uses"].split("@")[0] for s in steps if "uses" in s}
    assert "pip install -r requirements.txt" in runs and "python build.py" in runs
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-test.txt"):
        for line in (REPO / name).read_text(encoding="utf-8").splitlines():
            line = line.split("#")[0].strip()
            if line and not line.startswith("-r"):
                assert re.match(r"^[A-Za-z0-9_.\[\]-]+==[\w.]+$", line), f"{name}: {line} is not pinned"
