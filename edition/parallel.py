"""Running one function over many items on every core, in order.

Small editions run serially: starting worker processes costs more than it saves.
``map_chunks`` gives results in the order of the items whatever the number of
workers; ``map_chunks_as_done`` gives each with its item's index as soon as its chunk
is done, for a caller that puts them in order itself. Either way a parallel build
writes exactly what a serial one writes.

| setting                 | effect                                                     |
| ----------------------- | ---------------------------------------------------------- |
| ``--jobs N`` (CLI)      | N worker processes (1: serial), whatever the edition size  |
| ``EDITION_JOBS=N``      | the same, from the environment (``--jobs`` wins)           |
| neither                 | all cores from PARALLEL_THRESHOLD items on, serial below   |
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterator, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

JOBS_ENV = "EDITION_JOBS"
# Below this many articles to read, a serial build is faster than starting workers
# (process start-up and pickling cost ~0.1-0.2 s; one article costs a few ms).
PARALLEL_THRESHOLD = 50
# How items are mixed before chunking: item k goes with items k + STRIDE, k + 2 * STRIDE...
MIX_STRIDE = 16
# Chunks shrink as the work runs out (each takes this share of what is left per worker,
# and at least MIN_CHUNK items): big chunks first, so that few results are sent back,
# then small ones, so that the workers run out of work at about the same moment.
CHUNK_SHARE = 2
MIN_CHUNK = 8


def requested_jobs(option: int | None) -> int | None:
    """Jobs asked for by ``--jobs`` or, failing that, EDITION_JOBS; None: decide by size."""
    if option is not None:
        return max(1, option)
    value = os.environ.get(JOBS_ENV, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return None


def job_count(option: int | None, items: int) -> int:
    requested = requested_jobs(option)
    if requested is not None:
        return requested
    if items < PARALLEL_THRESHOLD:
        return 1
    return max(1, os.cpu_count() or 1)


def chunk_indices(count: int, jobs: int) -> list[list[int]]:
    """The indices of ``count`` items in chunks for ``jobs`` workers, in the order to hand them out.

    Mixed: an edition sorted by slug often has its long papers side by side; cut in
    contiguous runs, one worker read all of them while the other idled (a third of the
    parallel build's time at 1,000 articles). So the items are first taken every
    MIX_STRIDE-th, then cut. Shrinking (guided scheduling): with eight equal chunks, one
    worker still idled up to a whole chunk's time (~0.15-0.3 s at 1,000 articles) at
    the end; chunks now get smaller as the work runs out.
    """
    mixed = [index for start in range(MIX_STRIDE) for index in range(start, count, MIX_STRIDE)]
    share = CHUNK_SHARE * jobs
    smallest = min(MIN_CHUNK, -(-count // share))  # a small edition still goes to every worker
    chunks, taken = [], 0
    while taken < count:
        left = count - taken
        size = min(left, max(smallest, -(-left // share)))  # -(-a // b): a / b rounded up
        chunks.append(mixed[taken:taken + size])
        taken += size
    return chunks


def map_chunks_as_done(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
                       jobs: int) -> Iterator[tuple[int, Result]]:
    """``function`` over chunks of ``items``; yields (index of the item, its result) as
    each chunk is done, so the caller's own work on results overlaps the workers'.

    ``function`` must be a module-level function and its arguments and results
    picklable when ``jobs`` > 1.
    """
    if jobs <= 1 or len(items) <= 1:
        yield from enumerate(function(items))
        return
    chunks = chunk_indices(len(items), jobs)
    with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
        indices_of = {pool.submit(function, [items[index] for index in chunk]): chunk for chunk in chunks}
        for future in as_completed(indices_of):
            yield from zip(indices_of[future], future.result(), strict=True)


def map_chunks(function: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item],
               jobs: int) -> Iterator[Result]:
    """``map_chunks_as_done``'s results in item order, each as soon as those before it are done."""
    done = map_chunks_as_done(function, items, jobs)
    waiting: dict[int, Result] = {}
    next_index = 0
    try:
        for index, result in done:
            waiting[index] = result
            while next_index in waiting:
                yield waiting.pop(next_index)
                next_index += 1
    finally:
        done.close()  # shuts the worker pool down
