"""The built site works under a GitHub Pages project path and asks nothing of third-party hosts.

The crawl starts at the home page served under /edition/ and follows every internal
link and asset (href, src, srcset, stylesheet url()) found in HTML pages; each must
answer 200 and each #fragment must name an id on its target page. Links that leave
the project path (to "/" or "/articles/...") would work at a domain's root but break
on GitHub Pages: the fixture server answers 404 for them.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

LINK_ATTRIBUTES = {"href", "src", "srcset", "data-src"}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
MIN_PAGES = 12  # home, about, 404 page aside: 5 articles + 5 reports at least


class LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.loaded: list[str] = []  # what a browser fetches without a click: src, stylesheets, icons
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        rel = dict(attrs).get("rel") or ""
        for name, value in attrs:
            if value is not None and (name in ("src", "srcset") or (tag == "link" and name == "href"
                                                                    and rel != "canonical")):
                self.loaded.append(value)
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name == "srcset":
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)


@dataclass
class Crawl:
    base: str
    pages: dict[str, LinkParser] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # (from page, target, fragment)
    third_party: set[str] = field(default_factory=set)

    def fetch(self, url: str) -> tuple[int, bytes, str]:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as err:
            return err.code, b"", ""

    def visit(self, url: str, referrer: str, queue: list[str]) -> None:
        status, body, kind = self.fetch(url)
        self.status[url] = status
        if status != 200:
            return
        if kind == "text/html":
            parser = LinkParser()
            parser.feed(body.decode("utf-8"))
            self.pages[url] = parser
            targets = parser.links
            self.third_party.update(t for t in parser.loaded if urlsplit(urljoin(url, t)).hostname
                                    not in ("127.0.0.1", None))
        elif kind == "text/css":
            targets = CSS_URL.findall(body.decode("utf-8"))
        else:
            return
        for target in targets:
            self.follow(url, target, queue)

    def follow(self, page: str, target: str, queue: list[str]) -> None:
        if target.startswith(SKIPPED_SCHEMES):
            return
        absolute, fragment = urldefrag(urljoin(page, target))
        if urlsplit(absolute).hostname not in ("127.0.0.1", None):
            return  # a link to another site: followed only by a reader's click
        if fragment:
            self.fragments.append((page, absolute, unquote(fragment)))
        if absolute not in self.status and absolute not in queue:
            queue.append(absolute)


def crawl(base: str) -> Crawl:
    result = Crawl(base)
    queue = [base]
    while queue:
        url = queue.pop(0)
        if url not in result.status:
            result.visit(url, "", queue)
    return result


@pytest.fixture(scope="module")
def crawled(site_url) -> Crawl:
    return crawl(site_url)


def test_crawl_reaches_every_article_and_report(crawled, site_url):
    html_pages = set(crawled.pages)
    assert len(html_pages) >= MIN_PAGES, sorted(html_pages)
    for part in ("articles/", "reports/", "about/"):
        assert any(url.startswith(site_url + part) for url in html_pages), part


def test_every_internal_link_and_asset_answers_200(crawled):
    broken = {url: status for url, status in crawled.status.items() if status != 200}
    assert broken == {}


def test_no_link_leaves_the_project_path(crawled, site_url):
    outside = [url for url in crawled.status if not url.startswith(site_url)]
    assert outside == []


def test_every_fragment_names_an_id_on_its_target_page(crawled):
    missing = [(page, target, fragment) for page, target, fragment in crawled.fragments
               if target in crawled.pages and fragment not in crawled.pages[target].ids]
    assert missing == []
    assert len(crawled.fragments) > 0


def test_no_asset_path_points_at_another_host(crawled):
    assert crawled.third_party == set()
