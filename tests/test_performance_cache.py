"""The build cache: only articles whose inputs changed are read again; output never depends on it."""

from __future__ import annotations

import hashlib
import pickle
import re
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, run_build

sys.path.insert(0, str(REPO / "bench"))
from editions import make_edition  # noqa: E402

from edition import articles, cache as build_cache  # noqa: E402
from edition.cli import Progress, regenerate  # noqa: E402
from edition.metadata import ArticleMeta, meta_from_bytes  # noqa: E402
from edition.parallel import chunk_indices  # noqa: E402
from edition.pipeline import discover  # noqa: E402
from test_performance_parallel import docs_hashes  # noqa: E402

ARTICLES = 8
SUMMARY = re.compile(r"docs: (\d+) articles: (\d+) read, (\d+) from cache")


def build(root: Path, *extra: str) -> tuple[int, int]:
    """Build docs/; return (articles read, articles from cache) from the summary line."""
    result = run_build("--root", str(root), "--docs-only", *extra)
    assert result.returncode == 0, result.stderr
    match = SUMMARY.search(result.stderr)
    assert match, result.stderr
    return int(match.group(2)), int(match.group(3))


@pytest.fixture
def edition(tmp_path) -> Path:
    root = make_edition(REPO, tmp_path / "ed", ARTICLES)
    assert build(root) == (ARTICLES, 0)
    return root


def first_source(root: Path) -> tuple[Path, str]:
    """The first article's source file and slug."""
    meta = sorted(p for p in (root / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))[0]
    source = re.search(r"^source: (.*)$", meta.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    return root / "sources" / source, meta.stem


def add_body_paragraph(source: Path, text: str) -> None:
    """Insert a paragraph in the body of the article (after its 13th line, inside the body
    of every copy of the seeds), not after its end, where a web reader drops it."""
    lines = source.read_text(encoding="utf-8").split("\n")
    lines.insert(13, text)
    source.write_text("\n".join(lines), encoding="utf-8")


def changed_files(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_unchanged_edition_is_read_entirely_from_the_cache(edition):
    before = docs_hashes(edition)
    assert build(edition) == (0, ARTICLES)
    assert docs_hashes(edition) == before


def test_changing_one_source_rereads_and_rewrites_only_that_article(edition):
    source, slug = first_source(edition)
    before = docs_hashes(edition)
    add_body_paragraph(source, "Đoạn mới thêm vào cuối bài, đủ dài để là một đoạn văn của thân bài này.")
    assert build(edition) == (1, ARTICLES - 1)
    changed = changed_files(before, docs_hashes(edition))
    assert changed == {f"articles/{slug}.md", f"reports/{slug}.md"}
    assert "Đoạn mới thêm vào cuối bài, đủ dài" in (edition / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")


def test_changing_one_metadata_file_rereads_only_that_article(edition):
    _source, slug = first_source(edition)
    meta = edition / "sources" / f"{slug}.yml"
    meta.write_text(re.sub(r"^date: .*$", "date: 2021-03-04", meta.read_text(encoding="utf-8"), flags=re.MULTILINE),
                    encoding="utf-8")
    assert build(edition) == (1, ARTICLES - 1)
    assert "2021-03-04" in (edition / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")


def test_a_comment_in_metadata_changes_nothing(edition):
    _source, slug = first_source(edition)
    meta = edition / "sources" / f"{slug}.yml"
    before = docs_hashes(edition)
    meta.write_text("# the editor's own note\n" + meta.read_text(encoding="utf-8"), encoding="utf-8")
    assert build(edition) == (0, ARTICLES)
    assert docs_hashes(edition) == before


def test_changing_the_glossary_rereads_every_article(edition):
    glossary = edition / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace(
        "terms:\n", "terms:\n  - term: TCCT\n    expansion: Tổng cục Chính trị\n", 1),
                        encoding="utf-8")
    assert build(edition) == (ARTICLES, 0)
    assert build(edition) == (0, ARTICLES)


def test_deleting_the_cache_folder_gives_the_same_docs(edition):
    source, _slug = first_source(edition)
    source.write_bytes(source.read_bytes() + b"One more line for the cached build.\n")
    assert build(edition) == (1, ARTICLES - 1)
    cached = docs_hashes(edition)
    shutil.rmtree(edition / build_cache.CACHE_DIR)
    for generated in ("articles", "reports"):
        shutil.rmtree(edition / "docs" / generated)
    assert build(edition) == (ARTICLES, 0)
    assert docs_hashes(edition) == cached


def stored_keys(root: Path) -> dict[str, str]:
    """slug -> key of every entry in the packs on disk, read as a new build reads them."""
    held = build_cache.BuildCache(root)
    held.read_new_packs()
    return {slug: key for keys in held.packs.values() for slug, key in keys.items()}


def pack_files(root: Path) -> list[Path]:
    return sorted((root / build_cache.CACHE_DIR / "articles").glob("*" + build_cache.PACK_SUFFIX))


def test_no_cache_option_reads_everything_and_leaves_the_cache_alone(edition):
    packs = pack_files(edition)
    assert packs and len(stored_keys(edition)) == ARTICLES
    stamps = [p.stat().st_mtime_ns for p in packs]
    assert build(edition, "--no-cache") == (ARTICLES, 0)
    assert pack_files(edition) == packs and [p.stat().st_mtime_ns for p in packs] == stamps


def test_a_damaged_cache_entry_is_only_a_miss(edition):
    _source, slug = first_source(edition)
    [pack] = pack_files(edition)  # the fixture's build re-keyed every entry after writing the locks: one pack
    entries = build_cache.read_pack(pack)
    key, data = entries[slug]
    entries[slug] = (key, data[:100])
    pack.write_bytes(pickle.dumps(entries))
    before = docs_hashes(edition)
    assert build(edition) == (1, ARTICLES - 1)
    assert docs_hashes(edition) == before


def test_a_damaged_pack_is_only_misses(edition):
    [pack] = pack_files(edition)
    pack.write_bytes(pack.read_bytes()[:1000])
    before = docs_hashes(edition)
    assert build(edition) == (ARTICLES, 0)
    assert docs_hashes(edition) == before
    assert pack not in pack_files(edition) and len(stored_keys(edition)) == ARTICLES


def test_removed_article_leaves_no_cache_entry(edition):
    _source, slug = first_source(edition)
    source, _ = first_source(edition)
    (edition / "sources" / f"{slug}.yml").unlink()
    build_cache.lock_path(edition, source.name).unlink()  # retiring its anchors deliberately
    source.unlink()
    assert build(edition) == (0, ARTICLES - 1)
    assert slug not in stored_keys(edition) and len(stored_keys(edition)) == ARTICLES - 1
    assert not (edition / "docs" / "articles" / f"{slug}.md").exists()


def test_a_parallel_first_build_writes_one_pack_per_chunk_not_one_file_per_article(edition):
    """Creating a file cost up to 1 ms on the bench's disk: 1,000 entries in 1,000 files
    were a third of the files a first build created."""
    shutil.rmtree(edition / build_cache.CACHE_DIR)
    for generated in ("articles", "reports"):
        shutil.rmtree(edition / "docs" / generated)
    assert build(edition, "--jobs", "2") == (ARTICLES, 0)
    chunks = len(chunk_indices(ARTICLES, 2))
    assert 1 < chunks < ARTICLES and len(pack_files(edition)) == chunks
    assert set(stored_keys(edition)) == {meta.slug for meta in discover(edition).metas}
    assert build(edition, "--jobs", "2") == (0, ARTICLES)


def test_packs_without_a_current_entry_are_deleted_after_the_build(edition):
    [first_pack] = pack_files(edition)
    source, slug = first_source(edition)
    add_body_paragraph(source, "Đoạn sửa lần thứ nhất, đủ dài để là một đoạn văn của thân bài này.")
    assert build(edition) == (1, ARTICLES - 1)
    packs = pack_files(edition)
    assert len(packs) == 2 and first_pack in packs  # it still holds the seven others
    add_body_paragraph(source, "Đoạn sửa lần thứ hai, cũng đủ dài để là một đoạn văn của thân bài.")
    assert build(edition) == (1, ARTICLES - 1)
    after = pack_files(edition)
    assert len(after) == 2 and first_pack in after  # the first edit's pack held only a stale entry
    glossary = edition / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert build(edition) == (ARTICLES, 0)
    assert len(pack_files(edition)) == 1 and len(stored_keys(edition)) == ARTICLES


def test_mostly_stale_packs_are_compacted_into_one(tmp_path, monkeypatch):
    monkeypatch.setattr(build_cache, "STALE_SLACK", 0)
    held = build_cache.BuildCache(tmp_path, engine="e")
    slugs = [f"bai-{n}" for n in range(8)]
    held.store_many({slug: ("old", f"entry of {slug}") for slug in slugs})
    held.store_many({slug: ("new", f"new entry of {slug}") for slug in slugs[:6]})
    held.keep_only(set(slugs))  # 8 current (2 old, 6 new), 6 stale: both packs stay
    assert len(pack_files(tmp_path)) == 2
    held.keep_only(set(slugs[:2]))  # the first pack holds nothing current; the second 2 of 6
    [pack] = pack_files(tmp_path)
    assert {slug: key for slug, (key, _data) in build_cache.read_pack(pack).items()} == {"bai-0": "new", "bai-1": "new"}
    again = build_cache.BuildCache(tmp_path, engine="e")
    assert again.stored_slugs() == {"bai-0", "bai-1"}
    assert again.load("bai-0", "new") == "new entry of bai-0" and again.load("bai-0", "old") is None


def test_entries_of_the_former_one_file_per_article_layout_are_deleted(edition):
    legacy = edition / build_cache.CACHE_DIR / "articles" / "bai-cu.pickle"
    legacy.write_bytes(pickle.dumps("key") + pickle.dumps("entry"))
    assert build(edition) == (0, ARTICLES)
    assert not legacy.exists()


def test_serve_regenerates_only_the_edited_article(edition):
    """What `serve` does on each change: regenerate() with one BuildCache kept in memory."""
    held = build_cache.BuildCache(edition.resolve())
    _edition, first = regenerate(edition, Progress(), held)
    assert (first.read, first.from_cache) == (0, ARTICLES)
    source, slug = first_source(edition)
    add_body_paragraph(source, "Câu vừa sửa trong lúc xem trang, đủ dài để là một đoạn văn của thân bài.")
    _edition, second = regenerate(edition, Progress(), held)
    assert (second.read, second.from_cache) == (1, ARTICLES - 1)
    page = (edition / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    assert "Câu vừa sửa trong lúc xem trang, đủ dài" in page


def test_key_changes_with_the_lock_file_the_engine_and_the_edition_inputs(edition):
    meta = discover(edition).metas[0]
    shared = build_cache.BuildCache(edition, engine="engine-a").shared_digest()
    key = build_cache.article_key(edition, meta, shared)
    lock = build_cache.lock_path(edition, meta.source)
    lock.write_text(lock.read_text(encoding="utf-8") + "# touched\n", encoding="utf-8")
    with_lock = build_cache.article_key(edition, meta, shared)
    assert with_lock.digest != key.digest
    assert with_lock.source_sha256 == key.source_sha256
    other_engine = build_cache.BuildCache(edition, engine="engine-b").shared_digest()
    assert build_cache.article_key(edition, meta, other_engine).digest != with_lock.digest
    assert edition / "glossary.yml" in build_cache.edition_inputs(edition)


@pytest.mark.parametrize("jobs", [1, 2])
def test_articles_without_an_entry_get_their_key_where_they_are_read(edition, jobs):
    """A first build looks up no key it has no entry for (hashing every source and lock
    before the workers start cost 0.1 s at 1,000 articles); the key it then stores is
    the one the next build looks for."""
    found = discover(edition)
    [pack] = pack_files(edition)
    entries = build_cache.read_pack(pack)
    kept = [meta.slug for meta in found.metas[1:3]]
    pack.write_bytes(pickle.dumps({slug: entries[slug] for slug in kept}))
    held = build_cache.BuildCache(found.root)
    keys, cached = articles.cached_outcomes(held, found.metas, held.shared_digest())
    assert set(keys) == set(cached) == held.stored_slugs() and len(keys) == 2
    built = articles.build_articles(found, found.metas, _context(found), warning_reader, cache=held, jobs=jobs)
    assert (built.read, built.from_cache) == (ARTICLES - 2, 2)
    again = build_cache.BuildCache(found.root)
    assert again.stored_slugs() == {meta.slug for meta in found.metas}
    keys, cached = articles.cached_outcomes(again, found.metas, again.shared_digest())
    assert len(cached) == ARTICLES


def warning_reader(edition, meta: ArticleMeta, context):
    """A reader for the tests: warns about every article it reads."""
    from edition.pipeline import read_article

    context.warn(f"{meta.slug}: a warning from a pass")
    return read_article(edition, meta, context)


@pytest.mark.parametrize("jobs", [1, 2])
def test_warnings_come_back_in_order_from_workers_and_from_the_cache(edition, jobs):
    shutil.rmtree(edition / build_cache.CACHE_DIR)  # the fixture's build cached outcomes without warnings
    found = discover(edition)
    held = build_cache.BuildCache(found.root)
    expected = [f"{meta.slug}: a warning from a pass" for meta in found.metas]
    fresh = articles.build_articles(found, found.metas, _context(found), warning_reader, jobs=jobs)
    assert [w for o in fresh.outcomes for w in o.warnings] == expected
    articles.build_articles(found, found.metas, _context(found), warning_reader, cache=held, jobs=jobs)
    again = articles.build_articles(found, found.metas, _context(found), warning_reader,
                                    cache=build_cache.BuildCache(found.root), jobs=jobs)
    assert again.from_cache == ARTICLES
    assert [w for o in again.outcomes for w in o.warnings] == expected


def _context(found):
    from edition.transforms import BuildContext

    return BuildContext(found.root)


def test_a_generated_page_edited_by_hand_is_still_refused_after_cached_builds(edition):
    """docs.pickle lets the build skip reading pages untouched since it wrote them, never edited ones."""
    assert build(edition) == (0, ARTICLES)
    _source, slug = first_source(edition)
    page = edition / "docs" / "articles" / f"{slug}.md"
    edited = page.read_text(encoding="utf-8") + "\nMột câu biên tập viên thêm tay.\n"
    page.write_text(edited, encoding="utf-8")
    result = run_build("--root", str(edition), "--docs-only")
    assert result.returncode == 2
    assert f"docs/articles/{slug}.md:1: is a generated page that was edited by hand" in result.stderr
    assert page.read_text(encoding="utf-8") == edited


def test_a_page_deleted_by_hand_is_written_again(edition):
    _source, slug = first_source(edition)
    page = edition / "docs" / "articles" / f"{slug}.md"
    expected = page.read_bytes()
    page.unlink()
    assert build(edition) == (0, ARTICLES)
    assert page.read_bytes() == expected


def test_file_hashes_reuse_an_unchanged_file_and_notice_a_same_size_edit(tmp_path):
    """serve's memo of source and lock digests: a stat signature decides, ctime included."""
    import hashlib
    import os

    from edition.cache import FileHashes

    path = tmp_path / "a.txt"
    path.write_bytes(b"aaaa")
    os.utime(path, (1e9, 1e9))  # long before it is hashed: not racy
    hashes = FileHashes()
    assert hashes.sha256(str(path)) == hashlib.sha256(b"aaaa").hexdigest()
    signature, hashed_at, _digest = hashes.known[str(path)]
    hashes.known[str(path)] = (signature, hashed_at, "remembered")
    assert hashes.sha256(str(path)) == "remembered"  # unchanged: not read again
    import time

    for _attempt in range(100):  # same size, same mtime restored: only the ctime moves,
        path.write_bytes(b"bbbb")  # by a clock tick of up to 10 ms on kernels before 6.13
        os.utime(path, (1e9, 1e9))
        if path.stat().st_ctime_ns != signature[2]:
            break
        time.sleep(0.01)
    assert hashes.sha256(str(path)) == hashlib.sha256(b"bbbb").hexdigest()
    fresh = tmp_path / "b.txt"
    fresh.write_bytes(b"cccc")  # written just now: racy, so hashed on every call
    hashes.sha256(str(fresh))
    signature, hashed_at, _digest = hashes.known[str(fresh)]
    hashes.known[str(fresh)] = (signature, hashed_at, "stale")
    assert hashes.sha256(str(fresh)) == hashlib.sha256(b"cccc").hexdigest()
    path.unlink()
    assert hashes.sha256(str(path)) == "absent"


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_unchanged_lock_is_compared_where_the_article_is_built(edition, jobs):
    """The outcome carries its lock text only when the lock file does not already hold it."""
    from edition.pipeline import read_article

    found = discover(edition)
    again = articles.build_articles(found, found.metas, _context(found), read_article, jobs=jobs)
    assert [o.lock for o in again.outcomes] == [None] * ARTICLES  # the fixture's build wrote every lock
    source, slug = first_source(edition)
    add_body_paragraph(source, "Một đoạn mới chen vào giữa thân bài, đủ dài để có số đoạn riêng của nó.")
    edited = articles.build_articles(found, found.metas, _context(found), read_article, jobs=jobs)
    changed = {o.slug: o.lock for o in edited.outcomes if o.lock is not None}
    assert list(changed) == [slug] and "Một đoạn mới chen vào giữa thân bài" in changed[slug]


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_lock_edited_by_hand_without_changing_it_is_written_again_as_the_build_writes_it(edition, jobs):
    """A comment or a needless quote in a lock changes no anchor, yet the build writes the
    lock back in its own layout, as before it skipped dumping unchanged locks."""
    from edition.pipeline import read_article

    found = discover(edition)
    locks = sorted((edition / "sources").glob("*.lock.yml"))
    written = [lock.read_text(encoding="utf-8") for lock in locks]
    locks[0].write_text(written[0] + "# a note the editor left\n", encoding="utf-8")
    locks[1].write_text(written[1].replace("  label: '1'\n", "  label: \"1\"\n", 1), encoding="utf-8")
    assert locks[1].read_text(encoding="utf-8") != written[1]
    built = articles.build_articles(found, found.metas, _context(found), read_article, jobs=jobs)
    by_source = {o.summary.source_path: o.lock for o in built.outcomes}
    for lock, text in zip(locks, written):
        source = f"sources/{lock.name.removesuffix('.lock.yml')}.txt"
        expected = text if lock in locks[:2] else None
        assert by_source[source] == expected, lock.name


def test_a_serial_build_reports_progress_as_each_article_is_read(edition):
    """The progress line moves with the build, not once everything has been read."""
    from edition.pipeline import read_article

    events = []

    def reading(edition, meta, context):
        events.append(("read", meta.slug))
        return read_article(edition, meta, context)

    found = discover(edition)
    articles.build_articles(found, found.metas, _context(found), reading, jobs=1,
                            progress=lambda done, total, slug: events.append(("progress", slug)))
    slugs = [meta.slug for meta in found.metas]
    assert events == [(kind, slug) for slug in slugs for kind in ("read", "progress")]


def test_each_metadata_file_is_parsed_once_and_cached_under_the_bytes_parsed(edition, monkeypatch):
    parsed: list[str] = []

    def counting(data: bytes, shown_as: str) -> ArticleMeta:
        parsed.append(shown_as)
        return meta_from_bytes(data, shown_as)
    monkeypatch.setattr(build_cache, "meta_from_bytes", counting)
    shutil.rmtree(edition / build_cache.CACHE_DIR)
    cold = build_cache.BuildCache(edition)
    metas = discover(edition, cold.load_meta).metas
    assert sorted(parsed) == sorted(meta.path for meta in metas) and len(metas) == ARTICLES
    for meta in metas:
        data = (edition / meta.path).read_bytes()
        assert cold.metas[meta.path] == (hashlib.sha256(data).hexdigest(), meta)
    cold.save_metas({meta.path for meta in metas})
    parsed.clear()
    edited = edition / metas[2].path
    edited.write_text(edited.read_text(encoding="utf-8").replace("rights: ", "rights: Edited. "), encoding="utf-8")
    again = discover(edition, build_cache.BuildCache(edition).load_meta).metas
    assert parsed == [metas[2].path]  # the others come from the table saved on disk
    assert again[2].rights.startswith("Edited. ") and again[:2] == metas[:2] and again[3:] == metas[3:]


def test_the_cache_folder_is_ignored_by_git():
    """The issue asks for the cache in a git-ignored folder: an entry must never be committed."""
    import subprocess

    entry = f"{build_cache.CACHE_DIR}/articles/some-pack{build_cache.PACK_SUFFIX}"
    checked = subprocess.run(["git", "check-ignore", "--no-index", "-q", entry], cwd=REPO)
    assert checked.returncode == 0, f"{entry} is not git-ignored: add {build_cache.CACHE_DIR}/ to .gitignore"


def test_a_worker_builds_an_article_from_the_very_bytes_its_key_hashes(edition, tmp_path):
    """A source and lock saved between hashing and reading (an editor saving mid-build) are
    not read: the entry would otherwise describe text its key does not."""
    from edition.pipeline import read_article

    found = discover(edition)
    meta = found.metas[0]
    source = edition / "sources" / meta.source
    lock = build_cache.lock_path(edition, meta.source)
    hashed_source, hashed_lock = source.read_bytes(), lock.read_bytes()

    def saving_meanwhile(edition_, meta_, context):
        add_body_paragraph(source, "Đoạn lưu giữa chừng, sau khi khoá đã được tính, đủ dài để là một đoạn.")
        lock.write_text("source: nothing\nslugs: []\nparagraphs: []\n", encoding="utf-8")
        return read_article(edition_, meta_, context)

    shared = build_cache.BuildCache(found.root).shared_digest()
    folder = tmp_path / "cache"
    [(stored_key, pack, data)] = articles.build_chunk_in_worker(
        saving_meanwhile, found, _context(found), False, folder, shared, None, [(meta, None)])
    outcome = pickle.loads(data)
    assert outcome.summary.source_sha256 == hashlib.sha256(hashed_source).hexdigest()
    assert "Đoạn lưu giữa chừng" not in outcome.page and outcome.lock is None  # the lock as hashed: unchanged
    source.write_bytes(hashed_source)
    lock.write_bytes(hashed_lock)
    assert stored_key == build_cache.article_key(edition, meta, shared).digest
    assert build_cache.read_pack(folder / "articles" / pack)[meta.slug] == (stored_key, data)


def test_a_serial_build_also_builds_from_the_bytes_its_key_hashes(edition):
    from edition.pipeline import read_article

    shutil.rmtree(edition / build_cache.CACHE_DIR)
    found = discover(edition)
    meta = found.metas[0]
    source = edition / "sources" / meta.source
    hashed_source = source.read_bytes()

    def saving_meanwhile(edition_, meta_, context):
        add_body_paragraph(source, "Đoạn lưu giữa chừng trong một lần dựng tuần tự, đủ dài để là một đoạn.")
        return read_article(edition_, meta_, context)

    held = build_cache.BuildCache(found.root)
    built = articles.build_articles(found, [meta], _context(found), saving_meanwhile, cache=held, jobs=1)
    [outcome] = built.outcomes
    assert outcome.summary.source_sha256 == hashlib.sha256(hashed_source).hexdigest()
    assert "Đoạn lưu giữa chừng" not in outcome.page
    assert held.entries[meta.slug][1].summary.source_sha256 == outcome.summary.source_sha256  # cached as built
