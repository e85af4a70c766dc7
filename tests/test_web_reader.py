"""The web reader on the four real web seeds: expectations written by reading each source.

Line numbers are those of ``cat -n sources/<file>``. Every boilerplate line is
checked by number and by the rule that must drop it.
"""

from __future__ import annotations

import pytest

from edition.pages import compact_ranges, render_report
from web_helpers import (assert_every_line_accounted_for, captions, drop_rules, headings, paragraphs,
                         read_seed)

S001 = "nang-cao-hieu-qua-doi-ngoai-quoc-phong-quan-khu-4"
S002 = "hop-tac-quoc-phong-viet-nam-lao-thuc-chat-hieu-qua"
S003 = "defense-key-pillar-vietnam-laos-relations"
S004 = "doi-ngoai-quoc-phong-giao-luu-bien-gioi-viet-nam-campuchia"


def rules(**ranges: str) -> dict[int, str]:
    """rules(r5="broken-image", r44_90="teaser-list") -> {5: ..., 44: ..., ..., 90: ...}."""
    out = {}
    for key, rule in ranges.items():
        first, _, last = key[1:].partition("_")
        for number in range(int(first), int(last or first) + 1):
            out[number] = rule
    return out


SEEDS = {
    S001: dict(
        headline="Bài 3: Nâng cao hiệu quả công tác đối ngoại quốc phòng",
        byline="Bài, ảnh: CẢNH VINH",
        lede_start="Mặc dù gặp nhiều khó khăn, thách thức, công tác đối ngoại quốc phòng của Quân khu 4",
        headings=["Gian nan giữa miền biên viễn",
                  "Chủ động giữ vững “phên giậu” hòa bình nơi biên cương",
                  "Đồng bộ giải pháp, nâng cao chất lượng đối ngoại quốc phòng"],
        paragraphs=10,
        first_start="Công tác đối ngoại quốc phòng của lực lượng vũ trang Quân khu 4 thời gian qua",
        last_end="nâng cao chất lượng công tác đối ngoại.",
        captions=[],
        drops=rules(r5="broken-image", r10="broken-image", r16="blank", r20="series-link",
                    r21_22="comment-prompt"),
    ),
    S002: dict(
        headline="Đưa quan hệ hợp tác quốc phòng Việt Nam - Lào ngày càng thực chất, hiệu quả",
        byline=None,
        lede_start=None,
        headings=[],
        paragraphs=6,
        first_start="Tại buổi tiếp, Trung tướng Sải-chay Côm-mạ-sít thông báo",
        last_end="giữa hai Văn phòng Bộ Quốc phòng nói riêng.",
        captions=["Thượng tướng Lê Huy Vịnh tiếp Chánh Văn phòng Bộ Quốc phòng Lào Saichay Kommasith."],
        drops=rules(r2="broken-image", r8="broken-image", r9="repeated-caption", r12_13="image-card",
                    r14="cue-phrase", r15="blank", r16="teaser-list", r21="cue-phrase", r32="cue-phrase", r33="media-label",
                    r34="teaser-list", r42_43="teaser-list", r46_49="teaser-list", r54_62="teaser-list"),
    ),
    S003: dict(
        headline="Defense remains key pillar in Vietnam-Laos relations",
        byline=None,
        lede_start="The countries will support each other in protecting their sovereignty",
        headings=[],
        paragraphs=13,
        first_start="Vietnam and Laos foster all-around cooperation in defense ties",
        last_end="bilateral defense collaboration and regional security.",
        captions=["Vietnam's Prime Minister Pham Minh Chinh (R) and Lieutenant General Khamliang Outhakaysone, "
                  "Deputy Defence Minister and Chief of the General Staff of the Lao People’s Army. Photo: VGP",
                  "Lieutenant General Nguyen Tan Cuong, Deputy Defence Minister and Chief of the General Staff of "
                  "the Vietnam People’s Army (L) and Lieutenant General Khamliang Outhakaysone, Deputy Defence "
                  "Minister and Chief of the General Staff of the Lao People’s Army in Hanoi on June 2. Photo: QDND"],
        drops=rules(r1="site-banner", r2="navigation", r3="section-label", r4="blank", r39_40="share-widget",
                    r41_43="cue-phrase", r44="teaser-list", r46="teaser-list", r48="after-end-of-article",
                    r88="teaser-list", r90="after-end-of-article"),
    ),
    S004: dict(
        headline="Đối ngoại Quốc phòng nhìn từ Giao lưu hữu nghị Quốc phòng biên giới Việt Nam - Campuchia lần thứ 2",
        byline=None,
        lede_start="Giao lưu Hữu nghị Quốc phòng Biên giới Việt Nam - Campuchia lần thứ 2, diễn ra trong hai ngày 13-14/11",
        headings=["Khi nghi lễ đi cùng hành động", "Đối ngoại quốc phòng vì nhân dân",
                  "Ảnh hưởng khu vực và vị trí chiến lược của hợp tác song phương"],
        paragraphs=21,
        first_start="Sự kiện có sự tham gia của lãnh đạo quốc phòng cấp cao",
        last_end="không chỉ là tuyên bố mà trở thành hiện thực lâu dài.",
        captions=[],
        drops=rules(r1="site-banner", r27="cue-phrase", r28_33="teaser-list", r34="cue-phrase",
                    r35_42="teaser-list", r43="font-size-widget", r44_58="blank"),
    ),
}

# Lines after the end of each article: all dropped, whatever the rule.
TAILS = {S001: range(20, 23), S002: range(12, 63), S003: range(39, 91), S004: range(27, 59)}


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request):
    article, raw = read_seed(request.param)
    return request.param, article, raw


def test_seed_headline(seed):
    slug, article, _ = seed
    assert article.headline is not None and article.headline.level == 1
    assert article.headline.text == SEEDS[slug]["headline"]


def test_seed_byline(seed):
    slug, article, _ = seed
    expected = SEEDS[slug]["byline"]
    assert (article.byline.text if article.byline else None) == expected


def test_seed_lede(seed):
    slug, article, _ = seed
    start = SEEDS[slug]["lede_start"]
    if start is None:
        assert article.lede is None
    else:
        assert article.lede is not None and article.lede.text.startswith(start)


def test_seed_body_paragraphs_first_last_and_count(seed):
    slug, article, _ = seed
    expected = SEEDS[slug]
    body = paragraphs(article)
    assert len(body) == expected["paragraphs"]
    assert body[0].startswith(expected["first_start"])
    assert body[-1].endswith(expected["last_end"])


def test_seed_body_keeps_source_order(seed):
    _, article, _ = seed
    firsts = [b.lines.first for b in article.blocks]
    assert firsts == sorted(firsts)


def test_seed_subheadings_are_level_two(seed):
    slug, article, _ = seed
    assert headings(article) == SEEDS[slug]["headings"]
    assert all(b.level == 2 for b in article.blocks if b.__class__.__name__ == "Heading")


def test_seed_captions(seed):
    slug, article, _ = seed
    assert captions(article) == SEEDS[slug]["captions"]


def test_seed_boilerplate_lines_dropped_by_their_rule(seed):
    slug, article, _ = seed
    found = drop_rules(article)
    for number, rule in SEEDS[slug]["drops"].items():
        assert found.get(number) == rule, f"line {number}: expected {rule}, got {found.get(number)}"


def test_seed_everything_after_the_article_is_dropped(seed):
    slug, article, _ = seed
    kept = {n for b in article.all_blocks() for n in b.lines.numbers()}
    assert kept.isdisjoint(TAILS[slug])
    assert set(TAILS[slug]) <= set(drop_rules(article))


def test_seed_every_line_accounted_for(seed):
    _, article, raw = seed
    assert_every_line_accounted_for(article, raw.lines)


def test_seed_no_kept_block_holds_boilerplate(seed):
    slug, article, raw = seed
    kept_text = "\n".join(b.text for b in article.all_blocks())
    for number in SEEDS[slug]["drops"]:
        line = raw.line(number).strip()
        if len(line.split()) >= 3 and SEEDS[slug]["drops"][number] != "repeated-caption":
            assert line not in kept_text, f"line {number} is on the page"


def test_004_slogan_glued_to_headline_is_split_off():
    article, _ = read_seed(S004)
    slogan = [d for d in article.drops if d.line == 1]
    assert [d.text for d in slogan] == ["CƠ QUAN CỦA TRUNG ƯƠNG HỘI - TIẾNG NÓI CỦA CỰU CHIẾN BINH VIỆT NAM"]
    assert article.headline.lines.first == 1


def test_002_caption_loses_its_table_pipe_and_repeat_names_the_first():
    article, _ = read_seed(S002)
    repeat = next(d for d in article.drops if d.line == 9)
    assert "line 3" in repeat.reason
    assert not any(c.endswith("|") for c in captions(article))


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_seed_read_the_same_without_a_recorded_title(slug):
    with_title, _ = read_seed(slug)
    without_title, _ = read_seed(slug, title=None)
    assert without_title == with_title.with_(meta=without_title.meta)


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_seed_needs_no_reader_overrides(slug):
    article, _ = read_seed(slug)
    assert article.meta.reader == type(article.meta.reader)()
    assert not [d for d in article.drops if d.rule == "override"]


# --- the drop report -------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_drop_report_lists_each_dropped_line_with_number_and_rule(slug):
    article, raw = read_seed(slug)
    report = render_report(article)
    for drop in article.drops:
        row_start = f"| {drop.line} | `{drop.rule}` |"
        assert any(row.startswith(row_start) for row in report.splitlines()), f"no row for line {drop.line}"
    for rule in {d.rule for d in article.drops}:
        assert f"| `{rule}` |" in report


@pytest.mark.parametrize("slug", sorted(SEEDS))
def test_drop_report_counts_the_source_blank_lines_and_names_them_as_ranges(slug):
    article, raw = read_seed(slug)
    report = render_report(article)
    blank = [n for n, line in enumerate(raw.lines, start=1) if not line.strip()]  # from the source, not the reader
    assert f"| `blank` | {len(blank)} |" in report
    assert f"Dòng trống (không mang nội dung): {compact_ranges(blank)}.\n" in report
    assert f"Mục bị bỏ: {len(article.drops) + len(blank)}.\n" in report


def test_drop_report_names_blank_lines_as_ranges():
    article, _ = read_seed(S004)
    assert "44–58" in render_report(article)


# --- pinned figures: a rule change that moves any seed's counts must update these on purpose ---

FIGURES = {
    S001: (16, {"blank": 1, "broken-image": 2, "comment-prompt": 2, "series-link": 1}),
    S002: (8, {"blank": 14, "broken-image": 2, "cue-phrase": 3, "image-card": 2, "media-label": 1,
               "repeated-caption": 1, "teaser-list": 31}),
    S003: (17, {"after-end-of-article": 8, "blank": 41, "cue-phrase": 3, "navigation": 1, "section-label": 1,
                "share-widget": 2, "site-banner": 1, "teaser-list": 16}),
    S004: (26, {"blank": 15, "cue-phrase": 2, "font-size-widget": 1, "site-banner": 1, "teaser-list": 14}),
}


@pytest.mark.parametrize("slug", sorted(FIGURES))
def test_seed_pinned_figures_lines_kept_and_dropped_per_rule(slug):
    article, _ = read_seed(slug)
    kept = len({n for block in article.all_blocks() for n in block.lines.numbers()})
    by_rule: dict[str, int] = {}
    for drop in article.drops:
        by_rule[drop.rule] = by_rule.get(drop.rule, 0) + 1
    if article.blank_lines:
        by_rule["blank"] = len(article.blank_lines)
    assert (kept, by_rule) == FIGURES[slug]
