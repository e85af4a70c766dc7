"""Reader for web pages saved as plain text: the article, without the site around it.

Steps, each a small function over the page's lines:

1. blank lines and the editor's overrides (sources/<slug>.yml ``reader:``) first;
2. the headline, below the site chrome (``web_zones.find_headline``);
3. the end of the article (``web_zones.find_end``): lines after it are dropped by
   ``web_rules.AFTER_END`` or as ``after-end-of-article``;
4. body lines: widgets dropped (``web_rules.WIDGET_RULES``), then byline, captions
   (``CAPTION_SIGNS``), subheadings and paragraphs; the lede is the first paragraph
   when nothing but chrome stands between it and the headline.

Every line ends up in exactly one block's ``lines``, in ``Article.drops`` or, blank, in
``Article.blank_lines``.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import Callable

from ..errors import EditionError, Problem
from ..metadata import ArticleMeta, ReaderOverrides
from ..model import Article, Caption, DroppedLine, Heading, LineSpan, Paragraph, Text
from ..source import RawSource
from . import web_text as shape
from .common import tidy
from .web_rules import AFTER_END, Line, Page, before_headline_drop, first_reason
from .web_zones import HeadlineFound, find_end, find_headline, pull_back_over_image_cards

LEDE_MIN_CHARS = 60  # shorter first lines are kickers or labels, not a standfirst
LEDE_MAX_CHARS = 600  # a standfirst is two or three sentences; a longer first paragraph is body text
LEDE_UNPUNCTUATED_MIN_CHARS = 90  # some sites print the standfirst without a full stop; subheadings are shorter
IMAGE_RULES = ("broken-image", "image-markup", "image-credit")  # an image stood here

RULE_OVERRIDE = "override"
RULE_BEFORE_HEADLINE = "before-headline"
RULE_AFTER_END = "after-end-of-article"
RULE_REPEATED_CAPTION = "repeated-caption"
RULE_REPEATED_LINE = "repeated-line"
RULE_SITE_BANNER = "site-banner"


@dataclass(frozen=True)
class Kept:
    role: str  # headline, byline, lede, heading, paragraph, caption; "text" until pass 2 decides
    text: str


Decision = Kept | DroppedLine
Decisions = dict[int, Decision]


def read(source: RawSource, meta: ArticleMeta) -> Article:
    page = Page(tuple(Line(n, raw, tidy(raw)) for n, raw in enumerate(source.lines, start=1)))
    overrides = meta.reader
    check_overrides(overrides, meta, page)
    decisions: Decisions = {}
    decide_forced(page, overrides, meta, decisions)
    open_lines = [line for line in page.lines if not line.blank and line.number not in decisions]
    headline = choose_headline(page, open_lines, overrides, meta.title)
    extra: list[DroppedLine] = []
    body = open_lines
    if headline is not None:
        decide_above_headline(page, open_lines, headline, overrides, meta, decisions)
        decisions[headline.line] = Kept("headline", headline.text)
        if headline.banner:
            extra.append(DroppedLine(headline.line, headline.banner, RULE_SITE_BANNER,
                                     "site slogan printed before the headline on the same line"))
        body = [line for line in open_lines if line.number > headline.line]
    body, signature = decide_after_end(page, body, overrides, decisions)
    decide_body(page, body, overrides, decisions, signature)
    choose_lede(page, body, overrides, decisions)
    return assemble(source, meta, page, decisions, extra)


# --- overrides --------------------------------------------------------------------


def check_overrides(overrides: ReaderOverrides, meta: ArticleMeta, page: Page) -> None:
    """Line numbers in ``reader:`` must point into the source; forced lines must hold text."""
    count = len(page.lines)
    problems: list[Problem] = []

    def complain(key: tuple, message: str) -> None:
        where = meta.positions.problem(("reader",) + key, message) if meta.positions else Problem(meta.path, message)
        problems.append(where)

    singles = {"headline": overrides.headline, "body_start": overrides.body_start, "body_end": overrides.body_end,
               "lede": overrides.lede if overrides.lede is not False else None}
    for key, number in singles.items():
        if number is not None and number > count:
            complain((key,), f"reader: {key}: line {number} is past the end of {meta.source} ({count} lines)")
        elif number is not None and key in ("headline", "lede") and page.at(number).blank:
            complain((key,), f"reader: {key}: line {number} of {meta.source} is blank")
    for index, item in enumerate(overrides.drop):
        if item.line > count:
            complain(("drop", index), f"reader: drop: line {item.line} is past the end of {meta.source}")
    for index, number in enumerate(overrides.keep):
        if number > count:
            complain(("keep", index), f"reader: keep: line {number} is past the end of {meta.source}")
    if problems:
        raise EditionError(problems)


def decide_forced(page: Page, overrides: ReaderOverrides, meta: ArticleMeta, decisions: Decisions) -> None:
    """The editor's drops and body bounds. Blank lines get no decision: no step looks at
    them (``read`` leaves them out of the open lines) and ``assemble`` counts them blank,
    whatever the overrides say."""
    forced = {item.line: item.reason for item in overrides.drop}
    chosen = {overrides.headline, overrides.lede, *overrides.keep}  # (lede False or None: no line number)
    start, end = overrides.body_start or 1, overrides.body_end or len(page.lines)
    for line in page.lines:
        number = line.number
        if line.blank:
            continue
        if number in forced:
            decisions[number] = DroppedLine(number, line.raw, RULE_OVERRIDE, f"{forced[number]} ({meta.path})")
        elif number in chosen:
            continue
        elif number < start:
            decisions[number] = DroppedLine(number, line.raw, RULE_OVERRIDE,
                                            f"before reader.body_start: {start} in {meta.path}")
        elif number > end:
            decisions[number] = DroppedLine(number, line.raw, RULE_OVERRIDE,
                                            f"after reader.body_end: {end} in {meta.path}")


# --- zones ---------------------------------------------------------------------------


def choose_headline(page: Page, lines: list[Line], overrides: ReaderOverrides,
                    title: str | None) -> HeadlineFound | None:
    if overrides.headline is not None:
        line = page.at(overrides.headline)
        glued = shape.split_glued_banner(line.text)
        return HeadlineFound(line.number, glued[1], glued[0]) if glued else HeadlineFound(line.number, line.text)
    keep = set(overrides.keep)
    return find_headline(page, [line for line in lines if line.number not in keep], title)


def decide_above_headline(page: Page, lines: list[Line], headline: HeadlineFound, overrides: ReaderOverrides,
                          meta: ArticleMeta, decisions: Decisions) -> None:
    chosen = f" chosen in {meta.path} (reader.headline: {headline.line})" if overrides.headline else ""
    for line in lines:
        if line.number >= headline.line:
            break
        if line.number in overrides.keep:
            decisions[line.number] = Kept("paragraph", line.text)
            continue
        rule, reason = before_headline_drop(line, page) or (RULE_BEFORE_HEADLINE,
                                                                      f"above the headline{chosen}")
        decisions[line.number] = DroppedLine(line.number, line.raw, rule, reason)


def decide_after_end(page: Page, body: list[Line], overrides: ReaderOverrides,
                     decisions: Decisions) -> tuple[list[Line], int | None]:
    """Drop the lines after the article; return the body lines left and the closing signature's line."""
    if overrides.body_end is not None:
        return body, None
    keep = set(overrides.keep)
    end = find_end(page, [line for line in body if line.number not in keep])
    if end is None:
        return body, None
    end = pull_back_over_image_cards(page, end)
    after = f"after the end of the article ({end.cause})"
    for line in body:
        if line.number < end.line:
            continue
        if line.number in keep:
            decisions[line.number] = Kept("paragraph", line.text)
            continue
        rule, reason = first_reason(AFTER_END, line, page) or (RULE_AFTER_END, "")
        decisions[line.number] = DroppedLine(line.number, line.raw, rule, f"{reason}; {after}" if reason else after)
    return [line for line in body if line.number < end.line], end.signature


# --- the body ------------------------------------------------------------------------


def _after_image(line: Line, page: Page) -> bool:
    previous = page.previous_text(line.number)
    return (previous is not None and len(line.text) <= shape.CAPTION_AFTER_IMAGE_MAX_CHARS
            and bool(shape.BROKEN_IMAGE.match(previous.text) or shape.IMAGE_LINK.match(previous.text))
            and not shape.is_heading_shaped(line.text))


CaptionSign = Callable[[Line, Page], bool]
CAPTION_SIGNS: list[tuple[str, CaptionSign]] = [
    ("image card kept in the body", lambda line, page: bool(shape.IMAGE_CARD.match(line.text))),
    ("table cell under an image", lambda line, page: shape.is_table_cell_end(line.text)),
    ("caption label", lambda line, page: bool(shape.CAPTION_LABEL.match(line.text))),
    ("photo credit at the end", lambda line, page: shape.has_photo_credit(line.text)),
    ("short line right after an image", _after_image),
]


def caption_of(line: Line, page: Page) -> str | None:
    """The caption text when ``line`` is an image caption, else None."""
    for _name, sign in CAPTION_SIGNS:
        if sign(line, page):
            card = shape.IMAGE_CARD.match(line.text)
            return shape.caption_text(card.group("text") if card else line.text)
    return None


def decide_body(page: Page, body: list[Line], overrides: ReaderOverrides, decisions: Decisions,
                signature: int | None) -> None:
    captions: dict[str, int] = {}
    has_byline = any(isinstance(d, Kept) and d.role == "byline" for d in decisions.values())
    text_seen = False  # a name before any text is the author's, printed under the headline
    for line in body:
        if line.number in decisions:
            continue
        if line.number in overrides.keep:
            decisions[line.number] = Kept("paragraph", line.text)
            continue
        signs = line.number == signature or not text_seen and shape.is_name(line.text)
        decision = decide_body_line(line, page, captions, has_byline, signs)
        has_byline = has_byline or isinstance(decision, Kept) and decision.role == "byline"
        text_seen = text_seen or isinstance(decision, Kept) and decision.role in ("text", "caption")
        decisions[line.number] = decision
    decide_headings(body, decisions)


def decide_body_line(line: Line, page: Page, captions: dict[str, int], has_byline: bool,
                     signature: bool) -> Decision:
    dropped = page.widget_drop(line)
    if dropped:
        return DroppedLine(line.number, line.raw, *dropped)
    previous = page.previous_text(line.number)
    if previous is not None and previous.text == line.text:
        return DroppedLine(line.number, line.raw, RULE_REPEATED_LINE, f"repeats line {previous.number}")
    if shape.is_byline(line.text) or signature:
        return Kept("paragraph" if has_byline else "byline", line.text)
    caption = caption_of(line, page)
    if caption is None:
        return Kept("text", line.text)
    key = caption.casefold()
    if key in captions:
        return DroppedLine(line.number, line.raw, RULE_REPEATED_CAPTION,
                           f"repeats the caption on line {captions[key]}")
    captions[key] = line.number
    return Kept("caption", caption)


def decide_headings(body: list[Line], decisions: Decisions) -> None:
    """Pass 2: an unpunctuated short line followed by a paragraph is a subheading."""
    texts = [line.number for line in body
             if isinstance(decisions.get(line.number), Kept) and decisions[line.number].role in ("text", "paragraph")]
    for index, number in enumerate(texts):
        decision = decisions[number]
        if decision.role != "text":
            continue
        following = decisions[texts[index + 1]].text if index + 1 < len(texts) else None
        heading = (following is not None and shape.is_heading_shaped(decision.text)
                   and shape.is_paragraph_shaped(following))
        decisions[number] = Kept("heading" if heading else "paragraph", decision.text)


def choose_lede(page: Page, body: list[Line], overrides: ReaderOverrides, decisions: Decisions) -> None:
    if overrides.lede is False:
        return
    if overrides.lede is not None:
        decisions[overrides.lede] = Kept("lede", page.at(overrides.lede).text)
        return
    candidate = first_content_line(body, decisions)
    if candidate is None:
        return
    text = decisions[candidate].text
    more = any(isinstance(d, Kept) and d.role == "paragraph" and n > candidate for n, d in decisions.items())
    punctuated = shape.ends_sentence(text) or len(text) >= LEDE_UNPUNCTUATED_MIN_CHARS
    if LEDE_MIN_CHARS <= len(text) <= LEDE_MAX_CHARS and punctuated and more:
        decisions[candidate] = Kept("lede", text)


def first_content_line(body: list[Line], decisions: Decisions) -> int | None:
    """The first body paragraph, if no image, caption or heading comes before it."""
    for line in body:
        decision = decisions.get(line.number)
        if isinstance(decision, DroppedLine):
            if decision.rule in IMAGE_RULES:
                return None
            continue
        if decision is None or decision.role == "byline":
            continue
        standfirst = decision.role == "heading" and len(decision.text) >= LEDE_UNPUNCTUATED_MIN_CHARS
        return line.number if decision.role == "paragraph" or standfirst else None
    return None


# --- assembly ----------------------------------------------------------------------


def assemble(source: RawSource, meta: ArticleMeta, page: Page, decisions: Decisions,
             extra: list[DroppedLine]) -> Article:
    parts: dict[str, object] = {"headline": None, "byline": None, "lede": None}
    blocks, drops, blanks = [], list(extra), []
    for line in page.lines:
        if line.blank:
            blanks.append(line.number)
            continue
        decision = decisions[line.number]
        if isinstance(decision, DroppedLine):
            drops.append(decision)
            continue
        # no tidy() here: a kept text is a line's text or a stripped piece of it, tidy already (tests check)
        span, inlines = LineSpan(line.number, line.number), (Text(decision.text),)
        if decision.role == "headline":
            parts["headline"] = Heading(inlines, span, level=1)
        elif decision.role in ("byline", "lede") and parts[decision.role] is None:
            parts[decision.role] = Paragraph(inlines, span)
        elif decision.role == "heading":
            blocks.append(Heading(inlines, span, level=2))
        elif decision.role == "caption":
            blocks.append(Caption(inlines, span))
        else:
            blocks.append(Paragraph(inlines, span))
    drops.sort(key=attrgetter("line"))
    return Article(meta=meta, source=source.file, blocks=tuple(blocks), drops=tuple(drops),
                   blank_lines=tuple(blanks), **parts)
