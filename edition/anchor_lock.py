"""Anchor lock files: sources/<source>.lock.yml, one per source, committed.

They hold every anchor ever published for the article, so that a link to ``¶ 14``
keeps working through corrections, reader improvements and slug renames::

    # Anchor lock for sources/003_….txt: written by build.py, commit it, do not renumber.
    slugs: [defense-key-pillar-vietnam-laos-relations]   # every slug ever published, newest last
    paragraphs:
      - {anchor: p-1, label: '1', text: The countries will support each other…}
      - {anchor: p-2, label: '2', status: merged, at: p-1, text: …}
    headings:
      - {anchor: gian-nan-giua-mien-bien-vien, label: '', text: Gian nan giữa miền biên viễn}

The lock is named after the raw source file, which never changes, so a slug rename
is a change inside the lock, not a new lock.

A lock read from a file that holds exactly what ``dump_lock`` writes for it is
*canonical* (``LoadedLock``): when a build derives the same lock again, the file
already holds its text. Any other file (a comment or a re-quoted label added by hand,
another YAML layout) is rewritten in the build's layout.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .anchor_match import LIVE, MERGED, REMOVED, LockEntry
from .errors import EditionError, Problem
from .lock_format import ENTRY_KEYS, LOCK_WIDTH, read_lock, write_lock_body
from .yaml_writer import dump_block_yaml
from .yamlfile import Positions, parse_yaml

LOCK_SUFFIX = ".lock.yml"
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)")
MARKER_RUNS = ("<" * 7, "=" * 7, ">" * 7)
HEADER = "# Anchor lock for {source}: written by build.py; commit it, never renumber or reuse anchors.\n"


@dataclass
class ArticleLock:
    source: str  # sources/<file>
    slugs: list[str] = field(default_factory=list)
    paragraphs: list[LockEntry] = field(default_factory=list)
    headings: list[LockEntry] = field(default_factory=list)

    def published_anchors(self) -> set[str]:
        return {e.anchor for e in self.paragraphs} | {e.anchor for e in self.headings}


def lock_path(root: Path, source_name: str) -> Path:
    # Path(name).stem without building a Path: called for every article on every build.
    name = source_name.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    stem = name[:dot] if 0 < dot < len(name) - 1 else name
    return root.joinpath("sources", stem + LOCK_SUFFIX)  # one join: asked per article, thrice per build


def conflict_problems(text: str, shown: str) -> list[Problem]:
    # A marker needs seven of one sign in a row: looking for those first spares every
    # lock without one (all of them, nearly always) a regex match per line.
    if not any(run in text for run in MARKER_RUNS):
        return []
    return [Problem(shown, "merge-conflict marker left in the file", number, 1,
                    "resolve the conflict: keep every anchor of both sides (an anchor may be retired, "
                    "never deleted), then run python build.py")
            for number, line in enumerate(text.splitlines(), start=1) if CONFLICT_MARKER.match(line)]


def _entries(raw, key: str, positions, problems: list[Problem], as_written: bool) -> list[LockEntry]:
    """The entries under ``key``. ``as_written``: each is a mapping of the keys dump_lock writes
    to strings (``at`` may be null), a retired status among them, so none needs checking."""
    if as_written:
        entries = [LockEntry(**item) for item in raw[key]]
    else:
        entries = _checked_entries(raw.get(key) or [], key, positions, problems)
    if len({e.anchor for e in entries}) < len(entries):
        for anchor in sorted(a for a, n in Counter(e.anchor for e in entries).items() if n > 1):
            problems.append(positions.problem((key,), f"{key}: anchor {anchor!r} appears twice",
                                              "restore the lock file from git"))
    return entries


def _checked_entries(items, key: str, positions, problems: list[Problem]) -> list[LockEntry]:
    if not isinstance(items, list):  # "paragraphs: yes" would have the loop take True, or each letter
        problems.append(positions.problem((key,), f"{key}: expected a list of {{anchor, label, text[, status, at]}}",
                                          "restore the lock file from git"))
        return []
    entries = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not {"anchor", "label", "text"} <= set(item) or set(item) - ENTRY_KEYS \
                or item.get("status", LIVE) not in (LIVE, REMOVED, MERGED):
            problems.append(positions.problem((key, index), f"{key}: expected {{anchor, label, text[, status, at]}}",
                                              "restore this entry from git (git checkout -- the lock file)"))
            continue
        entries.append(LockEntry(str(item["anchor"]), str(item["label"]), str(item["text"]),
                                 item.get("status", LIVE), item.get("at")))
    return entries


@dataclass(frozen=True)
class LoadedLock:
    """A lock as read from its file."""

    lock: ArticleLock
    # Whether the file holds exactly dump_lock(lock): then a build that derives the same
    # lock again need not write its YAML, nor read the file again to compare.
    canonical: bool = False


def load_lock(path: Path, shown: str, source: str) -> ArticleLock:
    return read_lock_file(path, shown, source).lock


def read_lock_file(path: Path, shown: str, source: str,
                   already_read: Mapping[str, bytes | None] | None = None) -> LoadedLock:
    """The lock in file ``path`` (shown as ``shown`` in messages); an empty one if there is none.

    ``already_read``: file bytes by path, None for a file found absent (BuildContext.inputs);
    the file is read from disk only when its path is not there.
    """
    if already_read and str(path) in already_read:
        data = already_read[str(path)]
        return LoadedLock(ArticleLock(source)) if data is None else parse_lock_text(decode_text(data), shown, source)
    try:
        text = read_text(path)
    except FileNotFoundError:
        return LoadedLock(ArticleLock(source))
    return parse_lock_text(text, shown, source)


def read_text(path: Path) -> str:
    """``path.read_text(encoding="utf-8")``: the same text, the same errors. Decoding the bytes
    at once spares the text layer's scan for line ends, a quarter of reading a lock; a "\r"
    (none in a lock the build wrote) is turned into "\n" as that layer does."""
    return decode_text(path.read_bytes())


def decode_text(data: bytes) -> str:
    """A lock file's bytes as read_text gives them."""
    text = data.decode("utf-8")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def parse_lock(text: str, shown: str, source: str) -> ArticleLock:
    """The lock held by ``text`` (a lock file's content, shown as ``shown`` in messages)."""
    return parse_lock_text(text, shown, source).lock


def parse_lock_text(text: str, shown: str, source: str) -> LoadedLock:
    """The lock held by ``text``, and whether ``text`` is exactly what dump_lock writes for it."""
    reading = read_lock(text, HEADER.format(source=source))  # the layout build.py writes, without PyYAML
    if reading is not None:
        try:
            return LoadedLock(_lock_from(reading.data, shown, source, Positions(shown), reading.canonical),
                              reading.canonical)
        except EditionError:
            pass  # read it again with PyYAML, for the line numbers of the problems
    # Looked for only now: the fast reader declines every line a marker starts
    # (it takes only lines that start with "#", "- ", two spaces or a top key).
    problems = conflict_problems(text, shown)
    if problems:
        raise EditionError(problems)
    data, positions = parse_yaml(text, shown)
    return LoadedLock(_lock_from(data, shown, source, positions))


def _lock_from(data, shown: str, source: str, positions: Positions, as_written: bool = False) -> ArticleLock:
    """The lock in ``data`` (as yaml.safe_load reads it). ``as_written``: the data is what
    dump_lock writes (lock_format.LockReading.canonical), so its entries need no checking."""
    if not isinstance(data, dict):
        raise EditionError.at(shown, "expected a mapping with slugs, paragraphs and headings", 1,
                              hint="restore the lock file from git")
    problems: list[Problem] = []
    paragraphs = _entries(data, "paragraphs", positions, problems, as_written)
    headings = _entries(data, "headings", positions, problems, as_written)
    slugs = data.get("slugs") or []
    if not isinstance(slugs, list) or not all(isinstance(s, str) for s in slugs):
        problems.append(positions.problem(("slugs",), "slugs: expected a list of slugs"))
        slugs = []
    if problems:
        raise EditionError(problems)
    return ArticleLock(source, list(slugs), paragraphs, headings)


def _entry_dict(entry: LockEntry) -> dict:
    data = {"anchor": entry.anchor, "label": entry.label}
    if entry.status != LIVE:
        data["status"] = entry.status
        data["at"] = entry.at
    data["text"] = entry.text
    return data


def lock_data(lock: ArticleLock) -> dict:
    """The lock as the YAML document its file holds (after the header comment)."""
    return {"slugs": lock.slugs,
            "paragraphs": [_entry_dict(e) for e in lock.paragraphs],
            "headings": [_entry_dict(e) for e in lock.headings]}


def dump_lock(lock: ArticleLock) -> str:
    """The text of ``lock``'s file: the header, then ``dump_block_yaml(lock_data(lock))``,
    written by lock_format.write_lock_body when it can (nearly always: it is faster)."""
    body = write_lock_body(lock.slugs, lock.paragraphs, lock.headings)
    if body is None:
        body = dump_block_yaml(lock_data(lock), width=LOCK_WIDTH)
    return HEADER.format(source=lock.source) + body
