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
* ``key: value`` at column 0, each key once, the key lowercase ASCII words joined by
  ``_`` that the resolver reads as a string; the value one of
  ``null``, ``[]``, ``YYYY-MM-DD`` (a valid date: a ``datetime.date``, as PyYAML gives),
  or a plain string that PyYAML would write plain (``yaml_writer.reads_back_as_itself``:
  so it reads back as itself, not as ``yes``, ``12`` or a comment);
* only printable characters of the BMP: no tab, no carriage return, no U+0085, U+2028 or
  U+2029 (line breaks to YAML, even in a comment), no U+FEFF (read_text_utf8 strips
  the one a file may start with), no control character; no line ending in a space.

Declined: indented lines (a plain scalar continued on the next line), ``key:`` alone,
quoted strings, flow and block collections with items, block scalars, anchors, tags,
document markers, directives, comments after a value, duplicate keys (PyYAML's path
reports them), invalid dates.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from .yaml_writer import reads_back_as_itself
from .yamlfile import Positions

# The whole text: line feeds and the characters PyYAML and libyaml read as themselves
# (yaml_writer.PRINTABLE_LINE's set). A text with anything else is left to PyYAML.
PRINTABLE_TEXT = re.compile("[\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]*\\Z")
KEY = re.compile(r"[a-z]+(?:_[a-z]+)*\Z")
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")  # PyYAML's timestamp without a time: a date


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
    for number, line in enumerate(lines, 1):
        if not line or line[0] == "#":
            continue
        key, sep, raw = line.partition(": ")
        if not sep or key in data or not plain_key(key):
            raise NotSimple
        if not where:
            where[()] = (number, 1)  # the root mapping starts at its first key
        where[(key,)] = (number, 1)
        data[key] = _value(raw)
    if not data:
        raise NotSimple  # nothing but comments: PyYAML reads no document at all
    return data, positions


@lru_cache(maxsize=64)  # the same few keys in every file
def plain_key(key: str) -> bool:
    """Whether ``key`` is lowercase words that PyYAML reads as this string (not ``yes``, ``null``)."""
    return bool(KEY.match(key)) and reads_back_as_itself(key)


def _value(raw: str) -> Any:
    """The value written ``raw`` after ``key: ``."""
    if raw == "null":
        return None
    if raw == "[]":
        return []
    if DATE.match(raw):
        try:
            return dt.date(int(raw[:4]), int(raw[5:7]), int(raw[8:]))
        except ValueError:
            raise NotSimple from None  # PyYAML's path reports the impossible date
    if not raw or not reads_back_as_itself(raw):  # PyYAML reads a plain scalar as itself only if it
        raise NotSimple                            # would write it so
    return raw
