"""What the edition-wide steps need from one built article, without its blocks.

An Article holds every block, inline and dropped line of its source (about 80 KB
pickled). The steps that run over the whole edition (the home page, the editorial
and glossary pages, redirects, anchor-lock checks, the CLI's per-article line)
need a few fields of each. ``summary_of`` works them out where the article is
built, in a worker process for large editions, so that only the summary travels
back to the main process and into the build cache.

| field            | used by                                                        |
| ---------------- | -------------------------------------------------------------- |
| meta             | the home page (date, publication, language), sort order        |
| source_path      | anchor locks (which lock file), glossary and page sources      |
| title            | home page, glossary page, redirects, editorial page            |
| former_slugs     | redirects from old addresses, slug clashes                     |
| editorial_cells  | the editorial page's rows, after the article's title cell      |
| line counts      | the CLI's line per article                                     |
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from .metadata import ArticleMeta
from .model import RULE_BLANK, Article


@dataclass(frozen=True)
class ArticleSummary:
    meta: ArticleMeta | None  # None while it travels from a worker or sits in the cache
    source_path: str  # sources/<file>
    source_sha256: str  # of the source bytes the reader read
    title: str  # writer.article_title
    former_slugs: tuple[str, ...] = ()  # from the anchor lock, oldest first
    editorial_cells: tuple[str, ...] = ()  # pages.editorial_cells
    line_count: int = 0  # lines in the source
    kept_lines: int = 0  # source lines that ended up in a block
    block_count: int = 0
    drop_counts: tuple[tuple[str, int], ...] = ()  # (rule, lines dropped), in order of first drop, blank last

    @property
    def slug(self) -> str:
        return self.meta.slug

    def with_meta(self, meta: ArticleMeta | None) -> "ArticleSummary":
        return replace(self, meta=meta)


def summary_of(article: Article) -> ArticleSummary:
    from .pages import editorial_cells
    from .writer import article_title

    blocks = article.all_blocks()
    return ArticleSummary(article.meta, article.source.path, article.source.sha256, article_title(article),
                          tuple(article.former_slugs), editorial_cells(article), article.source.line_count,
                          lines_covered([block.lines for block in blocks]), len(blocks),
                          drop_counts(article))


def drop_counts(article: Article) -> tuple[tuple[str, int], ...]:
    """(rule, lines dropped) in order of first drop, blank lines last (``Article.blank_lines``)."""
    counts = tuple(Counter(d.rule for d in article.drops).items())
    return (counts + ((RULE_BLANK, len(article.blank_lines)),)) if article.blank_lines else counts


def lines_covered(spans) -> int:
    """How many line numbers the spans cover together (blocks may share lines)."""
    covered, reached = 0, 0
    for first, last in sorted([(span.first, span.last) for span in spans]):
        if last > reached:
            # From the first line not yet counted: max(first, reached + 1), without a call.
            covered += last - (first if first > reached else reached + 1) + 1
            reached = last
    return covered
