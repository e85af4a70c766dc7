"""Parallel builds: the same docs/ as a serial build, errors still reported per file."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from conftest import REPO, run_build

sys.path.insert(0, str(REPO / "bench"))
from editions import make_edition  # noqa: E402  (bench/editions.py: the bench's edition generator)

from edition import parallel  # noqa: E402

ARTICLES = 60  # above parallel.PARALLEL_THRESHOLD, so the default would be parallel too


def docs_hashes(root: Path) -> dict[str, str]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(docs.rglob("*")) if p.is_file()}


def build_with_jobs(root: Path, jobs: str, *extra: str, cache: bool = False):
    env_before = os.environ.get(parallel.JOBS_ENV)
    os.environ[parallel.JOBS_ENV] = jobs
    try:
        return run_build("--root", str(root), "--docs-only", *(() if cache else ("--no-cache",)), *extra)
    finally:
        if env_before is None:
            del os.environ[parallel.JOBS_ENV]
        else:
            os.environ[parallel.JOBS_ENV] = env_before


def test_parallel_build_writes_the_same_docs_as_a_serial_build(tmp_path):
    serial = make_edition(REPO, tmp_path / "serial", ARTICLES)
    workers = make_edition(REPO, tmp_path / "parallel", ARTICLES)
    serial_run = build_with_jobs(serial, "1", "--debug")
    parallel_run = build_with_jobs(workers, "2", "--debug")
    assert serial_run.returncode == 0, serial_run.stderr
    assert parallel_run.returncode == 0, parallel_run.stderr
    assert f"{ARTICLES} to read with 1 worker(s)" in serial_run.stderr
    assert f"{ARTICLES} to read with 2 worker(s)" in parallel_run.stderr
    # Workers stage the article pages they render; the main process writes the rest.
    assert "0 of them moved from the workers' staging folder" in serial_run.stderr
    assert f"{2 * ARTICLES} of them moved from the workers' staging folder" in parallel_run.stderr
    serial_docs = docs_hashes(serial)
    assert len(serial_docs) > 2 * ARTICLES
    assert docs_hashes(workers) == serial_docs
    assert not list(workers.glob(".docs.pages.*"))  # the workers' staged pages were all moved in


def test_parallel_build_reports_every_bad_source_once(tmp_path):
    root = make_edition(REPO, tmp_path / "ed", ARTICLES)
    sources = sorted((root / "sources").glob("*.txt"))
    for broken in (sources[3], sources[41]):
        broken.write_bytes(b"T\xe1\xbb\x91t\n\xff\xfe not UTF-8\n")
    result = build_with_jobs(root, "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for broken in (sources[3], sources[41]):
        assert result.stderr.count(f"sources/{broken.name}:2:1: is not UTF-8 text") == 1
    assert "2 problem(s); nothing was written." in result.stderr
    assert not (root / "docs" / "articles").exists()
    assert not list(root.glob(".docs.pages.*"))  # pages staged by the workers were thrown away


def test_a_parallel_build_with_the_cache_gives_the_same_docs_and_the_same_metadata_errors(tmp_path):
    serial = make_edition(REPO, tmp_path / "serial", ARTICLES)
    workers = make_edition(REPO, tmp_path / "parallel", ARTICLES)
    assert build_with_jobs(serial, "1").returncode == 0
    assert build_with_jobs(workers, "2", cache=True).returncode == 0
    assert docs_hashes(workers) == docs_hashes(serial)
    metas = sorted(p for p in (workers / "sources").glob("*.yml") if not p.name.endswith(".lock.yml"))
    metas[7].write_text(metas[7].read_text(encoding="utf-8") + "date: [2021\n", encoding="utf-8")
    metas[30].write_text(metas[30].read_text(encoding="utf-8").replace("kind: ", "kind: scroll-"),
                         encoding="utf-8")
    result = build_with_jobs(workers, "2", cache=True)
    assert result.returncode == 2
    assert result.stderr.count(f"sources/{metas[7].name}:") == 1
    assert result.stderr.count(f"sources/{metas[30].name}:3:1: kind: expected one of web, pdf, got 'scroll-web'") == 1
    assert "2 problem(s); nothing was written." in result.stderr


def test_articles_read_in_workers_are_cached_for_the_next_build(tmp_path):
    root = make_edition(REPO, tmp_path / "ed", ARTICLES)
    first = build_with_jobs(root, "2", "--debug", cache=True)
    assert f"{ARTICLES} articles: {ARTICLES} read, 0 from cache" in first.stderr
    built = docs_hashes(root)
    source = sorted((root / "sources").glob("*.txt"))[11]
    source.write_bytes(source.read_bytes() + b"A line added after the parallel build.\n")
    second = build_with_jobs(root, "2", "--debug", cache=True)
    assert f"{ARTICLES} articles: 1 read, {ARTICLES - 1} from cache" in second.stderr
    changed = {path for path, digest in docs_hashes(root).items() if built.get(path) != digest}
    assert len(changed) == 2 and all(path.startswith(("articles/", "reports/")) for path in changed)


def test_small_editions_are_read_serially_and_large_ones_on_every_core(monkeypatch):
    monkeypatch.delenv(parallel.JOBS_ENV, raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 8)
    assert parallel.job_count(None, parallel.PARALLEL_THRESHOLD - 1) == 1
    assert parallel.job_count(None, parallel.PARALLEL_THRESHOLD) == 8
    assert parallel.job_count(3, 5) == 3
    monkeypatch.setenv(parallel.JOBS_ENV, "2")
    assert parallel.job_count(None, 5000) == 2
    assert parallel.job_count(1, 5000) == 1


def test_chunks_keep_every_item_once_mix_the_edition_and_shrink():
    for count, jobs in ((103, 2), (1000, 2), (5000, 8), (3, 4), (1, 2)):
        chunks = parallel.chunk_indices(count, jobs)
        assert sorted(i for chunk in chunks for i in chunk) == list(range(count)), (count, jobs)
    chunks = parallel.chunk_indices(1000, 2)
    chunk_of = {index: number for number, chunk in enumerate(chunks) for index in chunk}
    # Long papers side by side in slug order go to several chunks, not to one.
    assert all(len({chunk_of[i] for i in range(start, start + 16)}) >= 4 for start in range(0, 1000 - 16))
    # Big chunks first, small ones last: the workers run out of work at about the same time.
    sizes = [len(chunk) for chunk in chunks]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] >= 1000 // 8
    assert all(size <= parallel.MIN_CHUNK for size in sizes[-2:])
    assert parallel.chunk_indices(3, 4) == [[0], [1], [2]]  # a small edition still uses every worker
    assert len(parallel.chunk_indices(5, 2)) >= 2


def squares(chunk):
    return [item * item for item in chunk]


def test_map_chunks_yields_results_in_item_order_from_worker_processes():
    items = list(range(57))
    assert list(parallel.map_chunks(squares, items, 2)) == [i * i for i in items]


def test_map_chunks_as_done_gives_every_item_once_with_its_index():
    items = list(range(57))
    done = list(parallel.map_chunks_as_done(squares, items, 2))
    assert sorted(done) == [(i, i * i) for i in items]
    assert list(parallel.map_chunks_as_done(squares, [3, 4], 1)) == [(0, 9), (1, 16)]
