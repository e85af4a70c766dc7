"""Lock files read and written without PyYAML, in the layout PyYAML writes them in.

A lock file (see anchor_lock.py) holds every paragraph's text, so PyYAML took
about 2.7 ms to read the paper's lock, libyaml included: most of the anchor pass on
every cold build. Locks are written by yaml_writer.dump_block_yaml, in PyYAML's
block layout, which this module reads back: each scalar plain or single-quoted,
a plain one accepted only where PyYAML would write that string plain (so it reads
back as itself). Anything else (a string PyYAML would double-quote, a lock
re-indented by hand, a flow mapping) makes read_lock return None, and the
caller uses PyYAML. tests/test_lock_format.py checks it against PyYAML's reading
on adversarial and damaged texts.

While reading, it also tells whether the text is *canonical*: exactly what
anchor_lock.dump_lock writes for the lock it holds. Every build that reads an
article derives the lock again; when it equals a canonical lock read from the file,
the file already holds the new text, so the build neither writes the lock's YAML
nor reads the file again to compare (locks.changed_lock_text).

Nearly every lock is canonical, so that layout is recognised first, with two regexes
(``_read_written``); any other text goes to the line-by-line reader (``_read``), and
tests/test_lock_format.py holds the first to what the second reads.

When a lock is written, ``write_lock_body`` writes the text dump_block_yaml would
write for it straight from its entries, without that function's walk through any
nesting of dicts and lists (a third of its time on the bench locks). Any value
dump_block_yaml might leave to PyYAML sends the lock back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .anchor_match import LIVE, MERGED, REMOVED, LockEntry
from .yaml_writer import PRINTABLE_CHARS, block_scalar, plain_or_quoted, reads_back_as_itself

LOCK_WIDTH = 100_000  # PyYAML's line width for locks: long paragraphs stay on one line
TOP_KEYS = ("slugs", "paragraphs", "headings")
ENTRY_KEYS = frozenset({"anchor", "label", "text", "status", "at"})
# Entry lines by what comes before their first ": ", mapped to their key.
FIRST_KEYS = {f"- {key}": key for key in ENTRY_KEYS}  # "- anchor: p-1" starts an entry
NEXT_KEYS = {f"  {key}": key for key in ENTRY_KEYS}  # "  label: '1'" continues it
# The keys of an entry as dump_lock writes them, in its order (a dict keeps the order read).
WRITTEN_KEYS = frozenset({("anchor", "label", "text"), ("anchor", "label", "status", "at", "text")})
RETIRED = (MERGED, REMOVED)  # the statuses dump_lock writes (a live entry has none)
SHORT = 24  # longer values are paragraphs' texts, seldom read twice: their readings are not cached
# Printable lines (see PRINTABLE_LINE): one match over the whole text spares every value
# and comment a check of its own.
PRINTABLE_LINES = re.compile(f"[\n{PRINTABLE_CHARS}]*\\Z")


# --- a lock's body exactly in the layout dump_lock writes: one match proves the layout
# of the usual lock, one findall per list cuts its entries (see _read_written).

def _written_entry(value: str) -> str:
    """A pattern for an entry's lines as dump_lock writes them (a live entry has no status
    nor at), each value matched by ``value``."""
    return rf"- anchor: {value}\n  label: {value}\n(?:  status: {value}\n  at: {value}\n)?  text: {value}\n"


def _written_list(key: str, item: str) -> str:
    """A pattern for ``key: []``, or ``key:`` then one ``item`` or more, captured."""
    return rf"{key}:(?: \[\]\n|\n((?:{item})+))"


WRITTEN_ENTRY = re.compile(_written_entry("(.+)"))  # every value one line, never empty
WRITTEN_BODY = re.compile(_written_list("slugs", r"- .+\n") + _written_list("paragraphs", _written_entry(".+"))
                          + _written_list("headings", _written_entry(".+")))


class Declined(Exception):
    """The text is not in a layout this module reads exactly as PyYAML does."""


@dataclass(frozen=True)
class LockReading:
    data: dict[str, list]  # {slugs, paragraphs, headings}, as yaml.safe_load reads the text
    # Whether the text is the expected header line, then exactly what dump_block_yaml writes
    # for ``data`` with entries as dump_lock makes them: so dump_lock(the lock) == the text.
    canonical: bool


def read_lock_text(text: str) -> dict[str, list] | None:
    """``{slugs, paragraphs, headings}`` from a lock's text, as yaml.safe_load gives them;
    None if the text is not in the layout PyYAML writes locks in."""
    reading = read_lock(text, "")
    return reading.data if reading is not None else None


def read_lock(text: str, header: str) -> LockReading | None:
    """The lock in ``text`` as yaml.safe_load reads it, and whether the text is canonical:
    ``header`` (one comment line, with its line end) then the writer's layout. None if the
    text is not in the layout PyYAML writes locks in."""
    # PyYAML reads U+0085, U+2028 and U+2029 as line ends, even in a comment, refuses
    # control characters anywhere, and a tab or "\r" changes the layout: a text of printable
    # lines only is read here.
    if not text.endswith("\n") or not PRINTABLE_LINES.match(text):
        return None
    data = _read_written(text, header)  # the usual lock: as the build wrote it
    canonical = data is not None
    if data is None:
        try:
            data, canonical = _read(text.split("\n")[:-1], header)  # [:-1]: after the last line end
        except Declined:
            return None
    if canonical and len(text) > LOCK_WIDTH:  # dump_block_yaml leaves a longer line to PyYAML, which may fold it
        canonical = max(map(len, text.split("\n")[1:])) <= LOCK_WIDTH
    return LockReading(data, canonical)


def read_scalar(raw: str) -> tuple[str | None, bool]:
    """The value of ``raw``, a printable scalar of one line as a lock holds it (null is None),
    and whether write_scalar writes that value so; Declined if PyYAML might read it otherwise."""
    if raw.startswith("'"):
        inner = raw[1:-1]
        if len(raw) < 2 or not raw.endswith("'") or "'" in inner.replace("''", ""):
            raise Declined
        value = inner.replace("''", "'")
        # Whether write_scalar(value) == raw, without its second scan of a printable value:
        # it quotes the value as raw is quoted unless it writes it plain.
        return value, not (value and reads_back_as_itself(value))
    if raw == "null":
        return None, True
    if not raw or not reads_back_as_itself(raw):  # PyYAML reads a plain scalar as itself only if
        raise Declined                             # it would write it so
    return raw, True


# Anchors, labels and statuses repeat from lock to lock: their readings are cached.
read_short_scalar = lru_cache(maxsize=1024)(read_scalar)


def _read_written(text: str, header: str) -> dict[str, list] | None:
    """What ``_read`` reads in ``text`` when it finds it canonical: ``header`` (one comment
    line), then the body exactly as dump_lock writes it; None for any other text (``_read``
    then reads it). A printable text is assumed (see read_lock)."""
    if not header.startswith("#") or header.find("\n") != len(header) - 1 or not text.startswith(header):
        return None
    body = WRITTEN_BODY.fullmatch(text, len(header))
    if body is None:
        return None
    slugs, paragraphs, headings = body.groups()
    try:
        return {"slugs": [_written_value(line[2:]) for line in slugs.split("\n")[:-1]] if slugs else [],
                "paragraphs": _written_entries(paragraphs),
                "headings": _written_entries(headings)}
    except Declined:  # here: not as dump_lock writes it, or not read here at all; _read decides
        return None


def _written_entries(lines: str | None) -> list[dict[str, Any]]:
    """The entries in ``lines`` (WRITTEN_ENTRY's), each with its keys in the order written."""
    if lines is None:
        return []
    entries = []
    for anchor, label, status, at, text in WRITTEN_ENTRY.findall(lines):
        if not status:  # a live entry
            entries.append({"anchor": _written_value(anchor), "label": _written_value(label),
                            "text": _written_value(text)})
            continue
        status = _written_value(status)
        if status not in RETIRED:
            raise Declined
        entries.append({"anchor": _written_value(anchor), "label": _written_value(label), "status": status,
                        "at": None if at == "null" else _written_value(at), "text": _written_value(text)})
    return entries


def _written_value(raw: str) -> str:
    """The string ``raw`` holds, if dump_lock writes it so (as ``_read`` decides it)."""
    if len(raw) > SHORT and not raw.startswith("'"):  # most texts, as in _read
        if not reads_back_as_itself(raw):
            raise Declined
        return raw
    value, as_written = read_short_scalar(raw) if len(raw) <= SHORT else read_scalar(raw)
    if not as_written or value is None:
        raise Declined
    return value


def _read(lines: list[str], header: str) -> tuple[dict[str, list], bool]:
    """The data in ``lines`` and whether they are canonical (see LockReading)."""
    data: dict[str, list] = {}
    items: list | None = None  # the list being filled
    entries = False  # whether it holds entries (paragraphs, headings) rather than slugs
    entry: dict[str, Any] | None = None  # the mapping being filled
    key = ""  # the key last read into it
    bare: list[str] = []  # top keys written "key:", whose items must follow
    canonical = lines[0] + "\n" == header and header.startswith("#")
    for line in lines[1:] if lines[0].startswith("#") else lines:
        # Most lines continue an entry ("  text: ..."): the first test finds them.
        if line.startswith("  "):
            name, sep, raw = line.partition(": ")
            key = NEXT_KEYS.get(name)
            if entry is None or not sep or key is None or key in entry:
                raise Declined
        elif line.startswith("- "):
            if items is None:
                raise Declined
            name, sep, raw = line.partition(": ")
            if line.startswith("- '") or not (sep or line.endswith(":")):  # a scalar item: a slug
                entry = None
                if entries:
                    canonical = False
                raw = line[2:]
            else:  # a mapping item: an entry
                key = FIRST_KEYS.get(name)
                if not sep or key is None:
                    raise Declined
                entry = {}
                items.append(entry)
                if not entries:
                    canonical = False
        elif not line or line.startswith("#"):  # a blank line or a comment: dump_lock writes none
            canonical = False
            continue
        else:
            name, sep, rest = line.partition(":")
            if name not in TOP_KEYS or name in data or rest not in ("", " []"):
                raise Declined
            data[name] = []
            items, entry = (data[name] if not rest else None), None  # "key: []" takes no items
            entries = name != "slugs"
            if not rest:
                bare.append(name)
            continue
        if len(raw) > SHORT and not raw.startswith("'"):  # most texts: plain, and seldom seen twice
            if not reads_back_as_itself(raw):
                raise Declined
            value = raw
        else:
            value, as_written = read_short_scalar(raw) if len(raw) <= SHORT else read_scalar(raw)
            if not as_written or (value is None and (entry is None or key != "at")):  # dump_lock writes
                canonical = False  # null for "at" only
        if entry is None:
            items.append(value)
        else:
            entry[key] = value
            if key == "status" and value not in RETIRED:
                canonical = False
    if list(data) != list(TOP_KEYS) or any(not data[name] for name in bare):
        raise Declined  # "key:" with no item below is null to PyYAML; the writer writes "key: []"
    # Each entry's keys, in the order read: one pass in C per list.
    return data, canonical and WRITTEN_KEYS.issuperset(map(tuple, data["paragraphs"])) \
        and WRITTEN_KEYS.issuperset(map(tuple, data["headings"]))


class Unwritten(Exception):
    """A value write_lock_body leaves to dump_block_yaml."""


def write_lock_body(slugs: list[str], paragraphs: list[LockEntry], headings: list[LockEntry]) -> str | None:
    """What ``dump_block_yaml({slugs, paragraphs, headings}, LOCK_WIDTH)`` writes, each entry
    a mapping {anchor, label, [status, at,] text} with status and at only for a retired one
    (as dump_lock makes them); None when it might not be this layout (a value that is not
    a string, or not a printable line; a line longer than LOCK_WIDTH): the caller then
    calls dump_block_yaml."""
    if type(slugs) is not list:
        return None
    try:
        lines = ["slugs:", *["- " + _written(slug) for slug in slugs]] if slugs else ["slugs: []"]
        lines += _entry_lines("paragraphs", paragraphs)
        lines += _entry_lines("headings", headings)
    except Unwritten:
        return None
    text = "\n".join(lines) + "\n"
    # Every value a printable line (see _written): one match over the whole text.
    if not PRINTABLE_LINES.match(text) or text.count("\n") != len(lines):
        return None
    if len(text) > LOCK_WIDTH and max(map(len, lines)) > LOCK_WIDTH:  # PyYAML may fold it
        return None
    return text


def _entry_lines(key: str, entries: list[LockEntry]) -> list[str]:
    if not entries:
        return [f"{key}: []"]
    lines = [f"{key}:"]
    for entry in entries:
        lines.append("- anchor: " + _written(entry.anchor))
        lines.append("  label: " + _written(entry.label))
        if entry.status != LIVE:
            lines.append("  status: " + _written(entry.status))
            lines.append("  at: " + ("null" if entry.at is None else _written(entry.at)))
        lines.append("  text: " + _written(entry.text))
    return lines


def _written(value: Any) -> str:
    """``value`` as dump_block_yaml writes a string, if it is a printable line (the caller
    checks that for the whole text at once); Unwritten if it might not be so written."""
    if type(value) is not str:
        raise Unwritten
    if len(value) > SHORT:  # a paragraph's text: not cached, see block_scalar
        return plain_or_quoted(value)
    written = block_scalar(value)
    if written is None:
        raise Unwritten
    return written
