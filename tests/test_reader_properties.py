"""Properties every reader keeps, whatever text it is given (Hypothesis).

Written against the reader interface (``READERS[kind](RawSource, ArticleMeta) -> Article``)
so they keep holding when the placeholder readers are replaced:

* no crash on any text;
* every source line is inside some block's ``lines`` span, in ``drops`` or in
  ``blank_lines``, which name only lines without text, in order;
* every non-space character of a line appears in the text of the blocks that cover
  that line, in the article's keywords, or in the drop report for that line (a
  hyphen ending a line may go: PDF readers join words broken across lines; so may the
  table-cell edge ' |' ending a caption, which is the scraped page's markup).
"""

from __future__ import annotations

import hashlib
import re

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from edition.metadata import ArticleMeta
from edition.model import Caption, SourceFile
from edition.readers import READERS
from edition.source import RawSource, split_lines

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
ALPHABET = VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:!?()[]“”\"'–-/*#|<>&{}_\t"
# Lines shaped like the things readers look for: headings, notes, captions, bylines, keywords.
SHAPED_LINES = st.sampled_from([
    "", " ", "1. CƠ SỞ LÝ LUẬN", "Từ khóa: quốc phòng; Lào", "Keywords: defense, Laos", "[1] Nguồn: Báo QĐND",
    "(1) Chú thích", "Ảnh: Hoàng Anh", "Photo: VNA", "TS. Nguyễn Văn A", "image.jpg", "Trang 12",
    "TẠP CHÍ QUỐC PHÒNG", "quốc-", "phòng toàn dân.", "* * *", "Tin liên quan", "Chia sẻ", "12",
])
LINES = st.lists(st.one_of(SHAPED_LINES, st.text(st.sampled_from(ALPHABET), max_size=60)), max_size=40)
COUNTS: dict[str, int] = {}


def raw_source(lines: list[str]) -> RawSource:
    text = "\n".join(lines) + "\n"
    split = split_lines(text)
    return RawSource(SourceFile("sources/x.txt", hashlib.sha256(text.encode()).hexdigest(), len(split)), split)


CELL_EDGE = re.compile(r"\s+\|$")  # web_text.caption_text's: the edge of the table cell a caption was in


def own_characters(article, number: int, line: str) -> str:
    """The characters of ``line`` that must be kept or reported: without a hyphen ending
    it, nor the table-cell edge of a caption."""
    line = line.rstrip("-")
    if any(isinstance(block, Caption) and block.lines.first <= number <= block.lines.last
           for block in article.blocks):
        line = CELL_EDGE.sub("", line)
    return line


def covering_text(article, number: int) -> str:
    texts = [block.text() if callable(block.text) else block.text for block in article.all_blocks()
             if block.lines.first <= number <= block.lines.last]
    texts += [block.note_label for block in article.footnotes if block.lines.first <= number <= block.lines.last]
    texts += [drop.text for drop in article.drops if drop.line == number]
    return " ".join(texts + list(article.keywords))


@pytest.mark.parametrize("kind", sorted(READERS))
def test_every_line_and_character_is_kept_or_reported(kind):
    meta = ArticleMeta(slug="x", source="x.txt", kind=kind, language="vi", path="sources/x.yml")

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(LINES)
    @example(["1. CƠ SỞ LÝ LUẬN", " ", "1:"])  # a note with no marker in the text: its number is kept
    @example(["TÓM TẮT", "[1] Nguồn: Báo QĐND"])  # the abstract's heading, not on the page: reported
    @example(["[1] Nguồn: Báo QĐND", "image.jpg", "[|"])  # a pipe glued to a caption's text is the text's
    def check(lines):
        COUNTS[kind] = COUNTS.get(kind, 0) + 1
        raw = raw_source(lines)
        article = READERS[kind](raw, meta)
        covered = {n for block in article.all_blocks() for n in range(block.lines.first, block.lines.last + 1)}
        dropped = {drop.line for drop in article.drops} | set(article.blank_lines)
        assert list(article.blank_lines) == sorted(set(article.blank_lines))
        assert all(not raw.lines[number - 1].strip() for number in article.blank_lines), article.blank_lines
        for number, line in enumerate(raw.lines, start=1):
            assert number in covered | dropped, (number, line)
            kept = covering_text(article, number)
            missing = {c for c in own_characters(article, number, line) if not c.isspace() and c not in kept}
            assert not missing, (number, line, missing)

    check()
    print(f"{kind}: {COUNTS[kind]} Hypothesis cases")
    assert COUNTS[kind] >= 100
