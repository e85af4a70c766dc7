"""The search index: Pagefind over the built site, with paragraph-level results.

Runs after MkDocs on the staging folder (see site.py). The served pages are not
changed: each page is prepared for indexing into a scratch copy beside the site,
and Pagefind's CLI (from the pinned pip package) indexes the copy and writes its
chunked index into ``site/pagefind/``.

Preparation, page by page (all on Material's output, which we control):

| step          | why                                                                      |
| ------------- | ------------------------------------------------------------------------ |
| language      | ``<html lang>`` is the interface language (vi); Pagefind picks the      |
|               | language of a page from it, so English articles get ``lang="en"`` and   |
|               | are indexed with English rules (stemming) in their own index            |
| anchors       | Pagefind makes sub-results only at headings with an id: a small heading |
|               | ``¶`` carrying the paragraph's id goes before each anchored paragraph   |
|               | (and footnote), so every result links to ``#p-N``                       |
| folded words  | Pagefind folds tone marks but not đ to d: every word with đ/Đ (also in  |
|               | abbreviation titles) is added once more, folded, between FOLD_OPEN and  |
|               | FOLD_CLOSE (after headings, which are result titles), so 'doi' and      |
|               | 'csdn' find 'đối' and 'CSĐN'; the client strips them from excerpts      |
"""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

BUNDLE_DIR = "pagefind"
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = (".headerlink", ".footnote-backref", ".edition-facts", ".edition-report-link",
                     ".md-source-file", ".md-content__button")
# Folders whose pages are not reading matter (drop reports are for the editor).
SKIPPED_FOLDERS = ("reports", BUNDLE_DIR, "assets", "search")
SKIPPED_FILES = ("404.html",)
FOLD_OPEN, FOLD_CLOSE = "⟦", "⟧"  # the client removes what lies between them from excerpts
SUBRESULT_HEADING = "¶"           # sub-result title; the client shows ¶ N from the anchor

ARTICLE_START, ARTICLE_END = '<article class="md-content__inner', "</article>"
ANCHORED_BLOCK = re.compile(r'<(p|li)\b([^>]*?)\sid="((?:p-\d+)|(?:fn:[^"]+))"([^>]*)>')
CONTENT_LANGUAGE = re.compile(r'<div lang="([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)"[^>]*>')
HTML_LANG = re.compile(r'<html lang="[^"]*"')
FOLDABLE_ELEMENT = re.compile(r"(<(p|h[1-6]|td|th)\b[^>]*>)(.*?)(</\2>)", re.S)
TAG = re.compile(r"<[^>]+>")
ABBR_TAG = re.compile(r"<abbr\b[^>]*>")
TITLE_ATTRIBUTE = re.compile(r'\stitle="([^"]*)"')
INDEXES_TITLE = re.compile(r'\sdata-pagefind-index-attrs="[^"]*\btitle\b')
WORD_WITH_D = re.compile(r"[\w+]*[đĐ][\w+]*")


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


@dataclass(frozen=True)
class IndexedSite:
    pages: int
    languages: tuple[str, ...]


def fold_d(text: str) -> str:
    return text.replace("đ", "d").replace("Đ", "D")


def indexed_titles(fragment: str) -> list[str]:
    """Titles of the abbreviations that Pagefind indexes (data-pagefind-index-attrs="title")."""
    titles = []
    for tag in ABBR_TAG.findall(fragment):
        title = TITLE_ATTRIBUTE.search(tag)
        if title and INDEXES_TITLE.search(tag):
            titles.append(html.unescape(title.group(1)))
    return titles


def folded_words(fragment: str) -> list[str]:
    """Words of an HTML fragment (and its abbreviation titles) that change when đ is folded."""
    text = html.unescape(TAG.sub(" ", fragment)) + " " + " ".join(indexed_titles(fragment))
    seen: dict[str, None] = {}
    for word in WORD_WITH_D.findall(text):
        seen.setdefault(fold_d(word), None)
    return list(seen)


def add_folded_words(match: re.Match) -> str:
    opening, tag, inner, closing = match.groups()
    words = folded_words(inner)
    if not words:
        return match.group(0)
    folded = f" <span>{FOLD_OPEN}{html.escape(' '.join(words), quote=False)}{FOLD_CLOSE}</span>"
    if tag.startswith("h"):  # headings are result titles: the copy goes after, into their section
        return f"{opening}{inner}{closing}{folded}"
    return f"{opening}{inner}{folded}{closing}"


def anchor_heading(match: re.Match) -> str:
    tag, before, anchor, after = match.groups()
    heading = f'<h6 id="{anchor}">{SUBRESULT_HEADING}</h6>'
    if tag == "li":  # the heading must sit inside the list item
        return f"<li{before}{after}>{heading}"
    return f"{heading}<p{before}{after}>"


def content_language(page: str) -> str | None:
    match = CONTENT_LANGUAGE.search(page)
    return match.group(1).lower() if match else None


def article_only(page: str) -> str:
    """The page's <html> start tag and article element: navigation is not indexed anyway,
    and with thousands of articles it is most of each page's bytes."""
    start, end = page.find(ARTICLE_START), page.rfind(ARTICLE_END)
    html_tag = HTML_LANG.search(page)
    if start < 0 or end < start or not html_tag:
        return page
    return (f'<!doctype html>{html_tag.group(0)}><head><meta charset="utf-8"></head><body>'
            f"{page[start:end + len(ARTICLE_END)]}</body></html>")


def prepare_page(page: str) -> str:
    """The page as Pagefind should see it (see the module docstring)."""
    language = content_language(page)
    page = article_only(page)
    if language:
        page = HTML_LANG.sub(f'<html lang="{language}"', page, count=1)
    page = FOLDABLE_ELEMENT.sub(add_folded_words, page)
    return ANCHORED_BLOCK.sub(anchor_heading, page)


def indexable_pages(site_dir: Path) -> list[Path]:
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] in SKIPPED_FOLDERS or relative.as_posix() in SKIPPED_FILES:
            continue
        pages.append(path)
    return pages


def page_url(site_dir: Path, path: Path) -> str:
    """Site-relative URL with a leading slash; the client resolves it against the site root."""
    relative = path.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def write_prepared_pages(site_dir: Path, target: Path) -> tuple[int, set[str]]:
    """Prepared copies of the indexable pages under ``target``, at the same relative paths."""
    languages: set[str] = set()
    pages = indexable_pages(site_dir)
    for path in pages:
        prepared = prepare_page(path.read_text(encoding="utf-8"))
        copy = target / path.relative_to(site_dir)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(prepared, encoding="utf-8")
        language = HTML_LANG.search(prepared)
        if language:
            languages.add(language.group(0)[len('<html lang="'):-1])
    return len(pages), languages


def run_pagefind(scratch: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Pagefind's CLI from the pinned pip package (the Python API answers at most ten
    requests a second: minutes for a thousand pages), configured by a file in ``scratch``."""
    config = {"site": "pages", "output_path": str(site_dir / BUNDLE_DIR), "root_selector": ROOT_SELECTOR,
              "exclude_selectors": list(EXCLUDE_SELECTORS)}
    (scratch / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pagefind", "--quiet"], cwd=scratch,
                          capture_output=True, text=True)


def sort_entry_file(path: Path) -> None:
    """Pagefind writes its languages in hash-map order; sorted, two builds are byte-identical."""
    if path.is_file():
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")),
                        encoding="utf-8")


def build_search_index(site_dir: Path) -> IndexedSite:
    """Write ``site_dir/pagefind/``; raises SearchIndexError when Pagefind fails."""
    with tempfile.TemporaryDirectory(prefix=".search-pages.", dir=site_dir.parent) as folder:
        scratch = Path(folder)
        count, languages = write_prepared_pages(site_dir, scratch / "pages")
        result = run_pagefind(scratch, site_dir)
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0 or not (site_dir / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind could not index {site_dir} (exit {result.returncode}):\n{output}")
    sort_entry_file(site_dir / BUNDLE_DIR / "pagefind-entry.json")
    log.debug("search: %d pages indexed (%s)", count, ", ".join(sorted(languages)))
    return IndexedSite(count, tuple(sorted(languages)))
