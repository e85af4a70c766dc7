"""markdown_text's fast path (one regex over the special characters) escapes exactly as the character loop it replaced."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.escape import BACKSLASHED, ENTITIES, escape_line_start, markdown_text
from edition.readers.common import SPACES


def markdown_text_by_loop(text: str) -> str:
    """The original implementation, one character at a time."""
    out = []
    for char in SPACES.sub(" ", text):  # collapsed, not stripped: one inline among others
        if char in ENTITIES:
            out.append(ENTITIES[char])
        elif char in BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(char)
    return escape_line_start("".join(out))


MARKDOWN_HEAVY = st.text(alphabet=st.sampled_from(list("\\`*_{}[]#&<>|-+=1.) \t\n aĐđ:ế")), max_size=60)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=80), MARKDOWN_HEAVY))
def test_regex_escaping_equals_the_character_loop(text):
    assert markdown_text(text) == markdown_text_by_loop(text)


def test_every_special_character_is_escaped_once():
    assert markdown_text("a*b_c`d{e}f[g]h#i\\j&k<l>m|n") == (
        "a\\*b\\_c\\`d\\{e\\}f\\[g\\]h\\#i\\\\j&amp;k&lt;l&gt;m&#124;n")


SPACEY = st.text(alphabet=st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\xa0\u1680\u2000\u2028\u2029\u202f\u3000"
                                                 "\ufeff\u200bab\U0001f600")), max_size=30)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=80), SPACEY, MARKDOWN_HEAVY))
def test_fast_paths_equal_the_regexes(text):
    from edition.escape import SPECIAL, has_special

    # collapse_spaces, shared with the readers, is checked in test_performance_web_reader.
    assert has_special(text) == bool(SPECIAL.search(text))


def test_regex_digits_are_the_decimal_characters():
    """escape_line_start tries LIST_START only after a decimal first character, and the web
    reader's counter shortcut (web_cues) relies on the same equivalence."""
    import re
    import sys

    digit = re.compile(r"\d")
    assert all(bool(digit.match(chr(code))) == chr(code).isdecimal() for code in range(sys.maxunicode + 1))


def test_html_attribute_is_the_same_with_its_cache():
    from edition.escape import html_attribute

    for text in ("p-1", " a  b\t", 'x"<&>\'', "p-1"):
        assert html_attribute(text) == __import__("html").escape(SPACES.sub(" ", text).strip(), quote=True)


def escape_line_start_in_full(escaped: str) -> str:
    """escape_line_start without its shortcut for texts that start with no marker."""
    import re

    indent = " " if escaped.startswith(" ") else ""
    rest = escaped[len(indent):]
    if rest[:1] in ("-", "+", "=", "!"):
        return indent + ("\\" + rest if rest[0] != "=" else "&#61;" + rest[1:])
    match = re.match(r"^(\d+)([.)])(?=\s|$)", rest)
    if match:
        return indent + match.group(1) + "\\" + match.group(2) + rest[match.end():]
    return escaped


LINE_STARTS = st.text(alphabet=st.sampled_from(list(" -+=!1٣.)* a\t#>")), max_size=8)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=20), LINE_STARTS))
def test_line_start_shortcut_equals_the_full_steps(text):
    assert escape_line_start(text) == escape_line_start_in_full(text)
