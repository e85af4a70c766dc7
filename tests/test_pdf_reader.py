"""The PDF reader on seed 000 (expectations written by reading the source) and on texts
written in the same shape."""

from __future__ import annotations

import re

import pytest

from conftest import REPO
from edition.metadata import ArticleMeta
from edition.model import Citation, Heading, Link, NoteRef, Paragraph
from edition.pages import compact_ranges, render_report
from edition.readers.pdf import read
from edition.readers.pdf_layout import is_separator
from edition.source import RawSource, read_source, split_lines
from edition.model import SourceFile

SEED = "000_3dee2eb0c647f342.txt"
META = ArticleMeta(slug="paper", source=SEED, kind="pdf", language="vi")
FURNITURE = {"footnote-separator", "layout-gap", "repeated-url"}  # blank lines: in Article.blank_lines


@pytest.fixture(scope="module")
def paper():
    return read(read_source(REPO / "sources" / SEED, f"sources/{SEED}"), META)


HEADINGS = [
    (2, "MỞ ĐẦU"), (2, "NỘI DUNG"), (3, "1. CƠ SỞ LÝ LUẬN VÀ CƠ SỞ THỰC TIỄN CỦA BỐI CẢNH MỚI"),
    (4, "1.1. Cơ sở lý luận"), (4, "1.2. Cơ sở thực tiễn"),
    (3, "2. XU HƯỚNG ĐIỀU CHỈNH CHÍNH SÁCH ĐỐI NGOẠI CỦA LÀO TRONG BỐI CẢNH MỚI"),
    (4, "2.1. Vị trí, vai trò của Lào và những nhân tố tác động đến sự điều chỉnh chính sách đối ngoại của Lào"),
    (5, "2.1.1. Vị trí, vai trò của Lào"),
    (5, "2.1.2. Những nhân tố tác động đến sự điều chỉnh chính sách đối ngoại của Lào"),
    (6, "- Những nhân tố bên trong"), (6, "- Những nhân tố bên ngoài"),
    (4, "2.2. Xu hướng điều chỉnh chính sách đối ngoại của Lào"),
    (3, "3. NHỮNG GIẢI PHÁP THÚC ĐẨY QUAN HỆ LÀO - VIỆT NAM TRONG BỐI CẢNH MỚI"),
    (4, "3.1. Khái quát về quan hệ Lào - Việt Nam sau Chiến tranh lạnh"),
    (4, "3.2. Những giải pháp thúc đẩy quan hệ Lào - Việt Nam trong bối cảnh mới"),
    (2, "KẾT LUẬN"), (2, "ABSTRACT"),
]

FIRST_WORDS = [
    "Mối quan hệ", "Bối cảnh quốc", "Nghiên cứu bối", "Chủ nghĩa hiện", "Trong khi đó,", "Khác với hai",
    "Bối cảnh quốc", "Thứ nhất, hòa", "Thứ hai, quá", "Theo nhà nghiên", "Nhìn chung, các", "Thứ ba, cuộc",
    "Thứ tư, trong", "Thứ năm, xu", "Thứ sáu, các", "Thứ bảy, chủ", "Trong bối cảnh", "Là nước ĐNA",
    "Tuy có những", "Nhằm tận dụng", "Trong CSĐN của", "Ngoài Trung Quốc", "Với vị trí,", "Với Trung Quốc,",
    "Trong bối cảnh", "Về nhân tố", "Theo Simon Creak,", "Quan hệ chính", "Hợp tác kinh", "Các lĩnh vực",
    "Về hợp tác", "Trong bối cảnh", "Thứ nhất, Việt", "Thứ hai, Việt", "Thứ ba, riêng", "Thứ tư, Việt",
    "Thứ năm, hợp", "Thứ sáu, trong", "Thứ bảy, về", "Tóm lại, trong", "Với những phương", "In today’s evolving",
]

# label: (the words the marker follows, the start of the note's text)
FOOTNOTES = {
    "1": ("trước đây", "Blachford, K. (2021). The balance of power"),
    "2": ("của các quốc gia”", "Jackson, P. T., & Jones, J. S. (2011). Constructivism."),
    "3": ("quan hệ quốc tế đương đại", "Nye, J.S. (2004). Soft Power"),
    "4": ("Phát triển Toàn cầu (2021)…", "Xem thêm: Hoàng Văn Hiển"),
    "5": ("lớn nhất thế giới", "Bảo Duy (2021), “Lào muốn trở thành ‘viên pin xanh’"),
    "6": ("dự án thuỷ điện Xayaburi", "Thành Nguyễn (2018)"),
    "7": ("giữa Việt Nam và Trung Quốc", "TTXVN (2022), Lào lâm vào nguy cơ phụ thuộc Trung Quốc"),
    "8": ("những nhà “kỹ trị” mới", "Trong cuốn sách “Under Beijing’s Shadow”"),
    "9": ("quan hệ đối ngoại của Lào", "Simon Creak (2021)"),
    "10": ("giữa Việt Nam và Lào ", "Báo Nhân dân (2024)"),
    "11": ("quản lý tài chính ở Việt Nam", "Xem thêm: Ban Thời sự (2023)"),
    "12": ("lĩnh vực công an là 2.166 người", "“Hơn 14.000 sinh viên Lào học tại Việt Nam"),
    "13": ("hy sinh tại Lào…", "TTXVN (2024), “Tuyên bố chung Việt Nam - Lào”"),
}

CITATIONS = ['[10, tr.21]', '[8]', '[9, tr.23]', '[10, tr.44]', '[1]', '[9, tr.28]', '[3]', '[2, tr.13-28]', '[3]',
             '[11]', '[7]', '[11]', '[11]', '[14, tr.295]', '[11]', '[14, tr. 294]', '[11]', '[7]', '[14, tr.303]',
             '[17, tr.78-89]', '[16]', '[13]', '[13]', '[11]', '[4]', '[6]', '[5, tr.162]', '[6]', '[12]', '[12]',
             '[13]', '[12]', '[13]', '[12]']


def test_headings_and_their_levels(paper):
    assert [(b.level, b.text) for b in paper.blocks if isinstance(b, Heading)] == HEADINGS


def test_paragraphs_count_and_first_words(paper):
    paragraphs = [b for b in paper.blocks if isinstance(b, Paragraph)]
    assert [" ".join(p.text.split()[:3]) for p in paragraphs] == FIRST_WORDS
    assert all("  " not in p.text and not p.text.startswith(" ") for p in paragraphs)


def test_abstract_is_the_lede_keywords_are_kept_and_the_english_abstract_is_marked(paper):
    assert paper.lede.text.startswith("Trong bối cảnh quốc tế mới hiện nay, việc các nước lớn")
    assert paper.lede.text.endswith("trong những năm tới.")
    assert paper.keywords == ("Chính sách đối ngoại", "điều chỉnh", "giải pháp", "quan hệ Lào - Việt Nam")
    english = [b for b in paper.blocks if b.lang == "en"]
    assert [type(b).__name__ for b in english] == ["Heading", "Paragraph"]
    assert english[1].text.startswith("In today’s evolving international context")
    assert english[1].text.endswith("in the coming years.")


def test_page_breaks_are_joined_mid_sentence(paper):
    text = " ".join(b.text for b in paper.blocks)
    assert "bài viết đề xuất một giải pháp" in text  # line 45 ends a page, line 46 starts the next
    assert "thế giới” [1] và sự gia tăng" in text  # a quotation running over a page with a footnote area


def test_all_thirteen_footnotes_sit_after_the_words_they_follow(paper):
    notes = {n.note_label: n for n in paper.footnotes}
    assert list(notes) == [str(n) for n in range(1, 14)]
    found = {}
    for block in paper.blocks:
        for index, item in enumerate(block.inlines):
            if isinstance(item, NoteRef):
                before = "".join(getattr(i, "text", "") for i in block.inlines[:index])
                found[item.label] = before
    assert list(found) == [str(n) for n in range(1, 14)]
    for label, (words, start) in FOOTNOTES.items():
        assert found[label].endswith(words), (label, found[label][-40:])
        assert notes[label].text.startswith(start), label


def test_numbers_that_are_not_markers_stay_in_the_text(paper):
    text = " ".join(b.text for b in paper.blocks)
    for number in ("năm 2023", "3,5 tỷ USD", "(GSI, 4/2022)", "lần thứ tư", "Trung ương 3 khóa"):
        assert number in text


def test_footnote_urls_are_links_and_appear_once(paper):
    note = {n.note_label: n for n in paper.footnotes}["13"]
    links = [i.url for i in note.inlines if isinstance(i, Link)]
    assert links == ["https://mod.gov.vn/vn/noi-dung/sa-qlcddh/sa-qlcddh-cddh/tuyen-bo-chung-viet-nam-lao"]
    assert sum(1 for d in paper.drops if d.rule == "repeated-url") == 5


def test_every_bracketed_citation_is_kept_verbatim(paper):
    found = [i.text for b in paper.blocks for i in b.inlines if isinstance(i, Citation)]
    assert found == CITATIONS
    assert {k for b in paper.blocks for i in b.inlines if isinstance(i, Citation) for k in i.keys} == \
        {str(n) for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17)}


def test_no_line_is_lost(paper):
    source = read_source(REPO / "sources" / SEED, "x")
    covered = set()
    for block in [paper.lede, *paper.blocks, *paper.footnotes]:
        covered.update(block.lines.numbers())
    dropped = {d.line for d in paper.drops} | set(paper.blank_lines)
    assert {d.rule for d in paper.drops} <= FURNITURE | {"abstract-heading"}
    assert paper.blank_lines and all(not source.lines[n - 1].strip() for n in paper.blank_lines)
    for number, line in enumerate(source.lines, start=1):
        assert number in covered or number in dropped, (number, line)
        if number in dropped and number not in covered:
            assert line.strip() in ("", "TÓM TẮT") or line.startswith("http"), (number, line)


def test_drop_report_counts_the_blank_lines_and_names_them_as_ranges(paper):
    source = read_source(REPO / "sources" / SEED, "x")
    # From the source, not the reader: lines without text, but the footnote separators and gaps.
    blank = [n for n, line in enumerate(source.lines, start=1) if not line.strip() and not is_separator(line)]
    report = render_report(paper)
    assert f"| `blank` | {len(blank)} |" in report
    assert f"Dòng trống (không mang nội dung): {compact_ranges(blank)}.\n" in report
    assert f"Mục bị bỏ: {len(paper.drops) + len(blank)}.\n" in report


def test_the_abstract_heading_is_reported_not_lost(paper):
    """The page shows the abstract as the lede, without its heading: the heading's line
    is in the drop report, and the lede's lines start at the abstract's first line."""
    headings = [d for d in paper.drops if d.rule == "abstract-heading"]
    assert [(d.line, d.text.strip()) for d in headings] == [(1, "TÓM TẮT")]
    assert paper.lede.lines.first == 3


def test_built_page_links_footnotes_both_ways(site_dir):
    html = (site_dir / "articles" / "quan-he-lao-viet-nam-chinh-sach-doi-ngoai" / "index.html").read_text("utf-8")
    refs = re.findall(r'<sup id="fnref:(\d+)"><a class="footnote-ref" href="#fn:(\d+)"', html)
    assert [r[0] for r in refs] == [str(n) for n in range(1, 14)] and all(a == b for a, b in refs)
    backs = re.findall(r'<a class="footnote-backref" href="#fnref:(\d+)"', html)
    assert sorted(backs, key=int) == [str(n) for n in range(1, 14)]
    note7 = html.split('<li id="fn:7">', 1)[1].split("</li>", 1)[0]
    assert ">TTXVN</abbr>" in note7 and ">TLTK</abbr>" in note7  # glossary terms in footnotes too


# --- texts written in the same shape ----------------------------------------------------


def layout(pages: list[tuple[list[str], list[str]]]) -> str:
    """A text in the extractor's shape: each line followed by a blank line, a page-start space,
    a single-space line before the footnote area."""
    out = []
    for body, notes in pages:
        for index, line in enumerate(body):
            out.append((" " if index == 0 else "") + line + " ")
            out.append("")
        if notes:
            out += [" ", ""]
            for line in notes:
                out += [line + " ", ""]
    return "\n".join(out) + "\n"


def read_text(text: str, language: str = "vi"):
    lines = split_lines(text)
    raw = RawSource(SourceFile("sources/t.txt", "0" * 64, len(lines)), lines)
    return read(raw, ArticleMeta(slug="t", source="t.txt", kind="pdf", language=language))


ENGLISH = layout([
    (["ABSTRACT",
      "This paper studies the cooperation between two neighbouring countries over",
      "three decades and argues that their partnership rests on shared interna-",
      "tional commitments rather than on ideology alone.",
      "1. INTRODUCTION",
      "Border cooperation has a long history in the region, as several studies",
      "have shown in detail1. The present paper extends that work to the period",
      "after 1991, using archives that were not available before2."],
     ["1 Smith, J. (2019). Borders. Journal of Area Studies, 4(2), 1-20.",
      "2 Nguyen, A. (2020). Archives and their limits. Oxford: Oxford University"]),
    (["and the wider region. Trade grew steadily, and security ties deepened",
      "during the same years, as the next sections show.",
      "1.1. Sources",
      "1.1.1. Archival material",
      "1.1.1.1. Ministry records",
      "The ministry records cover the years 1991-2005 in full3."],
     ["Press, pp. 10-30.",
      "3 Ministry of Defence (2006). Annual report, p. 4."]),
])


def test_english_paper_with_hyphenation_deep_headings_and_notes_across_pages():
    article = read_text(ENGLISH, "en")
    headings = [(b.level, b.text) for b in article.blocks if isinstance(b, Heading)]
    assert headings == [(2, "ABSTRACT"), (3, "1. INTRODUCTION"), (4, "1.1. Sources"),
                        (5, "1.1.1. Archival material"), (6, "1.1.1.1. Ministry records")]
    paragraphs = [b.text for b in article.blocks if isinstance(b, Paragraph)]
    assert "shared international commitments" in paragraphs[0]
    assert paragraphs[1].startswith("Border cooperation") and "available before and the wider region" not in \
        paragraphs[1]
    notes = {n.note_label: n.text for n in article.footnotes}
    assert notes["2"] == "Nguyen, A. (2020). Archives and their limits. Oxford: Oxford University Press, pp. 10-30."
    assert list(notes) == ["1", "2", "3"]
    labels = [i.label for b in article.blocks for i in b.inlines if isinstance(i, NoteRef)]
    assert labels == ["1", "2", "3"]


NARROW = layout([
    (["MỞ ĐẦU",
      "Quan hệ hai nước có từ lâu và được vun",
      "đắp qua nhiều thế hệ1. Hai bên cùng",
      "nhấn mạnh vai trò của hợp tác2.",
      "Đoạn thứ hai bắt đầu ở đây và kéo dài"],
     ["1 Tài liệu thứ nhất (2020).", "2 Tài liệu thứ hai (2021)."]),
    (["sang trang sau mà không ngắt câu, năm 2023 có",
      "3,5 tỷ USD vốn đầu tư [4, tr.12].",
      "- Những nhân tố bên trong",
      "Nội dung của mục nhỏ."], []),
])


def test_narrow_lines_two_notes_on_a_page_and_a_page_starting_mid_sentence():
    article = read_text(NARROW)
    paragraphs = [b for b in article.blocks if isinstance(b, Paragraph)]
    assert [p.text.split()[0] for p in paragraphs] == ["Quan", "Đoạn", "Nội"]
    assert "kéo dài sang trang sau mà không ngắt câu, năm 2023 có 3,5 tỷ USD" in paragraphs[1].text
    assert [i.label for i in paragraphs[0].inlines if isinstance(i, NoteRef)] == ["1", "2"]
    assert [i.text for i in paragraphs[1].inlines if isinstance(i, Citation)] == ["[4, tr.12]"]
    assert [(b.level, b.text) for b in article.blocks if isinstance(b, Heading)] == \
        [(2, "MỞ ĐẦU"), (3, "- Những nhân tố bên trong")]


@pytest.mark.parametrize("text", ["", "\n\n\n", " \n", "Một dòng duy nhất không có gì khác.\n",
                                  layout([(["Một trang không có chú thích1."], [])])])
def test_hostile_shapes_do_not_crash_and_lose_nothing(text):
    article = read_text(text)
    covered = {n for b in [*article.blocks, *article.footnotes] for n in b.lines.numbers()}
    covered |= {d.line for d in article.drops} | set(article.blank_lines)
    assert covered >= set(range(1, len(split_lines(text)) + 1))
    assert all(not isinstance(i, NoteRef) for b in article.blocks for i in b.inlines)  # no body: no marker


def test_citations_link_to_a_reference_list_and_check_warns_about_missing_numbers(tmp_path):
    from conftest import make_edition, meta_yaml, run_build

    text = layout([(["MỞ ĐẦU", "Theo nghiên cứu trước [1, tr.5] và một công trình khác [2].",
                     "Kết quả được nhắc lại ở đây [1]."], [])])
    references = "references:\n  - {id: 1, text: 'Tác giả A (2020). Sách thứ nhất.', url: 'https://example.org/a'}\n"
    root = make_edition(tmp_path / "ed", {"p.txt": text}, {"bai": meta_yaml("bai", "p.txt", kind="pdf") + references})
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    page = (root / "docs" / "articles" / "bai.md").read_text(encoding="utf-8")
    assert '<a class="citation" href="#ref-1" data-cites="1">\\[1, tr.5\\]</a>' in page
    assert '<span class="citation" data-cites="2">\\[2\\]</span>' in page  # not in the list: stays plain
    assert "{: #ref-1 .edition-reference }" in page
    result = run_build("check", "--root", str(root), "--docs-only")
    assert result.returncode == 1
    assert "sources/bai.yml: citations [2] have no entry in 'references:'" in result.stderr


def test_without_a_reference_list_check_only_informs(tmp_path):
    from conftest import make_edition, meta_yaml, run_build

    text = layout([(["MỞ ĐẦU", "Theo nghiên cứu trước [1, tr.5] và một công trình khác [2]."], [])])
    root = make_edition(tmp_path / "ed", {"p.txt": text}, {"bai": meta_yaml("bai", "p.txt", kind="pdf")})
    assert run_build("--root", str(root), "--docs-only").returncode == 0
    result = run_build("check", "--root", str(root), "--docs-only")
    assert result.returncode == 0, result.stderr
    assert "2 citation(s) stay plain: no reference list in sources/bai.yml" in result.stderr


def test_a_note_whose_marker_is_missing_is_kept_after_the_text_and_warned_about(tmp_path):
    """No dangling back-link (MkDocs --strict refuses one): the note is shown after the article, numbered."""
    from conftest import make_edition, meta_yaml, run_build

    text = layout([(["MỞ ĐẦU", "Câu có chú thích1. Câu mà dấu chú thích đã mất khi trích xuất."],
                    ["1 Chú thích có dấu.", "2 Chú thích không có dấu trong văn bản, nói về ASEAN."])])
    glossary = "terms:\n  - {term: ASEAN, expansion: Hiệp hội các quốc gia Đông Nam Á}\n"
    root = make_edition(tmp_path / "ed", {"p.txt": text}, {"bai": meta_yaml("bai", "p.txt", kind="pdf")},
                        glossary=glossary)
    result = run_build("--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "sources/p.txt:9: footnote 2: its marker was not found in the text" in result.stderr
    html = (root / "site" / "articles" / "bai" / "index.html").read_text(encoding="utf-8")
    assert 'href="#fnref:1"' in html and "fnref:2" not in html
    assert html.count('id="fn:2"') == 1 and 'class="edition-unplaced-note" id="fn:2"' in html
    unplaced = html.split("Chú thích chưa xác định được vị trí trong văn bản", 1)[1].split("Nguồn gốc văn bản")[0]
    assert "<sup>2</sup> Chú thích không có dấu trong văn bản, nói về" in unplaced
    glossary_page = (root / "site" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert 'href="../articles/bai/#fn:2"' in glossary_page  # the where-used link reaches the note
    assert "Chú thích có dấu." not in unplaced
