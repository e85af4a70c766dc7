"""Helpers shared by readers."""

from __future__ import annotations

import re

from ..model import DroppedLine, LineSpan, Paragraph, Text

SPACES = re.compile(r"\s+")

RULE_BLANK = "blank"


def tidy(text: str) -> str:
    """Collapse runs of white space (tabs, non-breaking spaces) into one space."""
    return SPACES.sub(" ", text).strip()


def paragraph(text: str, first: int, last: int | None = None, **extra) -> Paragraph:
    return Paragraph((Text(tidy(text)),), LineSpan(first, last or first), **extra)


def blank_drop(number: int, line: str) -> DroppedLine:
    return DroppedLine(number, line, RULE_BLANK, "empty line")
