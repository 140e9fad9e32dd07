"""Publish: write tables to a staging run folder, then publish it with one atomic rename.

Layout under the output folder:

    .runs/<run_id>/<table>/part-00000.parquet   staged (and, once published, current) data
    current -> .runs/<run_id>                   the published run (a symlink, swapped atomically)
    <table> -> current/<table>                  what users open (read_parquet)
    validation/<run_id>.json                    validation results of every run
    data_docs/index.html                        Great Expectations Data Docs of the last run

Readers never see a half-written run: until the `current` link is swapped they read the
previous run, afterwards the new one. A run killed at any point (even `kill -9`) leaves
`current` as it was; its orphaned staging folder is removed by the next run.

Incremental runs: part files are named after the run that wrote them
(`part-<run_id>-<n>.parquet`), so a new run can carry the published parts of unchanged
articles into its staging folder (a hard link, or a filtered copy under the same name when
some of a part's articles were replaced or pruned) without name clashes. Every table's
rows of one batch share one part name, through any number of runs: a batch's spans are
checked against the article texts of its own part (`part_groups`). Only one run at a time
may write to an output folder (`lock_output`).
"""

from __future__ import annotations

import fcntl
import functools
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.contracts import Contract, table_names

RUNS_DIR = ".runs"
CURRENT = "current"
LOCK_FILE = ".lock"
KEEP_PREVIOUS_RUNS = 1  # a reader that opened the previous run can finish reading it


class OutputLayoutError(RuntimeError):
    pass


class OutputLockedError(RuntimeError):
    """Another run holds the output folder."""


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def staging_dir(output: Path, run_id: str) -> Path:
    return output / RUNS_DIR / run_id


# Row groups are what readers load and skip at a time: about 64 MiB of data in memory
# each, so a reader never holds a whole large part, and at most a million rows.
ROW_GROUP_BYTES = 64 * 1024 * 1024
ROW_GROUP_MAX_ROWS = 1024 * 1024


def rows_per_group(table: pa.Table) -> int:
    """Rows per row group for this table, from its average row size."""
    if table.num_rows == 0:
        return ROW_GROUP_MAX_ROWS
    row_bytes = max(1, table.nbytes // table.num_rows)
    return max(1, min(ROW_GROUP_MAX_ROWS, ROW_GROUP_BYTES // row_bytes))


def dictionary_columns(contract: Contract) -> list[str]:
    """Columns worth a Parquet dictionary: enums, and strings that repeat (not unique ids).

    A unique id's dictionary would be as large as the column itself.
    """
    return [c.name for c in contract.columns if c.enum or (c.type == "string" and not c.unique)]


def write_part(staging: Path, contract: Contract, rows: list[dict], part: int) -> Path:
    """Rows of one batch as a Parquet part file with exactly the contract's schema.

    The schema carries the contract's name and version and every column's description
    (see `Contract.arrow_schema`); zstd compression; enum columns dictionary-encoded.
    """
    folder = staging / contract.table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{staging.name}-{part:05d}.parquet"
    tmp = path.with_suffix(".tmp")
    table = contract.to_arrow(rows)
    pq.write_table(
        table,
        tmp,
        compression="zstd",
        use_dictionary=dictionary_columns(contract),
        row_group_size=rows_per_group(table),
    )
    os.replace(tmp, path)
    return path


def ensure_every_table(staging: Path, contracts: dict[str, Contract]) -> None:
    """Tables that received no rows still get an empty part, so readers see their columns."""
    for table, contract in contracts.items():
        if not any((staging / table).glob("*.parquet")):
            write_part(staging, contract, [], 0)


def read_staged(staging: Path, contract: Contract, parts: list[str] | None = None) -> pd.DataFrame:
    """A staged table, or only its part files named in `parts`, as a DataFrame."""
    folder = staging / contract.table
    if parts is None:
        return pq.read_table(folder, schema=contract.arrow_schema()).to_pandas()
    paths = [str(folder / name) for name in parts if (folder / name).exists()]
    if not paths:
        return contract.to_arrow([]).to_pandas()
    return pq.read_table(paths, schema=contract.arrow_schema()).to_pandas()


def part_groups(
    staging: Path, tables: list[str], skip: set[str], articles_per_group: int
) -> list[list[str]]:
    """Part names of the staged batch tables (less `skip`), in groups of about
    `articles_per_group` articles: what validation holds in memory at a time.

    A part name stands for one batch in every table, so a group holds whole batches.
    """
    names = sorted({p.name for t in tables for p in (staging / t).glob("*.parquet")} - skip)
    groups: list[list[str]] = [[]]
    articles = 0
    for name in names:
        path = staging / "articles" / name
        rows = pq.ParquetFile(path).metadata.num_rows if path.exists() else 0
        if groups[-1] and articles + rows > articles_per_group:
            groups.append([])
            articles = 0
        groups[-1].append(name)
        articles += rows
    return [group for group in groups if group]


PRIMARY_KEY = "primary_key"  # the key_hashes column of a compound primary key


def key_hashes(staging: Path, contract: Contract) -> pd.DataFrame:
    """64-bit hashes of each unique column (and of a compound primary key) of a staged
    table, read part by part: the whole table's keys at 8 bytes a row, so uniqueness can
    be checked across the corpus without loading it. Equal keys hash equal, so a repeat is
    never missed; a false repeat would need a 64-bit collision."""
    columns = key_columns(contract)
    wanted = list(dict.fromkeys([*contract.primary_key, *_unique(contract)]))
    hashes: dict[str, list] = {name: [] for name in columns}
    for part in sorted((staging / contract.table).glob("*.parquet")):
        frame = pq.read_table(part, columns=wanted).to_pandas()
        for name in _unique(contract):
            hashes[name].append(pd.util.hash_array(frame[name].to_numpy(dtype=object)))
        if PRIMARY_KEY in columns:
            keys = frame[list(contract.primary_key)]
            hashes[PRIMARY_KEY].append(pd.util.hash_pandas_object(keys, index=False).to_numpy())
    return pd.DataFrame(
        {name: np.concatenate(parts or [np.empty(0, np.uint64)]) for name, parts in hashes.items()}
    )


def key_columns(contract: Contract) -> list[str]:
    """The columns of `key_hashes`: unique columns, and `primary_key` when it is compound."""
    compound = [PRIMARY_KEY] if len(contract.primary_key) > 1 else []
    return _unique(contract) + compound


def _unique(contract: Contract) -> list[str]:
    return [column.name for column in contract.columns if column.unique]


def publish(output: Path, run_id: str) -> Path:
    """Make the staged run the published one, atomically; returns the published folder."""
    staging = staging_dir(output, run_id)
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
    _remove_old_runs(output, keep=run_id)
    return staging


def discard(output: Path, run_id: str) -> None:
    """Remove a run that will not be published."""
    shutil.rmtree(staging_dir(output, run_id), ignore_errors=True)


def published_run(output: Path) -> str | None:
    current = output / CURRENT
    return Path(os.readlink(current)).name if current.is_symlink() else None


def _remove_old_runs(output: Path, keep: str) -> None:
    runs = sorted(p for p in (output / RUNS_DIR).iterdir() if p.is_dir() and p.name != keep)
    for old in runs[: max(0, len(runs) - KEEP_PREVIOUS_RUNS)]:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def lock_output(output: Path, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the output folder's lock for a whole run; a second run waits, then refuses.

    An OS file lock (`flock`) is released by the kernel when its process dies, so a run
    killed with `kill -9` never leaves a stale lock behind.
    """
    output.mkdir(parents=True, exist_ok=True)
    path = output / LOCK_FILE
    handle = path.open("a+", encoding="utf-8")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise OutputLockedError(
                        f"{output} is in use by another newsquotes run ({holder}); "
                        f"waited {wait_seconds:g} s. Try again when it has finished."
                    ) from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
        handle.flush()
        yield
    finally:
        handle.close()  # closing the descriptor releases the lock


def remove_orphan_runs(output: Path) -> list[str]:
    """Remove staging folders of runs that never published (killed or crashed runs).

    Call with the lock held. Keeps the published run and the runs before it that a reader
    may still be reading.
    """
    runs_root = output / RUNS_DIR
    current = published_run(output)
    if not runs_root.is_dir():
        return []
    orphans = [
        run.name
        for run in runs_root.iterdir()
        if run.is_dir() and (current is None or run.name > current)
    ]
    for name in orphans:
        shutil.rmtree(runs_root / name, ignore_errors=True)
    return orphans


def published_dir(output: Path) -> Path | None:
    """The folder of the published run, or None before the first publish."""
    run = published_run(output)
    return staging_dir(output, run) if run else None


def article_hashes(run_dir: Path) -> dict[str, str]:
    """article_id -> content_hash of the articles of a run folder (two columns are read)."""
    folder = run_dir / "articles"
    if not any(folder.glob("*.parquet")):
        return {}
    table = pq.read_table(folder, columns=["article_id", "content_hash"])
    return dict(
        zip(table["article_id"].to_pylist(), table["content_hash"].to_pylist(), strict=True)
    )


@functools.lru_cache(maxsize=2)
def published_hashes(run_dir: str) -> dict[str, str]:
    """`article_hashes` of a published (so immutable) run, read once per worker process."""
    return article_hashes(Path(run_dir))


@dataclass
class CarriedOver:
    """What `carry_over` brought into staging."""

    rows: dict[str, int] = field(default_factory=dict)  # rows carried per table
    unchanged_parts: set[str] = field(default_factory=set)  # linked as published, every table
    complete: bool = True  # every published part linked as it was: nothing dropped


def carry_over(published: Path, staging: Path, tables: list[str], drop: set[str]) -> CarriedOver:
    """Bring the published rows of `tables` into `staging`, except articles in `drop`.

    A part file with no dropped article is hard-linked (copied where links are not
    possible); a part with some is rewritten, under the same name, without their rows. One
    file is in memory at a time, so this costs the same whatever the corpus size.
    """
    carried = CarriedOver()
    changed: set[str] = set()
    for table in tables:
        source = published / table
        if not source.is_dir():
            continue
        target = staging / table
        target.mkdir(parents=True, exist_ok=True)
        carried.rows[table] = 0
        for part in sorted(source.glob("*.parquet")):
            ids = pq.read_table(part, columns=["article_id"])["article_id"].to_pylist()
            if drop.isdisjoint(ids):
                _link_or_copy(part, target / part.name)
                carried.unchanged_parts.add(part.name)
                carried.rows[table] += len(ids)
                continue
            changed.add(part.name)
            kept = [i for i, article_id in enumerate(ids) if article_id not in drop]
            if kept:
                rows = pq.read_table(part).take(kept)
                tmp = (target / part.name).with_suffix(".tmp")
                pq.write_table(rows, tmp, compression="zstd")
                os.replace(tmp, target / part.name)
                carried.rows[table] += len(kept)
    carried.unchanged_parts -= changed
    carried.complete = not changed
    return carried


def link_tables(published: Path, staging: Path, tables: list[str]) -> dict[str, int]:
    """Link every part of `tables` from a published run into staging; rows per table."""
    linked = {}
    for table in tables:
        (staging / table).mkdir(parents=True, exist_ok=True)
        linked[table] = 0
        for part in sorted((published / table).glob("*.parquet")):
            _link_or_copy(part, staging / table / part.name)
            linked[table] += pq.ParquetFile(part).metadata.num_rows
    return linked


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
