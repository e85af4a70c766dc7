"""The web reader on hostile and degenerate inputs: it never chokes and accounts for every line."""

from __future__ import annotations

from edition.model import Paragraph
from edition.writer import render_article
from web_helpers import assert_every_line_accounted_for, paragraphs, raw_text, read_text


def check(text: str, **kwargs):
    article = read_text(text, **kwargs)
    assert_every_line_accounted_for(article, raw_text(text).lines)
    return article


def test_empty_file_gives_an_empty_article():
    article = check("")
    assert article.headline is None and article.blocks == () and article.drops == ()


def test_only_blank_lines_are_all_dropped_as_blank():
    article = check("\n   \n\t\n\u00a0\n")
    assert article.headline is None and article.blocks == ()
    assert article.drops == () and article.blank_lines == (1, 2, 3, 4)


def test_single_short_line_is_the_headline():
    article = check("Việt Nam và Lào ký kế hoạch hợp tác")
    assert article.headline.text == "Việt Nam và Lào ký kế hoạch hợp tác"
    assert article.blocks == () and article.lede is None


def test_single_long_line_is_a_paragraph_not_a_headline():
    sentence = "Hai bên nhất trí tiếp tục thực hiện hiệu quả các văn kiện hợp tác đã ký kết. " * 5
    article = check(sentence)
    assert article.headline is None
    assert paragraphs(article) == [sentence.strip()]


def test_page_of_only_teasers_keeps_no_body_text():
    text = "\n".join(["Đọc nhiều"] + [f"- Tin thứ {n} về một sự kiện khác mà trang web giới thiệu..." for n in range(6)]
                     + ["Mới nhất", "- Một tin mới nhất bị cắt ngắn giữa câu...", "- Cỡ chữ Mặc định"])
    article = check(text)
    assert article.blocks == () and article.lede is None and article.byline is None
    assert {d.rule for d in article.drops} <= {"cue-phrase", "teaser-list", "font-size-widget"}


MARKUP = """<script>alert('x')</script> Tiêu đề có thẻ script
# Dòng này không phải tiêu đề Markdown mà là một câu văn của bài báo.
- Dòng này không phải gạch đầu dòng, mà là một câu văn bình thường của bài.
| a | b | c | cũng là văn bản thường của bài báo, không phải bảng.
{: #p-1 } [^1] *[ĐNA]: và [a](javascript:alert(1)) vẫn là chữ trong bài.
1. CƠ SỞ LÝ LUẬN không phải danh sách, đây là câu văn có dấu chấm.
"""


def test_markup_lines_stay_text_in_the_model():
    article = check(MARKUP)
    assert article.headline.text == "<script>alert('x')</script> Tiêu đề có thẻ script"
    assert article.lede.text.startswith("# Dòng này")
    body = paragraphs(article)
    assert body[0].startswith("- Dòng này") and body[1].startswith("| a | b |")
    assert body[2].startswith("{: #p-1 } [^1] *[ĐNA]:") and body[3].startswith("1. CƠ SỞ")
    assert all(isinstance(b, Paragraph) for b in article.blocks)


def test_markup_lines_are_escaped_by_the_writer():
    page = render_article(check(MARKUP), "../reports/test.md").split("---\n", 2)[2]  # the Markdown body
    assert "<script>" not in page and "[a](javascript:" not in page and "\\[a\\](javascript:" in page
    assert "\n# Dòng" not in page and "\n- Dòng" not in page


def test_very_long_lines_are_read():
    long_words = ("chữ " * 20000).strip() + "."
    brackets = "![" + "](a" * 20000
    article = check(f"Tiêu đề của bài báo thử\n{long_words}\n{brackets}\nCâu cuối cùng của bài báo thử nghiệm này.")
    assert long_words in paragraphs(article)
    assert article.headline.text == "Tiêu đề của bài báo thử"


def test_crlf_and_lf_read_the_same():
    text = "Tiêu đề bài báo thử nghiệm\nĐoạn mở đầu của bài báo, đủ dài để được coi là một đoạn văn hoàn chỉnh.\n"
    assert read_text(text.replace("\n", "\r\n")) == read_text(text)


def test_nfd_input_reads_like_nfc():
    import unicodedata
    text = "Bình luận, góp ý (0)\nBạn cần đăng nhập để bình luận\n"
    nfd = read_text(unicodedata.normalize("NFD", text))
    assert [d.rule for d in nfd.drops] == [d.rule for d in read_text(text).drops]
