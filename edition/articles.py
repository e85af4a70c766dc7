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
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from typing import Callable, Iterator, Sequence

from . import pages
from .cache import ArticleKey, BuildCache, article_key
from .errors import EditionError, Problem
from .metadata import ArticleMeta
from .model import Article
from .parallel import job_count, map_chunks
from .writer import render_article

log = logging.getLogger(__name__)

ReadArticle = Callable[[object, ArticleMeta, object], Article]  # (edition, meta, context) -> Article
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ArticleOutcome:
    """One article built: the Article, its two pages and what the passes warned about."""

    slug: str
    article: Article | None
    page: str = ""  # Markdown of docs/articles/<slug>.md, without the stamp
    report: str = ""  # Markdown of docs/reports/<slug>.md, without the stamp
    warnings: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    from_cache: bool = False


@dataclass(frozen=True)
class ArticlesBuilt:
    outcomes: list[ArticleOutcome]
    read: int  # articles read by a reader in this build
    from_cache: int  # articles taken from the cache


def build_one(read: ReadArticle, edition, context, meta: ArticleMeta) -> ArticleOutcome:
    """Read, transform and render one article with a context of its own for warnings."""
    own_context = replace(context, warnings=[])
    try:
        article = read(edition, meta, own_context)
    except EditionError as err:
        return ArticleOutcome(meta.slug, None, problems=tuple(err.problems))
    page = render_article(article, f"../{pages.report_path(article.slug)}")
    return ArticleOutcome(meta.slug, article, page, pages.render_report(article), tuple(own_context.warnings))


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


def build_chunk(read: ReadArticle, edition, context, metas: Sequence[ArticleMeta]) -> list[ArticleOutcome]:
    with gc_paused():
        return [build_one(read, edition, context, meta) for meta in metas]


def cached_outcomes(cache: BuildCache, metas: list[ArticleMeta]) -> tuple[dict[str, ArticleKey], dict[str, ArticleOutcome]]:
    """The key of every article and the outcomes the cache holds for them."""
    shared = cache.shared_digest()
    keys = {meta.slug: article_key(cache.root, meta, shared) for meta in metas}
    found = {}
    for meta in metas:
        outcome = cache.load(meta.slug, keys[meta.slug].digest)
        if outcome is not None:
            # The key covers the whole record: only the YAML positions may differ.
            found[meta.slug] = replace(outcome, article=outcome.article.with_(meta=meta), from_cache=True)
    return keys, found


def store_outcome(cache: BuildCache, key: ArticleKey, outcome: ArticleOutcome) -> None:
    """Cache a successful outcome, unless the source changed between hashing and reading."""
    if outcome.problems or outcome.article is None or outcome.article.source.sha256 != key.source_sha256:
        return
    cache.store(outcome.slug, key.digest, replace(outcome, article=outcome.article.with_(meta=None)))


def build_articles(edition, metas: list[ArticleMeta], context, read: ReadArticle,
                   progress: Progress | None = None, cache: BuildCache | None = None,
                   jobs: int | None = None) -> ArticlesBuilt:
    """Every article's outcome, in the order of ``metas``.

    ``edition`` is handed to ``read`` (and sent to worker processes): keep it small.
    """
    with gc_paused():
        return _build_articles(edition, metas, context, read, progress, cache, jobs)


def _build_articles(edition, metas: list[ArticleMeta], context, read: ReadArticle, progress: Progress | None,
                    cache: BuildCache | None, jobs: int | None) -> ArticlesBuilt:
    keys, found = cached_outcomes(cache, metas) if cache else ({}, {})
    to_read = [meta for meta in metas if meta.slug not in found]
    workers = job_count(jobs, len(to_read))
    log.debug("articles: %d from cache, %d to read with %d worker(s)", len(found), len(to_read), workers)
    fresh = map_chunks(partial(build_chunk, read, edition, context), to_read, workers)
    outcomes = []
    try:
        for index, meta in enumerate(metas, start=1):
            if progress:
                progress(index, len(metas), meta.slug)
            outcome = found.get(meta.slug) or next(fresh)
            if cache and not outcome.from_cache:
                store_outcome(cache, keys[meta.slug], outcome)
            outcomes.append(outcome)
    finally:
        fresh.close()  # shuts the worker pool down
    if cache:
        cache.keep_only({meta.slug for meta in metas})
    return ArticlesBuilt(outcomes, len(to_read), len(found))
