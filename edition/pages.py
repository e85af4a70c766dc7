"""Edition-wide generated pages: the home page and the drop reports.

Article pages come from writer.py; these pages list and account for them.
"""

from __future__ import annotations

from collections import Counter

import yaml

from .escape import front_matter_values, markdown_text
from .model import Article, DroppedLine

ARTICLES_DIR = "articles"
REPORTS_DIR = "reports"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
UNKNOWN = "không rõ"


def article_path(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}.md"


def report_path(slug: str) -> str:
    return f"{REPORTS_DIR}/{slug}.md"


def article_title(article: Article) -> str:
    if article.meta.title:
        return article.meta.title
    if article.headline is not None:
        return article.headline.text
    return article.meta.slug


def _front_matter(data: dict) -> str:
    return "---\n" + yaml.safe_dump(front_matter_values(data), allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


def sort_key(article: Article) -> tuple:
    # Dated articles newest first, then undated ones by slug: stable across builds.
    return (article.meta.date is None, "" if article.meta.date is None else _invert(article.meta.date),
            article.meta.slug)


def _invert(date: str) -> str:
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


def render_index(articles: list[Article], site_name: str) -> str:
    lines = [
        _front_matter({"title": site_name, "lang": "vi", "hide": ["navigation", "toc"]}),
        f"# {markdown_text(site_name)}\n",
        "Ấn bản số có chú giải: văn bản đã làm sạch, chú thích của tác giả, bảng thuật ngữ viết tắt "
        "và số đoạn (¶) để trích dẫn ổn định. Xem [Giới thiệu](about.md) về nguyên tắc biên tập.\n",
        "| Bài | Nguồn | Ngày | Ngôn ngữ |",
        "| --- | --- | --- | --- |",
    ]
    for article in sorted(articles, key=sort_key):
        meta = article.meta
        title = markdown_text(article_title(article))
        lang_attr = f'<span lang="{meta.language}">' if meta.language != "vi" else ""
        link = f"[{lang_attr}{title}{'</span>' if lang_attr else ''}]({article_path(meta.slug)})"
        lines.append(" | ".join((
            f"| {link}",
            markdown_text(meta.publication) if meta.publication else f"*{UNKNOWN}*",
            markdown_text(meta.date) if meta.date else f"*{UNKNOWN}*",
            LANGUAGE_NAMES.get(meta.language, meta.language) + " |",
        )))
    return "\n".join(lines) + "\n"


def drop_summary(drops: tuple[DroppedLine, ...]) -> Counter:
    return Counter(d.rule for d in drops)


def render_report(article: Article) -> str:
    """The drop report: every source line that is not on the page, with its rule."""
    meta = article.meta
    title = article_title(article)
    kept_lines = sum(len(b.lines.numbers()) for b in article.all_blocks())
    summary = drop_summary(article.drops)
    out = [
        _front_matter({"title": f"Báo cáo làm sạch: {title}", "lang": "vi", "search": {"exclude": True}}),
        f"# Báo cáo làm sạch: {markdown_text(title)}\n",
        f"Nguồn: `{article.source.path}` ({article.source.line_count} dòng, sha256 "
        f"`{article.source.sha256[:12]}…`). Bài: [{markdown_text(title)}](../{article_path(meta.slug)}).\n",
        f"Dòng được giữ trên trang: {kept_lines}. Mục bị bỏ: {len(article.drops)}.\n",
    ]
    if summary:
        out.append("| Quy tắc | Số dòng |\n| --- | --- |")
        out.extend(f"| `{rule}` | {count} |" for rule, count in sorted(summary.items()))
        out.append("")
    listed = [d for d in article.drops if d.rule != "blank"]
    blanks = [d.line for d in article.drops if d.rule == "blank"]
    if listed:
        out.append("| Dòng | Quy tắc | Nội dung bị bỏ | Lý do |\n| ---: | --- | --- | --- |")
        for drop in sorted(listed, key=lambda d: (d.line, d.rule)):
            text = markdown_text(drop.text) if drop.text.strip() else "*(trống)*"
            out.append(f"| {drop.line} | `{drop.rule}` | {text} | {markdown_text(drop.reason)} |")
        out.append("")
    if blanks:
        out.append(f"Dòng trống (không mang nội dung): {compact_ranges(blanks)}.\n")
    return "\n".join(out)


def compact_ranges(numbers: list[int]) -> str:
    numbers = sorted(set(numbers))
    ranges, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            ranges.append(str(start) if start == number else f"{start}–{number}")
            start = None
    return ", ".join(ranges)


def edition_pages(edition, articles: list[Article], context) -> list:
    """Further edition-wide pages (the glossary page, redirects): GeneratedPage items."""
    return []
