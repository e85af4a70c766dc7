"""The web reader's fast paths give exactly what the plainer code they replaced gave."""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.readers.common import SPACES, collapse_spaces, tidy

WHITE_SPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
SPACEY = st.text(alphabet=st.sampled_from(WHITE_SPACE + list("aĐđế.:(1)|-")), max_size=40)


def test_every_white_space_but_the_plain_space_is_unprintable():
    """What collapse_spaces' fast path relies on, checked over all of Unicode."""
    assert [c for c in WHITE_SPACE if c != " " and c.isprintable()] == []
    assert all(SPACES.fullmatch(c) or c == " " for c in WHITE_SPACE)


@settings(max_examples=500, derandomize=True)
@given(st.one_of(st.text(max_size=60), SPACEY))
def test_collapse_spaces_and_tidy_equal_the_plain_substitution(text):
    assert collapse_spaces(text) == SPACES.sub(" ", text)
    assert tidy(text) == SPACES.sub(" ", text).strip()
