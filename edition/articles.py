"""Building every article: from the cache when nothing changed, otherwise by reading it.

``build_articles`` is what ``pipeline.generate`` runs. For each article it either
takes the cached outcome (see cache.py for what invalidates one) or reads,
transforms and renders the article, in worker processes for large editions (see
parallel.py). Outcomes come back in the order of the metadata, so the build's
output does not depend on the cache or on the number of workers.

Errors stay per file: a reader's EditionError becomes the outcome's problems and
the other articles are still read, so the editor sees every problem at once.
"""

from __future__ import annotations

import gc
import logging
import pickle
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping, Sequence

from . import pages
from .cache import ArticleKey, BuildCache, article_key, write_pack
from .errors import EditionError, Problem
from .glossary_page import term_places
from .locks import changed_lock_text
from .metadata import ArticleMeta
from .model import Article
from .outputs import write_staged
from .parallel import job_count, map_chunks_as_done
from .summary import ArticleSummary, summary_of
from .writer import render_article

log = logging.getLogger(__name__)

ReadArticle = Callable[[object, ArticleMeta, object], Article]  # (edition, meta, context) -> Article
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ArticleOutcome:
    """One article built: its summary, its two pages and what the passes warned about.

    The Article itself is kept only when asked for (``keep_articles``: ``check`` scans
    every block); otherwise it stays in the process that built it.
    """

    slug: str
    summary: ArticleSummary | None  # None: the article could not be read (see problems)
    page: str = ""  # Markdown of docs/articles/<slug>.md, without the stamp
    report: str = ""  # Markdown of docs/reports/<slug>.md, without the stamp
    warnings: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    from_cache: bool = False
    # Text of its anchor lock file, worked out where the article was built (dumping YAML
    # is not cheap); None when the lock file already held exactly that text then.
    lock: str | None = None
    term_places: tuple = ()  # where it uses glossary terms (glossary_page.term_places), for the glossary page
    article: Article | None = None  # only with keep_articles
    stamps: tuple[str, ...] = ()  # stamp lines of its pages, when a worker staged them (write_staged)

    def with_meta(self, meta: ArticleMeta | None) -> "ArticleOutcome":
        """The outcome with ``meta`` in its summary and article (None: stripped for pickling)."""
        if self.summary is None:
            return self
        return replace(self, summary=self.summary.with_meta(meta),
                       article=self.article.with_(meta=meta) if self.article is not None else None)


@dataclass(frozen=True)
class ArticlesBuilt:
    outcomes: list[ArticleOutcome]
    read: int  # articles read by a reader in this build
    from_cache: int  # articles taken from the cache


def build_one(read: ReadArticle, edition, context, keep_articles: bool, meta: ArticleMeta,
              inputs: Mapping[str, bytes | None] | None = None) -> ArticleOutcome:
    """Read, transform and render one article with a context of its own for warnings;
    ``inputs``: its files already read (BuildContext.inputs)."""
    own_context = replace(context, warnings=[], inputs=inputs or {})
    try:
        article = read(edition, meta, own_context)
    except EditionError as err:
        return ArticleOutcome(meta.slug, None, problems=tuple(err.problems))
    page = render_article(article, f"../{pages.report_path(article.slug)}")
    lock = changed_lock_text(context.root, article)  # here, in parallel, rather than in the main process
    # A kept Article goes without the lock the anchor pass read: it has served here, and
    # would be a quarter of the pickle sent to the main process.
    return ArticleOutcome(meta.slug, summary_of(article), page, pages.render_report(article),
                          tuple(own_context.warnings), lock=lock, term_places=term_places(article),
                          article=article.with_(canonical_lock=None) if keep_articles else None)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cycle collector while building many small, acyclic objects.

    Articles are trees of frozen dataclasses (no reference cycles: reference counting
    frees them); with the collector on, each of its passes rescans every article
    built so far, which made loading 1,000 cached articles 4.6 times slower.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_chunk_in_worker(read: ReadArticle, edition, context, keep_articles: bool, cache_folder: Path | None,
                          shared: str | None, staging: Path | None,
                          tasks: Sequence[tuple[ArticleMeta, ArticleKey | None]]) -> list[tuple[str | None, str, bytes]]:
    """``build_one`` over a chunk, in a worker process: each outcome pickled once (without its metadata,
    which the main process has), and the chunk's entries written to the cache from here, in
    parallel, as one pack; its pages written to ``staging`` (see outputs.staging_area), if given.

    A task without a key (an article the cache held no entry for) gets it worked out
    here, from ``shared`` (BuildCache.shared_digest). Returns (the key of the entry
    stored, or None; the pack holding it, or ""; the pickled outcome) per task.
    """
    results, pack = [], {}
    with gc_paused():
        for meta, key in tasks:
            inputs: dict[str, bytes | None] = {}
            if cache_folder is not None and key is None:
                key = article_key(context.root, meta, shared, read=inputs)  # built from the very bytes hashed
            outcome = build_one(read, edition, context, keep_articles, meta, inputs)
            if staging is not None and outcome.summary is not None:
                stamps = write_staged(staging, pages.article_pages(outcome.summary, outcome.page, outcome.report,
                                                                   context.glossary))
                outcome = replace(outcome, stamps=stamps)
            outcome = outcome.with_meta(None)
            data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            if cache_folder is not None and cacheable(outcome, key):
                pack[meta.slug] = (key.digest, data)
            results.append((meta.slug, data))
    name = write_pack(cache_folder, pack) if pack else ""
    return [(pack[slug][0] if slug in pack else None, name, data) for slug, data in results]


def cacheable(outcome: ArticleOutcome, key: ArticleKey | None) -> bool:
    """A successful outcome whose source is the one hashed into its key (not saved meanwhile),
    and without its Article: an entry holds the summary and pages only."""
    return (key is not None and not outcome.problems and outcome.summary is not None and outcome.article is None
            and outcome.summary.source_sha256 == key.source_sha256)


def cached_outcomes(cache: BuildCache, metas: list[ArticleMeta],
                    shared: str) -> tuple[dict[str, ArticleKey], dict[str, ArticleOutcome]]:
    """The outcomes the cache holds for ``metas``, and the keys worked out to look for them.

    Only an article with an entry (in memory or on disk) needs its key before it is read;
    the others get theirs where they are read, in the workers: hashing every source and
    lock here took 0.1 s of a first build at 1,000 articles, before any worker started.
    """
    stored = cache.stored_slugs()
    keys, found = {}, {}
    for meta in metas:
        if meta.slug not in stored:
            continue
        key = keys[meta.slug] = article_key(cache.root, meta, shared, cache.hashes)
        outcome = cache.load(meta.slug, key.digest)
        if outcome is not None:
            # The key covers the whole record: only the YAML positions may differ.
            found[meta.slug] = replace(outcome.with_meta(meta), from_cache=True)
    return keys, found


def fresh_outcomes(read: ReadArticle, edition, context, metas: list[ArticleMeta], keys: dict[str, ArticleKey],
                   cache: BuildCache | None, shared: str | None, workers: int, keep_articles: bool,
                   staging: Path | None) -> Iterator[tuple[int, ArticleOutcome]]:
    """(index in ``metas``, outcome) of reading each of ``metas``, in the order they are
    done; cached as they come (by the workers, if any). ``keys``: those already worked
    out; the others are worked out from ``shared`` as each article is read."""
    if workers <= 1:  # one at a time, so that the progress line moves with each article
        to_store = {}
        for index, meta in enumerate(metas):
            inputs: dict[str, bytes | None] = {}
            key = keys.get(meta.slug) or (article_key(cache.root, meta, shared, cache.hashes, inputs)
                                          if cache else None)
            outcome = build_one(read, edition, context, keep_articles, meta, inputs)
            if cache and cacheable(outcome, key):
                to_store[outcome.slug] = (key.digest, outcome.with_meta(None))
            yield index, outcome
        if cache:
            cache.store_many(to_store)  # one pack
        return
    tasks = [(meta, keys.get(meta.slug)) for meta in metas]
    folder = cache.folder if cache else None
    pickled = map_chunks_as_done(partial(build_chunk_in_worker, read, edition, context, keep_articles, folder,
                                         shared, staging), tasks, workers)
    try:
        for index, (stored_key, pack, data) in pickled:
            meta = metas[index]
            outcome = pickle.loads(data)
            if cache and stored_key is not None:
                cache.remember(meta.slug, stored_key, outcome, pack)
            yield index, outcome.with_meta(meta)
    finally:
        pickled.close()  # shuts the worker pool down


def build_articles(edition, metas: list[ArticleMeta], context, read: ReadArticle,
                   progress: Progress | None = None, cache: BuildCache | None = None,
                   jobs: int | None = None, keep_articles: bool = False,
                   staging: Path | None = None) -> ArticlesBuilt:
    """Every article's outcome, in the order of ``metas``.

    ``edition`` is handed to ``read`` (and sent to worker processes): keep it small.
    With ``keep_articles``, each outcome holds its Article; the cache holds none, so
    every article is then read. Worker processes write the pages they render to
    ``staging``, if given (see outputs.staging_area).
    """
    with gc_paused():
        return _build_articles(edition, metas, context, read, progress, None if keep_articles else cache, jobs,
                               keep_articles, staging)


def _build_articles(edition, metas: list[ArticleMeta], context, read: ReadArticle, progress: Progress | None,
                    cache: BuildCache | None, jobs: int | None, keep_articles: bool,
                    staging: Path | None) -> ArticlesBuilt:
    shared = cache.shared_digest() if cache else None
    keys, found = cached_outcomes(cache, metas, shared) if cache else ({}, {})
    to_read = [meta for meta in metas if meta.slug not in found]
    workers = job_count(jobs, len(to_read))
    log.debug("articles: %d from cache, %d to read with %d worker(s)", len(found), len(to_read), workers)
    fresh = fresh_outcomes(read, edition, context, to_read, keys, cache, shared, workers, keep_articles, staging)
    read_now: dict[int, ArticleOutcome] = {}  # by index in to_read, in the order they are done
    try:
        for index, outcome in fresh:
            read_now[index] = outcome
            if progress:
                progress(len(found) + len(read_now), len(metas), outcome.slug)
    finally:
        fresh.close()
    in_order = iter(read_now[index] for index in range(len(to_read)))
    outcomes = [found.get(meta.slug) or next(in_order) for meta in metas]
    if cache:
        cache.keep_only({meta.slug for meta in metas})
    return ArticlesBuilt(outcomes, len(to_read), len(found))
