"""Batches read ahead where they run and decided in batch order, without Prefect: thread
pools stand in for the workers (the flow passes Prefect's task runner)."""

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from newsquotes.run.scheduling import stage_in_order


class Recorder:
    """Submits to a pool with random delays, and records what the flow saw, and when."""

    def __init__(self, pool: ThreadPoolExecutor, seed: int) -> None:
        self.pool = pool
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.decided: list[int] = []
        self.done: list[int] = []
        self.reads_waiting = 0  # submitted, result not taken yet
        self.most_reads_waiting = 0
        self.analyses_in_flight = 0
        self.most_analyses_in_flight = 0

    def _work(self, value, delay: float):
        time.sleep(delay)
        return value

    def read(self, batch: int):
        self.reads_waiting += 1
        self.most_reads_waiting = max(self.most_reads_waiting, self.reads_waiting)
        return self.pool.submit(self._work, ("read", batch), self.random.uniform(0, 0.004))

    def decide(self, part: int, batch: int, result):
        self.reads_waiting -= 1
        assert result == ("read", batch) and part == batch
        self.decided.append(batch)
        self.analyses_in_flight += 1
        self.most_analyses_in_flight = max(self.most_analyses_in_flight, self.analyses_in_flight)
        return self.pool.submit(self._work, ("analysed", batch), self.random.uniform(0, 0.006))

    def finish(self, batch: int, result) -> None:
        assert result == ("analysed", batch)
        self.analyses_in_flight -= 1
        self.done.append(batch)


@pytest.mark.parametrize(
    ("workers", "in_flight", "reads_ahead", "batches"),
    [(1, 3, 1, 10), (2, 6, 2, 25), (3, 2, 4, 7), (2, 6, 2, 2)],
)
def test_batches_are_decided_and_finished_in_order_with_a_bounded_number_in_flight(
    workers, in_flight, reads_ahead, batches
):
    with ThreadPoolExecutor(workers) as pool:
        seen = Recorder(pool, seed=workers * 100 + batches)
        batch_list = list(range(batches))
        stage_in_order(batch_list, seen.read, seen.decide, seen.finish, in_flight, reads_ahead)
    assert seen.decided == seen.done == batch_list
    # the batch being decided, and `reads_ahead` more
    assert seen.most_reads_waiting == min(reads_ahead + 1, batches)
    assert seen.most_analyses_in_flight == min(in_flight, batches)
    assert seen.reads_waiting == seen.analyses_in_flight == 0


def test_reads_run_while_the_flow_waits_for_earlier_batches():
    """With two workers the next batches are read while one is analysed: the read of batch
    1 ends before the analysis of batch 0 does."""
    ended: dict[str, float] = {}

    def work(name: str, delay: float):
        time.sleep(delay)
        ended[name] = time.perf_counter()
        return name

    with ThreadPoolExecutor(2) as pool:
        stage_in_order(
            [0, 1, 2],
            lambda batch: pool.submit(work, f"read {batch}", 0.01),
            lambda part, batch, read: pool.submit(work, f"analyse {batch}", 0.2),
            lambda batch, result: None,
            in_flight=6,
            reads_ahead=2,
        )
    assert ended["read 1"] < ended["read 2"] < ended["analyse 0"]


def test_a_failed_read_fails_the_run():
    def read(batch: int):
        future = pool.submit(lambda: 1 / (batch - 1))  # batch 1 cannot be read
        return future

    with ThreadPoolExecutor(1) as pool, pytest.raises(ZeroDivisionError):
        stage_in_order(
            [0, 1, 2], read, lambda part, batch, r: pool.submit(int), lambda b, r: None, 3
        )


def test_no_batches_submit_nothing():
    calls = []
    stage_in_order([], calls.append, calls.append, calls.append, in_flight=3)
    assert calls == []
