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


def write_part(staging: Path, contract: Contract, rows: list[dict], part: int) -> Path:
    """Rows of one batch as a Parquet part file with exactly the contract's schema."""
    folder = staging / contract.table
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{part:05d}.parquet"
    tmp = path.with_suffix(".tmp")
    pq.write_table(contract.to_arrow(rows), tmp, compression="zstd")
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
