"""The glossary pass's fast paths find exactly the terms the full pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from edition.glossary import load_glossary
from edition.model import LineSpan, Paragraph, Text
from edition.transforms.glossary import link_block, link_text, matcher, term_pattern

GLOSSARY = load_glossary(REPO / "glossary.yml")
FORMS = sorted(GLOSSARY.by_form)
PIECES = st.sampled_from(FORMS + [" ", "+", "-", "_", "a", "Đ", "ế", "1", ".", "(", ")", "https://x.org/", "www.",
                                  "IPv6", "SHIP", "\n", "\u00a0"])
TEXTS = st.one_of(st.lists(PIECES, max_size=12).map("".join), st.text(max_size=40))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_locator_then_match_finds_what_finditer_finds(text):
    spans = [(m.start(), m.end()) for m in matcher(GLOSSARY).finditer(text)]
    assert spans == [(m.start(), m.end()) for m in term_pattern(GLOSSARY).finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, max_size=4))
def test_a_block_without_terms_is_returned_as_it_is(texts):
    block = Paragraph(tuple(Text(t) for t in texts), LineSpan(1, 1))
    linked = link_block(block, GLOSSARY, "vi")
    expected = tuple(i for t in texts for i in link_text(t, GLOSSARY))
    assert linked.inlines == expected
    if all(t and not any(form in t for form in FORMS) for t in texts):
        assert linked is block  # no candidate: no new block
