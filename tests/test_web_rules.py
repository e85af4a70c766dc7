"""Single rules and shapes of the web reader, each on the case it exists for (and its near miss)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from edition.readers import web_text as shape
from edition.readers.web_cues import ends_article, match_cue
from web_helpers import drop_rules, headings, paragraphs, read_text

P1 = "Đoạn thứ nhất của bài báo, đủ dài để được coi là một đoạn văn hoàn chỉnh có dấu chấm."
P2 = "Đoạn thứ hai của bài báo, cũng đủ dài và kết thúc bằng dấu chấm như mọi đoạn văn."
P3 = "Đoạn thứ ba của bài báo, đoạn cuối cùng của phần thân bài, kết thúc bằng dấu chấm."
HEAD = "Tiêu đề của bài báo dùng để thử các quy tắc"


@pytest.mark.parametrize("line, rule", [
    ("Bình luận, góp ý (0)", "comment-prompt"),
    ("Bạn cần đăng nhập để bình luận", "comment-prompt"),
    ("Comments (12)", "comment-prompt"),
    ("- Cỡ chữ Mặc định", "font-size-widget"),
    ("Share:", "share-widget"),
    ("Reactions:", "share-widget"),
    ("Log in", "navigation"),
    ("Đăng nhập", "navigation"),
    ("Advertisement", "advertisement"),
    ("Tin bài liên quan", "cue-phrase"),
    ("Most Viewed", "cue-phrase"),
    ("Xem thêm: Bộ trưởng Quốc phòng thăm Lào", "cue-phrase"),
    ("Video", "media-label"),
])
def test_cue_phrase_groups(line, rule):
    found = match_cue(line)
    assert found is not None and found.rule == rule


@pytest.mark.parametrize("line", [
    "Chia sẻ thông tin nhanh hơn",
    "Theo đó, hai bên chia sẻ kinh nghiệm về công tác bảo vệ biên giới.",
    "Vietnam agreed to sign up to the treaty on Thursday.",
    "Related to this, the ministers discussed border patrols in detail and agreed on a new plan.",
])
def test_sentences_that_mention_a_cue_are_not_cues(line):
    assert match_cue(line) is None


def test_only_list_cues_end_the_article():
    assert ends_article("Tin liên quan") and ends_article("Trending")
    assert not ends_article("Xem thêm: Một bài khác") and not ends_article("Share") and not ends_article("Video")


def test_glued_banner_is_split_at_the_first_mixed_case_word():
    assert shape.split_glued_banner("CƠ QUAN CỦA TRUNG ƯƠNG HỘI - TIẾNG NÓI Đối ngoại Quốc phòng nhìn từ biên giới") \
        == ("CƠ QUAN CỦA TRUNG ƯƠNG HỘI - TIẾNG NÓI", "Đối ngoại Quốc phòng nhìn từ biên giới")
    assert shape.split_glued_banner("ASEAN Defence Ministers meet in Vientiane") is None


@pytest.mark.parametrize("line, expected", [
    ("Thứ hai, 10/6/2024, 09:15 (GMT+7)", True),
    ("June 2, 2022 3:41 PM GMT+7 Updated 2 years ago", True),
    ("Thu 2 Jun 2022 09.42 BST", True),
    ("Ngày 11/2, tại Hội nghị hiệp thương lần thứ ba bầu cử đại biểu Quốc hội", False),
])
def test_date_lines(line, expected):
    assert shape.is_date_line(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Bài, ảnh: CẢNH VINH", True),
    ("By Jane Doe", True),
    ("Reporting by Francesco Guarascio; Editing by Ed Davies", True),
    ("(TTXVN/Vietnam+)", True),
    ("PV", True),
    ("By June, the two armies will patrol the border together.", False),
    ("Bài 3: Nâng cao hiệu quả công tác đối ngoại quốc phòng", False),
])
def test_bylines(line, expected):
    assert shape.is_byline(line) is expected


@pytest.mark.parametrize("line, expected", [
    ("Soldiers on patrol. Photo: VGP", True),
    ("Quang cảnh hội đàm. (Ảnh: TTXVN)", True),
    ("Leaders at the meeting. REUTERS/Thanh Hue/Pool", True),
    ("Hai bên đã trao đổi về công tác ảnh hưởng đến an ninh biên giới.", False),
])
def test_photo_credits(line, expected):
    assert shape.has_photo_credit(line) is expected


def test_headline_repeated_on_the_next_line_is_dropped_once():
    article = read_text(f"{HEAD}\n{HEAD}\n{P1}\n{P2}")
    assert drop_rules(article)[2] == "repeated-line"
    assert article.lede.text == P1


def test_a_repeated_paragraph_does_not_end_the_article():
    article = read_text(f"{HEAD}\n{P1}\n{P2}\n{P2}\n{P3}")
    assert drop_rules(article)[4] == "repeated-line"
    assert paragraphs(article) == [P2, P3]


def test_short_title_case_subheading_near_the_end_is_not_a_signature():
    article = read_text(f"{HEAD}\n{P1}\n{P2}\nLooking Ahead\n{P3}", language="en")
    assert headings(article) == ["Looking Ahead"] and article.byline is None
    assert paragraphs(article)[-1] == P3


def test_media_label_inside_the_body_does_not_end_the_article():
    article = read_text(f"{HEAD}\n{P1}\n{P2}\nVideo\n{P3}")
    assert drop_rules(article)[4] == "media-label"
    assert paragraphs(article)[-1] == P3


def test_teaser_run_without_a_cue_ends_the_article():
    teasers = "\n".join(f"- Tin khác số {n} về một sự kiện khác bị cắt ngắn giữa..." for n in range(3))
    article = read_text(f"{HEAD}\n{P1}\n{P2}\n{teasers}")
    assert paragraphs(article) == [P2]
    assert {drop_rules(article)[n] for n in (4, 5, 6)} == {"teaser-list"}


def test_trailing_unpunctuated_headlines_without_a_cue_are_teasers():
    tail = "Hai nước ký biên bản hợp tác bảo vệ biên giới\nQuân đội hai nước diễn tập cứu hộ\nGiá vàng hôm nay tăng mạnh"
    article = read_text(f"{HEAD}\n{P1}\n{P2}\n{P3}\n{tail}")
    assert paragraphs(article)[-1] == P3
    assert {drop_rules(article)[n] for n in (5, 6, 7)} == {"teaser-list"}


def test_image_card_in_the_body_is_a_caption_but_before_a_list_is_a_teaser():
    article = read_text(f"{HEAD}\n{P1}\n![]() Bộ đội biên phòng tuần tra. |\n{P2}\n![]() Tin khác về biên giới |\n"
                        f"Tin liên quan\nMột tin khác")
    assert [b.text for b in article.blocks if type(b).__name__ == "Caption"] == ["Bộ đội biên phòng tuần tra."]
    assert drop_rules(article)[5] == "image-card"


def test_all_caps_headline_followed_by_its_lede_is_the_headline():
    article = read_text(f"VIỆT NAM VÀ LÀO KÝ KẾ HOẠCH HỢP TÁC\n{P1}\n{P2}")
    assert article.headline.text == "VIỆT NAM VÀ LÀO KÝ KẾ HOẠCH HỢP TÁC"


@pytest.mark.parametrize("line, expected", [
    ("CẢNH VINH", True), ("Thu Hà - Minh Long", True), ("HẢI NAM (TTXVN)", True),
    ("Vietnam", False), ("Gian nan giữa miền biên viễn", False), ("Sư đoàn 324", False),
])
def test_signature_names(line, expected):
    assert shape.is_name(line) is expected


@pytest.mark.parametrize("line", [".png)", "![]() |", "abc-123.jpg)", "<img src=\"x.jpg\" alt=\"\">", "|"])
def test_broken_image_fragments(line):
    assert shape.BROKEN_IMAGE.match(line)


def test_bare_name_under_the_headline_is_the_byline():
    article = read_text(f"{HEAD}\nMinh Hoàng\n08/03/2024 07:20 GMT+7\n{P1}\n{P2}")
    assert article.byline.text == "Minh Hoàng"
    assert headings(article) == [] and article.lede.text == P1


def test_bare_name_after_text_is_not_a_byline_unless_it_closes_the_article():
    article = read_text(f"{HEAD}\n{P1}\nMinh Hoàng\n{P2}\n{P3}")
    assert article.byline is None and headings(article) == ["Minh Hoàng"]


def test_menu_of_title_case_items_does_not_pass_for_a_byline_under_a_headline():
    page = "Exclusive coverage for readers across the region\nWorld News\nU.S. News\n" \
           f"{HEAD}\n{P1}\n{P2}"
    assert read_text(page).headline.text == HEAD


def test_table_row_is_not_an_image_caption():
    article = read_text(f"{HEAD}\n{P1}\n| 2022 | 600 học viên |\n{P2}")
    assert [type(b).__name__ for b in article.blocks] == ["Paragraph", "Paragraph"]


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet=" :：|()0123456789ab\t\u00a0.x", max_size=24))
def test_counter_stripping_matches_its_pattern(text):
    """normalise's fast counter stripping removes exactly what COUNTERS describes."""
    from edition.readers.web_cues import COUNTERS, _without_counter

    assert _without_counter(text) == COUNTERS.sub("", text).strip()
