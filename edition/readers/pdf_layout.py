"""Pages of a PDF text extraction: body lines, footnote areas and page furniture.

The extractor's shape: a line starting with a space begins a page; a line holding a
single space separates the page's body from its footnote area, or (when what follows
is a heading) is only a vertical gap; blank lines say nothing. Footnote bodies start
with their number, glued or not ('9Simon Creak', '13 TTXVN'), and may continue on
the next page's footnote area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import DroppedLine

FOOTNOTE_START = re.compile(r"^(\d{1,3})\s?(?=\S)(?!\d)")
RULE_SEPARATOR, RULE_GAP = "footnote-separator", "layout-gap"


# slots: a reader makes one of these per line; without a __dict__ each is one object,
# not two, which is quicker to make and leaves the garbage collector half as much to scan.
@dataclass(slots=True)
class BodyLine:
    number: int  # source line
    text: str  # without the page-start space and trailing spaces
    page: int
    after_gap: bool = False  # a vertical gap stands before it: a paragraph cannot run across


@dataclass(slots=True)
class NoteLine:
    number: int
    text: str
    page: int


@dataclass
class Layout:
    body: list[BodyLine] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)
    drops: list[DroppedLine] = field(default_factory=list)
    blanks: list[int] = field(default_factory=list)  # Article.blank_lines


def is_separator(raw: str) -> bool:
    return raw.strip() == "" and raw != "" and raw.replace(" ", "") == "" and len(raw) <= 3


def next_text(lines: tuple[str, ...], index: int) -> str | None:
    for following in range(index + 1, len(lines)):  # not lines[index + 1:]: a copy of the rest
        text = lines[following].strip()
        if text:
            return text
    return None


SENTENCE_END = re.compile(r"[.!?…”\")]\s*$")
BARE_URL = re.compile(r"^https?://\S+$")


def opens_footnote_area(following: str | None, expected: int, note_open: bool, looks_like_heading) -> bool:
    """After a separator: a footnote area if the next text is the next note, or the rest of
    a note left unfinished on the previous page."""
    if following is None or looks_like_heading(following):
        return False
    match = FOOTNOTE_START.match(following)
    return bool(match and int(match.group(1)) == expected) or note_open


def split_pages(lines: tuple[str, ...], looks_like_heading) -> Layout:
    layout = Layout()
    add_body, add_note, add_drop = layout.body.append, layout.notes.append, layout.drops.append
    add_blank = layout.blanks.append
    page, in_notes, expected_note, gap = 0, False, 1, False
    for index, raw in enumerate(lines):
        number = index + 1
        if not raw:  # every other line: the empty case of the blank test below, without its work
            add_blank(number)
            continue
        text = raw.strip()  # stripped once: every line needs it
        if not text:
            if not is_separator(raw):
                add_blank(number)
                continue
            following = next_text(lines, index)
            last = layout.notes[-1].text if layout.notes else ""
            note_open = bool(last) and not SENTENCE_END.search(last) and not BARE_URL.match(last)
            if opens_footnote_area(following, expected_note, note_open, looks_like_heading):
                in_notes = True
                add_drop(DroppedLine(number, raw, RULE_SEPARATOR, "separates the page from its footnotes"))
            else:
                add_drop(DroppedLine(number, raw, RULE_GAP, "vertical space in the PDF layout"))
                gap = True
            continue
        if raw[0] == " " or page == 0:  # a page starts with a space (the line is not blank)
            page, in_notes = page + 1, False
        if in_notes:
            match = FOOTNOTE_START.match(text)
            if match and int(match.group(1)) == expected_note:
                expected_note += 1
            add_note(NoteLine(number, text, page))
        else:
            add_body(BodyLine(number, text, page, gap))
            gap = False
    return layout
