"""A source's lines: invisible characters removed and NFC applied line by line.

split_lines cleans the whole text at once, for speed; this checks that the result
is what cleaning each line on its own gives, on text where it could differ:
combining marks at line starts and ends (Vietnamese tone marks, Hangul jamo),
every kind of line end, and the control and zero-width characters removed.
"""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings, strategies as st

from edition.source import INVISIBLE, LINE_BREAK, split_lines

PIECES = ["e", "a", "ơ", "ư", "Đ", " ", "\t", "\r", "\n", "\r\n", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323",
          "\u0302", "\u031b", "\u1100", "\u1161", "\u11a8", "\x00", "\x0b", "\x0c", "\x85", "\u200b", "\u2060",
          "\ufeff", "\u200c", "\u2028", "x"]


def each_line_cleaned(text: str) -> tuple[str, ...]:
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return tuple(unicodedata.normalize("NFC", INVISIBLE.sub("", line)) for line in lines)


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
@example("e\n\u0301")
@example("e\u200b\u0301\r\n\u0323a")
@example("\u1100\n\u1161")
@example("\r\x00\n")
@settings(max_examples=500)
def test_lines_are_cleaned_as_if_one_by_one(text):
    expected = each_line_cleaned(text)
    assert split_lines(text) == expected
    # As read_source calls it: log_invisible has already searched for invisible characters.
    assert split_lines(text, has_invisible=INVISIBLE.search(text) is not None) == expected


def test_decomposed_vietnamese_is_composed_and_controls_removed():
    assert split_lines("Vie\u0323\u0302t\u200b Nam\r\nla\u0300o\x0c\n") == ("Việt Nam", "lào")
