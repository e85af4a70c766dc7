"""Faster report helpers write what the ones they replaced wrote."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from edition.pages import compact_ranges


def compact_ranges_by_index(numbers: list[int]) -> str:
    """The original implementation, looking one index ahead."""
    numbers = sorted(set(numbers))
    ranges, start = [], None
    for index, number in enumerate(numbers):
        if start is None:
            start = number
        if index + 1 == len(numbers) or numbers[index + 1] != number + 1:
            ranges.append(str(start) if start == number else f"{start}–{number}")
            start = None
    return ", ".join(ranges)


@given(st.lists(st.integers(-5, 60), max_size=40))
def test_compact_ranges_as_before(numbers):
    assert compact_ranges(numbers) == compact_ranges_by_index(numbers)


def term_places_by_counter(article) -> tuple:
    """The original implementation: a list of term ids and a Counter for each block."""
    from collections import Counter

    from edition.glossary_page import block_place
    from edition.model import Term

    found = []
    for block in article.all_blocks():
        term_ids = [i.term_id for i in block.inlines if isinstance(i, Term)]
        place = block_place(block) if term_ids else None
        if place is not None:
            found.extend((term_id, place[0], place[1], count) for term_id, count in Counter(term_ids).items())
    return tuple(found)


def inlines_with_terms():
    from edition.model import Citation, NoteRef, Term, Text

    term = st.sampled_from(["a", "b", "c"]).map(lambda t: Term(t.upper(), t, f"expansion of {t}"))
    other = st.sampled_from([Text("x"), NoteRef("1"), Citation("[1]", ("1",))])
    return st.lists(st.one_of(term, other), max_size=8).map(tuple)


@given(st.lists(st.tuples(inlines_with_terms(), st.sampled_from(["p", "footnote", "no anchor"])), max_size=8))
def test_term_places_as_counted_before(blocks):
    from edition.glossary_page import term_places
    from edition.metadata import ArticleMeta
    from edition.model import Article, Footnote, LineSpan, Paragraph, SourceFile

    span = LineSpan(1, 1)
    body = tuple(Paragraph(inlines, span, anchor=f"p-{n}" if kind == "p" else None, label=str(n))
                 for n, (inlines, kind) in enumerate(blocks) if kind != "footnote")
    notes = tuple(Footnote(inlines, span, note_label=str(n))
                  for n, (inlines, kind) in enumerate(blocks) if kind == "footnote")
    article = Article(ArticleMeta(slug="t", source="t.txt", kind="pdf", language="vi"),
                      SourceFile("t.txt", "0" * 64, 1), blocks=body, footnotes=notes)
    assert term_places(article) == term_places_by_counter(article)
