"""The PDF reader's faster helpers give exactly what the code they replaced gave."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.model import Citation, Inline, NoteRef, Text
from edition.readers import pdf_notes, pdf_structure
from edition.readers.common import collapse_spaces
from edition.readers.pdf import HYPHEN_WRAP, join_inlines


# --- the paragraph join as it was: a Text per line piece, citations found afterwards ---


def line_inlines_before(text: str, markers: list[tuple[int, str]]) -> list[Inline]:
    out: list[Inline] = []
    position = 0
    for offset, label in sorted(markers):
        out.append(Text(text[position:offset]))
        out.append(NoteRef(label))
        position = offset + len(label)
    out.append(Text(text[position:]))
    return out


def with_citations_before(inlines: list[Inline]) -> list[Inline]:
    out: list[Inline] = []
    for item in inlines:
        if not isinstance(item, Text):
            out.append(item)
            continue
        position = 0
        for match in pdf_notes.CITATION.finditer(item.text):
            out.append(Text(item.text[position:match.start()]))
            keys = tuple(k.strip() for k in re.split(r"[;,]", match.group(1)))
            out.append(Citation(match.group(), keys))
            position = match.end()
        out.append(Text(item.text[position:]))
    return [i for i in out if not (isinstance(i, Text) and not i.text)]


def join_inlines_before(parts: list[list[Inline]], language: str) -> tuple[Inline, ...]:
    out: list[Inline | list[str]] = []
    for part in parts:
        if out and isinstance(out[-1], list) and part and isinstance(part[0], Text):
            run, right = out[-1], part[0].text.lstrip()
            while len(run) > 1 and not run[-1].strip():
                run.pop()
            run[-1] = run[-1].rstrip()
            if language == "en" and HYPHEN_WRAP.search(run[-1]) and right[:1].islower():
                run[-1] = run[-1][:-1] + right
            else:
                run.append(" " + right)
            rest = part[1:]
        else:
            if out and isinstance(out[-1], NoteRef) and part and isinstance(part[0], Text):
                part = [Text(" " + part[0].text.lstrip()), *part[1:]]
            rest = part
        out.extend([item.text] if isinstance(item, Text) else item for item in rest)
    merged = [Text(collapse_spaces("".join(i))) if isinstance(i, list) else i for i in out]
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(merged[0].text.lstrip())
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(merged[-1].text.rstrip())
    return tuple(with_citations_before([i for i in merged if not (isinstance(i, Text) and not i.text)]))


LINE_TEXT = st.lists(st.sampled_from(list(" \t\xa0aAbđế-.,;:[]12") + ["[3]", "[1, tr.2]", "[4; 5]", "x-"]),
                     max_size=30).map("".join)


@st.composite
def marked_line(draw):
    text = draw(LINE_TEXT)
    markers = draw(st.lists(st.tuples(st.integers(0, len(text)), st.sampled_from(["1", "2", "12"])), max_size=3))
    return text, markers


@settings(max_examples=500)
@given(st.lists(marked_line(), min_size=1, max_size=6), st.sampled_from(["vi", "en"]))
def test_join_inlines_equals_the_join_through_text_inlines(lines, language):
    before = join_inlines_before([line_inlines_before(text, markers) for text, markers in lines], language)
    after = join_inlines([pdf_notes.line_pieces(text, markers) for text, markers in lines], language)
    assert after == before


@settings(max_examples=500)
@given(st.lists(LINE_TEXT, min_size=1, max_size=6), st.sampled_from(["vi", "en"]))
def test_joining_lines_without_markers_equals_the_join_through_text_inlines(lines, language):
    """join_plain_lines' shortcut, taken by most paragraphs (blank lines included)."""
    before = join_inlines_before([line_inlines_before(text, []) for text in lines], language)
    after = join_inlines([pdf_notes.line_pieces(text, []) for text in lines], language)
    assert after == before


TITLE_LIKE = st.one_of(
    st.text(max_size=30),
    st.tuples(st.sampled_from(sorted(pdf_structure.SECTION_TITLES) + ["Kết luận", "MỞ đầu"]),
              st.sampled_from(["", " ", ":", " :", ": ", "\t::", "x"]),
              st.sampled_from(["", " ", "\xa0"])).map(lambda t: t[2] + t[0] + t[1]))


@settings(max_examples=500)
@given(TITLE_LIKE)
def test_section_title_equals_the_stripped_lookup(text):
    """section_title's isupper shortcut: every title is in capitals."""
    assert pdf_structure.section_title(text) == (text.strip().rstrip(":").strip() in pdf_structure.SECTION_TITLES)


@settings(max_examples=500)
@given(st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=300))
def test_text_width_is_the_upper_quartile_statistics_gives(lengths):
    """text_width works out statistics.quantiles' upper quartile itself (importing statistics
    cost every build 4 ms): the same number, to the last bit."""
    import statistics

    assert pdf_structure.text_width(list(lengths)) == statistics.quantiles(lengths, n=4)[2]
    assert pdf_structure.text_width(lengths[:3]) == float(max(lengths[:3]))
    assert pdf_structure.text_width([]) == 80.0
