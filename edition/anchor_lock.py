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
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .anchor_match import LIVE, MERGED, REMOVED, LockEntry
from .errors import EditionError, Problem
from .lock_format import read_lock_text
from .yaml_writer import dump_block_yaml
from .yamlfile import Positions, parse_yaml

LOCK_SUFFIX = ".lock.yml"
LOCK_WIDTH = 100_000  # PyYAML's line width for locks: long paragraphs stay on one line
CONFLICT_MARKER = re.compile(r"^(<{7}|={7}|>{7})(\s|$)")
MARKER_RUNS = ("<" * 7, "=" * 7, ">" * 7)
ENTRY_KEYS = {"anchor", "label", "text", "status", "at"}
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
    return root / "sources" / (stem + LOCK_SUFFIX)


def conflict_problems(text: str, shown: str) -> list[Problem]:
    # A marker needs seven of one sign in a row: looking for those first spares every
    # lock without one (all of them, nearly always) a regex match per line.
    if not any(run in text for run in MARKER_RUNS):
        return []
    return [Problem(shown, "merge-conflict marker left in the file", number, 1,
                    "resolve the conflict: keep every anchor of both sides (an anchor may be retired, "
                    "never deleted), then run python build.py")
            for number, line in enumerate(text.splitlines(), start=1) if CONFLICT_MARKER.match(line)]


def _entries(raw, key: str, shown: str, positions, problems: list[Problem]) -> list[LockEntry]:
    entries = []
    for index, item in enumerate(raw.get(key) or []):
        where = (key, index)
        if not isinstance(item, dict) or not {"anchor", "label", "text"} <= set(item) or set(item) - ENTRY_KEYS \
                or item.get("status", LIVE) not in (LIVE, REMOVED, MERGED):
            problems.append(positions.problem(where, f"{key}: expected {{anchor, label, text[, status, at]}}",
                                              "restore this entry from git (git checkout -- the lock file)"))
            continue
        entries.append(LockEntry(str(item["anchor"]), str(item["label"]), str(item["text"]),
                                 item.get("status", LIVE), item.get("at")))
    for anchor in sorted(a for a, n in Counter(e.anchor for e in entries).items() if n > 1):
        problems.append(positions.problem((key,), f"{key}: anchor {anchor!r} appears twice",
                                          "restore the lock file from git"))
    return entries


def load_lock(path: Path, shown: str, source: str) -> ArticleLock:
    if not path.exists():
        return ArticleLock(source)
    return parse_lock(path.read_text(encoding="utf-8"), shown, source)


def parse_lock(text: str, shown: str, source: str) -> ArticleLock:
    """The lock held by ``text`` (a lock file's content, shown as ``shown`` in messages)."""
    problems = conflict_problems(text, shown)
    if problems:
        raise EditionError(problems)
    data = read_lock_text(text)  # the layout build.py writes, read without PyYAML
    if data is not None:
        try:
            return _lock_from(data, shown, source, Positions(shown))
        except EditionError:
            pass  # read it again with PyYAML, for the line numbers of the problems
    data, positions = parse_yaml(text, shown)
    return _lock_from(data, shown, source, positions)


def _lock_from(data, shown: str, source: str, positions: Positions) -> ArticleLock:
    if not isinstance(data, dict):
        raise EditionError.at(shown, "expected a mapping with slugs, paragraphs and headings", 1,
                              hint="restore the lock file from git")
    problems: list[Problem] = []
    paragraphs = _entries(data, "paragraphs", shown, positions, problems)
    headings = _entries(data, "headings", shown, positions, problems)
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


def dump_lock(lock: ArticleLock) -> str:
    data = {"slugs": lock.slugs,
            "paragraphs": [_entry_dict(e) for e in lock.paragraphs],
            "headings": [_entry_dict(e) for e in lock.headings]}
    return HEADER.format(source=lock.source) + dump_block_yaml(data, width=LOCK_WIDTH)
