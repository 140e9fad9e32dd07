"""Part files: one batch's rows of one table in one Parquet file, written with the contract's
schema, read back by table, group of parts or key columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsquotes.contracts.model import Contract
from newsquotes.output.storage import Location, Where

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
    path = Location.of(staging) / contract.table / part_name(staging, part)
    rewrite_part(path, contract, contract.to_arrow(rows))
    return path


def part_name(staging: Where, part: int) -> str:
    """The file name of batch `part`'s rows, the same in every table of `staging`."""
    return f"part-{Location.of(staging).name}-{part:05d}.parquet"


def drop_articles(staging: Where, contract: Contract, article_ids: set[str]) -> int:
    """Remove the rows of `article_ids` from every part of a staged table; rows removed.

    A part is rewritten under its name (a new file: a part linked from the published run
    is left as it is there) or removed when no row is left.
    """
    removed = 0
    for part in (Location.of(staging) / contract.table).files():
        table = part.read_table(schema=contract.arrow_schema())
        keep = [i for i, a in enumerate(table["article_id"].to_pylist()) if a not in article_ids]
        if len(keep) == table.num_rows:
            continue
        removed += table.num_rows - len(keep)
        if keep:
            rewrite_part(part, contract, table.take(keep))
        else:
            part.remove()
    return removed


def rewrite_part(path: Location, contract: Contract, table: pa.Table) -> None:
    """Write `table` (with the contract's schema) as the part file `path`, replacing it."""
    path.write_table(
        table,
        compression="zstd",
        use_dictionary=dictionary_columns(contract),
        row_group_size=rows_per_group(table),
    )


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


def key_hashes(staging: Where, contract: Contract, owners: bool = False) -> pd.DataFrame:
    """64-bit hashes of each unique column (and of a compound primary key) of a staged
    table, read part by part: the whole table's keys at 8 bytes a row, so uniqueness can
    be checked across the corpus without loading it. Equal keys hash equal, so a repeat is
    never missed; a false repeat would need a 64-bit collision. `owners`: add each row's
    `article_id` (None in a table without one), to trace a repeat to its articles."""
    columns = key_columns(contract)
    owned = owners and "article_id" in contract.column_names
    wanted = list(
        dict.fromkeys([*contract.primary_key, *_unique(contract), *(["article_id"] * owned)])
    )
    hashes: dict[str, list] = {name: [] for name in columns}
    articles: list = []
    for part in (Location.of(staging) / contract.table).files():
        frame = part.read_table(columns=wanted).to_pandas()
        for name in _unique(contract):
            hashes[name].append(pd.util.hash_array(frame[name].to_numpy(dtype=object)))
        if PRIMARY_KEY in columns:
            keys = frame[list(contract.primary_key)]
            hashes[PRIMARY_KEY].append(pd.util.hash_pandas_object(keys, index=False).to_numpy())
        articles.extend(frame["article_id"] if owned else [None] * len(frame))
    table = pd.DataFrame(
        {name: np.concatenate(parts or [np.empty(0, np.uint64)]) for name, parts in hashes.items()}
    )
    if owners:
        table["article_id"] = pd.Series(articles, dtype=object)
    return table


def key_columns(contract: Contract) -> list[str]:
    """The columns of `key_hashes`: unique columns, and `primary_key` when it is compound."""
    compound = [PRIMARY_KEY] if len(contract.primary_key) > 1 else []
    return _unique(contract) + compound


def _unique(contract: Contract) -> list[str]:
    return [column.name for column in contract.columns if column.unique]
