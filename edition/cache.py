"""The build cache: an article is read again only when something it depends on changed.

An article's cache key is a SHA-256 digest of everything its page depends on:

| input                     | why                                                          |
| ------------------------- | ------------------------------------------------------------ |
| the engine's code         | every ``edition/**/*.py`` file: a code change rebuilds all   |
| edition-wide inputs       | ``edition_inputs()``: glossary.yml (add files here that every |
|                           | article depends on)                                          |
| the article's metadata    | the parsed ``ArticleMeta`` that the build used (its repr)    |
| the source's bytes        | SHA-256 of sources/<file>                                    |
| the article's own files   | ``article_inputs()``: its anchor lock file, when it exists   |

The metadata enters as the parsed record, not its file's bytes: the key then
describes exactly what the reader was given (no race with an editor saving the
file between discovery and hashing), and a comment edited in the YAML does not
rebuild the page.

Entries live in ``.edition-cache/`` (git-ignored) beside sources/, in packs: one file
per batch of articles built together (a worker's chunk, a serial build, the entries
re-keyed after new locks), holding each article's key and pickled outcome (the article's
summary, its two pages and its lock text; not the Article itself, which is twenty times
larger). One file per article made a first build create 1,000 files besides its 2,000
pages; creating a file costs 0.03 ms in most folders and up to 1 ms in a folder whose
part of the disk is nearly full (measured on the bench's VM). An entry is a pure
function of its key, so packs never need to agree: any entry under the key looked for is
right. A pack none of whose entries is current any more is deleted after the build; when
most stored entries are stale, the current ones are written again as one pack (see
``BuildCache.prune``). The folder is a pure cache: deleting it gives the same output,
only slower. A ``BuildCache`` also keeps the last build in memory, so ``serve`` does not
even reload unchanged entries.

Contract for passes: everything a pass produces for an article must end up in the
Article (or in ``context.warn``), never in other shared state, since a cached or
parallel build does not run the pass in this process.

Security: the entries are pickles, written and read only by this engine in the
edition's own folder; the cache is as trusted as the edition folder itself.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import secrets
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import write_atomically
from .metadata import ArticleMeta, meta_from_bytes
from .written import WrittenPages, stat_signature

log = logging.getLogger(__name__)

CACHE_DIR = ".edition-cache"
FORMAT = "edition-cache-2"  # bump when the layout of entries changes
PACK_SUFFIX = ".pack"
# Stale entries are compacted away once they outnumber the current ones by this much.
STALE_SLACK = 64
ENGINE_PACKAGE = Path(__file__).resolve().parent
ABSENT = b"\0absent\0"  # stands for a dependency file that does not exist


def digest_files(paths: list[Path], base: Path) -> str:
    """SHA-256 over the names (relative to ``base``) and bytes of ``paths``; absent files count as absent."""
    sha = hashlib.sha256()
    prefix = f"{base}{os.sep}"
    for path in paths:
        try:
            with open(path, "rb") as stream:
                data = stream.read()
        except FileNotFoundError:
            data = ABSENT
        name = str(path).removeprefix(prefix).replace(os.sep, "/")
        sha.update(f"{name}\0{len(data)}\0".encode("utf-8"))
        sha.update(data)
    return sha.hexdigest()


def engine_digest() -> str:
    """The engine's own code and the Python that runs it."""
    files = sorted(ENGINE_PACKAGE.rglob("*.py"))
    return hashlib.sha256(f"{FORMAT}\0{sys.version}\0{digest_files(files, ENGINE_PACKAGE)}".encode()).hexdigest()


from .anchor_lock import lock_path  # noqa: E402


def edition_inputs(root: Path) -> list[Path]:
    """Files that every article's page depends on. Extend when a pass reads another one."""
    return [root / "glossary.yml"]


def article_inputs(root: Path, meta: ArticleMeta) -> list[Path]:
    """Files besides the source that one article's page depends on: its anchor lock."""
    return [lock_path(root, meta.source)]


@dataclass(frozen=True)
class ArticleKey:
    digest: str  # the cache key
    source_sha256: str  # of the source bytes hashed into it (a reader must have read the same)


RACY_SECONDS = 2.0  # a file changed this close to when it was hashed is hashed again (as git does)


@dataclass
class FileHashes:
    """SHA-256 of files, remembered with their stat signature (size, mtime, ctime, inode).

    ``serve`` rebuilds after every edit; hashing every source and lock of a 1,000-article
    edition each time took about 0.1 s. A file whose signature is unchanged is not read
    again, unless it was modified within RACY_SECONDS of being hashed: then an edit in the
    same clock tick could keep the signature, so it is hashed again.
    """

    known: dict[str, tuple[tuple[int, int, int, int], float, str]] = field(default_factory=dict)

    def sha256(self, path: str, keep: dict[str, bytes | None] | None = None) -> str:
        """The file's SHA-256, "absent" if it cannot be read. ``keep``: gets the bytes read,
        by path (None: the file does not exist); a file not read again is left out."""
        try:
            data, digest = self.read(path)
        except OSError as err:
            self.known.pop(path, None)
            if keep is not None and isinstance(err, FileNotFoundError):
                keep[path] = None  # another error is left to the reader, which reports it
            return "absent"
        if keep is not None and data is not None:
            keep[path] = data
        return digest

    def read(self, path: str) -> tuple[bytes | None, str]:
        """(the file's bytes, their SHA-256); the bytes are None when the file was not read
        again because its signature is unchanged. Raises OSError as open() does."""
        stat = os.stat(path)
        signature = stat_signature(stat)
        remembered = self.known.get(path)
        if remembered and remembered[0] == signature and stat.st_mtime < remembered[1] - RACY_SECONDS:
            return None, remembered[2]
        hashed_at = time.time()
        with open(path, "rb") as stream:
            data = stream.read()
        digest = hashlib.sha256(data).hexdigest()
        self.known[path] = (signature, hashed_at, digest)
        return data, digest


def article_key(root: Path, meta: ArticleMeta, shared: str, hashes: FileHashes | None = None,
                read: dict[str, bytes | None] | None = None) -> ArticleKey:
    """The cache key of one article; ``shared`` is engine and edition-wide digests together.

    ``read``: if given, gets the bytes of each file hashed (FileHashes.sha256's ``keep``),
    for BuildContext.inputs: the article is then built from the very bytes its key describes.
    """
    hashes = hashes or FileHashes()
    source = hashes.sha256(os.path.join(root, "sources", meta.source), read)
    sha = hashlib.sha256()
    sha.update(f"{shared}\0{source}\0".encode())
    sha.update(repr(meta).encode("utf-8"))
    for path in article_inputs(root, meta):
        sha.update(f"{path.name}\0{hashes.sha256(str(path), read)}\0".encode())
    return ArticleKey(sha.hexdigest(), source)


def write_pack(folder: Path, entries: dict[str, tuple[str, bytes]]) -> str:
    """Write ``entries`` (slug -> (key, pickled outcome)) as one new pack; return its file name.

    The name is new (random), and the file appears whole or not at all, so a pack is
    never changed once written: a process that read it need not read it again.
    """
    name = secrets.token_hex(8) + PACK_SUFFIX
    write_atomically(folder / "articles" / name, pickle.dumps(entries, pickle.HIGHEST_PROTOCOL))
    return name


def read_pack(path: Path) -> dict[str, tuple[str, bytes]]:
    """A pack's entries; {} for a pack that is gone, damaged or of another format (only misses)."""
    try:
        with open(path, "rb") as stream:
            entries = pickle.load(stream)
    except FileNotFoundError:
        return {}
    except Exception as err:  # a truncated or foreign file is only a cache miss
        log.debug("cache: ignoring unreadable pack %s: %s", path.name, err)
        return {}
    if not isinstance(entries, dict):
        log.debug("cache: ignoring %s: not a pack", path.name)
        return {}
    return entries


@dataclass
class BuildCache:
    """Cached articles and parsed metadata of one edition, on disk and in memory."""

    root: Path
    engine: str = field(default_factory=engine_digest)
    entries: dict[str, tuple[str, Any]] = field(default_factory=dict)  # slug -> (key, entry): current ones
    metas: dict[str, tuple[str, ArticleMeta]] | None = None  # metadata file -> (bytes digest, record)
    metas_changed: bool = False
    written: WrittenPages | None = None  # what the build last wrote into docs/
    hashes: FileHashes = field(default_factory=FileHashes)  # in memory only: sources and locks
    # What the packs on disk hold, as far as this process knows: pack file -> {slug: key},
    # and slug -> {key: pickled entry} for packs read but entries not loaded yet.
    packs: dict[str, dict[str, str]] = field(default_factory=dict)
    unloaded: dict[str, dict[str, bytes]] = field(default_factory=dict)
    legacy: list[str] = field(default_factory=list)  # one-entry files of edition-cache-1, deleted by prune

    @property
    def folder(self) -> Path:
        return self.root / CACHE_DIR

    def shared_digest(self) -> str:
        return hashlib.sha256(f"{self.engine}\0{digest_files(edition_inputs(self.root), self.root)}"
                              .encode()).hexdigest()

    def read_new_packs(self) -> None:
        """Read the packs that appeared on disk since this process last looked (all, the
        first time); a pack is never changed, so one already known is not read again."""
        try:
            names = os.listdir(self.folder / "articles")
        except (FileNotFoundError, NotADirectoryError):
            names = []
        self.legacy = [name for name in names if name.endswith(".pickle")]
        for name in names:
            if name.endswith(PACK_SUFFIX) and name not in self.packs:
                held = read_pack(self.folder / "articles" / name)
                self.packs[name] = {slug: key for slug, (key, _data) in held.items()}
                for slug, (key, data) in held.items():
                    self.unloaded.setdefault(slug, {})[key] = data

    def stored_slugs(self) -> set[str]:
        """Slugs with an entry in memory or on disk (none on disk in a first build)."""
        self.read_new_packs()
        return set(self.entries) | set(self.unloaded)

    def load(self, slug: str, key: str) -> Any | None:
        """The entry stored for ``slug`` under ``key``, or None."""
        remembered = self.entries.get(slug)
        if remembered and remembered[0] == key:
            return remembered[1]
        data = self.unloaded.get(slug, {}).pop(key, None)  # freed once loaded: a warm build at 5,000
        if data is None:                                     # articles peaked 150 MB higher holding both
            return None
        try:
            entry = pickle.loads(data)
        except Exception as err:  # written by a broken build, say: only a miss
            log.debug("cache: ignoring unreadable entry for %s: %s", slug, err)
            return None
        self.entries[slug] = (key, entry)
        return entry

    def store(self, slug: str, key: str, entry: Any) -> None:
        self.store_many({slug: (key, entry)})

    def store_many(self, entries: dict[str, tuple[str, Any]]) -> None:
        """Keep ``entries`` (slug -> (key, entry)) in memory and write them as one pack."""
        if not entries:
            return
        self.entries.update(entries)
        pickled = {slug: (key, pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)) for slug, (key, entry) in entries.items()}
        self.packs[write_pack(self.folder, pickled)] = {slug: key for slug, (key, _entry) in entries.items()}

    def remember(self, slug: str, key: str, entry: Any, pack: str) -> None:
        """Keep in memory an entry that a worker process already wrote to disk, in ``pack``."""
        self.entries[slug] = (key, entry)
        self.packs.setdefault(pack, {})[slug] = key

    def rekey_after_locks(self, root: Path, metas, written: set[Path]) -> None:
        """Anchor locks this build just wrote describe exactly the articles it built: keep
        those entries valid under the new lock, so the next build need not read them again."""
        shared = self.shared_digest()
        rekeyed = {}
        for meta in metas:
            remembered = self.entries.get(meta.slug)
            if remembered and lock_path(root, meta.source) in written:
                rekeyed[meta.slug] = (article_key(root, meta, shared, self.hashes).digest, remembered[1])
        self.store_many(rekeyed)
        if rekeyed:
            self.prune()

    def keep_only(self, slugs: set[str]) -> None:
        """Forget entries of articles that are no longer in the edition, and prune the packs."""
        for slug in [s for s in self.entries if s not in slugs]:
            del self.entries[slug]
        self.prune(slugs)

    def prune(self, edition_slugs: set[str] | None = None) -> None:
        """Delete the packs that hold no current entry (``entries`` holds the current ones,
        after a build). Write the current entries again as one pack, deleting every other,
        when stale entries outnumber them by STALE_SLACK, or when a pack holds an article
        no longer in the edition (``edition_slugs``): a removed article's text does not
        stay behind. Packs this process never read (another build's, written meanwhile)
        are left alone."""
        self.unloaded.clear()  # after a build, whatever was to be loaded has been
        current = {slug: key for slug, (key, _entry) in self.entries.items()}
        live = {name: sum(current.get(slug) == key for slug, key in held.items())
                for name, held in self.packs.items()}
        stale = sum(len(held) for held in self.packs.values()) - sum(live.values())
        removed = edition_slugs is not None and any(
            slug not in edition_slugs for held in self.packs.values() for slug in held)
        if removed or stale > sum(live.values()) + STALE_SLACK:
            gone = list(self.packs)
            self.packs.clear()
            self.store_many(dict(self.entries))
        else:
            gone = [name for name, count in live.items() if count == 0]
            for name in gone:
                del self.packs[name]
        for name in gone + self.legacy:
            (self.folder / "articles" / name).unlink(missing_ok=True)
        self.legacy = []

    # --- parsed metadata files --------------------------------------------------

    def metas_path(self) -> Path:
        return self.folder / "metadata.pickle"

    def _meta_table(self) -> dict[str, tuple[str, ArticleMeta]]:
        if self.metas is None:
            self.metas = {}
            try:
                with open(self.metas_path(), "rb") as stream:
                    if pickle.load(stream) == self.engine:
                        self.metas = pickle.load(stream)
            except FileNotFoundError:
                pass
            except Exception as err:
                log.debug("cache: ignoring unreadable metadata cache: %s", err)
        return self.metas

    def load_meta(self, path: Path, shown_as: str) -> ArticleMeta:
        """``metadata.load_meta``, skipping the parse when the file's bytes were parsed before.

        Parsed here, in discovery's process: metadata_format.py reads most files in about
        0.03 ms (PyYAML the others in about 0.15 ms), so worker processes would cost more
        than they save even for 1,000 never-parsed files.
        """
        data, digest = self.hashes.read(str(path))  # in serve, an unchanged file is not read again
        table = self._meta_table()
        if shown_as in table and table[shown_as][0] == digest:
            return table[shown_as][1]
        if data is None:  # known to the hashes, not to the table (a parse that failed, say)
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
        meta = meta_from_bytes(data, shown_as)  # raises EditionError for the editor: never cached
        table[shown_as] = (digest, meta)  # the digest is of the very bytes parsed
        self.metas_changed = True
        return meta

    def save_metas(self, wanted: set[str]) -> None:
        """Write the parsed metadata table if it changed, keeping only the ``wanted`` files."""
        table = self._meta_table()
        for gone in [p for p in table if p not in wanted]:
            del table[gone]
            self.metas_changed = True
        if not self.metas_changed:
            return
        data = pickle.dumps(self.engine, pickle.HIGHEST_PROTOCOL) + pickle.dumps(table, pickle.HIGHEST_PROTOCOL)
        write_atomically(self.metas_path(), data)
        self.metas_changed = False


    # --- what the build wrote into docs/ -----------------------------------------

    def written_pages(self, docs: Path) -> WrittenPages:
        if self.written is None:
            self.written = WrittenPages()
            try:
                with open(self.folder / "docs.pickle", "rb") as stream:
                    recorded_docs, records = pickle.load(stream)
                if recorded_docs == str(docs.resolve()):
                    self.written = WrittenPages(records)
            except FileNotFoundError:
                pass
            except Exception as err:  # an unreadable record only means reading pages back
                log.debug("cache: ignoring unreadable docs record: %s", err)
        self.written.start_build()  # asked once per build
        return self.written

    def save_written_pages(self, docs: Path) -> None:
        if self.written is not None and self.written.changed:
            data = pickle.dumps((str(docs.resolve()), self.written.records), pickle.HIGHEST_PROTOCOL)
            write_atomically(self.folder / "docs.pickle", data)
            self.written.changed = False
