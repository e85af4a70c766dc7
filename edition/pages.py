"""Edition-wide generated pages: the home page and the drop reports.

Article pages come from writer.py; these pages list and account for them.
"""

from __future__ import annotations

from operator import attrgetter

from .escape import front_matter_values, markdown_text
from .yaml_writer import dump_block_yaml
from .model import Article
from .summary import ArticleSummary, drop_counts

ARTICLES_DIR = "articles"
REPORTS_DIR = "reports"
LANGUAGE_NAMES = {"vi": "Tiếng Việt", "en": "English"}
UNKNOWN = "không rõ"


def article_path(slug: str) -> str:
    return f"{ARTICLES_DIR}/{slug}.md"


def report_path(slug: str) -> str:
    return f"{REPORTS_DIR}/{slug}.md"


from .writer import FRONT_MATTER_WIDTH, article_title  # noqa: E402  (one definition of an article's title)


def _front_matter(data: dict) -> str:
    return "---\n" + dump_block_yaml(front_matter_values(data), width=FRONT_MATTER_WIDTH) + "---\n\n"


def sort_key(article: ArticleSummary) -> tuple:
    # Dated articles newest first, then undated ones by slug: stable across builds.
    return (article.meta.date is None, "" if article.meta.date is None else _invert(article.meta.date),
            article.meta.slug)


def _invert(date: str) -> str:
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c for c in date)


ABOUT_PAGE = "about.md"  # hand-written by the editor; the home page links to it when it exists


def render_index(articles: list[ArticleSummary], site_name: str, about_page: bool = True) -> str:
    about = f" Xem [Giới thiệu]({ABOUT_PAGE}) về nguyên tắc biên tập." if about_page else ""
    lines = [
        # Out of the theme's own search: Zensical, which always builds one, refuses a page of
        # 5,000 rows (over its limit of token positions); each article is indexed itself.
        _front_matter({"title": site_name, "lang": "vi", "hide": ["navigation", "toc"], "search": {"exclude": True}}),
        f"# {markdown_text(site_name)}\n",
        "Ấn bản số có chú giải: văn bản đã làm sạch, chú thích của tác giả, bảng thuật ngữ viết tắt "
        f"và số đoạn (¶) để trích dẫn ổn định.{about}\n",
        '<div class="edition-index" markdown>\n',  # edition.css stacks the rows on phones
        "| Bài | Nguồn | Ngày | Ngôn ngữ |",
        "| --- | --- | --- | --- |",
    ]
    for article in sorted(articles, key=sort_key):
        meta = article.meta
        title = markdown_text(article.title)
        lang_attr = f'<span lang="{meta.language}">' if meta.language != "vi" else ""
        link = f"[{lang_attr}{title}{'</span>' if lang_attr else ''}]({article_path(meta.slug)})"
        lines.append(" | ".join((
            f"| {link}",
            markdown_text(meta.publication) if meta.publication else f"*nguồn {UNKNOWN}*",
            markdown_text(meta.date) if meta.date else f"*ngày {UNKNOWN}*",
            LANGUAGE_NAMES.get(meta.language, meta.language) + " |",
        )))
    lines.append("\n</div>")
    return "\n".join(lines) + "\n"


def render_report(article: Article) -> str:
    """The drop report: every source line that is not on the page, with its rule."""
    meta = article.meta
    title = article_title(article)
    kept_lines = sum([b.lines.last - b.lines.first + 1 for b in article.all_blocks()])  # len(lines.numbers())
    listed, blanks = article.drops, article.blank_lines
    summary = dict(drop_counts(article))
    out = [
        _front_matter({"title": f"Báo cáo làm sạch: {title}", "lang": "vi",
                       "search": {"exclude": True}}),
        f"# Báo cáo làm sạch: {markdown_text(title)}\n",
        f"Nguồn: `{article.source.path}` ({article.source.line_count} dòng, sha256 "
        f"`{article.source.sha256[:12]}…`). Bài: [{markdown_text(title)}](../{article_path(meta.slug)}).\n",
        f"Dòng được giữ trên trang: {kept_lines}. Mục bị bỏ: {len(listed) + len(blanks)}.\n",
    ]
    if summary:
        out.append("| Quy tắc | Số dòng |\n| --- | --- |")
        out.extend(f"| `{rule}` | {count} |" for rule, count in sorted(summary.items()))
        out.append("")
    if listed:
        # A rule gives the same reason for many lines (46 reasons for 22,000 lines in the
        # 1,000-article bench edition): each is escaped once.
        reasons = {reason: markdown_text(reason) for reason in {drop.reason for drop in listed}}
        out.append("| Dòng | Quy tắc | Nội dung bị bỏ | Lý do |\n| ---: | --- | --- | --- |")
        for drop in sorted(listed, key=attrgetter("line", "rule")):
            text = markdown_text(drop.text) if drop.text.strip() else "*(trống)*"
            out.append(f"| {drop.line} | `{drop.rule}` | {text} | {reasons[drop.reason]} |")
        out.append("")
    if blanks:
        out.append(f"Dòng trống (không mang nội dung): {compact_ranges(blanks)}.\n")
    return "\n".join(out)


def compact_ranges(numbers: list[int]) -> str:
    """``1, 3–5, 9``: the sorted, distinct numbers with each run of consecutive ones as a range.

    One pass comparing each number with the one before: reports list a hundred blank
    lines per article, and indexing ahead cost more than the rest of the report.
    """
    numbers = sorted(set(numbers))
    if not numbers:
        return ""
    ranges = []
    start = previous = numbers[0]
    for number in numbers[1:]:
        if number != previous + 1:
            ranges.append(_span(start, previous))
            start = number
        previous = number
    ranges.append(_span(start, previous))
    return ", ".join(ranges)


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def article_pages(summary: ArticleSummary, page: str, report: str, glossary) -> tuple:
    """An article's page and drop report as GeneratedPage items, with what they come from."""
    from .outputs import GeneratedPage

    sources = (summary.source_path, summary.meta.path) + ((glossary.path,) if glossary.entries else ())
    return (GeneratedPage(article_path(summary.slug), page, sources),
            GeneratedPage(report_path(summary.slug), report, sources))


def edition_pages(edition, articles: list[ArticleSummary], term_places: dict) -> list:
    """Further edition-wide pages (the glossary page, redirects): GeneratedPage items.

    ``term_places``: where each article uses glossary terms, by slug (ArticleOutcome.term_places).
    """
    from .glossary_page import GLOSSARY_PAGE, render_glossary_page
    from .outputs import GeneratedPage

    found = []
    current = {a.slug for a in articles}
    for article in articles:
        for old in article.former_slugs:
            if old in current:
                continue  # another article took the slug over; the pipeline reports the clash
            found.append(GeneratedPage(f"{ARTICLES_DIR}/{old}/index.html",
                                       render_redirect(old, article.slug, article.title),
                                       (article.meta.path,)))
    # Both pages exist even when empty: mkdocs.yml's nav and About link to them, and a
    # cited address should not come and go with the last note or term.
    found.append(GeneratedPage(EDITORIAL_PAGE, render_editorial_index(articles),
                               tuple(sorted(m.path for m in edition.metas)) or ("sources",)))
    found.append(GeneratedPage(GLOSSARY_PAGE, render_glossary_page(edition.glossary, articles, term_places),
                               (edition.glossary.path,)))
    return found


def render_redirect(old_slug: str, new_slug: str, title: str) -> str:
    """A static page at the old URL that forwards to the new one, keeping #p-12."""
    from .escape import html_attribute

    target = f"../{new_slug}/"
    return (
        "<!doctype html>\n"
        '<html lang="vi"><head><meta charset="utf-8">\n'
        f"<title>{html_attribute(title)}</title>\n"
        f'<link rel="canonical" href="{target}">\n'
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<script>location.replace("{target}" + location.hash)</script>\n'
        "</head><body>\n"
        f'<p>Bài này đã chuyển sang địa chỉ mới: <a href="{target}">{html_attribute(title)}</a>.</p>\n'
        f"<p lang=\"en\">This article has moved (formerly <code>{html_attribute(old_slug)}</code>).</p>\n"
        "</body></html>\n"
    )


EDITORIAL_PAGE = "editorial-notes.md"


def editorial_cells(article: Article) -> tuple[str, ...]:
    """The editorial page's rows for ``article``, after the title cell (see ArticleSummary)."""
    from .model import Editorial, EditorNote

    href = article_path(article.slug)
    cells = []
    for block in article.all_blocks():
        if isinstance(block, EditorNote):
            cells.append(f"[¶ {block.target[2:]}]({href}#{block.target}) | ghi chú {block.number} | "
                         f"{markdown_text(block.text)} |")
        for mark in block.inlines:
            if not isinstance(mark, Editorial) or mark.kind == "noted":
                continue
            what = "[sic]" if mark.kind == "sic" else f"thêm chữ [{mark.text}]"
            cells.append(f"[¶ {block.label}]({href}#{block.anchor}) | sửa | {markdown_text(what)} |")
    return tuple(cells)


def render_editorial_index(articles: list[ArticleSummary]) -> str:
    """Every editorial note and correction of the edition, linked to its paragraph."""
    rows = [f"| [{markdown_text(article.title)}]({article_path(article.slug)}) | {cells}"
            for article in sorted(articles, key=lambda a: a.slug) for cells in article.editorial_cells]
    table = ("| Bài | Đoạn | Loại | Nội dung |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n" if rows
             else "Ấn bản chưa có ghi chú hay sửa chữa nào của biên tập viên.\n")
    return (_front_matter({"title": "Ghi chú và sửa chữa của biên tập viên", "lang": "vi"})
            + "# Ghi chú và sửa chữa của biên tập viên\n\n"
            "Mọi can thiệp của biên tập viên, ghi trong `sources/<slug>.yml` (khóa `editorial:`), không bao giờ "
            "trong văn bản gốc. Trên trang bài, chúng được đánh dấu riêng, khác với chú thích của tác giả.\n\n"
            + table)
