"""Publish: write tables to a staging run folder, then publish it with one atomic step.

Layout under the output folder (a local folder, or a filesystem URL: see `storage`):

    .runs/<run_id>/<table>/part-*.parquet   staged (and, once published, current) data
    current -> .runs/<run_id>               the published run (local: a symlink, swapped
                                            atomically; elsewhere: a file naming the run,
                                            replaced in one write)
    <table> -> current/<table>              what users open (read_parquet), local only;
                                            elsewhere `published_tables` names them
    validation/<run_id>.json                validation results of every run
    data_docs/index.html                    Great Expectations Data Docs of the last run

Readers never see a half-written run: until `current` is replaced they read the previous
run, afterwards the new one. A run killed at any point (even `kill -9`) leaves `current`
as it was; its orphaned staging folder is removed by the next run.

Incremental runs: part files are named after the run that wrote them
(`part-<run_id>-<n>.parquet`), so a new run can carry the published parts of unchanged
articles into its staging folder (a hard link, or a filtered copy under the same name when
some of a part's articles were replaced or pruned) without name clashes. Every table's
rows of one batch share one part name, through any number of runs: a batch's spans are
checked against the article texts of its own part (`part_groups`). Only one run at a time
may write to an output folder (`output_lock`).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.contracts import Contract, table_names
from newsquotes.storage import Location, Where

RUNS_DIR = ".runs"
CURRENT = "current"
KEEP_PREVIOUS_RUNS = 1  # a reader that opened the previous run can finish reading it


class OutputLayoutError(RuntimeError):
    pass


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def staging_dir(output: Where, run_id: str) -> Location:
    return Location.of(output) / RUNS_DIR / run_id


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


def write_part(staging: Where, contract: Contract, rows: list[dict], part: int) -> Location:
    """Rows of one batch as a Parquet part file with exactly the contract's schema.

    The schema carries the contract's name and version and every column's description
    (see `Contract.arrow_schema`); zstd compression; enum columns dictionary-encoded.
    """
    staging = Location.of(staging)
    path = staging / contract.table / f"part-{staging.name}-{part:05d}.parquet"
    table = contract.to_arrow(rows)
    path.write_table(
        table,
        compression="zstd",
        use_dictionary=dictionary_columns(contract),
        row_group_size=rows_per_group(table),
    )
    return path


def ensure_every_table(staging: Where, contracts: dict[str, Contract]) -> None:
    """Tables that received no rows still get an empty part, so readers see their columns."""
    staging = Location.of(staging)
    for table, contract in contracts.items():
        if not (staging / table).files():
            write_part(staging, contract, [], 0)


def read_staged(staging: Where, contract: Contract, parts: list[str] | None = None) -> pd.DataFrame:
    """A staged table, or only its part files named in `parts`, as a DataFrame."""
    folder = Location.of(staging) / contract.table
    files = folder.files()
    if parts is not None:
        wanted = set(parts)
        files = [file for file in files if file.name in wanted]
    if not files:
        return contract.to_arrow([]).to_pandas()
    paths = [file.path for file in files]
    table = pq.read_table(paths, schema=contract.arrow_schema(), filesystem=folder.filesystem)
    return table.to_pandas()


def part_groups(
    staging: Where, tables: list[str], skip: set[str], articles_per_group: int
) -> list[list[str]]:
    """Part names of the staged batch tables (less `skip`), in groups of about
    `articles_per_group` articles: what validation holds in memory at a time.

    A part name stands for one batch in every table, so a group holds whole batches.
    """
    staging = Location.of(staging)
    names = sorted({p.name for t in tables for p in (staging / t).files()} - skip)
    article_parts = {part.name: part for part in (staging / "articles").files()}
    groups: list[list[str]] = [[]]
    articles = 0
    for name in names:
        rows = article_parts[name].num_rows() if name in article_parts else 0
        if groups[-1] and articles + rows > articles_per_group:
            groups.append([])
            articles = 0
        groups[-1].append(name)
        articles += rows
    return [group for group in groups if group]


PRIMARY_KEY = "primary_key"  # the key_hashes column of a compound primary key


def key_hashes(staging: Where, contract: Contract) -> pd.DataFrame:
    """64-bit hashes of each unique column (and of a compound primary key) of a staged
    table, read part by part: the whole table's keys at 8 bytes a row, so uniqueness can
    be checked across the corpus without loading it. Equal keys hash equal, so a repeat is
    never missed; a false repeat would need a 64-bit collision."""
    columns = key_columns(contract)
    wanted = list(dict.fromkeys([*contract.primary_key, *_unique(contract)]))
    hashes: dict[str, list] = {name: [] for name in columns}
    for part in (Location.of(staging) / contract.table).files():
        frame = part.read_table(columns=wanted).to_pandas()
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


def publish(output: Where, run_id: str) -> Location:
    """Make the staged run the published one, atomically; returns the published folder."""
    output = Location.of(output)
    if output.is_local:
        _publish_links(output.local_path, run_id)
    else:
        (output / CURRENT).write_text(run_id)  # one object, replaced whole
    _remove_old_runs(output, keep=run_id)
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


def discard(output: Where, run_id: str) -> None:
    """Remove a run that will not be published."""
    staging_dir(output, run_id).remove()


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


def remove_orphan_runs(output: Where) -> list[str]:
    """Remove staging folders of runs that never published (killed or crashed runs).

    Call with the lock held. Keeps the published run and the runs before it that a reader
    may still be reading.
    """
    output = Location.of(output)
    current = published_run(output)
    orphans = [
        run for run in (output / RUNS_DIR).folders() if current is None or run.name > current
    ]
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


@dataclass
class CarriedOver:
    """What `carry_over` brought into staging."""

    rows: dict[str, int] = field(default_factory=dict)  # rows carried per table
    unchanged_parts: set[str] = field(default_factory=set)  # linked as published, every table
    complete: bool = True  # every published part linked as it was: nothing dropped


def carry_over(published: Where, staging: Where, tables: list[str], drop: set[str]) -> CarriedOver:
    """Bring the published rows of `tables` into `staging`, except articles in `drop`.

    A part file with no dropped article is hard-linked (copied where links are not
    possible); a part with some is rewritten, under the same name, without their rows. One
    file is in memory at a time, so this costs the same whatever the corpus size.
    """
    published, staging = Location.of(published), Location.of(staging)
    carried = CarriedOver()
    changed: set[str] = set()
    for table in tables:
        parts = (published / table).files()
        if not parts:
            continue
        carried.rows[table] = 0
        for part in parts:
            ids = part.read_table(columns=["article_id"])["article_id"].to_pylist()
            target = staging / table / part.name
            if drop.isdisjoint(ids):
                target.copy_from(part)
                carried.unchanged_parts.add(part.name)
                carried.rows[table] += len(ids)
                continue
            changed.add(part.name)
            kept = [i for i, article_id in enumerate(ids) if article_id not in drop]
            if kept:
                target.write_table(part.read_table().take(kept), compression="zstd")
                carried.rows[table] += len(kept)
    carried.unchanged_parts -= changed
    carried.complete = not changed
    return carried


def link_tables(published: Where, staging: Where, tables: list[str]) -> dict[str, int]:
    """Link every part of `tables` from a published run into staging; rows per table."""
    published, staging = Location.of(published), Location.of(staging)
    linked = {}
    for table in tables:
        linked[table] = 0
        for part in (published / table).files():
            (staging / table / part.name).copy_from(part)
            linked[table] += part.num_rows()
    return linked
