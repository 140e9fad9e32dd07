"""Run folders: stage a run beside the published one, then publish it with one atomic step.

Layout under the output folder (a local folder, or a filesystem URL: see `storage`):

    .runs/<run_id>/<table>/part-*.parquet   staged (and, once published, current) data
    current -> .runs/<run_id>               the published run (local: a symlink, swapped
                                            atomically; elsewhere: a file naming the run,
                                            replaced in one write)
    <table> -> current/<table>              what users open (read_parquet), local only;
                                            elsewhere `published_tables` names them
    validation/<run_id>.json                validation results of every run
    data_docs/index.html                    Great Expectations Data Docs of the last run
    report/index.html                       the report of the published run (`report`),
                                            replaced by every publish

Readers never see a half-written run: until `current` is replaced they read the previous
run, afterwards the new one. A run killed at any point (even `kill -9`) leaves `current`
as it was; its orphaned staging folder is removed by the next run.

Incremental runs: part files are named after the run that wrote them
(`part-<run_id>-<n>.parquet`), so a new run can carry the published parts of unchanged
articles into its staging folder (a hard link, or a filtered copy under the same name when
some of a part's articles were replaced or pruned) without name clashes. Every table's
rows of one batch share one part name, through any number of runs: a batch's spans are
checked against the article texts of its own part (`parts.part_groups`); carrying
parts over is `carry_over`. Only one run at a time
may write to an output folder (`lock`).
"""

from __future__ import annotations

import functools
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from newsquotes.contracts.model import table_names
from newsquotes.output.storage import Location, Where

RUNS_DIR = ".runs"
CURRENT = "current"
KEEP_PREVIOUS_RUNS = 1  # a reader that opened the previous run can finish reading it
KEEP_RESULTS = 100  # validation results kept (output/validation/<run_id>.json), newest first


class OutputLayoutError(RuntimeError):
    pass


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def staging_dir(output: Where, run_id: str) -> Location:
    return Location.of(output) / RUNS_DIR / run_id


# Row groups are what readers load and skip at a time: about 64 MiB of data in memory
PARTS_FILE = "_state/parts.json"  # each published part's fingerprint, to trust it later


def publish(output: Where, run_id: str) -> Location:
    """Make the staged run the published one, atomically; returns the published folder.

    Each part's fingerprint is recorded first: a later run trusts a carried part (skips
    validating it again) only while its fingerprint is unchanged.
    """
    output = Location.of(output)
    run = staging_dir(output, run_id)
    (run / PARTS_FILE).write_text(json.dumps(part_fingerprints(run)))
    if output.is_local:
        _publish_links(output.local_path, run_id)
    else:
        (output / CURRENT).write_text(run_id)  # one object, replaced whole
    _remove_old_runs(output, keep=run_id)
    _remove_old_results(output)
    return staging_dir(output, run_id)


def _publish_links(output: Path, run_id: str) -> None:
    """Swap the `current` symlink to the run; link each table name to `current/<table>`."""
    for table in table_names():
        link = output / table
        if link.exists() and not link.is_symlink():
            raise OutputLayoutError(
                f"{link} exists and is not a newsquotes table link; move it away"
            )
    new_link = output / f".{CURRENT}.{run_id}"
    os.symlink(Path(RUNS_DIR) / run_id, new_link)
    os.replace(new_link, output / CURRENT)
    for table in table_names():
        link = output / table
        if not link.is_symlink():
            os.symlink(Path(CURRENT) / table, link)


def part_fingerprints(run: Location) -> dict[str, list]:
    """`table/part-name` -> the part file's fingerprint, for every part of a run."""
    return {
        f"{table.name}/{part.name}": part.fingerprint()
        for table in run.folders()
        if not table.name.startswith("_")
        for part in table.files()
    }


def recorded_fingerprints(run: Location) -> dict[str, list]:
    """The fingerprints recorded when `run` was published ({} when there are none)."""
    try:
        return json.loads((run / PARTS_FILE).read_text())
    except (OSError, ValueError):
        return {}


def discard(output: Where, run_id: str) -> None:
    """Remove a run that will not be published; its validation results stay, within the
    bounded history (runs that keep failing must not fill the disk either)."""
    staging_dir(output, run_id).remove()
    _remove_old_results(Location.of(output))


def published_run(output: Where) -> str | None:
    """The id of the published run; None before the first publish."""
    output = Location.of(output)
    if output.is_local:
        current = output.local_path / CURRENT
        return Path(os.readlink(current)).name if current.is_symlink() else None
    current = output / CURRENT
    if not current.is_file():
        return None
    return current.read_text().strip() or None


def published_tables(output: Where) -> dict[str, str]:
    """table -> where its published Parquet files are (a folder or URL to read whole)."""
    output = Location.of(output)
    run = published_run(output)
    if run is None:
        return {}
    tables = staging_dir(output, run).folders()
    return {table.name: table.url for table in tables if not table.name.startswith("_")}


def _remove_old_runs(output: Location, keep: str) -> None:
    runs = [run for run in (output / RUNS_DIR).folders() if run.name != keep]
    for old in runs[: max(0, len(runs) - KEEP_PREVIOUS_RUNS)]:
        old.remove()


def _remove_old_results(output: Location) -> None:
    """Validation results of the newest KEEP_RESULTS runs, and of every run still on disk."""
    on_disk = {run.name for run in (output / RUNS_DIR).folders()}
    results = sorted((output / "validation").files(".json"), key=lambda file: file.name)
    for old in results[:-KEEP_RESULTS]:
        if old.name.removesuffix(".json") not in on_disk:
            old.remove()


def remove_orphan_runs(output: Where) -> list[str]:
    """Remove staging folders of runs that never published (killed or crashed runs).

    Call with the lock held. Keeps the published run and the runs before it that a reader
    may still be reading; removes nothing when no run is published (`current` missing).
    """
    output = Location.of(output)
    current = published_run(output)
    if current is None:
        return []  # without `current` a published run cannot be told from an unfinished one
    orphans = [run for run in (output / RUNS_DIR).folders() if run.name > current]
    for run in orphans:
        run.remove()
    return [run.name for run in orphans]


def published_dir(output: Where) -> Location | None:
    """The folder of the published run, or None before the first publish."""
    run = published_run(output)
    return staging_dir(output, run) if run else None


def article_hashes(run_dir: Where) -> dict[str, str]:
    """article_id -> content_hash of the articles of a run folder (two columns are read)."""
    folder = Location.of(run_dir) / "articles"
    if not folder.files():
        return {}
    table = folder.read_table(columns=["article_id", "content_hash"])
    return dict(
        zip(table["article_id"].to_pylist(), table["content_hash"].to_pylist(), strict=True)
    )


@functools.lru_cache(maxsize=2)
def published_hashes(run_dir: Location) -> dict[str, str]:
    """`article_hashes` of a published (so immutable) run, read once per worker process."""
    return article_hashes(run_dir)
