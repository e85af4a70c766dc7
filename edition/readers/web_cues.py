"""Cue phrases of news sites, in Vietnamese and English, grouped by what they announce.

A line is a cue when, once normalised (lower case, bullets, trailing colons and
counters such as '(0)' removed), it *is* one of a group's ``exact`` phrases, starts
with one of them followed by a colon (``label`` groups: 'Xem thêm: <headline>',
'Tags: a, b'), or, for short lines, *contains* one of the ``contains`` phrases.

Groups are tried in order; the first match names the rule. ``ends_article`` groups
announce the lists that follow an article (related news, most read, latest): when
such a cue stands alone on a line after the body, the article is over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .common import collapse_spaces

CONTAINS_MAX_CHARS = 300  # prompts and notices run to two or three sentences; body paragraphs are longer
LABEL_MAX_CHARS = 160  # 'Xem thêm: <a headline>' is one headline long

BULLETS = re.compile(r"^[\s\-–—•·*>|]+")  # what normalise removes at the start
COUNTERS = re.compile(r"[\s:：|]*(?:\(\d+\)|\d+)?[\s:：|]*$")  # what normalise removes at the end
TRAILING_NUMBER = re.compile(r"(?:\(\d+\)|\d+)\Z")  # the counter _counter_start finds (tests check)
LABEL_SEPARATOR = re.compile(r"\s*[:：]\s*")  # 'Xem thêm: <headline>'

# Every character that is white space (str.isspace, the same as \s: tests check all of
# Unicode), for str.lstrip and str.rstrip, which stop at a character not in the set.
WHITE_SPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
               "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
BULLET_CHARS = WHITE_SPACE + "-–—•·*>|"  # the class of BULLETS
SEPARATOR_CHARS = WHITE_SPACE + ":：|"  # the class around the counter in COUNTERS


@dataclass(frozen=True)
class CueGroup:
    rule: str
    what: str  # the reason, completed with the line's text
    exact: frozenset[str] = frozenset()
    contains: tuple[str, ...] = ()
    label: bool = False  # 'phrase: more text' is also this cue
    ends_article: bool = False


@dataclass(frozen=True)
class CueMatch:
    group: CueGroup
    phrase: str
    whole_line: bool  # the line is the cue itself, not 'cue: more text'

    @property
    def rule(self) -> str:
        return self.group.rule

    def reason(self, text: str) -> str:
        return f"{self.group.what} ('{self.phrase}')"


def _set(*phrases: str) -> frozenset[str]:
    return frozenset(phrases)


GROUPS: tuple[CueGroup, ...] = (
    CueGroup("font-size-widget", "font-size widget",
             _set("a+", "a-", "a a a", "aa", "a+ a-", "a- a+"),
             ("cỡ chữ", "font size", "text size", "kích thước chữ", "cỡ phông")),
    CueGroup("comment-prompt", "comment prompt",
             _set("bình luận", "comments", "comment", "ý kiến", "ý kiến bạn đọc", "gửi bình luận",
                  "viết bình luận", "ý kiến của bạn", "bình luận, góp ý", "góp ý", "view comments",
                  "show comments", "hide comments", "comments closed"),
             ("đăng nhập để bình luận", "để lại bình luận", "gửi ý kiến", "viết bình luận",
              "be the first to comment", "comments are closed", "leave a comment", "join the conversation",
              "đăng nhập để gửi", "bình luận của bạn", "log in to comment", "sign in to comment")),
    CueGroup("share-widget", "share or reaction widget",
             _set("share", "chia sẻ", "reactions", "reaction", "like", "thích", "tweet", "facebook", "twitter",
                  "x", "zalo", "linkedin", "whatsapp", "email", "e-mail", "print", "in", "in bài",
                  "in bài viết", "copy link", "copy", "sao chép", "sao chép liên kết", "lưu", "lưu bài",
                  "save", "bookmark", "share this", "share this article", "share this story", "gửi bài",
                  "theo dõi", "follow", "follow us", "gift this article", "listen", "nghe", "nghe bài viết",
                  "listen to this article", "nghe đọc bài"),
             ("share on facebook", "share on twitter", "share on x", "share via", "chia sẻ lên",
              "chia sẻ qua", "theo dõi chúng tôi", "follow us on")),
    CueGroup("navigation", "site navigation link",
             _set("log in", "login", "sign in", "sign up", "register", "đăng nhập", "đăng ký", "đăng xuất",
                  "log out", "logout", "menu", "trang chủ", "home", "search", "tìm kiếm", "skip to content",
                  "skip to main content", "skip to navigation", "toggle navigation", "english", "tiếng việt",
                  "e-paper", "báo in", "liên hệ", "contact us", "about us", "subscribe", "account",
                  "my account", "tài khoản", "close", "đóng", "back to top", "lên đầu trang", "sections")),
    CueGroup("advertisement", "advertisement slot",
             _set("quảng cáo", "advertisement", "advertising", "ads", "ad", "sponsored", "tài trợ",
                  "nội dung tài trợ", "sponsored content", "promoted", "partner content"),
             ("scroll to continue with content", "continues below advertisement",
              "article continues below", "story continues below")),
    CueGroup("newsletter-prompt", "newsletter or subscription prompt",
             _set("newsletter", "newsletters", "bản tin"),
             ("sign up to our", "sign up for our", "subscribe to our", "newsletter promotion", "privacy notice:",
              "free newsletter", "daily newsletter", "weekly newsletter", "get our newsletter",
              "đăng ký nhận bản tin", "đăng ký nhận tin", "support our journalism")),
    CueGroup("copyright-notice", "the site's copyright notice",
             _set("copyright", "bản quyền"),
             ("all rights reserved", "©", "(c) copyright", "copyright ©", "bản quyền thuộc về", "giữ bản quyền",
              "ghi rõ nguồn khi phát hành lại", "không được sao chép", "may not be published, broadcast")),
    CueGroup("media-label", "label of an embedded video, podcast or graphic that is not preserved",
             _set("video", "clip", "podcast", "infographic", "infographics", "emagazine", "e-magazine", "xem trên",
                  "watch", "watch on youtube", "xem video", "play video", "phát video", "audio", "nghe podcast",
                  "gallery", "photos", "ảnh", "chùm ảnh", "photo gallery")),
    CueGroup("cue-phrase", "cue announcing a list of other articles",
             _set("tin liên quan", "tin bài liên quan", "bài liên quan", "bài viết liên quan", "tin cùng chuyên mục",
                  "cùng chuyên mục", "tin khác", "các tin khác", "tin mới", "tin mới nhất", "mới nhất",
                  "tin nổi bật", "nổi bật", "đọc nhiều", "đọc nhiều nhất", "xem nhiều", "xem nhiều nhất",
                  "quan tâm nhất", "được quan tâm nhất", "tin được quan tâm", "tin hot", "tin nóng",
                  "tin đọc nhiều", "tin xem nhiều", "đọc tiếp", "đọc thêm", "xem thêm", "xem tiếp",
                  "có thể bạn quan tâm", "bạn có thể quan tâm", "có thể bạn chưa đọc", "tin video", "multimedia",
                  "related", "related news", "related articles", "related stories", "related content",
                  "related topics", "more on this story", "more stories", "more news", "more from", "read more",
                  "read next", "see also", "most read", "most viewed", "most popular", "popular", "trending",
                  "trending now", "latest", "latest news", "latest stories", "top stories", "recommended",
                  "recommended for you", "you may also like", "you might also like", "don't miss",
                  "editor's picks", "editors' picks", "explore more on these topics", "tags", "tag", "từ khóa",
                  "từ khoá", "chủ đề", "topics", "keywords", "sự kiện", "dòng sự kiện"),
             label=True, ends_article=True),
)


def normalise(text: str) -> str:
    # lstrip(BULLET_CHARS) is BULLETS.sub("", ...) without a pattern call per line
    text = text.casefold().lstrip(BULLET_CHARS).strip()
    return collapse_spaces(_without_counter(text).replace("’", "'"))


def _without_counter(text: str) -> str:
    """``text`` without a trailing counter ('(12)', '12') and the separators around it.

    The same as COUNTERS.sub("", text).strip(), without trying the pattern at every
    position of long lines (every line of a page is normalised): the separators are
    stripped with str.rstrip, and the counter is looked for from the end.
    """
    text = text.rstrip(SEPARATOR_CHARS)
    start = _counter_start(text)
    if start < len(text):
        text = text[:start].rstrip(SEPARATOR_CHARS)
    return text.strip()


def _counter_start(text: str) -> int:
    """Where TRAILING_NUMBER matches ``text`` ('(12)' or '12' at its very end); ``len(text)`` if nowhere.

    Only the run of digits (\\d is str.isdecimal: tests check all of Unicode) ending the
    text, or ending it before a ')' that a '(' opens, is read.
    """
    end = len(text) - 1 if text.endswith(")") else len(text)
    start = end
    while start and text[start - 1].isdecimal():
        start -= 1
    if start == end:
        return len(text)  # no digits
    if end == len(text):
        return start  # '12'
    return start - 1 if text[start - 1:start] == "(" else len(text)  # '(12)'


def _phrase_trie(phrases: Iterable[str]) -> str:
    """A regex that matches where any of ``phrases`` starts, alternatives sharing their prefixes.

    With one alternative per phrase the regex engine tries every phrase at every
    position of the line; grouped by first letter ('sign up to our|sign up for our'
    as 's(?:ign up (?:to|for) our)'), it tries each letter once. A phrase that another
    one extends ends its branch: for 'is any phrase in the line' the shorter one is enough.
    """
    by_first: dict[str, list[str]] = {}
    for phrase in phrases:
        if not phrase:
            return ""
        by_first.setdefault(phrase[0], []).append(phrase[1:])
    branches = [re.escape(first) + _phrase_trie(rests) for first, rests in by_first.items()]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


ALL_EXACT = frozenset().union(*(group.exact for group in GROUPS))
ANY_CONTAINED = re.compile(_phrase_trie(phrase for group in GROUPS for phrase in group.contains))


def match_cue(text: str) -> CueMatch | None:
    """The first cue group this line belongs to, or None.

    Whether the line can be a label ('phrase: more text') or holds any ``contains``
    phrase is asked once, for all groups: most lines are no cue, and trying each
    group's phrases one by one costs several times more than one set look-up and one
    regex (ANY_CONTAINED finds a phrase if and only if some group's loop would).
    """
    norm = normalise(text)
    if not norm:
        return None
    labelled = len(text) <= LABEL_MAX_CHARS and (":" in norm or "：" in norm)  # else LABEL_SEPARATOR cannot split
    contains = len(text) <= CONTAINS_MAX_CHARS and ANY_CONTAINED.search(norm) is not None
    if not (labelled or contains or norm in ALL_EXACT):
        return None
    for group in GROUPS:
        if norm in group.exact:
            return CueMatch(group, norm, whole_line=True)
        if group.label and labelled:
            head = LABEL_SEPARATOR.split(norm, maxsplit=1)
            if len(head) == 2 and head[0] in group.exact:
                return CueMatch(group, head[0], whole_line=False)
        if contains:
            for phrase in group.contains:
                if phrase in norm:
                    return CueMatch(group, phrase, whole_line=False)
    return None


def ends_article(text: str) -> CueMatch | None:
    """A cue standing alone on its line that announces the lists after an article."""
    return end_cue(match_cue(text))


def end_cue(found: CueMatch | None) -> CueMatch | None:
    """``found`` if it is a whole-line cue of a group that ends the article, else None."""
    return found if found and found.whole_line and found.group.ends_article else None
