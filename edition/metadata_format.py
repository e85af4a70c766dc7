"""Metadata files read without PyYAML when the text is in the simple layout editors write.

A metadata file (sources/<slug>.yml) is a dozen ``key: value`` lines. PyYAML, libyaml
included, took about 0.1-0.2 ms to read one (composing the nodes, then constructing
each scalar and recording each key's position): 0.1-0.2 s of every cold build of a
1,000-article edition, which is why metadata used to be parsed in worker processes.
``read_meta_text`` reads the simple layout itself and returns what
``yamlfile.parse_yaml`` returns for it: the same dict, the same value types, the same
``Positions`` (the root mapping and each key at its 1-based line and column 1). Anything
else returns None and the caller uses PyYAML, which also reports every error.

Accepted, and nothing else (each form is one whose reading is settled by YAML's rules,
and tests/test_metadata_format.py checks them against PyYAML's reading):

* blank lines, and comments starting at column 0;
* ``key: value`` at column 0, each key once, the key one to three short lowercase ASCII
  words joined by ``_`` that the resolver reads as a string; the value one of
  ``null``, ``[]``, ``YYYY-MM-DD`` (a valid date: a ``datetime.date``, as PyYAML gives),
  a plain string that PyYAML would write plain (``yaml_writer.reads_back_as_itself``: so
  it reads back as itself, not as ``yes``, ``12`` or a comment), a single-quoted string,
  a double-quoted string without ``\\`` or ``"`` inside (no escapes to interpret),
  a flow list of such quoted strings or of plain ones without flow indicators, ``:`` or
  ``?``, written ``[a, "b"]``, or a folded scalar ``>-`` whose lines are indented by exactly two
  spaces (no blank or more-indented line inside: those keep line breaks);
* only printable characters of the BMP: no tab, no carriage return, no U+0085, U+2028 or
  U+2029 (line breaks to YAML, even in a comment), no U+FEFF (read_text_utf8 strips
  the one a file may start with), no control character; no line ending in a space.

Declined: indented lines outside a folded scalar (a plain scalar continued on the next
line), ``key:`` alone, other block scalars, anchors, tags, document markers, directives,
comments after a value, duplicate keys (PyYAML's path reports them), invalid dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from .yaml_writer import PRINTABLE_CHARS, reads_back_as_itself
from .yamlfile import Positions

# The whole text: line feeds and the characters PyYAML and libyaml read as themselves
# (yaml_writer.PRINTABLE_LINE's set). A text with anything else is left to PyYAML.
PRINTABLE_TEXT = re.compile(f"[\n{PRINTABLE_CHARS}]*\\Z")
# Lowercase words; short, since YAML allows a key on one line 1,024 characters at most.
KEY = re.compile(r"[a-z]{1,20}(?:_[a-z]{1,20}){0,2}\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # PyYAML's timestamp without a time: a date
FOLDED = ">-"
FOLDED_INDENT = "  "
# A flow list item: double-quoted without escapes, single-quoted, or plain without flow
# indicators, ":" or "?" (which end a plain scalar in a flow, for PyYAML if not libyaml),
# then checked as a plain scalar is (reads_back_as_itself).
FLOW_ITEM = re.compile(r""""([^"\\]*)"|'((?:[^']|'')*)'|([^,\[\]{}:?"'][^,\[\]{}:?]*)""")
FLOW_SEPARATOR = ", "


class NotSimple(Exception):
    """The text is not in the simple layout this module reads."""


def read_meta_text(text: str, shown_as: str) -> tuple[dict[str, Any], Positions] | None:
    """``yamlfile.parse_yaml(text, shown_as)``'s data and positions for a text in the simple
    layout; None for any other text (and for every text PyYAML would refuse)."""
    if not PRINTABLE_TEXT.match(text) or " \n" in text or text.endswith(" "):
        return None
    try:
        return _read(text.split("\n"), Positions(shown_as))
    except NotSimple:
        return None


def _read(lines: list[str], positions: Positions) -> tuple[dict[str, Any], Positions]:
    data: dict[str, Any] = {}
    where = positions.where
    folded: list[str] | None = None  # lines of the folded scalar being read
    folded_key = ""
    blank_after_folded = False
    for number, line in enumerate(lines, 1):
        if folded is not None:
            if line.startswith(FOLDED_INDENT):
                if blank_after_folded or line[2] == " ":  # a kept line break, a more-indented line
                    raise NotSimple
                folded.append(line[2:])
                continue
            if not line:
                blank_after_folded = True  # stripped by "-" unless a folded line follows
                continue
            if line[0] == " ":
                raise NotSimple
            data[folded_key] = _folded_value(folded)
            folded = None
        if not line or line[0] == "#":
            continue
        key, sep, raw = line.partition(": ")
        if not sep or key in data or not plain_key(key):
            raise NotSimple
        if not where:
            where[()] = (number, 1)  # the root mapping starts at its first key
        where[(key,)] = (number, 1)
        if raw == FOLDED:
            folded, folded_key, blank_after_folded = [], key, False
            data[key] = None  # holds the key's place in the order until its lines are read
            continue
        data[key] = _value(raw, key, number, len(key) + 3, where)
    if folded is not None:
        data[folded_key] = _folded_value(folded)
    if not data:
        raise NotSimple  # nothing but comments: PyYAML reads no document at all
    return data, positions


@lru_cache(maxsize=64)  # the same few keys in every file
def plain_key(key: str) -> bool:
    """Whether ``key`` is lowercase words that PyYAML reads as this string (not ``yes``, ``null``)."""
    return bool(KEY.match(key)) and reads_back_as_itself(key)


def _folded_value(lines: list[str]) -> str:
    if not lines:
        raise NotSimple  # an empty folded scalar: left to PyYAML
    return " ".join(lines)


def _value(raw: str, key: str, line: int, column: int, where: dict) -> Any:
    """The value written ``raw`` after ``key: `` at ``column`` of ``line``."""
    if raw == "null":
        return None
    if raw == "[]":
        return []
    first = raw[:1]
    if first == '"' or first == "'":
        return _quoted(raw)
    if first == "[":
        return _flow_list(raw, key, line, column, where)
    if DATE.match(raw):
        try:
            return dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
        except ValueError:
            raise NotSimple from None  # PyYAML's path reports the impossible date
    if not raw or not reads_back_as_itself(raw):  # PyYAML reads a plain scalar as itself only if it
        raise NotSimple                            # would write it so
    return raw


def _quoted(raw: str) -> str:
    """A quoted scalar taking the whole of ``raw``."""
    if len(raw) < 2 or raw[-1] != raw[0]:
        raise NotSimple
    inner = raw[1:-1]
    if raw[0] == '"':
        if '"' in inner or "\\" in inner:
            raise NotSimple
        return inner
    if "'" in inner.replace("''", ""):
        raise NotSimple
    return inner.replace("''", "'")


def _flow_list(raw: str, key: str, line: int, column: int, where: dict) -> list[str]:
    """``[item, item]``: each item's position recorded as PyYAML records it."""
    if raw[-1] != "]":
        raise NotSimple
    items: list[str] = []
    at = 1
    end = len(raw) - 1
    while True:
        match = FLOW_ITEM.match(raw, at, end)
        if not match:
            raise NotSimple
        double, single, plain = match.groups()
        if double is not None:
            item = double
        elif single is not None:
            item = single.replace("''", "'")
        elif reads_back_as_itself(plain):
            item = plain
        else:
            raise NotSimple
        where[(key, len(items))] = (line, column + at)
        items.append(item)
        at = match.end()
        if at == end:
            return items
        if not raw.startswith(FLOW_SEPARATOR, at):
            raise NotSimple
        at += len(FLOW_SEPARATOR)
