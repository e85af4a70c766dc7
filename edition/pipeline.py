"""The pipeline: an edition folder in, generated pages out.

An edition is a folder holding ``sources/`` (raw texts and their ``<slug>.yml``),
``glossary.yml`` and ``mkdocs.yml``. ``generate`` reads and checks everything and
returns the pages in memory; nothing is written into docs/ until every source has been
read without error (``write_pages`` then replaces docs/ pages one by one, atomically;
worker processes may have written theirs to a staging folder beside docs/ meanwhile).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

import yaml

from . import pages
from .anchor_lock import LOCK_SUFFIX
from .articles import build_articles
from .cache import BuildCache
from .errors import EditionError, Problem, ProblemCollector
from .files import list_folder
from .glossary import Glossary, load_glossary
from .locks import lock_updates, lost_anchors, orphan_locks
from .metadata import ArticleMeta, load_meta
from .model import Article
from .outputs import GeneratedPage
from .summary import ArticleSummary
from .readers import READERS
from .source import read_source
from .transforms import BuildContext, apply_all

log = logging.getLogger(__name__)

SOURCES_DIR = "sources"
METADATA_SUFFIX = ".yml"
IGNORED_IN_SOURCES = {".gitkeep", "README.md"}


@dataclass(frozen=True)
class SiteConfig:
    """What the build needs from mkdocs.yml."""

    path: Path
    site_name: str
    docs_dir: Path
    site_dir: Path


@dataclass
class Edition:
    root: Path
    config: SiteConfig
    metas: list[ArticleMeta] = field(default_factory=list)
    glossary: Glossary = field(default_factory=Glossary)


@dataclass
class BuildResult:
    summaries: list[ArticleSummary]  # every article built, in slug order
    pages: list[GeneratedPage]
    warnings: list[str]
    locks: dict[Path, str] = field(default_factory=dict)  # anchor lock files to write after success
    read: int = 0  # articles read by a reader in this build
    from_cache: int = 0  # articles taken unchanged from the build cache
    articles: list[Article] = field(default_factory=list)  # the Articles themselves, with keep_articles only


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose tags (!!python/name:, !ENV, !relative) are not ours to run."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_site_config(root: Path) -> SiteConfig:
    path = root / "mkdocs.yml"
    if not path.is_file():
        raise EditionError.at(str(path), "no mkdocs.yml in the edition folder",
                              hint="an edition folder holds sources/, glossary.yml and mkdocs.yml")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark
        raise EditionError.at(str(path), f"invalid YAML: {err.problem}", mark.line + 1 if mark else None,
                              mark.column + 1 if mark else None) from None
    if not isinstance(data, dict):
        raise EditionError.at(str(path), "expected a mapping of MkDocs settings", 1)
    return SiteConfig(path, str(data.get("site_name") or "Edition"),
                      root / str(data.get("docs_dir") or "docs"), root / str(data.get("site_dir") or "site"))


def shown(root: Path, path: Path) -> str:
    """A path as the editor should see it in messages: relative to the edition."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def discover(root: Path, load: Callable[[Path, str], ArticleMeta] = load_meta) -> Edition:
    """Load and validate every metadata file; collect all problems before failing.

    ``load`` parses one metadata file (BuildCache.load_meta skips unchanged ones).
    """
    root = root.resolve()
    config = load_site_config(root)
    sources = root / SOURCES_DIR
    if not sources.is_dir():
        raise EditionError.at(shown(root, sources), "no sources/ folder in the edition",
                              hint="create sources/ with each raw text and its <slug>.yml")
    if not (root / "glossary.yml").is_file():
        raise EditionError.at("glossary.yml", "the edition has no glossary.yml",
                              hint="create it (an empty file will do: terms: [])")
    collector = ProblemCollector()
    glossary = Glossary()
    try:
        glossary = load_glossary(root / "glossary.yml")
    except EditionError as err:
        collector.capture(err)
    metas: list[ArticleMeta] = []
    unreadable: list[str] = []  # text of metadata files that failed, to avoid follow-on errors
    listing = list_folder(sources)
    for name in listing.names:
        if not name.endswith(METADATA_SUFFIX) or name.endswith(LOCK_SUFFIX):
            continue
        path = sources / name
        try:
            metas.append(load(path, shown(root, path)))
        except EditionError as err:
            collector.capture(err)
            unreadable.append(path.read_text(encoding="utf-8", errors="replace"))
    by_slug: dict[str, ArticleMeta] = {}
    by_source: dict[str, ArticleMeta] = {}
    for meta in metas:
        line = meta.positions.of(("slug",))[0] if meta.positions else None
        if meta.slug in by_slug:
            collector.add(Problem(meta.path, f"slug {meta.slug!r} is already used by {by_slug[meta.slug].path}",
                                  line, hint="every article needs its own slug: change one of them"))
        by_slug.setdefault(meta.slug, meta)
        if meta.source in by_source:
            collector.add(Problem(meta.path, f"source {meta.source!r} is already described by "
                                             f"{by_source[meta.source].path}",
                                  meta.positions.of(("source",))[0] if meta.positions else None,
                                  hint="each source has exactly one metadata file"))
        by_source.setdefault(meta.source, meta)
        source_path = sources / meta.source
        # A plain file named by a validated name is inside sources/; only links need resolving.
        # A name the listing lacks is asked of the file system itself (which may ignore case).
        listed = meta.source in listing.names
        is_link = meta.source in listing.links if listed else source_path.is_symlink()
        if is_link and not source_path.resolve().is_relative_to(sources):
            collector.add(Problem(meta.path, f"source file sources/{meta.source} is a link to a file outside "
                                             f"sources/", meta.positions.of(("source",))[0] if meta.positions else None,
                                  hint="copy the raw text into sources/ instead of linking to it"))
        elif not (meta.source in listing.files if listed else source_path.is_file()):
            collector.add(Problem(meta.path, f"source file sources/{meta.source} does not exist",
                                  meta.positions.of(("source",))[0] if meta.positions else None,
                                  hint="put the raw text in sources/ or correct 'source:'"))
    for name in listing.names:
        if name not in listing.files or name.startswith(".") or name.endswith(METADATA_SUFFIX) \
                or name in IGNORED_IN_SOURCES:
            continue
        if name not in by_source and not unreadable:  # a broken metadata file may be its own
            collector.add(Problem(f"{SOURCES_DIR}/{name}", "this source has no metadata file", None,
                                  hint=f"create sources/<slug>.yml with 'source: {name}', slug, kind "
                                       f"and language"))
    for problem in (orphan_locks(root, {m.source for m in metas}, listing.names) if not unreadable else []):
        collector.add(problem)  # a broken metadata file may be the one that names the lock's source
    collector.raise_if_any()
    return Edition(root, config, sorted(metas, key=lambda m: m.slug), glossary)


def read_article(edition: Edition, meta: ArticleMeta, context: BuildContext) -> Article:
    path = edition.root / SOURCES_DIR / meta.source
    raw = read_source(path, f"{SOURCES_DIR}/{meta.source}", context.inputs.get(str(path)))
    article = READERS[meta.kind](raw, meta)
    return apply_all(article, context)


def generate(edition: Edition, progress: Callable[[int, int, str], None] | None = None,
             cache: BuildCache | None = None, jobs: int | None = None, keep_articles: bool = False,
             staging: Path | None = None) -> BuildResult:
    """Read, transform and render every article; return the pages to write.

    Articles come from ``cache`` when nothing they depend on changed; the others are
    read with ``jobs`` worker processes (None: all cores for large editions).
    ``keep_articles``: also return every Article (for checks that scan their blocks).
    ``staging``: a folder from outputs.staging_area, where worker processes write the
    pages they render (write_pages then moves them into docs/).
    """
    context = BuildContext(edition.root, glossary=edition.glossary)
    collector = ProblemCollector()
    built = build_articles(replace(edition, metas=[]), edition.metas, context, read_article, progress, cache, jobs,
                           keep_articles, staging)
    for outcome in built.outcomes:
        collector.problems.extend(outcome.problems)
        context.warnings.extend(outcome.warnings)
    summaries = [o.summary for o in built.outcomes if o.summary is not None]
    # A cached article's lock text is the lock file's (its bytes are part of the cache key),
    # and so is an article's whose outcome holds no lock text.
    fresh = [(o.summary, o.lock) for o in built.outcomes
             if o.summary is not None and not o.from_cache and o.lock is not None]
    locks = lock_updates(edition.root, fresh)
    for problem in lost_anchors(edition.root, [article for article, _lock in fresh], locks):
        collector.add(problem)
    current = {a.slug: a for a in summaries}
    for article in summaries:
        for old in article.former_slugs:
            if old in current and current[old] is not article:
                collector.add(Problem(current[old].meta.path, f"slug {old!r} was published before for "
                                      f"{article.source_path}, whose old links must keep working", None,
                                      hint="choose another slug for this article"))
    collector.raise_if_any()
    generated: list[GeneratedPage] = []
    for outcome in built.outcomes:
        stamps = outcome.stamps or (None, None)
        for page, stamp in zip(pages.article_pages(outcome.summary, outcome.page, outcome.report, edition.glossary),
                               stamps, strict=True):
            generated.append(replace(page, staged=str(staging / page.path), stamp=stamp) if staging else page)
    generated.extend(pages.edition_pages(edition, summaries, {o.slug: o.term_places for o in built.outcomes}))
    generated.append(GeneratedPage("index.md", pages.render_index(summaries, edition.config.site_name, about_page=(
        edition.config.docs_dir / pages.ABOUT_PAGE).is_file()),
                                   tuple(sorted(m.path for m in edition.metas)) or (SOURCES_DIR,)))
    return BuildResult(summaries, sorted(generated, key=lambda p: p.path), context.warnings,
                       locks, built.read, built.from_cache,
                       [o.article for o in built.outcomes if o.article is not None])
