"""What the build last wrote into docs/, so that an unchanged page need not be read back.

For each generated page it wrote (or found intact), the build records the file's
stat signature (size, mtime, ctime, inode) and the page's stamp line, which holds
the SHA-256 of the text below it. When the
signature is unchanged on the next build, the file still holds exactly that text:
any write, by an editor or a tool, changes its ctime (and usually its inode), which
no program can set back. Files whose signature differs are read and checked as
before, so a page edited by hand is still refused, never overwritten.

The record is a pure cache, kept by BuildCache in .edition-cache/docs.pickle:
without it every page is read back, as in a first build.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

Signature = tuple[int, int, int, int]


def signature(path: str | Path) -> Signature | None:
    try:
        return stat_signature(os.stat(path))
    except FileNotFoundError:
        return None


def stat_signature(stat: os.stat_result) -> Signature:
    """What tells that a file changed without reading it: size, mtime, ctime, inode."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


@dataclass
class WrittenPages:
    """docs/-relative path -> (signature of the file, stamp line of the text it holds)."""

    records: dict[str, tuple[Signature, str]] = field(default_factory=dict)
    changed: bool = False
    # The text and sources last recorded per page, in memory only (serve): an equal page
    # needs no stamping (hashing) to know that its file is up to date.
    texts: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict, repr=False)
    # Signatures read during the current build (each page is asked about several times);
    # emptied by start_build, refreshed by record and forget.
    stats: dict[str, Signature | None] = field(default_factory=dict, repr=False)

    def start_build(self) -> None:
        """Forget the signatures read by the last build: files may have changed since."""
        self.stats.clear()

    def _signature(self, docs: Path, rel: str) -> Signature | None:
        if rel not in self.stats:
            self.stats[rel] = signature(os.path.join(docs, rel))
        return self.stats[rel]

    def holds(self, docs: Path, rel: str, content: str, sources: tuple[str, ...]) -> bool:
        """Whether the file is untouched since recorded as ``content`` from ``sources``."""
        return self.texts.get(rel) == (content, sources) and self.digest_of(docs, rel) is not None

    def digest_of(self, docs: Path, rel: str) -> str | None:
        """The stamp line of the page's text if the file is untouched since recorded, else None."""
        record = self.records.get(rel)
        if record is None or self._signature(docs, rel) != record[0]:
            return None
        return record[1]

    def record(self, docs: Path, rel: str, digest: str, content: str, sources: tuple[str, ...]) -> None:
        found = self.stats[rel] = signature(os.path.join(docs, rel))
        if found is None:
            return
        self.texts[rel] = (content, sources)
        if self.records.get(rel) != (found, digest):
            self.records[rel] = (found, digest)
            self.changed = True

    def forget(self, rel: str) -> None:
        self.texts.pop(rel, None)
        self.stats.pop(rel, None)
        if self.records.pop(rel, None) is not None:
            self.changed = True
