"""The order of a run's batches: read ahead where batches run, decide in batch order here.

Each batch is read and cleaned by one task and analysed by another, both where batches run
(worker processes, a Dask cluster, or the flow's own process). Between the two, the flow
takes the corpus-wide decisions (duplicates, input state, counts), which must see the
batches in order so that the first article of a story is the one kept, whatever the
number of workers. Reads are submitted `reads_ahead` batches in advance (one a worker:
enough for the flow never to wait, few enough that the first analyses are not queued
behind many reads); at most `in_flight` analyses are, so the flow holds a bounded number of
batches whatever the corpus size.

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
    in_flight: int,
    reads_ahead: int = 1,
) -> None:
    """For each batch in order: `read(batch)` submits its read (up to `reads_ahead` batches
    before it is needed); `decide(part, batch, read result)` takes the flow's decisions and
    submits its analysis; `done(batch, analysis result)` is called for each analysis, in
    order, once no more than `in_flight` are in flight (all of them at the end)."""
    in_flight, reads_ahead = max(1, in_flight), max(1, reads_ahead)
    reads: deque[Future] = deque()
    analyses: deque[tuple[Batch, Future]] = deque()
    submitted = 0
    for part, batch in enumerate(batches):
        while submitted < len(batches) and len(reads) <= reads_ahead:
            reads.append(read(batches[submitted]))
            submitted += 1
        analyses.append((batch, decide(part, batch, reads.popleft().result())))
        last = part == len(batches) - 1
        while analyses and (len(analyses) >= in_flight or last):
            analysed, future = analyses.popleft()
            done(analysed, future.result())
