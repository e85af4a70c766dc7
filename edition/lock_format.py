"""Lock files read without PyYAML when the text is in the layout PyYAML writes them in.

A lock file (see anchor_lock.py) holds every paragraph's text, so PyYAML took
about 2.7 ms to read the paper's lock, libyaml included: most of the anchor pass on
every cold build. Locks are written by yaml_writer.dump_block_yaml, in PyYAML's
block layout, which this module reads back: each scalar plain or single-quoted,
a plain one accepted only where PyYAML would write that string plain (so it reads
back as itself). Anything else (a string PyYAML would double-quote, a lock
re-indented by hand, a flow mapping) makes read_lock_text return None, and the
caller uses PyYAML. tests/test_lock_format.py checks it against PyYAML's reading
on adversarial and damaged texts.

``read_lock_layout`` also tells whether the text is byte for byte what the writer
would write for what it holds, so that a build whose lock is unchanged need not dump
it to compare (tested by line edits: anything it calls so must dump to the same text).
"""

from __future__ import annotations

from typing import Any

from .anchor_match import LIVE  # the status the writer leaves out
from .yaml_writer import PRINTABLE_LINE, block_scalar

TOP_KEYS = ("slugs", "paragraphs", "headings")
ENTRY_KEYS = frozenset({"anchor", "label", "text", "status", "at"})


class NotCanonical(Exception):
    """The text is not in the layout PyYAML writes locks in."""


def read_scalar(raw: str) -> str | None:
    """The value of a scalar as PyYAML writes it in a lock; NotCanonical otherwise."""
    if raw == "null":
        return None
    if raw.startswith("'"):
        inner = raw[1:-1]
        if len(raw) < 2 or not raw.endswith("'") or "'" in inner.replace("''", ""):
            raise NotCanonical
        value = inner.replace("''", "'")
        if not PRINTABLE_LINE.match(value):
            raise NotCanonical
        return value
    if block_scalar(raw) != raw:  # PyYAML reads a plain scalar as itself only if it would write it so
        raise NotCanonical
    return raw


def read_lock_text(text: str) -> dict[str, list] | None:
    """``{slugs, paragraphs, headings}`` from a lock's text, as yaml.safe_load gives them;
    None if the text is not in the layout PyYAML writes locks in."""
    read = read_lock_layout(text, header="", width=0)
    return read[0] if read else None


def read_lock_layout(text: str, header: str, width: int) -> tuple[dict[str, list], bool] | None:
    """``read_lock_text``'s data, and whether ``text`` is exactly what the writer writes for
    it: ``header`` as its only comment, on the first line, no blank line, keys in the
    writer's order, each scalar quoted only where the writer quotes it, no line longer
    than ``width`` (past which the writer leaves the document to PyYAML, which folds it).

    When it is, and the lock to write equals the lock read, the file already holds the
    text a build would write, which need not be written (dumped) to be compared.
    """
    if "\r" in text or "\t" in text or not text.endswith("\n"):
        return None
    try:
        return _read(text[:-1].split("\n"), header, width)
    except NotCanonical:
        return None


# The keys of a lock entry as the writer writes them: a live entry, a retired one.
WRITTEN_ENTRY_KEYS = (("anchor", "label", "text"), ("anchor", "label", "status", "at", "text"))


def _read(lines: list[str], header: str, width: int) -> tuple[dict[str, list], bool]:
    data: dict[str, list] = {}
    items: list | None = None  # the list being filled
    entry: dict[str, Any] | None = None  # the mapping being filled
    bare: list[str] = []  # top keys written "key:", whose items must follow
    as_written = True  # as the writer writes it (see read_lock_layout)
    for number, line in enumerate(lines):
        if not line:
            as_written = False
            continue
        if line.startswith("#"):
            # PyYAML reads U+0085, U+2028 and U+2029 as line ends, even in a comment, and
            # refuses control characters anywhere: only a printable comment is just a comment.
            if not PRINTABLE_LINE.match(line):
                raise NotCanonical
            as_written = as_written and number == 0 and line == header
            continue
        if len(line) > width:
            as_written = False
        if line.startswith("- "):
            if items is None:
                raise NotCanonical
            body = line[2:]
            key, sep, raw = body.partition(": ")
            if not body.startswith("'") and (sep or body.endswith(":")):  # a mapping: an entry
                if not sep or key not in ENTRY_KEYS:
                    raise NotCanonical
                value = read_scalar(raw)
                entry = {key: value}
                items.append(entry)
            else:
                entry = None
                raw = body
                value = read_scalar(raw)
                items.append(value)
        elif line.startswith("  "):
            key, sep, raw = line[2:].partition(": ")
            if entry is None or not sep or key not in ENTRY_KEYS or key in entry:
                raise NotCanonical
            value = entry[key] = read_scalar(raw)
        else:
            key, sep, rest = line.partition(":")
            if key not in TOP_KEYS or key in data or rest not in ("", " []"):
                raise NotCanonical
            data[key] = []
            items, entry = (data[key] if not rest else None), None  # "key: []" takes no items
            if not rest:
                bare.append(key)
            continue
        if as_written and raw != (block_scalar(value) if value is not None else "null"):
            as_written = False  # quoted where the writer would not quote
    if list(data) != list(TOP_KEYS) or any(not data[key] for key in bare):
        raise NotCanonical  # "key:" with no item below is null to PyYAML; the writer writes "key: []"
    return data, as_written and lines[0] == header and _written_entries(data)


def _written_entries(data: dict[str, list]) -> bool:
    """Whether every item is as the writer writes lock data: slugs are strings; entries hold
    strings, their keys in the writer's order, status only when not live (at: a string or null)."""
    if not all(type(slug) is str for slug in data["slugs"]):
        return False
    for key in ("paragraphs", "headings"):
        for entry in data[key]:
            if type(entry) is not dict or tuple(entry) not in WRITTEN_ENTRY_KEYS:
                return False
            if not all(type(entry[name]) is str for name in ("anchor", "label", "text")):
                return False
            if "status" in entry and (type(entry["status"]) is not str or entry["status"] == LIVE
                                      or not (entry["at"] is None or type(entry["at"]) is str)):
                return False
    return True
