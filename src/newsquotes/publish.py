"""Publish: write tables to a staging run folder, then publish it with one atomic rename.

Layout under the output folder:

    .runs/<run_id>/<table>/part-00000.parquet   staged (and, once published, current) data
    current -> .runs/<run_id>                   the published run (a symlink, swapped atomically)
    <table> -> current/<table>                  what users open (read_parquet)
    validation/<run_id>.json                    validation results of every run
    data_docs/index.html                        Great Expectations Data Docs of the last run

Readers never see a half-written run: until the `current` link is swapped they read the
previous run, afterwards the new one.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.contracts import Contract, table_names

RUNS_DIR = ".runs"
CURRENT = "current"
KEEP_PREVIOUS_RUNS = 1  # a reader that opened the previous run can finish reading it


class OutputLayoutError(RuntimeError):
    pass


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
    path = folder / f"part-{part:05d}.parquet"
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


def read_staged(staging: Path, contract: Contract) -> pd.DataFrame:
    return pq.read_table(staging / contract.table, schema=contract.arrow_schema()).to_pandas()


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
