"""Helpers shared by readers."""

from __future__ import annotations

import re

from ..model import DroppedLine

# White space to collapse into one space: a run of two or more, or one that is not a
# plain space. A lone space (most of them) is not a match, so substitutions are rare:
# several times faster than r"\s+" on prose, with the same result.
SPACES = re.compile(r"\s{2,}|[^\S ]")


def collapse_spaces(text: str) -> str:
    """Runs of white space (tabs, non-breaking spaces, line ends) as one space; not stripped."""
    return text if _spaces_are_single(text) else SPACES.sub(" ", text)


def _spaces_are_single(text: str) -> bool:
    """True when SPACES cannot match ``text``: no white space but lone plain spaces.

    Every white space character other than the plain space is unprintable (tests check
    all of Unicode), so a printable line without two spaces in a row has nothing to
    collapse. Both checks run in C without the regex engine: most lines of a source
    pass them, and SPACES.search costs several times more on the same line.
    """
    return text.isprintable() and "  " not in text

RULE_BLANK = "blank"


def tidy(text: str) -> str:
    """Collapse runs of white space (tabs, non-breaking spaces) into one space."""
    return collapse_spaces(text).strip()


def blank_drop(number: int, line: str) -> DroppedLine:
    return DroppedLine(number, line, RULE_BLANK, "empty line")
