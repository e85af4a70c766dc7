"""Headings and paragraphs of a PDF-extracted paper, rebuilt from line shapes.

Blank lines say nothing in this shape, so a paragraph ends where a line ends a
sentence well short of the text width; headings stand alone: the paper's section
names (TÓM TẮT, MỞ ĐẦU, NỘI DUNG, KẾT LUẬN, ABSTRACT), numbered headings (1., 1.1.,
2.1.2. — levels from the depth, numbers kept as written, wrapped over two lines when
the first line is long and the second short), and dash sub-headings ('- Những nhân
tố bên trong') one level below the numbered heading they follow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SECTION_TITLES = {"TÓM TẮT", "MỞ ĐẦU", "NỘI DUNG", "KẾT LUẬN", "ABSTRACT", "TÀI LIỆU THAM KHẢO",
                  "REFERENCES", "INTRODUCTION", "CONCLUSION", "CONCLUSIONS", "ĐẶT VẤN ĐỀ", "KẾT QUẢ"}
NUMBERED = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
DASH_HEADING = re.compile(r"^[-–]\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]")
TERMINAL = (".", ":", ";", "?", "!", "…", ".”", ".\"", "”.")
# The last characters of the TERMINAL endings: a line ending in none of them ends no
# sentence, which one set lookup tells (str.endswith tries every ending in turn).
TERMINAL_LAST = frozenset(ending[-1] for ending in TERMINAL)
PARAGRAPH_END_RATIO = 0.9  # a sentence end on a line shorter than 90% of the width ends a paragraph
HEADING_MAX_RATIO = 1.05  # a numbered heading fits on about one line
WRAP_FIRST_RATIO = 0.7  # a heading that wraps fills most of its first line...
WRAP_SECOND_RATIO = 0.6  # ...and its second line is short
DASH_HEADING_MAX_RATIO = 0.7


@dataclass(frozen=True)
class HeadingShape:
    level: int
    numbered: bool


def text_width(lengths: list[int]) -> float:
    """The width of a full line: the upper quartile of line lengths (robust to short lines).

    The quartile is statistics.quantiles(lengths, n=4)[2] (its default, "exclusive"
    method), worked out here: importing statistics (with fractions and decimal) cost
    4 ms of every build's start. Tests compare the two.
    """
    if not lengths:
        return 80.0
    if len(lengths) < 4:
        return float(max(lengths))
    ordered = sorted(lengths)
    position = 3 * (len(ordered) + 1)  # four times the 1-based rank of the upper quartile
    below = min(max(position // 4, 1), len(ordered) - 1)
    weight = position - 4 * below  # how far past ``below`` it lies, in quarters
    return (ordered[below - 1] * (4 - weight) + ordered[below] * weight) / 4


def section_title(text: str) -> bool:
    # Every title is in capitals, so a line with a lower-case letter (almost every line:
    # isupper stops at the first) is none, without stripping it three times.
    return text.isupper() and text.strip().rstrip(":").strip() in SECTION_TITLES


def numbered_heading(text: str, width: float) -> HeadingShape | None:
    match = NUMBERED.match(text.strip())
    if not match or text.strip().endswith(TERMINAL) or len(text) > width * HEADING_MAX_RATIO:
        return None
    number, rest = match.groups()
    if not (rest[0].isupper() or rest[0].isdigit()) or "." not in text.strip()[:len(number) + 1]:
        return None
    return HeadingShape(2 + number.count(".") + 1, True)


def dash_heading(text: str, width: float) -> bool:
    stripped = text.strip()
    return bool(DASH_HEADING.match(stripped)) and not stripped.endswith(TERMINAL + (",",)) \
        and len(stripped) < width * DASH_HEADING_MAX_RATIO


def wraps_heading(first: str, second: str, width: float) -> bool:
    """Whether ``second`` finishes the heading ``first`` that wrapped over the line end."""
    second = second.strip()
    if not second or second.endswith(TERMINAL) or len(second) > width * WRAP_SECOND_RATIO:
        return False
    if len(first) < width * WRAP_FIRST_RATIO:
        return False
    if first.strip().isupper():
        return second.isupper()
    return second[0].islower()


OPENERS = re.compile(r"^(Thứ (nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|Một là|Hai là|Ba là|Bốn là|Năm là|"
                     r"First|Second|Third|Finally)\b")


def ends_paragraph(text: str, width: float, following: str = "") -> bool:
    stripped = text.rstrip()
    if not stripped.endswith(TERMINAL):
        return False
    if len(stripped) < width * PARAGRAPH_END_RATIO:
        return True
    return bool(OPENERS.match(following.strip()))


def looks_like_heading(text: str) -> bool:
    """Used by the page splitter: text that opens a section rather than a footnote area."""
    stripped = text.strip()
    return section_title(stripped) or bool(NUMBERED.match(stripped) and stripped.split()[0].endswith(".")
                                           and not stripped.endswith(TERMINAL))
