"""The order of a run's batches: read ahead where batches run, decide in batch order here.

Each batch is read and cleaned by one task and analysed by another, both where batches run
(worker processes, a Dask cluster, or the flow's own process). Between the two, the flow
takes the corpus-wide decisions (duplicates, input state, counts), which must see the
batches in order so that the first article of a story is the one kept, whatever the
number of workers. Reads are submitted `ahead` batches in advance, so the workers never
wait for the flow; at most `ahead` analyses are in flight, so the flow holds a bounded
number of batches whatever the corpus size.

Plain code over anything with `.result()` (Prefect's futures, `concurrent.futures`): the
flow passes the submitting functions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

Batch = TypeVar("Batch")


class Future(Protocol):
    def result(self) -> Any: ...


def stage_in_order(
    batches: Sequence[Batch],
    read: Callable[[Batch], Future],
    decide: Callable[[int, Batch, Any], Future],
    done: Callable[[Batch, Any], None],
    ahead: int,
) -> None:
    """For each batch in order: `read(batch)` submits its read (up to `ahead` batches before
    it is needed); `decide(part, batch, read result)` takes the flow's decisions and submits
    its analysis; `done(batch, analysis result)` is called for each analysis, in order, once
    no more than `ahead` are in flight (all of them at the end)."""
    ahead = max(1, ahead)
    reads: deque[Future] = deque()
    analyses: deque[tuple[Batch, Future]] = deque()
    submitted = 0
    for part, batch in enumerate(batches):
        while submitted < len(batches) and len(reads) < ahead:
            reads.append(read(batches[submitted]))
            submitted += 1
        analyses.append((batch, decide(part, batch, reads.popleft().result())))
        last = part == len(batches) - 1
        while analyses and (len(analyses) >= ahead or last):
            analysed, future = analyses.popleft()
            done(analysed, future.result())
