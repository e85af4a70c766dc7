"""The web reader's drop rules: ordered lists of small named functions.

Each rule is ``rule(line, page) -> str | None``: a reason to drop the line, or None
to let the next rule decide. Lists are tried in order; the first reason wins and
its name is the rule shown in the drop report. The cue groups of ``web_cues`` are one
rule, ``CUE_GROUP``, whose name in the report is the rule of the group that matched.

| list                | applies to                        | fallback rule          |
| ------------------- | --------------------------------- | ---------------------- |
| WIDGET_RULES        | every line of the page            | (keep)                 |
| BEFORE_HEADLINE     | lines above the headline          | ``before-headline``    |
| AFTER_END           | lines after the end of the article| ``after-end-of-article``|
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Generic, Iterator, TypeVar

from . import web_text as shape
from .web_cues import CueMatch, end_cue, match_cue

Value = TypeVar("Value")


class worked_out_once(Generic[Value]):
    """A read-only attribute worked out on first use and kept in the instance's ``__dict__``.

    What functools.cached_property does, without the lock that Python 3.11's takes on
    every first use (3.12 dropped it): a page asks the cue of every line once, and the
    lock cost about a tenth of matching the cue. Later reads find the value in
    ``__dict__`` and do not call ``__get__`` at all (this is a non-data descriptor).
    """

    def __init__(self, work_out: Callable[[Any], Value]) -> None:
        self.work_out = work_out
        self.name = work_out.__name__
        self.__doc__ = work_out.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Value:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.work_out(instance)
        return value


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the source
    raw: str  # the line as in the source (NFC)
    text: str  # white space collapsed and trimmed

    @property
    def blank(self) -> bool:
        return not self.text

    @worked_out_once
    def cue(self) -> CueMatch | None:
        """The cue group of this line (see web_cues), worked out once: every cue rule asks."""
        return match_cue(self.text)

    @property
    def ends_article(self) -> CueMatch | None:
        """A cue standing alone on its line that announces the lists after an article."""
        return end_cue(self.cue)


@dataclass(frozen=True)
class Page:
    lines: tuple[Line, ...]
    _widget_drops: dict[int, tuple[str, str] | None] = field(default_factory=dict, init=False, repr=False,
                                                              compare=False)

    def at(self, number: int) -> Line:
        return self.lines[number - 1]

    def after(self, number: int) -> Iterator[Line]:
        """Non-blank lines after ``number``, nearest first."""
        lines = self.lines
        return (lines[index] for index in range(number, len(lines)) if not lines[index].blank)

    def before(self, number: int) -> Iterator[Line]:
        """Non-blank lines before ``number``, nearest first."""
        lines = self.lines
        return (lines[index] for index in range(number - 2, -1, -1) if not lines[index].blank)

    def next_text(self, number: int) -> Line | None:
        return self._next_texts[number - 1]

    def previous_text(self, number: int) -> Line | None:
        return self._previous_texts[number - 1]

    @worked_out_once
    def _next_texts(self) -> tuple[Line | None, ...]:
        """``next_text`` of every line, found in one pass: rules ask it of most lines."""
        found: list[Line | None] = []
        following = None
        for line in reversed(self.lines):
            found.append(following)
            if not line.blank:
                following = line
        return tuple(reversed(found))

    @worked_out_once
    def _previous_texts(self) -> tuple[Line | None, ...]:
        """``previous_text`` of every line, found in one pass (see ``_next_texts``)."""
        found: list[Line | None] = []
        preceding = None
        for line in self.lines:
            found.append(preceding)
            if not line.blank:
                preceding = line
        return tuple(found)

    def widget_drop(self, line: Line) -> tuple[str, str] | None:
        """``first_reason(WIDGET_RULES, line, self)``, worked out once per line.

        The zones ask it of the same lines again and again (the lines after each
        headline candidate, the sentences after each possible signature, the trailing
        teasers, then the body), and the answer depends on the line alone.
        """
        drops = self._widget_drops
        if line.number not in drops:
            drops[line.number] = first_reason(WIDGET_RULES, line, self)
        return drops[line.number]


Rule = Callable[[Line, Page], "str | None"]
NamedRule = tuple[str, Rule]


CUE_GROUP = "(the line's cue group)"  # name of the cue rule: first_reason reports the group's own rule


def first_reason(rules: list[NamedRule], line: Line, page: Page) -> tuple[str, str] | None:
    """(rule name, reason) of the first rule that drops ``line``, or None."""
    for name, rule in rules:
        reason = rule(line, page)
        if reason:
            return (line.cue.rule if name is CUE_GROUP else name), reason
    return None


# --- rules that hold anywhere on the page -------------------------------------------


def broken_image(line: Line, page: Page) -> str | None:
    if shape.BROKEN_IMAGE.match(line.text):
        return "fragment of an image link; the image is not preserved"
    return None


def image_markup(line: Line, page: Page) -> str | None:
    found = shape.IMAGE_LINK.match(line.text)
    if found:
        alt = found.group("alt").strip()
        return f"image link{f' ({alt})' if alt else ''}; the image is not preserved"
    return None


def cue(line: Line, page: Page) -> str | None:
    """The reason of the line's cue group (see web_cues).

    One rule for all the groups: a line belongs to one group at most, worked out once
    per line, so a rule per group asked the same question once per group.
    """
    found = line.cue
    return found.reason(line.text) if found else None


def reading_time(line: Line, page: Page) -> str | None:
    return "reading-time widget" if shape.READING_TIME.match(line.text) else None


def date_line(line: Line, page: Page) -> str | None:
    if shape.is_date_line(line.text):
        return "date or time line of the page; the date belongs in the metadata"
    return None


def image_credit(line: Line, page: Page) -> str | None:
    if shape.IMAGE_CREDIT_LINE.match(line.text) and len(line.text) <= shape.BYLINE_MAX_CHARS:
        return "credit of an image that is not preserved"
    return None


CUE_RULES: list[NamedRule] = [(CUE_GROUP, cue)]  # all of web_cues.GROUPS: match_cue picked the first that matches

WIDGET_RULES: list[NamedRule] = [
    ("broken-image", broken_image),
    ("image-markup", image_markup),
    *CUE_RULES,
    ("reading-time", reading_time),
    ("date-line", date_line),
    ("image-credit", image_credit),
]


# --- above the headline ------------------------------------------------------------


def site_banner(line: Line, page: Page) -> str | None:
    """An all-caps line (site name, slogan, event banner) unless prose follows it."""
    if not shape.is_all_caps(line.text):
        return None
    following = page.next_text(line.number)
    if following is not None and shape.is_paragraph_shaped(following.text):
        return None  # an all-caps headline followed by its lede
    return "all-caps site banner or slogan above the headline"


def section_label(line: Line, page: Page) -> str | None:
    if shape.is_section_label(line.text):
        return "section label above the headline"
    return None


def breadcrumb(line: Line, page: Page) -> str | None:
    return "breadcrumb trail above the headline" if shape.is_breadcrumb(line.text) else None


def teaser_item(line: Line, page: Page) -> str | None:
    if shape.is_teaser_item(line.text):
        return "item of a teaser list (truncated summary, image or video link)"
    return None


HEADLINE_CHROME: list[NamedRule] = [
    ("teaser-list", teaser_item),
    ("site-banner", site_banner),
    ("section-label", section_label),
    ("breadcrumb", breadcrumb),
]
BEFORE_HEADLINE: list[NamedRule] = WIDGET_RULES + HEADLINE_CHROME


def before_headline_drop(line: Line, page: Page) -> tuple[str, str] | None:
    """``first_reason(BEFORE_HEADLINE, line, page)``, the widget rules' part kept by the page."""
    return page.widget_drop(line) or first_reason(HEADLINE_CHROME, line, page)


# --- after the end of the article -------------------------------------------------


def series_link(line: Line, page: Page) -> str | None:
    if shape.SERIES_LINK.match(line.text) and not shape.ends_sentence(line.text):
        return "link to another part of the series"
    return None


def teaser_list(line: Line, page: Page) -> str | None:
    text = line.text
    if shape.is_teaser_item(text):
        return "item of a teaser list (truncated summary, image or video link)"
    previous, following = page.previous_text(line.number), page.next_text(line.number)
    if previous is not None and previous.text == text or following is not None and following.text == text:
        return "teaser headline repeated in a list of other articles"
    if shape.is_teaser_headline(text):
        return "headline of a teaser for another article"
    return None


def image_card(line: Line, page: Page) -> str | None:
    if shape.IMAGE_CARD.match(line.text):
        return "image card: picture and headline of another article"
    return None


AFTER_END: list[NamedRule] = [
    *CUE_RULES,
    ("series-link", series_link),
    ("image-card", image_card),
    ("teaser-list", teaser_list),
    ("broken-image", broken_image),
]
