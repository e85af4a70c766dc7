"""The web reader's fast paths give exactly what the plainer code they replaced gave."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.metadata import ReaderOverrides
from edition.readers import web_cues, web_rules, web_text as shape
from edition.readers.common import SPACES, collapse_spaces, tidy
from web_helpers import read_text

WHITE_SPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
SPACEY = st.text(alphabet=st.sampled_from(WHITE_SPACE + list("aĐđế.:(1)|-")), max_size=40)
# Long runs of plain spaces among printable text: collapse_spaces' str.replace loop.
SPACE_RUNS = st.lists(st.sampled_from([" ", "  ", "   " * 3, "a", "Đ", "ế", ".", "\u200c"]), max_size=40).map("".join)


def test_every_white_space_but_the_plain_space_is_unprintable():
    """What collapse_spaces' fast path relies on (it serves the readers and escape.py),
    checked over all of Unicode."""
    assert [c for c in WHITE_SPACE if c != " " and c.isprintable()] == []
    assert all(SPACES.fullmatch(c) or c == " " for c in WHITE_SPACE)


@settings(max_examples=500, derandomize=True)
@given(st.one_of(st.text(max_size=60), SPACEY, SPACE_RUNS))
def test_collapse_spaces_and_tidy_equal_the_plain_substitution(text):
    assert collapse_spaces(text) == SPACES.sub(" ", text)
    assert tidy(text) == SPACES.sub(" ", text).strip()


# --- web_text: the plain versions the predicates had before their shortcuts ------------

LINE_PIECES = st.sampled_from([
    "Ảnh", "ẢNH", "Photo", "Ảnh minh họa", "REUTERS/", "Nguyễn Văn", "TTXVN", "(TTXVN)", "[1/2]", ":", "：", "/",
    " ", "  ", "\t", "\u00a0", "|", "-", "và", ",", ".", "a", "É", "Minh", "HẢI NAM", "x" * 30, "ß", "ǅ", "Ⅻ", "ⅻ", "一"])
LINES = st.one_of(st.text(max_size=80), st.lists(LINE_PIECES, max_size=20).map("".join))


def has_photo_credit_plain(text):
    if len(text) > shape.CAPTION_MAX_CHARS:
        return False
    return any(p.search(text) for p in (shape.PHOTO_CREDIT_END, shape.AGENCY_CREDIT_END, shape.GALLERY_COUNTER))


def is_name_plain(text):
    bare = re.sub(r"\s*\([^)]{1,20}\)$", "", text).strip()
    parts = [p for p in shape.words(bare) if p not in shape.NAME_JOINERS]
    if not 2 <= len(parts) <= 2 * shape.NAME_MAX_WORDS or len(text) > shape.NAME_MAX_CHARS:
        return False
    if any(not all(c.isalpha() or c in "-.'’" for c in p) for p in parts):
        return False
    return all(p[0].isupper() for p in parts)


def is_all_caps_plain(text):
    found = shape.letters(text)
    return len(found) >= shape.ALL_CAPS_MIN_LETTERS and all(c.isupper() for c in found)


@settings(max_examples=800, derandomize=True)
@given(LINES, st.integers(min_value=0, max_value=30))
def test_web_text_shortcuts_equal_the_plain_predicates(text, limit):
    assert shape.words(text) == shape.WORD.findall(text)
    assert shape.word_count(text, limit) == min(len(shape.WORD.findall(text)), limit + 1)
    assert shape.has_photo_credit(text) == has_photo_credit_plain(text)
    assert shape.is_name(text) == is_name_plain(text)
    assert shape.is_all_caps(text) == is_all_caps_plain(text)
    assert shape.is_table_cell_end(text) == bool(shape.TABLE_CELL_END.search(text))


def test_words_split_at_the_same_white_space_as_str_split():
    text = "".join(WHITE_SPACE) + "a" + "".join(WHITE_SPACE) + "b\u200bc"
    assert shape.WORD.findall(text) == text.split() == shape.words(text) == ["a", "b\u200bc"]


# --- web_cues: match_cue as it was, every group tried phrase by phrase ------------------

def without_counter_plain(text):
    return web_cues.COUNTERS.sub("", text).strip()


def match_cue_plain(text):
    norm = web_cues.BULLETS.sub("", text.casefold()).strip()
    norm = web_cues.collapse_spaces(without_counter_plain(norm).replace("’", "'"))
    if not norm:
        return None
    for group in web_cues.GROUPS:
        if norm in group.exact:
            return web_cues.CueMatch(group, norm, whole_line=True)
        if group.label and len(text) <= web_cues.LABEL_MAX_CHARS:
            head = re.split(r"\s*[:：]\s*", norm, maxsplit=1)
            if len(head) == 2 and head[0] in group.exact:
                return web_cues.CueMatch(group, head[0], whole_line=False)
        if len(text) <= web_cues.CONTAINS_MAX_CHARS:
            for phrase in group.contains:
                if phrase in norm:
                    return web_cues.CueMatch(group, phrase, whole_line=False)
    return None


PHRASES = sorted({p for g in web_cues.GROUPS for p in g.exact | set(g.contains)})
CUE_PIECES = st.one_of(
    st.sampled_from(PHRASES), st.sampled_from(PHRASES).map(str.upper),
    st.sampled_from(["- ", "• ", ": ", "：", " (12)", " 3", "|", " ", "’", "x" * 40, "٣", "²", "Ⅻ"]))
CUE_LINES = st.one_of(st.text(max_size=60), st.lists(CUE_PIECES, max_size=8).map("".join))


@settings(max_examples=600, derandomize=True)
@given(CUE_LINES)
def test_match_cue_equals_trying_every_group_in_turn(text):
    assert web_cues._without_counter(text) == without_counter_plain(text)
    assert web_cues.match_cue(text) == match_cue_plain(text)


def test_every_phrase_alone_and_in_a_sentence_matches_as_before():
    for phrase in PHRASES:
        for text in (phrase, f"{phrase}: more", f"Some words {phrase} and more", phrase.upper() + " (3)"):
            assert web_cues.match_cue(text) == match_cue_plain(text), text


# --- web_rules: the page's neighbours and the one cue rule, against the plain versions -----

def per_group_rule(group):
    """The rule each cue group had before the groups became one rule."""
    def rule(line, page):
        found = line.cue
        return found.reason(line.text) if found and found.group is group else None
    return rule


def with_cue_groups_expanded(rules):
    expanded = []
    for name, rule in rules:
        if name is web_rules.CUE_GROUP:
            expanded += [(group.rule, per_group_rule(group)) for group in web_cues.GROUPS]
        else:
            expanded.append((name, rule))
    return expanded


def make_page(texts):
    return web_rules.Page(tuple(web_rules.Line(n, raw, tidy(raw)) for n, raw in enumerate(texts, start=1)))


PAGE_LINES = st.lists(st.one_of(st.just(""), st.sampled_from(PHRASES), CUE_LINES, LINES,
                                st.sampled_from(["![](x.jpg)", "![]() Headline |", "image.jpg", "10/6/2024 09:15",
                                                 "5 phút đọc", "Bài 2: Tiếp theo", "- Tóm tắt...", "TẠP CHÍ QUỐC PHÒNG",
                                                 "Thời sự", "Trang chủ > Thời sự"])), max_size=12)


@settings(max_examples=300, derandomize=True)
@given(PAGE_LINES)
def test_rule_lists_and_neighbours_equal_the_plain_versions(texts):
    page = make_page(texts)
    lines = page.lines
    for line in lines:
        number = line.number
        assert list(page.after(number)) == [x for x in lines[number:] if not x.blank]
        assert list(page.before(number)) == [x for x in reversed(lines[:number - 1]) if not x.blank]
        assert page.next_text(number) == next((x for x in lines[number:] if not x.blank), None)
        assert page.previous_text(number) == next((x for x in reversed(lines[:number - 1]) if not x.blank), None)
        for rules in (web_rules.WIDGET_RULES, web_rules.BEFORE_HEADLINE, web_rules.AFTER_END):
            assert web_rules.first_reason(rules, line, page) == \
                web_rules.first_reason(with_cue_groups_expanded(rules), line, page)
        widget = web_rules.first_reason(with_cue_groups_expanded(web_rules.WIDGET_RULES), line, page)
        assert page.widget_drop(line) == widget
        assert web_rules.before_headline_drop(line, page) == \
            web_rules.first_reason(with_cue_groups_expanded(web_rules.BEFORE_HEADLINE), line, page)


# --- web_cues: normalise with str methods, against its patterns ---------------------------

def test_the_strip_sets_are_the_classes_of_their_patterns():
    """lstrip(BULLET_CHARS) is BULLETS.sub, rstrip(SEPARATOR_CHARS) strips COUNTERS' separators:
    checked character by character over all of Unicode."""
    assert set(web_cues.WHITE_SPACE) == set(WHITE_SPACE)
    separator = re.compile(r"[\s:：|]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert (char in web_cues.BULLET_CHARS) == bool(web_cues.BULLETS.match(char)), ascii(char)
        assert (char in web_cues.SEPARATOR_CHARS) == bool(separator.match(char)), ascii(char)


def normalise_plain(text):
    norm = web_cues.BULLETS.sub("", text.casefold()).strip()
    return web_cues.collapse_spaces(without_counter_plain(norm).replace("’", "'"))


COUNTER_ENDS = st.lists(st.sampled_from(list("()0123456789") + ["٣", "²", "Ⅻ", "a", " ", ":", "：", "|", "\t", "-"]),
                        max_size=12).map("".join)


COUNTER_EDGES = ["", ")", "()", "12)", "(12)", "[12)", "a(12)", "(12", "12", "x (1) 2", "(٣)", "(²)", "²", "Ⅻ",
                 "Tags: (3) ", "share(0)|", "- Bình luận (12) :", "((1))", "(1)(2)"]


@settings(max_examples=800, derandomize=True)
@given(st.one_of(st.sampled_from(COUNTER_EDGES), CUE_LINES, COUNTER_ENDS,
                 st.tuples(CUE_LINES, COUNTER_ENDS).map("".join)))
def test_normalise_and_the_counter_search_equal_their_patterns(text):
    assert web_cues.normalise(text) == normalise_plain(text)
    found = web_cues.TRAILING_NUMBER.search(text)
    assert web_cues._counter_start(text) == (found.start() if found else len(text))
    assert web_cues._without_counter(text) == without_counter_plain(text)


# --- web: the texts the reader keeps are tidy already (assemble does not tidy them again) -----

def read_page(texts, **reader):
    return read_text("\n".join(texts), title=texts[0] if texts else None, overrides=ReaderOverrides(**reader))


def block_texts(article):
    return [inline.text for block in article.all_blocks() for inline in block.inlines if hasattr(inline, "text")]


GLUED_AND_CAPTIONS = st.sampled_from([
    "TẠP CHÍ QUỐC PHÒNG TOÀN DÂN  Tiêu đề\tbài báo", "![]()  Ảnh đẹp |  ", "Chú thích ảnh :  Lễ ký |",
    "Bộ trưởng phát biểu.\u00a0Ảnh: TTXVN  |", "  By  Jane\u2003Doe ", "Nguyễn  Văn An", "\t[Video]  Clip  ",
    "Lan  tỏa\u3000tiếng Việt", "Đoạn văn  dài kết thúc bằng dấu chấm. " * 4])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.one_of(GLUED_AND_CAPTIONS, PAGE_LINES.map(" \t ".join), LINES), max_size=14))
def test_every_text_the_web_reader_keeps_is_tidy(texts):
    article = read_page(texts)
    assert [text for text in block_texts(article) if tidy(text) != text] == []


def test_kept_texts_of_overridden_headline_and_lede_are_tidy():
    texts = ["  CHROME  ", "TẠP CHÍ QUỐC PHÒNG TOÀN DÂN  Tiêu  đề bài báo ", "Lede  text that is long enough "
             "to be a standfirst, with\u00a0a stop.", "Body  paragraph\tone ends here.", "Body two ends here."]
    article = read_page(texts, headline=2, lede=3)
    assert article.headline is not None and article.lede is not None
    assert [text for text in block_texts(article) if tidy(text) != text] == []


# --- web_text: the teaser item's first-character look -------------------------------------

TEASER_STARTS = ["-", "–", "—", "•", "·", "*", "![", "[", "[video]", "[Ảnh]", "!", "", "a", "‐"]
TEASER_LINES = st.one_of(LINES, st.tuples(st.sampled_from(TEASER_STARTS), st.sampled_from([" ", "", "](x.jpg)", "] "]),
                                          LINES, st.sampled_from(["", "...", "…"])).map("".join))


@settings(max_examples=800, derandomize=True)
@given(TEASER_LINES)
def test_teaser_item_equals_its_three_patterns(text):
    plain = bool(shape.DASH_TEASER.match(text) or shape.IMAGE_LINK.match(text) or shape.MEDIA_TEASER.match(text))
    assert shape.is_teaser_item(text) == plain
