"""`newsquotes schema docs`: the data dictionary, generated from the contracts in `schemas/`.

`docs/data-dictionary.md` is never edited by hand; a test fails when it differs from what
this module generates, so what a data scientist reads is what the pipeline writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsquotes.contracts.model import Column, Contract

DICTIONARY_PATH = Path("docs") / "data-dictionary.md"

# contract type -> (Parquet / Arrow type, pandas dtype from pd.read_parquet, DuckDB type)
TYPE_NOTES = {
    "string": ("string (UTF-8)", "str", "VARCHAR"),
    "int32": ("int32", "int32; float64 (NaN) when nullable and a null is present", "INTEGER"),
    "int64": ("int64", "int64; float64 (NaN) when nullable and a null is present", "BIGINT"),
    "float64": ("double", "float64", "DOUBLE"),
    "bool": ("boolean", "bool; object when nullable and a null is present", "BOOLEAN"),
    "timestamp": ("timestamp[us], no time zone", "datetime64[us] (NaT for null)", "TIMESTAMP"),
}


@dataclass(frozen=True)
class Join:
    table: str
    column: str
    target_table: str
    target_column: str

    def __str__(self) -> str:
        return f"`{self.table}.{self.column}` → `{self.target_table}.{self.target_column}`"


def joins(contracts: dict[str, Contract]) -> list[Join]:
    """Every join between tables.

    A column's `references: table.column` names its join; without one, a column named like
    another table's single-column primary key (`article_id`) joins to that key.
    """
    keys = {c.primary_key[0]: t for t, c in contracts.items() if len(c.primary_key) == 1}
    found = []
    for table, contract in contracts.items():
        for column in contract.columns:
            target = _target(column, keys, table)
            if target is None:
                continue
            target_table, _, target_column = target.partition(".")
            target_contract = contracts.get(target_table)
            if target_contract is None or target_column not in target_contract.column_names:
                raise ValueError(
                    f"{table}.{column.name} references {target}, which no contract defines"
                )
            found.append(Join(table, column.name, target_table, target_column))
    return found


def _target(column: Column, keys: dict[str, str], table: str) -> str | None:
    if column.references:
        return column.references
    owner = keys.get(column.name)
    return f"{owner}.{column.name}" if owner and owner != table else None


def render(contracts: dict[str, Contract]) -> str:
    """The whole data dictionary as Markdown."""
    all_joins = joins(contracts)
    parts = [_header(), _overview(contracts, all_joins), _diagram(contracts, all_joins)]
    parts.append(_reading_notes(contracts))
    parts += [_table_section(contract, all_joins) for contract in contracts.values()]
    return "\n\n".join(part.rstrip() for part in parts) + "\n"


def _header() -> str:
    return """# Data dictionary

<!-- Generated from schemas/*.yaml by `newsquotes schema docs`; do not edit by hand:
     change the contracts, then run the command again (a test fails when this is stale). -->

The tables newsquotes publishes: one Parquet dataset folder per table, `output/<table>/`,
that pandas, DuckDB or polars open directly. Each table's contract, `schemas/<table>.yaml`,
is the single source of truth for its columns; every Parquet file is written with exactly
that schema and validated against it before it is published. Each contract has a semantic
version; what changed between versions is in [CHANGELOG.md](../CHANGELOG.md)."""


def _overview(contracts: dict[str, Contract], all_joins: list[Join]) -> str:
    rows = ["| table | version | grain | key | joins to |", "|---|---|---|---|---|"]
    for table, contract in contracts.items():
        targets = sorted({j.target_table for j in all_joins if j.table == table})
        rows.append(
            f"| [`{table}`](#{table}) | {contract.version} | {contract.grain} | "
            f"{_code_list(contract.primary_key)} | {_code_list(targets)} |"
        )
    join_lines = "\n".join(f"- {join}" for join in all_joins)
    return "## Tables\n\n" + "\n".join(rows) + "\n\n### Joins\n\n" + join_lines


def _diagram(contracts: dict[str, Contract], all_joins: list[Join]) -> str:
    lines = ["```mermaid", "erDiagram"]
    for join in all_joins:
        lines.append(f'    {join.target_table} ||--o{{ {join.table} : "{join.column}"')
    for table, contract in contracts.items():
        keyed = [c for c in contract.columns if c.name in contract.primary_key]
        joined = {j.column for j in all_joins if j.table == table}
        keyed += [c for c in contract.columns if c.name in joined and c not in keyed]
        lines.append(f"    {table} {{")
        for column in keyed:
            marker = "PK" if column.name in contract.primary_key else "FK"
            lines.append(f"        {column.type} {column.name} {marker}")
        lines.append("    }")
    lines.append("```")
    return "\n".join(lines)


def _reading_notes(contracts: dict[str, Contract]) -> str:
    type_rows = "\n".join(
        f"| `{name}` | {arrow} | {pandas} | {duckdb} |"
        for name, (arrow, pandas, duckdb) in TYPE_NOTES.items()
    )
    enums = [f"`{t}.{c.name}`" for t, ct in contracts.items() for c in ct.columns if c.enum]
    return f"""## Reading the tables

| contract type | Parquet (Arrow) | pandas (`pd.read_parquet`) | DuckDB |
|---|---|---|---|
{type_rows}

- **Offsets** (`start`, `end` and the like) are Python `str` indices into
  `articles.text`, end exclusive: `text[start:end]` equals the stored span on every row.
- **Enums** ({", ".join(enums)}) are dictionary-encoded in the Parquet files and read as plain
  strings; ask for a pandas categorical with
  `pd.read_parquet(path, read_dictionary=["<column>"])`.
- **Nullable** `no` means the column is never null; validation refuses a run otherwise.
- **File metadata**: every Parquet file names its contract and version and describes each
  column. In Python: `pyarrow.parquet.read_schema(file).metadata[b"contract_version"]` and
  `.field("<column>").metadata[b"description"]`; in DuckDB:
  `SELECT * FROM parquet_kv_metadata('output/quotes/*.parquet')` (keys `contract`,
  `contract_version`, `column_descriptions`).
- **Compatibility**: within a major version a table only gains tables, nullable columns,
  enum values and looser checks; anything that can break a reader comes with a new major
  version and a CHANGELOG entry (`newsquotes schema check` enforces this in CI)."""


def _table_section(contract: Contract, all_joins: list[Join]) -> str:
    table = contract.table
    lines = [f"## {table}", "", contract.description, ""]
    lines.append(f"- **Version**: {contract.version}")
    lines.append(f"- **Grain**: {contract.grain}")
    lines.append(f"- **Primary key**: {_code_list(contract.primary_key)}")
    outgoing = [j for j in all_joins if j.table == table]
    incoming = [j for j in all_joins if j.target_table == table]
    if outgoing:
        lines.append(f"- **Joins to**: {'; '.join(str(j) for j in outgoing)}")
    if incoming:
        lines.append(f"- **Joined from**: {'; '.join(str(j) for j in incoming)}")
    for span in contract.spans:
        lines.append(
            f"- **Span**: `articles.text[{span.start}:{span.end}] == {span.text}` on every row"
            " where they are not null"
        )
    if contract.scope == "corpus":
        lines.append("- **Built from**: the whole corpus, after every batch (scope `corpus`)")
    lines += [
        "",
        "| # | column | type | nullable | meaning | checks |",
        "|---|---|---|---|---|---|",
    ]
    joined = {j.column: j for j in outgoing}
    for position, column in enumerate(contract.columns, start=1):
        checks = _checks(column, joined.get(column.name))
        nullable = "yes" if column.nullable else "no"
        meaning = column.description.replace("|", "\\|")
        lines.append(
            f"| {position} | `{column.name}` | {column.type} | {nullable} | {meaning} | {checks} |"
        )
    for example in contract.examples:
        lines += ["", f"### {example.title}", "", "pandas:", "", "```python", example.pandas]
        lines += ["```", "", "DuckDB:", "", "```sql", example.duckdb, "```"]
    return "\n".join(lines)


def _checks(column: Column, join: Join | None) -> str:
    checks = []
    if column.unique:
        checks.append("unique")
    if column.enum:
        checks.append("one of " + ", ".join(f"`{value}`" for value in column.enum))
    if column.min is not None:
        checks.append(f"≥ {column.min}")
    if column.max is not None:
        checks.append(f"≤ {column.max}")
    if join:
        checks.append(f"joins `{join.target_table}.{join.target_column}`")
    return "; ".join(checks)


def _code_list(names) -> str:
    return ", ".join(f"`{name}`" for name in names)


def write(contracts: dict[str, Contract], path: Path) -> bool:
    """Write the dictionary; True when the file changed."""
    text = render(contracts)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True
