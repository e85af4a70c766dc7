"""Where the article starts and ends on a saved web page.

A saved page reads: site chrome (banner, log-in link, section label), the headline,
the article, then the site's lists of other articles. ``find_headline`` skips the
chrome; ``find_end`` finds the first line after the article: a cue that announces
a list ('Tin bài liên quan', 'Most viewed'), a signature after the body, a run of
teaser items, or a page that ends in a run of unpunctuated teaser headlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator

from . import web_text as shape
from .web_rules import Line, Page, before_headline_drop

HEADLINE_SEARCH_LINES = 40  # non-blank lines of chrome above a headline; deeper than this there is none
END_SIGNATURE_MIN_PARAGRAPHS = 2  # a signature ends the article only once some of its text was read
END_SIGNATURE_MAX_FOLLOWING = 1  # ...and at most this many sentences follow it ('Our Standards: ...')
TEASER_RUN_MIN = 3  # three teaser items in a row make a list, not a quoted example
TRAILING_TEASER_RUN_MIN = 3  # a page ending in this many unpunctuated headlines ends in a teaser list


@dataclass(frozen=True)
class HeadlineFound:
    line: int
    text: str
    banner: str | None = None  # a slogan glued before the headline on the same line


@dataclass(frozen=True)
class ArticleEnd:
    line: int  # the first line after the article
    cause: str  # what ended it, quoted in the drop reasons
    signature: int | None = None  # the line of a closing byline, when that ended it


def find_headline(page: Page, lines: list[Line], title: str | None = None) -> HeadlineFound | None:
    """The headline among ``lines`` (non-blank candidates in order), skipping site chrome.

    Preference: the line that holds the title the editor recorded; else the first
    candidate that the article visibly follows (lede, byline, date, image); else the
    first candidate at all. Each is the first of its kind: the search stops there.
    """
    wanted = fold_title(title) if title else None
    candidates = []
    for found in _headline_candidates(page, lines):
        if wanted and wanted in fold_title(found.text):
            return found
        candidates.append(found)
    followed = (c for c in candidates if not c.text.endswith(".") and _article_follows(page.at(c.line), page))
    return next(followed, candidates[0] if candidates else None)


def _headline_candidates(page: Page, lines: list[Line]) -> Iterator[HeadlineFound]:
    """The lines that may be the headline, in order: neither chrome above it nor prose below it."""
    for line in lines[:HEADLINE_SEARCH_LINES]:
        if before_headline_drop(line, page):
            continue
        glued = shape.split_glued_banner(line.text)
        found = HeadlineFound(line.number, glued[1], glued[0]) if glued else HeadlineFound(line.number, line.text)
        if len(found.text) > shape.HEADLINE_MAX_CHARS:
            return  # prose: the article has begun
        yield found


def fold_title(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


HEADLINE_FOLLOWERS = ("broken-image", "image-markup", "image-credit", "date-line", "reading-time")


def _article_follows(line: Line, page: Page) -> bool:
    """After a headline come its lede, byline, date or picture; after menu items, more menu items."""
    for following in page.after(line.number):
        if following.text == line.text:
            continue  # the headline printed twice
        dropped = page.widget_drop(following)
        if dropped:
            if dropped[0] in HEADLINE_FOLLOWERS:
                return True
            continue
        text = following.text
        if shape.is_name(text):  # an author's name, or a menu item: what comes next tells
            return _prose_follows(following, page)
        return shape.is_byline(text) or shape.is_paragraph_shaped(text) or len(text) > len(line.text)
    return True


def _prose_follows(line: Line, page: Page) -> bool:
    for following in page.after(line.number):
        dropped = page.widget_drop(following)
        if dropped:
            if dropped[0] in HEADLINE_FOLLOWERS:
                return True
            continue
        return shape.is_paragraph_shaped(following.text)
    return False


def _is_body_text(line: Line, page: Page) -> bool:
    return shape.is_paragraph_shaped(line.text) and page.widget_drop(line) is None


def _sentences_until_list(rest: list[Line], page: Page) -> int:
    count = 0
    for line in rest:
        if line.ends_article:
            break
        count += _is_body_text(line, page)
    return count


def _signature_ends(lines: list[Line], index: int, page: Page) -> bool:
    """``lines[index]`` is a byline ('By …', 'Bài, ảnh: …') or a bare name, and at most a credit sentence follows.

    An index rather than the lines after it: find_end asks this of every line, and
    only a signature needs the rest of the page copied.
    """
    text = lines[index].text
    if shape.is_byline(text):
        return _sentences_until_list(lines[index + 1:], page) <= END_SIGNATURE_MAX_FOLLOWING
    # a bare name could be a short subheading: only when no sentence follows at all
    return shape.is_name(text) and _sentences_until_list(lines[index + 1:], page) == 0


def _teaser_run(lines: list[Line]) -> bool:
    return len(lines) >= TEASER_RUN_MIN and all(shape.is_teaser_item(line.text) for line in lines[:TEASER_RUN_MIN])


def _duplicate_pair(line: Line, rest: list[Line]) -> bool:
    """'Headline / Headline / summary': teaser cards print the headline twice; repeated prose is not a list."""
    return (bool(rest) and rest[0].text == line.text and shape.is_teaser_headline(line.text)
            and not shape.has_photo_credit(line.text))


def find_end(page: Page, lines: list[Line]) -> ArticleEnd | None:
    """The end of the article among ``lines`` (non-blank body candidates in order)."""
    paragraphs = 0
    for index, line in enumerate(lines):
        following = lines[index + 1:index + 2]  # not lines[index + 1:]: a copy per line is quadratic
        if paragraphs and line.ends_article:
            return ArticleEnd(line.number, f"'{line.text}' on line {line.number}")
        if paragraphs >= END_SIGNATURE_MIN_PARAGRAPHS and _signature_ends(lines, index, page):
            if not following:
                return None
            return ArticleEnd(following[0].number, f"the signature '{line.text}' on line {line.number}",
                              line.number)
        if _teaser_run(lines[index:index + TEASER_RUN_MIN]) or paragraphs and _duplicate_pair(line, following):
            return ArticleEnd(line.number, f"the teaser list from line {line.number}")
        paragraphs += _is_body_text(line, page)
    return _trailing_teasers(page, lines)


def _trailing_teasers(page: Page, lines: list[Line]) -> ArticleEnd | None:
    """A page that ends in a run of unpunctuated headlines (no cue announced them)."""
    run: list[Line] = []
    for line in reversed(lines):
        if page.widget_drop(line) is not None:
            continue
        if not (shape.is_teaser_headline(line.text) or shape.is_teaser_item(line.text)):
            break
        run.append(line)
    if len(run) < TRAILING_TEASER_RUN_MIN or len(run) == len(lines):
        return None
    start = run[-1]
    return ArticleEnd(start.number, f"the run of teaser headlines from line {start.number}")


def pull_back_over_image_cards(page: Page, end: ArticleEnd) -> ArticleEnd:
    """Image cards ('![]() headline |') right before the list belong to it."""
    first = end.line
    for line in page.before(end.line):
        if not shape.IMAGE_CARD.match(line.text):
            break
        first = line.number
    if first == end.line:
        return end
    return ArticleEnd(first, end.cause, end.signature)
