"""Editorial overrides in sources/<slug>.yml (reader: headline, lede, body_start, body_end, drop, keep)."""

from __future__ import annotations

import pytest

from edition.errors import EditionError
from edition.metadata import LineOverride, ReaderOverrides, parse_meta
from edition.readers import web
from edition.yamlfile import parse_yaml
from web_helpers import (assert_every_line_accounted_for, drop_rules, paragraphs, raw_text, read_seed,
                         read_text)

S001 = "nang-cao-hieu-qua-doi-ngoai-quoc-phong-quan-khu-4"
S002 = "hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua"
S003 = "defense-key-pillar-vietnam-laos-relations"

PAGE = """Chuyên trang Quốc phòng và An ninh của báo
Tiêu đề thật của bài báo nằm ở dòng thứ hai
Đoạn mở đầu của bài báo, đủ dài để được coi là một đoạn văn hoàn chỉnh có dấu chấm.
Đoạn thứ hai của bài báo, cũng đủ dài và kết thúc bằng dấu chấm như mọi đoạn văn.
Đoạn thứ ba của bài báo, đoạn cuối cùng, kết thúc bằng dấu chấm.
"""


def read(text: str, **overrides) -> object:
    article = read_text(text, overrides=ReaderOverrides(**overrides))
    assert_every_line_accounted_for(article, raw_text(text).lines)
    return article


def test_rules_alone_take_the_first_line_as_headline():
    assert read(PAGE).headline.lines.first == 1


def test_headline_override_chooses_the_line_and_drops_lines_above():
    article = read(PAGE, headline=2)
    assert article.headline.text == "Tiêu đề thật của bài báo nằm ở dòng thứ hai"
    above = next(d for d in article.drops if d.line == 1)
    assert above.rule == "before-headline" and "reader.headline: 2" in above.reason


def test_lede_override_chooses_the_line():
    article = read(PAGE, headline=2, lede=4)
    assert article.lede.lines.first == 4
    assert paragraphs(article)[0].startswith("Đoạn mở đầu")


def test_lede_false_means_no_lede():
    article, _ = read_seed(S003, reader=ReaderOverrides(lede=False))
    assert article.lede is None
    assert paragraphs(article)[0].startswith("The countries will support each other")


def test_body_start_drops_earlier_lines_as_override():
    article = read(PAGE, body_start=2)
    assert drop_rules(article)[1] == "override"
    assert article.headline.lines.first == 2


def test_body_end_drops_later_lines_and_replaces_end_detection():
    article, raw = read_seed(S002, reader=ReaderOverrides(body_end=10))
    rules = drop_rules(article)
    assert rules[11] == "override" and rules[14] == "override" and rules[15] == "blank"
    assert paragraphs(article)[-1].startswith("Thượng tướng Lê Huy Vịnh đánh giá cao")
    assert_every_line_accounted_for(article, raw.lines)


def test_drop_override_drops_a_line_with_the_editors_reason():
    article = read(PAGE, drop=(LineOverride(4, "quoted from another article"),))
    dropped = next(d for d in article.drops if d.line == 4)
    assert dropped.rule == "override" and "quoted from another article" in dropped.reason
    assert not any(p.startswith("Đoạn thứ hai") for p in paragraphs(article))


def test_keep_override_keeps_a_line_the_rules_drop():
    article, raw = read_seed(S001, reader=ReaderOverrides(keep=(20,)))
    assert 20 not in drop_rules(article)
    assert paragraphs(article)[-1].startswith("Bài 1: Từ quan điểm của Đảng")
    assert_every_line_accounted_for(article, raw.lines)


def test_keep_override_inside_the_body_bypasses_widget_rules():
    text = PAGE + "Chia sẻ\n"
    assert drop_rules(read(text))[6] == "share-widget"
    assert paragraphs(read(text, keep=(6,)))[-1] == "Chia sẻ"


YML = """slug: test
source: test.txt
kind: web
language: vi
reader:
  body_end: 99
  keep: [1, 40]
"""


def test_override_past_the_end_of_the_source_is_an_error_at_its_yaml_line():
    data, positions = parse_yaml(YML, "sources/test.yml")
    meta = parse_meta(data, positions, "sources/test.yml")
    with pytest.raises(EditionError) as caught:
        web.read(raw_text(PAGE), meta)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith("sources/test.yml:6:") and "line 99 is past the end" in m for m in messages)
    assert any("keep: line 40 is past the end" in m for m in messages)


def test_headline_override_on_a_blank_line_is_an_error():
    with pytest.raises(EditionError, match="headline: line 2 of test.txt is blank"):
        read_text("Tiêu đề\n\nĐoạn văn.", overrides=ReaderOverrides(headline=2))
