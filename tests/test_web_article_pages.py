"""The built article pages of the web seeds: body text without boilerplate, captions present.

Parses site/articles/<slug>/index.html (the conftest ``site_dir`` build) with
html.parser and looks only inside the page's <article> element.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from web_helpers import captions, read_seed

WEB_SEEDS = ["nang-cao-hieu-qua-doi-ngoai-quoc-phong-quan-khu-4", "hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua",
             "defense-key-pillar-vietnam-laos-relations", "doi-ngoai-quoc-phong-giao-luu-bien-gioi-viet-nam-campuchia"]
BLOCK_TAGS = {"p", "h1", "h2", "h3", "li", "figcaption", "td"}


class ArticleText(HTMLParser):
    """Text of each block element inside <article>, with the class of the block."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # nesting inside <article>
        self.blocks: list[tuple[str, str]] = []  # (class attribute, text)
        self._current: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.depth and tag in BLOCK_TAGS:
            self._current, self._class = [], dict(attrs).get("class") or ""

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self._current is not None and tag in BLOCK_TAGS:
            self.blocks.append((self._class, " ".join("".join(self._current).split())))
            self._current = None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)


def page_blocks(site_dir, slug: str) -> list[tuple[str, str]]:
    parser = ArticleText()
    parser.feed((site_dir / "articles" / slug / "index.html").read_text(encoding="utf-8"))
    assert parser.blocks, "no <article> content found"
    return parser.blocks


@pytest.mark.parametrize("slug", WEB_SEEDS)
def test_article_page_has_no_boilerplate_line(site_dir, slug):
    article, raw = read_seed(slug)
    blocks = page_blocks(site_dir, slug)
    texts = [text.replace("¶", "").strip() for _, text in blocks]
    whole = "\n".join(texts)
    for drop in article.drops:
        line = " ".join(drop.text.split())
        if drop.rule == "repeated-caption" or not line:
            continue
        if len(line.split()) >= 3:
            assert line not in whole, f"line {drop.line} ({drop.rule}) is on the page"
        else:
            assert line not in texts, f"line {drop.line} ({drop.rule}) is on the page"


@pytest.mark.parametrize("slug", WEB_SEEDS)
def test_article_page_shows_captions_as_captions(site_dir, slug):
    article, _ = read_seed(slug)
    shown = [text for cls, text in page_blocks(site_dir, slug) if "caption" in cls.split()]
    expected = captions(article)
    assert len(shown) == len(expected)
    for caption, text in zip(expected, shown):
        assert " ".join(caption.split()) in text


@pytest.mark.parametrize("slug", WEB_SEEDS)
def test_article_page_shows_headline_lede_and_last_paragraph(site_dir, slug):
    article, _ = read_seed(slug)
    texts = "\n".join(text for _, text in page_blocks(site_dir, slug))
    assert article.headline.text in texts
    if article.lede is not None:
        assert article.lede.text in texts
    if article.byline is not None:
        assert article.byline.text in texts
    assert [b for b in article.blocks][-1].text in texts


def test_repeated_caption_is_shown_once(site_dir):
    slug = "hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua"
    whole = "\n".join(text for _, text in page_blocks(site_dir, slug))
    assert whole.count("Thượng tướng Lê Huy Vịnh tiếp Chánh Văn phòng Bộ Quốc phòng Lào Saichay Kommasith.") == 1


@pytest.mark.parametrize("slug", WEB_SEEDS)
def test_built_drop_report_lists_every_non_blank_drop(built_edition, slug):
    article, _ = read_seed(slug)
    report = (built_edition / "docs" / "reports" / f"{slug}.md").read_text(encoding="utf-8")
    rows = [row for row in report.splitlines() if row.startswith("| ") and "` |" in row]
    for drop in article.drops:
        assert any(row.startswith(f"| {drop.line} | `{drop.rule}` |") for row in rows), drop
