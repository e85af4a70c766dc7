"""ArticleSummary: what the edition-wide pages and the CLI take from each built article."""

from __future__ import annotations

import pickle
from collections import Counter

import pytest
from hypothesis import given, strategies as st

from conftest import REPO
from edition.model import LineSpan
from edition.pipeline import discover, generate
from edition.summary import lines_covered
from edition.writer import article_title


@pytest.fixture(scope="module")
def seeds():
    edition = discover(REPO)
    return generate(edition, keep_articles=True)


def test_every_seed_article_is_summarised_from_its_article(seeds):
    assert [s.slug for s in seeds.summaries] == [a.slug for a in seeds.articles]
    for summary, article in zip(seeds.summaries, seeds.articles):
        assert summary.meta == article.meta
        assert summary.title == article_title(article)
        assert summary.source_path == article.source.path
        assert summary.source_sha256 == article.source.sha256
        assert summary.former_slugs == article.former_slugs
        assert summary.line_count == article.source.line_count
        kept = {n for block in article.all_blocks() for n in block.lines.numbers()}
        assert summary.kept_lines == len(kept) > 0
        blank = [("blank", len(article.blank_lines))] if article.blank_lines else []
        assert list(summary.drop_counts) == list(Counter(d.rule for d in article.drops).items()) + blank
        assert summary.block_count == len(article.all_blocks())


def test_the_summary_is_a_small_part_of_the_article(seeds):
    for summary, article in zip(seeds.summaries, seeds.articles):
        small = len(pickle.dumps(summary.with_meta(None)))
        assert small * 10 < len(pickle.dumps(article.with_(meta=None)))


def test_a_build_without_keep_articles_holds_no_article():
    edition = discover(REPO)
    result = generate(edition)
    assert result.articles == [] and [s.slug for s in result.summaries] == [m.slug for m in edition.metas]


def test_editorial_cells_are_the_rows_of_the_editorial_page(seeds):
    """Each cell row shows on the editorial page after its article's title, and the seeds have some."""
    page = next(p for p in seeds.pages if p.path == "editorial-notes.md").content
    rows = [(s, cells) for s in seeds.summaries for cells in s.editorial_cells]
    assert rows
    for summary, cells in rows:
        assert f"](articles/{summary.slug}.md) | {cells}" in page


@given(st.lists(st.tuples(st.integers(1, 60), st.integers(0, 8)), max_size=12))
def test_lines_covered_counts_the_union_of_spans(pairs):
    spans = [LineSpan(first, first + extra) for first, extra in pairs]
    assert lines_covered(spans) == len({n for span in spans for n in span.numbers()})
