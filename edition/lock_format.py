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
"""

from __future__ import annotations

from typing import Any

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
    if "\r" in text or "\t" in text or not text.endswith("\n"):
        return None
    try:
        return _read(text[:-1].split("\n"))
    except NotCanonical:
        return None


def _read(lines: list[str]) -> dict[str, list]:
    data: dict[str, list] = {}
    items: list | None = None  # the list being filled
    entry: dict[str, Any] | None = None  # the mapping being filled
    bare: list[str] = []  # top keys written "key:", whose items must follow
    for line in lines:
        if not line:
            continue
        if line.startswith("#"):
            # PyYAML reads U+0085, U+2028 and U+2029 as line ends, even in a comment, and
            # refuses control characters anywhere: only a printable comment is just a comment.
            if not PRINTABLE_LINE.match(line):
                raise NotCanonical
            continue
        if line.startswith("- "):
            if items is None:
                raise NotCanonical
            body = line[2:]
            key, sep, raw = body.partition(": ")
            if not body.startswith("'") and (sep or body.endswith(":")):  # a mapping: an entry
                if not sep or key not in ENTRY_KEYS:
                    raise NotCanonical
                entry = {key: read_scalar(raw)}
                items.append(entry)
            else:
                entry = None
                items.append(read_scalar(body))
        elif line.startswith("  "):
            key, sep, raw = line[2:].partition(": ")
            if entry is None or not sep or key not in ENTRY_KEYS or key in entry:
                raise NotCanonical
            entry[key] = read_scalar(raw)
        else:
            key, sep, rest = line.partition(":")
            if key not in TOP_KEYS or key in data or rest not in ("", " []"):
                raise NotCanonical
            data[key] = []
            items, entry = (data[key] if not rest else None), None  # "key: []" takes no items
            if not rest:
                bare.append(key)
    if list(data) != list(TOP_KEYS) or any(not data[key] for key in bare):
        raise NotCanonical  # "key:" with no item below is null to PyYAML; the writer writes "key: []"
    return data
