"""Helpers shared by readers."""

from __future__ import annotations

import re

# White space to collapse into one space: a run of two or more, or one that is not a
# plain space. A lone space (most of them) is not a match, so substitutions are rare:
# several times faster than r"\s+" on prose, with the same result.
SPACES = re.compile(r"\s{2,}|[^\S ]")


def collapse_spaces(text: str) -> str:
    """Runs of white space (tabs, non-breaking spaces, line ends) as one space; not stripped.

    The same as ``SPACES.sub(" ", text)``, several times faster: the regex costs tens of
    nanoseconds a character even where nothing matches. Every white-space character but
    the plain space is unprintable (tests check all of Unicode), so in printable text
    only runs of plain spaces are left to collapse, and halving them with str.replace
    (a loop in C) until none is left gives the same result. Other text goes to the regex.
    """
    if not text.isprintable():
        return SPACES.sub(" ", text)
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def tidy(text: str) -> str:
    """Collapse runs of white space (tabs, non-breaking spaces) into one space."""
    return collapse_spaces(text).strip()

