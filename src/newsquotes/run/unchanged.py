"""A run with nothing new: the published run stands, and `newsquotes run` says so at once.

A run whose inputs are all given again unchanged, under the code, contracts and options
that built the published run, publishes nothing (`publishing.published_run_stands`). The
answer needs only the inputs' hashes and the published run's records, so the command asks
first (`nothing_new`), before it starts a temporary Prefect server (6 s and more of a
run's start): a scheduled re-run with nothing new then takes about a second. When the
answer is not a sure "nothing new" (a new input, the output in use, a failure to read)
the flow runs as ever, and asks the same question itself (`keeps_published_run`). Runs through a
configured Prefect API go straight to the flow, so a Prefect server records them as before.
"""

from __future__ import annotations

import os

from newsquotes.output import OutputLockedError, StorageError, layout, lock
from newsquotes.output.storage import Location
from newsquotes.run import planning
from newsquotes.run.publishing import published_run_stands
from newsquotes.run.summary import RunSummary


def keeps_published_run(
    output: Location, published: Location | None, plan, gender: bool, summary: RunSummary
) -> bool:
    """Whether the published run stands; if so, `summary` counts what this run found
    unchanged and names the run kept."""
    if published is None or not published_run_stands(output, published, plan, gender):
        return False
    planning.count_unchanged(plan, summary)
    summary.unchanged_since = published.name
    summary.validation = f"passed in run {published.name}"
    return True


def nothing_new(
    inputs: list[str],
    output: str,
    reading: planning.Reading,
    batch_size: int,
    prune: bool = False,
    limit: int | None = None,
    gender: bool = True,
) -> RunSummary | None:
    """The summary of a run that would find nothing new, or None when it might find
    something (or cannot tell: the flow then runs and reports as usual)."""
    try:
        where = Location.of(output)
        published = layout.published_dir(where)
        if published is None:
            return None
        with lock.lock_output(where, wait_seconds=0):
            if prune and not planning.takes_everything(limit, reading):
                prune = False  # as the flow does
            workers = os.cpu_count() or 1  # batches do not change what stands
            planned = planning.plan_run(
                inputs, batch_size, workers, reading, published, prune, False, limit
            )
            summary = RunSummary(run_id=layout.new_run_id(), output=where.url)
            summary.inputs_left_out, summary.not_articles = planned.left_out, planned.not_articles
            kept = keeps_published_run(where, published, planned.plan, gender, summary)
            return summary if kept else None
    except (OutputLockedError, StorageError, OSError, ValueError):
        return None
