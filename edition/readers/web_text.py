"""Line statistics and shapes for the web reader: what a line looks like, not what it is.

Every threshold is a named constant with the reason for its value. The rules in
``web_rules`` combine these predicates; nothing here knows about a particular site.
"""

from __future__ import annotations

import re

# --- thresholds -------------------------------------------------------------------

HEADLINE_MAX_CHARS = 220  # longer first lines are paragraphs: headlines run to two lines at most
SECTION_LABEL_MAX_WORDS = 3  # "Vietnam", "Thời sự", "World news": labels, not headlines (4+ words)
SUBHEADING_MAX_CHARS = 150  # a subheading fits on one line of a desktop column
SUBHEADING_MAX_WORDS = 25  # beyond this an unpunctuated line is a paragraph missing its full stop
QUESTION_HEADING_MAX_CHARS = 100  # "Why does it matter?" may head a section; longer questions are prose
BYLINE_MAX_CHARS = 90  # "By Jane Doe and John Roe, Southeast Asia correspondents" fits; prose does not
NAME_MAX_WORDS = 5  # Vietnamese names have 2-4 syllables; "NGUYỄN THỊ THU HÀ" has 4
NAME_MAX_CHARS = 45  # a name line, optionally with the agency in brackets
ALL_CAPS_MIN_LETTERS = 6  # "ASEAN" alone is an acronym, not a banner
GLUED_BANNER_MIN_WORDS = 5  # an all-caps run this long before a headline is the site's slogan
CAPTION_MAX_CHARS = 400  # a caption is a sentence or two; longer text ending in a credit is prose
CAPTION_AFTER_IMAGE_MAX_CHARS = 160  # short line right after an image: a caption without a credit
DATE_LINE_MAX_CHARS = 70  # "Thứ Hai, 23/11/2026, 08:15 (GMT+7)"; longer lines with a date are prose
DATE_LINE_MAX_OTHER_WORDS = 4  # words left once dates, times and weekdays are removed
TEASER_MAX_CHARS = 160  # a teaser headline; summaries in teaser lists are longer and end in a stop

# --- patterns ----------------------------------------------------------------------

CLOSERS = "\"'”’»)]*"
SENTENCE_END = (".", "!", "?", "…")
ANY_PUNCTUATION_END = (".", ",", ";", ":", "!", "?", "…")
WORD = re.compile(r"\S+")

BROKEN_IMAGE = re.compile(
    r"""^(?:
        [\w\-./%]{0,80}\.(?:png|jpe?g|gif|webp|svg|avif|bmp)(?:\?\S*)?\)?\s*\|?   # '.png)', 'abc.jpg)'
      | !\[\]\(\s*\)\s*\|?                                                     # '![]()', '![]() |'
      | \|\s*                                                                  # a lone table pipe
      | !\[[^\]]*\]\s*\|?                                                       # '![alt]' without target
      | </?(?:img|figure|figcaption|picture|source|iframe|video|audio|br|hr|div|span)\b[^<>]*>  # a lone tag
    )$""", re.IGNORECASE | re.VERBOSE)
# alt text may hold one level of brackets ('![[Video] ...](...)'); disjoint classes keep matching linear
IMAGE_LINK = re.compile(r"^!\[(?P<alt>[^\[\]]*(?:\[[^\[\]]*\][^\[\]]*)*)\]\((?P<url>[^()\s]*)(?:\s[^()]*)?\)\s*\|?$")
IMAGE_CARD = re.compile(r"^!\[\]\(\s*\)\s*(?P<text>\S.*?)\s*\|?$")
MEDIA_TEASER = re.compile(r"^\[(?:video|clip|infographics?|photos?|ảnh|e-?magazine|podcast|longform|"
                          r"gallery|live|trực tiếp)\]", re.IGNORECASE)
DASH_TEASER = re.compile(r"^[-–—•·*]\s+\S.*(?:\.\.\.|…)$")
SERIES_LINK = re.compile(r"^(?:bài|kỳ|phần|part|chapter)\s+\d+\s*[:.–-]\s*\S", re.IGNORECASE)
TABLE_CELL_END = re.compile(r"^[^|].*\s\|$")  # 'Caption text |': the cell under an image, not a table row
CAPTION_LABEL = re.compile(r"^(?:image caption|caption|chú thích ảnh|chú thích)\s*[,:：]\s*", re.IGNORECASE)
IMAGE_CREDIT_LINE = re.compile(r"^(?:image source|image credit|photo credit|nguồn ảnh|getty images)\b[,:\s]",
                               re.IGNORECASE)
PHOTO_CREDIT_END = re.compile(
    r"(?:(?:^|[\s.(\-–—|])(?:Ảnh|ẢNH|Photo|PHOTO|Photos|Photograph|Image|Picture|Credit|Nguồn ảnh)"
    r"\s*[:：]\s*[^():.!?]{1,70}|Ảnh minh h[ọo]a)\)?\s*\|?$")
AGENCY_CREDIT_END = re.compile(r"\b(?:REUTERS|AFP|AP|EPA|EPA-EFE|TTXVN|VNA|XINHUA|GETTY IMAGES)/[^/]{2,40}"
                               r"(?:/(?:Pool|File|Handout|Photo))?\s*\|?$")
GALLERY_COUNTER = re.compile(r"^\[?\d{1,2}\s*/\s*\d{1,2}\]\s+\S")  # '[1/2] Soldiers on patrol...'
BYLINE_SHORT = re.compile(r"^(?:PV|P\.V|Nhóm PV|NHÓM PV|CTV|Nhóm CTV)\.?$")  # reporter / contributor
BYLINE_AGENCY = re.compile(r"^\((?:Theo\s+)?[A-ZĐ][^()]{1,38}\)$")  # '(TTXVN/Vietnam+)', '(Theo Reuters)'
BYLINE_VI = re.compile(
    r"^(?:bài|tin|bài và ảnh|tin và ảnh|bài, ảnh|tin, ảnh|bài/ảnh|tin/ảnh|bài & ảnh|bài - ảnh|"
    r"nhóm phóng viên|nhóm pv|phóng viên|tác giả|thực hiện|nhóm thực hiện|ghi chép)\s*[:：]\s*\S",
    re.IGNORECASE)
BYLINE_EN = re.compile(r"^(?:By|BY|Written by|Reporting by|Reported by|Story by|Words by|Text by)\s+[A-Z\u00C0-\u1EF9]")
BYLINE_SOURCE = re.compile(r"^\(?(?:Theo|Nguồn|Source|Via)\s*:?\s+[A-Z\u00C0-\u1EF9]", re.UNICODE)
BYLINE_NAME_IN_PLACE = re.compile(r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3}\s+(?:in|at)\s+[A-Z]\w+")
DATE = re.compile(
    r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 23/11/2026, 2.6.2022
    r"|\b\d{4}-\d{2}-\d{2}\b"  # ISO
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}\b"
    r"|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{4}\b"
    r"|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}", re.IGNORECASE)
DATE_NOISE = re.compile(
    r"\d+|[/:.,()+\-–|]|\b(?:gmt|utc|bst|ict|am|pm|thứ|hai|ba|tư|năm|sáu|bảy|chủ|nhật|ngày|tháng|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|"
    r"published|updated|cập nhật|đăng|lúc|on|at|last)\b", re.IGNORECASE)
READING_TIME = re.compile(r"^(?:\d+\s*(?:min|mins|minutes?|phút)(?:\s*(?:read|đọc))?|"
                          r"(?:đọc trong|thời gian đọc|reading time)\s*:?\s*\d+\s*(?:phút|min\w*)?)$",
                          re.IGNORECASE)
BREADCRUMB = re.compile(r"\S\s+(?:>|›|»|/|\|)\s+\S")


# --- predicates ---------------------------------------------------------------------


def words(text: str) -> list[str]:
    """``WORD.findall(text)``: str.split() cuts at the same white space (tests check it), without the regex engine."""
    return text.split()


def word_count(text: str, limit: int) -> int:
    """``len(words(text))``, but counting stops past ``limit`` (the result is at most ``limit`` + 1).

    Callers compare the count with a small limit; splitting a whole paragraph into
    its words to find it has more than three costs more than the rest of their checks.
    str.split() cuts at the same white space as WORD (tests check it).
    """
    return len(text.split(None, limit))


def core(text: str) -> str:
    """The text without closing quotes and brackets at the end."""
    return text.rstrip(CLOSERS + " ")


def ends_sentence(text: str) -> bool:
    return core(text).endswith(SENTENCE_END)


def ends_with_punctuation(text: str) -> bool:
    return core(text).endswith(ANY_PUNCTUATION_END)


def letters(text: str) -> list[str]:
    return [c for c in text if c.isalpha()]


def is_caps_word(word: str) -> bool:
    found = letters(word)
    return bool(found) and all(c.isupper() for c in found)


def is_all_caps(text: str) -> bool:
    """At least ALL_CAPS_MIN_LETTERS letters, all upper case; stops at the first that is not."""
    count = 0
    for char in text:
        if char.isalpha():
            if not char.isupper():
                return False
            count += 1
    return count >= ALL_CAPS_MIN_LETTERS


def starts_like_a_title(text: str) -> bool:
    first = text.lstrip("\"'“‘«([")[:1]
    return first.isupper() or first.isdigit()


def split_glued_banner(text: str) -> tuple[str, str] | None:
    """'SITE SLOGAN IN CAPITALS Headline text' -> (slogan, headline), or None."""
    parts = words(text)
    count = 0
    while count < len(parts) and (is_caps_word(parts[count]) or not letters(parts[count])):
        count += 1
    caps_words = sum(1 for w in parts[:count] if letters(w))
    rest = parts[count:]
    if caps_words < GLUED_BANNER_MIN_WORDS or len(rest) < 2 or not starts_like_a_title(rest[0]):
        return None
    cut = text.index(rest[0], len(" ".join(parts[:count])))
    return text[:cut].strip(), text[cut:].strip()


def is_section_label(text: str) -> bool:
    return (word_count(text, SECTION_LABEL_MAX_WORDS) <= SECTION_LABEL_MAX_WORDS
            and not ends_with_punctuation(text) and starts_like_a_title(text))


def is_breadcrumb(text: str) -> bool:
    segments = re.split(r"\s+(?:>|›|»|/|\|)\s+", text)
    return (len(segments) >= 2 and BREADCRUMB.search(text) is not None
            and all(0 < len(words(s)) <= SECTION_LABEL_MAX_WORDS for s in segments))


NAME_AGENCY = re.compile(r"\s*\([^)]{1,20}\)$")  # ' (TTXVN)' after a name
NAME_JOINERS = {"-", "–", "&", "và", "and", ","}  # 'Thu Hà - Minh Long', 'Jane Doe and John Roe'


def is_name(text: str) -> bool:
    """'CẢNH VINH', 'Minh Anh', 'HẢI NAM (TTXVN)', 'Thu Hà - Minh Long': a signature line."""
    if len(text) > NAME_MAX_CHARS:
        return False  # checked first: most lines are longer, and the rest costs a regex and a split
    bare = NAME_AGENCY.sub("", text).strip()
    parts = [p for p in words(bare) if p not in NAME_JOINERS]
    if not 2 <= len(parts) <= 2 * NAME_MAX_WORDS:
        return False
    if any(not all(c.isalpha() or c in "-.'’" for c in p) for p in parts):
        return False
    return all(p[0].isupper() for p in parts)


def is_byline(text: str) -> bool:
    if len(text) > BYLINE_MAX_CHARS or ends_sentence(text):
        return False
    return any(p.match(text) for p in (BYLINE_VI, BYLINE_EN, BYLINE_SOURCE, BYLINE_NAME_IN_PLACE, BYLINE_AGENCY,
                                        BYLINE_SHORT))


def is_date_line(text: str) -> bool:
    if len(text) > DATE_LINE_MAX_CHARS or not DATE.search(text):
        return False
    return len(words(DATE_NOISE.sub(" ", text))) <= DATE_LINE_MAX_OTHER_WORDS


def is_heading_shaped(text: str) -> bool:
    if len(text) > SUBHEADING_MAX_CHARS or word_count(text, SUBHEADING_MAX_WORDS) > SUBHEADING_MAX_WORDS:
        return False
    if not starts_like_a_title(text):
        return False
    if core(text).endswith(("?", "!")):
        return len(text) <= QUESTION_HEADING_MAX_CHARS
    return not ends_with_punctuation(text)


def is_paragraph_shaped(text: str) -> bool:
    return ends_sentence(text) or len(text) > SUBHEADING_MAX_CHARS


def is_teaser_headline(text: str) -> bool:
    return len(text) <= TEASER_MAX_CHARS and not ends_with_punctuation(text) and word_count(text, 1) >= 2


TEASER_ITEM_STARTS = ("-", "–", "—", "•", "·", "*", "![", "[")  # DASH_TEASER, IMAGE_LINK, MEDIA_TEASER start so


def is_teaser_item(text: str) -> bool:
    """Items only teaser lists are made of: '- Truncated summary...', image links, '[Video] ...'.

    Most lines start with none of TEASER_ITEM_STARTS: one startswith() answers for them,
    where the three patterns cost three calls (tests check it gives the same).
    """
    return text.startswith(TEASER_ITEM_STARTS) and bool(
        DASH_TEASER.match(text) or IMAGE_LINK.match(text) or MEDIA_TEASER.match(text))


def is_table_cell_end(text: str) -> bool:
    """'Caption text |'; the pipe is looked for first, as TABLE_CELL_END reads the whole line to its end."""
    return "|" in text and TABLE_CELL_END.search(text) is not None


def caption_text(text: str) -> str:
    """Caption text without table-cell pipes and 'Image caption,' labels.

    Only a pipe after white space is a cell's edge ('Caption text |'); one glued to the
    text ('[|') is the text's own, and dropping it lost a character without a word.
    """
    text = re.sub(r"\s+\|$", "", text).strip()
    return CAPTION_LABEL.sub("", text).strip()


def has_credit_mark(text: str) -> bool:
    """What every credit pattern needs: the colon of 'Ảnh: …', the slash of 'REUTERS/…' and
    '[1/2]', or 'Ảnh minh họa'. Looking for them is cheaper than trying the patterns (and
    four ``in`` tests cost a quarter of any() over a tuple of the marks)."""
    return ":" in text or "：" in text or "/" in text or "Ảnh minh h" in text


def has_photo_credit(text: str) -> bool:
    if len(text) > CAPTION_MAX_CHARS or not has_credit_mark(text):
        return False
    return any(p.search(text) for p in (PHOTO_CREDIT_END, AGENCY_CREDIT_END, GALLERY_COUNTER))
