"""The glossary pass's fast paths find exactly the terms the full pattern finds.

The reference is the pass as it was before its fast paths (the full pattern's
finditer over every text, split at URLs, a new block for every block), kept here.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from edition.glossary import load_glossary
from edition.model import LineSpan, Paragraph, Term, Text
from edition.transforms.glossary import URL, _merge_text, _pattern, expansion_for, link_block, matcher

GLOSSARY = load_glossary(REPO / "glossary.yml")
FORMS = sorted(GLOSSARY.by_form)
FULL_PATTERN = _pattern(tuple(FORMS))


def link_text_before(text: str, language: str = "vi") -> list:
    """link_text before the fast paths: the full pattern over each piece between URLs."""
    out: list = []
    position = 0
    for url in [*URL.finditer(text), None]:
        stop = url.start() if url else len(text)
        piece, at = text[position:stop], 0
        for match in FULL_PATTERN.finditer(piece):
            entry = GLOSSARY.by_form[match.group()]
            if match.start() > at:
                out.append(Text(piece[at:match.start()]))
            out.append(Term(match.group(), entry.anchor, expansion_for(entry, language)))
            at = match.end()
        if at < len(piece):
            out.append(Text(piece[at:]))
        if url:
            out.append(Text(url.group()))
            position = url.end()
    return _merge_text(out)
PIECES = st.sampled_from(FORMS + [" ", "+", "-", "_", "a", "Đ", "ế", "1", ".", "(", ")", "https://x.org/", "www.",
                                  "IPv6", "SHIP", "\n", "\u00a0"])
TEXTS = st.one_of(st.lists(PIECES, max_size=12).map("".join), st.text(max_size=40))


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_locator_then_match_finds_what_finditer_finds(text):
    spans = [(m.start(), m.end()) for m in matcher(GLOSSARY).finditer(text)]
    assert spans == [(m.start(), m.end()) for m in FULL_PATTERN.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, max_size=4))
def test_a_block_without_terms_is_returned_as_it_is(texts):
    block = Paragraph(tuple(Text(t) for t in texts), LineSpan(1, 1))
    linked = link_block(block, matcher(GLOSSARY), "vi")
    expected = tuple(i for t in texts for i in link_text_before(t))
    assert linked.inlines == expected
    if all(t and not any(form in t for form in FORMS) for t in texts):
        assert linked is block  # no candidate: no new block
