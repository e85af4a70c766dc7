"""The glossary page: every entry in Vietnamese alphabetical order, with where it is used.

Where-used is read from the final articles (after the anchor pass), so each use links
to its paragraph (``#p-12``) or footnote (``#fn:3``), with counts.
"""

from __future__ import annotations

from typing import NamedTuple

from .escape import markdown_text
from .glossary import Glossary, GlossaryEntry
from .model import Article, Block, Footnote, Term
from .summary import ArticleSummary

GLOSSARY_PAGE = "glossary.md"
# Articles listed under each term: beyond this the page would grow with the edition
# (2.3 MB of Markdown at 1,000 articles) for every reader who opens it; search finds the rest.
WHERE_USED_MAX_ARTICLES = 20
TITLE = "Bảng chữ viết tắt"


class Use(NamedTuple):
    """One article's use of a term at one place. A named tuple: the page makes one per
    place per build (8,000 at 1,000 articles, again on every rebuild in serve), and a
    frozen dataclass cost four times as much to make."""

    article: ArticleSummary
    anchor: str  # id on the article page
    label: str  # what the reader sees: ¶ 12, chú thích 3
    count: int


def block_place(block: Block) -> tuple[str, str] | None:
    if isinstance(block, Footnote):
        return f"fn:{block.note_label}", f"chú thích {block.note_label}"
    if block.anchor:
        return block.anchor, f"¶ {block.label or block.anchor}"
    return None


TermPlace = tuple[str, str, str, int]  # term id, anchor, label, count


def term_places(article: Article) -> tuple[TermPlace, ...]:
    """Where ``article`` uses glossary terms, in reading order.

    Worked out where the article is built and kept with it (ArticleOutcome.term_places),
    so that the glossary page does not walk every block of every article on each build.
    """
    found = []
    for block in article.all_blocks():
        # Counted in a plain loop: a list and a Counter for each block cost more than the
        # counting, and three blocks in four have no term.
        counts: dict[str, int] = {}  # uses of each term in the block, in order of first use
        for item in block.inlines:
            if isinstance(item, Term):
                counts[item.term_id] = counts.get(item.term_id, 0) + 1
        place = block_place(block) if counts else None
        if place is not None:
            anchor, label = place
            found.extend([(term_id, anchor, label, count) for term_id, count in counts.items()])
    return tuple(found)


def uses_by_term(articles: list[ArticleSummary], places: dict[str, tuple[TermPlace, ...]]) -> dict[str, list[Use]]:
    """Uses of each term across ``articles``; ``places``: term_places of each, by slug."""
    uses: dict[str, list[Use]] = {}
    for article in articles:
        for term_id, anchor, label, count in places[article.slug]:
            uses.setdefault(term_id, []).append(Use(article, anchor, label, count))
    return uses


def newest_first(articles: list[ArticleSummary]) -> dict[str, int]:
    """Each article's place in the home page's order (newest first), by slug: worked out
    once for the page rather than for each use of each term (8,000 sort keys at 1,000 articles)."""
    from .pages import sort_key  # pages imports this module

    return {article.slug: place for place, article in enumerate(sorted(articles, key=sort_key))}


def render_entry(entry: GlossaryEntry, uses: list[Use], order_of: dict[str, int]) -> str:
    """One entry; ``order_of``: the articles' order on the page (``newest_first``)."""
    lines = [f"## {markdown_text(entry.term)} {{ #{entry.anchor} }}", ""]
    expansion = f"**{markdown_text(entry.expansion)}**"
    if entry.gloss:
        other = "en" if entry.language == "vi" else "vi"
        expansion += f' · <span lang="{other}">*{markdown_text(entry.gloss)}*</span>'
    lines += [expansion, "{: .glossary-expansion }", ""]
    if entry.variants:
        lines += ["Cách viết khác: " + ", ".join(markdown_text(v) for v in entry.variants), ""]
    if entry.definition:
        lines += [markdown_text(entry.definition), ""]
    total = sum(u.count for u in uses)
    if not uses:
        lines += ["*Chưa xuất hiện trong bài nào.*", ""]
    else:
        by_article: dict[str, list[Use]] = {}
        for use in uses:
            by_article.setdefault(use.article.slug, []).append(use)
        order = sorted(by_article, key=order_of.__getitem__)
        shown = order[:WHERE_USED_MAX_ARTICLES]
        lines += [f"Dùng {total} lần trong {len(by_article)} bài" + (":" if len(shown) == len(order) else
                  f"; {len(shown)} bài mới nhất:"), ""]
        for slug in shown:
            places = by_article[slug]
            links = ", ".join(f"[{u.label}](articles/{slug}.md#{u.anchor})" + (f" ({u.count}×)" if u.count > 1 else "")
                              for u in places)
            lines.append(f"- [{markdown_text(places[0].article.title)}](articles/{slug}.md): {links}")
        if len(order) > len(shown):
            lines.append(f"- … và {len(order) - len(shown)} bài khác: tìm “{markdown_text(entry.term)}” bằng ô "
                         "tìm kiếm để thấy mọi đoạn.")
        lines.append("")
    return "\n".join(lines)


def render_glossary_page(glossary: Glossary, articles: list[ArticleSummary],
                         places: dict[str, tuple[TermPlace, ...]]) -> str:
    uses = uses_by_term(articles, places)
    order_of = newest_first(articles)
    entries = glossary.sorted_entries()
    parts = [
        "---\n" f"title: {TITLE}\nlang: vi\n" "---\n",
        f"# {TITLE}\n",
        f"{len(entries)} chữ viết tắt, xếp theo thứ tự chữ cái tiếng Việt (Đ sau D). Mỗi mục cho biết "
        "nghĩa đầy đủ, nghĩa tiếng Anh và những đoạn dùng nó; bấm số đoạn để tới đoạn đó.\n" if entries else
        "Bảng chưa có chữ viết tắt nào: các mục được ghi trong tệp `glossary.yml` của ấn bản.\n",
    ]
    for entry in entries:
        parts.append(render_see_also(entry, glossary, render_entry(entry, uses.get(entry.anchor, []), order_of)))
    return "\n".join(parts)


def render_see_also(entry: GlossaryEntry, glossary: Glossary, rendered: str) -> str:
    if not entry.see_also:
        return rendered
    links = ", ".join(f"[{markdown_text(t)}](#{glossary.by_form[t].anchor})" for t in entry.see_also)
    return rendered + f"Xem thêm: {links}\n"
